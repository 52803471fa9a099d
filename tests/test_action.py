"""The GitHub Action (action.yml): its shell steps, run with the variables GitHub sets."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, SAMPLES

SCRIPT = REPO / "scripts" / "github_action.sh"
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def _bash() -> str:
    found = shutil.which("bash")
    if found is None:
        pytest.skip("bash is not installed")
    return found


def _github_env(tmp_path: Path, **inputs: str) -> dict[str, str]:
    """What the runner sets for a composite step, with the step's ``env:`` (the inputs)."""
    files = {name: tmp_path / "runner" / name for name in ("summary.md", "output", "path")}
    files["summary.md"].parent.mkdir(exist_ok=True)
    for path in files.values():
        path.touch()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INPUT_", "GITHUB_", "CAMPAIGNLINT_", "LC_", "LANG"))
    }
    env.update(
        GITHUB_ACTIONS="true",
        CI="true",
        GITHUB_ACTION_PATH=str(REPO),
        GITHUB_WORKSPACE=str(tmp_path / "workspace"),
        GITHUB_STEP_SUMMARY=str(files["summary.md"]),
        GITHUB_OUTPUT=str(files["output"]),
        GITHUB_PATH=str(files["path"]),
        RUNNER_TEMP=str(tmp_path / "runner"),
        CAMPAIGNLINT_TODAY="2026-01-15",
    )
    defaults = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    for name, value in {**defaults, **inputs}.items():
        env[f"INPUT_{name.upper()}"] = value
    return env


def _step(name: str) -> dict[str, object]:
    return next(step for step in ACTION["runs"]["steps"] if step.get("name") == name)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "workspace"
    (root / "briefs").mkdir(parents=True)
    shutil.copy(SAMPLES / "bad-en.yaml", root / "briefs" / "bad.yaml")
    shutil.copy(SAMPLES / "clean-en.yaml", root / "briefs" / "clean.yaml")
    return root


def test_the_action_runs_the_script_steps_and_passes_every_input() -> None:
    assert ACTION["runs"]["using"] == "composite"
    install = _step("Install campaignlint")
    check = _step("campaignlint check")
    assert install["run"] == 'bash "$GITHUB_ACTION_PATH/scripts/github_action.sh" install'
    assert check["run"] == 'bash "$GITHUB_ACTION_PATH/scripts/github_action.sh" check'
    passed = check["env"]
    assert isinstance(passed, dict)
    script_inputs = {name for name in ACTION["inputs"] if name != "python-version"}
    assert passed == {
        f"INPUT_{name.upper()}": f"${{{{ inputs.{name} }}}}" for name in script_inputs
    }
    assert set(re.findall(r"INPUT_[A-Z_]+", SCRIPT.read_text(encoding="utf-8"))) == set(passed)


def test_check_step_annotates_writes_sarif_and_the_review_to_the_job_summary(
    tmp_path: Path, workspace: Path
) -> None:
    env = _github_env(tmp_path, paths="briefs", sarif="campaignlint.sarif")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # as after install
    done = subprocess.run(
        [_bash(), str(SCRIPT), "check"], cwd=workspace, env=env, capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr
    annotations = done.stdout.splitlines()
    assert annotations and all(line.startswith("::") for line in annotations)
    assert any(line.startswith("::error file=briefs/bad.yaml,line=") for line in annotations)
    assert not any("clean.yaml" in line for line in annotations)

    sarif = json.loads((workspace / "campaignlint.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert len(results) == sum(1 for line in annotations if "file=briefs/bad.yaml" in line)

    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    expected = subprocess.run(
        [
            str(Path(sys.executable).with_name("campaignlint")),
            "check",
            "--format",
            "markdown",
            "briefs",
        ],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert summary == expected and summary.startswith("#")
    assert Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8") == "exit-code=1\n"


def test_check_step_on_clean_briefs_passes_and_takes_extra_arguments(
    tmp_path: Path, workspace: Path
) -> None:
    (workspace / "briefs" / "bad.yaml").unlink()
    env = _github_env(
        tmp_path, paths="briefs\nbriefs/clean.yaml", args="--lang tr", summary="false"
    )
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    done = subprocess.run(
        [_bash(), str(SCRIPT), "check"], cwd=workspace, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8") == ""
    assert not (workspace / "campaignlint.sarif").exists()
    assert Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8") == "exit-code=0\n"


def test_a_bad_input_fails_the_step_with_exit_2(tmp_path: Path, workspace: Path) -> None:
    env = _github_env(tmp_path, paths="briefs", args="--select no-such-rule")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    done = subprocess.run(
        [_bash(), str(SCRIPT), "check"], cwd=workspace, env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "no-such-rule" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_install_step_installs_the_action_checkout_for_the_next_step(
    tmp_path: Path, workspace: Path
) -> None:
    env = _github_env(tmp_path, paths="briefs/clean.yaml")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # a python3 >= 3.11
    install = subprocess.run(
        [_bash(), str(SCRIPT), "install"],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if install.returncode != 0:
        pytest.skip(f"pip could not install the checkout (offline?):\n{install.stderr[-1500:]}")
    [added] = Path(env["GITHUB_PATH"]).read_text(encoding="utf-8").splitlines()
    assert Path(added, "campaignlint").exists()
    env["PATH"] = f"{added}{os.pathsep}{os.environ['PATH']}"  # GitHub prepends it for later steps
    done = subprocess.run(
        [_bash(), str(SCRIPT), "check"], cwd=workspace, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    which = subprocess.run(
        ["bash", "-c", "command -v campaignlint"], env=env, capture_output=True, text=True
    )
    assert which.stdout.strip() == str(Path(added, "campaignlint"))


def test_the_readme_one_line_use_names_real_inputs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("- uses: <you>/campaignlint@")
    snippet = readme[start : readme.index("```", start)]
    [step] = yaml.safe_load(snippet)
    assert set(step["with"]) <= set(ACTION["inputs"])
    section = readme[readme.index("### GitHub Actions") : readme.index("### GitLab CI")]
    for name in ACTION["inputs"]:
        assert f"{name}:" in section, f"the README explains the {name!r} input"
    assert ACTION["inputs"]["python-version"]["default"] in section
