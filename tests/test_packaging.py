"""The wheel carries rules, schemas, templates and catalogs: install it into a fresh virtual
environment and run campaignlint from outside the checkout, as a new user would."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.slow


def _build_wheel(out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
        text=True,
    )
    [wheel] = out.glob("campaignlint-*.whl")
    return wheel


def test_wheel_installs_and_checks_a_sample_outside_the_checkout(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "campaignlint/rules/placeholder_text.py" in names
    assert "campaignlint/schemas/brief.schema.json" in names
    data = sorted(path.name for path in (REPO / "rules").glob("*.json"))
    assert data and all(f"campaignlint/rules/{name}" in names for name in data)
    assert not any(name.startswith("rules/") for name in names), "no top-level 'rules' package"

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    brief = outside / "brief.yaml"
    brief.write_text(
        (REPO / "samples" / "bad-en.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    campaignlint = env_dir / "bin" / "campaignlint"
    version = subprocess.run([str(campaignlint), "--version"], capture_output=True, text=True)
    assert version.returncode == 0
    result = subprocess.run(
        [str(campaignlint), "check", "brief.yaml"], cwd=outside, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    assert "brief.yaml:" in result.stdout and "Traceback" not in result.stderr
    rules = subprocess.run(
        [str(campaignlint), "rules"], cwd=outside, capture_output=True, text=True
    )
    assert "placeholder-text" in rules.stdout and "built-in" in rules.stdout
