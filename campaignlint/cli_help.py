"""Command-line help in the user's language.

click fixes help strings when the commands are defined, before any option is read. These
command classes translate them when the help is shown instead: the command's docstring and every
option's ``help=`` go through the gettext catalog (``scripts/update_catalog.py`` extracts them
from the command tree), and so do click's own headings. The language is ``--lang`` anywhere on
the command line, else the config's ``lang:``, else the locale, else English.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from campaignlint.i18n import DEFAULT_LANGUAGE, _, translate

_ARGS_KEY = "campaignlint.args"

# click's own words, marked here so they land in the catalog.
_USAGE = _("Usage:")
_OPTIONS = _("Options")
_COMMANDS = _("Commands")
_HELP_OPTION = _("Show this message and exit.")
_METAVARS = (_("[OPTIONS]"), _("COMMAND [ARGS]..."), _("[PATHS]..."), _("RULE_ID"))


# click's own messages (usage errors), as click's gettext calls spell them. click translates
# them through Python's gettext domain; ``TranslatedGroup.main`` points that domain at our catalog
# for the run, so "No such option" reads "Böyle bir seçenek yok" too. Pairs are plural forms.
CLICK_MESSAGES: tuple[str | tuple[str, str], ...] = (
    "Error: {message}",
    "Try '{command} {option}' for help.",
    "No such option {name!r}.",
    "No such command {name!r}.",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    "Invalid value for {param_hint}: {message}",
    "Invalid value: {message}",
    "Missing argument",
    "Missing option",
    "Missing parameter",
    "Missing command.",
    "Aborted!",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    "Option {name!r} does not take a value.",
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    "{value!r} is not a valid {number_type}.",
    "{value} is not in the range {range}.",
    "{name} {filename!r} does not exist.",
    "{name} {filename!r} is a file.",
    "{name} {filename!r} is a directory.",
    "file",
    "directory",
    "path",
)
_DOMAIN = "campaignlint"


def _language_in(args: Sequence[str]) -> str | None:
    from campaignlint.cli import language_in

    return language_in(args)


@contextmanager
def click_messages_in(lang: str) -> Iterator[None]:
    """For the block, click's own messages come from our catalog in ``lang``."""
    if lang == DEFAULT_LANGUAGE:
        yield
        return
    import gettext
    import os
    from importlib.resources import files

    previous_domain = gettext.textdomain()
    previous_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(_DOMAIN, str(files("campaignlint.locale")))
    gettext.textdomain(_DOMAIN)
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        gettext.textdomain(previous_domain)
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language


def interrupted() -> str:
    """``interrupted`` in the language of this command line (after Ctrl-C)."""
    from campaignlint.commands import resolve_language

    return _("interrupted").render(resolve_language(_language_in(sys.argv[1:])))


def help_language(ctx: click.Context) -> str:
    """The language to show help in, from the whole command line seen so far."""
    from campaignlint.commands import resolve_language

    return resolve_language(_language_in(ctx.meta.get(_ARGS_KEY, [])))


def command_help(command: click.Command) -> str:
    """A command's help text as the catalog knows it (its docstring, cleaned)."""
    return inspect.cleandoc(command.help or "").partition("\f")[0].strip()


def _short(text: str) -> str:
    """The first sentence of ``text``, whole: a command list that cuts descriptions
    mid-sentence (as click does at 45 characters) leaves the reader guessing."""
    first, dot, _rest = text.partition(". ")
    if dot:
        return first + "."
    return " ".join(text.split())


class TranslatedCommand(click.Command):
    """A click command whose help is rendered in the user's language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta.setdefault(_ARGS_KEY, []).extend(args)
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = help_language(ctx)
        metavars = {piece.template: piece.render(lang) for piece in _METAVARS}
        pieces = " ".join(metavars.get(p, p) for p in self.collect_usage_pieces(ctx))
        prefix = _USAGE.render(lang) + " "
        formatter.write_usage(ctx.command_path, pieces, prefix=prefix)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = command_help(self)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(translate(text, help_language(ctx)))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = help_language(ctx)
        rows = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or isinstance(param, click.Argument):
                continue
            name, text = record
            original = getattr(param, "help", None) or ""
            if original and text.startswith(original):
                text = translate(original, lang) + text[len(original) :]
            rows.append((name, text))
        if rows:
            with formatter.section(_OPTIONS.render(lang)):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP_OPTION.template
        return option


class TranslatedGroup(TranslatedCommand, click.Group):
    """The ``campaignlint`` group: translated help, and subcommands that translate theirs."""

    command_class = TranslatedCommand

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        from campaignlint.commands import resolve_language

        given = list(sys.argv[1:] if args is None else args)
        lang = resolve_language(_language_in(given))
        with click_messages_in(lang):
            return super().main(given, *rest, **options)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        TranslatedCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = help_language(ctx)
        rows: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            text = translate(command_help(command), lang)
            rows.append((name, _short(text)))
        if rows:
            with formatter.section(_COMMANDS.render(lang)):
                formatter.write_dl(rows)


def translated_strings(command: click.Command, path: str = "campaignlint") -> Sequence[Any]:
    """``(text, where)`` for every help string under ``command``, for the catalog."""
    found: list[tuple[str, str]] = []
    text = command_help(command)
    if text:
        found.append((text, f"Help of '{path}'."))
    for param in command.params:
        help_text = getattr(param, "help", None)
        if help_text:
            found.append((help_text, f"Help of '{path} {param.name}'."))
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            found += translated_strings(sub, f"{path} {name}")
    return found
