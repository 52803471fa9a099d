"""Progress on a terminal's stderr, tested under a real pseudo-terminal; none piped or in CI."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")

# DELAY 0: show progress at once, so the test does not depend on how fast the machine is.
PROGRAM = (
    "import sys, campaignlint.cli as cli; cli._Progress.DELAY = 0;"
    " sys.argv = ['campaignlint', 'check', '--no-color', sys.argv[1]]; cli.run()"
)


@pytest.fixture
def briefs(tmp_path: Path) -> Path:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for index in range(12):
        (folder / f"b{index:02}.yaml").write_text("campaign:\n  name: TODO launch\n")
    return folder


def _environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("CI", "NO_COLOR")}
    return {**env, **extra}


def _stderr_on_a_terminal(folder: Path, env: dict[str, str]) -> str:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", PROGRAM, str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,  # not a pipe nobody reads: the child would block on it
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while select.select([leader], [], [], 60)[0]:  # never hang the suite
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


def test_progress_shows_on_a_terminal_and_is_cleared(briefs: Path) -> None:
    shown = _stderr_on_a_terminal(briefs, _environment())
    assert "checking 12/12 briefs" in shown
    assert shown.rstrip(" ").endswith("\r\x1b[K")  # the line is erased before the prompt


def test_no_progress_in_ci(briefs: Path) -> None:
    assert "checking" not in _stderr_on_a_terminal(briefs, _environment(CI="true"))


def test_no_progress_when_piped(briefs: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(briefs)],
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=60,
    )
    assert "checking" not in result.stderr and result.returncode == 1
