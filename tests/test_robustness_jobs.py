"""--jobs: a crashing worker reports its file and the rest finish; Ctrl-C exits 130 cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, run_check
from tests.helpers import chaos_folders


@pytest.fixture
def chaos(tmp_path: Path) -> tuple[Path, Path]:
    return chaos_folders(tmp_path)


def test_a_worker_that_dies_reports_its_file_and_the_rest_finish(chaos: tuple[Path, Path]) -> None:
    rules, briefs = chaos
    for index in range(12):
        # campaign: makes each a brief to the folder walk (it leaves other YAML out)
        text = "kill: true\n" if index == 5 else "a: 1\n"
        (briefs / f"b{index:02}.yaml").write_text("campaign: {}\n" + text)
    (briefs / "b07.yaml").write_text("campaign: {}\nraise: true\n")
    out: list[str] = []
    code = run_check(
        CheckOptions(
            paths=[str(briefs)],
            select=("chaos-rule",),
            rules_dirs=[str(rules)],
            jobs="2",
            stdout=out.append,
            stderr=out.append,
        )
    )
    text = "".join(out)
    assert code == 2
    assert "b05.yaml: error: checking this file crashed (worker process died" in text
    assert "b07.yaml:1:1: error internal-error rule 'chaos-rule' crashed: MemoryError" in text
    for index in (0, 1, 2, 3, 4, 6, 8, 9, 10, 11):
        assert f"b{index:02}.yaml:1:1: warning chaos-rule Pid " in text
    assert "Traceback" not in text


@pytest.mark.slow
def test_ctrl_c_exits_130_without_traceback_or_temporary_files(chaos: tuple[Path, Path]) -> None:
    rules, briefs = chaos
    started = briefs.parent / "started.marker"
    for index in range(8):
        (briefs / f"b{index}.yaml").write_text(
            f"campaign: {{}}\nsleep: 0.5\nstarted: '{started}'\n"
        )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "campaignlint"),
            "check",
            str(briefs),
            "--rules-dir",
            str(rules),
            "--select",
            "chaos-rule",
            "--jobs",
            "2",
            "--format",
            f"json:{briefs / 'report.json'}",
            "--write-baseline",
            str(briefs / "baseline.json"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=briefs,
    )
    deadline = time.monotonic() + 30  # under CI load start-up can take a while
    while not started.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert b"Traceback" not in err and b"interrupted" in err
    leftovers = [p.name for p in briefs.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []
    assert not (briefs / "baseline.json").exists()
