"""The engine: load a brief once, run every selected rule on it, collect findings.

It knows no rule by name: rules come from :mod:`campaignlint.registry`. One document in, one
:class:`FileResult` out; around it, ``check`` is three steps: :mod:`campaignlint.plan`
(resolve files, configs, rules and language once), :mod:`campaignlint.run` (hand each document
to :func:`lint_file`, in this process or a pool) and :mod:`campaignlint.report` (each output in
:mod:`campaignlint.renderers` writes the results as they come).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaignlint.config import ALL, Config, validate_rule_ids
from campaignlint.errors import ConfigError, InputError
from campaignlint.frozen import field, record
from campaignlint.i18n import DEFAULT_LANGUAGE, Message, Plain, _, plural
from campaignlint.model import (
    Finding,
    Problem,
    Related,
    Severity,
    render_problem,
    sentence_case,
)
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


@record(frozen=True)
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


class FileError(str):
    """Why a file could not be checked, as data: ``path``, ``line`` and ``column`` (when the
    reader knows them) and ``message`` in the run's language. Its text is the one line
    ``path:line:column: message`` that JSON, SARIF and JUnit print whole; the text and GitHub
    formats use the parts."""

    path: str
    message: str
    line: int | None
    column: int | None
    where: str  # ``path:line:column``, as far as known

    def __new__(
        cls,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        where: str | None = None,
    ) -> FileError:
        if where is None:
            where = path
            if line is not None:
                where += f":{line}" + (f":{column}" if column is not None else "")
        error = super().__new__(cls, f"{where}: {message}")
        error.path, error.message, error.line, error.column = path, message, line, column
        error.where = where
        return error

    @classmethod
    def of(cls, path: str, text: str) -> FileError:
        """The error of a result made with a plain string, ``where: message``."""
        if text.startswith(f"{path}: "):
            return cls(path, text[len(path) + 2 :])
        where, _sep, message = text.partition(": ")
        return cls(path, message, where=where)

    def cleaned(self, clean: Callable[[str], str]) -> FileError:
        """The same error with ``clean`` applied to its text."""
        return FileError(
            clean(self.path), clean(self.message), self.line, self.column, clean(self.where)
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (FileError, (self.path, self.message, self.line, self.column, self.where))


@record
class FileResult:
    """The outcome for one file: its findings, or the error that stopped it being read."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    internal_error: bool = False
    suppressed: list[Finding] = field(default_factory=list)  # with ``suppressed_by`` set
    data: Any = field(default=None, repr=False)  # the parsed brief, only when asked (reports)
    # what the portfolio rules read of this brief, only when asked (campaignlint.portfolio)
    portfolio_brief: Any = field(default=None, repr=False)
    # its comments or its config can suppress findings: findings added later need its text
    directives: bool = field(default=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.error is not None and not isinstance(self.error, FileError):
            self.error = FileError.of(self.path, self.error)

    @property
    def error_line(self) -> int | None:
        return self.error.line if self.error is not None else None

    @property
    def error_column(self) -> int | None:
        return self.error.column if self.error is not None else None

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
        active = _resolved_equal(config) or _resolve_rules(config, rules_for(config))
        if len(_RESOLVED) >= 256:
            _RESOLVED.clear()
        _RESOLVED[id(config)] = (config, active)
        return active
    return _resolve_rules(config, registry)


def _resolved_equal(config: Config) -> list[ActiveRule] | None:
    """The rules resolved for a config equal to ``config``, which takes its place in the cache.
    A ``--jobs`` worker unpickles a new copy of the run's config with each chunk of briefs:
    kept beside each copy, they were resolved again and held ~13 KB a chunk (3 MB a worker,
    256 chunks in, at 20,000 briefs)."""
    for key, (known, active) in _RESOLVED.items():
        if known == config:
            del _RESOLVED[key]
            return active
    return None


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


class _Pending(Finding):
    """A finding within a rule's first ``limit``, rendered only if it is shown (see
    :func:`_render_shown`): a 10,000-creator brief has a thousand such findings per rule,
    of which a thousand in all are shown."""

    problem: Problem
    source: Rule


def run_rules(
    brief: Any,
    rules: Sequence[ActiveRule],
    lang: str = DEFAULT_LANGUAGE,
    limit: int | None = None,
    *,
    lazy: bool = False,
) -> list[Finding]:
    """Run each rule on ``brief``; a rule that raises becomes an ``internal-error`` finding.
    With ``limit``, a rule's problems past the first ``limit`` are only placed and counted;
    with ``lazy``, the others are left to :func:`_render_shown` too."""
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
                elif lazy:
                    findings.append(_pending(problem, rule, severity, position))
                else:
                    related = _resolve_related(brief, problem.related)
                    findings.append(
                        render_problem(problem, rule.id, severity, position, lang, related)
                    )
                count += 1
        except Exception as error:  # a broken rule must not stop the others
            findings = [f for f in findings if f.rule != rule.id]
            findings.append(_internal_error(rule, error, lang))
    _sort_findings(findings)
    return findings


def _sort_findings(findings: list[Finding]) -> None:
    """Sort by :meth:`Finding.sort_key`, rendering the English message of a pending finding
    only where it decides the order: beside another of its rule at the same place."""
    findings.sort(key=_place_and_rule)
    if len(findings) < 2:
        return
    ordered: list[Finding] = []
    for _key, group in itertools.groupby(findings, key=_place_and_rule):
        same_place = list(group)
        if len(same_place) > 1:
            for finding in same_place:
                if isinstance(finding, _Pending) and not finding.message_en:
                    message = finding.problem.message
                    finding.message_en = sentence_case(message.render(), arguments=message.args)
            same_place.sort(key=Finding.sort_key)
        ordered.extend(same_place)
    findings[:] = ordered


def _place_and_rule(finding: Finding) -> tuple[int, int, str]:
    return (finding.line, finding.column, finding.rule)


def _pending(problem: Problem, rule: Rule, severity: Severity, position: Any) -> _Pending:
    line, column, end_line, end_column = position
    pending = _Pending(
        rule.id,
        severity,
        "",
        problem.pointer,
        line,
        column,
        end_line,
        end_column,
        edits=problem.edits,
        check=problem.check,
    )
    pending.problem, pending.source = problem, rule
    return pending


def _render_shown(findings: list[Finding], brief: Any, lang: str) -> list[Finding]:
    """``findings`` with each pending one rendered (a message that cannot be rendered is a bug
    of its rule: an ``internal-error`` finding in its place)."""
    rendered: list[Finding] = []
    for finding in findings:
        if isinstance(finding, _Pending):
            problem, source = finding.problem, finding.source
            position = (finding.line, finding.column, finding.end_line, finding.end_column)
            try:
                related = _resolve_related(brief, problem.related)
                finding = render_problem(
                    problem,
                    source.id,
                    finding.severity,
                    position,
                    lang,
                    related,
                    english=finding.message_en,  # set where _sort_findings needed it
                )
            except Exception as error:
                finding = _internal_error(source, error, lang)
        rendered.append(finding)
    return rendered


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
    message = plural(
        len(hidden),
        _(
            "1 more finding in this file is not shown: at most {limit} are reported per file"
            " (max_findings_per_file)",
            limit=limit,
        ),
        _(
            "{count} more findings in this file are not shown: at most {limit} are reported per"
            " file (max_findings_per_file)",
            count=len(hidden),
            limit=limit,
        ),
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


def with_portfolio_findings(
    result: FileResult, config: Config, lang: str, outcomes: Sequence[PortfolioOutcome]
) -> FileResult | None:
    """``result`` with the portfolio rules' findings added, as checking the brief again with
    them gives it; None where only that can tell: the brief's comments or config can suppress
    findings, a finding must be placed in the brief, or the per-file limit would be passed."""
    if result.error is not None or result.directives or result.suppressed:
        return None
    if any(not isinstance(problem, str) and problem.position is None for _id, problem in outcomes):
        return None
    added = portfolio_findings(None, outcomes, active_rules(config), lang)
    if not added:
        return result
    if len(result.findings) + len(added) > config.max_findings_per_file:
        return None
    findings = [*result.findings, *added]
    _sort_findings(findings)
    result.findings = findings
    result.internal_error = any(f.rule == INTERNAL_ERROR for f in findings)
    return result


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
    findings = run_rules(brief, rules, lang, limit, lazy=True)
    if portfolio:
        findings.extend(portfolio_findings(brief, portfolio, rules, lang))
        _sort_findings(findings)
    if _suppresses(text, config):  # suppressions read every finding's text
        findings = _render_shown(findings, brief, lang)
        findings = apply_suppressions(findings, text, config, brief, rules, lang)
    findings = _limit_findings(
        findings, limit, lang, closing=TOO_MANY_FINDINGS not in config.ignore
    )
    return _render_shown(findings, brief, lang)


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
    if not _suppresses(text, config):
        return findings  # nothing to suppress: skip the module and the comment scan
    from campaignlint.suppress import apply

    rules = active_rules(config) if rules is None else rules
    known = {code for rule in rules_for(config).values() for code in rule.codes()}
    known.update(ENGINE_RULES)
    active = {active_rule.rule.id for active_rule in rules}
    return apply(findings, text, config, brief, known=known, active=active, lang=lang)


def _suppresses(text: str, config: Config) -> bool:
    """True when the brief's comments or the config may suppress findings."""
    return "campaignlint:" in text or bool(config.per_file)


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
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise InputError(_("is a directory"))
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                _("not a regular file (a device, pipe or socket); only files are checked")
            )
        raw = _read_at_most(descriptor, min(status.st_size, max_size) + 1, max_size + 1)
    except OSError as error:
        raise InputError(
            _("cannot read: {reason}", reason=Plain(error.strerror or error))
        ) from error
    finally:
        os.close(descriptor)
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


def _read_at_most(descriptor: int, expected: int, most: int) -> bytes:
    """Up to ``most`` bytes of the file, asking first for the ``expected`` (the size it had):
    a read of ``most`` (max_file_size, megabytes) would allocate that much for each brief.
    Read straight from the descriptor: a file object costs three more system calls."""
    first = os.read(descriptor, expected)
    if len(first) < expected or expected >= most:  # the whole file (a short read is its end)
        return first
    parts, got = [first], expected
    while got < most:  # the file grew since its size was read: read on, to the limit
        part = os.read(descriptor, min(most - got, 1 << 20))
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


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

        with _Deadline(config.time_limit):
            document = load_text(text)  # parsed once, for the rules and, if asked, reports
            if record_portfolio:
                from campaignlint.portfolio import brief_from_document

                result.portfolio_brief = brief_from_document(path, document, keep_data=False)
            findings = _lint_document(document, text, path, config, lang, today, portfolio)
        result.findings = [f for f in findings if f.suppressed_by is None]
        result.suppressed = [f for f in findings if f.suppressed_by is not None]
        result.directives = _suppresses(text, config)
        if keep_data:
            result.data = document.data
    except InputError as error:
        result.error = FileError(path, error.render(lang), error.line, error.column)
    except RecursionError:
        nested = _("the brief is nested too deeply to check").render(lang)
        result.error = FileError(path, nested)
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


def _timed_out(path: str, limit: float, lang: str = DEFAULT_LANGUAGE) -> FileResult:
    message = _(
        "checking this file took longer than {limit} seconds (time_limit), so it was stopped;"
        " a rule may be stuck: please report it",
        limit=Plain(f"{limit:g}"),
    )
    return FileResult(path, error=FileError(path, message.render(lang)), internal_error=True)


class _TimeLimit(BaseException):
    """Raised in the checking code when a file's time is up; a BaseException, so that a rule's
    ``except Exception`` cannot swallow it."""


class _Deadline:
    """Raise :class:`_TimeLimit` after ``seconds`` of wall time, where a timer signal can be
    used (the main thread on a POSIX system); elsewhere, no limit. It goes straight to the C
    ``_signal`` module: ``signal.signal`` tries to turn each handler into an enum member (an
    exception each time), and the handler is set and reset for every brief."""

    __slots__ = ("previous", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.previous: Any = None

    def __enter__(self) -> None:
        import _signal  # type: ignore[import-not-found]

        if not hasattr(_signal, "setitimer") or self.seconds <= 0:
            return
        try:
            self.previous = _signal.signal(_signal.SIGALRM, _expire)
        except ValueError:  # not the main thread (asking threading imports it: ~3M instructions)
            return
        _signal.setitimer(_signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *_exc: object) -> None:
        if self.previous is not None:
            import _signal

            _signal.setitimer(_signal.ITIMER_REAL, 0)
            _signal.signal(_signal.SIGALRM, self.previous)


def _expire(_signum: int, _frame: Any) -> None:
    raise _TimeLimit


# Moved to the module of their step; still importable from here.
_MOVED = {
    "Collected": "campaignlint.plan",
    "collect_files": "campaignlint.plan",
    "Job": "campaignlint.plan",
    "run_jobs": "campaignlint.run",
    "resolve_jobs": "campaignlint.run",
    "lint_paths": "campaignlint.run",
    "Tally": "campaignlint.report",
    "summarize": "campaignlint.report",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FileError", "FileResult", "lint_file", "lint_text"]
