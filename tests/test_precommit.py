"""The pre-commit hook, run by the real ``pre-commit try-repo`` against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, SAMPLES

pytestmark = pytest.mark.slow


def _pre_commit() -> list[str]:
    beside = Path(sys.executable).with_name("pre-commit")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    return [found]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout: try-repo needs the checkout's HEAD commit")
    root = tmp_path_factory.mktemp("project")
    _git(root, "init", "-q")
    (root / "briefs").mkdir()
    (root / "notes").mkdir()
    shutil.copy(SAMPLES / "clean-en.yaml", root / "briefs" / "clean.yaml")
    shutil.copy(SAMPLES / "bad-en.yaml", root / "briefs" / "bad.yaml")
    shutil.copy(SAMPLES / "bad-en.yaml", root / "notes" / "draft.yaml")  # not a brief path
    shutil.copy(SAMPLES / "bad-en.yaml", root / "spring.brief.yaml")
    _git(root, "add", ".")
    return root


def try_repo(project: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(project.parent / "pre-commit-home")}
    env.pop("PRE_COMMIT", None)
    command = [*_pre_commit(), "try-repo", str(REPO), "campaignlint", "--files", *files]
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode not in (0, 1) or "An unexpected error" in done.stdout:
        pytest.skip(f"pre-commit could not install the hook (offline?):\n{done.stdout[-1500:]}")
    return done


def test_clean_brief_passes(project: Path) -> None:
    done = try_repo(project, "briefs/clean.yaml")
    assert done.returncode == 0, done.stdout
    assert "campaignlint" in done.stdout and "Passed" in done.stdout


def test_bad_brief_fails_with_its_findings(project: Path) -> None:
    done = try_repo(project, "briefs/clean.yaml", "briefs/bad.yaml", "spring.brief.yaml")
    assert done.returncode == 1, done.stdout
    assert "Failed" in done.stdout
    assert "briefs/bad.yaml:" in done.stdout and "spring.brief.yaml:" in done.stdout
    assert "briefs/clean.yaml:" not in done.stdout
    assert "engagement-rate" in done.stdout


def test_yaml_outside_the_brief_folders_is_not_checked(project: Path) -> None:
    done = try_repo(project, "notes/draft.yaml")
    assert done.returncode == 0, done.stdout
    assert "no files to check" in done.stdout
