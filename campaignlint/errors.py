"""Errors that end a file's or a run's check with a one-line message (exit code 2)."""

from __future__ import annotations


class CampaignlintError(Exception):
    """Base class: a clear, one-line problem the user can act on."""


class InputError(CampaignlintError):
    """A file cannot be read as a brief: malformed YAML, binary, too large, a YAML bomb."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def describe(self, path: str) -> str:
        where = path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class ConfigError(CampaignlintError):
    """The configuration (file or command line) is invalid."""


class RuleLoadError(CampaignlintError):
    """A rule module is malformed, or two rules share one id."""
