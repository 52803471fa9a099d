"""The README's Performance section is what bench/report.py makes of the published results.

No timing here: the published run is docs/performance.json; `python bench/report.py` (or
`python bench/run.py --update-readme`) regenerates the section and the chart from it.
"""

from __future__ import annotations

import copy
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def bench_module(name: str) -> ModuleType:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(REPO / "bench"))


@pytest.fixture(scope="module")
def report() -> ModuleType:
    return bench_module("report")


@pytest.fixture(scope="module")
def run() -> ModuleType:
    return bench_module("run")


@pytest.fixture(scope="module")
def published(report: ModuleType) -> dict[str, Any]:
    results: dict[str, Any] = json.loads(report.PUBLISHED.read_text(encoding="utf-8"))
    return results


def generated_part(report: ModuleType) -> str:
    start = README.index(report.BEGIN)
    return README[start : README.index(report.END) + len(report.END) + 1]


def test_the_readme_section_is_generated_from_the_published_results(
    report: ModuleType, published: dict[str, Any]
) -> None:
    assert generated_part(report) == report.readme_section(published)
    assert README.index("## Performance") < README.index(report.BEGIN)


def test_the_chart_is_generated_from_the_published_results(
    report: ModuleType, published: dict[str, Any]
) -> None:
    assert report.CHART.read_text(encoding="utf-8") == report.chart_svg(published)
    assert "(docs/images/performance.svg)" in generated_part(report)


def test_the_published_run_shows_every_target_of_the_issue(
    report: ModuleType, run: ModuleType, published: dict[str, Any]
) -> None:
    shown = {row["key"] for row in published["targets"]}
    assert shown == {key for key, *_ in run.TARGETS}
    assert {row["format"] for row in published["memory"]} == set(run.FORMATS)
    section = generated_part(report)
    for row in published["targets"]:
        assert f"| {row['label']} |" in section


def test_a_reduced_run_is_labelled_as_such(report: ModuleType, published: dict[str, Any]) -> None:
    assert ("A reduced run" in generated_part(report)) == published["options"]["reduced"]
    full = copy.deepcopy(published)
    full["options"]["reduced"] = False
    assert "A reduced run" not in report.readme_section(full)


def test_replacing_the_section_keeps_the_rest_of_the_readme(report: ModuleType) -> None:
    readme = f"intro\n{report.BEGIN}\nold\n{report.END}\nafter\n"
    assert report.replace_section(readme, "new\n") == "intro\nnew\nafter\n"


def results(**values: Any) -> dict[str, Any]:
    return {"options": {"files": 2000}, **values}


def test_targets_pass_and_fail_by_their_comparison(run: ModuleType) -> None:
    ratios = {
        "corpus_jobs1_throughput_vs_new_floor": 0.45,
        "corpus_jobs_auto_throughput_vs_new_floor": 0.79,
        "one_brief_vs_new_floor": 1.6,
    }
    big = [{"label": run.ONE_CAMPAIGNLINT, "median_ms": 2999.0, "peak_rss_mb": 200.0}]
    met = {
        row["key"]: row["met"]
        for row in run.evaluate_targets(results(ratios=ratios, big_brief=big))
    }
    assert met == {
        "corpus_jobs1_throughput_vs_new_floor": True,
        "corpus_jobs_auto_throughput_vs_new_floor": False,
        "one_brief_vs_new_floor": False,
        "big_brief_seconds": True,
        "big_brief_peak_rss_mb": False,  # under 200 MB, not at it
    }


def test_memory_is_flat_only_when_every_format_is(run: ModuleType) -> None:
    memory = [{"format": name, "flat": name != "json"} for name in run.FORMATS]
    (row,) = run.evaluate_targets(results(memory=memory))
    assert (row["value"], row["met"]) == (len(run.FORMATS) - 1, False)
    (row,) = run.evaluate_targets(results(memory=[{**m, "flat": True} for m in memory]))
    assert row["met"]


def test_the_big_brief_fits_the_default_file_size_limit(run: ModuleType, tmp_path: Path) -> None:
    from campaignlint.config import DEFAULT_MAX_FILE_SIZE

    path = run.write_big_brief(tmp_path / "big.yaml", run.BIG_BRIEF_INFLUENCERS, 1)
    assert path.stat().st_size < DEFAULT_MAX_FILE_SIZE
    assert path.read_text(encoding="utf-8").count("handle: '@creator.") == 10_000
