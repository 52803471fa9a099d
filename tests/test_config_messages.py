"""A mistake in a config gets the quality of message a mistake in a brief gets: where it is, what
is allowed, and a "did you mean"; every rule id in it is checked before any brief is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint.cli import main
from campaignlint.validation import size_guess

BRIEF = "campaign:\n  name: TODO launch\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            "fial_on: error\n",
            ".campaignlint.yaml:1:1: unknown key 'fial_on' in the top level;"
            " did you mean 'fail_on'?",
        ),
        (
            "colour: red\n",
            ".campaignlint.yaml:1:1: unknown key 'colour' in the top level (known keys: select,"
            " ignore, fail_on, exclude, max_file_size, max_findings_per_file, time_limit,"
            " rules_dirs, portfolio, lang, rules, per_file, creators)",
        ),
        (
            "max_file_size: 1 kilobyte\n",
            ".campaignlint.yaml:1:16: max_file_size: cannot read '1 kilobyte' as a size: write a"
            " number of bytes, or a number with KB, MB or GB (500KB, 5MB); did you mean '1KB'?",
        ),
        (
            "fail_on: eror\n",
            ".campaignlint.yaml:1:10: fail_on must be one of error, warning, info; got 'eror';"
            " did you mean 'error'?",
        ),
        (
            "rules:\n  schema:\n    severity: warn\n",
            ".campaignlint.yaml:3:15: rules.schema.severity must be one of error, warning, info;"
            " got 'warn'; did you mean 'warning'?",
        ),
        (
            "per_file:\n  - files: legacy/*\n    ignroe: [schema]\n",
            ".campaignlint.yaml:3:5: unknown key 'ignroe' in per_file[0]; did you mean 'ignore'?",
        ),
        (
            "select: schema\n",
            ".campaignlint.yaml:1:9: select must be a list, got 'schema': write [schema]",
        ),
    ],
)
def test_config_mistakes_name_the_key_what_is_allowed_and_a_guess(
    workdir: Path, config: str, expected: str
) -> None:
    (workdir / ".campaignlint.yaml").write_text(config, encoding="utf-8")
    result = run("check", "brief.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(expected), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_pyproject_table_mistake_is_explained_too(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text(
        '[tool.campaignlint]\nfial_on = "error"\n', encoding="utf-8"
    )
    result = run("check", "brief.yaml")
    assert result.exit_code == 2
    assert "pyproject.toml: unknown key 'fial_on' in the top level; did you mean 'fail_on'?" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("value", "guess"),
    [("1 kilobyte", "1KB"), ("2 megs", "2MB"), ("1,5 gigabytes", "1.5GB"), ("300 bytes", "300")],
)
def test_size_guesses(value: str, guess: str) -> None:
    assert size_guess(value) == guess


def test_size_with_no_sensible_guess() -> None:
    assert size_guess("big") is None


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "ignore: [audience-mismach]",
            "per_file[0].ignore: unknown rule 'audience-mismach'; did you mean"
            " 'audience-mismatch'?",
        ),
        (
            "rules: {budgetfit: {severity: info}}",
            "per_file[0].rules: unknown rule 'budgetfit'; did you mean 'budget-fit'?",
        ),
        (
            "rules: {audience-mismatch: {min_age_overlap: lots}}",
            "per_file[0]: option 'min_age_overlap' of rule 'audience-mismatch' must be",
        ),
        (
            "rules: {audience-mismatch: {severity: high}}",
            "per_file[0].rules.audience-mismatch.severity must be one of error, warning, info",
        ),
    ],
)
def test_per_file_rule_ids_are_checked_even_when_no_file_matches(
    workdir: Path, entry: str, expected: str
) -> None:
    config = f"per_file:\n  - files: briefs/legacy/**\n    {entry}\n"
    (workdir / ".campaignlint.yaml").write_text(config, encoding="utf-8")
    result = run("check", "brief.yaml")
    assert result.exit_code == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_valid_per_file_entry_is_accepted(workdir: Path) -> None:
    config = (
        "per_file:\n  - files: brief.yaml\n    ignore: [placeholder-text, unused-suppression]\n"
        "    rules: {schema: {severity: info}}\n"
    )
    (workdir / ".campaignlint.yaml").write_text(config, encoding="utf-8")
    result = run("check", "--select", "placeholder-text", "brief.yaml")
    assert result.exit_code == 0, result.output + result.stderr
