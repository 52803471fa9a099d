"""The engine: load a brief once, run every selected rule on it, collect findings.

It knows no rule by name: rules come from :mod:`campaignlint.registry`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaignlint.config import ALL, Config, config_for, validate_rule_ids
from campaignlint.errors import CampaignlintError, ConfigError, InputError
from campaignlint.i18n import DEFAULT_LANGUAGE, Message, Plain, _
from campaignlint.model import Finding, Problem, Related, Severity, render_problem
from campaignlint.registry import discover_all
from campaignlint.rule import Rule

if TYPE_CHECKING:
    from campaignlint.loader import LoadedDocument
    from campaignlint.portfolio import PortfolioOutcome

INTERNAL_ERROR = "internal-error"
UNUSED_SUPPRESSION = "unused-suppression"
ENGINE_RULES = (INTERNAL_ERROR, UNUSED_SUPPRESSION)  # ids the engine emits, not rule modules
SCHEMA_RULE = "schema"  # the only rule that runs on a document that is not a mapping
STDIN = "-"
BRIEF_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ActiveRule:
    """A selected rule with its configured severity and options, and which of its checks run:
    ``only`` the named ones (when only ``rule.check`` codes were selected), minus ``ignored``,
    each at its ``check_severity`` when the config re-rates it."""

    rule: Rule
    severity: Severity | None
    options: dict[str, Any]
    only: frozenset[str] | None = None
    ignored: frozenset[str] = frozenset()
    check_severity: Mapping[str, Severity] = field(default_factory=dict)

    def wants(self, problem: Problem) -> bool:
        """True when the check that found ``problem`` is selected and not ignored."""
        if problem.check is None:
            return self.only is None
        return problem.check not in self.ignored and (
            self.only is None or problem.check in self.only
        )

    def severity_of(self, problem: Problem) -> Severity:
        by_check = self.check_severity.get(problem.check) if problem.check else None
        return by_check or self.severity or problem.severity or self.rule.severity


@dataclass
class FileResult:
    """The outcome for one file: its findings, or the error that stopped it being read."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    error_line: int | None = None
    error_column: int | None = None
    internal_error: bool = False
    suppressed: list[Finding] = field(default_factory=list)  # with ``suppressed_by`` set
    data: Any = field(default=None, repr=False)  # the parsed brief, only when asked (reports)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "error": self.error,
            "findings": [finding.to_dict() for finding in self.findings],
        }


def rules_for(config: Config) -> dict[str, Rule]:
    return discover_all(config.rules_dirs)


# Resolved rules per config object (kept beside it so its id cannot be reused): every file
# of a run shares its config, and resolving validates ids and compiles option validators.
_RESOLVED: dict[int, tuple[Config, list[ActiveRule]]] = {}


def active_rules(config: Config, registry: dict[str, Rule] | None = None) -> list[ActiveRule]:
    """The rules ``config`` selects, with their resolved severity and options. Do not mutate
    the list: it is shared by every call with the same config."""
    if registry is None:
        cached = _RESOLVED.get(id(config))
        if cached is not None and cached[0] is config:
            return cached[1]
        active = _resolve_rules(config, rules_for(config))
        if len(_RESOLVED) >= 256:
            _RESOLVED.clear()
        _RESOLVED[id(config)] = (config, active)
        return active
    return _resolve_rules(config, registry)


def _resolve_rules(config: Config, registry: dict[str, Rule]) -> list[ActiveRule]:
    where: str | Message = config.source or _("configuration")
    codes = [code for rule in registry.values() for code in rule.codes()]
    for key, names, known in (
        ("select", config.select or (), [*codes, *ENGINE_RULES]),
        ("ignore", config.ignore, [*codes, *ENGINE_RULES]),
        ("rules", list(config.rules), codes),
    ):
        validate_rule_ids(names, known, _("{where}: {key}", where=where, key=Plain(key)))
    _validate_per_file(config, registry, where)
    active = []
    for rule_id, only in _selection(config, registry).items():
        if rule_id in config.ignore or rule_id in ENGINE_RULES:
            continue
        rule = registry[rule_id]
        settings = dict(config.rules.get(rule_id, {}))
        severity = settings.pop("severity", None)
        try:
            options = rule.resolve_options(settings)
            check_severity = _check_severities(config, rule)
        except ConfigError as error:
            raise ConfigError(_("{where}: {error}", where=where, error=error)) from error
        ignored = frozenset(c.partition(".")[2] for c in config.ignore if _rule_of(c) == rule_id)
        active.append(
            ActiveRule(
                rule,
                Severity(severity) if severity else None,
                options,
                only,
                ignored - {""},
                check_severity,
            )
        )
    return active


def _rule_of(code: str) -> str:
    return code.partition(".")[0]


def _selection(config: Config, registry: dict[str, Rule]) -> dict[str, frozenset[str] | None]:
    """Selected rule ids, in order, each with None (the whole rule) or the checks selected."""
    if config.select is None or ALL in config.select:
        return dict.fromkeys(registry)
    selected: dict[str, frozenset[str] | None] = {}
    for code in config.select:
        rule_id, _dot, check = code.partition(".")
        if not check:
            selected[rule_id] = None
        elif rule_id not in selected or selected[rule_id] is not None:
            selected[rule_id] = (selected.get(rule_id) or frozenset()) | {check}
    return selected


def _check_severities(config: Config, rule: Rule) -> dict[str, Severity]:
    """``rules: {missing-disclosure.platform-label: {severity: info}}``: severity only, since
    options belong to the whole rule."""
    found = {}
    for check in rule.checks:
        settings = config.rules.get(f"{rule.id}.{check}")
        if not settings:
            continue
        unknown = sorted(set(settings) - {"severity"})
        if unknown:
            raise ConfigError(
                _(
                    "'{code}' takes only a severity; set '{option}' on the rule '{rule}'",
                    code=Plain(f"{rule.id}.{check}"),
                    option=Plain(unknown[0]),
                    rule=Plain(rule.id),
                )
            )
        found[check] = Severity(settings["severity"])
    return found


def _validate_per_file(config: Config, registry: dict[str, Rule], where: str | Message) -> None:
    """The rule ids and options of every ``per_file`` entry, checked up front: a typo must not
    wait for a file that matches to be found."""
    known = [code for rule in registry.values() for code in rule.codes()]
    for index, entry in enumerate(config.per_file):
        key = f"per_file[{index}]"
        validate_rule_ids(
            entry.get("ignore", ()),
            [*known, *ENGINE_RULES],
            _("{where}: {key}", where=where, key=Plain(f"{key}.ignore")),
        )
        settings_by_rule = entry.get("rules") or {}
        validate_rule_ids(
            list(settings_by_rule),
            known,
            _("{where}: {key}", where=where, key=Plain(f"{key}.rules")),
        )
        for rule_id, settings in settings_by_rule.items():
            if rule_id not in registry:
                continue  # a check's code: severity only, checked with the rules' settings
            options = {**config.rules.get(rule_id, {}), **(settings or {})}
            options.pop("severity", None)
            try:
                registry[rule_id].resolve_options(options)
            except ConfigError as error:
                raise ConfigError(
                    _("{where}: {key}: {error}", where=where, key=Plain(key), error=error)
                ) from error


def _internal_error(
    rule: Rule, error: BaseException | str, lang: str = DEFAULT_LANGUAGE
) -> Finding:
    """The finding for a rule that crashed; ``error`` is the exception or its one-line text."""
    if isinstance(error, str):
        detail = error
    else:
        text = str(error).splitlines()[0] if str(error) else ""
        detail = f"{type(error).__name__}: {text}".rstrip(": ")
    crashed = _("rule '{rule}' crashed: {error}", rule=Plain(rule.id), error=Plain(detail))
    message = crashed.render(DEFAULT_LANGUAGE)
    return Finding(
        rule=INTERNAL_ERROR,
        severity=Severity.ERROR,
        message=crashed.render(lang),
        pointer="",
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        fix=_("This is a bug in the rule, not in your brief: please report it.").render(lang),
        message_en=message,
    )


def run_rules(
    brief: Any, rules: Sequence[ActiveRule], lang: str = DEFAULT_LANGUAGE
) -> list[Finding]:
    """Run each rule on ``brief``; a rule that raises becomes an ``internal-error`` finding."""
    findings: list[Finding] = []
    for active in rules:
        rule = active.rule
        if rule.scope != "brief":
            continue  # portfolio rules run once over every brief (campaignlint.portfolio)
        try:
            problems: list[Problem] = list(rule.check(brief, active.options))
        except Exception as error:  # a broken rule must not stop the others
            findings.append(_internal_error(rule, error, lang))
            continue
        for problem in problems:
            if not active.wants(problem):
                continue
            if not rule.reads_rejected and brief.hides(problem.pointer):
                continue  # about a value the schema rejected: the schema finding says it
            if getattr(brief, "roster_matches", None):
                from campaignlint.roster import with_roster_source

                problem = with_roster_source(problem, brief.roster_matches)
            severity = active.severity_of(problem)
            position = problem.position or brief.position(problem.pointer)
            related = _resolve_related(brief, problem.related)
            findings.append(render_problem(problem, rule.id, severity, position, lang, related))
    findings.sort(key=Finding.sort_key)
    return findings


def _resolve_related(brief: Any, places: Sequence[Related]) -> tuple[Related, ...]:
    """Line and column for the related places in this brief (other files come resolved)."""
    resolved = []
    for place in places:
        if place.path is None and not place.line:
            line, column, _end_line, _end_column = brief.position(place.pointer)
            place = Related(place.pointer, line, column)
        resolved.append(place)
    return tuple(resolved)


def lint_text(
    text: str,
    *,
    path: str | None = None,
    config: Config | None = None,
    lang: str | None = None,
    today: dt.date | None = None,
    keep_suppressed: bool = False,
) -> list[Finding]:
    """Lint one brief given as text. Raises :class:`InputError` when it is not a readable brief,
    :class:`ConfigError` for a bad configuration. Prints nothing. Suppressed findings (marked
    ``suppressed_by``) are left out unless ``keep_suppressed``."""
    from campaignlint.loader import load_text

    findings = _lint_document(load_text(text), text, path, config, lang, today)
    return [f for f in findings if keep_suppressed or f.suppressed_by is None]


def portfolio_findings(
    brief: Any,
    outcomes: Sequence[PortfolioOutcome],
    rules: Sequence[ActiveRule],
    lang: str = DEFAULT_LANGUAGE,
) -> list[Finding]:
    """Findings of the portfolio rules for one brief, with this file's severities; rules its
    config does not select are left out."""
    active = {active_rule.rule.id: active_rule for active_rule in rules}
    findings = []
    for rule_id, outcome in outcomes:
        active_rule = active.get(rule_id)
        if active_rule is None:
            continue
        rule = active_rule.rule
        if isinstance(outcome, str):
            findings.append(_internal_error(rule, outcome, lang))
            continue
        if not active_rule.wants(outcome):
            continue
        severity = active_rule.severity_of(outcome)
        position = outcome.position or brief.position(outcome.pointer)
        findings.append(render_problem(outcome, rule_id, severity, position, lang, outcome.related))
    return findings


def _lint_document(
    document: LoadedDocument,
    text: str,
    path: str | None,
    config: Config | None,
    lang: str | None,
    today: dt.date | None,
    portfolio: Sequence[PortfolioOutcome] = (),
) -> list[Finding]:
    """Every finding of a parsed brief, suppressed ones marked ``suppressed_by``."""
    from campaignlint.brief import Brief
    from campaignlint.clock import today as clock_today

    config = config or Config()
    if config.per_file:
        from campaignlint.suppress import effective_config

        config = effective_config(config, path)
    brief = Brief(document, path=path or "<string>", today=today or clock_today())
    if config.creators:
        from campaignlint.roster import apply_roster

        apply_roster(brief, config.creators)
    rules = active_rules(config)
    if not isinstance(document.data, dict):
        # A list or a lone value is not a brief: the schema says so once, and rules reading
        # sections of it would only restate that every section is missing.
        rules = [active for active in rules if active.rule.id == SCHEMA_RULE]
    lang = lang or config.lang or DEFAULT_LANGUAGE
    findings = run_rules(brief, rules, lang)
    if portfolio:
        findings.extend(portfolio_findings(brief, portfolio, rules, lang))
        findings.sort(key=Finding.sort_key)
    return apply_suppressions(findings, text, config, brief, rules, lang)


def apply_suppressions(
    findings: list[Finding],
    text: str,
    config: Config,
    brief: Any,
    rules: Sequence[ActiveRule] | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> list[Finding]:
    """Inline suppressions and per-file overrides (see campaignlint.suppress): marks suppressed
    findings with ``suppressed_by`` and adds ``unused-suppression`` findings."""
    if "campaignlint:" not in text and not config.per_file:
        return findings  # nothing to suppress: skip the module and the comment scan
    from campaignlint.suppress import apply

    rules = active_rules(config) if rules is None else rules
    known = {code for rule in rules_for(config).values() for code in rule.codes()}
    known.update(ENGINE_RULES)
    active = {active_rule.rule.id for active_rule in rules}
    return apply(findings, text, config, brief, known=known, active=active, lang=lang)


def read_brief(path: Path, max_size: int) -> str:
    from campaignlint.loader import decode

    try:
        size = path.stat().st_size
        if size > max_size:
            raise InputError(
                _(
                    "file is {size} bytes, over the {limit}-byte limit (max_file_size)",
                    size=size,
                    limit=max_size,
                )
            )
        return decode(path.read_bytes())
    except FileNotFoundError as error:
        raise InputError(_("no such file")) from error
    except IsADirectoryError as error:
        raise InputError(_("is a directory")) from error
    except OSError as error:
        raise InputError(
            _("cannot read: {reason}", reason=Plain(error.strerror or error))
        ) from error


def lint_file(
    path: str,
    config: Config,
    lang: str = DEFAULT_LANGUAGE,
    today: dt.date | None = None,
    text: str | None = None,
    keep_data: bool = False,
    portfolio: Sequence[PortfolioOutcome] = (),
) -> FileResult:
    """Lint one file, or ``text`` read elsewhere (standard input), into a result.
    ``keep_data`` keeps the parsed brief in ``result.data`` for the review reports;
    ``portfolio`` holds what the portfolio rules found in this brief."""
    result = FileResult(path=path)
    try:
        if text is None:
            text = read_brief(Path(path), config.max_file_size)
        elif len(text.encode("utf-8", "surrogatepass")) > config.max_file_size:
            raise InputError(
                _(
                    "input is over the {limit}-byte limit (max_file_size)",
                    limit=config.max_file_size,
                )
            )
        from campaignlint.loader import load_text

        document = load_text(text)  # parsed once, for the rules and, if asked, the reports
        findings = _lint_document(document, text, path, config, lang, today, portfolio)
        result.findings = [f for f in findings if f.suppressed_by is None]
        result.suppressed = [f for f in findings if f.suppressed_by is not None]
        if keep_data:
            result.data = document.data
    except InputError as error:
        result.error = error.describe(path, lang)
        result.error_line, result.error_column = error.line, error.column
    except RecursionError:
        nested = _("the brief is nested too deeply to check").render(lang)
        result.error = f"{path}: {nested}"
    result.internal_error = any(f.rule == INTERNAL_ERROR for f in result.findings)
    return result


# --- collecting files ----------------------------------------------------------------------


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def is_excluded(path: Path, patterns: Iterable[str], root: Path) -> bool:
    """True when ``path`` (or a folder it is in) matches an exclude glob, relative to ``root``."""
    import fnmatch

    relative = _relative(path, root)
    parts = relative.split("/")
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    for pattern in patterns:
        cleaned = pattern.strip().rstrip("/").removeprefix("./")
        if cleaned.endswith("/**"):
            cleaned = cleaned[:-3]
        for candidate in (*prefixes, path.name):
            if fnmatch.fnmatchcase(candidate, cleaned):
                return True
    return False


@dataclass
class Collected:
    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    empty_dirs: list[str] = field(default_factory=list)
    errors: list[tuple[str, Message]] = field(default_factory=list)  # (path, reason) of the walk


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def collect_files(
    paths: Sequence[str],
    explicit_config: Path | None = None,
    extra_exclude: Sequence[str] = (),
    force_exclude: bool = False,
    creators: Sequence[str] = (),
) -> Collected:
    """Expand directories into the briefs inside them (see :mod:`campaignlint.walk`),
    honouring ``exclude``; a file reached twice (named twice, or by another name) is kept once.
    Creator rosters (``creators:`` of the config, and ``creators``) are data, not briefs, and are
    skipped."""
    from campaignlint.walk import is_plainly_not_a_brief, walk

    collected = Collected()
    cwd = Path.cwd()
    seen: set[tuple[int, int]] = set()

    def first_time(path: Path) -> bool:
        identity = _identity(path)
        if identity is None:
            return True
        if identity in seen:
            return False
        seen.add(identity)
        return True

    def excluded(path: Path) -> bool:
        config = config_for(path, explicit_config)
        root = Path(config.root) if config.source else cwd
        return is_excluded(path, config.exclude, root) or is_excluded(path, extra_exclude, cwd)

    def roster(path: Path) -> bool:
        config = config_for(path, explicit_config)
        return bool(config.creators or creators) and _is_roster(path, config, creators)

    for raw in paths:
        if raw == STDIN:
            collected.files.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            walked = walk(path)
            found = [
                str(candidate)
                for candidate in walked.files
                if not excluded(candidate)
                and not roster(candidate)
                and not is_plainly_not_a_brief(candidate)
                and first_time(candidate)
            ]
            collected.errors.extend(walked.errors)
            if not found and not walked.errors:
                collected.empty_dirs.append(raw)
            collected.files.extend(found)
        elif path.exists():
            if force_exclude and (excluded(path) or roster(path)):
                continue  # pre-commit passes a changed roster by name: it is data
            if first_time(path):
                collected.files.append(raw)
        else:
            collected.missing.append(raw)
    return collected


def _is_roster(path: Path, config: Config, creators: Sequence[str]) -> bool:
    from campaignlint.roster import is_roster_file

    return is_roster_file(path, config.creators) or is_roster_file(path, creators)


# --- many files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    path: str
    config: Config
    lang: str
    today: dt.date | None
    keep_data: bool = False
    portfolio: tuple[PortfolioOutcome, ...] = ()


def _run_job(job: Job) -> FileResult:
    try:
        return lint_file(
            job.path,
            job.config,
            job.lang,
            job.today,
            keep_data=job.keep_data,
            portfolio=job.portfolio,
        )
    except CampaignlintError as error:
        return FileResult(path=job.path, error=f"{job.path}: {error.render(job.lang)}")
    except Exception as error:  # a bug must not take the other files down
        return _crashed(job.path, error)


def _crashed(path: str, error: BaseException | str) -> FileResult:
    """The result for a file whose check crashed (an exception, or its worker process died)."""
    detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    message = _("checking this file crashed ({detail}); please report it", detail=Plain(detail))
    return FileResult(path=path, error=f"{path}: {message.render()}", internal_error=True)


def _run_isolated(job: Job) -> FileResult:
    """Re-run one job in a process of its own, after its worker died with a whole chunk."""
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(_run_job, job).result()
    except Exception as error:  # BrokenProcessPool: this is the file that kills its worker
        return _crashed(job.path, f"worker process died: {type(error).__name__}")


def _run_chunk(jobs: list[Job]) -> list[FileResult]:
    return [_run_job(job) for job in jobs]


def resolve_jobs(jobs: int | str | None) -> int:
    if jobs in (None, 0, "auto"):
        return os.cpu_count() or 1
    return max(1, int(jobs))


def run_jobs(
    jobs: Sequence[Job],
    workers: int,
    progress: Callable[[int], None] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Lint ``jobs`` in order, in this process or a pool of ``workers`` processes. With
    ``on_result``, each result goes to it, in order, and is not kept (memory stays flat)."""
    results: list[FileResult] = []
    deliver = on_result or results.append
    if workers <= 1 or len(jobs) < 4:
        for job in jobs:
            deliver(_run_job(job))
            if progress:
                progress(1)
        return results
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(jobs) // (workers * 4)))
    chunks = [list(jobs[i : i + chunk]) for i in range(0, len(jobs), chunk)]
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(_loaded_rosters(),)
    )
    try:
        futures = [pool.submit(_run_chunk, jobs_chunk) for jobs_chunk in chunks]
        for jobs_chunk, future in zip(chunks, futures, strict=True):
            try:
                chunk_results = future.result()
            except Exception:  # the worker died (BrokenProcessPool) or could not send results
                chunk_results = [_run_isolated(job) for job in jobs_chunk]
            for result in chunk_results:
                deliver(result)
            if progress:
                progress(len(chunk_results))
    except BaseException:  # Ctrl-C: drop the queued work, stop the workers, no tracebacks
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    pool.shutdown()
    return results


def _loaded_rosters() -> dict[Any, Any]:
    """The creator rosters this process has read, handed to each worker once (not per brief)."""
    import sys

    roster = sys.modules.get("campaignlint.roster")
    return roster.loaded_rosters() if roster is not None else {}


def _init_worker(rosters: dict[Any, Any]) -> None:
    _ignore_interrupts()
    if rosters:
        from campaignlint.roster import adopt_rosters

        adopt_rosters(rosters)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no traceback per worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
    collected = collect_files([p for p in paths if p != STDIN])
    work = []
    for path in collected.files:
        file_config = config or config_for(Path(path))
        work.append(Job(path, file_config, lang or file_config.lang or DEFAULT_LANGUAGE, today))
    results = run_jobs(work, resolve_jobs(jobs))
    results.extend(
        FileResult(path=p, error=f"{p}: no such file or directory") for p in collected.missing
    )
    results.extend(
        FileResult(path=p, error=f"{p}: {reason.render(lang or DEFAULT_LANGUAGE)}")
        for p, reason in collected.errors
    )
    return results


_SEVERITIES = ("error", "warning", "info")


@dataclass
class Tally:
    """Running counts over file results, so a streamed run need not keep its findings."""

    fail_on: Severity
    files: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_SEVERITIES, 0))
    input_errors: int = 0
    internal_errors: int = 0
    failing: bool = False

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.input_errors += bool(result.error)
        self.internal_errors += result.internal_error
        for finding in result.findings:
            self.counts[finding.severity.value] += 1
            self.failing = self.failing or finding.severity >= self.fail_on

    def summary(self) -> dict[str, Any]:
        """Counts for the summary line and the JSON ``summary``; ``exit_code`` per the CLI
        contract."""
        broken = self.input_errors or self.internal_errors
        return {
            "files_checked": self.files,
            "findings": sum(self.counts.values()),
            "errors": self.counts["error"],
            "warnings": self.counts["warning"],
            "info": self.counts["info"],
            "input_errors": self.input_errors,
            "internal_errors": self.internal_errors,
            "fail_on": self.fail_on.value,
            "exit_code": 2 if broken else (1 if self.failing else 0),
        }


def summarize(results: Sequence[FileResult], fail_on: Severity) -> dict[str, Any]:
    """The summary of finished results (see :class:`Tally`)."""
    tally = Tally(fail_on)
    for result in results:
        tally.add(result)
    return tally.summary()


__all__ = ["FileResult", "lint_file", "lint_paths", "lint_text", "summarize"]
