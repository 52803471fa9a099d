"""One glob matcher (campaignlint.globs, .gitignore semantics) for exclude, --exclude, per_file
and portfolio: a pattern means the same files wherever a config names it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from campaignlint.cli import main
from campaignlint.globs import find_files, matches
from campaignlint.portfolio import expand_globs

BAD = "campaign:\n  name: TODO\n"
FILES = ("q1.yaml", "briefs/q2.yaml", "briefs/sub/q3.yaml", "briefs/archive/old.yml")


@pytest.mark.parametrize(
    ("pattern", "matched"),
    [
        ("briefs/*.yaml", {"briefs/q2.yaml"}),
        ("./briefs/*.yaml", {"briefs/q2.yaml"}),
        ("briefs/**/*.yaml", {"briefs/q2.yaml", "briefs/sub/q3.yaml"}),
        ("briefs/**", {"briefs/q2.yaml", "briefs/sub/q3.yaml", "briefs/archive/old.yml"}),
        ("briefs/", {"briefs/q2.yaml", "briefs/sub/q3.yaml", "briefs/archive/old.yml"}),
        ("archive", {"briefs/archive/old.yml"}),
        ("q3.yaml", {"briefs/sub/q3.yaml"}),
        ("*.yaml", {"q1.yaml", "briefs/q2.yaml", "briefs/sub/q3.yaml"}),
        ("/q*.yaml", {"q1.yaml"}),
        ("q?.yaml", {"q1.yaml", "briefs/q2.yaml", "briefs/sub/q3.yaml"}),
        ("sub/q3.yaml", set()),  # anchored at the config's folder
    ],
)
def test_a_pattern_matches_what_it_matches_in_a_gitignore(
    tmp_path: Path, pattern: str, matched: set[str]
) -> None:
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    assert {name for name in FILES if matches(tmp_path / name, [pattern], tmp_path)} == matched
    found = find_files([pattern], tmp_path, (".yaml", ".yml"))
    assert {path.relative_to(tmp_path).as_posix() for path in found} == matched


def test_a_negation_takes_a_file_back(tmp_path: Path) -> None:
    patterns = ["briefs/**", "!briefs/sub/q3.yaml"]
    assert matches(tmp_path / "briefs/q2.yaml", patterns, tmp_path)
    assert not matches(tmp_path / "briefs/sub/q3.yaml", patterns, tmp_path)


def test_a_file_outside_the_folder_is_matched_by_its_name(tmp_path: Path) -> None:
    root = tmp_path / "project"
    assert matches(tmp_path / "other" / "q3.yaml", ["q3.yaml"], root)
    assert not matches(tmp_path / "other" / "q3.yaml", ["other/q3.yaml"], root)


def _run(folder: Path, config: str, *paths: str) -> list[str]:
    """The files with findings when ``config`` governs ``folder`` (a folder of its own per
    config: a process reads each config file once)."""
    for name in FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(BAD, encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".campaignlint.yaml").write_text(config, encoding="utf-8")
    os.chdir(folder)
    result = CliRunner().invoke(main, ["check", "--format", "json", *paths])
    return sorted(
        Path(os.path.relpath(found["path"], folder)).as_posix()
        for found in json.loads(result.stdout)["files"]
        if found["findings"]
    )


def test_exclude_per_file_and_portfolio_agree_on_one_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: ``briefs/*.yaml`` matched briefs/sub/q3.yaml in exclude only."""
    monkeypatch.chdir(tmp_path)
    base = "select: [placeholder-text]\n"
    pattern = "briefs/*.yaml"
    excluded = _run(tmp_path / "exclude", base + f"exclude: ['{pattern}']\n", ".")
    ignored = _run(
        tmp_path / "per_file",
        base + f"per_file: [{{files: '{pattern}', ignore: [placeholder-text]}}]\n",
        *FILES,
    )
    assert excluded == ignored == ["briefs/archive/old.yml", "briefs/sub/q3.yaml", "q1.yaml"]
    portfolio = expand_globs([pattern], tmp_path / "exclude")
    assert [os.path.relpath(path, tmp_path / "exclude") for path in portfolio] == [
        os.path.join("briefs", "q2.yaml")
    ]
