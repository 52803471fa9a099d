"""The plan (campaignlint.plan): every command resolves config, rules, severities and language
the same way, once; each file gets its own config with the command line's overrides; a file
that cannot be read is carried as data (path, line, column, message)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint.cli import main
from campaignlint.commands import CheckOptions
from campaignlint.config import Config
from campaignlint.engine import FileError, FileResult, lint_file
from campaignlint.plan import build_plan
from campaignlint.renderers import Report
from campaignlint.renderers.text import render_result
from tests.helpers import TEAM_RULE


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team-rules").mkdir()
    (tmp_path / "team-rules" / "short_name.py").write_text(TEAM_RULE, encoding="utf-8")
    (tmp_path / "team.yaml").write_text(
        "lang: tr\nrules_dirs: [team-rules]\nrules:\n  budget-fit: {severity: info}\n",
        encoding="utf-8",
    )
    (tmp_path / "brief.yaml").write_text("campaign:\n  name: TODO\n", encoding="utf-8")
    return tmp_path


def test_check_rules_and_explain_agree_on_rules_severities_and_language(project: Path) -> None:
    plan = build_plan(CheckOptions(paths=["brief.yaml"], config_file=Path("team.yaml")))
    assert plan.lang == "tr" and "short-campaign-name" in plan.rules
    listed = json.loads(run("rules", "--format", "json", "--config", "team.yaml").output)
    assert [rule["id"] for rule in listed] == sorted(plan.rules)
    assert {rule["id"]: rule["severity"] for rule in listed}["budget-fit"] == "info"
    # the named config's language, as check uses it (not the one discovered from the folder)
    listing = run("rules", "--config", "team.yaml").output
    assert "[yerleşik]" in listing and "[built-in]" not in listing
    explained = run("explain", "short-campaign-name", "--config", "team.yaml")
    assert explained.exit_code == 0 and explained.output.startswith("# short-campaign-name")


def test_each_file_gets_its_own_config_with_the_command_lines_overrides(project: Path) -> None:
    (project / "sub").mkdir()
    (project / "sub" / ".campaignlint.yaml").write_text("fail_on: error\n", encoding="utf-8")
    (project / "sub" / "other.yaml").write_text("campaign:\n  name: x\n", encoding="utf-8")
    plan = build_plan(
        CheckOptions(paths=["brief.yaml", "sub/other.yaml"], select=("placeholder-text",))
    )
    configs = {Path(job.path).name: job.config for job in plan.jobs}
    assert configs["other.yaml"].fail_on == "error" and configs["brief.yaml"].fail_on == "warning"
    assert all(config.select == ("placeholder-text",) for config in configs.values())


def test_paths_that_cannot_be_checked_are_planned_as_results(project: Path) -> None:
    plan = build_plan(CheckOptions(paths=["brief.yaml", "missing.yaml"]))
    assert [job.path for job in plan.jobs] == ["brief.yaml"]
    (missing,) = plan.unreadable
    assert missing.error == FileError("missing.yaml", "no such file or directory")


def test_a_file_error_is_data(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("campaign:\n  name: [unclosed\n", encoding="utf-8")
    error = lint_file(str(broken), Config()).error
    assert isinstance(error, FileError)
    assert (error.path, error.line) == (str(broken), 3)
    assert str(error) == f"{error.path}:{error.line}:{error.column}: {error.message}"
    copied = pickle.loads(pickle.dumps(error))  # it crosses to and from worker processes
    assert (copied.path, copied.line, copied.column, copied.message) == (
        error.path,
        error.line,
        error.column,
        error.message,
    )


def test_a_result_crosses_to_and_from_worker_processes_as_it_was(tmp_path: Path) -> None:
    import copy

    from campaignlint.model import Severity

    brief = tmp_path / "brief.yaml"
    brief.write_text("campaign:\n  name: TODO\n", encoding="utf-8")
    result = lint_file(str(brief), Config())
    assert len({finding.severity for finding in result.findings}) > 1
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(result, protocol)) == result
    for severity in Severity:  # the members themselves, as `is` and sorting compare them
        assert pickle.loads(pickle.dumps(severity)) is severity
        assert copy.deepcopy(severity) is severity


def test_the_text_format_uses_the_errors_parts_not_its_text() -> None:
    odd = "notes: draft.yaml"  # a file name with ': ' in it
    result = FileResult(odd, error=FileError(odd, "bad indentation", 2, 7))
    (line,) = render_result(result, Report(results=[]))
    assert line == "notes: draft.yaml:2:7: error: bad indentation"


def test_a_job_list_gives_back_each_job_and_holds_many_compactly() -> None:
    """The plan's jobs come back exactly as added (any path, each its own config and flags),
    and 20,000 of them take far less memory than 20,000 Job objects and their paths."""
    import tracemalloc

    from campaignlint.plan import Job, JobList

    team, other = Config(lang="tr"), Config()
    added = [
        Job("briefs/yaz kampanyası.yaml", team, "tr", None, record_portfolio=True),
        Job("briefs/\udcff-undecodable.yaml", other, "en", None, keep_data=True),
        Job("brief.yaml", team, "tr", None, record_portfolio=True),
    ]
    jobs = JobList(added)
    assert list(jobs) == added and len(jobs) == 3
    assert jobs[-1] == added[-1] and jobs[1:] == added[1:]
    assert [job.config for job in jobs] == [team, other, team]
    assert list(jobs.paths()) == [job.path for job in added]
    assert jobs.kinds() == [added[0], added[1]]
    with pytest.raises(IndexError):
        jobs[3]

    paths = [f"/home/agency/briefs/2027/spring/brief-{index:05}.yaml" for index in range(20_000)]
    tracemalloc.start()
    try:
        many = JobList(Job(path, team, "en", None) for path in paths)
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(many) == 20_000 and many[12_345].path == paths[12_345]
    assert size < 2_000_000  # a list of Job objects with their own paths: ~4 MB


def _briefs(folder: Path, count: int) -> None:
    folder.mkdir()
    for index in range(count):
        (folder / f"brief-{index}.yaml").write_text("campaign:\n  name: TODO\n", encoding="utf-8")


def test_the_workers_start_during_the_walk_and_the_run_takes_them(project: Path) -> None:
    """With --jobs, the worker processes are forked as soon as the walk has found enough briefs
    (a worker inherits this process's memory: forked after the walk, it would hold the walk's
    garbage and the job list), and the run checks the briefs in them, as it would otherwise."""
    from campaignlint.run import _STARTED, run

    _briefs(project / "briefs", 6)
    plan = build_plan(CheckOptions(paths=["briefs"], jobs="2"))
    started = plan.pool
    assert started is not None and len(started._processes) == 2
    results = list(run(plan))
    assert plan.pool is None and not _STARTED and started._shutdown_thread  # taken, then closed
    alone = list(run(build_plan(CheckOptions(paths=["briefs"], jobs="1"))))
    assert [(r.path, r.findings) for r in results] == [(r.path, r.findings) for r in alone]
    assert len(results) == 6 and all(result.findings for result in results)


def test_too_few_briefs_or_one_process_start_no_worker(project: Path) -> None:
    _briefs(project / "briefs", 3)  # checked in this process (run.MIN_POOL_JOBS)
    assert build_plan(CheckOptions(paths=["briefs"], jobs="2")).pool is None
    _briefs(project / "more", 6)
    assert build_plan(CheckOptions(paths=["more"], jobs="1")).pool is None


def test_workers_started_before_a_bad_config_is_met_are_stopped(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import campaignlint.run
    from campaignlint.errors import ConfigError

    processes, start = [], campaignlint.run.start_pool

    def start_pool(workers: int) -> object:
        pool = start(workers)
        processes.extend(pool._processes.values())
        return pool

    monkeypatch.setattr(campaignlint.run, "start_pool", start_pool)
    _briefs(project / "briefs", 6)
    (project / "briefs" / ".campaignlint.yaml").write_text("select: [no-such-rule]\n")
    with pytest.raises(ConfigError):
        build_plan(CheckOptions(paths=["brief.yaml", "briefs"], jobs="2"))
    assert len(processes) == 2 and not any(process.is_alive() for process in processes)


def test_a_job_lists_path_set_is_the_set_of_its_paths_in_far_less_memory() -> None:
    """Portfolio.checked for a run of many briefs: the same answers as a frozenset of the
    paths (a path named twice is in it once), without a string per path."""
    import tracemalloc

    from campaignlint.plan import Job, JobList

    config = Config()
    named = ["b.yaml", "briefs/yaz kampanyası.yaml", "\udcff.yaml", "a.yaml", "b.yaml"]
    paths = JobList(Job(path, config, "en", None) for path in named).path_set()
    expected = frozenset(named)
    assert set(paths) == expected and len(paths) == len(expected) == len(list(paths)) == 4
    assert all(path in paths for path in named)
    assert "c.yaml" not in paths and "b.yam" not in paths and 1 not in paths
    assert sorted(paths) == sorted(expected) and paths == expected
    assert paths | {"c.yaml"} == expected | {"c.yaml"} and paths - {"b.yaml"} == expected - {
        "b.yaml"
    }

    many = [f"/home/agency/briefs/2027/spring/brief-{index:05}.yaml" for index in range(20_000)]
    jobs = JobList(Job(path, config, "en", None) for path in many)
    tracemalloc.start()
    try:
        compact = jobs.path_set()
        held = tracemalloc.get_traced_memory()[0]
        del compact
        every = frozenset(jobs.paths())
        plain = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held < plain / 5, (held, plain)
    assert all(path in jobs.path_set() for path in many[::997]) and len(every) == 20_000
