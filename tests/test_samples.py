"""The shipped samples stay what they claim to be, whatever rules are added.

Clean samples give no finding from any discovered rule, today and on the fixed test date; each
bad sample fails and triggers every rule its header comment lists (once that rule is
registered); the broken sample is an input error; each samples/mistakes/<rule-id>.yaml triggers
its rule.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint.cli import main
from campaignlint.config import Config
from campaignlint.engine import lint_text, rules_for
from campaignlint.model import Finding
from tests.helpers import FIXED_TODAY, SAMPLES

CLEAN = ["clean-en.yaml", "clean-tr.yaml"]
BAD = ["bad-en.yaml", "bad-tr.yaml"]
# Every rule id of domain.md: the bad samples together show each of them.
DOMAIN_RULES = (
    "schema",
    "placeholder-text",
    "inconsistent-dates",
    "unknown-influencer",
    "audience-mismatch",
    "age-content-fit",
    "follower-based-pricing",
    "influencer-objective-fit",
    "budget-fit",
    "unfair-revenue-share",
    "engagement-rate",
    "missing-contract-terms",
    "over-restrictive-clauses",
    "missing-disclosure",
    "content-guidelines",
    "hashtag-strategy",
    "missing-kpis",
    "missing-tracking",
    "posting-window",
)
MODELINE = "# yaml-language-server: $schema=../schemas/brief.schema.json"
# A header line such as "#   - unknown-influencer: a deliverable names ..."
_CLAIM = re.compile(r"^#\s+-\s+([a-z][a-z0-9]*(?:-[a-z0-9]+)*):")


def _registered() -> set[str]:
    return set(rules_for(Config()))


def _lint(name: str, today: dt.date) -> list[Finding]:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return lint_text(text, path=f"samples/{name}", config=Config(), today=today)


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"{f.line}: {f.rule} {f.severity.value}: {f.message}" for f in findings)


def _claimed_rules(path: Path) -> list[str]:
    """Rule ids listed in the sample's leading comment block."""
    claimed = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _CLAIM.match(line)
        if match:
            claimed.append(match.group(1))
    return claimed


def _cli(*args: str) -> Result:
    env: dict[str, str | None] = {"NO_COLOR": "1", "CAMPAIGNLINT_TODAY": None}
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.mark.parametrize("name", CLEAN)
@pytest.mark.parametrize("today", [FIXED_TODAY, dt.date.today()], ids=["fixed-today", "today"])
def test_clean_sample_has_no_finding_from_any_rule(name: str, today: dt.date) -> None:
    findings = _lint(name, today)
    assert findings == [], f"{name} is not clean:\n{_describe(findings)}"


@pytest.mark.parametrize("name", CLEAN)
def test_clean_sample_passes_the_cli(name: str) -> None:
    result = _cli("check", str(SAMPLES / name))
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output


@pytest.mark.parametrize("name", BAD)
def test_bad_sample_fails_the_cli(name: str) -> None:
    result = _cli("check", "--quiet", str(SAMPLES / name))
    assert result.exit_code == 1, result.output
    assert f"{name}:" in result.output


@pytest.mark.parametrize("name", BAD)
def test_bad_sample_triggers_every_rule_it_claims(name: str) -> None:
    claimed = _claimed_rules(SAMPLES / name)
    assert len(claimed) >= 5, f"{name}: the header comment lists too few mistakes"
    fired = {finding.rule for finding in _lint(name, FIXED_TODAY)}
    registered = _registered()
    silent = [rule for rule in claimed if rule in registered and rule not in fired]
    assert silent == [], f"{name} claims mistakes that these rules do not report: {silent}"


def test_bad_samples_together_claim_every_domain_rule() -> None:
    claimed = {rule for name in BAD for rule in _claimed_rules(SAMPLES / name)}
    assert sorted(set(DOMAIN_RULES) - claimed) == []
    assert sorted(claimed - set(DOMAIN_RULES)) == []


@pytest.mark.parametrize("name", CLEAN + BAD + ["broken.yaml"])
def test_sample_names_the_schema_for_editors(name: str) -> None:
    first_line = (SAMPLES / name).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == MODELINE


def test_broken_sample_is_one_clear_error_line_and_exit_2() -> None:
    path = str(SAMPLES / "broken.yaml")
    result = _cli("check", "--quiet", path)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"{path}:12:")
    assert "invalid YAML" in lines[0]
    assert "Traceback" not in result.output


def _mistake_samples() -> list[Path]:
    return sorted((SAMPLES / "mistakes").glob("*.yaml"))


@pytest.mark.parametrize("path", _mistake_samples(), ids=lambda path: path.stem)
def test_mistake_sample_triggers_its_rule(path: Path) -> None:
    rule_id = path.stem
    if rule_id not in _registered():
        pytest.skip(f"rule {rule_id} is not registered yet")
    text = path.read_text(encoding="utf-8")
    findings = lint_text(text, path=str(path), config=Config(), today=FIXED_TODAY)
    assert rule_id in {finding.rule for finding in findings}, _describe(findings)


def test_every_rule_has_a_mistake_sample() -> None:
    # The README says samples/mistakes/<rule-id>.yaml shows each single-brief rule; the
    # portfolio rules need several briefs: samples/portfolio/ (tests/test_rule_portfolio.py).
    single = {rule.id for rule in rules_for(Config()).values() if rule.scope == "brief"}
    missing = single - {path.stem for path in _mistake_samples()}
    assert not missing, f"rules without samples/mistakes/<rule-id>.yaml: {sorted(missing)}"


@pytest.mark.parametrize(
    ("rule_id", "expected"),
    [
        ("placeholder-text", [("error", n) for n in (66, 67, 70, 70, 89, 92)]),
        ("inconsistent-dates", [("error", 106), ("warning", 135)]),
        ("unknown-influencer", [("warning", 27), ("error", 89)]),
        ("schema", [("error", n) for n in (18, 18, 24, 98, 98)]),
    ],
)
def test_integrity_mistake_samples_show_only_their_rule(
    rule_id: str, expected: list[tuple[str, int]]
) -> None:
    path = SAMPLES / "mistakes" / f"{rule_id}.yaml"
    findings = lint_text(path.read_text(encoding="utf-8"), config=Config(), today=FIXED_TODAY)
    assert [(f.rule, f.severity.value, f.line) for f in findings] == [
        (rule_id, severity, line) for severity, line in expected
    ]
