"""Errors that end a file's or a run's check with a one-line message (exit code 2)."""

from __future__ import annotations

from campaignlint.i18n import DEFAULT_LANGUAGE, Message


class CampaignlintError(Exception):
    """Base class: a clear, one-line problem the user can act on.

    The message is a plain string or a translatable :class:`Message`; ``str(error)`` is English,
    :meth:`render` gives it in the user's language.
    """

    def __init__(self, message: str | Message = "") -> None:
        super().__init__(str(message))
        self.text = message

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        if isinstance(self.text, Message):
            return self.text.render(lang)
        return str(self.text)


class InputError(CampaignlintError):
    """A file cannot be read as a brief: malformed YAML, binary, too large, a YAML bomb."""

    def __init__(
        self, message: str | Message, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = str(message)
        self.line = line
        self.column = column

    def describe(self, path: str, lang: str = DEFAULT_LANGUAGE) -> str:
        where = path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.render(lang)}"


class ConfigError(CampaignlintError):
    """The configuration (file or command line) is invalid."""


class UsageError(CampaignlintError):
    """The command line asks for what cannot be done (an unknown rule, a file in the way)."""


class RuleLoadError(CampaignlintError):
    """A rule module is malformed, or two rules share one id."""


def error_lines(error: CampaignlintError, lang: str = DEFAULT_LANGUAGE) -> str:
    """What the command line prints for ``error`` (on standard error, then exit 2): each line
    of its message as ``campaignlint: error: ...``, in ``lang``."""
    from campaignlint.i18n import severity_name

    label = severity_name("error", lang)
    return "".join(
        f"campaignlint: {label}: {line}\n" for line in error.render(lang).splitlines() or [""]
    )
