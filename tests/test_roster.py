"""The creator roster: creator data kept outside briefs (domain.md, Contract v2), read once per
run from YAML and CSV files, validated with file/line/column errors, merged into each brief's
influencers before the schema and the rules."""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint import roster
from campaignlint.cli import main
from campaignlint.config import Config
from campaignlint.engine import lint_text
from campaignlint.model import Finding
from campaignlint.roster import RosterError, load_roster, read_csv, read_yaml
from tests.helpers import FIXED_TODAY, summary


@pytest.fixture(autouse=True)
def fresh_rosters() -> Iterator[None]:
    """Each test reads its rosters anew (the cache lives for a run, i.e. a process)."""
    roster._LOADED.clear()
    yield
    roster._LOADED.clear()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(error: pytest.ExceptionInfo[RosterError]) -> list[str]:
    return error.value.render().splitlines()


ROSTER_YAML = """\
# exported from the analytics tool
- handle: "@ayse.glow"
  followers: 85000
  avg_likes: 4800
  measured_on: 2026-01-10
  audience:
    age: {"18-24": 60, "25-34": 40}
    gender: {female: 80, male: 20}

- handle: mert.fit
  platform: instagram
  followers: 42000
"""


# --- reading YAML --------------------------------------------------------------------------


def test_yaml_roster_is_a_list_of_entries_with_their_lines() -> None:
    entries = read_yaml(ROSTER_YAML, "creators.yaml")
    assert [(e.handle, e.platform, e.line) for e in entries] == [
        ("@ayse.glow", None, 2),
        ("mert.fit", "instagram", 10),
    ]
    assert entries[0].data["measured_on"] == "2026-01-10"  # dates stay as written
    assert entries[0].has_audience and not entries[1].has_audience


def test_the_fast_and_the_exact_yaml_paths_read_the_same() -> None:
    fast = read_yaml(ROSTER_YAML, "c.yaml")
    exact = roster._slow_yaml(ROSTER_YAML, "c.yaml")
    assert [(e.data, e.line) for e in fast] == [(e.data, e.line) for e in exact]
    # A document start marker is as usual; a second document takes the exact path.
    marked = read_yaml("---\n" + ROSTER_YAML, "c.yaml")
    assert [(e.handle, e.line) for e in marked] == [("@ayse.glow", 3), ("mert.fit", 11)]
    assert not roster._unusual_yaml("---\n" + ROSTER_YAML)
    assert roster._unusual_yaml("- a: 1\n---\n- b: 2\n")
    assert roster._unusual_yaml("- a: !!python/name:os.system 1\n")
    assert not roster._unusual_yaml("- name: Hello!\n")
    # A flow-style list has no item lines to scan: the exact path gives them.
    flow = read_yaml('[{handle: "@a", followers: 1},\n {handle: "@b"}]\n', "c.yaml")
    assert [(e.handle, e.line) for e in flow] == [("@a", 1), ("@b", 2)]


def test_an_empty_yaml_roster_has_no_entries() -> None:
    assert read_yaml("", "c.yaml") == []
    assert read_yaml("# nothing yet\n", "c.yaml") == []
    assert read_yaml("[]\n", "c.yaml") == []


def test_yaml_roster_errors_have_file_line_column_and_did_you_mean() -> None:
    text = '- handle: "@a"\n  folowers: 1000\n- handle: "@b"\n  followers: many\n- followers: 3\n'
    with pytest.raises(RosterError) as error:
        read_yaml(text, "creators.yaml")
    assert problems_of(error) == [
        "creators.yaml:2:3: unknown field 'folowers' in a creator entry (did you mean"
        " 'followers'?)",
        "creators.yaml:4:14: followers must be a whole number, got 'many' (Write the number with"
        " digits only, without units or words.)",
        "creators.yaml:5:3: a creator entry needs a handle",
    ]


def test_a_roster_hint_from_the_creators_schema_description_is_in_the_readers_language() -> None:
    with pytest.raises(RosterError) as error:
        read_yaml('- handle: "@a"\n  followers: -5\n', "creators.yaml")
    assert error.value.render("en").splitlines() == [
        "creators.yaml:2:14: followers must be at least 0, got -5 (Expected: Follower count.)"
    ]
    assert error.value.render("tr").splitlines() == [
        "creators.yaml:2:14: followers en az 0 olmalı; bulunan: -5 (Beklenen: Takipçi sayısı.)"
    ]


def test_a_yaml_roster_that_is_not_a_list_or_not_yaml_is_one_clear_line() -> None:
    with pytest.raises(RosterError) as error:
        read_yaml("handle: '@a'\nfollowers: 3\n", "c.yaml")
    assert problems_of(error) == [
        "c.yaml:1:1: a creator roster must be a list of creator entries (- handle: ...), got a"
        " mapping"
    ]
    with pytest.raises(RosterError) as broken:
        read_yaml("- handle: '@a'\n  followers: [1\n", "c.yaml")
    [line] = problems_of(broken)
    assert line.startswith("c.yaml:") and "invalid YAML" in line
    with pytest.raises(RosterError) as duplicate:
        read_yaml("- handle: '@a'\n  followers: 1\n  followers: 2\n", "c.yaml")
    [line] = problems_of(duplicate)
    assert line.startswith("c.yaml:3:3: duplicate key 'followers'")


# --- reading CSV ---------------------------------------------------------------------------


def test_csv_roster_with_comma_bom_at_signs_and_empty_cells() -> None:
    text = (
        "\ufeffhandle,platform,followers,engagement_rate,content_style,audience.age.18-24,"
        "audience.locations.St. Albans,measured_on\n"
        '@ayse.glow,tiktok,85000,6.2,"tutorial, comedy",55,12,2026-01-10\n'
        "mert.fit,,42000,,,,,\n"
    )
    entries = read_csv(text, "c.csv")
    assert [(e.handle, e.platform, e.line) for e in entries] == [
        ("@ayse.glow", "tiktok", 2),
        ("mert.fit", None, 3),
    ]
    assert entries[0].data == {
        "handle": "@ayse.glow",
        "platform": "tiktok",
        "followers": 85000,
        "engagement_rate": 6.2,
        "content_style": ["tutorial", "comedy"],
        "audience": {"age": {"18-24": 55}, "locations": {"St. Albans": 12}},
        "measured_on": "2026-01-10",
    }
    assert entries[1].data == {"handle": "mert.fit", "followers": 42000}  # empty = absent


def test_csv_roster_with_semicolons_reads_decimal_commas_as_excel_writes_them() -> None:
    text = (
        "handle;followers;engagement_rate;audience.gender.female;audience.gender.male\n"
        "@ayse.glow;85.000;4,9;78,5;21,5\n"
    )
    [entry] = read_csv(text, "c.csv")
    assert entry.data == {
        "handle": "@ayse.glow",
        "followers": 85000,
        "engagement_rate": 4.9,
        "audience": {"gender": {"female": 78.5, "male": 21.5}},
    }


def test_csv_roster_with_tabs() -> None:
    [entry] = read_csv("handle\tfollowers\n@a\t1200\n", "c.tsv.csv")
    assert entry.data == {"handle": "@a", "followers": 1200}


def test_csv_roster_errors_point_at_the_header_or_the_cell() -> None:
    text = "handle,folowers,audience.age.18-24\n@a,100,55\n@b,200,lots\n@c,300,120\n"
    with pytest.raises(RosterError) as error:
        read_csv(text, "c.csv")
    assert problems_of(error) == [
        # once for the column, not once per row
        "c.csv:1:8: unknown field 'folowers' in a creator entry (did you mean 'followers'?)",
        "c.csv:3:8: audience.age.18-24 must be a number, got 'lots' (Write the number with"
        " digits only, without units or words.)",
        "c.csv:4:8: audience.age.18-24 must be at most 100, got 120",
    ]


def test_csv_roster_without_handle_column_or_with_a_long_row() -> None:
    with pytest.raises(RosterError) as error:
        read_csv("name,followers\nAyşe,100\n", "c.csv")
    assert problems_of(error) == ["c.csv:1:1: the CSV header has no 'handle' column"]
    with pytest.raises(RosterError) as long_row:
        read_csv("handle,followers\n@a,100,7\n", "c.csv")
    assert problems_of(long_row) == ["c.csv:2: this row has 3 cells, the header 2"]


def test_a_roster_in_another_encoding_or_binary_is_one_clear_line(workdir: Path) -> None:
    (workdir / "latin.csv").write_bytes("handle,name\n@andre,André\n".encode("latin-1"))
    (workdir / "data.yaml").write_bytes(b"- handle: '@a'\n\x00\x01")
    for name, where in (("latin.csv", "latin.csv:2:12"), ("data.yaml", "data.yaml")):
        with pytest.raises(RosterError) as error:
            load_roster((str(workdir / name),))
        assert problems_of(error) == [
            f"{where}: the creator roster is not UTF-8 text; save it as UTF-8 (in Excel: CSV UTF-8)"
        ]


def test_the_same_handle_and_platform_twice_names_both_lines(workdir: Path) -> None:
    write(workdir / "a.yaml", '- handle: "@Ayse.Glow"\n  followers: 1\n')
    write(workdir / "b.csv", "handle,platform,followers\nayse.glow,,2\n@ayse.glow,instagram,3\n")
    with pytest.raises(RosterError) as error:
        load_roster((str(workdir / "a.yaml"), str(workdir / "b.csv")))
    assert problems_of(error) == [
        "b.csv:2: ayse.glow (every platform) is listed twice in the creator roster: a.yaml line 1"
        " and b.csv line 2; keep one row per creator and platform"
    ]


def test_a_folder_is_searched_recursively_and_a_missing_path_is_an_error(workdir: Path) -> None:
    write(workdir / "data" / "tiktok.yaml", '- {handle: "@a", followers: 1}\n')
    write(workdir / "data" / "more" / "ig.csv", "handle,platform,followers\n@a,instagram,2\n")
    write(workdir / "data" / "notes.txt", "not a roster")
    loaded = load_roster((str(workdir / "data"),))
    assert set(loaded.entries) == {("a", None), ("a", "instagram")}
    with pytest.raises(RosterError) as error:
        load_roster((str(workdir / "nowhere.csv"),))
    assert problems_of(error) == ["nowhere.csv: creator roster not found (creators:)"]


# --- merging into a brief ------------------------------------------------------------------

BRIEF = """\
campaign:
  name: Glow
  brand: Lumina
  objective: awareness
  start: 2026-03-01
  end: 2026-03-31
  budget: {amount: 250000, currency: TRY}
target_audience:
  age: {min: 18, max: 24}
  genders: [female]
influencers:
  - handle: "@ayse.glow"
  - handle: "@mert.fit"
    platform: instagram
deliverables:
  - {influencer: "@ayse.glow", format: video, count: 1, due: 2026-03-20}
  - {influencer: "@mert.fit", format: video, count: 1, due: 2026-03-20}
"""


def lint(
    brief: str, roster_path: Path, *rules: str, options: dict[str, object] | None = None
) -> list[Finding]:
    config = Config(
        select=rules or None,
        creators=(str(roster_path),),
        rules={rule: dict(options or {}) for rule in rules},
    )
    return lint_text(brief, config=config, today=FIXED_TODAY)


def test_a_brief_listing_only_handles_gets_its_figures_from_the_roster(workdir: Path) -> None:
    path = write(workdir / "creators.yaml", ROSTER_YAML)
    assert lint(BRIEF, path, "schema") == []
    # Only @mert.fit's roster entry lacks audience data.
    findings = lint(BRIEF, path, "audience-mismatch")
    assert summary(findings) == [("audience-mismatch", "info", 13, "/influencers/1/audience")]


def test_the_python_api_raises_a_config_error_for_a_broken_roster(workdir: Path) -> None:
    from campaignlint.errors import ConfigError

    path = write(workdir / "creators.csv", "handle,followers\n@a,lots\n")
    with pytest.raises(ConfigError):
        lint(BRIEF, path, "schema")


def test_followers_in_neither_place_is_a_schema_finding_at_the_brief_entry(
    workdir: Path,
) -> None:
    path = write(workdir / "creators.yaml", '- {handle: "@ayse.glow", followers: 1}\n')
    findings = lint(BRIEF, path, "schema")
    assert summary(findings) == [("schema", "error", 13, "/influencers/1")]
    assert "missing the required field 'followers'" in findings[0].message


def test_platform_rows_apply_to_that_platform_and_rows_without_to_all(workdir: Path) -> None:
    path = write(
        workdir / "creators.csv",
        "handle,platform,followers\n@ayse.glow,instagram,1\n@ayse.glow,,2\n"
        "@mert.fit,tiktok,3\n@mert.fit,instagram,4\n",
    )
    loaded = load_roster((str(path),))
    assert roster.load_roster((str(path),)) is loaded  # read once
    import yaml

    merged, matches = roster.merge_roster(yaml.safe_load(BRIEF), loaded)
    # @ayse.glow works on TikTok (the campaign's platform): the all-platform row; @mert.fit
    # states instagram: its Instagram row.
    assert [i["followers"] for i in merged["influencers"]] == [2, 4]
    assert [matches[i].entry.line for i in (0, 1)] == [3, 5]


def test_the_brief_wins_per_field_and_per_audience_sub_map(workdir: Path) -> None:
    path = write(
        workdir / "creators.yaml",
        """\
        - handle: "@a"
          followers: 1000
          avg_likes: 50
          audience:
            age: {"45+": 100}
            gender: {male: 100}
        """,
    )
    brief = {
        "influencers": [
            {"handle": "@a", "followers": 1100, "audience": {"age": {"18-24": 100}}},
        ]
    }
    merged, matches = roster.merge_roster(brief, load_roster((str(path),)))
    assert merged["influencers"][0] == {
        "handle": "@a",
        "followers": 1100,
        "avg_likes": 50,
        "audience": {"age": {"18-24": 100}, "gender": {"male": 100}},
    }
    assert matches[0].supplied == ("avg_likes", "audience/gender")
    assert brief["influencers"][0]["audience"] == {"age": {"18-24": 100}}  # not changed


def test_findings_on_roster_data_point_at_the_brief_and_name_the_roster_line(
    workdir: Path,
) -> None:
    path = write(
        workdir / "creators.yaml",
        """\
        - handle: "@ayse.glow"
          followers: 85000
          measured_on: 2026-01-10
          audience:
            age: {"18-24": 20, "25-34": 80}
        - handle: "@mert.fit"
          followers: 42000
          measured_on: 2026-01-10
          audience:
            gender: {female: 90}
        """,
    )
    findings = lint(BRIEF, path, "audience-mismatch")
    assert summary(findings) == [
        ("audience-mismatch", "warning", 12, "/influencers/0/audience/age"),
    ]
    assert findings[0].message == (
        "@ayse.glow: 20% of the audience is aged 18-24 (target 18-24, needs at least 50%)."
        " Data from the creator roster: creators.yaml, line 1."
    )


# --- audience-mismatch on roster data ------------------------------------------------------


def _dated(first: str, second: str | None) -> str:
    second_date = f"\n  measured_on: {second}" if second else ""
    return (
        f'- handle: "@ayse.glow"\n  followers: 85000\n  measured_on: {first}\n'
        "  audience: {gender: {female: 90}}\n"
        f'- handle: "@mert.fit"\n  followers: 42000{second_date}\n'
        "  audience: {gender: {female: 90}}\n"
    )


def test_stale_roster_data_is_a_warning_and_exactly_180_days_is_not(workdir: Path) -> None:
    # campaign.start 2026-03-01: 180 days before is 2025-09-02, 181 days 2025-09-01.
    path = write(workdir / "c.yaml", _dated("2025-09-02", "2025-09-01"))
    findings = lint(BRIEF, path, "audience-mismatch")
    assert summary(findings) == [("audience-mismatch", "warning", 13, "/influencers/1")]
    assert findings[0].message == (
        "@mert.fit: the audience data in the creator roster (c.yaml, line 5) was measured on"
        " 2025-09-01, 181 days before the campaign starts (more than 180): audience insights"
        " go stale."
    )
    relaxed = lint(BRIEF, path, "audience-mismatch", options={"max_data_age_days": 365})
    assert relaxed == []


def test_one_old_export_is_one_stale_warning_listing_its_creators(workdir: Path) -> None:
    path = write(workdir / "c.yaml", _dated("2025-06-01", "2025-06-01"))
    findings = lint(BRIEF, path, "audience-mismatch")
    assert summary(findings) == [("audience-mismatch", "warning", 12, "/influencers/0")]
    assert findings[0].message == (
        "2 creators' audience data in the creator roster was measured on 2025-06-01, 273 days"
        " before the campaign starts (more than 180): @ayse.glow (c.yaml:1), @mert.fit"
        " (c.yaml:5); audience insights go stale."
    )
    # Different dates read differently: one warning each.
    path = write(workdir / "d.yaml", _dated("2025-06-01", "2025-06-02"))
    assert len(lint(BRIEF, path, "audience-mismatch")) == 2


def test_undated_roster_audience_is_one_info_listing_the_creators(workdir: Path) -> None:
    text = _dated("2026-01-10", None).replace("  measured_on: 2026-01-10\n", "")
    path = write(workdir / "c.yaml", text)
    findings = lint(BRIEF, path, "audience-mismatch")
    assert summary(findings) == [("audience-mismatch", "info", 12, "/influencers/0")]
    assert findings[0].message == (
        "2 creators' audience data in the creator roster has no measured_on date (date"
        " unknown): @ayse.glow (c.yaml:1), @mert.fit (c.yaml:4); whether it is stale cannot be"
        " checked."
    )
    # Entries without audience data cannot be stale, so need no date.
    figures_only = write(workdir / "f.yaml", '- {handle: "@ayse.glow", followers: 1}\n')
    findings = lint(BRIEF, figures_only, "audience-mismatch")
    assert summary(findings) == [("audience-mismatch", "warning", 11, "/influencers")]


def test_stale_data_and_a_mismatch_on_it_are_two_findings(workdir: Path) -> None:
    path = write(
        workdir / "c.yaml",
        '- handle: "@ayse.glow"\n  followers: 85000\n  measured_on: 2025-01-01\n'
        "  audience: {gender: {male: 90, female: 10}}\n"
        '- {handle: "@mert.fit", followers: 1, measured_on: 2026-02-01,'
        " audience: {gender: {female: 90}}}\n",
    )
    findings = lint(BRIEF, path, "audience-mismatch")
    assert summary(findings) == [
        ("audience-mismatch", "warning", 12, "/influencers/0/audience/gender"),
        ("audience-mismatch", "warning", 12, "/influencers/0"),
    ]


def test_a_figure_differing_by_more_than_25_percent_of_the_roster_is_one_info(
    workdir: Path,
) -> None:
    path = write(
        workdir / "c.yaml",
        '- {handle: "@ayse.glow", followers: 80000, avg_likes: 4000,'
        " measured_on: 2026-02-01, audience: {gender: {female: 90}}}\n"
        '- {handle: "@mert.fit", followers: 40000, measured_on: 2026-02-01,'
        " audience: {gender: {female: 90}}}\n",
    )
    brief = BRIEF.replace(
        '  - handle: "@ayse.glow"\n',
        '  - handle: "@ayse.glow"\n    followers: 100000\n    avg_likes: 5001\n',
    ).replace("    platform: instagram\n", "    platform: instagram\n    followers: 30000\n")
    findings = lint(brief, path, "audience-mismatch")
    # followers 100,000 vs 80,000 is exactly 25 %: not reported; 5,001 vs 4,000 is over; 30,000
    # vs 40,000 is exactly 25 % below: not reported.
    assert summary(findings) == [("audience-mismatch", "info", 14, "/influencers/0/avg_likes")]
    assert findings[0].message == (
        "@ayse.glow: avg_likes is 5,001 in the brief but 4,000 in the creator roster (c.yaml,"
        " line 1): one of them is stale or mistyped."
    )


def test_roster_data_clears_the_no_audience_data_warning(workdir: Path) -> None:
    empty = write(workdir / "empty.yaml", "[]\n")
    [warning] = lint(BRIEF, empty, "audience-mismatch")
    assert (warning.severity, warning.pointer) == ("warning", "/influencers")
    one = write(
        workdir / "one.yaml",
        '- {handle: "@mert.fit", followers: 1, audience: {gender: {female: 90}},'
        " measured_on: 2026-02-01}\n",
    )
    [info] = lint(BRIEF, one, "audience-mismatch")
    assert (info.severity, info.pointer) == ("info", "/influencers/0/audience")


# --- the command line ----------------------------------------------------------------------


def run(*args: str) -> Result:
    env = {"NO_COLOR": "1", "CAMPAIGNLINT_TODAY": "2026-01-15"}
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_config_creators_and_command_line_creators_add_up(workdir: Path) -> None:
    write(workdir / "team" / "creators.yaml", '- {handle: "@ayse.glow", followers: 85000}\n')
    write(workdir / "extra.csv", "handle,followers\n@mert.fit,42000\n")
    write(workdir / "team" / ".campaignlint.yaml", "creators: [creators.yaml]\n")
    write(workdir / "team" / "brief.yaml", BRIEF)
    alone = run("check", "--select", "schema", "team")
    assert alone.exit_code == 1
    assert "team/brief.yaml:13:5: error schema" in alone.output  # only @mert.fit lacks data
    both = run("check", "--select", "schema", "--creators", "extra.csv", "team")
    assert both.exit_code == 0, both.output
    assert "in 1 file checked." in both.output or "All checks passed" in both.output


def test_a_folder_walk_never_lints_roster_files_as_briefs(workdir: Path) -> None:
    write(workdir / "creators" / "tiktok.yaml", '- {handle: "@ayse.glow", followers: 85000}\n')
    write(workdir / "creators.yml", '- {handle: "@mert.fit", followers: 42000}\n')
    write(workdir / ".campaignlint.yaml", "creators: [creators, creators.yml]\n")
    write(workdir / "brief.yaml", BRIEF)
    result = run("check", "--select", "schema", "--format", "json", ".")
    files = [entry["path"] for entry in json.loads(result.output)["files"]]
    assert files == ["brief.yaml"]
    assert result.exit_code == 0


def test_force_exclude_skips_a_roster_named_on_the_command_line(workdir: Path) -> None:
    # pre-commit passes changed files by name, with --force-exclude (.pre-commit-hooks.yaml).
    write(workdir / "briefs" / "creators.yaml", '- {handle: "@ayse.glow", followers: 85000}\n')
    write(workdir / "briefs" / "brief.yaml", BRIEF.replace("    platform: instagram\n", ""))
    write(workdir / ".campaignlint.yaml", "creators: briefs/creators.yaml\n")
    named = ("briefs/creators.yaml", "briefs/brief.yaml")
    hook = run("check", "--force-exclude", "--select", "schema", "--format", "json", *named)
    assert [entry["path"] for entry in json.loads(hook.output)["files"]] == ["briefs/brief.yaml"]
    plain = run("check", "--select", "schema", "--format", "json", *named)
    assert [entry["path"] for entry in json.loads(plain.output)["files"]] == list(named)


def test_an_invalid_roster_stops_the_run_with_exit_2_and_every_problem(workdir: Path) -> None:
    write(workdir / "creators.csv", "handle,followers\n@a,many\n@b,-3\n")
    write(workdir / "brief.yaml", BRIEF)
    result = run("check", "--creators", "creators.csv", "brief.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "campaignlint: error: creators.csv:2:4: followers must be a whole number, got 'many'"
        " (Write the number with digits only, without units or words.)",
        "campaignlint: error: creators.csv:3:4: followers must be at least 0, got -3"
        " (Expected: Follower count.)",
    ]
    missing = run("check", "--creators", "nope.yaml", "brief.yaml")
    assert missing.exit_code == 2
    assert (
        missing.output == "campaignlint: error: nope.yaml: creator roster not found (creators:)\n"
    )


def test_the_roster_is_read_once_per_run_and_reaches_every_worker(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(workdir / "creators.yaml", ROSTER_YAML.replace("  platform: instagram\n", ""))
    for index in range(6):
        write(workdir / "briefs" / f"brief{index}.yaml", BRIEF)
    calls: list[Path] = []
    original = roster.read_file

    def counting(path: Path) -> list[roster.Entry]:
        calls.append(path)
        return original(path)

    monkeypatch.setattr(roster, "read_file", counting)
    serial = run("check", "--select", "schema", "--creators", "creators.yaml", "briefs")
    assert serial.exit_code == 0, serial.output
    assert len(calls) == 1

    def unreadable(path: Path) -> list[roster.Entry]:
        raise AssertionError(f"{path} read again")

    # A run's workers use the roster as read, never read it again.
    monkeypatch.setattr(roster, "read_file", unreadable)
    parallel = run(
        "check", "-j", "2", "--select", "schema", "--creators", "creators.yaml", "briefs"
    )
    assert parallel.exit_code == 0, parallel.output
    assert parallel.output == serial.output


def test_reports_and_standard_input_see_the_merged_creators(workdir: Path) -> None:
    write(workdir / "creators.yaml", ROSTER_YAML.replace("  platform: instagram\n", ""))
    write(workdir / "brief.yaml", BRIEF)
    report = run("check", "--creators", "creators.yaml", "--format", "markdown", "brief.yaml")
    assert "| `@ayse.glow` | 85,000 |" in report.output
    result = CliRunner().invoke(
        main,
        ["check", "--select", "schema", "--creators", "creators.yaml", "-"],
        input=BRIEF,
        env={"NO_COLOR": "1"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output


def test_schema_command_prints_the_roster_schema() -> None:
    result = run("schema", "--creators")
    schema = json.loads(result.output)
    assert schema["title"] == "campaignlint creator roster"
    assert schema["type"] == "array"
    assert "measured_on" in schema["$defs"]["creator"]["properties"]


# --- the samples ---------------------------------------------------------------------------


def _sample_findings(folder: Path, lang: str = "en") -> list[dict[str, object]]:
    from tests.helpers import SAMPLES

    result = run("check", "--format", "json", "--lang", lang, str(SAMPLES / folder))
    assert result.exit_code in (0, 1), result.output
    return [
        {"file": Path(str(entry["path"])).name, **finding}
        for entry in json.loads(result.output)["files"]
        for finding in entry["findings"]
    ]


def test_roster_samples_are_clean_once_their_creators_come_from_the_roster() -> None:
    assert _sample_findings(Path("roster")) == []


def test_without_its_roster_the_sample_lacks_every_creator_figure(workdir: Path) -> None:
    from tests.helpers import SAMPLES

    write(workdir / "empty.yaml", "lang: en\n")
    sample = str(SAMPLES / "roster" / "campaign-en.yaml")
    result = run("check", "--format", "json", "--config", "empty.yaml", sample)
    findings = json.loads(result.output)["files"][0]["findings"]
    missing = [f["pointer"] for f in findings if "'followers'" in f["message"]]
    assert missing == ["/influencers/0", "/influencers/1", "/influencers/2"]
    assert any(f["rule"] == "audience-mismatch" and f["severity"] == "warning" for f in findings)


def test_mistake_roster_sample_shows_each_roster_check() -> None:
    findings = [f for f in _sample_findings(Path("mistakes") / "roster")]
    assert [(f["file"], f["rule"], f["severity"], f["line"], f["pointer"]) for f in findings] == [
        (
            "audience-mismatch.yaml",
            "audience-mismatch",
            "warning",
            29,
            "/influencers/0/audience/age",
        ),
        ("audience-mismatch.yaml", "audience-mismatch", "warning", 29, "/influencers/0"),
        ("audience-mismatch.yaml", "audience-mismatch", "info", 35, "/influencers/1/followers"),
        ("audience-mismatch.yaml", "audience-mismatch", "info", 40, "/influencers/2"),
        ("audience-mismatch.yaml", "audience-mismatch", "info", 45, "/influencers/3/audience"),
        ("no-audience-data.yaml", "audience-mismatch", "warning", 23, "/influencers"),
    ]
    assert "creators.csv, line 2" in str(findings[0]["message"])


def test_roster_findings_read_in_turkish() -> None:
    findings = _sample_findings(Path("mistakes") / "roster", lang="tr")
    messages = [str(f["message"]) for f in findings]
    assert all("creator roster" not in message for message in messages), messages
    assert "içerik üreticisi listesi" in messages[0]


def test_a_roster_named_by_a_config_met_in_the_walk_is_still_read_once_with_jobs(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--jobs starts its workers during the walk; when a config found later names a roster,
    the workers still get it as read (never read again in each worker)."""
    write(workdir / "team" / "creators.yaml", ROSTER_YAML.replace("  platform: instagram\n", ""))
    write(workdir / "team" / ".campaignlint.yaml", "creators: [creators.yaml]\n")
    for index in range(6):
        write(workdir / "briefs" / f"brief{index}.yaml", BRIEF)
        write(workdir / "team" / f"brief{index}.yaml", BRIEF)
    serial = run("check", "--select", "schema", "--format", "json", "briefs", "team")
    reads = workdir / "reads.txt"  # written by whichever process reads the roster
    original = roster.read_file

    def counting(path: Path) -> list[roster.Entry]:
        with reads.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")
        return original(path)

    monkeypatch.setattr(roster, "read_file", counting)
    monkeypatch.setattr(roster, "_LOADED", {})
    parallel = run("check", "-j", "2", "--select", "schema", "--format", "json", "briefs", "team")
    assert reads.read_text(encoding="utf-8").split() == [str(os.getpid())]
    assert parallel.output == serial.output and parallel.exit_code == serial.exit_code
