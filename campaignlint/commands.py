"""What the CLI commands do, kept apart from click so they stay testable and lazily imported."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaignlint.config import Config, config_for
from campaignlint.errors import CampaignlintError, ConfigError
from campaignlint.i18n import (
    DEFAULT_LANGUAGE,
    Message,
    Plain,
    _,
    language_from_environment,
    severity_name,
    translate,
)

EXIT_USAGE = 2


@dataclass
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
    progress: Any = None
    stdin: Any = None  # a binary stream; sys.stdin.buffer by default
    stdout: Callable[[str], Any] = field(default=lambda text: sys.stdout.write(text))
    stderr: Callable[[str], Any] = field(default=lambda text: sys.stderr.write(text))


def parse_formats(values: Sequence[str]) -> list[tuple[str, str | None]]:
    """``["text", "sarif:out.sarif"]`` -> ``[("text", None), ("sarif", "out.sarif")]``."""
    from campaignlint.renderers import FORMATS

    outputs: list[tuple[str, str | None]] = []
    for value in values:
        name, _sep, path = value.partition(":")
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


def _apply_cli(config: Config, options: CheckOptions) -> Config:
    return config.with_overrides(
        select=options.select or None,
        ignore=config.ignore + options.ignore,
        fail_on=options.fail_on,
        rules_dirs=config.rules_dirs + tuple(str(Path(d).resolve()) for d in options.rules_dirs),
        lang=options.lang,
    )


def run_check(options: CheckOptions) -> int:
    """Run ``campaignlint check``; returns the exit code."""
    try:
        return _run_check(options)
    except CampaignlintError as error:
        lang = resolve_language(options.lang)
        options.stderr(f"campaignlint: {severity_name('error', lang)}: {error.render(lang)}\n")
        return EXIT_USAGE


def _run_check(options: CheckOptions) -> int:
    from campaignlint.engine import (
        STDIN,
        FileResult,
        Job,
        active_rules,
        collect_files,
        lint_file,
        resolve_jobs,
        rules_for,
        run_jobs,
        summarize,
    )
    from campaignlint.loader import decode
    from campaignlint.model import Severity
    from campaignlint.renderers import REPORT_FORMATS, Report

    outputs = parse_formats(options.formats)
    reports = any(name in REPORT_FORMATS for name, _target in outputs)
    # baselines key list items by identity (an influencer's handle), read from the brief
    keep_data = reports or options.baseline is not None or options.write_baseline is not None
    explicit = options.config_file
    if explicit is not None and not explicit.is_file():
        raise ConfigError(_("config file not found: {path}", path=Plain(explicit)))
    run_config = _apply_cli(config_for(Path.cwd() / "brief.yaml", explicit), options)
    lang = options.lang or run_config.lang or language_from_environment() or DEFAULT_LANGUAGE
    paths, unreachable = _reachable(options.paths, lang)
    collected = collect_files(paths, explicit, options.exclude, options.force_exclude)

    jobs: list[Job] = []
    applied: dict[int, Config] = {}  # one overridden config per discovered config file
    for path in collected.files:
        if path == STDIN:
            continue
        base = config_for(Path(path), explicit)
        config = applied.get(id(base))
        if config is None:
            config = applied[id(base)] = _apply_cli(base, options)
            active_rules(config)  # a bad config fails the run before any file is read
        jobs.append(Job(path, config, lang, None, keep_data=keep_data))

    active_rules(run_config)
    progress = options.progress
    if progress is not None:
        progress.total, progress.enabled = len(jobs), progress.enabled and len(jobs) > 1
        progress.lang = lang
    report = Report(
        results=[],
        rules=rules_for(run_config),
        fail_on=Severity(run_config.fail_on),
        lang=lang,
        color=options.color,
        quiet=options.quiet,
    )
    streamed = _TextStream(report, options) if _can_stream(outputs, options) else None
    try:
        results = run_jobs(
            jobs, resolve_jobs(options.jobs), progress, streamed.add if streamed else None
        )
    finally:
        if progress is not None:
            progress.close()
    deliver = streamed.add if streamed else results.append

    if STDIN in collected.files:
        name = options.stdin_filename or "<stdin>"
        stdin_config = _apply_cli(config_for(Path(name), explicit), options)
        stream = options.stdin or sys.stdin.buffer
        raw = stream.read(stdin_config.max_file_size + 1)
        try:
            text = decode(raw)
        except CampaignlintError as error:
            deliver(FileResult(path=name, error=f"{name}: {error.render(lang)}"))
        else:
            deliver(lint_file(name, stdin_config, lang, text=text, keep_data=keep_data))
    for result in unreachable:
        deliver(result)
    missing = _("no such file or directory").render(lang)
    for path in collected.missing:
        deliver(FileResult(path=path, error=f"{path}: {missing}"))
    if streamed is not None:
        return streamed.finish(collected.empty_dirs, options.strict)
    if options.fix or options.diff:
        results, changed = _fix(results, jobs, options, lang)
        if options.diff:
            return 1 if changed else (2 if any(result.error for result in results) else 0)
    results = _baseline(results, options, lang)
    for directory in collected.empty_dirs:
        empty = _("no briefs (*.yaml, *.yml) found in {directory}", directory=Plain(directory))
        options.stderr(f"campaignlint: {empty.render(lang)}\n")

    report.results = results
    report.summary = summarize(results, report.fail_on)
    if reports:
        from campaignlint.facts import facts_for

        report.briefs = {result.path: result.data for result in results if result.data is not None}
        report.facts = facts_for(report.briefs)
    _write_outputs(outputs, report, options)
    if collected.empty_dirs and options.strict and not results:
        return EXIT_USAGE
    return int(report.summary["exit_code"])


def _reachable(paths: Sequence[str], lang: str) -> tuple[list[str], list[Any]]:
    """``paths`` that can be looked at, and an error result for each one that cannot (a brief
    under a folder the user may not enter): that path's error, the others are still checked."""
    from campaignlint.engine import STDIN, FileResult

    kept, errors = [], []
    for path in paths:
        try:
            if path != STDIN:
                os.stat(path)
        except PermissionError as error:
            reason = _("cannot read: {reason}", reason=Plain(error.strerror or error))
            errors.append(FileResult(path=path, error=f"{path}: {reason.render(lang)}"))
            continue
        except OSError:
            pass  # missing and the like: reported as before
        kept.append(path)
    return kept, errors


def _can_stream(outputs: list[tuple[str, str | None]], options: CheckOptions) -> bool:
    """Text to standard output, with nothing that needs every result at the end: print each
    file as it is done and keep only the counts, so memory stays flat over any number of files.
    """
    needs_all = options.fix or options.diff or options.baseline or options.write_baseline
    return outputs == [("text", None)] and not needs_all


class _TextStream:
    """Writes each file's findings as soon as it is checked, then the summary line."""

    def __init__(self, report: Any, options: CheckOptions) -> None:
        from campaignlint.engine import Tally

        self.report, self.options = report, options
        self.tally = Tally(report.fail_on)
        self.wrote = False

    def add(self, result: Any) -> None:
        from campaignlint.renderers.text import render_result

        self.tally.add(result)
        lines = render_result(result, self.report)
        if lines:
            if self.options.progress is not None:
                self.options.progress.close()  # clear the progress line before printing
            self.options.stdout("\n".join(lines) + "\n")
            self.wrote = True

    def finish(self, empty_dirs: Sequence[str], strict: bool) -> int:
        from campaignlint.renderers.text import summary_line

        report = self.report
        report.summary = self.tally.summary()
        for directory in empty_dirs:
            empty = _("no briefs (*.yaml, *.yml) found in {directory}", directory=Plain(directory))
            self.options.stderr(f"campaignlint: {empty.render(report.lang)}\n")
        if not report.quiet:
            self.options.stdout(("\n" if self.wrote else "") + summary_line(report) + "\n")
        if empty_dirs and strict and not self.tally.files:
            return EXIT_USAGE
        return int(report.summary["exit_code"])


def _fix(
    results: list[Any], jobs: Sequence[Any], options: CheckOptions, lang: str
) -> tuple[list[Any], bool]:
    """``--fix``/``--diff``: apply safe edits (or print them); returns the re-linted results and
    whether anything changed."""
    from campaignlint.fix import fix_results, unified_diff

    configs = {job.path: job.config for job in jobs}
    fallback = _apply_cli(config_for(Path.cwd() / "brief.yaml", options.config_file), options)
    results, outcomes = fix_results(
        results, lambda path: configs.get(path, fallback), lang, write=options.fix
    )
    for outcome in outcomes:
        if outcome.skipped:
            options.stderr(f"campaignlint: {outcome.path}: not fixed: {outcome.skipped}\n")
        elif options.diff and outcome.changed:
            options.stdout(unified_diff(outcome))
    fixed = [outcome for outcome in outcomes if outcome.changed]
    if options.fix and fixed:
        applied = sum(outcome.applied for outcome in fixed)
        options.stderr(f"campaignlint: fixed {applied} problem(s) in {len(fixed)} file(s)\n")
    return results, bool(fixed)


def _baseline(results: list[Any], options: CheckOptions, lang: str) -> list[Any]:
    """``--write-baseline`` records the findings; ``--baseline`` hides the recorded ones."""
    if options.write_baseline is None and options.baseline is None:
        return results
    from campaignlint.baseline import apply_baseline, write_baseline

    if options.write_baseline is not None:
        count = write_baseline(results, options.write_baseline)
        options.stderr(f"campaignlint: recorded {count} finding(s) in {options.write_baseline}\n")
        return apply_baseline(results, options.write_baseline)
    if options.baseline is not None:
        return apply_baseline(results, options.baseline)
    return results


def _write_outputs(
    outputs: list[tuple[str, str | None]], report: Any, options: CheckOptions
) -> None:
    from dataclasses import replace

    from campaignlint.fs import atomic_write
    from campaignlint.renderers import render

    for name, target in outputs:
        if target is None:
            options.stdout(render(name, report))
        else:
            try:
                atomic_write(target, render(name, replace(report, color=False)))
            except OSError as error:
                reason = Plain(error.strerror or error)
                raise ConfigError(
                    _("cannot write {path}: {reason}", path=Plain(target), reason=reason)
                ) from error


def rules_listing(output_format: str, rules_dirs: Sequence[str], lang: str | None = None) -> str:
    from campaignlint.registry import discover_all

    lang = resolve_language(lang)
    rules = sorted(discover_all(rules_dirs).values(), key=lambda rule: rule.id)
    if output_format == "json":
        items = [
            {
                "id": r.id,
                "severity": r.severity.value,
                "area": r.area,
                "summary": translate(r.summary, lang),
                "origin": r.origin,
                "fixable": r.fixable,
            }
            for r in rules
        ]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    width = max((len(rule.id) for rule in rules), default=10)
    builtin = _("built-in").render(lang)
    lines = [
        f"{rule.id:<{width}}  {severity_name(rule.severity.value, lang):<7}"
        f"  {translate(rule.summary, lang)}"
        f"  [{builtin if rule.origin == 'built-in' else rule.origin}]"
        for rule in rules
    ]
    return "\n".join(lines) + "\n"


def explain_rule(rule_id: str, rules_dirs: Sequence[str], lang: str | None = None) -> str:
    import difflib

    from campaignlint.docs import rule_markdown
    from campaignlint.registry import discover_all

    rules = discover_all(rules_dirs)
    lang = resolve_language(lang)
    if rule_id not in rules:
        guess = difflib.get_close_matches(rule_id, list(rules), n=1)
        unknown = _("unknown rule '{rule}' (campaignlint rules lists them)", rule=Plain(rule_id))
        if guess:
            unknown = _(
                "unknown rule '{rule}'; did you mean '{guess}'? (campaignlint rules lists them)",
                rule=Plain(rule_id),
                guess=Plain(guess[0]),
            )
        raise SystemExit(_usage(unknown, lang))
    return rule_markdown(rules[rule_id], heading="#", lang=lang)


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


def _usage(message: Message, lang: str = DEFAULT_LANGUAGE) -> int:
    sys.stderr.write(f"campaignlint: {severity_name('error', lang)}: {message.render(lang)}\n")
    return EXIT_USAGE


def generate_docs(output: Path | None, check_only: bool, lang: str = DEFAULT_LANGUAGE) -> int:
    from campaignlint.docs import rules_markdown
    from campaignlint.registry import discover_all

    text = rules_markdown(discover_all(()).values(), lang)
    if output is None:
        sys.stdout.write(text)
        return 0
    if check_only:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            again = f"campaignlint docs --output {output}"
            if lang != DEFAULT_LANGUAGE:
                again = f"campaignlint docs --lang {lang} --output {output}"
            sys.stderr.write(f"{output} is stale: run {again}\n")
            return 1
        return 0
    from campaignlint.fs import atomic_write

    try:
        atomic_write(output, text)
    except OSError as error:
        reason = Plain(error.strerror or error)
        return _usage(_("cannot write {path}: {reason}", path=Plain(output), reason=reason), lang)
    return 0


CONFIG_FILE = ".campaignlint.yaml"


def init_project(
    directory: Path, brief: Path | None = None, force: bool = False, lang: str | None = None
) -> int:
    """``campaignlint init``: write a starter config in ``directory`` and, with ``brief``, a
    commented starter brief that passes every rule. Refuses to overwrite without ``force``."""
    from importlib.resources import files

    from campaignlint.fs import atomic_write

    lang = resolve_language(lang)
    starters = [(directory / CONFIG_FILE, "starter-config.yaml.j2")]
    if brief is not None:
        starters.append((brief, "starter-brief.yaml.j2"))
    existing = [path for path, _name in starters if path.exists()]
    if existing and not force:
        return _usage(
            _("{path} already exists; use --force to overwrite it", path=Plain(existing[0])), lang
        )
    for path, name in starters:
        text = (files("campaignlint.templates") / name).read_text(encoding="utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text)
        except OSError as error:
            reason = Plain(error.strerror or error)
            return _usage(_("cannot write {path}: {reason}", path=Plain(path), reason=reason), lang)
        shown = os.path.relpath(path) if path.is_absolute() else str(path)
        sys.stdout.write(_("wrote {path}", path=Plain(shown)).render(lang) + "\n")
    return 0
