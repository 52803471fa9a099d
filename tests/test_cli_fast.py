"""`campaignlint check` read without click (campaignlint.cli.fast_check) means what click reads.

A pre-commit hook's `campaignlint check FILES` skips importing click; these tests hold the
hand-written reader to the click command: the same options, defaults and values for every
command line it takes, and click for every other one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from campaignlint import cli
from campaignlint.cli import CHECK_DEFAULTS, CHECK_FLAGS, CHECK_VALUES, fast_check, main
from tests.helpers import SAMPLES


def _click_values(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> dict[str, Any] | None:
    """What click hands the check command for ``args``; None when click refuses them."""
    seen: list[dict[str, Any]] = []

    def record(**values: Any) -> None:
        seen.append(values)

    monkeypatch.setattr(cli, "check_command", record)
    result = CliRunner().invoke(main, args)
    return seen[0] if seen and result.exit_code == 0 else None


def _check_command() -> click.Command:
    command = main.commands["check"]
    assert isinstance(command, click.Command)
    return command


def test_the_tables_declare_the_options_as_the_click_command_does() -> None:
    command = _check_command()
    options = [param for param in command.params if isinstance(param, click.Option)]
    # the defaults: ["check"] below gives CHECK_DEFAULTS, compared with what click hands over
    assert {param.name for param in command.params} == set(CHECK_DEFAULTS)
    known = set(CHECK_FLAGS) | set(CHECK_VALUES)
    for option in options:
        names = option.opts + option.secondary_opts
        if isinstance(option.type, click.Path):  # converted and checked by click only
            assert known.isdisjoint(names), names
        elif option.is_flag:  # the value each sets: the command lines below, against click
            for name in names:
                assert CHECK_FLAGS[name][0] == option.name, name
        else:
            choices = tuple(option.type.choices) if isinstance(option.type, click.Choice) else None
            for name in names:
                assert CHECK_VALUES[name] == (option.name, option.multiple, choices), name
            assert option.nargs == 1 and option.envvar is None
            assert isinstance(option.type, click.Choice) or option.type is click.STRING
    covered = {name for option in options for name in option.opts + option.secondary_opts}
    assert known <= covered


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "-q", "--exit-zero", "brief.yaml"],
        ["check", "brief.yaml", "-q", "other.yaml", "--quiet", "-"],
        ["check", "--format", "json", "--format=sarif:out.sarif", "--select", "a,b", "x"],
        ["check", "--select", "", "--ignore", "posting-window", "--ignore=schema", "x"],
        ["check", "--fail-on", "info", "--fail-on=error", "--lang", "tr", "--lang=en", "x"],
        ["check", "--color", "--no-color", "--jobs", "auto", "-j", "3", "--jobs=2", "x"],
        ["check", "--stdin-filename", "b.yaml", "--exclude", "a/**", "--exclude=-b", "-"],
        ["check", "--strict", "--fix", "--diff", "--force-exclude", "--allow-config-code"],
        ["check", "--color", "x", "--no-color", "--color"],
        ["check", "--format", "--quiet", "x"],  # a value that looks like an option
        ["check", "--jobs", "-1", "x"],
    ],
)
def test_command_lines_it_reads_mean_what_they_mean_to_click(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    values = fast_check(args)
    assert values is not None
    assert values == _click_values(monkeypatch, args)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version"],
        ["rules"],
        ["check", "--help"],
        ["check", "-h"],
        ["check", "--config", "c.yaml", "x"],
        ["check", "--rules-dir", "r", "x"],
        ["check", "--baseline", "b.json", "x"],
        ["check", "--creators=c.csv", "x"],
        ["check", "-qj2", "x"],
        ["check", "-j2", "x"],
        ["check", "--", "-x.yaml"],
        ["check", "--quiet=yes", "x"],
        ["check", "--fail-on", "fatal", "x"],
        ["check", "--lang", "de", "x"],
        ["check", "--format"],
        ["check", "--unknown", "x"],
        ["check", "--qu", "x"],
    ],
)
def test_other_command_lines_go_to_click(args: list[str]) -> None:
    assert fast_check(args) is None


def _entry_point(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from campaignlint.cli import run; sys.argv[0] = 'campaignlint'; run()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--exit-zero", "brief.yaml"],
        ["check", "-q", "--format", "json", "--select", "posting-window,schema", "brief.yaml"],
        ["check", "--lang", "tr", "brief.yaml", "missing.yaml"],
        ["check", "--stdin-filename", "x.yaml", "brief.yaml"],  # a usage error: exit 2
        ["check", "--lang=tr", "--stdin-filename", "x.yaml", "brief.yaml"],
        ["check", "--select", ",", "brief.yaml"],
        ["check", "--jobs", "many", "brief.yaml"],
    ],
)
def test_the_entry_point_without_click_answers_as_click_does(
    tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "brief.yaml").write_text(
        (SAMPLES / "bad-en.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert fast_check(args) is not None
    fast = _entry_point(args, tmp_path)
    slow = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from campaignlint.cli import main; main(sys.argv[1:], 'campaignlint')",
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )
