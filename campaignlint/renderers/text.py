"""``--format text``: one line per finding, as ruff prints them, the fix hint under it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from campaignlint.exit_codes import EXIT_USAGE
from campaignlint.i18n import Message, _, plural, severity_name
from campaignlint.model import Severity

if TYPE_CHECKING:
    from campaignlint.engine import FileResult
    from campaignlint.model import Finding
    from campaignlint.renderers import Report

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def _clean(text: str) -> str:
    """One terminal line: no control characters that could move the cursor or fake output."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in text)


def render_result(result: FileResult, report: Report, words: _Words | None = None) -> list[str]:
    """The lines of one file: its findings with their fix hints, or its error. ``words``: the
    words every file repeats, rendered once for a run (:class:`Stream`)."""
    color = report.color
    if result.error:
        error = result.error
        label = _paint(severity_name("error", report.lang), _COLORS[Severity.ERROR] + _BOLD, color)
        return [f"{_paint(_clean(error.where), _BOLD, color)}: {label}: {_clean(error.message)}"]
    lines: list[str] = []
    if not result.findings:
        return lines
    words = words or _Words(report)
    path = _clean(result.path)
    show_fix = report.show_fix
    for finding in result.findings:
        message, fix = finding.message, finding.fix
        if not message.isprintable():
            message = _clean(message)
        if color:
            location = _paint(f"{path}:{finding.line}:{finding.column}:", _BOLD, color)
            rule = _paint(finding.rule, _BOLD, color)
        else:
            location, rule = f"{path}:{finding.line}:{finding.column}:", finding.rule
        lines.append(f"{location} {words.severity(finding.severity)} {rule} {message}")
        if finding.related:
            lines.extend(_paint(line, _DIM, color) for line in _related_lines(finding, path, words))
        if fix and show_fix:
            lines.append(_paint(f"  {words.fix}: {_clean(fix)}", _DIM, color))
    return lines


class _Words:
    """The words of a report's lines, rendered once in its language (and colours)."""

    def __init__(self, report: Report) -> None:
        self.lang, self.color = report.lang, report.color
        self.fix = _("fix").render(self.lang)
        self.also = _("also").render(self.lang)
        self.labels: dict[Severity, str] = {}

    def severity(self, severity: Severity) -> str:
        label = self.labels.get(severity)
        if label is None:
            name = severity_name(severity.value, self.lang)
            label = self.labels[severity] = _paint(name, _COLORS[severity], self.color)
        return label


def _related_lines(finding: Finding, path: str, words: _Words) -> list[str]:
    """``  also: brief.yaml:12:5 (/deliverables/2)`` for each other place of a grouped finding."""
    lines = []
    for place in finding.related:
        where = _clean(place.path) if place.path is not None else path
        position = f":{place.line}:{place.column}" if place.line else ""
        pointer = f" ({_clean(place.pointer)})" if place.pointer else ""
        lines.append(f"  {words.also}: {where}{position}{pointer}")
    return lines


class Stream:
    """Each file's lines as soon as it is checked, then (unless quiet) a blank line and the
    summary line."""

    def __init__(self, report: Report, write: Callable[[str], Any]) -> None:
        self.report, self.write = report, write
        self.wrote = False
        self.words = _Words(report)

    def add(self, result: FileResult) -> None:
        lines = render_result(result, self.report, self.words)
        if lines:
            self.write("\n".join(lines) + "\n")
            self.wrote = True

    def finish(self) -> None:
        if not self.report.quiet:
            self.write(("\n" if self.wrote else "") + summary_line(self.report) + "\n")


def summary_line(report: Report) -> str:
    summary = report.summary
    lang = report.lang
    files = _files(summary["files_checked"])
    unreadable = summary["input_errors"]
    if summary["files_checked"] == 0 and summary["exit_code"] == EXIT_USAGE:
        return _("No briefs checked: with --strict that is an error.").render(lang)
    crashed = summary["internal_errors"]
    if summary["findings"] == 0 and crashed and not unreadable:
        return _(
            "No findings in the files that could be checked; checking {count} of {files}"
            " failed with an internal error.",
            count=crashed,
            files=files,
        ).render(lang)
    if summary["findings"] == 0 and not unreadable:
        return _("All checks passed ({files} checked).", files=files).render(lang)
    if summary["findings"] == 0:
        return _(
            "No findings in the files that could be read; {count} of {files} could not be read.",
            count=unreadable,
            files=files,
        ).render(lang)
    errors, warnings = summary["errors"], summary["warnings"]
    # each piece apart: Babel does not extract a message nested in another's arguments
    error_count = plural(errors, _("1 error"), _("{count} errors", count=errors))
    warning_count = plural(warnings, _("1 warning"), _("{count} warnings", count=warnings))
    info_count = _("{count} info", count=summary["info"])
    parts = _(
        "Found {findings}: {errors}, {warnings}, {info} in {files} checked.",
        findings=_findings(summary["findings"]),
        errors=error_count,
        warnings=warning_count,
        info=info_count,
        files=files,
    ).render(lang)
    if unreadable:
        parts += " " + plural(
            unreadable,
            _("1 file could not be read."),
            _("{count} files could not be read.", count=unreadable),
        ).render(lang)
    return parts


def _files(count: int) -> Message:
    return plural(count, _("1 file"), _("{count} files", count=count))


def _findings(count: int) -> Message:
    return plural(count, _("1 finding"), _("{count} findings", count=count))
