"""``--format github``: GitHub Actions workflow commands, one annotation line per finding.

``::error file=briefs/a.yaml,line=3,col=5,endLine=3,endColumn=9,title=rule-id::message``.
GitHub requires ``%``, CR and LF escaped in the message, and also ``:`` and ``,`` in properties;
anything else a brief contains is data, so a string can never start a second command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from campaignlint.i18n import _
from campaignlint.model import Finding, Severity

if TYPE_CHECKING:
    from campaignlint.engine import FileResult
    from campaignlint.renderers import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _printable(text: str) -> str:
    """No control characters (an ESC from a file name or a brief value would drive the log's
    terminal), as the text format shows them: U+FFFD. Line breaks are kept, and escaped."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in " \r\n" else "\ufffd" for ch in text)


def escape_data(text: str) -> str:
    return _printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, properties: dict[str, str | int], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}"


def _finding_line(path: str, finding: Finding, lang: str, show_fix: bool) -> str:
    message = finding.message
    if finding.fix and show_fix:
        message += "\n" + _("fix").render(lang) + ": " + finding.fix
    properties: dict[str, str | int] = {
        "file": path,
        "line": finding.line,
        "col": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "title": finding.rule,
    }
    return _command(COMMANDS[finding.severity], properties, message)


class Stream:
    """One annotation line per finding (and per file that could not be read), as they come."""

    def __init__(self, report: Report, write: Callable[[str], Any]) -> None:
        self.report, self.write = report, write

    def add(self, result: FileResult) -> None:
        lines = []
        if result.error:
            properties: dict[str, str | int] = {"file": result.path, "title": "campaignlint"}
            if result.error_line:
                properties["line"] = result.error_line
                if result.error_column:
                    properties["col"] = result.error_column
            lines.append(_command("error", properties, result.error))
        lines.extend(
            _finding_line(result.path, finding, self.report.lang, self.report.show_fix)
            for finding in result.findings
        )
        if lines:
            self.write("".join(line + "\n" for line in lines))

    def finish(self) -> None:
        pass
