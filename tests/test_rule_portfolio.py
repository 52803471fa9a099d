"""The portfolio rules: exclusivity-conflict, competing-promotions, creator-overload.

Each test writes real brief fragments into a folder and runs ``campaignlint check`` on it (or on
one file, with the others found through the config's ``portfolio:`` globs), then asserts the
exact findings of the three rules in every brief.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from campaignlint.commands import CheckOptions, run_check
from tests.helpers import SAMPLES, SHARED

PORTFOLIO_RULES = ("exclusivity-conflict", "competing-promotions", "creator-overload")


def brief(
    brand: str,
    start: str,
    end: str,
    creators: list[str],
    *,
    category: str | None = None,
    exclusivity: str | None = None,
    deliverables: list[tuple[str, str, int]] = (),  # type: ignore[assignment]
    platform: dict[str, str] | None = None,
    term_end: str | None = None,
) -> str:
    lines = ["campaign:", f"  brand: {brand}", f"  start: {start}", f"  end: {end}"]
    if category:
        lines.append(f"  category: {category}")
    lines.append("influencers:")
    for handle in creators:
        lines.append(f'  - handle: "{handle}"')
        lines.append("    followers: 50000")
        if platform and handle in platform:
            lines.append(f"    platform: {platform[handle]}")
    if deliverables:
        lines.append("deliverables:")
        for handle, due, count in deliverables:
            lines.append(
                f'  - {{influencer: "{handle}", format: video, count: {count}, due: {due}}}'
            )
    if exclusivity is not None or term_end:
        lines.append("contract:")
        if term_end:
            lines.append(f"  term: {{start: {start}, end: {term_end}}}")
        if exclusivity is not None:
            lines.append(f"  exclusivity: {exclusivity}")
    return "\n".join(lines) + "\n"


def check(
    folder: Path, *paths: str, extra: tuple[str, ...] = (), jobs: str = "1"
) -> dict[str, list[Any]]:
    """Findings of the portfolio rules per file name: (rule, line, message) tuples."""
    printed: list[str] = []
    default = "." if folder == Path.cwd() else str(folder)
    run_check(
        CheckOptions(
            paths=list(paths) or [default],
            formats=["json"],
            select=PORTFOLIO_RULES + extra,
            jobs=jobs,
            stdout=printed.append,
            stderr=lambda text: None,
        )
    )
    document = json.loads("".join(printed))
    return {
        Path(result["path"]).name: [
            (finding["rule"], finding["line"], finding["message"], finding["related"])
            for finding in result["findings"]
        ]
        for result in document["files"]
    }


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- exclusivity-conflict ----------------------------------------------------------------------


def test_a_creator_under_exclusivity_booked_by_a_competitor_is_reported_in_both(
    folder: Path,
) -> None:
    write(
        folder,
        "lumina.yaml",
        brief(
            "Lumina", "2027-03-01", "2027-03-31", ["@a", "@ayse.glow"],
            category="skincare", exclusivity="{category: skincare, duration_days: 60}",
        ),
    )  # fmt: skip
    write(
        folder,
        "derma.yaml",
        brief("DermaPlus", "2027-04-10", "2027-04-30", ["ayse.glow"], category="Skincare"),
    )
    found = check(folder)
    [(rule, line, message, related)] = found["lumina.yaml"]
    assert (rule, line) == ("exclusivity-conflict", 9)
    assert message == (
        "@ayse.glow is under exclusivity to Lumina for skincare until 2027-04-29, but derma.yaml"
        " books them for DermaPlus (2027-04-10..2027-04-30)"
    )
    assert related == [{"pointer": "/influencers/0", "line": 7, "column": 5, "path": "derma.yaml"}]
    [(rule, line, message, related)] = found["derma.yaml"]
    assert (rule, line) == ("exclusivity-conflict", 7)
    assert message == (
        "ayse.glow is booked here for DermaPlus, but lumina.yaml gives Lumina exclusivity on"
        " them for skincare until 2027-04-29 (2027-03-01..2027-03-31)"
    )
    assert related[0]["path"] == "lumina.yaml" and related[0]["pointer"] == "/influencers/1"


@pytest.mark.parametrize(
    ("exclusivity", "other", "conflict"),
    [
        # another category: not locked
        ("{category: skincare, duration_days: 60}", {"category": "coffee"}, False),
        # no category named: every category is locked
        ("{duration_days: 60}", {"category": "coffee"}, True),
        # the other brief names no category: nothing to match a named exclusivity
        ("{category: skincare, duration_days: 60}", {}, False),
        # the other brief's own exclusivity category counts as its category
        ("{category: skincare, duration_days: 60}", {"exclusivity": "{category: skincare}"}, True),
        # the exclusivity ends the day before the other campaign starts (30 days from 03-01)
        (
            "{category: skincare, duration_days: 40}",
            {"start": "2027-04-10", "category": "skincare"},
            False,
        ),
        (
            "{category: skincare, duration_days: 41}",
            {"start": "2027-04-10", "category": "skincare"},
            True,
        ),
        # the same brand may book its own creator again
        ("{category: skincare, duration_days: 60}", {"brand": "LUMINA"}, False),
    ],
)
def test_exclusivity_conflict_triggers(
    folder: Path, exclusivity: str, other: dict[str, str], conflict: bool
) -> None:
    write(
        folder,
        "a.yaml",
        brief("Lumina", "2027-03-01", "2027-03-31", ["@x"], category="skincare",
              exclusivity=exclusivity),
    )  # fmt: skip
    write(
        folder,
        "b.yaml",
        brief(
            other.get("brand", "Derma"), other.get("start", "2027-04-01"), "2027-04-30", ["@X"],
            category=other.get("category"), exclusivity=other.get("exclusivity"),
        ),
    )  # fmt: skip
    found = check(folder)
    expected = ["exclusivity-conflict"] if conflict else []
    assert [f[0] for f in found["a.yaml"]] == expected
    assert [f[0] for f in found["b.yaml"]] == expected


def test_without_a_duration_the_exclusivity_lasts_to_the_term_end(folder: Path) -> None:
    write(
        folder,
        "a.yaml",
        brief("Lumina", "2027-03-01", "2027-03-31", ["@x"], exclusivity="{category: skincare}",
              term_end="2027-05-15"),
    )  # fmt: skip
    write(folder, "b.yaml", brief("Derma", "2027-05-10", "2027-05-30", ["@x"], category="skincare"))
    write(folder, "c.yaml", brief("Glow", "2027-05-16", "2027-05-30", ["@x"], category="skincare"))
    found = check(folder)
    assert [f[0] for f in found["b.yaml"]] == ["exclusivity-conflict"]
    assert found["c.yaml"] == []
    assert "until 2027-05-15" in found["a.yaml"][0][2]


def test_different_platforms_are_different_creators(folder: Path) -> None:
    write(
        folder,
        "a.yaml",
        brief("Lumina", "2027-03-01", "2027-03-31", ["@x"], exclusivity="{duration_days: 60}",
              platform={"@x": "tiktok"}),
    )  # fmt: skip
    write(
        folder,
        "b.yaml",
        brief("Derma", "2027-04-01", "2027-04-30", ["@x"], platform={"@x": "instagram"}),
    )
    assert check(folder) == {"a.yaml": [], "b.yaml": []}


# --- competing-promotions ----------------------------------------------------------------------


def _coffee(folder: Path, second_due: str, **other: str) -> dict[str, list[Any]]:
    write(
        folder,
        "mocha.yaml",
        brief("Mocha House", "2027-05-01", "2027-05-31", ["@barista"], category="coffee",
              deliverables=[("@barista", "2027-05-10", 1)]),
    )  # fmt: skip
    write(
        folder,
        "kahve.yaml",
        brief(other.get("brand", "Kahve Durağı"), "2027-05-20", "2027-06-30", ["@barista"],
              category=other.get("category", "Coffee"),
              deliverables=[("@barista", second_due, 1)]),
    )  # fmt: skip
    return check(folder)


def test_two_brands_of_one_category_less_than_30_days_apart(folder: Path) -> None:
    found = _coffee(folder, "2027-06-08")
    [(rule, line, message, related)] = found["mocha.yaml"]
    assert (rule, line) == ("competing-promotions", 7)
    assert message == (
        "@barista promotes Mocha House here (due 2027-05-10) and competing Kahve Durağı in"
        " kahve.yaml (due 2027-06-08), 29 days apart: the audience sees a paid opinion change"
    )
    assert related[0]["path"] == "kahve.yaml"
    assert [f[0] for f in found["kahve.yaml"]] == ["competing-promotions"]


@pytest.mark.parametrize(
    ("due", "other"),
    [
        ("2027-06-09", {}),  # exactly 30 days apart
        ("2027-05-25", {"category": "tea"}),
        ("2027-05-25", {"brand": "mocha house"}),
    ],
)
def test_competing_promotions_clean_cases(folder: Path, due: str, other: dict[str, str]) -> None:
    assert _coffee(folder, due, **other) == {"mocha.yaml": [], "kahve.yaml": []}


def test_a_pair_with_an_exclusivity_conflict_gets_only_that_finding(folder: Path) -> None:
    write(
        folder,
        "a.yaml",
        brief("Lumina", "2027-03-01", "2027-03-31", ["@x"], category="skincare",
              exclusivity="{category: skincare, duration_days: 60}",
              deliverables=[("@x", "2027-03-20", 1)]),
    )  # fmt: skip
    write(
        folder,
        "b.yaml",
        brief("Derma", "2027-04-01", "2027-04-30", ["@x"], category="skincare",
              deliverables=[("@x", "2027-04-05", 1)]),
    )  # fmt: skip
    found = check(folder)
    assert [f[0] for f in found["a.yaml"]] == ["exclusivity-conflict"]
    assert [f[0] for f in found["b.yaml"]] == ["exclusivity-conflict"]


# --- creator-overload --------------------------------------------------------------------------


def _week(folder: Path, first: int, second: int, second_due: str) -> dict[str, list[Any]]:
    write(
        folder,
        "a.yaml",
        brief("Lumina", "2027-03-01", "2027-03-31", ["@x"], category="skincare",
              deliverables=[("@x", "2027-03-10", first)]),
    )  # fmt: skip
    write(
        folder,
        "b.yaml",
        brief("Mocha", "2027-03-01", "2027-03-31", ["@x"], category="coffee",
              deliverables=[("@x", second_due, second)]),
    )  # fmt: skip
    return check(folder)


def test_more_than_five_deliverables_in_seven_days_across_briefs(folder: Path) -> None:
    found = _week(folder, 3, 3, "2027-03-16")  # day 0 and day 6: one week
    [(rule, line, message, related)] = found["a.yaml"]
    assert (rule, line) == ("creator-overload", 7)
    assert message == (
        "@x has 6 deliverables due between 2027-03-10 and 2027-03-16 across a.yaml, b.yaml"
        " (more than 5 in 7 days)"
    )
    assert related == [{"pointer": "/deliverables/0", "line": 10, "column": 5, "path": "b.yaml"}]
    assert [f[0] for f in found["b.yaml"]] == ["creator-overload"]


@pytest.mark.parametrize(("first", "second", "due"), [(3, 2, "2027-03-12"), (3, 3, "2027-03-17")])
def test_creator_overload_clean_cases(folder: Path, first: int, second: int, due: str) -> None:
    assert _week(folder, first, second, due) == {"a.yaml": [], "b.yaml": []}


def test_one_brief_alone_can_overload_a_creator(folder: Path) -> None:
    write(
        folder,
        "a.yaml",
        brief("Lumina", "2027-03-01", "2027-03-31", ["@x"],
              deliverables=[("@x", "2027-03-10", 4), ("@x", "2027-03-12", 2)]),
    )  # fmt: skip
    [(rule, _line, message, related)] = check(folder)["a.yaml"]
    assert rule == "creator-overload" and "6 deliverables" in message
    assert related == [{"pointer": "/deliverables/1", "line": 10, "column": 5}]


# --- the portfolio as a run sees it ------------------------------------------------------------


def test_a_single_file_run_compares_with_the_portfolio_globs_and_reports_only_its_file(
    folder: Path,
) -> None:
    (folder / "briefs").mkdir()
    (folder / ".campaignlint.yaml").write_text('portfolio: ["briefs/**"]\n', encoding="utf-8")
    _coffee(folder / "briefs", "2027-05-25")
    found = check(folder, "briefs/kahve.yaml")
    assert list(found) == ["kahve.yaml"]
    [(rule, _line, message, related)] = found["kahve.yaml"]
    assert rule == "competing-promotions" and "briefs/mocha.yaml" in message
    assert related[0]["path"] == "briefs/mocha.yaml"


def test_portfolio_findings_are_suppressed_inline_like_any_other(folder: Path) -> None:
    _coffee(folder, "2027-05-25")
    path = folder / "kahve.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '  - handle: "@barista"\n',
        "  # campaignlint: disable=competing-promotions -- agreed with both brands\n"
        '  - handle: "@barista"\n',
    )
    path.write_text(text, encoding="utf-8")
    found = check(folder, extra=("unused-suppression",))
    assert found["kahve.yaml"] == []
    assert [f[0] for f in found["mocha.yaml"]] == ["competing-promotions"]


@pytest.mark.parametrize("spooled", [False, True], ids=["in-memory", "spooled"])
def test_each_brief_is_read_once_and_again_only_where_its_comments_can_suppress(
    folder: Path, monkeypatch: pytest.MonkeyPatch, spooled: bool
) -> None:
    """The portfolio rules read what the check of each brief parsed, and their findings join
    the brief's own. A brief is read a second time only where its comments (or its config)
    can suppress findings, or where the per-file limit would be passed: it is checked again
    with the portfolio findings, so that they are treated like any other."""
    from campaignlint import engine
    from campaignlint.portfolio import _ResultSpool

    if spooled:
        monkeypatch.setattr(_ResultSpool, "IN_MEMORY", 1)
    _coffee(folder, "2027-05-25")
    write(folder, "quiet.yaml", brief("Lumina", "2027-01-01", "2027-01-31", ["@x"]))
    mocha = folder / "mocha.yaml"
    mocha.write_text(mocha.read_text(encoding="utf-8") + "# campaignlint: disable=schema\n")
    reads: list[str] = []
    read_brief = engine.read_brief

    def counted(path: Path, max_size: int) -> str:
        reads.append(path.name)
        return read_brief(path, max_size)

    monkeypatch.setattr(engine, "read_brief", counted)
    found = check(folder)
    assert sorted(reads) == ["kahve.yaml", "mocha.yaml", "mocha.yaml", "quiet.yaml"]
    assert [f[0] for f in found["kahve.yaml"]] == ["competing-promotions"]
    assert [f[0] for f in found["mocha.yaml"]] == ["competing-promotions"]
    assert found["quiet.yaml"] == []
    from campaignlint.config import forget_config_files

    (folder / ".campaignlint.yaml").write_text("max_findings_per_file: 1\n", encoding="utf-8")
    forget_config_files()  # discovered configs are kept for the process
    kahve = (folder / "kahve.yaml").read_text(encoding="utf-8")
    write(folder, "kahve.yaml", kahve.replace("  brand: ", "  name: TODO\n  brand: ", 1))
    reads.clear()
    found = check(folder, extra=("placeholder-text",))  # kahve: one finding more than 1
    assert sorted(reads) == ["kahve.yaml", "kahve.yaml", "mocha.yaml", "mocha.yaml", "quiet.yaml"]
    assert [f[0] for f in found["kahve.yaml"]] == ["placeholder-text", "too-many-findings"]


def test_findings_added_to_a_result_are_those_a_second_check_gives(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from campaignlint import engine

    for source in (SAMPLES / "portfolio").glob("*.yaml"):
        shutil.copy(source, folder / source.name)
    added = check(folder, extra=("placeholder-text", "engagement-rate", "budget-fit"))
    monkeypatch.setattr(engine, "with_portfolio_findings", lambda *_args: None)
    checked_again = check(folder, extra=("placeholder-text", "engagement-rate", "budget-fit"))
    assert added == checked_again
    assert sum(len(found) for found in added.values()) > 5


def test_a_portfolio_brief_of_the_run_still_gives_its_data() -> None:
    from campaignlint.loader import load_text
    from campaignlint.portfolio import brief_from_document, read_portfolio_brief

    path = str(SAMPLES / "portfolio" / "bolt-runners.yaml")
    document = load_text(Path(path).read_text(encoding="utf-8"))
    lean = brief_from_document(path, document, keep_data=False)
    full = read_portfolio_brief(path, 1_000_000)
    assert lean is not None and full is not None
    assert lean == full
    assert lean.data == document.data
    assert lean.data["campaign"]["brand"] == full.data["campaign"]["brand"]


def test_the_sample_portfolio_has_one_of_each_conflict_in_both_briefs() -> None:
    folder = SAMPLES / "portfolio"
    found = check(folder)
    rules = {name: [f[0] for f in findings] for name, findings in found.items()}
    assert rules == {
        "bolt-runners.yaml": ["exclusivity-conflict"],
        "fitkare-kahvalti.yaml": ["competing-promotions"],
        "kahve-duragi.yaml": ["creator-overload"],
        "stride-cloudstep.yaml": ["exclusivity-conflict"],
        "vivobar-ofis.yaml": ["competing-promotions", "creator-overload"],
    }


def test_a_large_run_gives_the_same_portfolio_findings_in_the_same_order(folder: Path) -> None:
    # Past 64 briefs the results wait for the portfolio rules in a temporary file, not in
    # memory: the findings and the order of the files stay those of a small run.
    import shutil

    for source in (SAMPLES / "portfolio").glob("*.yaml"):
        shutil.copy(source, folder / source.name)
    small = check(folder)
    for index in range(70):
        write(folder, f"zz-filler-{index:02}.yaml", f"campaign:\n  name: Filler {index}\n")
    large = check(folder)
    assert list(large) == sorted(large)
    assert {name: found for name, found in large.items() if name in small} == small
    assert all(large[name] == [] for name in large if name.startswith("zz-filler-"))
    assert len(large) == len(small) + 70


def test_the_built_in_rules_compare_only_the_briefs_that_share_a_creator_or_book_posts(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A brief whose creators are booked nowhere else, each for no more posts than a week
    allows, can give the built-in rules nothing to find: they are not handed it (a run of many
    briefs keeps only the briefs that can conflict). A rules-dir portfolio rule sees every
    brief."""
    from campaignlint import portfolio

    write(folder, "a.yaml", brief("Lumina", "2027-03-01", "2027-03-31", ["@shared"]))
    write(folder, "b.yaml", brief("Nova", "2027-03-01", "2027-03-31", ["@Shared", "@b.only"]))
    calm = [("@solo", "2027-03-02", 2), ("@solo", "2027-03-03", 3)]  # 5 posts: allowed
    write(
        folder,
        "solo.yaml",
        brief("Lumina", "2027-03-01", "2027-03-31", ["@solo"], deliverables=calm),
    )
    busy = [("@busy", "2027-03-02", 3), ("@busy", "2027-03-03", 3)]  # more than 5 a week
    write(
        folder, "busy.yaml", brief("Nova", "2027-03-01", "2027-03-31", ["@busy"], deliverables=busy)
    )
    compared: list[list[str]] = []
    checking = portfolio.check_portfolio

    def recorded(compared_portfolio: Any, rules: Any) -> Any:
        compared.append(sorted(Path(b.path).name for b in compared_portfolio.briefs))
        return checking(compared_portfolio, rules)

    monkeypatch.setattr(portfolio, "check_portfolio", recorded)
    check(folder)
    assert compared == [["a.yaml", "b.yaml", "busy.yaml"]]
    rules = folder / "rules"
    rules.mkdir()
    (rules / "one_brief.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    run_check(
        CheckOptions(
            paths=["."],
            select=(*PORTFOLIO_RULES, "one-brief-per-brand"),
            rules_dirs=[str(rules)],
            stdout=lambda text: None,
            stderr=lambda text: None,
        )
    )
    assert compared[-1] == ["a.yaml", "b.yaml", "busy.yaml", "solo.yaml"]


def test_a_run_of_many_creators_keeps_only_the_briefs_that_share_one() -> None:
    """The fixed table that tells which creators are booked twice keeps every brief that
    shares a creator, and of 10,000 briefs of four creators each, booked nowhere else, only a
    handful (one bucket a creator kept about 8% of them)."""
    from campaignlint.portfolio import Booking, PortfolioBrief, _Records

    def booked(index: int, keys: list[str]) -> PortfolioBrief:
        bookings = tuple(Booking(k, k, None, "/influencers/0", (1, 1, 1, 1)) for k in keys)
        return PortfolioBrief(f"b{index}.yaml", "Brand", (), None, None, None, bookings)

    with _Records(prune=True, most=5) as records:
        for index in range(10_000):
            records.add(booked(index, [f"c{index}.creator{n}" for n in range(4)]))
        records.add(booked(10_000, ["c7.creator2", "fresh"]))  # shares a creator of b7
        kept = [brief.path for brief in records.briefs()]
    assert {"b7.yaml", "b10000.yaml"} <= set(kept)
    assert len(kept) < 100


def test_a_brief_that_cannot_matter_is_never_read_back_from_the_records() -> None:
    from campaignlint.portfolio import Booking, PortfolioBrief, Recorded, _Records, recorded

    def booked(name: str, keys: list[str]) -> PortfolioBrief:
        bookings = tuple(Booking(k, k, None, "/influencers/0", (1, 1, 1, 1)) for k in keys)
        return PortfolioBrief(name, "Brand", (), None, None, None, bookings)

    with _Records(prune=True, most=5) as records:
        records.add(recorded(booked("a.yaml", ["x", "y"]), pickled=True))
        records.add(Recorded((("alone", 1),), b"not a pickle: never read"))
        records.add(recorded(booked("b.yaml", ["y"]), pickled=True))
        records.add(booked("c.yaml", ["x"]))  # as a brief of the run checked in this process
        assert [brief.path for brief in records.briefs()] == ["a.yaml", "b.yaml", "c.yaml"]


@pytest.mark.parametrize("spooled", [False, True], ids=["in-memory", "spooled"])
def test_worker_processes_give_the_findings_and_order_of_one_process(
    folder: Path, spooled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The briefs and then their re-checks (with the portfolio findings) share one pool of
    # workers; the re-checks are handed on in the order of the files. Spooled (as in a run of
    # many briefs), results and records come back pickled from the workers.
    import shutil

    from campaignlint.portfolio import _ResultSpool

    if spooled:
        monkeypatch.setattr(_ResultSpool, "IN_MEMORY", 2)

    for source in (SAMPLES / "portfolio").glob("*.yaml"):
        shutil.copy(source, folder / source.name)
    for index in range(20):
        write(folder, f"filler-{index:02}.yaml", f"campaign:\n  name: Filler {index}\n")
    alone = check(folder, extra=("missing-kpis",))
    pooled = check(folder, extra=("missing-kpis",), jobs="2")
    assert list(pooled) == list(alone) == sorted(alone)
    assert pooled == alone
    assert sum(1 for found in pooled.values() if any(f[0] != "missing-kpis" for f in found)) == 5


def test_the_clean_samples_have_no_portfolio_findings() -> None:
    found = check(SAMPLES, str(SAMPLES / "clean-en.yaml"), str(SAMPLES / "clean-tr.yaml"))
    assert found == {"clean-en.yaml": [], "clean-tr.yaml": []}


# --- a plugin can add a portfolio rule ---------------------------------------------------------

PLUGIN = '''\
    """Every brand appears in one brief only.

    ## What it does
    Reports a brand that two briefs name.
    ## Why it matters
    Two briefs for one brand are usually a copy.
    ## Example
    ```yaml
    campaign: {brand: A}
    ```
    ## How to fix
    Merge them.
    """
    from campaignlint.i18n import Plain, _

    ID = "one-brief-per-brand"
    SCOPE = "portfolio"

    def check(portfolio, options):
        if options.get("crash"):
            raise ValueError("boom")
        seen = {}
        for brief in portfolio.briefs:
            if brief.brand_key in seen:
                yield brief.problem("/campaign/brand", _("{brand} again", brand=Plain(brief.brand)))
            seen[brief.brand_key] = brief
    '''


def test_a_rules_dir_can_add_a_portfolio_rule(folder: Path) -> None:
    rules = folder / "rules"
    rules.mkdir()
    (rules / "one_brief.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    (folder / "briefs").mkdir()
    write(folder / "briefs", "a.yaml", brief("Lumina", "2027-03-01", "2027-03-31", ["@x"]))
    write(folder / "briefs", "b.yaml", brief("lumina", "2027-03-01", "2027-03-31", ["@y"]))
    printed: list[str] = []
    code = run_check(
        CheckOptions(
            paths=["briefs"],
            formats=["json"],
            select=("one-brief-per-brand",),
            rules_dirs=[str(rules)],
            stdout=printed.append,
            stderr=lambda text: None,
        )
    )
    files = {Path(r["path"]).name: r["findings"] for r in json.loads("".join(printed))["files"]}
    assert code == 1
    assert files["a.yaml"] == []
    assert [(f["rule"], f["message"], f["line"]) for f in files["b.yaml"]] == [
        ("one-brief-per-brand", "Lumina again", 2)
    ]


def test_a_portfolio_rule_that_crashes_is_an_internal_error_in_each_brief(folder: Path) -> None:
    rules = folder / "rules"
    rules.mkdir()
    crashing = textwrap.dedent(PLUGIN).replace('if options.get("crash"):', "if True:")
    (rules / "one_brief.py").write_text(crashing, encoding="utf-8")
    write(folder, "a.yaml", brief("Lumina", "2027-03-01", "2027-03-31", ["@x"]))
    write(folder, "b.yaml", brief("Mocha", "2027-03-01", "2027-03-31", ["@x"]))
    printed: list[str] = []
    code = run_check(
        CheckOptions(
            paths=["."],
            formats=["json"],
            select=("one-brief-per-brand", "creator-overload"),
            rules_dirs=[str(rules)],
            stdout=printed.append,
            stderr=lambda text: None,
        )
    )
    files = {Path(r["path"]).name: r["findings"] for r in json.loads("".join(printed))["files"]}
    assert code == 2
    for name in ("a.yaml", "b.yaml"):
        [finding] = files[name]
        assert finding["rule"] == "internal-error"
        assert finding["message"] == "rule 'one-brief-per-brand' crashed: ValueError: boom"


def test_a_baseline_keeps_a_known_portfolio_finding_quiet(folder: Path) -> None:
    _coffee(folder, "2027-05-25")
    baseline = folder / "baseline.json"
    options = {"paths": ["."], "select": PORTFOLIO_RULES, "stderr": lambda text: None}
    run_check(CheckOptions(write_baseline=baseline, stdout=lambda text: None, **options))  # type: ignore[arg-type]
    printed: list[str] = []
    code = run_check(
        CheckOptions(baseline=baseline, formats=["json"], stdout=printed.append, **options)  # type: ignore[arg-type]
    )
    assert code == 0
    assert all(not r["findings"] for r in json.loads("".join(printed))["files"])


def test_sarif_relates_the_other_brief(folder: Path) -> None:
    schema_path = SHARED / "corpora" / "sarif" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {schema_path} (../shared/corpora/sarif)")
    import jsonschema

    _coffee(folder, "2027-05-25")
    printed: list[str] = []
    run_check(
        CheckOptions(
            paths=["."],
            formats=["sarif"],
            select=PORTFOLIO_RULES,
            stdout=printed.append,
            stderr=lambda text: None,
        )
    )
    document = json.loads("".join(printed))
    validator = jsonschema.Draft4Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    assert not list(validator.iter_errors(document))
    results = document["runs"][0]["results"]
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: result[
            "relatedLocations"
        ][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in results
    }
    assert uris == {"kahve.yaml": "mocha.yaml", "mocha.yaml": "kahve.yaml"}


def test_a_lone_brief_is_kept_for_the_portfolio_rules_only_when_it_can_hold_a_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from campaignlint.loader import load_text
    from campaignlint.portfolio import PortfolioBrief, _Records, brief_from_document

    monkeypatch.setattr(_Records, "BUCKETS", 1)  # every creator collides in the hashed counts

    def recorded(name: str, creators: list[str], posts: int = 1) -> PortfolioBrief:
        text = brief("Lumina", "2027-03-01", "2027-03-31", creators,
                     deliverables=[(creators[0], "2027-03-10", posts)])  # fmt: skip
        found = brief_from_document(name, load_text(text))
        assert found is not None
        return found

    def kept(*briefs: PortfolioBrief) -> list[str]:
        with _Records(prune=True, most=5) as records:
            for item in briefs:
                records.add(item)
            return [item.path for item in records.briefs()]

    assert kept(recorded("a.yaml", ["@x", "@y"])) == []  # counted exactly: nothing shared
    assert kept(recorded("a.yaml", ["@x", "@X"])) == ["a.yaml"]  # booked twice in the brief
    assert kept(recorded("a.yaml", ["@x"], posts=6)) == ["a.yaml"]  # more posts than 5
    two = kept(recorded("a.yaml", ["@x"]), recorded("b.yaml", ["@y"]))
    assert two == ["a.yaml", "b.yaml"]  # several briefs: the hashed counts (a collision keeps)
