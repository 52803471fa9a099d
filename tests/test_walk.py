"""`campaignlint check FOLDER` finds briefs, not the rest of the repository."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint.cli import main
from campaignlint.engine import collect_files
from campaignlint.walk import is_plainly_not_a_brief

BRIEF = "campaign:\n  name: TODO launch\n"
COMPOSE = "version: '3'\nservices:\n  web:\n    image: nginx\nx-common: &common {}\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def put(path: Path, text: str = BRIEF) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def checked(*paths: str) -> list[str]:
    return sorted(os.path.relpath(path) for path in collect_files(list(paths)).files)


def test_default_excludes_and_hidden_folders_are_not_walked(repo: Path) -> None:
    put(repo / "briefs" / "a.yaml")
    for folder in ("node_modules/pkg", "venv/lib", ".venv", "build", "dist", "__pycache__"):
        put(repo / folder / "b.yaml")
    put(repo / ".github" / "workflows" / "ci.yml")
    assert checked(".") == ["briefs/a.yaml"]


def test_gitignore_is_honoured_at_the_root_and_below(repo: Path) -> None:
    put(repo / ".gitignore", "drafts/\n*.local.yaml\n!keep.local.yaml\n")
    put(repo / "briefs" / ".gitignore", "/old.yaml\n")
    put(repo / "briefs" / "a.yaml")
    put(repo / "briefs" / "old.yaml")
    put(repo / "briefs" / "sub" / "old.yaml")
    put(repo / "briefs" / "drafts" / "d.yaml")
    put(repo / "briefs" / "x.local.yaml")
    put(repo / "briefs" / "keep.local.yaml")
    expected = ["briefs/a.yaml", "briefs/keep.local.yaml", "briefs/sub/old.yaml"]
    assert checked(".") == expected
    assert checked("briefs") == expected  # the root's .gitignore applies to a sub-folder walk


def test_a_file_named_twice_or_reached_twice_is_checked_once(repo: Path) -> None:
    brief = put(repo / "briefs" / "a.yaml")
    (repo / "briefs" / "twin.yaml").symlink_to(brief)
    (repo / "linked").symlink_to(repo / "briefs")
    assert checked("briefs/a.yaml", "briefs/a.yaml", ".", "briefs") == ["briefs/a.yaml"]
    result = run("--format", "json", "briefs/a.yaml", "briefs/a.yaml", ".")
    assert json.loads(result.stdout)["summary"]["files_checked"] == 1


def test_each_path_named_is_a_brief_a_folder_or_missing(repo: Path) -> None:
    put(repo / "briefs" / "a.yaml")
    (repo / "loop.yaml").symlink_to(repo / "loop.yaml")
    named = ["briefs/a.yaml", "briefs", "nope.yaml", "briefs/a.yaml/x.yaml", "loop.yaml"]
    collected = collect_files([*named, "nul\0.yaml"])
    assert collected.files == ["briefs/a.yaml"]  # named, then reached again by its folder
    assert collected.missing == ["nope.yaml", "briefs/a.yaml/x.yaml", "loop.yaml", "nul\0.yaml"]


def test_yaml_that_is_plainly_not_a_brief_is_left_out_of_a_walk(repo: Path) -> None:
    put(repo / "docker-compose.yml", COMPOSE)
    put(repo / "chart" / "values.yaml", "replicaCount: 1\nimage:\n  repository: nginx\n")
    put(repo / "briefs" / "typo.yaml", "campain:\n  name: Glow\ninfluencer:\n  - handle: a\n")
    put(repo / "briefs" / "flow.yaml", "{campaign: {name: Glow}}\n")
    put(repo / "briefs" / "list.yaml", "- just\n- a list\n")
    assert checked(".") == ["briefs/flow.yaml", "briefs/list.yaml", "briefs/typo.yaml"]
    # named on the command line, it is checked whatever it holds
    assert checked("docker-compose.yml") == ["docker-compose.yml"]


def test_a_misspelled_brief_in_a_walk_gets_its_schema_findings(repo: Path) -> None:
    put(repo / "briefs" / "typo.yaml", "campain:\n  name: Glow\n")
    put(repo / "docker-compose.yml", COMPOSE)
    result = run("--format", "json", "--select", "schema", ".")
    files = json.loads(result.stdout)["files"]
    assert [entry["path"] for entry in files] == ["briefs/typo.yaml"]
    assert any("campain" in finding["message"] for finding in files[0]["findings"])


def test_the_brief_sniffer_reads_keys_not_values() -> None:
    assert not is_plainly_not_a_brief(Path(__file__).parent.parent / "samples" / "clean-en.yaml")


def test_a_symlink_loop_is_one_line_and_the_rest_is_checked(repo: Path) -> None:
    put(repo / "briefs" / "a.yaml")
    (repo / "briefs" / "loop").symlink_to(repo / "briefs")
    result = run("briefs")
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "loop" in line]
    assert lines == ["briefs/loop: error: symlink loop: a folder that contains itself"]
    assert "briefs/a.yaml:2:9" in result.output and "Traceback" not in result.output


def test_an_unreadable_folder_is_one_line_and_the_rest_is_checked(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(repo / "briefs" / "a.yaml")
    put(repo / "briefs" / "secret" / "b.yaml")
    real_scandir = os.scandir

    def scandir(path: str | Path) -> os._ScandirIterator[str]:  # chmod 000 does not stop root
        if Path(path).name == "secret":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("briefs")
    assert result.exit_code == 2
    assert "briefs/secret: error: cannot read this folder: Permission denied" in result.output
    assert "briefs/a.yaml:2:9" in result.output


def test_telling_briefs_apart_never_opens_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    assert not is_plainly_not_a_brief(fifo)


def test_a_large_folder_calls_on_many_while_it_is_listed_not_once_it_is_held(repo: Path) -> None:
    """A run of many briefs starts its worker processes (which inherit its memory) when the
    walk has listed a few of a folder's briefs, before it holds every name or has yielded one;
    once, whatever the number of folders; and a run of fewer briefs starts none."""
    from campaignlint.walk import Walked, walk_files

    for index in range(40):
        put(repo / "briefs" / f"brief-{index:02}.yaml")
    put(repo / "briefs" / "sub" / "more" / "x.yaml")
    yielded: list[Path] = []
    called_after: list[int] = []
    walked = Walked(on_many=(4, lambda: called_after.append(len(yielded))))
    yielded.extend(path for path, _identity in walk_files(repo / "briefs", walked))
    assert called_after == [0] and len(yielded) == 41
    calls: list[bool] = []
    found = collect_files(["briefs", "briefs/sub"], on_many=lambda: calls.append(True))
    assert calls == [True] and len(found.files) == 41
    collect_files(["briefs/sub", "briefs/brief-00.yaml"], on_many=lambda: calls.append(True))
    assert calls == [True]
