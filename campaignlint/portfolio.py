"""The portfolio: every brief a run compares, for rules that see across briefs.

Some mistakes show only across briefs: a creator under one brand's exclusivity booked by a
competitor for the same weeks, two competing brands promoted back to back, a creator booked for
more posts in a week than they can make well. Portfolio rules (``SCOPE = "portfolio"`` in a rule
module) receive a :class:`Portfolio`: one :class:`PortfolioBrief` per brief, each read and parsed
once, with what those rules compare (brand, category, dates, exclusivity, creators, deliverables)
and the brief's plain data for anything else.

The portfolio is every brief under the config's ``portfolio:`` globs, plus the files of the run
(default: the files of the run alone), so a pre-commit run on one changed brief still compares it
with the others. Findings are reported only in the briefs of the run; each names the other brief.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from campaignlint import clock
from campaignlint.domain import parse_date
from campaignlint.frozen import field, record
from campaignlint.i18n import Message
from campaignlint.loader import nearest_position
from campaignlint.model import Position, Problem, Related, Severity
from campaignlint.text import fold, normalize_handle

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from campaignlint.engine import ActiveRule, FileResult
    from campaignlint.loader import LoadedDocument
    from campaignlint.plan import Job

BRIEF_SUFFIXES = (".yaml", ".yml")
MAX_EXCLUSIVITY_DAYS = 100 * 366
RECHECK_IN_POOL = 32  # more briefs with portfolio findings than this are checked again in a pool


@record(frozen=True)
class Booking:
    """A creator as one brief books them: the influencer entry and its deliverables' dates."""

    handle: str  # as written, for messages
    key: str  # the matching key: without ``@``, folded
    platform: str | None  # the creator's platform when the brief fixes one
    pointer: str  # the influencer entry, where findings point
    position: Position
    deliveries: tuple[Delivery, ...] = ()


@record(frozen=True)
class Delivery:
    """A deliverable with a due date: ``count`` posts due on ``due``."""

    due: dt.date
    count: int
    pointer: str
    position: Position


@record(frozen=True)
class Exclusivity:
    """The exclusivity a brief's contract sets: ``category`` None locks every category."""

    category: str | None  # as written
    start: dt.date
    end: dt.date  # inclusive

    def covers_category(self, category_keys: frozenset[str]) -> bool:
        """True when it locks one of the (text-matched) ``category_keys``."""
        return self.category is None or fold(self.category) in category_keys


@record(frozen=True)
class PortfolioBrief:
    """What portfolio rules read of one brief. Dates are None when the brief has none."""

    path: str
    brand: str | None
    categories: tuple[str, ...]  # campaign.category and the exclusivity's category, as written
    start: dt.date | None
    end: dt.date | None
    exclusivity: Exclusivity | None
    bookings: tuple[Booking, ...]
    positions: Mapping[str, Position] = field(default_factory=dict, repr=False)
    # the plain data; None until first read when the portfolio was built without it
    _data: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)
    brand_key: str | None = field(init=False, repr=False)  # the brand, text-matched
    category_keys: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "brand_key", fold(self.brand) if self.brand else None)
        object.__setattr__(self, "category_keys", frozenset(fold(c) for c in self.categories))

    @property
    def data(self) -> Mapping[str, Any]:
        """The brief's plain data, for anything the fields above do not say. A brief of the
        run carries only those fields (the portfolio of many briefs stays small): its data is
        read again from its file on first use."""
        if self._data is None:
            document = _read_document(self.path)
            data = document.data if document is not None else None
            object.__setattr__(self, "_data", data if isinstance(data, Mapping) else {})
        assert self._data is not None
        return self._data

    def period(self) -> str:
        """``2027-03-01..2027-03-31`` for messages; ``?`` for a date the brief lacks."""
        start = self.start.isoformat() if self.start else "?"
        end = self.end.isoformat() if self.end else "?"
        return f"{start}..{end}"

    def position(self, pointer: str) -> Position:
        """Where ``pointer`` stands in the brief; its nearest recorded ancestor when unknown."""
        return nearest_position(self.positions, pointer)

    def problem(
        self,
        pointer: str,
        message: Message,
        fix: Message | None = None,
        *,
        severity: Severity | str | None = None,
        related: Iterable[Related] = (),
    ) -> PortfolioProblem:
        """A problem in this brief, at ``pointer``."""
        problem = Problem(
            pointer=pointer,
            message=message,
            fix=fix,
            severity=Severity(severity) if severity is not None else None,
            position=self.positions.get(pointer),  # else the check of the brief finds it
            related=tuple(related),
        )
        return PortfolioProblem(self.path, problem)

    def related(self, booking: Booking) -> Related:
        """The place of ``booking`` in this brief, for another brief's finding."""
        line, column, _end_line, _end_column = booking.position
        return Related(booking.pointer, line, column, self.path)


# NamedTuple's functional form: its types are objects, not the strings of annotations, so
# typing compiles nothing (a run's first compile() builds the AST types: ~9M instructions).
class PortfolioProblem(NamedTuple("PortfolioProblem", [("path", str), ("problem", Problem)])):
    """A portfolio rule's problem and the brief it belongs to."""

    __slots__ = ()


@record
class Portfolio:
    """Every brief compared in a run, and which of them the run reports on."""

    briefs: list[PortfolioBrief]
    checked: AbstractSet[str]  # paths of the briefs of the run
    today: dt.date = field(default_factory=clock.today)
    _conflicts: list[Conflict] | None = field(default=None, repr=False)

    def bookings_by_creator(self) -> dict[str, list[tuple[PortfolioBrief, Booking]]]:
        """Every brief's bookings grouped by creator key, in the portfolio's order."""
        grouped: dict[str, list[tuple[PortfolioBrief, Booking]]] = {}
        for brief in self.briefs:
            for booking in brief.bookings:
                grouped.setdefault(booking.key, []).append((brief, booking))
        return grouped


def same_platform(left: Booking, right: Booking) -> bool:
    """Two bookings of one handle are the same creator unless both name different platforms."""
    return left.platform is None or right.platform is None or left.platform == right.platform


@lru_cache(maxsize=4096)
def shown_path(path: str) -> str:
    """A brief's path as messages name it: relative to the working folder when inside it."""
    import os

    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative.startswith("..") else relative


def shared_category(left: PortfolioBrief, right: PortfolioBrief) -> str | None:
    """The first category (as ``left`` writes it) that both briefs name, text-matched."""
    if not left.category_keys & right.category_keys:
        return None
    return next((c for c in left.categories if fold(c) in right.category_keys), None)


def different_brands(left: PortfolioBrief, right: PortfolioBrief) -> bool:
    """True when both briefs name a brand and the brands differ (text-matched)."""
    return bool(left.brand_key and right.brand_key and left.brand_key != right.brand_key)


@record(frozen=True)
class Side:
    """One brief's side of a cross-brief problem: the brief and its booking of the creator."""

    brief: PortfolioBrief
    booking: Booking


@record(frozen=True)
class Conflict:
    """``holder``'s exclusivity is broken by ``other``'s booking of the same creator."""

    holder: Side
    other: Side
    exclusivity: Exclusivity

    def pair(self) -> tuple[frozenset[str], str]:
        return frozenset((self.holder.brief.path, self.other.brief.path)), self.holder.booking.key


def exclusivity_conflicts(portfolio: Portfolio) -> list[Conflict]:
    """Every exclusivity a portfolio's bookings break, one per pair of briefs and creator.

    Computed once per portfolio (``competing-promotions`` leaves these pairs to
    ``exclusivity-conflict``). Per creator, the other briefs are sorted by start date, so each
    exclusivity is compared only with the campaigns that start before it ends.
    """
    if portfolio._conflicts is not None:
        return portfolio._conflicts
    import bisect

    conflicts: list[Conflict] = []
    seen: set[tuple[frozenset[str], str]] = set()
    for entries in portfolio.bookings_by_creator().values():
        holders = [Side(b, k) for b, k in entries if b.exclusivity is not None and b.brand_key]
        if not holders or len(entries) < 2:
            continue
        dated = sorted(
            (Side(b, k) for b, k in entries if b.start and b.end and b.brand_key),
            key=lambda side: side.brief.start or dt.date.min,
        )
        starts = [side.brief.start or dt.date.min for side in dated]
        for holder in holders:
            exclusivity = holder.brief.exclusivity
            assert exclusivity is not None
            for other in dated[: bisect.bisect_right(starts, exclusivity.end)]:
                if not _breaks(holder, other, exclusivity):
                    continue
                conflict = Conflict(holder, other, exclusivity)
                if conflict.pair() not in seen:
                    seen.add(conflict.pair())
                    conflicts.append(conflict)
    portfolio._conflicts = conflicts
    return conflicts


def _breaks(holder: Side, other: Side, exclusivity: Exclusivity) -> bool:
    return (
        other.brief is not holder.brief
        and different_brands(holder.brief, other.brief)
        and (other.brief.end or dt.date.min) >= exclusivity.start
        and same_platform(holder.booking, other.booking)
        and exclusivity.covers_category(other.brief.category_keys)
    )


# --- reading briefs --------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _platforms(campaign: Mapping[str, Any]) -> list[str]:
    platforms = campaign.get("platforms")
    if isinstance(platforms, list):
        return [p for p in platforms if isinstance(p, str)]
    single = campaign.get("platform")
    return [single] if isinstance(single, str) else []


def _exclusivity(
    data: Mapping[str, Any], start: dt.date | None, end: dt.date | None
) -> Exclusivity | None:
    """Lasts from campaign.start for ``duration_days``; with no duration, to the later of
    campaign.end and contract.term.end."""
    contract = data.get("contract")
    if not isinstance(contract, Mapping) or start is None:
        return None
    exclusivity = contract.get("exclusivity")
    if not isinstance(exclusivity, Mapping):
        return None
    category = _text(exclusivity.get("category"))
    days = exclusivity.get("duration_days")
    if isinstance(days, int | float) and not isinstance(days, bool) and days >= 1:
        days = min(days, MAX_EXCLUSIVITY_DAYS)  # "perpetual" numbers must not overflow a date
        return Exclusivity(category, start, start + dt.timedelta(days=int(days) - 1))
    term = contract.get("term")
    term_end = parse_date(term.get("end")) if isinstance(term, Mapping) else None
    ends = [day for day in (end, term_end) if day is not None]
    if not ends:
        return None
    return Exclusivity(category, start, max(ends))


def _count(value: Any) -> int:
    """A deliverable's ``count``: 1 when absent or unreadable."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10_000:
        return value
    return 1


def _bookings(
    data: Mapping[str, Any], campaign: Mapping[str, Any], position: Any
) -> tuple[Booking, ...]:
    platforms = _platforms(campaign)
    default_platform = platforms[0] if len(platforms) == 1 else None
    deliveries: dict[str, list[Delivery]] = {}
    for index, deliverable in enumerate(_list(data.get("deliverables"))):
        if not isinstance(deliverable, Mapping):
            continue
        handle, due = _text(deliverable.get("influencer")), parse_date(deliverable.get("due"))
        if handle is None or due is None:
            continue
        pointer = sys.intern(f"/deliverables/{index}")  # one string for every brief's records
        deliveries.setdefault(normalize_handle(handle), []).append(
            Delivery(due, _count(deliverable.get("count")), pointer, position(pointer))
        )
    bookings = []
    for index, influencer in enumerate(_list(data.get("influencers"))):
        if not isinstance(influencer, Mapping):
            continue
        handle = _text(influencer.get("handle"))
        key = normalize_handle(handle) if handle is not None else ""
        if handle is None or not key:
            continue
        platform = _text(influencer.get("platform")) or default_platform
        pointer = sys.intern(f"/influencers/{index}")
        bookings.append(
            Booking(
                handle,
                key,
                fold(platform) if platform else None,
                pointer,
                position(pointer),
                tuple(deliveries.get(key, ())),
            )
        )
    return tuple(bookings)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def brief_from_document(
    path: str, document: LoadedDocument, keep_data: bool = True
) -> PortfolioBrief | None:
    """What portfolio rules read of a parsed brief; None when it is not a mapping. Without
    ``keep_data``, its ``data`` is read again from ``path`` if a rule asks for it."""
    data = document.data
    if not isinstance(data, Mapping):
        return None
    campaign = data.get("campaign")
    campaign = campaign if isinstance(campaign, Mapping) else {}
    start, end = parse_date(campaign.get("start")), parse_date(campaign.get("end"))
    exclusivity = _exclusivity(data, start, end)
    categories = [c for c in (_text(campaign.get("category")),) if c]
    if exclusivity is not None and exclusivity.category:
        categories.append(exclusivity.category)

    kept: dict[str, Position] = {}

    def position(pointer: str) -> Position:
        found = nearest_position(document.positions, pointer)
        kept[pointer] = found
        return found

    bookings = _bookings(data, campaign, position)
    return PortfolioBrief(
        path=path,
        brand=_text(campaign.get("brand")),
        categories=tuple(categories),
        start=start,
        end=end,
        exclusivity=exclusivity,
        bookings=bookings,
        positions=kept,
        _data=data if keep_data else None,
    )


def read_portfolio_brief(path: str, max_size: int) -> PortfolioBrief | None:
    """Read and parse one brief of the portfolio; None when it cannot be read as a brief (its
    own check reports why, when it is in the run)."""
    from campaignlint.engine import read_brief
    from campaignlint.errors import CampaignlintError
    from campaignlint.loader import load_text

    try:
        text = read_brief(Path(path), max_size)
        document = _plain_document(text) or load_text(text)
        return brief_from_document(path, document)
    except (CampaignlintError, RecursionError):
        return None


def _read_document(path: str) -> LoadedDocument | None:
    """A brief read and parsed as its check reads it; None when it cannot be."""
    from campaignlint.engine import read_brief
    from campaignlint.errors import CampaignlintError
    from campaignlint.loader import load_text

    try:
        return load_text(read_brief(Path(path), 2**31))
    except (OSError, CampaignlintError, RecursionError):
        return None


_PLAIN_SECTIONS = ("influencers", "deliverables")


def _plain_document(text: str) -> LoadedDocument | None:
    """The brief parsed by libyaml's C composer, with the positions the portfolio rules point
    at (each influencer and deliverable): several times cheaper than the full loader, which
    every brief of the run also goes through. None (use the full loader) for anything unusual:
    anchors and aliases (no expansion is bounded here), tags, or what libyaml refuses."""
    if "&" in text or "*" in text or "!" in text:
        return None
    import yaml

    from campaignlint.loader import LoadedDocument

    loader = yaml.CSafeLoader(text) if hasattr(yaml, "CSafeLoader") else None
    if loader is None:
        return None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None
    finally:
        loader.dispose()
    positions: dict[str, Position] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in _PLAIN_SECTIONS and isinstance(value, yaml.SequenceNode):
                for index, item in enumerate(value.value):
                    positions[f"/{key.value}/{index}"] = _place(item)
    return LoadedDocument(data=data, text=text, positions=positions)


def _place(node: Any) -> Position:
    start, end = node.start_mark, node.end_mark
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _read_chunk(paths: list[str], max_size: int) -> list[PortfolioBrief | None]:
    return [read_portfolio_brief(path, max_size) for path in paths]


def read_portfolio_briefs(
    paths: Sequence[str], max_size: int, workers: int = 1
) -> list[PortfolioBrief]:
    """Every readable brief of ``paths``, in order; in a pool of ``workers`` for many files."""
    if workers <= 1 or len(paths) < 200:
        read = _read_chunk(list(paths), max_size)
    else:
        from concurrent.futures import ProcessPoolExecutor

        size = max(1, min(256, len(paths) // (workers * 4)))
        chunks = [list(paths[i : i + size]) for i in range(0, len(paths), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            read = [
                brief
                for chunk in pool.map(_read_chunk, chunks, [max_size] * len(chunks))
                for brief in chunk
            ]
    return [brief for brief in read if brief is not None]


def expand_globs(patterns: Sequence[str], root: Path) -> list[str]:
    """The briefs (``*.yaml``, ``*.yml``) the ``portfolio:`` globs match under ``root``
    (campaignlint.globs: .gitignore semantics; ``briefs/**`` or ``briefs/`` takes a folder)."""
    from campaignlint.globs import find_files

    return [shown_path(str(path)) for path in find_files(patterns, root, BRIEF_SUFFIXES)]


PortfolioOutcome = tuple[str, Problem | str]
"""A portfolio rule's id and its problem, or the one-line error it crashed with."""


def check_portfolio(
    portfolio: Portfolio, rules: Sequence[Any]
) -> dict[str, list[PortfolioOutcome]]:
    """Run the active portfolio ``rules`` (``ActiveRule`` objects): their problems by brief
    path, for the briefs of the run only. A rule that raises is reported in every brief of the
    run as that rule's crash, and the other rules still run."""
    found: dict[str, list[PortfolioOutcome]] = {}
    for active in rules:
        try:
            outcomes = list(active.rule.check(portfolio, active.options))
        except Exception as error:  # a broken rule must not stop the others
            detail = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
            for path in sorted(portfolio.checked):
                found.setdefault(path, []).append((active.rule.id, detail.rstrip(": ")))
            continue
        for path, problem in outcomes:
            if path in portfolio.checked:
                found.setdefault(path, []).append((active.rule.id, problem))
    return found


def run_with_portfolio(
    jobs: Sequence[Job],
    workers: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[FileResult]:
    """Lint ``jobs`` like :func:`campaignlint.run.run_jobs`, yielding each result in order, with
    the portfolio rules' findings in each brief's result.

    Each brief of the run is read and parsed once: its lint also records what the portfolio
    rules read of it (``record_portfolio``). Only the briefs the config's ``portfolio:`` globs
    add are read for the portfolio alone. The portfolio rules' findings join a brief's own with
    its severities and per-file limit, as any other finding; a brief whose comments or config
    can suppress them (or whose limit they would pass) is checked again with them. The
    portfolio rules need every brief, so the results of a large run wait for them in a
    temporary file, not in memory, and so do the records; the built-in rules are handed only
    the briefs that share a creator or book one for several posts (:class:`_Records`): memory
    stays flat however many briefs the run has.
    """
    from campaignlint.frozen import replace
    from campaignlint.run import run_jobs, run_packed, worker_pool

    rules = _portfolio_rules(jobs)
    if not rules:
        yield from run_jobs(jobs, workers, progress)
        return
    recording = jobs  # a plan's jobs record already (plan._compares_briefs): not a second list
    if not all(job.record_portfolio for job in _kinds(jobs)):
        recording = [replace(job, record_portfolio=True) for job in jobs]
    records = _Records(all(_prunable(active) for active in rules), _most_posts(rules))
    # one pool for the briefs and their re-checks: no second start, and its caches are warm
    with _ResultSpool(len(jobs)) as spool, records, worker_pool(workers) as pool:
        if spool.spooling:  # results and records come pickled (by the workers, if any)
            for pickled, record, directives in run_packed(recording, workers, progress, pool):
                if record is not None:
                    records.add(record)
                spool.add_pickled(pickled, directives)
        else:
            for result in run_jobs(recording, workers, progress, pool):
                if result.portfolio_brief is not None:
                    records.add(result.portfolio_brief)
                    result.portfolio_brief = None
                spool.add(result)
        extra, max_size = _extra_paths(jobs)
        for brief in read_portfolio_briefs(extra, max_size, workers):
            records.add(brief)
        portfolio = Portfolio(records.briefs(), _path_set(jobs))
        found = check_portfolio(portfolio, rules)
        del portfolio
        again = [index for index, path in enumerate(_paths(jobs)) if found.get(path)]
        # A brief without directives takes its portfolio findings as they are (see
        # engine.with_portfolio_findings); the others are checked again with them, while the
        # results before them are handed on.
        added = {i for i in again if not spool.has_directives(i)}
        recheck = [i for i in again if i not in added]
        rechecked = run_jobs(
            [_with_findings(jobs[i], found) for i in recheck],
            workers if pool.started() or len(recheck) > RECHECK_IN_POOL else 1,
            pool=pool,
        )
        waiting = set(recheck)
        for index, result in enumerate(spool.results()):
            if index in added:
                yield _added(result, jobs[index], found)
            else:
                yield next(rechecked) if index in waiting else result


def _with_findings(job: Job, found: Mapping[str, list[PortfolioOutcome]]) -> Job:
    from campaignlint.frozen import replace

    return replace(job, portfolio=tuple(found[job.path]), record_portfolio=False)


def _added(result: FileResult, job: Job, found: Mapping[str, list[PortfolioOutcome]]) -> FileResult:
    """``result`` with its portfolio findings; checked again where only that can tell."""
    from campaignlint.engine import with_portfolio_findings
    from campaignlint.run import _run_job

    outcomes = found[job.path]
    merged = with_portfolio_findings(result, job.config, job.lang, outcomes)
    return merged if merged is not None else _run_job(_with_findings(job, found))


# The built-in portfolio rules compare a creator's bookings across briefs, or the posts due for
# one creator: a brief none of whose creators is booked elsewhere, each with no more posts than
# creator-overload allows in a week, gives them nothing to find (see _Records).
_PRUNABLE_RULES = frozenset({"exclusivity-conflict", "competing-promotions", "creator-overload"})


def _prunable(active: ActiveRule) -> bool:
    return active.rule.id in _PRUNABLE_RULES and active.rule.origin == "built-in"


def _most_posts(rules: Sequence[ActiveRule]) -> float:
    """The posts a week creator-overload allows one creator; infinite when it is not active."""
    for active in rules:
        if active.rule.id == "creator-overload":
            return float(active.options["max_deliverables_per_week"])
    return float("inf")


class Recorded(NamedTuple("Recorded", [("bookings", tuple[tuple[str, int], ...]), ("brief", Any)])):
    """A brief's portfolio record as a run keeps it: each booking's creator key with the posts
    due for them (all that decides whether the brief can matter, see :class:`_Records`), and
    the :class:`PortfolioBrief`, or its pickle (read back only if the brief can matter)."""

    __slots__ = ()


def recorded(brief: PortfolioBrief, pickled: bool = False) -> Recorded:
    """``brief`` as :class:`_Records` keeps it; ``pickled``, as a worker sends it back."""
    bookings = tuple(
        (booking.key, sum(delivery.count for delivery in booking.deliveries))
        for booking in brief.bookings
    )
    if pickled:
        import pickle

        return Recorded(bookings, pickle.dumps(brief, protocol=pickle.HIGHEST_PROTOCOL))
    return Recorded(bookings, brief)


class _Records:
    """The portfolio's briefs, in order, waiting in a temporary file while the run goes on.

    With ``prune`` (only built-in rules compare them), :meth:`briefs` leaves out the briefs
    that cannot be part of a finding: every creator of theirs booked nowhere else, with no more
    posts due than creator-overload allows in a week (``most``). Whether a creator is booked
    twice is counted in a fixed table: each key counts in three buckets picked by its hash, and
    is booked twice only if all three say so (a collision only keeps a brief that was
    not needed, and needs all its buckets taken), so a run of many briefs holds only the few
    that share creators. A brief left out is never read back from the file.
    """

    BITS = 21  # two megabytes of counts; with three buckets a key, a run of 80,000 creators
    BUCKETS = 1 << BITS  # thinks ~0.1% of them booked twice (with one bucket a key: ~4%)

    def __init__(self, prune: bool, most: float) -> None:
        from campaignlint.fs import Spool

        self.prune, self.most = prune, most
        self.spool: Spool[Recorded] = Spool()
        self.counts = bytearray(self.BUCKETS if prune else 0)

    def __enter__(self) -> _Records:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.spool.close()

    def add(self, brief: PortfolioBrief | Recorded) -> None:
        entry = brief if isinstance(brief, Recorded) else recorded(brief)
        self.spool.add(entry)
        counts = self.counts
        for key, _posts in entry.bookings if self.prune else ():
            for bucket in self._buckets(key):
                if counts[bucket] < 2:
                    counts[bucket] += 1

    def _buckets(self, key: str) -> tuple[int, int, int]:
        """The key's three buckets: separate bits of its (64-bit) hash."""
        hashed, mask, bits = hash(key), self.BUCKETS - 1, self.BITS
        return hashed & mask, (hashed >> bits) & mask, (hashed >> 2 * bits) & mask

    def briefs(self) -> list[PortfolioBrief]:
        if not self.prune:
            return [_unpacked(entry.brief) for entry in self.spool]
        # a lone brief is counted exactly: a collision would keep 10,000 creators
        matters = self._matters_alone if len(self.spool) == 1 else self._may_matter
        return [_unpacked(entry.brief) for entry in self.spool if matters(entry.bookings)]

    def _matters_alone(self, bookings: tuple[tuple[str, int], ...]) -> bool:
        keys = [key for key, _posts in bookings]
        if len(set(keys)) < len(keys):
            return True  # a creator booked twice in the brief
        return any(posts > self.most for _key, posts in bookings)

    def _may_matter(self, bookings: tuple[tuple[str, int], ...]) -> bool:
        """A creator shared with another brief, or more posts due for one than creator-overload
        allows one creator in a week."""
        counts, most = self.counts, self.most
        for key, posts in bookings:
            if posts > most or all(counts[bucket] > 1 for bucket in self._buckets(key)):
                return True
        return False


def _unpacked(brief: PortfolioBrief | bytes) -> PortfolioBrief:
    if isinstance(brief, bytes):
        import pickle

        unpickled: PortfolioBrief = pickle.loads(brief)
        return unpickled
    return brief


class _ResultSpool:
    """Results waiting for the portfolio rules: in memory for a small run, in a temporary file
    for a large one (:attr:`spooling`), so memory stays flat however many briefs a run has."""

    IN_MEMORY = 64  # results; a pre-commit run never pays for pickling

    def __init__(self, count: int) -> None:
        self._kept: list[FileResult] = []
        self._directives = bytearray()
        self._file: Any = None
        if count > self.IN_MEMORY:
            import tempfile

            self._file = tempfile.TemporaryFile(prefix="campaignlint-")  # noqa: SIM115 (closed by __exit__)
        self._count = 0

    @property
    def spooling(self) -> bool:
        """True when the results wait in a file: they can be added pickled."""
        return self._file is not None

    def __enter__(self) -> _ResultSpool:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._file is not None:
            self._file.close()

    def add(self, result: FileResult) -> None:
        if self._file is None:
            self._count += 1
            self._directives.append(result.directives)
            self._kept.append(result)
            return
        import pickle

        self.add_pickled(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), result.directives)

    def add_pickled(self, pickled: bytes, directives: bool) -> None:
        """Add a result as pickled (by a worker): written as it is, never read here."""
        assert self._file is not None
        self._count += 1
        self._directives.append(directives)
        self._file.write(pickled)

    def has_directives(self, index: int) -> bool:
        """Whether the brief of the result added ``index``-th has directives (see
        FileResult.directives): one byte a result, not the result."""
        return bool(self._directives[index])

    def results(self) -> Iterator[FileResult]:
        """Every result added, in order, each handed over once."""
        if self._file is None:
            kept, self._kept = self._kept, []
            yield from kept
            return
        import pickle

        self._file.seek(0)
        for _index in range(self._count):
            yield pickle.load(self._file)


def _kinds(jobs: Sequence[Job]) -> Sequence[Job]:
    """Jobs enough to know every config and flag of ``jobs``: for a plan's JobList, one of each
    kind rather than a Job made for each brief."""
    from campaignlint.plan import JobList

    return jobs.kinds() if isinstance(jobs, JobList) else jobs


def _paths(jobs: Sequence[Job]) -> Iterable[str]:
    from campaignlint.plan import JobList

    return jobs.paths() if isinstance(jobs, JobList) else (job.path for job in jobs)


def _path_set(jobs: Sequence[Job]) -> AbstractSet[str]:
    from campaignlint.plan import JobList

    return jobs.path_set() if isinstance(jobs, JobList) else frozenset(_paths(jobs))


def _portfolio_rules(jobs: Sequence[Job]) -> list[ActiveRule]:
    """The portfolio rules any config of the run selects, each once (first config wins)."""
    from campaignlint.engine import active_rules

    rules: dict[str, ActiveRule] = {}
    for config in {id(job.config): job.config for job in _kinds(jobs)}.values():
        for active in active_rules(config):
            if active.rule.scope == "portfolio":
                rules.setdefault(active.rule.id, active)
    return list(rules.values())


def _extra_paths(jobs: Sequence[Job]) -> tuple[list[str], int]:
    """The briefs the configs' ``portfolio:`` globs add to the run's (each file once), and the
    largest ``max_file_size`` of those configs."""
    import os

    configs = list({id(job.config): job.config for job in _kinds(jobs)}.values())
    largest = max((config.max_file_size for config in configs), default=0)
    if not any(config.portfolio for config in configs):
        return [], largest  # no globs: no path of the run needs resolving
    seen = {os.path.realpath(path) for path in _paths(jobs)}
    extra = []
    for config in configs:
        for path in expand_globs(config.portfolio, Path(config.root)):
            if os.path.realpath(path) not in seen:
                seen.add(os.path.realpath(path))
                extra.append(path)
    return extra, largest
