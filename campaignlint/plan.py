"""Step one of every command: resolve what a run needs, once, into a :class:`Plan`.

The plan holds the run's configuration (the config file named with ``--config`` or discovered
from the current folder, with the command line's overrides), its language and rules, and for
``check`` the files to read, each with its own configuration (the config file that governs it,
with the same overrides), standard input, the paths that cannot be read, and the creator
rosters, read once. ``check`` runs it (:mod:`campaignlint.run`) and reports the results
(:mod:`campaignlint.report`); ``rules`` and ``explain`` list and describe its rules, so every
command agrees on rules folders, severities and language.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from campaignlint.config import Config, config_for
from campaignlint.engine import STDIN, FileError, FileResult, active_rules, is_excluded, rules_for
from campaignlint.errors import ConfigError
from campaignlint.frozen import field, record
from campaignlint.i18n import DEFAULT_LANGUAGE, Message, Plain, _, language_from_environment

if TYPE_CHECKING:
    from campaignlint.commands import CheckOptions
    from campaignlint.portfolio import PortfolioOutcome
    from campaignlint.rule import Rule


@record(frozen=True, slots=True)
class Job:
    """One file to check, with the configuration that governs it."""

    path: str
    config: Config
    lang: str
    today: dt.date | None
    keep_data: bool = False
    portfolio: tuple[PortfolioOutcome, ...] = ()
    record_portfolio: bool = False


class JobList(Sequence[Job]):
    """The jobs of a run, held compactly: the paths UTF-8 encoded in one buffer, and the rest
    of each job (config, language, ...) one of the run's few distinct kinds. A :class:`Job` is
    made when one is asked for: 20,000 briefs take ~1.5 MB instead of ~4 MB of Job objects and
    path strings, which the worker processes of ``--jobs`` would also inherit."""

    def __init__(self, jobs: Iterable[Job] = ()) -> None:
        from array import array

        self._paths = bytearray()
        self._ends = array("Q")  # where each path ends in _paths
        self._kinds = array("I")  # each job's kind: its index in _prototypes
        self._prototypes: list[Job] = []  # one job of each kind (a path of its own)
        self._kind_of: dict[tuple[Any, ...], int] = {}
        for job in jobs:
            self.append(job)

    def append(self, job: Job) -> None:
        kind = (id(job.config), job.lang, job.today, job.keep_data, id(job.portfolio))
        key = (*kind, job.record_portfolio)
        index = self._kind_of.get(key)
        if index is None:
            index = self._kind_of[key] = len(self._prototypes)
            self._prototypes.append(job)  # keeps its config alive: the ids stay unique
        self._paths += job.path.encode("utf-8", "surrogatepass")  # any str, exactly
        self._ends.append(len(self._paths))
        self._kinds.append(index)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> Job: ...

    @overload
    def __getitem__(self, index: slice) -> list[Job]: ...

    def __getitem__(self, index: int | slice) -> Job | list[Job]:
        if isinstance(index, slice):
            return [self._job(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("job index out of range")
        return self._job(index)

    def __iter__(self) -> Iterator[Job]:
        return map(self._job, range(len(self)))

    def paths(self) -> Iterator[str]:
        """Each job's path, in order (cheaper than each job)."""
        start = 0
        for end in self._ends:
            yield self._paths[start:end].decode("utf-8", "surrogatepass")
            start = end

    def path_set(self) -> PathSet:
        """Every job's path, as a set (membership by hash, then the path itself)."""
        return PathSet(self)

    def path(self, index: int) -> str:
        start = self._ends[index - 1] if index else 0
        return self._paths[start : self._ends[index]].decode("utf-8", "surrogatepass")

    def kinds(self) -> list[Job]:
        """One job of each kind (config, language, ...) in the list, in order of appearance."""
        return list(self._prototypes)

    def _job(self, index: int) -> Job:
        kind = self._prototypes[self._kinds[index]]
        return Job(
            self.path(index),
            kind.config,
            kind.lang,
            kind.today,
            kind.keep_data,
            kind.portfolio,
            kind.record_portfolio,
        )


class PathSet(AbstractSet[str]):
    """The paths of a :class:`JobList`, a set read in place: each path's hash and index in
    two sorted arrays (12 bytes a path), where a frozenset of 20,000 paths took ~4 MB (their
    strings and its table) at the end of a run, when the portfolio rules ask which briefs
    are the run's (:attr:`campaignlint.portfolio.Portfolio.checked`)."""

    def __init__(self, jobs: JobList) -> None:
        from array import array

        keys = sorted(
            (hash(path) & _HASH_MASK) << 32 | index for index, path in enumerate(jobs.paths())
        )
        self._jobs = jobs
        self._hashes = array("Q", (key >> 32 for key in keys))
        self._indexes = array("I", (key & 0xFFFFFFFF for key in keys))
        self._size: int | None = None  # counted when asked: a path may be named twice

    def _first(self, path: str) -> int | None:
        """The index of the first job with ``path``; None when no job has it."""
        from bisect import bisect_left

        hashed = hash(path) & _HASH_MASK
        at = bisect_left(self._hashes, hashed)
        while at < len(self._hashes) and self._hashes[at] == hashed:
            if self._jobs.path(self._indexes[at]) == path:
                return self._indexes[at]  # the same hash: sorted by index
            at += 1
        return None

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self._first(path) is not None

    def __iter__(self) -> Iterator[str]:
        for index, path in enumerate(self._jobs.paths()):
            if self._first(path) == index:  # a path named twice is in the set once
                yield path

    def __len__(self) -> int:
        if self._size is None:
            self._size = sum(1 for _path in self)
        return self._size

    @classmethod
    def _from_iterable(cls, values: Iterable[Any]) -> AbstractSet[Any]:
        return frozenset(values)  # what set operations (|, &, -) make


_HASH_MASK = (1 << 64) - 1


@record
class StdinInput:
    """The brief read from standard input: its name, its configuration, and once the run has
    read it, the exact text and its result (a fix is computed on that text and nothing else)."""

    name: str
    config: Config
    stream: Any  # binary
    text: str | None = None
    result: FileResult | None = None


@record
class Plan:
    """Everything a run needs, resolved once."""

    config: Config  # the run's: for the current folder, with the command line's overrides
    lang: str
    rules: dict[str, Rule]  # every rule the run's config knows, selected or not
    jobs: JobList = field(default_factory=JobList)
    stdin: StdinInput | None = None
    unreadable: list[FileResult] = field(default_factory=list)  # paths that cannot be checked
    empty_dirs: list[str] = field(default_factory=list)
    workers: int = 1
    outputs: list[tuple[str, str | None]] = field(default_factory=list)  # (format, file or None)
    keep_data: bool = False  # the results keep their parsed brief (reports, baselines)
    pool: Any = None  # the --jobs worker processes, when started during the walk (run.start_pool)


def build_plan(options: CheckOptions, say: Callable[[str], Any] | None = None) -> Plan:
    """The plan of a command run with ``options`` from the current folder. ``say`` prints the
    notes a run owes its user (a config's rules folders that were not loaded). Raises
    :class:`ConfigError` for a bad configuration or option, before any file is read."""
    from campaignlint.renderers import REPORT_FORMATS

    outputs = parse_formats(options.formats)
    explicit = options.config_file
    if explicit is not None and not explicit.is_file():
        raise ConfigError(_("config file not found: {path}", path=Plain(explicit)))
    told: set[str] = set()

    def configured(path: Path) -> Config:
        base = config_for(path, explicit, options.allow_config_code)
        if base.skipped_rules_dirs and say is not None:
            _say_skipped(base, options, told, say)
        return apply_options(base, options)

    run_config = configured(Path.cwd() / "brief.yaml")
    lang = options.lang or run_config.lang or language_from_environment() or DEFAULT_LANGUAGE
    plan = Plan(run_config, lang, rules_for(run_config), outputs=outputs)
    if not options.paths:
        return plan  # rules, explain: no files
    reports = any(name in REPORT_FORMATS for name, _target in outputs)
    # baselines key list items by identity (an influencer's handle), read from the brief
    plan.keep_data = reports or options.baseline is not None or options.write_baseline is not None
    paths, plan.unreadable = _reachable(options.paths, lang)
    try:
        _plan_files(plan, options, paths, configured)
    except BaseException:
        if plan.pool is not None:
            from campaignlint.run import stop_pool

            stop_pool(plan.pool)
            plan.pool = None
        raise
    return plan


def _plan_files(
    plan: Plan, options: CheckOptions, paths: list[str], configured: Callable[[Path], Config]
) -> None:
    """The files, standard input and unreadable paths of ``plan``."""
    explicit, run_config, lang = options.config_file, plan.config, plan.lang

    from campaignlint.run import _loaded_rosters

    inherited: set[Any] = set()  # the rosters the workers started with

    def start_workers() -> None:
        plan.pool = _start_workers(options, run_config)
        inherited.update(_loaded_rosters())

    collected = collect_files(
        paths,
        explicit,
        options.exclude,
        options.force_exclude,
        _cli_creators(options),
        on_many=start_workers,
    )
    applied: dict[int, Config] = {}  # one overridden config per config file
    recording: dict[int, bool] = {}  # per config: it has portfolio rules (see _compares_briefs)
    for path in collected.files:
        if path == STDIN:
            continue
        base = config_for(path, explicit, options.allow_config_code)
        config = applied.get(id(base))
        if config is None:
            config = applied[id(base)] = configured(Path(path))
            recording[id(config)] = _compares_briefs(config)  # fails for a bad config, first
        job = Job(path, config, lang, None, plan.keep_data, record_portfolio=recording[id(config)])
        plan.jobs.append(job)
    active_rules(run_config)
    _load_rosters([run_config, *applied.values()])
    if plan.pool is not None and not inherited.issuperset(_loaded_rosters()):
        from campaignlint.run import stop_pool

        stop_pool(plan.pool)  # a config met in the walk names a roster the workers lack:
        plan.pool = None  # the run starts its workers with every roster read, once
    from campaignlint.run import resolve_jobs

    plan.workers = resolve_jobs(options.jobs)
    if STDIN in collected.files:
        name = options.stdin_filename or "<stdin>"
        stream = options.stdin or _standard_input()
        plan.stdin = StdinInput(name, configured(Path(name)), stream)
    missing = _("no such file or directory").render(lang)
    plan.unreadable.extend(FileResult(p, error=FileError(p, missing)) for p in collected.missing)
    plan.unreadable.extend(
        FileResult(p, error=FileError(p, reason.render(lang))) for p, reason in collected.errors
    )
    plan.empty_dirs = collected.empty_dirs


def _start_workers(options: CheckOptions, run_config: Config) -> Any:
    """The worker processes of ``--jobs``, forked as soon as the walk has listed or found
    enough briefs for them: a worker inherits this process's memory, and forked after the walk
    and the list of jobs, each held ~4 MB more at 20,000 briefs than at 2,000 (the walk's
    garbage, the job list, the path parts pathlib interns). The run config's rules and rosters
    are read first, so the workers start with them, as before (a roster only another config
    names is read by each worker that needs it). None when one process checks the briefs."""
    from campaignlint.errors import CampaignlintError
    from campaignlint.run import resolve_jobs, start_pool

    try:
        workers = resolve_jobs(options.jobs)
        if workers <= 1:
            return None
        active_rules(run_config)
        _load_rosters([run_config])
    except CampaignlintError:
        return None  # raised in its turn, after the walk
    try:
        return start_pool(workers)
    except Exception:  # no processes now: the run starts them, or says why it cannot
        return None


def _compares_briefs(config: Config) -> bool:
    """True when ``config`` selects a portfolio rule: its briefs' checks record what those
    rules read of them (a job made so from the start, not copied for the run: a run of many
    briefs holds one list of jobs)."""
    return any(active.rule.scope == "portfolio" for active in active_rules(config))


def command_plan(
    config_file: Path | None, rules_dirs: Sequence[str], lang: str | None = None
) -> Plan:
    """The plan of ``rules`` and ``explain``: the config a ``check`` from here would use, its
    ``--rules-dir`` folders, severities and language, with no files."""
    from campaignlint.commands import CheckOptions

    options = CheckOptions(paths=(), config_file=config_file, rules_dirs=rules_dirs, lang=lang)
    return build_plan(options)


def _standard_input() -> Any:
    import sys

    return sys.stdin.buffer


def parse_formats(values: Sequence[str]) -> list[tuple[str, str | None]]:
    """``["text", "sarif:out.sarif"]`` -> ``[("text", None), ("sarif", "out.sarif")]``."""
    from campaignlint.renderers import FORMATS

    outputs: list[tuple[str, str | None]] = []
    for value in values:
        name, _sep, path = value.partition(":")
        name = name.strip().lower()  # --format JSON is --format json
        if name not in FORMATS:
            known = ", ".join(sorted(FORMATS))
            raise ConfigError(
                _("unknown format '{name}' (known: {known})", name=Plain(name), known=Plain(known))
            )
        if not path and any(target is None for _name, target in outputs):
            raise ConfigError(
                _("only one --format can write to standard output; give the others a :PATH")
            )
        outputs.append((name, path or None))
    return outputs


def apply_options(config: Config, options: CheckOptions) -> Config:
    """``config`` with the command line's overrides."""
    return config.with_overrides(
        select=options.select or None,
        ignore=config.ignore + options.ignore,
        fail_on=options.fail_on,
        rules_dirs=config.rules_dirs + tuple(str(Path(d).resolve()) for d in options.rules_dirs),
        lang=options.lang,
        creators=config.creators + _cli_creators(options),
    )


def _cli_creators(options: CheckOptions) -> tuple[str, ...]:
    return tuple(str(Path(path).resolve()) for path in options.creators)


def _say_skipped(
    config: Config, options: CheckOptions, told: set[str], say: Callable[[str], Any]
) -> None:
    """One line per config whose rules folders were not loaded: what, and how to allow it."""
    source = config.source or "?"
    if source in told:
        return
    told.add(source)
    message = _(
        "{config}: rules_dirs not loaded ({dirs}): they run Python code; allow it with"
        " --allow-config-code or CAMPAIGNLINT_ALLOW_CONFIG_CODE=1",
        config=Plain(os.path.relpath(source) if os.path.isabs(source) else source),
        dirs=Plain(", ".join(config.skipped_rules_dirs)),
    )
    lang = options.lang or config.lang or language_from_environment() or DEFAULT_LANGUAGE
    say(f"campaignlint: {message.render(lang)}\n")


def _load_rosters(configs: Sequence[Config]) -> None:
    """Read each creator roster once, before any brief: a broken roster stops the run (exit 2)
    with its problems, and the workers of --jobs get it read."""
    if not any(config.creators for config in configs):
        return
    from campaignlint.roster import load_roster

    for config in configs:
        if config.creators:
            load_roster(config.creators)


def _reachable(paths: Sequence[str], lang: str) -> tuple[list[str], list[FileResult]]:
    """``paths`` that can be looked at, and an error result for each one that cannot (a brief
    under a folder the user may not enter): that path's error, the others are still checked."""
    kept, errors = [], []
    for path in paths:
        try:
            if path != STDIN:
                os.stat(path)
        except PermissionError as error:
            reason = _("cannot read: {reason}", reason=Plain(error.strerror or error))
            errors.append(FileResult(path, error=FileError(path, reason.render(lang))))
            continue
        except OSError:
            pass  # missing and the like: reported as before
        kept.append(path)
    return kept, errors


# --- collecting files ----------------------------------------------------------------------


@record
class Collected:
    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    empty_dirs: list[str] = field(default_factory=list)
    errors: list[tuple[str, Message]] = field(default_factory=list)  # (path, reason) of the walk


def _identity(path: Path, status: os.stat_result | None = None) -> int | None:
    from campaignlint.walk import file_identity

    try:
        return file_identity(status or path.stat())
    except OSError:
        return None


# What pathlib's exists() and is_dir() take for "not there"; any other error is raised.
_NOT_THERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _status(raw: str) -> os.stat_result | None:
    """``os.stat`` of a path named on the command line, None where it is not there: one call
    where ``is_dir()``, ``exists()`` and the file's identity took three."""
    try:
        return os.stat(raw)
    except ValueError:  # a NUL in the name
        return None
    except OSError as error:
        if error.errno in _NOT_THERE:
            return None
        raise


def collect_files(
    paths: Sequence[str],
    explicit_config: Path | None = None,
    extra_exclude: Sequence[str] = (),
    force_exclude: bool = False,
    creators: Sequence[str] = (),
    on_many: Callable[[], Any] | None = None,
) -> Collected:
    """Expand directories into the briefs inside them (see :mod:`campaignlint.walk`),
    honouring ``exclude``; a file reached twice (named twice, or by another name) is kept once.
    Creator rosters (``creators:`` of the config, and ``creators``) are data, not briefs, and are
    skipped. ``on_many`` is called once, when the files found, or the names a folder lists that
    a brief may have, are enough for worker processes (:data:`campaignlint.run.MIN_POOL_JOBS`)."""
    from campaignlint.run import MIN_POOL_JOBS

    collected = Collected()
    count = 0

    def many() -> None:
        nonlocal on_many
        if on_many is not None:
            call, on_many = on_many, None
            call()

    def counted(path: str) -> str:
        nonlocal count
        count += 1
        if count >= MIN_POOL_JOBS:
            many()
        return path

    cwd = Path.cwd()
    seen: set[int] = set()
    several = sum(raw != STDIN for raw in paths) > 1  # else a walk finds each file once

    def first_time(
        path: Path, identity: int | None = None, status: os.stat_result | None = None
    ) -> bool:
        if not several:
            return True
        identity = identity if identity is not None else _identity(path, status)
        if identity is None:
            return True
        if identity in seen:
            return False
        seen.add(identity)
        return True

    governing: dict[Path, Config] = {}  # excluded() and roster() ask for the same file

    def config_of(path: Path) -> Config:
        if path not in governing:
            governing.clear()
            governing[path] = config_for(path, explicit_config)
        return governing[path]

    def excluded(path: Path) -> bool:
        config = config_of(path)
        root = Path(config.root) if config.source else cwd
        return is_excluded(path, config.exclude, root) or is_excluded(path, extra_exclude, cwd)

    def roster(path: Path) -> bool:
        config = config_of(path)
        return bool(config.creators or creators) and _is_roster(path, config, creators)

    for raw in paths:
        if raw == STDIN:
            collected.files.append(STDIN)
            continue
        path = Path(raw)
        status = _status(raw)
        if status is None:
            collected.missing.append(raw)
        elif stat.S_ISDIR(status.st_mode):
            from campaignlint.walk import Walked, is_plainly_not_a_brief, walk_files  # folders

            walked = Walked(on_many=(MIN_POOL_JOBS, many) if on_many is not None else None)
            found = [  # one Path at a time: a folder of many briefs keeps only their names
                counted(str(candidate))
                for candidate, identity in walk_files(path, walked)
                if not excluded(candidate)
                and not roster(candidate)
                and not is_plainly_not_a_brief(candidate)
                and first_time(candidate, identity)
            ]
            collected.errors.extend(walked.errors)
            if not found and not walked.errors:
                collected.empty_dirs.append(raw)
            collected.files.extend(found)
        else:
            if force_exclude and (excluded(path) or roster(path)):
                continue  # pre-commit passes a changed roster by name: it is data
            if first_time(path, status=status):
                collected.files.append(counted(raw))
    return collected


def _is_roster(path: Path, config: Config, creators: Sequence[str]) -> bool:
    from campaignlint.roster import is_roster_file

    return is_roster_file(path, config.creators) or is_roster_file(path, creators)
