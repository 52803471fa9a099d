"""bench/compare.py: the fuzzed corpus is reproducible and differences are found (no timing)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compare() -> ModuleType:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        return importlib.import_module("compare")
    finally:
        sys.path.remove(str(REPO / "bench"))


def test_the_fuzzed_corpus_is_the_same_for_the_same_seed(
    compare: ModuleType, tmp_path: Path
) -> None:
    first = compare.write_corpus(tmp_path / "a", 40, 5)
    second = compare.write_corpus(tmp_path / "b", 40, 5)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    other = compare.write_corpus(tmp_path / "c", 40, 6)
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    assert (tmp_path / "a" / ".campaignlint.yaml").read_text() == "creators: [creators.yaml]\n"


def test_the_corpus_mixes_valid_mutated_and_broken_briefs(
    compare: ModuleType, tmp_path: Path
) -> None:
    files = compare.write_corpus(tmp_path, 80, compare.DEFAULT_SEED)
    parsed = broken = 0
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8", errors="replace"))
        except yaml.YAMLError:
            broken += 1
            continue
        parsed += isinstance(data, dict) and "influencers" in data
    assert parsed > 60 and broken > 0
    assert compare.DEFAULT_COUNT >= 600


def finding(message: str) -> dict[str, object]:
    return {"rule": "budget-fit", "message": message, "line": 3}


def output(*findings: dict[str, object], summary: int = 1) -> str:
    files = [{"path": "a.yaml", "error": None, "findings": list(findings), "suppressed": []}]
    return json.dumps({"version": 1, "files": files, "summary": {"findings": summary}})


def test_identical_outputs_have_no_differences(compare: ModuleType) -> None:
    same = output(finding("over budget"))
    assert compare.json_differences(same, same) == []


def test_a_changed_finding_is_shown_as_removed_and_added(compare: ModuleType) -> None:
    differences = compare.json_differences(
        output(finding("over budget")), output(finding("over the budget"))
    )
    assert differences[0] == "a.yaml: findings differ"
    assert any(line.startswith("  - ") and "over budget" in line for line in differences)
    assert any(line.startswith("  + ") and "over the budget" in line for line in differences)


def test_a_missing_finding_and_a_changed_summary_are_differences(compare: ModuleType) -> None:
    differences = compare.json_differences(
        output(finding("x"), finding("y"), summary=2), output(finding("x"))
    )
    assert "a.yaml: findings differ" in differences
    assert "summary: {'findings': 2} -> {'findings': 1}" in differences


def test_reordered_findings_are_a_difference(compare: ModuleType) -> None:
    assert compare.json_differences(
        output(finding("x"), finding("y")), output(finding("y"), finding("x"))
    ) == ["a.yaml: findings in a different order"]
