"""--jobs and signals under hostile rules (issue 13): time limits, a worker that dies, SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, run_check
from tests.helpers import chaos_folders

CAMPAIGNLINT = str(Path(sys.executable).parent / "campaignlint")


# A brief section, so that the folder walk takes these toy files for briefs.
BRIEF = "campaign: {}\n"


@pytest.fixture
def chaos(tmp_path: Path) -> tuple[Path, Path]:
    return chaos_folders(tmp_path)


def _check(rules: Path, briefs: Path, jobs: str, *formats: str) -> tuple[int, str]:
    out: list[str] = []
    code = run_check(
        CheckOptions(
            paths=[str(briefs)],
            select=("chaos-rule",),
            rules_dirs=[str(rules)],
            jobs=jobs,
            formats=formats or ("text",),
            stdout=out.append,
            stderr=out.append,
        )
    )
    return code, "".join(out)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_that_never_returns_is_stopped_by_the_per_file_time_limit(
    chaos: tuple[Path, Path], jobs: str
) -> None:
    rules, briefs = chaos
    (briefs / ".campaignlint.yaml").write_text("time_limit: 1\n")
    for index in range(6):
        (briefs / f"b{index}.yaml").write_text(BRIEF + ("spin: true\n" if index == 2 else "a: 1\n"))
    started = time.monotonic()
    code, text = _check(rules, briefs, jobs, "json")
    assert time.monotonic() - started < 30
    assert code == 2
    document = json.loads(text)
    errors = {Path(f["path"]).name: f["error"] for f in document["files"] if f["error"]}
    assert list(errors) == ["b2.yaml"]
    assert errors["b2.yaml"].endswith(
        "b2.yaml: checking this file took longer than 1 seconds (time_limit), so it was stopped;"
        " a rule may be stuck: please report it"
    )
    assert document["summary"]["internal_errors"] == 1
    assert document["summary"]["input_errors"] == 0
    assert sum(len(f["findings"]) for f in document["files"]) == 5


def test_after_a_worker_dies_the_pool_is_recovered_not_a_process_per_file(
    chaos: tuple[Path, Path],
) -> None:
    rules, briefs = chaos
    for index in range(200):
        (briefs / f"b{index:03}.yaml").write_text(
            BRIEF + ("kill: true\n" if index == 3 else "a: 1\n")
        )
    code, text = _check(rules, briefs, "2", "json")
    assert code == 2
    document = json.loads(text)
    pids = {f["message"] for result in document["files"] for f in result["findings"]}
    assert len(pids) <= 6, f"{len(pids)} processes for 199 briefs"
    crashed = [f for f in document["files"] if f["error"]]
    assert [Path(f["path"]).name for f in crashed] == ["b003.yaml"]
    assert "worker process died" in crashed[0]["error"]
    assert document["summary"]["internal_errors"] == 1
    assert document["summary"]["input_errors"] == 0


def test_a_crashed_file_is_counted_as_an_internal_error_in_the_summary_line(
    chaos: tuple[Path, Path],
) -> None:
    rules, briefs = chaos
    (briefs / ".campaignlint.yaml").write_text("time_limit: 0.5\n")
    (briefs / "b.yaml").write_text(BRIEF + "spin: true\n")
    code, text = _check(rules, briefs, "1")
    assert code == 2
    assert text.endswith(
        "No findings in the files that could be checked; checking 1 of 1 file failed with an"
        " internal error.\n"
    )


def _start(briefs: Path, rules: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [CAMPAIGNLINT, "check", str(briefs), "--rules-dir", str(rules)]
    command += ["--select", "chaos-rule", "--jobs", "2", *extra]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=briefs
    )


def _wait_for(marker: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "no worker started"


@pytest.mark.slow
def test_sigterm_stops_the_workers_leaves_no_temporary_file_and_exits_143(
    chaos: tuple[Path, Path],
) -> None:
    rules, briefs = chaos
    started = briefs.parent / "started.marker"
    for index in range(8):
        (briefs / f"b{index}.yaml").write_text(f"{BRIEF}sleep: 30\nstarted: '{started}'\n")
    process = _start(briefs, rules, "--format", f"json:{briefs / 'report.json'}")
    _wait_for(started, process)
    process.send_signal(signal.SIGTERM)
    # communicate() returns only when every process holding the output pipes has ended
    _out, err = process.communicate(timeout=20)
    assert process.returncode == 143, err
    assert b"Traceback" not in err and b"interrupted" in err
    leftovers = [p.name for p in briefs.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []


@pytest.mark.slow
def test_a_second_ctrl_c_while_stopping_prints_no_threading_noise(
    chaos: tuple[Path, Path],
) -> None:
    rules, briefs = chaos
    started = briefs.parent / "started.marker"
    for index in range(8):
        (briefs / f"b{index}.yaml").write_text(f"{BRIEF}sleep: 30\nstarted: '{started}'\n")
    process = _start(briefs, rules)
    _wait_for(started, process)
    process.send_signal(signal.SIGINT)
    for _ in range(20):
        time.sleep(0.01)
        if process.poll() is not None:
            break
        process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=20)
    # 130, or killed by the late SIGINT itself once Python has restored its default handler
    assert process.returncode in (130, -signal.SIGINT), err
    assert b"Exception ignored" not in err and b"Traceback" not in err
