"""Command-line mistakes a newcomer makes get a clear message or the behaviour they expected,
and the help says everything needed to use each option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint.cli import main

BRIEF = "campaign:\n  name: TODO launch\n"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.yaml").write_text("campaign:\n  name: FIXME\n", encoding="utf-8")
    return tmp_path


def test_stdin_filename_without_paths_reads_standard_input(workdir: Path) -> None:
    result = run(
        "check", "--stdin-filename", "x.yaml", "-q", "--select", "placeholder-text", input=BRIEF
    )
    assert result.exit_code == 1
    assert result.output.startswith("x.yaml:2:9: error placeholder-text")
    assert "other.yaml" not in result.output  # the folder is not linted instead


def test_stdin_filename_with_paths_but_no_dash_is_a_usage_error(workdir: Path) -> None:
    result = run("check", "--stdin-filename", "x.yaml", "other.yaml", input=BRIEF)
    assert result.exit_code == 2
    assert "--stdin-filename names the brief read from standard input: add '-'" in result.stderr


def test_format_names_are_case_insensitive(workdir: Path) -> None:
    result = run("check", "--format", "JSON", "--select", "placeholder-text", "other.yaml")
    assert result.exit_code == 1
    assert json.loads(result.output)["summary"]["findings"] == 1


def test_an_empty_select_is_an_error_not_every_rule(workdir: Path) -> None:
    result = run("check", "--select", "", "other.yaml")
    assert result.exit_code == 2
    assert "--select needs at least one rule id (ALL selects every rule)" in result.stderr


def test_an_explicit_pyproject_without_the_table_is_an_error(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = run("check", "--config", "pyproject.toml", "other.yaml")
    assert result.exit_code == 2
    assert "pyproject.toml has no [tool.campaignlint] table" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        'select = ["placeholder-text"]\nfail_on = "error"\n',
        '[tool.campaignlint]\nselect = ["placeholder-text"]\n',
    ],
)
def test_a_toml_config_with_another_name_is_read_as_toml(workdir: Path, text: str) -> None:
    (workdir / "campaignlint.toml").write_text(text, encoding="utf-8")
    result = run("check", "--config", "campaignlint.toml", "--format", "json", "other.yaml")
    assert result.exit_code == 1, result.stderr
    findings = json.loads(result.output)["files"][0]["findings"]
    assert [finding["rule"] for finding in findings] == ["placeholder-text"]


def test_top_level_help_gives_whole_first_sentences() -> None:
    result = run("--help")
    commands = result.output.split("Commands:")[1]
    assert "..." not in commands
    for sentence in (
        "Check briefs (files, folders, or - for standard input).",
        "Show a rule's documentation: what, why, example, fix, options.",
        "Generate the rules reference (docs/rules.md, docs/rules.tr.md) or the brief format.",
    ):
        assert sentence in " ".join(commands.split())


def test_format_help_lists_every_format() -> None:
    from campaignlint.renderers import FORMATS

    help_text = " ".join(run("check", "--help").output.split())
    for name in FORMATS:
        assert name in help_text.split("--format")[1].split("--select")[0], name


@pytest.mark.parametrize("command", ["check", "rules", "explain", "docs", "schema", "init"])
def test_every_option_has_help(command: str) -> None:
    params = main.commands[command].params
    for param in params:
        if param.param_type_name == "option" and param.name not in ("help",):
            assert getattr(param, "help", None), f"{command} {param.name}"


def test_a_pyproject_that_only_mentions_the_table_is_not_a_config(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text(
        '[project]\nname = "x"  # settings could go in [tool.campaignlint]\n', encoding="utf-8"
    )
    result = run("check", "--select", "placeholder-text", "other.yaml")
    assert result.exit_code == 1, result.stderr  # defaults, not "has no [tool.campaignlint]"
