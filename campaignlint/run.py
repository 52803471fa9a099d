"""Step two of ``check``: run a :class:`~campaignlint.plan.Plan`, one document in, one result
out, in this process or in a pool of worker processes, yielding the results in a fixed order
(the plan's files, standard input, then the paths that could not be read).

Checking one document is :mod:`campaignlint.engine`'s; this module hands the documents out, keeps
a broken or stuck worker from taking the run down, and runs the portfolio rules once over the
run's briefs before the briefs are checked.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaignlint.config import Config, config_for
from campaignlint.engine import (
    STDIN,
    FileError,
    FileResult,
    _timed_out,
    lint_file,
)
from campaignlint.errors import CampaignlintError, ConfigError
from campaignlint.i18n import DEFAULT_LANGUAGE, Plain, _
from campaignlint.plan import Job

if TYPE_CHECKING:
    import datetime as dt

    from campaignlint.plan import Plan
    from campaignlint.portfolio import Recorded

    # a result pickled, its portfolio record, and whether the brief has directives (_packed)
    Packed = tuple[bytes, Recorded | None, bool]


def run(plan: Plan, progress: Any = None) -> Generator[FileResult, None, None]:
    """Every result of ``plan``, in order: its files, standard input, the unreadable paths.
    ``progress`` (optional) is started with the number of files and told of each one done."""
    from campaignlint.portfolio import run_with_portfolio

    if progress is not None:
        progress.start(len(plan.jobs), plan.lang)
    if plan.pool is not None:  # started during the walk: the run's first _Pool takes it
        _STARTED[plan.workers], plan.pool = plan.pool, None
    try:
        yield from run_with_portfolio(plan.jobs, plan.workers, progress)
    finally:
        unused = _STARTED.pop(plan.workers, None)
        if unused is not None:
            stop_pool(unused)
        if progress is not None:
            progress.close()
    if plan.stdin is not None:
        yield read_stdin(plan)
    yield from plan.unreadable


def read_stdin(plan: Plan) -> FileResult:
    """The result of the brief on standard input; the text read is kept on ``plan.stdin``."""
    from campaignlint.loader import decode

    stdin = plan.stdin
    assert stdin is not None
    raw = stdin.stream.read(stdin.config.max_file_size + 1)
    try:
        stdin.text = decode(raw)
    except CampaignlintError as error:
        return FileResult(stdin.name, error=FileError(stdin.name, error.render(plan.lang)))
    stdin.result = lint_file(
        stdin.name, stdin.config, plan.lang, text=stdin.text, keep_data=plan.keep_data
    )
    return stdin.result


def _run_job(job: Job) -> FileResult:
    try:
        return lint_file(
            job.path,
            job.config,
            job.lang,
            job.today,
            keep_data=job.keep_data,
            portfolio=job.portfolio,
            record_portfolio=job.record_portfolio,
        )
    except CampaignlintError as error:
        return FileResult(job.path, error=FileError(job.path, error.render(job.lang)))
    except Exception as error:  # a bug must not take the other files down
        return _crashed(job.path, error)


def _crashed(path: str, error: BaseException | str) -> FileResult:
    """The result for a file whose check crashed (an exception, or its worker process died)."""
    detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    message = _("checking this file crashed ({detail}); please report it", detail=Plain(detail))
    return FileResult(path, error=FileError(path, message.render()), internal_error=True)


def _run_chunk(jobs: list[Job]) -> list[FileResult]:
    return [_run_job(job) for job in jobs]


def _run_chunk_packed(jobs: list[Job]) -> list[Packed]:
    return [_packed(_run_job(job)) for job in jobs]


def _packed(result: FileResult) -> Packed:
    """``result`` pickled, without its portfolio record, and that record as the run keeps it:
    the main process files both away without reading them (see :func:`run_packed`); and
    whether the brief's comments or config can suppress findings (FileResult.directives)."""
    import pickle

    from campaignlint.portfolio import recorded

    brief, result.portfolio_brief = result.portfolio_brief, None
    record = recorded(brief, pickled=True) if brief is not None else None
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), record, result.directives


def resolve_jobs(jobs: int | str | None) -> int:
    """``--jobs``: a whole number of processes, ``auto`` or 0 for one per CPU. Raises
    :class:`ConfigError` for anything else (``many``, ``2.5``, ``-1``)."""
    if jobs in (None, 0, "auto", "0"):
        return os.cpu_count() or 1
    text = str(jobs).strip()
    if not text.isdigit():
        raise ConfigError(
            _(
                "--jobs takes a whole number of processes, 0 or 'auto' (one per CPU); got {value}",
                value=Plain(repr(jobs)),
            )
        )
    return int(text) or (os.cpu_count() or 1)


MIN_POOL_JOBS = 4  # fewer briefs are checked in this process
MAX_CHUNK = 16  # briefs a worker is handed at once
GRACE_SECONDS = 5.0  # beyond a file's time limit, before its worker process is killed


class _Pool:
    """Worker processes that survive a worker's death: when one dies (or hangs past every
    limit), the pool is replaced, and only the chunks that were in flight are re-run, one file
    at a time in a single spare process, to find the file that kills it."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: Any = _STARTED.pop(workers, None)
        self.spare: Any = None

    @staticmethod
    def _new(workers: int) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=workers, initializer=_worker_setup, initargs=(_loaded_rosters(),)
        )

    def run(self, chunks: Iterable[list[Job]], packed: bool = False) -> Iterator[list[Any]]:
        """Each chunk's results, in order (with ``packed``, as :func:`_packed` makes them).
        ``chunks`` are taken only as they are handed out."""
        from collections import deque

        source = iter(chunks)
        pending: deque[list[Job]] = deque()  # taken from source, not yet handed out

        def any_pending() -> bool:
            if not pending:
                pending.extend(itertools.islice(source, 1))
            return bool(pending)

        window: deque[tuple[list[Job], Any]] = deque()
        run_chunk = _run_chunk_packed if packed else _run_chunk
        isolated = self._isolated_packed if packed else self._isolated
        while any_pending() or window:
            if self.pool is None:
                self.pool = self._new(self.workers)
            try:
                while any_pending() and len(window) < 2 * self.workers:
                    window.append((pending[0], self.pool.submit(run_chunk, pending[0])))
                    pending.popleft()
            except Exception:  # the pool broke while work was being handed to it
                pass  # the chunks in the window are re-run below, the rest stay pending
            if not window:  # a new pool broke at once: check the next chunk file by file
                _kill(self.pool)
                self.pool = None
                yield [isolated(job) for job in pending.popleft()]
                continue
            jobs, future = window.popleft()
            deadline = sum(job.config.time_limit for job in jobs) + GRACE_SECONDS
            try:
                yield future.result(timeout=deadline)
            except Exception:  # the pool broke (a worker died), or a worker is stuck
                suspects = [jobs, *(in_flight for in_flight, _future in window)]
                window.clear()
                _kill(self.pool)
                self.pool = None
                for suspect in suspects:
                    yield [isolated(job) for job in suspect]

    def started(self) -> bool:
        """True when worker processes are running (a run has used the pool)."""
        return self.pool is not None

    def _isolated_packed(self, job: Job) -> Packed:
        return _packed(self._isolated(job))

    def _isolated(self, job: Job) -> FileResult:
        if self.spare is None:
            self.spare = self._new(1)
        try:
            result: FileResult = self.spare.submit(_run_job, job).result(
                timeout=job.config.time_limit + GRACE_SECONDS
            )
            return result
        except Exception as error:  # this file kills (or hangs) its process
            _kill(self.spare)
            self.spare = None
            if isinstance(error, TimeoutError):
                return _timed_out(job.path, job.config.time_limit, job.lang)
            return _crashed(job.path, f"worker process died: {type(error).__name__}")

    def close(self, stop: bool = False) -> None:
        for pool in (self.pool, self.spare):
            if pool is None:
                continue
            if stop:
                _kill(pool)
            else:
                pool.shutdown()
        self.pool = self.spare = None


_STARTED: dict[int, Any] = {}  # workers -> the pool run() hands to its first _Pool


def start_pool(workers: int) -> Any:
    """A pool of ``workers`` processes, forked now (for :class:`~campaignlint.plan.Plan`'s
    ``pool``): a process forked later, when this one holds more, would inherit more."""
    pool = _Pool._new(workers)
    pool.submit(int)  # a pool that forks starts every process with its first task
    return pool


def stop_pool(pool: Any) -> None:
    """Stop a pool that :func:`start_pool` started and no run took."""
    pool.shutdown(wait=True, cancel_futures=True)


def _kill(pool: Any) -> None:
    """Stop a pool now: drop its queued work and end its processes."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)


def run_jobs(
    jobs: Sequence[Job],
    workers: int,
    progress: Callable[[int], None] | None = None,
    pool: _Pool | None = None,
) -> Iterator[FileResult]:
    """Lint ``jobs``, in this process or a pool of ``workers`` processes, yielding each result
    in the order of ``jobs``; none is kept here (memory stays flat over any number of files).
    A ``pool`` given (see :func:`worker_pool`) is used and left open for the caller's next jobs."""
    return _results(jobs, workers, progress, pool, packed=False)


def run_packed(
    jobs: Sequence[Job],
    workers: int,
    progress: Callable[[int], None] | None = None,
    pool: _Pool | None = None,
) -> Iterator[Packed]:
    """:func:`run_jobs` for a run whose results wait in a file for the portfolio rules: each
    result pickled, and its portfolio record apart (:func:`_packed`). Workers pickle them,
    so the main process files them away without reading them and pickling them again."""
    return _results(jobs, workers, progress, pool, packed=True)


def _results(
    jobs: Sequence[Job],
    workers: int,
    progress: Callable[[int], None] | None,
    pool: _Pool | None,
    packed: bool,
) -> Iterator[Any]:
    if workers <= 1 or len(jobs) < MIN_POOL_JOBS:
        for job in jobs:
            result = _run_job(job)
            yield _packed(result) if packed else result
            if progress:
                progress(1)
        return
    # small chunks (a chunk of jobs pickles in microseconds): the workers finish together
    # instead of one linting a last large chunk while the other idles
    chunk = max(1, min(MAX_CHUNK, len(jobs) // (workers * 4)))
    chunks = (list(jobs[i : i + chunk]) for i in range(0, len(jobs), chunk))  # made as sent
    own_pool = pool is None
    pool = pool or _Pool(workers)
    try:
        for chunk_results in pool.run(chunks, packed):
            count = len(chunk_results)
            while chunk_results:
                yield chunk_results.pop(0)
            if progress:
                progress(count)
    except BaseException:  # Ctrl-C, SIGTERM, or the reader stopped: stop the workers now
        pool.close(stop=True)
        raise
    if own_pool:
        pool.close()


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[_Pool]:
    """A pool of ``workers`` processes for several :func:`run_jobs` in a row: its processes
    are started once, and their caches stay warm from one run to the next."""
    pool = _Pool(workers)
    try:
        yield pool
    except BaseException:  # as in run_jobs: Ctrl-C or the reader stopped, stop the workers now
        pool.close(stop=True)
        raise
    pool.close()


def _loaded_rosters() -> dict[Any, Any]:
    """The creator rosters this process has read, handed to each worker once (not per brief)."""
    import sys

    roster = sys.modules.get("campaignlint.roster")
    return roster.loaded_rosters() if roster is not None else {}


def _worker_setup(rosters: dict[Any, Any] | None = None) -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no traceback per worker),
    and die at once on SIGTERM, whatever handler they inherited. They adopt the creator
    rosters the main process read. What they inherit (modules, schemas, rules, rosters) is
    left out of their garbage collections, which then walk only the objects of the briefs."""
    if rosters:
        from campaignlint.roster import adopt_rosters

        adopt_rosters(rosters)
    import gc

    from campaignlint.loader import keep_large_briefs_out_of_collector

    keep_large_briefs_out_of_collector()  # a worker lives only as long as the run
    gc.freeze()
    gc.enable()  # forked while the command line held the collector off (cli._collect_later)
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def lint_paths(
    paths: Sequence[str],
    *,
    config: Config | None = None,
    lang: str | None = None,
    today: dt.date | None = None,
    jobs: int | str | None = 1,
) -> list[FileResult]:
    """Lint files and directories. Each file uses ``config`` or the one discovered for it.
    Missing paths give a :class:`FileResult` with an error. Prints nothing."""
    from campaignlint.plan import collect_files

    collected = collect_files([p for p in paths if p != STDIN])
    work = []
    for path in collected.files:
        file_config = config or config_for(Path(path))
        work.append(Job(path, file_config, lang or file_config.lang or DEFAULT_LANGUAGE, today))
    results = list(run_jobs(work, resolve_jobs(jobs)))
    results.extend(
        FileResult(p, error=FileError(p, "no such file or directory")) for p in collected.missing
    )
    results.extend(
        FileResult(p, error=FileError(p, reason.render(lang or DEFAULT_LANGUAGE)))
        for p, reason in collected.errors
    )
    return results
