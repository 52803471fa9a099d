"""The portfolio calendar of the review reports: creators × weeks with bookings, exclusivities,
posts due and the portfolio findings marked in the weeks they concern; built in Python (no
Jinja needed to test it), shown only when a run has more than one brief, in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, run_check
from campaignlint.engine import FileResult
from campaignlint.renderers import Report, markdown
from campaignlint.review_calendar import Calendar, CalendarRow, portfolio_calendar
from tests.helpers import SAMPLES

PORTFOLIO = SAMPLES / "portfolio"


def report_of(paths: list[Path], monkeypatch: pytest.MonkeyPatch, lang: str = "en") -> Report:
    """The Report a review of ``paths`` is rendered from, with its results and their briefs."""
    captured: list[Report] = []
    results: list[FileResult] = []

    class Capture:
        def __init__(self, report: Report, write: object) -> None:
            captured.append(report)

        def add(self, result: FileResult) -> None:
            results.append(result)

        def finish(self) -> None:
            pass

    monkeypatch.setattr(markdown, "Stream", Capture)
    run_check(
        CheckOptions(
            paths=[str(path) for path in paths],
            formats=["markdown"],
            lang=lang,
            stdout=lambda text: None,
            stderr=lambda text: None,
        )
    )
    settings = captured[0]
    return Report(
        results,
        rules=settings.rules,
        lang=settings.lang,
        briefs={result.path: result.data for result in results if result.data is not None},
        rule_options=settings.rule_options,
    )


def review(paths: list[Path], tmp_path: Path, form: str, lang: str = "en") -> str:
    target = tmp_path / f"out.{form}"
    run_check(
        CheckOptions(
            paths=[str(path) for path in paths],
            formats=[f"{form}:{target}"],
            lang=lang,
            stdout=lambda text: None,
            stderr=lambda text: None,
        )
    )
    return target.read_text(encoding="utf-8")


def calendar_of(monkeypatch: pytest.MonkeyPatch) -> Calendar:
    return calendar_of_paths([PORTFOLIO], monkeypatch)


def calendar_of_paths(paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> Calendar:
    report = report_of(paths, monkeypatch)
    calendar = portfolio_calendar(report, {path: Path(path).name for path in report.briefs})
    assert calendar is not None
    return calendar


def portfolio_copy(tmp_path: Path) -> Path:
    """A folder with the two sample briefs that book @jaylen.fits, to edit."""
    folder = tmp_path / "briefs"
    folder.mkdir()
    for name in ("bolt-runners.yaml", "stride-cloudstep.yaml"):
        (folder / name).write_text((PORTFOLIO / name).read_text(encoding="utf-8"), "utf-8")
    return folder


def marked_cells(row: CalendarRow) -> dict[str, tuple[list[str], list[str]]]:
    """The cells with a finding's mark: week -> (entries as the legend writes them, marks)."""
    return {
        cell.week.isoformat(): ([entry.text for entry in cell.entries], cell.marks)
        for cell in row.cells
        if cell.marks
    }


def row(calendar: Calendar, handle: str) -> CalendarRow:
    return next(row for row in calendar.rows if row.handle == handle)


def test_the_conflicting_creators_cells_of_the_sample_portfolio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calendar = calendar_of(monkeypatch)
    # briefs numbered as in the overview: 1 bolt-runners, 2 fitkare-kahvalti, 3 kahve-duragi,
    # 4 stride-cloudstep, 5 vivobar-ofis
    assert [(b.number, b.name, b.brand) for b in calendar.briefs] == [
        (1, "bolt-runners.yaml", "Bolt Runners"),
        (2, "fitkare-kahvalti.yaml", "FitKare"),
        (3, "kahve-duragi.yaml", "Kahve Durağı"),
        (4, "stride-cloudstep.yaml", "Stride Footwear"),
        (5, "vivobar-ofis.yaml", "VivoBar"),
    ]
    # Bolt's exclusivity (from 19 Apr) overlaps Stride's campaign (to 2 May): two weeks.
    assert marked_cells(row(calendar, "@jaylen.fits")) == {
        "2027-04-19": (["1🔒", "4🔒▸2"], ["exclusivity-conflict"]),
        "2027-04-26": (["1🔒", "4🔒"], ["exclusivity-conflict"]),
    }
    # VivoBar due 26 Sep, FitKare due 15 Oct: the weeks from one to the other.
    assert marked_cells(row(calendar, "@kerem.kosuyor")) == {
        "2027-09-20": (["5🔒▸2"], ["competing-promotions"]),
        "2027-09-27": (["5🔒"], ["competing-promotions"]),
        "2027-10-04": (["5🔒"], ["competing-promotions"]),
        "2027-10-11": (["2🔒▸2"], ["competing-promotions"]),
    }
    # 6 posts due 1-4 Oct across Kahve Durağı and VivoBar.
    assert marked_cells(row(calendar, "@dyt.selin")) == {
        "2027-09-27": (["3🔒", "5🔒▸3"], ["creator-overload"]),
        "2027-10-04": (["3🔒▸3", "5🔒"], ["creator-overload"]),
    }
    assert calendar.marks == ["exclusivity-conflict", "competing-promotions", "creator-overload"]
    unmarked = [r.handle for r in calendar.rows if not any(cell.marks for cell in r.cells)]
    assert len(unmarked) == len(calendar.rows) - 3


def test_weeks_are_mondays_in_order_without_empty_weeks(monkeypatch: pytest.MonkeyPatch) -> None:
    calendar = calendar_of(monkeypatch)
    assert all(week.weekday() == 0 for week in calendar.weeks)
    assert calendar.weeks == sorted(calendar.weeks)
    assert calendar.weeks[0] == dt.date(2027, 4, 5) and calendar.weeks[-1] == dt.date(2027, 11, 8)
    assert dt.date(2027, 7, 5) not in calendar.weeks  # nobody is booked in the summer
    for calendar_row in calendar.rows:
        assert [cell.week for cell in calendar_row.cells] == calendar.weeks


def test_a_long_portfolio_is_cut_into_quarters(monkeypatch: pytest.MonkeyPatch) -> None:
    tables = calendar_of(monkeypatch).tables
    assert [len(table.weeks) for table in tables] == [13, 4]
    assert [table.headings[:2] for table in tables] == [
        ["5 Apr 2027", "12 Apr"],
        ["18 Oct 2027", "25 Oct"],
    ]
    rows = tables[1].rows
    assert tables[1].weeks[0] == dt.date(2027, 10, 18)
    assert [r.handle for r in rows] == ["@dyt.burak", "@ece.sabah", "@kerem.kosuyor"]
    assert all(len(r.cells) == 4 for r in rows)


def test_a_single_brief_report_has_no_calendar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = PORTFOLIO / "bolt-runners.yaml"
    report = report_of([brief], monkeypatch)
    assert portfolio_calendar(report, {str(brief): brief.name}) is None
    monkeypatch.undo()
    for form in ("markdown", "html", "markdown-reviewer", "html-reviewer"):
        text = review([brief], tmp_path, form)
        assert "Portfolio calendar" not in text and 'class="calendar' not in text, form


@pytest.mark.parametrize("form", ["markdown", "html", "markdown-reviewer", "html-reviewer"])
def test_every_form_shows_the_calendar_with_its_legend(tmp_path: Path, form: str) -> None:
    text = review([PORTFOLIO], tmp_path, form)
    assert "Portfolio calendar" in text
    assert "exclusivity conflict: booked by a competitor while under exclusivity" in text
    assert "competing promotions: two competing brands" in text
    assert "more posts due in 7 days than a creator can make well" in text
    assert "Stride Footwear" in text and "19 Apr" in text
    assert "5 Apr 2027" in text and "18 Oct 2027" in text  # each table's first week has its year


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_the_calendar_is_in_turkish(tmp_path: Path, form: str) -> None:
    text = review([PORTFOLIO], tmp_path, form, lang="tr")
    assert "Portföy takvimi" in text and "Portfolio calendar" not in text
    assert "münhasırlık çakışması" in text and "rakip tanıtımlar" in text
    assert "19 Nis" in text and "19 Apr" not in text  # week headings name the month in Turkish
    assert "week of" not in text and "brief 1 books" not in text
    if form == "html":
        assert "19 Nis haftası" in text  # a card's week label on a phone


def test_a_finding_the_report_does_not_show_leaves_no_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portfolio_copy(tmp_path)
    (tmp_path / ".campaignlint.yaml").write_text(
        "ignore: [exclusivity-conflict]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    report = report_of([Path("briefs")], monkeypatch)
    calendar = portfolio_calendar(report, {path: Path(path).name for path in report.briefs})
    assert calendar is not None and calendar.rows
    assert not any(cell.marks for r in calendar.rows for cell in r.cells)
    assert calendar.marks == []


def test_decades_long_dates_do_not_stretch_the_calendar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = portfolio_copy(tmp_path)
    long = folder / "bolt-runners.yaml"
    text = long.read_text(encoding="utf-8").replace("end: 2027-05-16", "end: 2199-05-16")
    long.write_text(text.replace("duration_days: 30", "duration_days: 36500"), "utf-8")
    monkeypatch.chdir(tmp_path)
    calendar = calendar_of_paths([Path("briefs")], monkeypatch)
    assert len(calendar.weeks) == 55  # Stride from 5 Apr, then Bolt's first year from 19 Apr
    assert calendar.total_weeks == 55
    assert marked_cells(row(calendar, "@jaylen.fits"))  # the conflict is still marked


def test_a_finding_on_the_eleventh_creator_marks_that_creator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = portfolio_copy(tmp_path)
    bolt = folder / "bolt-runners.yaml"
    text = bolt.read_text(encoding="utf-8")
    fillers = "".join(f'  - handle: "@filler.{number}"\n' for number in range(1, 10))
    bolt.write_text(
        text.replace('  - handle: "@jaylen.fits"', fillers + '  - handle: "@jaylen.fits"')
    )
    stride = folder / "stride-cloudstep.yaml"  # only Bolt's finding is shown
    text = stride.read_text(encoding="utf-8")
    waiver = "  # campaignlint: disable=exclusivity-conflict -- test"
    stride.write_text(
        text.replace('  - handle: "@jaylen.fits"', '  - handle: "@jaylen.fits"' + waiver)
    )
    monkeypatch.chdir(tmp_path)
    calendar = calendar_of_paths([Path("briefs")], monkeypatch)  # @jaylen.fits is /influencers/10
    assert list(marked_cells(row(calendar, "@jaylen.fits"))) == ["2027-04-19", "2027-04-26"]
    assert not marked_cells(row(calendar, "@filler.1"))  # /influencers/1 is not its parent
