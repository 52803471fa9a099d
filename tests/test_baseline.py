"""--baseline / --write-baseline: only new findings are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, run_check

BRIEF = "campaign:\n  name: TODO\n  brand: TBD\n"


def _check(tmp_path: Path, **options: object) -> tuple[int, str, str]:
    out: list[str] = []
    err: list[str] = []
    code = run_check(
        CheckOptions(
            paths=[str(tmp_path / "brief.yaml")],
            select=("placeholder-text",),
            stdout=out.append,
            stderr=err.append,
            **options,  # type: ignore[arg-type]
        )
    )
    return code, "".join(out), "".join(err)


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    (tmp_path / "brief.yaml").write_text(BRIEF)
    baseline = tmp_path / "baseline.json"
    code, _out, err = _check(tmp_path, write_baseline=baseline)
    assert code == 0 and "recorded 2 findings" in err
    return baseline


def test_written_baseline_records_rule_pointer_message_and_count(recorded: Path) -> None:
    entries = json.loads(recorded.read_text())["findings"]
    assert [(e["path"], e["rule"], e["pointer"], e["count"]) for e in entries] == [
        ("brief.yaml", "placeholder-text", "/campaign/brand", 1),
        ("brief.yaml", "placeholder-text", "/campaign/name", 1),
    ]
    assert "line" not in entries[0]


def test_baseline_hides_known_findings_even_after_lines_move(recorded: Path) -> None:
    brief = recorded.parent / "brief.yaml"
    brief.write_text("# a new comment\n\n" + BRIEF)
    assert _check(recorded.parent, baseline=recorded)[0] == 0


def test_baseline_reports_only_new_findings(recorded: Path) -> None:
    brief = recorded.parent / "brief.yaml"
    brief.write_text(BRIEF + "content:\n  guidelines: FIXME\n")
    code, out, _err = _check(recorded.parent, baseline=recorded)
    assert code == 1
    assert "/content" not in out and "brief.yaml:5:15" in out
    assert "campaign.name" not in out


def test_counts_let_a_new_duplicate_through(tmp_path: Path) -> None:
    (tmp_path / "brief.yaml").write_text("tags:\n  - TODO\n")
    baseline = tmp_path / "b.json"
    _check(tmp_path, write_baseline=baseline)
    (tmp_path / "brief.yaml").write_text("tags:\n  - TODO\n  - TODO\n")
    code, out, _err = _check(tmp_path, baseline=baseline)
    # the pointers differ (/tags/0, /tags/1), so the second one is new
    assert code == 1 and "brief.yaml:3:5" in out


def test_identical_findings_are_counted(tmp_path: Path) -> None:
    from campaignlint.baseline import apply_baseline, write_baseline
    from campaignlint.engine import FileResult
    from campaignlint.model import Finding, Severity

    def finding(line: int) -> Finding:
        return Finding("r", Severity.ERROR, "m", "/a", line, 1, line, 2, message_en="m")

    baseline = tmp_path / "b.json"
    assert write_baseline([FileResult("x.yaml", [finding(1)])], baseline) == 1
    result = apply_baseline([FileResult("x.yaml", [finding(4), finding(9)])], baseline)[0]
    assert [f.line for f in result.findings] == [9]
    assert [f.suppressed_by for f in result.suppressed] == ["baseline"]


def test_baseline_from_another_directory_still_matches(
    recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(recorded.parent.parent)
    assert _check(recorded.parent, baseline=recorded)[0] == 0


def test_missing_or_broken_baseline_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "brief.yaml").write_text(BRIEF)
    code, _out, err = _check(tmp_path, baseline=tmp_path / "nope.json")
    assert code == 2 and "baseline file not found" in err and "Traceback" not in err
    (tmp_path / "bad.json").write_text("{not json")
    code, _out, err = _check(tmp_path, baseline=tmp_path / "bad.json")
    assert code == 2 and "not a campaignlint baseline" in err


def test_findings_are_fingerprinted_in_english_whatever_the_language(recorded: Path) -> None:
    assert _check(recorded.parent, baseline=recorded, lang="tr")[0] == 0
