"""The engine: load a brief once, run every selected rule on it, collect findings.

It knows no rule by name: rules come from :mod:`campaignlint.registry`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaignlint.config import ALL, Config, config_for, validate_rule_ids
from campaignlint.errors import CampaignlintError, ConfigError, InputError
from campaignlint.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from campaignlint.i18n import DEFAULT_LANGUAGE, Message, Plain, _
from campaignlint.model import Finding, Problem, Related, Severity, render_problem
from campaignlint.registry import discover_all
from campaignlint.rule import Rule

if TYPE_CHECKING:
    from campaignlint.loader import LoadedDocument
    from campaignlint.portfolio import PortfolioOutcome

INTERNAL_ERROR = "internal-error"
UNUSED_SUPPRESSION = "unused-suppression"
TOO_MANY_FINDINGS = "too-many-findings"
# ids the engine emits, not rule modules
ENGINE_RULES = (INTERNAL_ERROR, UNUSED_SUPPRESSION, TOO_MANY_FINDINGS)
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
    # what the portfolio rules read of this brief, only when asked (campaignlint.portfolio)
    portfolio_brief: Any = field(default=None, repr=False)

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


class _Unrendered(Finding):
    """A finding past the per-file limit: placed (for suppressions) and counted, never
    rendered, so 450,000 unknown keys cost no more than their count."""


def run_rules(
    brief: Any,
    rules: Sequence[ActiveRule],
    lang: str = DEFAULT_LANGUAGE,
    limit: int | None = None,
) -> list[Finding]:
    """Run each rule on ``brief``; a rule that raises becomes an ``internal-error`` finding.
    With ``limit``, a rule's problems past the first ``limit`` are only placed and counted."""
    findings: list[Finding] = []
    for active in rules:
        rule = active.rule
        if rule.scope != "brief":
            continue  # portfolio rules run once over every brief (campaignlint.portfolio)
        try:
            count = 0
            for problem in rule.check(brief, active.options):
                if not active.wants(problem):
                    continue
                if not rule.reads_rejected and brief.hides(problem.pointer):
                    continue  # about a value the schema rejected: the schema finding says it
                if getattr(brief, "roster_matches", None):
                    from campaignlint.roster import with_roster_source

                    problem = with_roster_source(problem, brief.roster_matches)
                severity = active.severity_of(problem)
                position = problem.position or brief.position(problem.pointer)
                if limit is not None and count >= limit:
                    findings.append(_unrendered(problem, rule.id, severity, position))
                else:
                    related = _resolve_related(brief, problem.related)
                    findings.append(
                        render_problem(problem, rule.id, severity, position, lang, related)
                    )
                count += 1
        except Exception as error:  # a broken rule must not stop the others
            findings = [f for f in findings if f.rule != rule.id]
            findings.append(_internal_error(rule, error, lang))
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


def _unrendered(problem: Problem, rule: str, severity: Severity, position: Any) -> Finding:
    line, column, end_line, end_column = position
    return _Unrendered(
        rule, severity, "", problem.pointer, line, column, end_line, end_column, edits=problem.edits
    )


def _limit_findings(
    findings: list[Finding], limit: int, lang: str, closing: bool = True
) -> list[Finding]:
    """At most ``limit`` unsuppressed findings, then one closing finding saying how many more
    there were (at the first one left out, as severe as the most severe one left out)."""
    shown: list[Finding] = []
    hidden: list[Finding] = []
    for finding in findings:
        if isinstance(finding, _Unrendered):
            if finding.suppressed_by is None:
                hidden.append(finding)
        elif finding.suppressed_by is None and len(shown) < limit:
            shown.append(finding)
        elif finding.suppressed_by is None:
            hidden.append(finding)
        else:
            shown.append(finding)  # suppressed: kept for the reports, never counted
    if not hidden or not closing:
        return shown
    first = min(hidden, key=Finding.sort_key)
    severity = max(finding.severity for finding in hidden)
    message = _(
        "{count} more finding(s) in this file are not shown: at most {limit} are reported per"
        " file (max_findings_per_file)",
        count=len(hidden),
        limit=limit,
    )
    fix = _("Fix the findings shown and check again, or raise max_findings_per_file.")
    position = (first.line, first.column, first.end_line, first.end_column)
    # the safe fixes of the findings left out still apply with --fix
    edits = tuple(edit for finding in hidden for edit in finding.edits)
    last = render_problem(
        Problem("", message, fix, edits=edits), TOO_MANY_FINDINGS, severity, position, lang
    )
    return [*shown, last]


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
    limit = config.max_findings_per_file
    findings = run_rules(brief, rules, lang, limit)
    if portfolio:
        findings.extend(portfolio_findings(brief, portfolio, rules, lang))
        findings.sort(key=Finding.sort_key)
    findings = apply_suppressions(findings, text, config, brief, rules, lang)
    return _limit_findings(findings, limit, lang, closing=TOO_MANY_FINDINGS not in config.ignore)


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
    """The text of a regular file of at most ``max_size`` bytes. A device (``/dev/zero``), a FIFO
    or a socket is refused without blocking, and never more than ``max_size`` bytes are read."""
    from campaignlint.loader import decode

    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as error:
        raise InputError(_("no such file")) from error
    except IsADirectoryError as error:
        raise InputError(_("is a directory")) from error
    except OSError as error:
        raise InputError(
            _("cannot read: {reason}", reason=Plain(error.strerror or error))
        ) from error
    with os.fdopen(descriptor, "rb") as stream:
        try:
            status = os.fstat(descriptor)
            if stat.S_ISDIR(status.st_mode):
                raise InputError(_("is a directory"))
            if not stat.S_ISREG(status.st_mode):
                raise InputError(
                    _("not a regular file (a device, pipe or socket); only files are checked")
                )
            raw = stream.read(max_size + 1)
        except OSError as error:
            raise InputError(
                _("cannot read: {reason}", reason=Plain(error.strerror or error))
            ) from error
    if len(raw) > max_size:
        size = max(status.st_size, len(raw))
        raise InputError(
            _(
                "file is {size} bytes, over the {limit}-byte limit (max_file_size)",
                size=size,
                limit=max_size,
            )
        )
    return decode(raw)


def lint_file(
    path: str,
    config: Config,
    lang: str = DEFAULT_LANGUAGE,
    today: dt.date | None = None,
    text: str | None = None,
    keep_data: bool = False,
    portfolio: Sequence[PortfolioOutcome] = (),
    record_portfolio: bool = False,
) -> FileResult:
    """Lint one file, or ``text`` read elsewhere (standard input), into a result.
    ``keep_data`` keeps the parsed brief in ``result.data`` for the review reports;
    ``portfolio`` holds what the portfolio rules found in this brief; ``record_portfolio``
    keeps what they read of it in ``result.portfolio_brief`` (read from the same parse)."""
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

        with _time_limit(config.time_limit):
            document = load_text(text)  # parsed once, for the rules and, if asked, reports
            if record_portfolio:
                from campaignlint.portfolio import brief_from_document

                result.portfolio_brief = brief_from_document(path, document, keep_data=False)
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
    except _TimeLimit:
        timed_out = _timed_out(path, config.time_limit, lang)
        timed_out.portfolio_brief = result.portfolio_brief
        return timed_out
    result.internal_error = any(f.rule == INTERNAL_ERROR for f in result.findings)
    return result


# --- collecting files ----------------------------------------------------------------------


def is_excluded(path: Path, patterns: Iterable[str], root: Path) -> bool:
    """True when ``path`` (or a folder it is in) matches an exclude glob, relative to ``root``
    (campaignlint.globs: .gitignore semantics)."""
    from campaignlint.globs import matches

    return matches(path, patterns, root)


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
            from campaignlint.walk import is_plainly_not_a_brief, walk  # folders only

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
    record_portfolio: bool = False


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
        return FileResult(path=job.path, error=f"{job.path}: {error.render(job.lang)}")
    except Exception as error:  # a bug must not take the other files down
        return _crashed(job.path, error)


def _crashed(path: str, error: BaseException | str) -> FileResult:
    """The result for a file whose check crashed (an exception, or its worker process died)."""
    detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    message = _("checking this file crashed ({detail}); please report it", detail=Plain(detail))
    return FileResult(path=path, error=f"{path}: {message.render()}", internal_error=True)


def _timed_out(path: str, limit: float, lang: str = DEFAULT_LANGUAGE) -> FileResult:
    message = _(
        "checking this file took longer than {limit} seconds (time_limit), so it was stopped;"
        " a rule may be stuck: please report it",
        limit=Plain(f"{limit:g}"),
    )
    return FileResult(path=path, error=f"{path}: {message.render(lang)}", internal_error=True)


class _TimeLimit(BaseException):
    """Raised in the checking code when a file's time is up; a BaseException, so that a rule's
    ``except Exception`` cannot swallow it."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_TimeLimit` after ``seconds`` of wall time, where a timer signal can be
    used (the main thread on a POSIX system); elsewhere, no limit."""
    import signal
    import threading

    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run_chunk(jobs: list[Job]) -> list[FileResult]:
    return [_run_job(job) for job in jobs]


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


GRACE_SECONDS = 5.0  # beyond a file's time limit, before its worker process is killed


class _Pool:
    """Worker processes that survive a worker's death: when one dies (or hangs past every
    limit), the pool is replaced, and only the chunks that were in flight are re-run, one file
    at a time in a single spare process, to find the file that kills it."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: Any = None
        self.spare: Any = None

    @staticmethod
    def _new(workers: int) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=workers, initializer=_worker_setup, initargs=(_loaded_rosters(),)
        )

    def run(self, chunks: Sequence[list[Job]]) -> Iterator[list[FileResult]]:
        """Each chunk's results, in order."""
        from collections import deque

        pending = deque(chunks)
        window: deque[tuple[list[Job], Any]] = deque()
        while pending or window:
            if self.pool is None:
                self.pool = self._new(self.workers)
            try:
                while pending and len(window) < 2 * self.workers:
                    window.append((pending[0], self.pool.submit(_run_chunk, pending[0])))
                    pending.popleft()
            except Exception:  # the pool broke while work was being handed to it
                pass  # the chunks in the window are re-run below, the rest stay pending
            if not window:  # a new pool broke at once: check the next chunk file by file
                _kill(self.pool)
                self.pool = None
                yield [self._isolated(job) for job in pending.popleft()]
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
                    yield [self._isolated(job) for job in suspect]

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
    chunk = max(1, min(64, len(jobs) // (workers * 4)))
    chunks = [list(jobs[i : i + chunk]) for i in range(0, len(jobs), chunk)]
    pool = _Pool(workers)
    try:
        for chunk_results in pool.run(chunks):
            for result in chunk_results:
                deliver(result)
            if progress:
                progress(len(chunk_results))
    except BaseException:  # Ctrl-C or SIGTERM: drop the queued work, stop the workers
        pool.close(stop=True)
        raise
    pool.close()
    return results


def _loaded_rosters() -> dict[Any, Any]:
    """The creator rosters this process has read, handed to each worker once (not per brief)."""
    import sys

    roster = sys.modules.get("campaignlint.roster")
    return roster.loaded_rosters() if roster is not None else {}


def _worker_setup(rosters: dict[Any, Any] | None = None) -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no traceback per worker),
    and die at once on SIGTERM, whatever handler they inherited. They adopt the creator
    rosters the main process read."""
    if rosters:
        from campaignlint.roster import adopt_rosters

        adopt_rosters(rosters)
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
        self.input_errors += bool(result.error) and not result.internal_error  # crashed: not input
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
            "exit_code": EXIT_USAGE if broken else (EXIT_FINDINGS if self.failing else EXIT_OK),
        }


def summarize(results: Sequence[FileResult], fail_on: Severity) -> dict[str, Any]:
    """The summary of finished results (see :class:`Tally`)."""
    tally = Tally(fail_on)
    for result in results:
        tally.add(result)
    return tally.summary()


__all__ = ["FileResult", "lint_file", "lint_paths", "lint_text", "summarize"]
