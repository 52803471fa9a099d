"""What the CLI commands do, kept apart from click so they stay testable and lazily imported."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from campaignlint.config import Config, config_for
from campaignlint.errors import CampaignlintError, ConfigError
from campaignlint.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from campaignlint.i18n import (
    DEFAULT_LANGUAGE,
    Message,
    Plain,
    _,
    language_from_environment,
    severity_name,
)


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
    creators: Sequence[str] = ()  # --creators: roster files or folders, relative to the cwd
    allow_config_code: bool = False  # load rules_dirs named by a discovered config
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


def _apply_cli(config: Config, options: CheckOptions) -> Config:
    if config.skipped_rules_dirs:
        _say_skipped(config, options)
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


_TOLD: set[str] = set()  # configs whose skipped rules_dirs were already mentioned


def _say_skipped(config: Config, options: CheckOptions) -> None:
    """One line per config whose rules folders were not loaded: what, and how to allow it."""
    source = config.source or "?"
    if source in _TOLD:
        return
    _TOLD.add(source)
    message = _(
        "{config}: rules_dirs not loaded ({dirs}): they run Python code; allow it with"
        " --allow-config-code or CAMPAIGNLINT_ALLOW_CONFIG_CODE=1",
        config=Plain(os.path.relpath(source) if os.path.isabs(source) else source),
        dirs=Plain(", ".join(config.skipped_rules_dirs)),
    )
    lang = options.lang or config.lang or language_from_environment() or DEFAULT_LANGUAGE
    options.stderr(f"campaignlint: {message.render(lang)}\n")


def run_check(options: CheckOptions) -> int:
    """Run ``campaignlint check``; returns the exit code."""
    try:
        return _run_check(options)
    except CampaignlintError as error:
        lang = resolve_language(options.lang)
        for line in error.render(lang).splitlines() or [""]:
            options.stderr(f"campaignlint: {severity_name('error', lang)}: {line}\n")
        return EXIT_USAGE


def _run_check(options: CheckOptions) -> int:
    _TOLD.clear()
    from campaignlint.engine import (
        STDIN,
        FileResult,
        Job,
        active_rules,
        collect_files,
        lint_file,
        resolve_jobs,
        rules_for,
        summarize,
    )
    from campaignlint.loader import decode
    from campaignlint.model import Severity
    from campaignlint.portfolio import run_with_portfolio
    from campaignlint.renderers import REPORT_FORMATS, Report

    outputs = parse_formats(options.formats)
    reports = any(name in REPORT_FORMATS for name, _target in outputs)
    # baselines key list items by identity (an influencer's handle), read from the brief
    keep_data = reports or options.baseline is not None or options.write_baseline is not None
    explicit = options.config_file
    if explicit is not None and not explicit.is_file():
        raise ConfigError(_("config file not found: {path}", path=Plain(explicit)))
    run_config = _apply_cli(
        config_for(Path.cwd() / "brief.yaml", explicit, options.allow_config_code), options
    )
    lang = options.lang or run_config.lang or language_from_environment() or DEFAULT_LANGUAGE
    paths, unreachable = _reachable(options.paths, lang)
    collected = collect_files(
        paths, explicit, options.exclude, options.force_exclude, _cli_creators(options)
    )

    jobs: list[Job] = []
    applied: dict[int, Config] = {}  # one overridden config per discovered config file
    for path in collected.files:
        if path == STDIN:
            continue
        base = config_for(Path(path), explicit, options.allow_config_code)
        config = applied.get(id(base))
        if config is None:
            config = applied[id(base)] = _apply_cli(base, options)
            active_rules(config)  # a bad config fails the run before any file is read
        jobs.append(Job(path, config, lang, None, keep_data=keep_data))

    active_rules(run_config)
    _load_rosters([run_config, *applied.values()])
    progress = options.progress
    if progress is not None:
        progress.start(len(jobs), lang)
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
        results = run_with_portfolio(
            jobs, resolve_jobs(options.jobs), progress, streamed.add if streamed else None
        )
    finally:
        if progress is not None:
            progress.close()
    deliver = streamed.add if streamed else results.append

    stdin: _StdinBrief | None = None
    if STDIN in collected.files:
        name = options.stdin_filename or "<stdin>"
        stdin_config = _apply_cli(
            config_for(Path(name), explicit, options.allow_config_code), options
        )
        stream = options.stdin or sys.stdin.buffer
        raw = stream.read(stdin_config.max_file_size + 1)
        try:
            text = decode(raw)
        except CampaignlintError as error:
            deliver(FileResult(path=name, error=f"{name}: {error.render(lang)}"))
        else:
            checked = lint_file(name, stdin_config, lang, text=text, keep_data=keep_data)
            stdin = _StdinBrief(name, text, stdin_config, checked)
            deliver(checked)
    for result in unreachable:
        deliver(result)
    missing = _("no such file or directory").render(lang)
    for path in collected.missing:
        deliver(FileResult(path=path, error=f"{path}: {missing}"))
    for path, reason in collected.errors:
        deliver(FileResult(path=path, error=f"{path}: {reason.render(lang)}"))
    if streamed is not None:
        return streamed.finish(collected.empty_dirs, options.strict)
    if options.fix or options.diff:
        on_disk = [result for result in results if stdin is None or result is not stdin.result]
        fixed, changed = _fix(on_disk, jobs, options, lang)
        if stdin is not None:
            stdin_result, stdin_changed = _fix_stdin(stdin, options, lang, keep_data)
            fixed.insert(results.index(stdin.result), stdin_result)
            changed = changed or stdin_changed
        if options.fix and STDIN in collected.files:
            # standard output is the fixed document (nothing if unreadable): report on stderr
            options = replace(options, stdout=options.stderr)
        results = fixed
        if options.diff:
            return 1 if changed else (2 if any(result.error for result in results) else 0)
    results = _baseline(results, options, lang)
    for directory in collected.empty_dirs:
        empty = _("no briefs (*.yaml, *.yml) found in {directory}", directory=Plain(directory))
        options.stderr(f"campaignlint: {empty.render(lang)}\n")

    report.results = results
    report.summary = summarize(results, report.fail_on)
    if collected.empty_dirs and options.strict and not results:
        report.summary["exit_code"] = EXIT_USAGE  # the JSON and the summary line say it too
    if reports:
        from campaignlint.facts import facts_for

        report.briefs = {result.path: result.data for result in results if result.data is not None}
        report.facts = facts_for(report.briefs)
        report.rule_options = {
            active.rule.id: active.options for active in active_rules(run_config)
        }
    _write_outputs(outputs, report, options)
    return int(report.summary["exit_code"])


def _load_rosters(configs: Sequence[Config]) -> None:
    """Read each creator roster once, before any brief: a broken roster stops the run (exit 2)
    with its problems, and the workers of --jobs get it read."""
    if not any(config.creators for config in configs):
        return
    from campaignlint.roster import load_roster

    for config in configs:
        if config.creators:
            load_roster(config.creators)


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
        if empty_dirs and strict and not self.tally.files:
            report.summary["exit_code"] = EXIT_USAGE  # said in the summary line too
        for directory in empty_dirs:
            empty = _("no briefs (*.yaml, *.yml) found in {directory}", directory=Plain(directory))
            self.options.stderr(f"campaignlint: {empty.render(report.lang)}\n")
        if not report.quiet:
            self.options.stdout(("\n" if self.wrote else "") + summary_line(report) + "\n")
        return int(report.summary["exit_code"])


@dataclass
class _StdinBrief:
    name: str
    text: str  # the exact text read: a fix is computed on it and on nothing else
    config: Config
    result: Any


def _fix_stdin(
    stdin: _StdinBrief, options: CheckOptions, lang: str, keep_data: bool
) -> tuple[Any, bool]:
    """``--fix``/``--diff`` of standard input (ruff's convention): the fixed document, or the
    diff against what was read, goes to standard output; no file on disk is read or written."""
    from campaignlint.engine import lint_file
    from campaignlint.fix import fix_source, unified_diff

    outcome = fix_source(stdin.text, stdin.name, stdin.config, lang, None)
    if outcome.skipped:
        options.stderr(f"campaignlint: {stdin.name}: not fixed: {outcome.skipped}\n")
    if options.diff:
        if outcome.changed:
            options.stdout(unified_diff(outcome))
    else:
        options.stdout(outcome.fixed)
        if outcome.changed:
            options.stderr(f"campaignlint: fixed {outcome.applied} problem(s) in {stdin.name}\n")
    text = outcome.fixed if options.fix else stdin.text
    result = lint_file(stdin.name, stdin.config, lang, text=text, keep_data=keep_data)
    return result, outcome.changed


def _fix(
    results: list[Any], jobs: Sequence[Any], options: CheckOptions, lang: str
) -> tuple[list[Any], bool]:
    """``--fix``/``--diff``: apply safe edits (or print them); returns the re-linted results and
    whether anything changed."""
    from campaignlint.fix import fix_results, unified_diff

    configs = {job.path: job.config for job in jobs}
    fallback = _apply_cli(
        config_for(Path.cwd() / "brief.yaml", options.config_file, options.allow_config_code),
        options,
    )
    results, outcomes = fix_results(
        results, lambda path: configs.get(path, fallback), lang, write=options.fix
    )
    for outcome in outcomes:
        if outcome.skipped:
            options.stderr(f"campaignlint: {outcome.path}: not fixed: {outcome.skipped}\n")
        elif options.diff and outcome.changed:
            options.stdout(unified_diff(outcome))
    fixed = [outcome for outcome in outcomes if outcome.changed and not outcome.error]
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


def _command_config(config_file: Path | None, rules_dirs: Sequence[str]) -> Config:
    """The config a ``check`` run from here would use (``--config``, else the one discovered
    from the current folder), with ``--rules-dir`` added: ``rules`` and ``explain`` then know
    a team's own rules and show the severities it configured."""
    if config_file is not None and not config_file.is_file():
        raise ConfigError(_("config file not found: {path}", path=Plain(config_file)))
    config = config_for(Path.cwd() / "brief.yaml", config_file)
    extra = tuple(str(Path(directory).resolve()) for directory in rules_dirs)
    return config.with_overrides(rules_dirs=config.rules_dirs + extra)


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
    from campaignlint.engine import rules_for

    lang = resolve_language(lang)
    config = _command_config(config_file, rules_dirs)
    rules = sorted(rules_for(config).values(), key=lambda rule: rule.id)
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
    from campaignlint.engine import ENGINE_RULES, rules_for

    lang = resolve_language(lang)
    config = _command_config(config_file, rules_dirs)
    if rule_id in ENGINE_RULES:
        return engine_rule_markdown(rule_id, lang)
    rules = rules_for(config)
    if rule_id not in rules:
        guess = difflib.get_close_matches(rule_id, [*rules, *ENGINE_RULES], n=1)
        unknown = _("unknown rule '{rule}' (campaignlint rules lists them)", rule=Plain(rule_id))
        if guess:
            unknown = _(
                "unknown rule '{rule}'; did you mean '{guess}'? (campaignlint rules lists them)",
                rule=Plain(rule_id),
                guess=Plain(guess[0]),
            )
        raise SystemExit(_usage(unknown, lang))
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


def _usage(message: Message, lang: str = DEFAULT_LANGUAGE) -> int:
    sys.stderr.write(f"campaignlint: {severity_name('error', lang)}: {message.render(lang)}\n")
    return EXIT_USAGE


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
        return _usage(_("cannot write {path}: {reason}", path=Plain(output), reason=reason), lang)
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
        sys.stdout.write(_("wrote {path}", path=Plain(_shown(path))).render(lang) + "\n")
    if brief is not None and all(path != config for path, _name in starters):
        kept = _("kept {path}: it exists already", path=Plain(_shown(config)))
        sys.stdout.write(kept.render(lang) + "\n")
    return EXIT_OK


def _shown(path: Path) -> str:
    return os.path.relpath(path) if path.is_absolute() else str(path)
