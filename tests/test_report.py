"""Reporting a run (campaignlint.report, campaignlint.renderers): every machine format is written
as the results arrive and keeps none of them, so memory stays flat over any number of briefs;
a whole report renders through the same streams; file outputs appear whole or not at all."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from campaignlint import run as run_module
from campaignlint.commands import CheckOptions, run_check
from campaignlint.engine import FileError, FileResult
from campaignlint.renderers import Report, render
from tests.helpers import REPO, SAMPLES

STREAMED = ("text", "json", "sarif", "gitlab", "junit", "github")
# The review reports keep each file's part of the review (spooled), never its result.
REVIEWS = ("markdown", "html", "markdown-reviewer", "html-reviewer")
# The portfolio rules compare every brief of a run with the others, so they hold every brief
# while they run (campaignlint.portfolio); what is measured here is the reporting.
NO_PORTFOLIO = ("exclusivity-conflict", "competing-promotions", "creator-overload")


def briefs(folder: Path, count: int) -> Path:
    """``count`` copies of a brief with findings of every severity."""
    folder.mkdir()
    text = (SAMPLES / "bad-en.yaml").read_text(encoding="utf-8")
    for index in range(count):
        (folder / f"brief{index:04}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("fmt", "jobs"),
    [*((fmt, "1") for fmt in (*STREAMED, *REVIEWS)), ("json", "2"), ("sarif", "2"), ("html", "2")],
)
def test_no_finished_result_is_kept_while_the_output_is_written(
    fmt: str, jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = briefs(tmp_path / "briefs", 6)
    results: list[weakref.ref[FileResult]] = []
    running = run_module.run

    def tracked(plan: object, progress: object = None) -> Iterator[FileResult]:
        for result in running(plan, progress):  # type: ignore[arg-type]
            results.append(weakref.ref(result))
            yield result

    alive_when_written: list[int] = []

    def stdout(text: str) -> None:
        gc.collect()
        alive_when_written.append(sum(ref() is not None for ref in results))

    monkeypatch.setattr(run_module, "run", tracked)
    code = run_check(
        CheckOptions(
            paths=[str(folder)],
            formats=[fmt],
            jobs=jobs,
            ignore=NO_PORTFOLIO,
            stdout=stdout,
            stderr=lambda text: None,
        )
    )
    assert code == 1 and len(results) == 6 and alive_when_written
    # at most the result being written is alive: none of the files done before it
    assert max(alive_when_written) <= 1


def _peak_rss_kb(folder: Path, tmp_path: Path) -> int:
    """Peak memory of a fresh process checking ``folder`` in every streamed format at once."""
    outputs = [f"{fmt}:{tmp_path / f'{folder.name}.{fmt}'}" for fmt in STREAMED[2:]]
    program = (
        "import resource, sys\n"
        "from campaignlint.commands import CheckOptions, run_check\n"
        f"run_check(CheckOptions(paths=[{str(folder)!r}], formats=['json', *{outputs!r}],"
        f" ignore={NO_PORTFOLIO!r}, stdout=sys.stdout.write))\n"
        "sys.stderr.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(done.stderr.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux")
def test_peak_memory_does_not_grow_with_the_number_of_briefs(tmp_path: Path) -> None:
    small = _peak_rss_kb(briefs(tmp_path / "small", 50), tmp_path)
    large = _peak_rss_kb(briefs(tmp_path / "large", 200), tmp_path)
    # Building the JSON document grew ~80 KB per brief (12 MB for these 150 more), merely
    # keeping the results ~12 KB (1.8 MB); written as they come, the peak stays within the
    # allocator's noise (a few hundred KB either way).
    assert large - small < 1024, f"peak grew {large - small} KB for 150 more briefs"


def test_a_whole_report_renders_through_the_same_streams() -> None:
    results = [
        FileResult("a.yaml"),
        FileResult("b.yaml", error=FileError("b.yaml", "bad indentation", 3, 4)),
    ]
    report = Report(results=results)
    document = json.loads(render("json", report))
    assert [entry["error"] for entry in document["files"]] == [None, "b.yaml:3:4: bad indentation"]
    assert document["summary"]["input_errors"] == 1
    sarif = json.loads(render("sarif", report))
    assert sarif["runs"][0]["results"] == []
    notification = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert notification["message"]["text"] == "b.yaml:3:4: bad indentation"
    assert json.loads(render("gitlab", Report(results=[]))) == []
    assert render("junit", Report(results=[])).endswith('errors="0" />\n')


def test_an_output_file_is_left_as_it_was_when_the_run_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = briefs(tmp_path / "briefs", 2)
    target = tmp_path / "out.json"
    target.write_text("previous\n", encoding="utf-8")

    def broken(plan: object, progress: object = None) -> Iterator[FileResult]:
        yield FileResult(str(folder / "brief0000.yaml"))
        raise KeyboardInterrupt

    monkeypatch.setattr(run_module, "run", broken)
    with pytest.raises(KeyboardInterrupt):
        run_check(CheckOptions(paths=[str(folder)], formats=[f"json:{target}"]))
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["briefs", "out.json"]
