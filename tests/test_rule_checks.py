"""Built-in rules' check codes (``missing-disclosure.platform-label``): every problem of a rule
with CHECKS carries a declared check, each code can be ignored, selected, re-rated, suppressed
and baselined on its own, and the rule id still names them all."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from campaignlint.config import Config
from campaignlint.engine import lint_text
from campaignlint.registry import builtin_rules
from tests.helpers import REPO, SAMPLES

RULES_WITH_CHECKS = sorted(rule.id for rule in builtin_rules().values() if rule.checks)

# A brief whose disclosure lacks only the platform's paid-partnership setting, and a KPI gap.
BRIEF = """\
campaign:
  name: Glow
  brand: Lumina
  objective: awareness
  markets: [TR]
influencers:
  - {handle: "@ayse", followers: 85000}
deliverables:
  - {influencer: "@ayse", format: video}
content:
  hashtags: ["#LuminaGlow", "#reklam"]
  disclosure:
    tags: ["#reklam"]
    placement: end_of_caption
"""


def _codes(config: Config, text: str = BRIEF) -> list[str]:
    return [f.code for f in lint_text(text, config=config) if f.suppressed_by is None]


def test_the_rules_with_distinct_checks_declare_them() -> None:
    assert {
        "missing-disclosure",
        "missing-kpis",
        "missing-tracking",
        "content-guidelines",
        "over-restrictive-clauses",
        "engagement-rate",
        "missing-contract-terms",
    } <= set(RULES_WITH_CHECKS)
    assert "platform-label" in builtin_rules()["missing-disclosure"].checks


@pytest.mark.parametrize("rule_id", RULES_WITH_CHECKS)
def test_every_problem_of_a_rule_with_checks_names_a_declared_check(rule_id: str) -> None:
    """Read from the source: each brief.problem/brief.missing call passes check=, and every
    declared check is used (a finding without a code could not be selected by code)."""
    rule = builtin_rules()[rule_id]
    path = REPO / "rules" / f"{rule.module.rsplit('.', 1)[-1]}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used: set[str] = set()
    computed = False
    declaration = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "CHECKS" for target in node.targets)
    )
    assert isinstance(declaration, ast.Dict)
    keys = list(declaration.keys)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        keywords = {keyword.arg: keyword.value for keyword in node.keywords}
        value = keywords.get("check")
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            used.add(value.value)
        elif value is not None:
            computed = True
        func = node.func
        makes_problem = (
            isinstance(func, ast.Attribute)
            and func.attr in ("problem", "missing")
            and isinstance(func.value, ast.Name)
            and func.value.id == "brief"
        )
        if makes_problem:
            assert "check" in keywords or None in keywords, f"{path.name}:{node.lineno}"
    if computed:  # check=dimension: the ids it can take are string literals of the module
        used |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in rule.checks and node not in keys
        }
    assert used == set(rule.checks)


def test_ignoring_the_platform_label_check_silences_only_it() -> None:
    rule = "missing-disclosure"
    assert sorted(_codes(Config(select=(rule,)))) == [
        f"{rule}.placement",
        f"{rule}.platform-label",
    ]
    ignored = Config(select=(rule,), ignore=(f"{rule}.platform-label",))
    assert _codes(ignored) == [f"{rule}.placement"]
    assert _codes(Config(select=(f"{rule}.platform-label",))) == [f"{rule}.platform-label"]
    assert _codes(Config(select=(rule,), ignore=(rule,))) == []
    rerated = Config(select=(rule,), rules={f"{rule}.platform-label": {"severity": "info"}})
    severities = {f.code: f.severity.value for f in lint_text(BRIEF, config=rerated)}
    assert severities == {f"{rule}.placement": "warning", f"{rule}.platform-label": "info"}


def test_a_real_brief_ignoring_the_platform_label_keeps_every_other_finding() -> None:
    text = (SAMPLES / "bad-en.yaml").read_text(encoding="utf-8")
    everything = _codes(Config(), text)
    without = _codes(Config(ignore=("missing-disclosure.platform-label",)), text)
    assert "missing-disclosure.platform-label" in everything
    assert without == [code for code in everything if code != "missing-disclosure.platform-label"]


def test_a_suppression_comment_by_code_silences_only_that_check() -> None:
    text = BRIEF.replace(
        "  disclosure:\n",
        "  disclosure:  # campaignlint: disable=missing-disclosure.platform-label -- in the app\n",
    )
    assert _codes(Config(select=("missing-disclosure",)), text) == ["missing-disclosure.placement"]


def test_a_per_file_pointer_entry_by_code_silences_only_that_check(tmp_path: Path) -> None:
    path = tmp_path / "q3.yaml"
    entry = {"files": "q3.yaml#/content", "ignore": ["missing-disclosure.platform-label"]}
    config = Config(select=("missing-disclosure",), per_file=(entry,), root=str(tmp_path))
    found = lint_text(BRIEF, path=str(path), config=config)
    assert [f.code for f in found if f.suppressed_by is None] == ["missing-disclosure.placement"]


def test_a_baseline_records_the_code_and_a_rule_id_still_matches(tmp_path: Path) -> None:
    from campaignlint.baseline import apply_baseline, write_baseline
    from campaignlint.engine import FileResult

    findings = lint_text(BRIEF, path=str(tmp_path / "b.yaml"), config=Config(select=("ALL",)))
    result = FileResult(str(tmp_path / "b.yaml"), findings)
    baseline = tmp_path / "baseline.json"
    write_baseline([result], baseline)
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert "missing-disclosure.platform-label" in {entry["code"] for entry in entries}
    assert all(entry["code"].split(".")[0] == entry["rule"] for entry in entries)
    [filtered] = apply_baseline([result], baseline)
    assert filtered.findings == []
