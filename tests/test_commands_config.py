"""`campaignlint rules` and `explain` know what a `check` run from the same folder knows: the
config's own rules and severities, and the ids the engine reports in findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint.cli import main
from tests.helpers import TEAM_RULE


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    # The team's rules are Python in the repository: the person running campaignlint allows it.
    monkeypatch.setenv("CAMPAIGNLINT_ALLOW_CONFIG_CODE", "1")
    (tmp_path / "lint-rules").mkdir()
    (tmp_path / "lint-rules" / "short_name.py").write_text(TEAM_RULE, encoding="utf-8")
    (tmp_path / ".campaignlint.yaml").write_text(
        "rules_dirs: [lint-rules]\nrules:\n  budget-fit: {severity: info}\n", encoding="utf-8"
    )
    return tmp_path


def test_rules_lists_the_configs_own_rules_and_severities(project: Path) -> None:
    result = run("rules")
    assert result.exit_code == 0, result.stderr
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert "short-campaign-name" in lines
    assert lines["budget-fit"].split()[1] == "info"
    assert lines["budget-fit"].endswith("(configured; default error)")
    assert lines["placeholder-text"].split()[1] == "error"  # not overridden: no note
    assert "configured" not in lines["placeholder-text"]


def test_rules_json_gives_the_configured_and_the_default_severity(project: Path) -> None:
    items = {item["id"]: item for item in json.loads(run("rules", "--format", "json").output)}
    assert items["budget-fit"]["severity"] == "info"
    assert items["budget-fit"]["default_severity"] == "error"
    assert items["short-campaign-name"]["origin"].startswith("local ")


def test_explain_knows_the_configs_own_rule_and_its_severity(project: Path) -> None:
    team = run("explain", "short-campaign-name")
    assert team.exit_code == 0, team.stderr
    assert team.output.startswith("# short-campaign-name\n")
    built_in = run("explain", "budget-fit")
    assert "severity in your config: `info`" in built_in.output


def test_an_explicit_config_is_used_and_a_missing_one_is_an_error(
    project: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere.yaml"
    other.write_text("rules:\n  placeholder-text: {severity: warning}\n", encoding="utf-8")
    assert (
        "severity in your config: `warning`"
        in run("explain", "placeholder-text", "--config", str(other)).output
    )
    missing = run("rules", "--config", "nope.yaml")
    assert missing.exit_code == 2
    assert "config file not found: nope.yaml" in missing.stderr


def test_a_broken_config_is_one_line_and_exit_2_for_rules_and_explain(project: Path) -> None:
    (project / ".campaignlint.yaml").write_text("fial_on: error\n", encoding="utf-8")
    for args in (("rules",), ("explain", "budget-fit")):
        result = run(*args)
        assert result.exit_code == 2
        assert "did you mean 'fail_on'?" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("rule_id", "severity"), [("unused-suppression", "info"), ("internal-error", "error")]
)
def test_explain_documents_the_ids_the_engine_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rule_id: str, severity: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for lang in ("en", "tr"):
        result = run("explain", rule_id, "--lang", lang)
        assert result.exit_code == 0, result.stderr
        assert result.output.startswith(f"# {rule_id}\n")
        assert f"`{severity}`" in result.output
        assert result.output.count("\n## ") == 4
    english, turkish = run("explain", rule_id).output, run("explain", rule_id, "--lang", "tr")
    assert english != turkish.output


def test_rules_does_not_run_a_discovered_configs_code_unless_allowed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CAMPAIGNLINT_ALLOW_CONFIG_CODE")
    result = run("rules")
    assert "short-campaign-name" not in result.output
