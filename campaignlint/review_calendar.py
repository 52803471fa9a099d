"""The portfolio calendar of the review reports: creators × weeks, for runs of several briefs.

Each row is a creator (by handle, as the portfolio rules match them), each column a week
(Monday to Sunday) in which some creator is booked. A cell lists the briefs that book the
creator that week (by their number in the overview table), the deliverables due that week, the
weeks a brief's exclusivity holds the creator, and the portfolio findings of the report
(``exclusivity-conflict``, ``competing-promotions``, ``creator-overload``) in the weeks they
concern. Only findings the report shows are marked: a suppressed finding leaves no mark.

The data is read with :mod:`campaignlint.portfolio` from each brief as its result arrives
(:class:`CalendarCollector`: what the portfolio rules read, not the brief); a creator's row is
computed for a table's weeks as it is laid out, so the calendar is never held whole.
The calendar is part of the review model (:mod:`campaignlint.review`): cut into tables of a
quarter each, with its week headings in the report's language, so the templates only lay it out.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from campaignlint.i18n import _
from campaignlint.portfolio import (
    Booking,
    Portfolio,
    PortfolioBrief,
    brief_from_document,
    exclusivity_conflicts,
)

if TYPE_CHECKING:
    import sqlite3

    from campaignlint.engine import FileResult
    from campaignlint.model import Finding, Related
    from campaignlint.renderers import Report

# The portfolio rules whose findings the calendar marks, with the mark each gets.
MARKS = {"exclusivity-conflict": "✕", "competing-promotions": "⚠", "creator-overload": "ℹ"}
# What each mark means, for the legend.
MARK_LABELS = {
    "exclusivity-conflict": _(
        "exclusivity conflict: booked by a competitor while under exclusivity"
    ),
    "competing-promotions": _(
        "competing promotions: two competing brands less than the minimum gap apart"
    ),
    "creator-overload": _("overload: more posts due in 7 days than a creator can make well"),
}
WEEK = dt.timedelta(days=7)
# Weeks per table: a quarter. A longer portfolio gets one table per quarter, so the columns
# stay wide enough to read on a desktop (a phone shows cards anyway).
WEEKS_PER_TABLE = 13
MAX_WEEKS = 3 * 52  # the calendar shows the first three years of bookings
MAX_SPAN = dt.timedelta(days=366)


@dataclass
class CalendarEntry:
    """One brief's booking of a creator in one week."""

    number: int  # the brief's number in the overview table
    brand: str | None
    booked: bool  # the week is in the brief's campaign period
    exclusive: bool  # the brief's exclusivity holds the creator this week
    due: int = 0  # deliverables (posts) due this week

    @property
    def text(self) -> str:
        """The booking as the legend explains it: ``4🔒▸2`` is brief 4, under its
        exclusivity, with 2 posts due that week."""
        lock = "🔒" if self.exclusive else ""
        return f"{self.number}{lock}{f'▸{self.due}' if self.due else ''}"


@dataclass
class CalendarCell:
    week: dt.date  # the Monday
    entries: list[CalendarEntry] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)  # rule ids, in the order of MARKS
    label: str = ""  # the week as the report names it: ``5 Apr``

    @property
    def text(self) -> str:
        """The cell's bookings in the legend's notation: ``4🔒▸2 5``."""
        return " ".join(entry.text for entry in self.entries)


@dataclass
class CalendarRow:
    handle: str
    cells: list[CalendarCell]


@dataclass
class CalendarBrief:
    """A brief as the calendar's legend names it."""

    number: int
    name: str  # the file as the report names it
    brand: str | None
    start: dt.date | None
    end: dt.date | None


@dataclass
class CalendarTable:
    """Up to ``WEEKS_PER_TABLE`` weeks of the calendar, with the creators booked in them."""

    weeks: list[dt.date]
    headings: list[str]  # the weeks' column headings; the first one says the year
    rows: Iterable[CalendarRow]  # computed as they are laid out (_BusyRows)


@dataclass
class Calendar:
    weeks: list[dt.date]  # Mondays, in order; weeks nobody is booked are left out
    creators: _Creators
    briefs: Iterable[CalendarBrief]  # read back as they are laid out
    marks: list[str]  # the rule ids marked somewhere, for the legend
    total_weeks: int = 0  # weeks with a booking; more than ``weeks`` when the calendar is cut
    tables: list[CalendarTable] = field(default_factory=list)

    @property
    def rows(self) -> list[CalendarRow]:
        """Every creator's row over every week shown."""
        return list(self.creators.rows(self.weeks))

    @property
    def shown_weeks(self) -> int:
        return len(self.weeks)

    @property
    def cut(self) -> bool:
        """True when the calendar shows only the first ``MAX_WEEKS`` weeks with a booking."""
        return self.total_weeks > len(self.weeks)


def _tables(weeks: Sequence[dt.date], creators: _Creators, lang: str) -> list[CalendarTable]:
    """The calendar cut into tables of at most ``WEEKS_PER_TABLE`` weeks, each with the
    creators booked in its weeks."""
    tables = []
    for first in range(0, len(weeks), WEEKS_PER_TABLE):
        shown = list(weeks[first : first + WEEKS_PER_TABLE])
        headings = [week_label(week, lang, index == 0) for index, week in enumerate(shown)]
        tables.append(CalendarTable(shown, headings, _BusyRows(creators, shown)))
    return tables


class _Booked(NamedTuple):
    """One brief's booking of a creator, as the calendar's cells read it."""

    handle: str
    number: int  # the brief's number in the overview table
    brand: str | None
    start: dt.date | None
    end: dt.date | None
    exclusivity: tuple[dt.date, dt.date] | None
    dues: tuple[tuple[dt.date, int], ...]  # each deliverable's due date and posts


class _Creators:
    """Every creator's bookings, by creator key in order, whose rows are computed for the
    weeks asked: a calendar of many creators and weeks is never held whole (the bookings wait
    in ``db``, see :class:`CalendarCollector`)."""

    def __init__(
        self,
        db: sqlite3.Connection,
        labels: Mapping[dt.date, str],
        marked: Mapping[str, Mapping[dt.date, set[str]]],
    ) -> None:
        self.db, self.labels, self.marked = db, labels, marked

    def rows(self, weeks: Sequence[dt.date]) -> Iterator[CalendarRow]:
        import pickle

        # keys as UTF-8 bytes: sorted as the code points are
        found = self.db.execute("SELECT key, entry FROM bookings ORDER BY key, seq")
        for key, group in itertools.groupby(found, key=lambda row: row[0]):
            entries = [pickle.loads(entry) for _key, entry in group]
            marks = self.marked.get(key.decode("utf-8", "surrogatepass"), {})
            yield _row(entries, weeks, self.labels, marks)


class _BusyRows:
    """A table's rows: the creators booked in its weeks, computed each time they are read."""

    def __init__(self, creators: _Creators, weeks: Sequence[dt.date]) -> None:
        self.creators, self.weeks = creators, weeks

    def __iter__(self) -> Iterator[CalendarRow]:
        for row in self.creators.rows(self.weeks):
            if any(cell.entries for cell in row.cells):
                yield row


def week_label(week: dt.date, lang: str, with_year: bool = False) -> str:
    """A week's column heading: its Monday, day and short month (``5 Apr``, ``5 Nis``), and
    the year for a table's first column (``5 Apr 2027``)."""
    from babel.dates import format_date

    return str(format_date(week, format="d MMM y" if with_year else "d MMM", locale=lang))


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _weeks(start: dt.date, end: dt.date) -> list[dt.date]:
    weeks, week = [], monday(start)
    while week <= end:
        weeks.append(week)
        week += WEEK
    return weeks


def _booked_weeks(brief: PortfolioBrief) -> list[dt.date]:
    """The weeks of a brief's campaign period and of its exclusivity; a period longer than
    ``MAX_SPAN`` shows its first ``MAX_SPAN`` (no brief stretches the calendar over decades)."""
    spans = [(brief.start, brief.end)]
    if brief.exclusivity is not None:
        spans.append((brief.exclusivity.start, brief.exclusivity.end))
    return [
        week
        for start, end in spans
        if start and end and start <= end
        for week in _weeks(start, min(end, start + MAX_SPAN))
    ]


def _in(week: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return bool(start and end and start <= week + dt.timedelta(days=6) and week <= end)


def portfolio_calendar(report: Report, names: Mapping[str, str]) -> Calendar | None:
    """The calendar of a report of several briefs; None for one brief (nothing to compare).

    ``names`` maps each path to the file name the report shows."""
    collector = CalendarCollector()
    for number, result in enumerate(report.results, start=1):
        collector.add(number, result, report.briefs.get(result.path))
    return collector.calendar(lambda path: names.get(path, path), report.lang)


class CalendarCollector:
    """What the calendar needs of each brief, gathered as the results arrive: its bookings and
    its line of the legend in a temporary database (sorted by creator there, never held whole),
    the weeks booked, and the findings the calendar marks."""

    def __init__(self) -> None:
        import sqlite3

        self.count = 0
        self.db = sqlite3.connect("")  # a private temporary database, on disk when it grows
        self.db.execute("CREATE TABLE bookings (key BLOB, seq INTEGER, entry BLOB)")
        self.db.execute("CREATE TABLE briefs (number INTEGER, path TEXT, record BLOB)")
        self.bookings = 0
        self.weeks: set[dt.date] = set()
        self.findings: list[tuple[str, Finding]] = []

    def add(self, number: int, result: FileResult, data: Any) -> None:
        """Brief ``number`` of the report (from 1), with its parsed ``data`` (None: none)."""
        from campaignlint.loader import LoadedDocument

        self.count += 1
        self.findings.extend((result.path, f) for f in result.findings if f.rule in MARKS)
        if data is None:
            return
        brief = brief_from_document(result.path, LoadedDocument(data, ""), keep_data=False)
        if brief is None:
            return
        import pickle

        record = pickle.dumps((number, brief), protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute("INSERT INTO briefs VALUES (?, ?, ?)", (number, brief.path, record))
        rows = []
        for booking in brief.bookings:
            entry = _booked(number, brief, booking)
            key = booking.key.encode("utf-8", "surrogatepass")
            rows.append((key, self.bookings, pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)))
            self.bookings += 1
            self.weeks.update(monday(delivery.due) for delivery in booking.deliveries)
        if brief.bookings:
            self.weeks.update(_booked_weeks(brief))
        self.db.executemany("INSERT INTO bookings VALUES (?, ?, ?)", rows)

    def calendar(self, name: Callable[[str], str], lang: str) -> Calendar | None:
        """The calendar, with each brief's file named by ``name``; None for one brief."""
        if self.count < 2 or not self.bookings or not self.weeks:
            return None
        weeks = sorted(self.weeks)
        shown_weeks = weeks[:MAX_WEEKS]
        marked = _marks(self.findings, self._marked_portfolio())
        labels = {week: week_label(week, lang) for week in shown_weeks}
        creators = _Creators(self.db, labels, marked)
        shown = {rule for cells in marked.values() for rules in cells.values() for rule in rules}
        return Calendar(
            shown_weeks,
            creators,
            _Legend(self.db, name),
            [rule for rule in MARKS if rule in shown],
            len(weeks),
            _tables(shown_weeks, creators, lang),
        )

    def _marked_portfolio(self) -> Portfolio:
        """The briefs the marked findings concern (theirs and the related ones), in order: the
        same conflicts between them as among every brief of the report."""
        import pickle

        paths = {path for path, _finding in self.findings}
        paths |= {place.path for _path, f in self.findings for place in f.related if place.path}
        briefs = []
        for (record,) in self.db.execute("SELECT record FROM briefs ORDER BY rowid"):
            if not paths:
                break
            _number, brief = pickle.loads(record)
            if brief.path in paths:
                briefs.append(brief)
        return Portfolio(briefs, frozenset(brief.path for brief in briefs))

    def close(self) -> None:
        self.db.close()


def _booked(number: int, brief: PortfolioBrief, booking: Booking) -> _Booked:
    exclusivity = brief.exclusivity
    return _Booked(
        booking.handle,
        number,
        brief.brand,
        brief.start,
        brief.end,
        (exclusivity.start, exclusivity.end) if exclusivity is not None else None,
        tuple((delivery.due, delivery.count) for delivery in booking.deliveries),
    )


class _Legend:
    """The briefs as the calendar's legend names them, read back from the database."""

    def __init__(self, db: sqlite3.Connection, name: Callable[[str], str]) -> None:
        self.db, self.name = db, name

    def __iter__(self) -> Iterator[CalendarBrief]:
        import pickle

        for (record,) in self.db.execute("SELECT record FROM briefs ORDER BY rowid"):
            number, brief = pickle.loads(record)
            yield CalendarBrief(number, self.name(brief.path), brief.brand, brief.start, brief.end)


def _row(
    entries: Sequence[_Booked],
    weeks: Sequence[dt.date],
    labels: Mapping[dt.date, str],
    marks: Mapping[dt.date, set[str]],
) -> CalendarRow:
    """A creator's row: a cell per week of ``weeks`` (named by ``labels``)."""
    cells = []
    for week in weeks:
        marked = [rule for rule in MARKS if rule in marks.get(week, ())]
        cell = CalendarCell(week, marks=marked, label=labels[week])
        for booked in entries:
            exclusivity = booked.exclusivity
            entry = CalendarEntry(
                booked.number,
                booked.brand,
                booked=_in(week, booked.start, booked.end),
                exclusive=exclusivity is not None and _in(week, *exclusivity),
                due=sum(count for due, count in booked.dues if monday(due) == week),
            )
            if entry.booked or entry.exclusive or entry.due:
                cell.entries.append(entry)
        cells.append(cell)
    return CalendarRow(entries[0].handle, cells)


def _marks(
    findings: Sequence[tuple[str, Finding]], portfolio: Portfolio
) -> dict[str, dict[dt.date, set[str]]]:
    """Per creator key and week, the portfolio rules whose ``findings`` (path, finding) the
    report shows there."""
    by_path = {brief.path: brief for brief in portfolio.briefs}
    conflicts = {conflict.pair(): conflict for conflict in exclusivity_conflicts(portfolio)}
    marks: dict[str, dict[dt.date, set[str]]] = {}
    for path, finding in findings:
        brief = by_path.get(path)
        booking = _booking(brief, finding.pointer) if brief is not None else None
        if finding.rule not in MARKS or booking is None or brief is None:
            continue
        others = [by_path.get(related.path or brief.path) for related in finding.related]
        theirs = _related_dues(finding.related, by_path, brief, booking.key)
        span = _span(finding.rule, brief, booking, [o for o in others if o], theirs, conflicts)
        if span is None:
            continue
        for week in _weeks(*span):
            marks.setdefault(booking.key, {}).setdefault(week, set()).add(finding.rule)
    return marks


def _booking(brief: PortfolioBrief, pointer: str) -> Booking | None:
    """The booking at ``pointer`` or holding it (``/influencers/1`` does not hold
    ``/influencers/10``)."""
    return next(
        (b for b in brief.bookings if pointer == b.pointer or pointer.startswith(b.pointer + "/")),
        None,
    )


def _related_dues(
    related: Sequence[Related],
    by_path: Mapping[str, PortfolioBrief],
    brief: PortfolioBrief,
    key: str,
) -> list[dt.date]:
    """The due dates a finding's related locations name: a deliverable's own, or every
    deliverable of the other brief's booking of the creator."""
    dues = []
    for place in related:
        there = by_path.get(place.path or brief.path)
        for booking in there.bookings if there is not None else ():
            if booking.key != key:
                continue
            for delivery in booking.deliveries:
                if place.pointer in (booking.pointer, delivery.pointer):
                    dues.append(delivery.due)
    return dues


def _span(
    rule: str,
    brief: PortfolioBrief,
    booking: Booking,
    others: Sequence[PortfolioBrief],
    theirs: Sequence[dt.date],
    conflicts: Mapping[tuple[frozenset[str], str], object],
) -> tuple[dt.date, dt.date] | None:
    """The days a finding concerns: the overlap of the exclusivity and the other campaign; the
    two competing due dates; the busiest week's due dates."""
    from campaignlint.portfolio import Conflict

    if not others:
        return None
    other = others[0]
    if rule == "exclusivity-conflict":
        conflict = conflicts.get((frozenset((brief.path, other.path)), booking.key))
        if not isinstance(conflict, Conflict) or not conflict.other.brief.end:
            return None
        start = max(conflict.exclusivity.start, conflict.other.brief.start or dt.date.min)
        end = min(conflict.exclusivity.end, conflict.other.brief.end)
        return (start, end) if start <= end else None
    mine = [d.due for d in booking.deliveries]
    if not theirs or not mine:
        return None
    if rule == "competing-promotions":
        _gap, here, there = min((abs((t - m).days), m, t) for m in mine for t in theirs)
        return min(here, there), max(here, there)
    # creator-overload: the week of the related deliverables and this brief's own ones in it
    first, last = min(theirs), max(theirs)
    own = [
        day for day in mine if last - dt.timedelta(days=6) <= day <= first + dt.timedelta(days=6)
    ]
    days = [*theirs, *own]
    return min(days), max(days)
