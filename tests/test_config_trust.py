"""A repository's own config cannot make campaignlint run code unless the person running it
allows it, and config discovery stops at the repository root."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint.cli import main

MARKER_MODULE = """\
import pathlib
pathlib.Path(__file__).with_name("IMPORTED").write_text("campaignlint imported me")
"""


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(main, ["check", *args], env=env or {}, catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cloned repository whose config names a rules folder with code in it."""
    monkeypatch.delenv("CAMPAIGNLINT_ALLOW_CONFIG_CODE", raising=False)
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "lint-rules").mkdir()
    (root / "lint-rules" / "marker.py").write_text(MARKER_MODULE)
    (root / "briefs").mkdir()
    (root / ".campaignlint.yaml").write_text("rules_dirs: [lint-rules]\n")
    monkeypatch.chdir(root)
    return root


def imported(repo: Path) -> bool:
    return (repo / "lint-rules" / "IMPORTED").exists()


@pytest.mark.parametrize("args", [("briefs",), ("--select", "schema", "briefs")])
def test_rules_dirs_of_a_discovered_config_do_not_run(repo: Path, args: tuple[str, ...]) -> None:
    (repo / "briefs" / "b.yaml").write_text("campaign:\n  name: Glow\n")
    result = run(*args)
    assert not imported(repo)
    skipped = [line for line in result.stderr.splitlines() if "rules_dirs not loaded" in line]
    assert len(skipped) == 1
    assert ".campaignlint.yaml" in skipped[0] and "--allow-config-code" in skipped[0]
    assert "CAMPAIGNLINT_ALLOW_CONFIG_CODE=1" in skipped[0]


def test_an_empty_folder_runs_no_code_either(repo: Path) -> None:
    result = run("briefs")
    assert not imported(repo) and "rules_dirs not loaded" in result.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--allow-config-code",), {}),
        ((), {"CAMPAIGNLINT_ALLOW_CONFIG_CODE": "1"}),
        (("--config", ".campaignlint.yaml"), {}),
    ],
)
def test_the_person_running_campaignlint_can_allow_it(
    repo: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    result = run(*args, "briefs", env=env)
    assert imported(repo)
    assert "rules_dirs not loaded" not in result.stderr


def test_a_config_above_the_repository_root_is_not_used(repo: Path) -> None:
    (repo / ".campaignlint.yaml").unlink()
    (repo.parent / ".campaignlint.yaml").write_text("ignore: [placeholder-text]\n")
    (repo / "briefs" / "b.yaml").write_text("campaign:\n  name: TODO launch\n")
    result = run("--format", "json", "briefs/b.yaml")
    assert "placeholder-text" in result.stdout


def test_a_config_inside_the_repository_is_found_from_a_sub_folder(repo: Path) -> None:
    (repo / ".campaignlint.yaml").write_text("ignore: [placeholder-text]\n")
    (repo / "briefs" / "b.yaml").write_text("campaign:\n  name: TODO launch\n")
    result = run("--format", "json", "briefs/b.yaml")
    assert "placeholder-text" not in result.stdout


def test_the_readme_security_section_names_the_real_switches() -> None:
    from campaignlint.config import ALLOW_CODE_VARIABLE
    from tests.helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    security = readme.split("## Security", 1)[1].split("\n## ", 1)[0]
    assert f"{ALLOW_CODE_VARIABLE}=1" in security and "--allow-config-code" in security
    help_text = CliRunner().invoke(main, ["check", "--help"]).output
    assert "--allow-config-code" in help_text


@pytest.mark.parametrize(("allow", "env"), [(False, {}), (True, {}), (False, {"1": "1"})])
def test_the_language_server_asks_the_same_permission(
    repo: Path, monkeypatch: pytest.MonkeyPatch, allow: bool, env: dict[str, str]
) -> None:
    from campaignlint.server_worker import Document, Settings, check, forget_configs

    if env:
        monkeypatch.setenv("CAMPAIGNLINT_ALLOW_CONFIG_CODE", "1")
    forget_configs()
    brief = repo / "briefs" / "b.yaml"
    brief.write_text("campaign:\n  name: Glow\n")
    document = Document(brief.read_text(), str(brief), str(repo))
    check(Settings(allow_config_code=allow), document)
    forget_configs()
    assert imported(repo) is (allow or bool(env))


def test_the_server_command_takes_allow_config_code() -> None:
    result = CliRunner().invoke(main, ["server", "--help"])
    assert "--allow-config-code" in result.output


def test_a_brief_is_governed_by_the_config_where_it_really_lies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A symbolic link to a brief, a brief in a linked folder, and the same relative path from
    two working folders each find the config of the folder the brief really lies in."""
    from campaignlint.config import config_for

    for name, ignored in (("loose", "placeholder-text"), ("strict", "schema")):
        folder = tmp_path / name
        (folder / ".git").mkdir(parents=True)
        (folder / ".campaignlint.yaml").write_text(f"ignore: [{ignored}]\n")
        (folder / "b.yaml").write_text("campaign:\n  name: TODO\n")
    (tmp_path / "strict" / "linked.yaml").symlink_to(tmp_path / "loose" / "b.yaml")
    (tmp_path / "strict" / "folder").symlink_to(tmp_path / "loose", target_is_directory=True)

    def ignored(path: Path) -> tuple[str, ...]:
        return tuple(config_for(path).ignore)

    assert ignored(tmp_path / "strict" / "b.yaml") == ("schema",)
    assert ignored(tmp_path / "strict" / "linked.yaml") == ("placeholder-text",)
    assert ignored(tmp_path / "strict" / "folder" / "b.yaml") == ("placeholder-text",)
    linked = str(tmp_path / "strict" / "linked.yaml")  # a path as text, as a plan passes it
    assert tuple(config_for(linked).ignore) == ("placeholder-text",)
    for name, expected in (("strict", ("schema",)), ("loose", ("placeholder-text",))):
        monkeypatch.chdir(tmp_path / name)
        assert ignored(Path("b.yaml")) == expected
