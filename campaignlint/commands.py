"""What the CLI commands do, kept apart from click so they stay testable and lazily imported."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaignlint.config import Config, config_for
from campaignlint.errors import CampaignlintError, ConfigError, UsageError, error_lines
from campaignlint.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from campaignlint.frozen import field, record, replace
from campaignlint.i18n import (
    DEFAULT_LANGUAGE,
    Plain,
    _,
    language_from_environment,
    plural,
)

if TYPE_CHECKING:
    from campaignlint.plan import Plan, StdinInput


@record
class CheckOptions:
    paths: Sequence[str]
    formats: Sequence[str] = ("text",)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    config_file: Path | None = None
    rules_dirs: Sequence[str] = ()
    color: bool = False
    quiet: bool = False
    stdin_filename: str | None = None
    jobs: str = "1"
    lang: str | None = None
    exclude: Sequence[str] = ()
    force_exclude: bool = False
    strict: bool = False
    fix: bool = False  # apply the safe fixes rules attach to findings
    diff: bool = False  # print the fixes as a unified diff, write nothing
    baseline: Path | None = None  # report only findings not recorded in this file
    write_baseline: Path | None = None  # record this run's findings in this file
    creators: Sequence[str] = ()  # --creators: roster files or folders, relative to the cwd
    allow_config_code: bool = False  # load rules_dirs named by a discovered config
    progress: Any = None
    stdin: Any = None  # a binary stream; sys.stdin.buffer by default
    stdout: Callable[[str], Any] = field(default=lambda text: sys.stdout.write(text))
    stderr: Callable[[str], Any] = field(default=lambda text: sys.stderr.write(text))


def run_check(options: CheckOptions) -> int:
    """Run ``campaignlint check``; returns the exit code. Plan, run, report: the plan resolves
    everything once (:mod:`campaignlint.plan`), the run yields one result per document
    (:mod:`campaignlint.run`), and each output writes them as they come
    (:mod:`campaignlint.report`). A campaignlint error is its message on ``options.stderr``
    and exit 2, as the command line prints it (:func:`campaignlint.errors.error_lines`)."""
    try:
        return _run_check(options)
    except CampaignlintError as error:
        options.stderr(error_lines(error, resolve_language(options.lang)))
        return EXIT_USAGE


def _run_check(options: CheckOptions) -> int:
    from campaignlint.plan import build_plan
    from campaignlint.run import run

    plan = build_plan(options, say=options.stderr)
    report = _report(plan, options)
    results = run(plan, options.progress)
    try:
        if not _needs_every_result(plan, options):
            return _publish(plan, report, results, options)
        finished = list(results)
    finally:
        results.close()  # a run that stopped (Ctrl-C, an output it cannot write) stops its workers
    return _finish(plan, report, finished, options)


def _report(plan: Plan, options: CheckOptions) -> Any:
    from campaignlint.model import Severity
    from campaignlint.renderers import REPORT_FORMATS, Report

    report = Report(
        results=[],
        rules=plan.rules,
        fail_on=Severity(plan.config.fail_on),
        lang=plan.lang,
        color=options.color,
        quiet=options.quiet,
    )
    if any(name in REPORT_FORMATS for name, _target in plan.outputs):
        from campaignlint.engine import active_rules

        report.rule_options = {
            active.rule.id: active.options for active in active_rules(plan.config)
        }
    return report


def _needs_every_result(plan: Plan, options: CheckOptions) -> bool:
    """Fixes and baselines work on the whole run; every output is written file by file (the
    review reports keep each file's part of the review, not its result)."""
    return bool(options.fix or options.diff or options.baseline or options.write_baseline)


def _publish(
    plan: Plan,
    report: Any,
    results: Iterable[Any],
    options: CheckOptions,
    notes_first: bool = False,
) -> int:
    from campaignlint.report import publish

    progress = options.progress

    def stdout(text: str) -> None:
        if progress is not None:
            progress.close()  # clear the progress line before printing
        options.stdout(text)

    return publish(
        plan.outputs,
        report,
        results,
        stdout,
        options.stderr,
        plan.empty_dirs,
        options.strict,
        notes_first,
    )


def _finish(plan: Plan, report: Any, results: list[Any], options: CheckOptions) -> int:
    """Fixes, then the baseline, then the outputs, over the results of the whole run."""
    lang = plan.lang
    stdin = plan.stdin if plan.stdin is not None and plan.stdin.result is not None else None
    if options.fix or options.diff:
        on_disk = [result for result in results if stdin is None or result is not stdin.result]
        fixed, changed = _fix(on_disk, plan, options)
        if stdin is not None:
            stdin_result, stdin_changed = _fix_stdin(stdin, options, lang, plan.keep_data)
            fixed.insert(results.index(stdin.result), stdin_result)
            changed = changed or stdin_changed
        if options.fix and plan.stdin is not None:
            # standard output is the fixed document (nothing if unreadable): report on stderr
            options = replace(options, stdout=options.stderr)
        results = fixed
        if options.diff:
            if changed:
                return EXIT_FINDINGS
            return EXIT_USAGE if any(result.error for result in results) else EXIT_OK
    results = _baseline(results, options, lang)
    return _publish(plan, report, results, options, notes_first=True)


def _fix_stdin(
    stdin: StdinInput, options: CheckOptions, lang: str, keep_data: bool
) -> tuple[Any, bool]:
    """``--fix``/``--diff`` of standard input (ruff's convention): the fixed document, or the
    diff against what was read, goes to standard output; no file on disk is read or written."""
    from campaignlint.engine import lint_file
    from campaignlint.fix import fix_source, unified_diff

    assert stdin.text is not None  # read by the run
    outcome = fix_source(stdin.text, stdin.name, stdin.config, lang, None)
    if outcome.skipped:
        options.stderr(_not_fixed(stdin.name, outcome.skipped, lang))
    if options.diff:
        if outcome.changed:
            options.stdout(unified_diff(outcome))
    else:
        options.stdout(outcome.fixed)
        if outcome.changed:
            options.stderr(_fixed_summary(outcome.applied, stdin.name, 1, lang))
    text = outcome.fixed if options.fix else stdin.text
    result = lint_file(stdin.name, stdin.config, lang, text=text, keep_data=keep_data)
    return result, outcome.changed


def _fix(results: list[Any], plan: Plan, options: CheckOptions) -> tuple[list[Any], bool]:
    """``--fix``/``--diff``: apply safe edits (or print them); returns the re-linted results and
    whether anything changed."""
    from campaignlint.fix import fix_results, unified_diff

    configs = {job.path: job.config for job in plan.jobs}
    results, outcomes = fix_results(
        results, lambda path: configs.get(path, plan.config), plan.lang, write=options.fix
    )
    for outcome in outcomes:
        if outcome.skipped:
            options.stderr(_not_fixed(outcome.path, outcome.skipped, plan.lang))
        elif options.diff and outcome.changed:
            options.stdout(unified_diff(outcome))
    fixed = [outcome for outcome in outcomes if outcome.changed and not outcome.error]
    if options.fix and fixed:
        applied = sum(outcome.applied for outcome in fixed)
        options.stderr(_fixed_summary(applied, fixed[0].path, len(fixed), plan.lang))
    return results, bool(fixed)


def _not_fixed(path: str, reason: str, lang: str) -> str:
    line = _("{path}: not fixed: {reason}", path=Plain(path), reason=Plain(reason))
    return f"campaignlint: {line.render(lang)}\n"


def _fixed_summary(applied: int, path: str, files: int, lang: str) -> str:
    """The ``--fix`` tally, in the reader's language: the file is named when there is one."""
    if files > 1:
        line = _("fixed {count} problems in {files} files", count=applied, files=files)
    else:
        line = plural(
            applied,
            _("fixed 1 problem in {path}", path=Plain(path)),
            _("fixed {count} problems in {path}", count=applied, path=Plain(path)),
        )
    return f"campaignlint: {line.render(lang)}\n"


def _baseline(results: list[Any], options: CheckOptions, lang: str) -> list[Any]:
    """``--write-baseline`` records the findings; ``--baseline`` hides the recorded ones."""
    if options.write_baseline is None and options.baseline is None:
        return results
    from campaignlint.baseline import apply_baseline, write_baseline

    if options.write_baseline is not None:
        count = write_baseline(results, options.write_baseline)
        path = Plain(str(options.write_baseline))
        recorded = plural(
            count,
            _("recorded 1 finding in {path}", path=path),
            _("recorded {count} findings in {path}", count=count, path=path),
        )
        options.stderr(f"campaignlint: {recorded.render(lang)}\n")
        return apply_baseline(results, options.write_baseline)
    if options.baseline is not None:
        return apply_baseline(results, options.baseline)
    return results


def configured_severity(config: Config, rule_id: str) -> str | None:
    """The severity ``config`` sets for ``rule_id`` under ``rules:``, if any."""
    severity = (config.rules.get(rule_id) or {}).get("severity")
    return str(severity) if severity else None


def rules_listing(
    output_format: str,
    rules_dirs: Sequence[str],
    lang: str | None = None,
    config_file: Path | None = None,
) -> str:
    from campaignlint.docs import rules_listing as rules_listing_text
    from campaignlint.plan import command_plan

    plan = command_plan(config_file, rules_dirs, lang)
    config, lang = plan.config, plan.lang
    rules = sorted(plan.rules.values(), key=lambda rule: rule.id)
    severities = {rule.id: configured_severity(config, rule.id) for rule in rules}
    return rules_listing_text(rules, severities, output_format, lang)


def explain_rule(
    rule_id: str,
    rules_dirs: Sequence[str],
    lang: str | None = None,
    config_file: Path | None = None,
) -> str:
    import difflib

    from campaignlint.docs import engine_rule_markdown, rule_markdown
    from campaignlint.engine import ENGINE_RULES
    from campaignlint.plan import command_plan

    plan = command_plan(config_file, rules_dirs, lang)
    config, lang = plan.config, plan.lang
    if rule_id in ENGINE_RULES:
        return engine_rule_markdown(rule_id, lang)
    rules = plan.rules
    if rule_id not in rules:
        guess = difflib.get_close_matches(rule_id, [*rules, *ENGINE_RULES], n=1)
        unknown = _("unknown rule '{rule}' (campaignlint rules lists them)", rule=Plain(rule_id))
        if guess:
            unknown = _(
                "unknown rule '{rule}'; did you mean '{guess}'? (campaignlint rules lists them)",
                rule=Plain(rule_id),
                guess=Plain(guess[0]),
            )
        raise UsageError(unknown)
    configured = configured_severity(config, rule_id)
    return rule_markdown(rules[rule_id], heading="#", lang=lang, configured=configured)


def resolve_language(lang: str | None) -> str:
    """``--lang``, else the config's ``lang:`` (found from the current folder), else the locale,
    else English."""
    if lang:
        return lang
    try:
        configured = config_for(Path.cwd() / "brief.yaml", None).lang
    except CampaignlintError:
        configured = None
    return configured or language_from_environment() or DEFAULT_LANGUAGE


def generate_docs(
    output: Path | None,
    check_only: bool,
    lang: str = DEFAULT_LANGUAGE,
    brief_format: bool = False,
) -> int:
    """``campaignlint docs``: the rules reference, or with ``brief_format`` the brief-format
    reference (English: it comes from the schema's descriptions)."""
    from campaignlint.docs import rules_markdown
    from campaignlint.registry import builtin_rules

    if brief_format:
        from campaignlint.brief_format import brief_format_markdown

        text = brief_format_markdown()
    else:
        text = rules_markdown(builtin_rules().values(), lang)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    if check_only:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            again = f"campaignlint docs --output {output}"
            if brief_format:
                again = f"campaignlint docs --brief-format --output {output}"
            elif lang != DEFAULT_LANGUAGE:
                again = f"campaignlint docs --lang {lang} --output {output}"
            sys.stderr.write(f"{output} is stale: run {again}\n")
            return EXIT_FINDINGS
        return EXIT_OK
    from campaignlint.fs import atomic_write

    try:
        atomic_write(output, text)
    except OSError as error:
        reason = Plain(error.strerror or error)
        raise ConfigError(
            _("cannot write {path}: {reason}", path=Plain(output), reason=reason)
        ) from error
    return EXIT_OK


CONFIG_FILE = ".campaignlint.yaml"


def init_project(
    directory: Path, brief: Path | None = None, force: bool = False, lang: str | None = None
) -> int:
    """``campaignlint init``: write a starter config in ``directory`` and, with ``brief``, a
    commented starter brief that passes every rule. ``force`` overwrites the file asked for:
    the config without ``brief``, the brief with it. Writing a brief never touches a config
    that exists: it is the user's."""
    from importlib.resources import files

    from campaignlint.fs import atomic_write

    lang = resolve_language(lang)
    config = directory / CONFIG_FILE
    starters: list[tuple[Path, str]] = []
    if brief is None or not config.exists():
        starters.append((config, "starter-config.yaml.j2"))
    if brief is not None:
        starters.append((brief, "starter-brief.yaml.j2"))
    existing = [path for path, _name in starters if path.exists()]
    if existing and not force:
        raise UsageError(
            _("{path} already exists; use --force to overwrite it", path=Plain(existing[0]))
        )
    for path, name in starters:
        text = (files("campaignlint.templates") / name).read_text(encoding="utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text)
        except OSError as error:
            reason = Plain(error.strerror or error)
            raise ConfigError(
                _("cannot write {path}: {reason}", path=Plain(path), reason=reason)
            ) from error
        sys.stdout.write(_("wrote {path}", path=Plain(_shown(path))).render(lang) + "\n")
    if brief is not None and all(path != config for path, _name in starters):
        kept = _("kept {path}: it exists already", path=Plain(_shown(config)))
        sys.stdout.write(kept.render(lang) + "\n")
    return EXIT_OK


def _shown(path: Path) -> str:
    return os.path.relpath(path) if path.is_absolute() else str(path)
