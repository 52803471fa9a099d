"""The ``campaignlint`` command line."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from campaignlint import __version__
from campaignlint.cli_help import TranslatedGroup
from campaignlint.exit_codes import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    exit_for_signal,
)
from campaignlint.i18n import _


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _show_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


class _Progress:
    """``checking 120/2000 briefs`` on a terminal's stderr once a run has taken more than a
    moment (``DELAY`` seconds) over several files; nothing when piped or in CI."""

    DELAY = 0.3

    def __init__(self, allowed: bool) -> None:
        self.allowed, self.enabled, self.shown = allowed, False, False
        self.total, self.done, self.lang = 0, 0, "en"
        self.started = time.monotonic()

    def start(self, total: int, lang: str) -> None:
        self.total, self.done, self.lang = total, 0, lang
        self.enabled = self.allowed and total > 1

    def __call__(self, count: int) -> None:
        self.done += count
        if self.enabled and time.monotonic() - self.started >= self.DELAY:
            from campaignlint.i18n import Plain, _

            line = _(
                "checking {done}/{total} briefs", done=Plain(self.done), total=Plain(self.total)
            )
            sys.stderr.write("\r" + line.render(self.lang) + "\x1b[K")
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False


_CONFIG_HELP = "Use this config file instead of discovering one."
_RULES_DIR_HELP = "Also load rules from this directory. Repeatable."


def _config_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--config`` and ``--rules-dir``: every command that resolves rules takes them alike."""
    command = click.option(
        "--rules-dir",
        multiple=True,
        type=click.Path(file_okay=False, path_type=str),
        help=_RULES_DIR_HELP,
    )(command)
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help=_CONFIG_HELP,
    )(command)


class _Main(TranslatedGroup):
    """The command line's one error boundary: a campaignlint error (a bad config or option, an
    unknown rule, a file that cannot be written) leaves any command as its message on standard
    error and exit 2, never as a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from campaignlint.errors import CampaignlintError

        try:
            return super().invoke(ctx)
        except CampaignlintError as error:
            from campaignlint.cli_help import help_language
            from campaignlint.errors import error_lines

            click.echo(error_lines(error, help_language(ctx)), err=True, nl=False)
            sys.exit(EXIT_USAGE)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="campaignlint")
def main() -> None:
    """Lint TikTok influencer-marketing campaign briefs (YAML)."""


@main.command()
# readable=False: an unreadable file is that file's error (the others are still checked), not a
# usage error that stops the run
@click.argument("paths", nargs=-1, type=click.Path(path_type=str, readable=False))
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="NAME[:PATH]",
    help=(
        "Output format: text, json, sarif, github, gitlab, junit, markdown, html (client"
        " reviews), markdown-reviewer or html-reviewer; NAME:PATH writes to a file. Repeatable."
    ),
)
@click.option(
    "--select", multiple=True, metavar="RULES", help="Only these rules (comma-separated)."
)
@click.option(
    "--ignore", multiple=True, metavar="RULES", help="Skip these rules (comma-separated)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that fails the run (default: warning).",
)
@_config_options
@click.option(
    "--allow-config-code",
    is_flag=True,
    help="Load the rules_dirs of a discovered config: their Python runs (see README, Security).",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the output (default: on a terminal)."
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option(
    "--stdin-filename",
    help="Read the brief from standard input and report it under this name (and find its config).",
)
@click.option("--jobs", "-j", default="1", metavar="N|auto", help="Check files in N processes.")
@click.option("--lang", type=click.Choice(["en", "tr"]), help="Language of messages and reports.")
@click.option("--exclude", multiple=True, help="Extra glob patterns to skip when walking folders.")
@click.option(
    "--force-exclude", is_flag=True, help="Apply exclude patterns to files named explicitly too."
)
@click.option("--strict", is_flag=True, help="A folder with no briefs is an error (exit 2).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what remains.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a diff; write nothing.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings in this baseline file.",
)
@click.option(
    "--creators",
    multiple=True,
    type=click.Path(path_type=str),
    metavar="PATH",
    help="Creator roster (YAML, CSV, or a folder of them) to complete the briefs' influencers."
    " Repeatable; adds to the config's creators:.",
)
def check(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_file: Path | None,
    rules_dir: tuple[str, ...],
    allow_config_code: bool,
    color: bool | None,
    quiet: bool,
    stdin_filename: str | None,
    jobs: str,
    lang: str | None,
    exclude: tuple[str, ...],
    force_exclude: bool,
    strict: bool,
    exit_zero: bool,
    fix: bool,
    diff: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    creators: tuple[str, ...],
) -> None:
    """Check briefs (files, folders, or - for standard input)."""
    from campaignlint.commands import CheckOptions, run_check
    from campaignlint.errors import UsageError

    if stdin_filename is not None and paths and "-" not in paths:
        raise UsageError(
            _(
                "--stdin-filename names the brief read from standard input: add '-' to the"
                " paths (or give no paths)"
            )
        )
    if select and not _split(select):
        raise UsageError(_("--select needs at least one rule id (ALL selects every rule)"))
    if stdin_filename is not None and not paths:
        paths = ("-",)
    options = CheckOptions(
        paths=paths or (".",),
        formats=formats or ("text",),
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on,
        config_file=config_file,
        rules_dirs=rules_dir,
        allow_config_code=allow_config_code,
        color=_use_color(color),
        quiet=quiet,
        stdin_filename=stdin_filename,
        jobs=jobs,
        lang=lang,
        exclude=exclude,
        force_exclude=force_exclude,
        strict=strict,
        fix=fix,
        diff=diff,
        baseline=baseline,
        write_baseline=write_baseline,
        creators=creators,
        progress=_Progress(_show_progress()),
    )
    code = run_check(options)
    sys.exit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)


@main.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"], case_sensitive=False),
    default="text",
    help="Output format: text or json.",
)
@_config_options
@click.option("--lang", type=click.Choice(["en", "tr"]), help="Language of the summaries.")
def list_rules(
    output_format: str, config_file: Path | None, rules_dir: tuple[str, ...], lang: str | None
) -> None:
    """List every available rule."""
    from campaignlint.commands import rules_listing

    click.echo(rules_listing(output_format.lower(), rules_dir, lang, config_file), nl=False)


@main.command()
@click.argument("rule_id")
@_config_options
@click.option("--lang", type=click.Choice(["en", "tr"]), help="Language of the documentation.")
def explain(
    rule_id: str, config_file: Path | None, rules_dir: tuple[str, ...], lang: str | None
) -> None:
    """Show a rule's documentation: what, why, example, fix, options."""
    from campaignlint.commands import explain_rule

    click.echo(explain_rule(rule_id, rules_dir, lang, config_file), nl=False)


@main.command()
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option("--check", "check_only", is_flag=True, help="Exit 1 if --output is not up to date.")
@click.option(
    "--lang", type=click.Choice(["en", "tr"]), default="en", help="Language of the reference."
)
@click.option(
    "--brief-format",
    is_flag=True,
    help="Generate the brief-format reference (docs/brief-format.md) instead.",
)
def docs(output: Path | None, check_only: bool, lang: str, brief_format: bool) -> None:
    """Generate the rules reference (docs/rules.md, docs/rules.tr.md) or the brief format."""
    from campaignlint.commands import generate_docs

    sys.exit(generate_docs(output, check_only, lang, brief_format))


@main.command()
@click.option(
    "--config", "config_schema", is_flag=True, help="Print the config file's schema instead."
)
@click.option(
    "--creators", "creators_schema", is_flag=True, help="Print the creator roster's schema instead."
)
def schema(config_schema: bool, creators_schema: bool) -> None:
    """Print the brief JSON Schema, for editors and other tools."""
    from campaignlint.validation import schema_path

    name = "config.schema.json" if config_schema else "brief.schema.json"
    if creators_schema:
        name = "creators.schema.json"
    click.echo(schema_path(name).read_text(encoding="utf-8"), nl=False)


@main.command()
@click.option("--lang", type=click.Choice(["en", "tr"]), help="Language of the findings.")
@_config_options
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds one check may take before it is stopped.",
)
@click.option(
    "--allow-config-code",
    is_flag=True,
    help="Load the rules_dirs of a discovered config: their Python runs (see README, Security).",
)
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default).")
def server(
    lang: str | None,
    config_file: Path | None,
    rules_dir: tuple[str, ...],
    timeout: float,
    allow_config_code: bool,
    stdio: bool,
) -> None:
    """Run the language server (LSP) for editors, over standard input and output."""
    import importlib.util

    if importlib.util.find_spec("pygls") is None:
        from campaignlint.errors import UsageError

        raise UsageError(_("campaignlint server needs pygls: pip install 'campaignlint[server]'"))
    from campaignlint.server import serve
    from campaignlint.server_worker import Settings

    config = str(config_file.resolve()) if config_file else None
    sys.exit(serve(Settings(config, rules_dir, lang, timeout, allow_config_code)))


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM, raised past click (which would turn KeyboardInterrupt into "Aborted!",
    exit 1); like KeyboardInterrupt it runs the clean-ups on its way (temporary files, worker
    processes)."""

    def __init__(self, signum: int = 2) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, _frame: Any) -> None:
    raise Interrupted(signum)


def _exit_now(signum: int, _frame: Any) -> None:
    """A second signal while campaignlint is already stopping: leave at once, quietly (raising
    again would print 'Exception ignored in threading' while the interpreter shuts down)."""
    os._exit(exit_for_signal(signum))


@main.command()
@click.option(
    "--brief",
    "brief_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a commented starter brief (that passes every check) to this path.",
)
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init(brief_path: Path | None, force: bool) -> None:
    """Write a starter .campaignlint.yaml here (and a starter brief with --brief)."""
    from campaignlint.commands import init_project

    sys.exit(init_project(Path.cwd(), brief_path, force))


def _on_signals(handler: Any) -> None:
    import contextlib
    import signal

    with contextlib.suppress(ValueError):  # not the main thread
        signal.signal(signal.SIGINT, handler)
        signal.signal(signal.SIGTERM, handler)


def _collect_less() -> None:
    """What is loaded by now (click, the command tree) lives as long as the process: freeze it
    so the cycle collector stops re-scanning it, and collect the young generation every 10,000
    allocations, not 700. A one-brief run spent about 4% of its instructions in the collector;
    cycles are still collected, so memory stays flat over many briefs."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def run() -> Any:
    """Entry point that turns Ctrl-C into exit 130 and SIGTERM into exit 143, with no
    traceback, no worker left running and no temporary file left behind."""
    import contextlib
    import signal

    _collect_less()
    _on_signals(_interrupt)
    try:
        return main()
    except (KeyboardInterrupt, Interrupted) as stop:
        _on_signals(_exit_now)
        from campaignlint.cli_help import interrupted

        click.echo(f"campaignlint: {interrupted()}", err=True)
        terminated = getattr(stop, "signum", signal.SIGINT) == signal.SIGTERM
        # The clean-ups ran while the signal unwound the stack (workers stopped, temporary files
        # removed). Leave without the interpreter's shutdown: joining the process pool's
        # management thread there prints "Exception ignored in: <module 'threading'>".
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    finally:
        _on_signals(_exit_now)  # the interpreter is shutting down: a late signal ends it
