"""Renderers turn results into text. They format; they never decide.

A format that can be written as the results arrive (text, json, sarif, github, gitlab, junit)
is a module with a ``Stream(report, write)`` class: ``add(result)`` for each file's result, in
order, then ``finish()`` once ``report.summary`` holds the run's counts; it keeps no result, so
memory stays flat over any number of briefs. The review reports are streams too: they build each
file's part of the review as its result arrives, spool it, and write the report at ``finish``.
A ``module:function`` format (the reviewer's forms) is the module's ``ReviewerStream``; its
``function`` renders a whole report. Modules are imported only when used. :func:`render` gives a
finished report in any format through the same code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from campaignlint.engine import FileResult
from campaignlint.frozen import field, record
from campaignlint.model import Severity
from campaignlint.rule import Rule

FORMATS: dict[str, str] = {
    "text": "campaignlint.renderers.text",
    "json": "campaignlint.renderers.json_format",
    "sarif": "campaignlint.renderers.sarif",
    "github": "campaignlint.renderers.github",
    "gitlab": "campaignlint.renderers.gitlab",
    "junit": "campaignlint.renderers.junit",
    "markdown": "campaignlint.renderers.markdown",
    "html": "campaignlint.renderers.html",
    "markdown-reviewer": "campaignlint.renderers.markdown:render_reviewer",
    "html-reviewer": "campaignlint.renderers.html:render_reviewer",
}
# Formats that show the brief's numbers (campaignlint.facts): the results carry the parsed briefs.
REPORT_FORMATS = frozenset({"markdown", "html", "markdown-reviewer", "html-reviewer"})


@record
class Report:
    """Everything a renderer may show."""

    results: Sequence[FileResult]
    rules: Mapping[str, Rule] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    lang: str = "en"
    color: bool = False
    quiet: bool = False
    show_fix: bool = True
    briefs: Mapping[str, Any] = field(default_factory=dict)  # path -> data, for reports
    facts: Mapping[str, Any] = field(default_factory=dict)  # path -> campaignlint.facts.BriefFacts
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # id -> options
    summary: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        from campaignlint.report import summarize

        self.summary = summarize(self.results, self.fail_on)


class Stream(Protocol):
    """One output, written as the results arrive."""

    def add(self, result: FileResult) -> None: ...

    def finish(self) -> None: ...


def open_stream(format_name: str, report: Report, write: Callable[[str], Any]) -> Stream:
    """An output in ``format_name`` that hands its text to ``write`` piece by piece; ``report``
    gives the settings (and at ``finish``, the summary)."""
    module_name, _colon, function = FORMATS[format_name].partition(":")
    module = importlib.import_module(module_name)
    stream: Stream = getattr(module, "ReviewerStream" if function else "Stream")(report, write)
    if format_name == "text":  # text prints a name's bytes back, as ls does
        return stream
    return _ValidUnicode(stream)


def render(format_name: str, report: Report) -> str:
    """The whole of ``report`` in ``format_name``."""
    chunks: list[str] = []
    stream = open_stream(format_name, report, chunks.append)
    for result in report.results:
        stream.add(result)
    stream.finish()
    return "".join(chunks)


class _ValidUnicode:
    """Hands a stream each result with its file name as valid Unicode (see displayable)."""

    def __init__(self, stream: Stream) -> None:
        self.stream = stream

    def add(self, result: FileResult) -> None:
        self.stream.add(_clean_result(result))

    def finish(self) -> None:
        self.stream.finish()


def displayable(text: str) -> str:
    """``text`` with the undecodable bytes of a file name (surrogates) shown as U+FFFD: JSON,
    SARIF and XML must be valid UTF-8."""
    if not any("\ud800" <= char <= "\udfff" for char in text):
        return text
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


def _clean_result(result: FileResult) -> FileResult:
    from campaignlint.frozen import replace

    path, error = displayable(result.path), result.error and result.error.cleaned(displayable)
    if path == result.path and error == result.error:
        return result
    return replace(result, path=path, error=error)
