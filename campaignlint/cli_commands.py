"""The ``campaignlint`` command tree, in click: every command, its options and their help.

:mod:`campaignlint.cli` is the entry point; it imports this module (and click, ~10 ms) only when
a command line is not a plain ``check`` it parses itself (:func:`campaignlint.cli.fast_check`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from campaignlint import __version__
from campaignlint.cli_help import TranslatedGroup
from campaignlint.exit_codes import EXIT_USAGE

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
def check(**values: Any) -> None:
    """Check briefs (files, folders, or - for standard input)."""
    from campaignlint.cli import check_command

    check_command(**values)


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
    from campaignlint.cli import require_pygls

    require_pygls()
    from campaignlint.server import serve
    from campaignlint.server_worker import Settings

    config = str(config_file.resolve()) if config_file else None
    sys.exit(serve(Settings(config, rules_dir, lang, timeout, allow_config_code)))


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
