"""The review model: everything a review report shows, computed in Python, ready to lay out.

The Markdown and HTML reports (:mod:`campaignlint.renderers.markdown` and ``.html``) render one
:class:`Review` through their templates, which only lay it out: every count, share, label and
chart coordinate is computed here, so the model can be tested without Jinja.

Two forms share the model:

- the **client review** (``--format markdown``, ``html``): plain language first. Each finding
  says where it is with the brief's own section names ("Creators › @ayse.glow › audience ›
  age"), enum values by their names in the report's language ("per follower", not
  ``per_follower``), the message and the fix; the technical detail (rule id, field path, line)
  follows in small print. No local file path and no command line: it can be sent to a client
  as is.
- the **reviewer's form** (``markdown-reviewer``, ``html-reviewer``): for the engineer who fixes
  the YAML. The same findings lead with the rule id, the field path and the line, the header
  names the file, and the footer says how to ask campaignlint for a rule's reasoning.

A folder gives a **portfolio**: a table of every brief (file, campaign, verdict, counts, a link
to its section), the portfolio calendar (:mod:`campaignlint.review_calendar`) and then each
brief under a heading that names its file.

The **verdict** of a brief comes from its counts by one rule: unreadable when the file could not
be read; *not ready* with one error or more; *needs changes* with no error and one warning or
more; *ready, with notes* when only notes remain; *ready* with nothing at all.

Suppressed findings (waivers: an inline ``# campaignlint: disable`` comment, a ``per_file``
entry or the baseline) are listed after the findings with their reason and expiry.

The numbers come from :mod:`campaignlint.facts`; this module only arranges them. Shares that
make up a whole (the budget split) are rounded by the largest-remainder method, so they add up
to exactly the total shown. Text is in the report's language (labels through the catalog);
numbers, money and dates are formatted by the templates' helpers, with amounts kept on one line.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from campaignlint.i18n import Message, _, area_name, lower_first, term_name, upper_first
from campaignlint.model import Finding, Severity
from campaignlint.pointers import join_pointer, pointer_tokens, resolve_pointer
from campaignlint.review_calendar import MARK_LABELS, MARKS, Calendar
from campaignlint.rule import AREAS

if TYPE_CHECKING:
    from campaignlint.engine import FileResult
    from campaignlint.facts import BriefFacts, InfluencerFacts
    from campaignlint.fs import Spool
    from campaignlint.renderers import Report

NBSP = "\u00a0"
_QUOTE_LIMIT = 120
AGE_RULE, AGE_OPTION, AGE_THRESHOLD = "audience-mismatch", "min_age_overlap", 50.0

# How a reader names the verdicts and severities: one word per severity everywhere.
SEVERITY_LABELS = {"error": _("Error"), "warning": _("Warning"), "info": _("Note")}
VERDICT_LABELS = {
    "unreadable": _("Unreadable"),
    "blocked": _("Not ready"),
    "changes": _("Needs changes"),
    "notes": _("Ready, with notes"),
    "clean": _("Ready"),
}
# Area headings of the review; "money" holds the pricing rules and engagement-rate (the contract
# files it there: the rate is what a fee buys), so its heading says both.
AREA_TITLES = {"money": _("Budget and creator value")}

# The brief's sections and fields as a reader names them, for "where" a finding is.
FIELD_LABELS: dict[str, Message] = {
    "campaign": _("Campaign"),
    "target_audience": _("Target audience"),
    "influencers": _("Creators"),
    "deliverables": _("Deliverables"),
    "content": _("Content"),
    "contract": _("Contract"),
    "kpis": _("KPIs"),
    "tracking": _("Tracking"),
    "name": _("name"),
    "brand": _("brand"),
    "objective": _("objective"),
    "start": _("start date"),
    "end": _("end date"),
    "budget": _("budget"),
    "amount": _("amount"),
    "currency": _("currency"),
    "markets": _("markets"),
    "age": _("age"),
    "min": _("from"),
    "max": _("to"),
    "genders": _("genders"),
    "gender": _("gender"),
    "locations": _("locations"),
    "languages": _("languages"),
    "handle": _("handle"),
    "platform": _("platform"),
    "followers": _("followers"),
    "avg_likes": _("average likes"),
    "avg_comments": _("average comments"),
    "avg_shares": _("average shares"),
    "engagement_rate": _("engagement rate"),
    "tier": _("tier"),
    "audience": _("audience"),
    "content_style": _("content style"),
    "compensation": _("pay"),
    "fee": _("fee"),
    "model": _("pay model"),
    "basis": _("fee basis"),
    "revenue_share_percent": _("revenue share"),
    "notes": _("notes"),
    "influencer": _("creator"),
    "format": _("format"),
    "count": _("number of posts"),
    "due": _("due date"),
    "posting_windows": _("posting windows"),
    "days": _("days"),
    "from": _("from"),
    "to": _("to"),
    "timezone": _("time zone"),
    "topics": _("topics"),
    "guidelines": _("guidelines"),
    "hashtags": _("hashtags"),
    "disclosure": _("ad disclosure"),
    "tags": _("tags"),
    "placement": _("placement"),
    "branded_content_toggle": _("branded-content toggle"),
    "approval": _("approval"),
    "required": _("required"),
    "turnaround_days": _("turnaround"),
    "rounds": _("rounds"),
    "creative_freedom": _("creative freedom"),
    "signed": _("signed"),
    "duties": _("duties"),
    "term": _("term"),
    "payment": _("payment"),
    "schedule": _("schedule"),
    "percent": _("percent"),
    "net_days": _("payment days"),
    "usage_rights": _("usage rights"),
    "duration_months": _("duration"),
    "duration_days": _("duration"),
    "exclusivity": _("exclusivity"),
    "category": _("category"),
    "termination": _("termination"),
    "revision_rounds": _("revision rounds"),
    "clauses": _("clauses"),
    "metric": _("metric"),
    "target": _("target"),
    "window": _("window"),
    "priority": _("priority"),
    "methods": _("methods"),
    "reporting_cadence": _("reporting cadence"),
    "pre_campaign_analysis": _("pre-campaign analysis"),
}
# Fields whose value is picked from a list: the report names the value instead of quoting it.
ENUM_FIELDS = frozenset(
    {
        "objective",
        "genders",
        "tier",
        "model",
        "basis",
        "format",
        "days",
        "placement",
        "duration_months",
        "reporting_cadence",
        "window",
        "rounds",
        "revision_rounds",
        "metric",
        "methods",
    }
)
_ITEM_LABELS = {
    "deliverables": _("deliverable {number}"),
    "kpis": _("KPI {number}"),
    "clauses": _("clause {number}"),
    "posting_windows": _("window {number}"),
    "schedule": _("payment {number}"),
}

# The charts of the HTML report, in SVG user units: bars of the audience chart are
# ``PERCENT_WIDTH`` units per percent, one row every ``BAR_ROW`` units; the budget bar is
# ``BUDGET_WIDTH`` units wide. A handle longer than ``HANDLE_FIT`` is cut to ``HANDLE_CUT``.
PERCENT_WIDTH, BAR_ROW, BUDGET_WIDTH = 2.4, 34, 320
HANDLE_FIT, HANDLE_CUT = 53, 47


@dataclass
class FindingView:
    finding: Finding
    field: str  # the pointer as a reader writes it: influencers[0].audience.age
    location: str  # the same in the brief's words: Creators › @ayse.glow › audience › age
    value: str | None  # the field's value when it is a short scalar
    message: str
    fix: str | None
    severity: str = ""  # error | warning | info
    severity_label: str = ""  # in the report's language


@dataclass
class WaiverView:
    view: FindingView
    reason: str | None
    until: dt.date | None
    source: str  # where the waiver is written, for the reviewer


@dataclass
class AreaView:
    area: str
    title: str
    findings: list[FindingView]
    heading: str = ""  # the title as a heading: first letter upper-cased


@dataclass
class CreatorRow:
    facts: InfluencerFacts
    share: float | None  # of the budget, rounded so the shares add up
    audience_fails: bool  # audience-mismatch reports its age overlap


@dataclass
class BudgetSlice:
    """A creator's fee in the budget split; ``x`` and ``width`` place it on the budget bar."""

    label: str
    amount: float
    share: float  # percent of the budget, rounded so the shares add up
    x: float = 0.0
    width: float = 0.0


@dataclass
class Span:
    x: float
    width: float


@dataclass
class BudgetView:
    slices: list[BudgetSlice]
    fees_share: float  # the creators' total share: the sum of theirs as shown
    left_share: float | None  # the unallocated share, when something is left
    over_by: float | None = None  # how far the fees exceed the budget, when they do
    # on the bar: what is left unallocated after the slices or, when nothing is, the budget's end
    remainder: Span | None = None
    budget_x: float | None = None

    @property
    def over(self) -> bool:
        return self.over_by is not None


@dataclass
class AgeBar:
    """One creator's bar in the audience chart."""

    handle: str  # cut to fit beside the bar
    overlap: float  # percent of the audience in the target ages, as the brief gives it
    fails: bool
    label_y: int
    bar_y: int
    value_y: int
    width: float


@dataclass
class AgeChart:
    """The audience in the target ages per creator, against the ``min_age_overlap`` threshold."""

    bars: list[AgeBar]
    threshold: float  # percent, within 0-100
    threshold_x: float
    height: int
    line_end: int  # where the threshold line stops
    label_y: int  # where the threshold's label stands


@dataclass
class FileView:
    path: str
    name: str  # the file as the portfolio names it
    anchor: str
    error: str | None
    verdict: str  # unreadable | blocked | changes | notes | clean
    counts: dict[str, int]
    areas: list[AreaView]
    facts: BriefFacts | None
    checked_areas: list[str] = field(default_factory=list)
    waivers: list[WaiverView] = field(default_factory=list)
    creators: list[CreatorRow] = field(default_factory=list)
    budget: BudgetView | None = None
    age_threshold: float = AGE_THRESHOLD
    number: int = 1  # the brief's number in the portfolio
    verdict_label: str = ""
    age_chart: AgeChart | None = None

    @property
    def title(self) -> str:
        if self.facts is not None and self.facts.name:
            return self.facts.name
        return self.name

    @property
    def campaign(self) -> str | None:
        """The campaign's name, for the portfolio table."""
        return self.facts.name if self.facts is not None and self.facts.name else None

    @property
    def subtitle(self) -> str | None:
        """The campaign's name beside the file's in a portfolio heading, when it differs."""
        return self.title if self.title != self.name else None


@dataclass
class Overview:
    """The portfolio's verdicts, counted."""

    files: int
    not_ready: int  # unreadable or blocked
    needs_changes: int
    ready: int  # with notes or clean


@dataclass
class Levels:
    """Heading levels: a portfolio puts each brief one level down."""

    brief: int
    section: int
    area: int


@dataclass
class Mark:
    """A portfolio rule's mark in the calendar."""

    rule: str
    symbol: str
    label: str


@dataclass
class Review:
    files: Iterable[FileView]  # read back one by one in a report (ReviewBuilder)
    portfolio: bool
    overview: Overview
    levels: Levels
    calendar: Calendar | None
    marks: dict[str, Mark]
    reviewer: bool
    summary: dict[str, Any]
    lang: str
    show_fix: bool


def field_path(pointer: str) -> str:
    """``/influencers/0/audience/age`` -> ``influencers[0].audience.age``."""
    path = ""
    for token in pointer_tokens(pointer):
        path += f"[{token}]" if token.isdigit() else (f".{token}" if path else token)
    return path


def _item_label(item: Any, section: str, index: int, lang: str) -> str:
    """How the reader names ``item``, number ``index`` of the list ``section``: a creator by
    handle, a KPI by its metric, anything else by its 1-based number."""
    if isinstance(item, dict):
        handle = item.get("handle") if section == "influencers" else None
        if isinstance(handle, str) and handle.strip():
            return handle.strip()
        metric = item.get("metric") if section == "kpis" else None
        if isinstance(metric, str) and metric.strip():
            return _("KPI {metric}", metric=term_name(metric.strip(), lang)).render(lang)
    label = _ITEM_LABELS.get(section)
    if label is None:
        return _("item {number}", number=index + 1).render(lang)
    return Message(label.template, (("number", index + 1),)).render(lang)


def field_location(pointer: str, data: Any, lang: str) -> str:
    """``/influencers/0/audience/age`` -> ``Creators › @ayse.glow › audience › age``: where a
    finding is, in the words of the brief's sections."""
    parts: list[str] = []
    parent, section = "", ""
    for token in pointer_tokens(pointer):
        here = join_pointer(parent, token)
        if token.isdigit():
            parts.append(_item_label(resolve_pointer(data, here), section, int(token), lang))
        else:
            label = FIELD_LABELS.get(token)
            parts.append(label.render(lang) if label else token.replace("_", " "))
        parent, section = here, token
    if not parts:
        return _("The whole brief").render(lang)
    return upper_first(" › ".join(parts), lang)


def quoted_value(data: Any, pointer: str, lang: str) -> str | None:
    """The value at ``pointer`` as a report quotes it: a short scalar on one line, an enum value
    by its name; None for a mapping, a list, a boolean or nothing."""
    node = resolve_pointer(data, pointer)
    if isinstance(node, bool) or node is None or isinstance(node, dict | list):
        return None
    field = next((t for t in reversed(pointer_tokens(pointer)) if not t.isdigit()), "")
    if field in ENUM_FIELDS and isinstance(node, str):
        return term_name(node, lang)  # an enum value by its name: "per follower", "orta"
    text = node.isoformat() if isinstance(node, dt.date) else str(node)
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


_AMOUNT = re.compile(
    r"(?<=\d) (?=[₺$€£¥]|[A-Z]{3}\b)|(?<=\b[A-Z]{3}) (?=\d)|(?<=\d) (?=%)|(?<=%) (?=\d)"
)


def keep_amounts_together(text: str) -> str:
    """``150.000 ₺``, ``GBP 15,500``: the space inside an amount becomes non-breaking."""
    return _AMOUNT.sub(NBSP, text)


def verdict_for(counts: Mapping[str, int], unreadable: bool = False) -> str:
    """The verdict from the counts, by the one documented rule (see the module docstring)."""
    if unreadable:
        return "unreadable"
    if counts.get("error", 0):
        return "blocked"
    if counts.get("warning", 0):
        return "changes"
    return "notes" if counts.get("info", 0) else "clean"


def round_shares(values: Sequence[float], decimals: int = 1) -> list[float]:
    """``values`` rounded to ``decimals`` by the largest-remainder method: the rounded values add
    up to the rounded total, so 11.24 + 6.24 + 30.02 reads 11.2 + 6.3 + 30 = 47.5, not 47.4."""
    if not values:
        return []
    scale = 10**decimals
    scaled = [value * scale for value in values]
    floors = [math.floor(value) for value in scaled]
    missing = round(sum(scaled)) - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (floors[i] - scaled[i], i))
    for index in order[: max(0, missing)]:
        floors[index] += 1
    return [value / scale for value in floors]


def budget_view(facts: BriefFacts) -> tuple[BudgetView | None, list[float | None]]:
    """The budget split with shares that add up and its bar, and each creator's share as shown."""
    budget, unallocated = facts.budget, facts.unallocated
    if not facts.budget_split or not budget or unallocated is None:
        return None, [None] * len(facts.influencers)
    raw = [piece.share for piece in facts.budget_split]
    left = unallocated / budget * 100 if unallocated > 0 else None
    rounded = round_shares([*raw, *([left] if left is not None else [])])
    shares = rounded[: len(raw)]
    total = max(budget, facts.fees_total or 0.0)
    slices, x = [], 0.0
    for piece, share in zip(facts.budget_split, shares, strict=True):
        width = piece.amount / total * BUDGET_WIDTH
        slices.append(BudgetSlice(piece.label, piece.amount, share, x, width))
        x = x + width
    view = BudgetView(
        slices=slices,
        fees_share=round(sum(shares), 1),
        left_share=rounded[-1] if left is not None else None,
        over_by=-unallocated if unallocated < 0 else None,
        remainder=Span(x, BUDGET_WIDTH - x) if unallocated > 0 else None,
        budget_x=None if unallocated > 0 else budget / total * BUDGET_WIDTH,
    )
    pending = iter(shares)
    per_creator = [
        next(pending, None) if row.fee_share is not None else None for row in facts.influencers
    ]
    return view, per_creator


def age_chart(
    creators: Sequence[CreatorRow], target_age: tuple[int, int] | None, threshold: float
) -> AgeChart | None:
    """The audience chart: one bar per creator whose audience overlap is known."""
    known = [
        (creator, creator.facts.age_overlap)
        for creator in creators
        if creator.facts.age_overlap is not None
    ]
    if not known or not target_age:
        return None
    threshold = _clamp(threshold)
    bars = []
    for index, (creator, overlap) in enumerate(known):
        y = index * BAR_ROW
        handle = creator.facts.handle
        if len(handle) > HANDLE_FIT:
            handle = handle[:HANDLE_CUT] + "…"
        width = _clamp(overlap) * PERCENT_WIDTH
        bars.append(AgeBar(handle, overlap, creator.audience_fails, y + 11, y + 16, y + 26, width))
    height = len(known) * BAR_ROW + 18
    return AgeChart(bars, threshold, threshold * PERCENT_WIDTH, height, height - 14, height - 2)


def _clamp(percent: float) -> float:
    return min(max(percent, 0), 100)


def _waiver(view: FindingView, label: str, lang: str) -> WaiverView:
    from campaignlint.suppress import describe_suppression

    reason, until, source = describe_suppression(label)
    if reason is None and source == "baseline":
        reason = _("Known when the baseline was recorded.").render(lang)
    return WaiverView(view, reason, until, source)


def finding_view(finding: Finding, data: Any, lang: str) -> FindingView:
    severity = finding.severity.value
    return FindingView(
        finding,
        field_path(finding.pointer),
        field_location(finding.pointer, data, lang),
        quoted_value(data, finding.pointer, lang),
        keep_amounts_together(finding.message),
        keep_amounts_together(finding.fix) if finding.fix else None,
        severity,
        SEVERITY_LABELS[severity].render(lang),
    )


def _age_threshold(report: Report) -> float:
    options = report.rule_options.get(AGE_RULE) or {}
    value = options.get(AGE_OPTION)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    rule = report.rules.get(AGE_RULE)
    option = rule.options.get(AGE_OPTION) if rule is not None else None
    default = getattr(option, "default", None)
    return float(default) if isinstance(default, int | float) else AGE_THRESHOLD


def _areas(result: FileResult, report: Report, data: Any) -> list[AreaView]:
    """The findings by area, areas in the documented order, the worst finding first."""
    lang = report.lang
    grouped: dict[str, list[FindingView]] = {}
    for finding in result.findings:
        rule = report.rules.get(finding.rule)
        area = rule.area if rule is not None else "integrity"
        grouped.setdefault(area, []).append(finding_view(finding, data, lang))
    for views in grouped.values():  # the worst first, then in the order of the brief
        views.sort(key=lambda view: (-view.finding.severity.rank, view.finding.sort_key()))
    order = [*AREAS, *sorted(set(grouped) - set(AREAS))]
    areas = []
    for area in order:
        if area in grouped:
            title = _area_title(area, lang)
            areas.append(AreaView(area, title, grouped[area], upper_first(title, lang)))
    return areas


def _creators(
    result: FileResult, facts: BriefFacts, shares: Sequence[float | None]
) -> list[CreatorRow]:
    failing = {
        f.pointer
        for f in result.findings
        if f.rule == AGE_RULE and f.pointer.endswith("/audience/age")
    }
    return [
        CreatorRow(row, share, f"/influencers/{index}/audience/age" in failing)
        for index, (row, share) in enumerate(zip(facts.influencers, shares, strict=True))
    ]


def file_view(
    result: FileResult,
    report: Report,
    name: str,
    number: int,
    threshold: float,
    data: Any = None,
    facts: BriefFacts | None = None,
) -> FileView:
    """The view of one file; ``data`` and ``facts`` default to the report's for its path."""
    lang = report.lang
    if data is None:
        data = report.briefs.get(result.path)
    if facts is None:
        facts = report.facts.get(result.path)
    counts = {severity.value: 0 for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for finding in result.findings:
        counts[finding.severity.value] += 1
    checked = sorted({rule.area for rule in report.rules.values()}, key=_area_order)
    waivers = [
        _waiver(finding_view(finding, data, lang), finding.suppressed_by or "", lang)
        for finding in sorted(result.suppressed, key=Finding.sort_key)
    ]
    budget, shares = budget_view(facts) if facts is not None else (None, [])
    creators = _creators(result, facts, shares) if facts is not None else []
    verdict = verdict_for(counts, bool(result.error))
    return FileView(
        path=result.path,
        name=name,
        anchor=f"brief-{number}",
        error=_without_folder(result.error, result.path, name),
        verdict=verdict,
        counts=counts,
        areas=_areas(result, report, data),
        facts=facts,
        checked_areas=[_in_sentence(_area_title(area, lang), lang) for area in checked],
        waivers=waivers,
        creators=creators,
        budget=budget,
        age_threshold=threshold,
        number=number,
        verdict_label=VERDICT_LABELS[verdict].render(lang),
        age_chart=age_chart(creators, facts.target_age, threshold) if facts else None,
    )


def _area_title(area: str, lang: str) -> str:
    title = AREA_TITLES.get(area)
    return title.render(lang) if title is not None else area_name(area, lang)


def _without_folder(error: str | None, path: str, name: str) -> str | None:
    """The read error as the report names the file: no local folder in a client document."""
    if error and error.startswith(path):
        return name + error[len(path) :]
    return error


def _in_sentence(title: str, lang: str) -> str:
    """A heading as a word inside a sentence: ``Budget and creator value`` -> ``budget and…``
    (``İçerik`` -> ``içerik`` in Turkish)."""
    return lower_first(title, lang)


def _area_order(area: str) -> int:
    return AREAS.index(area) if area in AREAS else len(AREAS)


def _overview_of(verdicts: Mapping[str, int]) -> Overview:
    return Overview(
        files=sum(verdicts.values()),
        not_ready=verdicts["blocked"] + verdicts["unreadable"],
        needs_changes=verdicts["changes"],
        ready=verdicts["notes"] + verdicts["clean"],
    )


def build_review(report: Report, reviewer: bool = False) -> Review:
    """The review of ``report``: the client review, or the reviewer's form with ``reviewer``."""
    builder = ReviewBuilder(report, reviewer)
    for result in report.results:
        builder.add(result)
    review = builder.finish()
    review.files = list(review.files)
    return review


class ReviewBuilder:
    """The review built as the results arrive: each file's view is computed from its result
    at once and spooled (:class:`Spool`), so neither the results nor their parsed briefs are
    kept; :meth:`finish` gives the review, whose ``files`` are read back as they are laid out.
    Memory stays flat however many briefs the report covers."""

    def __init__(self, report: Report, reviewer: bool = False) -> None:
        from campaignlint.fs import Spool
        from campaignlint.renderers import displayable
        from campaignlint.review_calendar import CalendarCollector

        self.report, self.reviewer = report, reviewer
        self.threshold = _age_threshold(report)
        # a report given its briefs (the API) names them as its streams do: valid Unicode
        self.briefs = {**report.briefs, **{displayable(p): d for p, d in report.briefs.items()}}
        self.facts = {**report.facts, **{displayable(p): f for p, f in report.facts.items()}}
        self.names = _DisplayNames()
        self.verdicts = {name: 0 for name in VERDICT_LABELS}
        self.views: Spool[FileView] = Spool()
        self.calendar = CalendarCollector()

    def add(self, result: FileResult) -> None:
        from campaignlint.facts import brief_facts

        number = sum(self.verdicts.values()) + 1
        data = result.data if result.data is not None else self.briefs.get(result.path)
        facts = self.facts.get(result.path)
        if facts is None and data is not None:
            facts = brief_facts(data)
        # named by its path for now: the names depend on every path (_DisplayNames)
        view = file_view(result, self.report, result.path, number, self.threshold, data, facts)
        self.verdicts[view.verdict] += 1
        self.names.add(result.path)
        self.calendar.add(number, result, data)
        self.views.add(view)

    def finish(self) -> Review:
        report = self.report
        overview = _overview_of(self.verdicts)
        portfolio = overview.files > 1
        top = 2 if portfolio else 1
        return Review(
            files=_NamedViews(self.views, self.names),
            portfolio=portfolio,
            overview=overview,
            levels=Levels(top, top + 1, top + 2),
            calendar=self.calendar.calendar(self.names.name, report.lang),
            marks={
                rule: Mark(rule, symbol, MARK_LABELS[rule].render(report.lang))
                for rule, symbol in MARKS.items()
            },
            reviewer=self.reviewer,
            summary=report.summary,
            lang=report.lang,
            show_fix=report.show_fix,
        )

    def close(self) -> None:
        self.views.close()
        self.calendar.close()


class _DisplayNames:
    """Each path as the report names it: relative to the folder all the paths share
    (``mistakes/budget-fit.yaml``), a lone file by its name. Only that folder is kept."""

    def __init__(self) -> None:
        self.count = 0
        self.common: str | None = None  # "" when the paths share no folder (or cannot)

    def add(self, path: str) -> None:
        self.count += 1
        folder = posixpath.dirname(path.replace("\\", "/"))
        if self.common == "":
            return
        try:
            parts = [folder] if self.common is None else [self.common, folder]
            self.common = posixpath.commonpath(parts)
        except ValueError:
            self.common = ""

    def name(self, path: str) -> str:
        posix = path.replace("\\", "/")
        if self.count < 2:
            return posixpath.basename(posix) or path
        common = self.common or ""
        return posix[len(common) :].lstrip("/") if common and posix.startswith(common) else posix


class _NamedViews:
    """The spooled file views, each given its name as it is read back; iterable again."""

    def __init__(self, views: Spool[FileView], names: _DisplayNames) -> None:
        self.views, self.names = views, names

    def __iter__(self) -> Iterator[FileView]:
        for view in self.views:
            view.name = self.names.name(view.path)
            view.error = _without_folder(view.error, view.path, view.name)
            yield view

    def __len__(self) -> int:
        return len(self.views)

    def __getitem__(self, index: int) -> FileView:
        return next(itertools.islice(iter(self), index, None))


class ReviewStream:
    """A review report written as the results arrive: each brief's part of the review is built
    from its result at once (:class:`ReviewBuilder`); the format's ``finish`` lays the review
    out and hands it to ``write`` piece by piece."""

    reviewer = False

    def __init__(self, report: Report, write: Callable[[str], Any]) -> None:
        self.report, self.write = report, write
        self.builder = ReviewBuilder(report, self.reviewer)

    def add(self, result: FileResult) -> None:
        self.builder.add(result)

    def finish(self) -> None:
        """Lay the review out and write it: each format (Markdown, HTML) does its own."""
        raise NotImplementedError

    @classmethod
    def render(cls, report: Report) -> str:
        """The whole report for ``report.results`` as one text (tests and the API)."""
        chunks: list[str] = []
        stream = cls(report, chunks.append)
        for result in report.results:
            stream.add(result)
        stream.finish()
        return "".join(chunks)
