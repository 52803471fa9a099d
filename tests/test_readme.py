"""What the README tells a newcomer is true: its example output is the real output, it points only
at files the repository has, and its install, release and pre-commit instructions work as written
(the slow tests follow them against a local clone)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import venv
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, SAMPLES

README = (REPO / "README.md").read_text(encoding="utf-8")
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _block_after(marker: str, language: str) -> str:
    """The fenced ``language`` block that follows ``marker`` in the README."""
    rest = README[README.index(marker) :]
    return rest.split(f"```{language}\n", 1)[1].split("\n```", 1)[0]


def test_the_example_output_is_the_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from campaignlint.cli import main

    monkeypatch.chdir(REPO)
    shown = _block_after("# campaignlint\n", "text").splitlines()
    command = shown[0].removeprefix("$ ").split()
    assert command[:2] == ["campaignlint", "check"]
    real = CliRunner().invoke(main, command[1:], env={"NO_COLOR": "1"}).output.splitlines()
    cut = shown.index("...")
    assert shown[1:cut] == real[: cut - 1]
    assert shown[cut + 1 :] == real[-1:]


def test_the_readme_points_only_at_files_the_repository_has() -> None:
    assert "../shared" not in README and "brief-example" not in README
    for target in re.findall(r"\]\(([^)#:]+)\)", README):
        assert (REPO / target).exists(), target
    for path in re.findall(r"`((?:samples|docs|schemas|scripts|bench)/[\w./-]+)`", README):
        if "<" not in path and "latest" not in path:
            assert (REPO / path).exists(), path
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_pip_install_campaignlint_appears_only_as_the_published_form() -> None:
    for line in README.splitlines():
        if re.search(r"pip install campaignlint\b", line):
            assert "published" in line.lower(), line


def test_the_pre_commit_rev_is_the_tag_the_release_step_makes() -> None:
    config = yaml.safe_load(_block_after("### pre-commit", "yaml"))
    assert config["repos"][0]["rev"] == f"v{VERSION}"
    assert f"@v{VERSION}" in README  # the pip install form names the same tag
    assert "git tag -a" in _release_step()


def _release_step() -> str:
    return _block_after("### Releasing", "sh").strip()


# --- following the instructions (slow: they build and install) ------------------------------


def _run(args: list[str], cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def released_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this checkout's HEAD, tagged by the README's release step (without the push)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout: the release step tags a commit")
    clone = tmp_path_factory.mktemp("clone") / "campaignlint"
    _run(["git", "clone", "-q", str(REPO), str(clone)])
    step = _release_step().replace("&& git push --tags", "").strip()
    who = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    _run(["bash", "-c", step], cwd=clone, GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x", **who)
    tags = _run(["git", "tag", "--list"], cwd=clone).stdout.split()
    assert tags == [f"v{VERSION}"]
    return clone


def _fresh_env(path: Path) -> Path:
    venv.create(path, with_pip=True)
    return path / "bin"


@pytest.mark.slow
def test_install_from_the_repository_url_at_the_release_tag(
    released_clone: Path, tmp_path: Path
) -> None:
    line = _block_after("## Install", "sh").splitlines()[0]
    requirement = re.search(r'"(git\+<repository-url>@[^"]+)"', line)
    assert requirement is not None, line
    url = requirement.group(1).replace("<repository-url>", f"file://{released_clone}")
    bin_dir = _fresh_env(tmp_path / "venv")
    _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", url])
    brief = tmp_path / "brief.yaml"
    shutil.copy(SAMPLES / "clean-en.yaml", brief)
    done = _run([str(bin_dir / "campaignlint"), "check", "brief.yaml"], cwd=tmp_path)
    assert "All checks passed" in done.stdout


@pytest.mark.slow
def test_the_pre_commit_snippet_runs_against_a_local_clone(
    released_clone: Path, tmp_path: Path
) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    snippet = _block_after("### pre-commit", "yaml").replace(
        "<repository-url>", str(released_clone)
    )
    project = tmp_path / "project"
    (project / "briefs").mkdir(parents=True)
    _run(["git", "init", "-q"], cwd=project)
    (project / ".pre-commit-config.yaml").write_text(snippet, encoding="utf-8")
    shutil.copy(SAMPLES / "clean-en.yaml", project / "briefs" / "clean.yaml")
    shutil.copy(SAMPLES / "bad-en.yaml", project / "briefs" / "bad.yaml")
    _run(["git", "add", "."], cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("PRE_COMMIT", None)
    done = subprocess.run(
        [str(pre_commit), "run", "--all-files"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 1, done.stdout[-3000:]  # the bad brief fails the hook
    assert "briefs/bad.yaml:" in done.stdout and "briefs/clean.yaml:" not in done.stdout


@pytest.mark.slow
def test_the_sdist_carries_its_tests_and_they_run(released_clone: Path, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--sdist", "-o", str(dist), str(released_clone)])
    [sdist] = dist.glob("campaignlint-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        archive.extractall(tmp_path / "unpacked", filter="data")
    for needed in ("LICENSE", "tests/helpers.py", "samples/bad-en.yaml", "MANIFEST.in"):
        assert needed in names, needed
    assert any(name.startswith("samples/mistakes/") for name in names)
    [root] = (tmp_path / "unpacked").iterdir()
    bin_dir = _fresh_env(tmp_path / "venv")
    _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "-e", str(root), "pytest"])
    done = _run(
        [str(bin_dir / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_samples.py", "tests/test_rule_budget_fit.py"],
        cwd=root,
    )  # fmt: skip
    assert " passed" in done.stdout


@pytest.mark.slow
def test_install_from_a_wheel_as_the_readme_says(released_clone: Path, tmp_path: Path) -> None:
    install = README[README.index("## Install") : README.index("## Set up a checkout")]
    commands = re.findall(r"```sh\n(.*?)\n```", install, re.DOTALL)[1].splitlines()
    build = next(line for line in commands if line.startswith("pip wheel"))
    assert f"dist/campaignlint-{VERSION}-py3-none-any.whl" in build
    bin_dir = _fresh_env(tmp_path / "venv")
    _run(["bash", "-c", build], cwd=released_clone, PATH=f"{bin_dir}:{os.environ['PATH']}")
    brief = tmp_path / "brief.yaml"
    shutil.copy(SAMPLES / "bad-en.yaml", brief)
    done = subprocess.run(
        [str(bin_dir / "campaignlint"), "check", "brief.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "brief.yaml:" in done.stdout, done.stderr


def test_the_readme_config_is_a_valid_config(tmp_path: Path) -> None:
    from campaignlint.config import read_config_file
    from campaignlint.engine import active_rules

    (tmp_path / "lint-rules").mkdir()  # the folder its rules_dirs names
    config_file = tmp_path / ".campaignlint.yaml"
    config_file.write_text(_block_after("## Configuration", "yaml"), encoding="utf-8")
    config = read_config_file(config_file)
    rules = {active.rule.id: active for active in active_rules(config)}
    assert "age-content-fit" not in rules
    assert rules["audience-mismatch"].options["min_age_overlap"] == 60


def test_the_check_code_config_example_does_what_it_says(tmp_path: Path) -> None:
    from campaignlint.config import read_config_file
    from campaignlint.engine import lint_text

    config_file = tmp_path / ".campaignlint.yaml"
    config_file.write_text(_block_after("Rules with several distinct checks", "yaml"), "utf-8")
    config = read_config_file(config_file)
    text = (SAMPLES / "bad-en.yaml").read_text(encoding="utf-8")
    everything = lint_text(text, path="bad-en.yaml")
    found = lint_text(text, path="bad-en.yaml", config=config)
    codes = {f.code for f in everything}
    assert {"missing-disclosure.platform-label", "hashtag-strategy.too-many"} <= codes
    assert "missing-disclosure.platform-label" not in {f.code for f in found}
    assert {f.severity.value for f in found if f.code == "hashtag-strategy.too-many"} == {"error"}
    others = [f for f in everything if f.code != "missing-disclosure.platform-label"]
    assert len(found) == len(others)
