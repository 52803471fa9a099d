"""The review model (campaignlint.review): what the Markdown and HTML reports show, computed
without Jinja, from the real sample briefs."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest

from campaignlint.config import Config
from campaignlint.engine import active_rules, lint_file, rules_for
from campaignlint.facts import facts_for
from campaignlint.renderers import Report
from campaignlint.review import (
    BUDGET_WIDTH,
    FileView,
    Review,
    build_review,
    field_location,
    field_path,
    quoted_value,
)
from campaignlint.rule import AREAS

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TODAY = dt.date(2027, 1, 4)


def review_of(paths: Sequence[Path], lang: str = "en", reviewer: bool = False) -> Review:
    config = Config()
    results = [lint_file(str(path), config, lang, today=TODAY, keep_data=True) for path in paths]
    briefs = {result.path: result.data for result in results if result.data is not None}
    report = Report(
        results,
        rules=rules_for(config),
        lang=lang,
        briefs=briefs,
        facts=facts_for(briefs),
        rule_options={active.rule.id: active.options for active in active_rules(config)},
    )
    return build_review(report, reviewer)


def only_file(path: Path, lang: str = "en") -> FileView:
    [view] = review_of([path], lang).files
    return view


def test_a_brief_with_errors_is_not_ready_and_counts_its_findings() -> None:
    view = only_file(SAMPLES / "bad-en.yaml")
    shown = [finding for area in view.areas for finding in area.findings]
    assert view.verdict == "blocked" and view.verdict_label == "Not ready"
    assert view.counts == {
        severity: sum(finding.severity == severity for finding in shown)
        for severity in ("error", "warning", "info")
    }
    assert view.counts["error"] > 0
    assert view.title == "Family Table Spring" and view.campaign == view.title


def test_findings_are_grouped_by_area_in_order_the_worst_first() -> None:
    view = only_file(SAMPLES / "bad-en.yaml")
    areas = [area.area for area in view.areas]
    assert areas == [area for area in AREAS if area in areas]
    for area in view.areas:
        ranks = [finding.finding.severity.rank for finding in area.findings]
        assert ranks == sorted(ranks, reverse=True)
    money = next(area for area in view.areas if area.area == "money")
    assert money.heading == "Budget and creator value"


def test_a_finding_says_where_it_is_in_the_briefs_words() -> None:
    view = only_file(SAMPLES / "bad-en.yaml")
    audience = next(area for area in view.areas if area.area == "audience")
    finding = audience.findings[0]
    assert finding.field == "influencers[0].audience.age"
    assert finding.location == "Creators › @zoe.dances › audience › age"
    assert finding.severity == "warning" and finding.severity_label == "Warning"


def test_locations_in_turkish_start_with_a_turkish_capital() -> None:
    data = {"influencers": [{"handle": "@ece"}], "content": {"hashtags": ["#a"]}}
    assert field_location("/influencers/0/fee", data, "tr") == "İçerik üreticileri › @ece › ücret"
    assert field_location("/content/hashtags/0", data, "tr").startswith("İçerik › ")
    assert field_location("/influencer", data, "tr") == "İçerik üreticisi"  # not "Içerik"
    assert field_location("/interests", data, "en") == "Interests"


def test_pointers_are_read_with_their_escapes() -> None:
    data = {"a/b": {"~k": ["x", "per_follower"]}, "model": "per_follower"}
    assert field_path("/a~1b/~0k/1") == "a/b.~k[1]"
    assert quoted_value(data, "/a~1b/~0k/0", "en") == "x"
    assert quoted_value(data, "/model", "en") == "per follower"  # an enum value by its name
    assert quoted_value(data, "/a~1b", "en") is None  # a mapping is not quoted
    assert quoted_value(data, "/missing/0", "en") is None


def test_budget_shares_add_up_and_the_bar_is_laid_out_end_to_end() -> None:
    view = only_file(SAMPLES / "clean-tr.yaml", "tr")
    budget = view.budget
    assert budget is not None and not budget.over
    shares = [piece.share for piece in budget.slices]
    assert shares == [30.0, 11.3, 6.2]  # 30.0, 11.25, 6.25 by the largest remainder
    assert budget.fees_share == round(sum(shares), 1) == 47.5
    assert budget.left_share is not None and round(sum(shares) + budget.left_share, 1) == 100.0
    x = 0.0
    for piece in budget.slices:
        assert piece.x == pytest.approx(x)
        x += piece.width
    assert budget.remainder is not None and budget.budget_x is None
    assert budget.remainder.x + budget.remainder.width == pytest.approx(BUDGET_WIDTH)
    assert [row.share for row in view.creators] == shares


def test_fees_over_budget_mark_where_the_budget_ends() -> None:
    view = only_file(SAMPLES / "bad-tr.yaml", "tr")
    budget, facts = view.budget, view.facts
    assert budget is not None and facts is not None and facts.budget and facts.fees_total
    assert budget.over and budget.over_by == facts.fees_total - facts.budget
    assert budget.remainder is None and budget.left_share is None
    assert budget.budget_x == pytest.approx(facts.budget / facts.fees_total * BUDGET_WIDTH)
    assert sum(piece.width for piece in budget.slices) == pytest.approx(BUDGET_WIDTH)


def test_the_audience_chart_flags_the_creators_audience_mismatch_reports() -> None:
    view = only_file(SAMPLES / "bad-en.yaml")
    chart = view.age_chart
    assert chart is not None and view.age_threshold == 50.0
    assert [(bar.handle, bar.overlap, bar.fails) for bar in chart.bars] == [
        ("@zoe.dances", 4.0, True),
        ("@tom.cooks", 56.0, False),
    ]
    assert [creator.audience_fails for creator in view.creators] == [True, False]
    assert [bar.width for bar in chart.bars] == pytest.approx([9.6, 134.4])
    assert [bar.bar_y for bar in chart.bars] == [16, 50]  # one row under the other
    assert chart.threshold_x == pytest.approx(120.0) and chart.height == 86


def test_a_clean_brief_says_what_was_checked() -> None:
    view = only_file(SAMPLES / "clean-en.yaml")
    assert view.verdict == "clean" and not view.areas and not view.waivers
    assert view.checked_areas[:2] == ["integrity", "audience"]
    assert "budget and creator value" in view.checked_areas


def test_an_unreadable_file_names_the_file_without_its_folder() -> None:
    view = only_file(SAMPLES / "broken.yaml")
    assert view.verdict == "unreadable" and view.verdict_label == "Unreadable"
    assert view.error is not None and view.error.startswith("broken.yaml:12:")
    assert view.facts is None and view.budget is None and view.age_chart is None


def test_waivers_carry_their_reason_expiry_and_source(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        textwrap.dedent(
            """\
            campaign:
              name: Spring
              brand: TODO brand  # campaignlint: disable=placeholder-text until=2027-06-30 -- ok
            """
        ),
        encoding="utf-8",
    )
    [waiver] = only_file(brief).waivers
    assert waiver.view.finding.rule == "placeholder-text"
    assert waiver.view.location == "Campaign › brand"
    assert (waiver.reason, waiver.until) == ("ok", dt.date(2027, 6, 30))
    assert waiver.source == "line 3: disable=placeholder-text"


def test_a_portfolio_counts_its_verdicts_and_numbers_its_briefs() -> None:
    paths = sorted((SAMPLES / "portfolio").glob("*.yaml"))
    review = review_of(paths)
    assert review.portfolio and (review.levels.brief, review.levels.area) == (2, 4)
    overview = review.overview
    assert overview.files == len(paths) == len(review.files)
    assert overview.not_ready + overview.needs_changes + overview.ready == overview.files
    assert [view.number for view in review.files] == list(range(1, len(paths) + 1))
    assert [view.anchor for view in review.files][:2] == ["brief-1", "brief-2"]
    assert [view.name for view in review.files] == [path.name for path in paths]
    assert review.calendar is not None and review.calendar.tables
    assert review.marks["creator-overload"].symbol == "ℹ"


def test_one_brief_is_no_portfolio() -> None:
    review = review_of([SAMPLES / "clean-en.yaml"], reviewer=True)
    assert not review.portfolio and review.reviewer and review.calendar is None
    assert (review.levels.brief, review.levels.section, review.levels.area) == (1, 2, 3)
    assert review.files[0].subtitle == "Cloudstep Challenge"


def test_the_model_is_built_without_jinja() -> None:
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from tests.test_review import review_of, SAMPLES
        review_of([SAMPLES / "bad-en.yaml"])
        assert "jinja2" not in sys.modules, "the review model imported Jinja"
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True)


@pytest.mark.parametrize("name", ["report.md.j2", "report.html.j2", "rule.md.j2", "rules.md.j2"])
def test_templates_only_lay_the_model_out(name: str) -> None:
    """No arithmetic, ordering comparisons, concatenation or filtering in a template: the
    review model and the rule docs compute them."""
    from jinja2 import nodes

    from campaignlint.templating import environment

    env = environment()
    assert env.loader is not None
    tree = env.parse(env.loader.get_source(env, name)[0])
    arithmetic = (nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod)
    computed = list(tree.find_all((*arithmetic, nodes.Pow, nodes.Neg, nodes.Concat)))
    assert computed == []
    ordering = [
        operand.op
        for compare in tree.find_all(nodes.Compare)
        for operand in compare.ops
        if operand.op in ("gt", "gteq", "lt", "lteq")
    ]
    assert ordering == []
    filters = {node.name for node in tree.find_all(nodes.Filter)}
    assert filters <= {"join", "format"}, filters
