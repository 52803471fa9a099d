"""Renderers turn a finished :class:`Report` into text. They format; they never decide.

Each format is a module with ``render(report: Report) -> str`` (or ``module:function`` for
another function of that signature), imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from campaignlint.engine import FileResult, summarize
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
# Formats that show the brief's numbers (campaignlint.facts): the run keeps the parsed briefs.
REPORT_FORMATS = frozenset({"markdown", "html", "markdown-reviewer", "html-reviewer"})


@dataclass
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
        self.summary = summarize(self.results, self.fail_on)


def render(format_name: str, report: Report) -> str:
    module_name, _colon, function = FORMATS[format_name].partition(":")
    module = importlib.import_module(module_name)
    if format_name != "text":  # text prints a name's bytes back, as ls does
        report = _valid_unicode(report)
    output: str = getattr(module, function or "render")(report)
    return output


def displayable(text: str) -> str:
    """``text`` with the undecodable bytes of a file name (surrogates) shown as U+FFFD: JSON,
    SARIF and XML must be valid UTF-8."""
    if not any("\ud800" <= char <= "\udfff" for char in text):
        return text
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


def _valid_unicode(report: Report) -> Report:
    from dataclasses import replace

    def clean(result: FileResult) -> FileResult:
        path, error = displayable(result.path), result.error and displayable(result.error)
        if path == result.path and error == result.error:
            return result
        return replace(result, path=path, error=error)

    results = [clean(result) for result in report.results]
    if all(new is old for new, old in zip(results, report.results, strict=True)):
        return report
    cleaned = replace(
        report,
        results=results,
        briefs={displayable(path): data for path, data in report.briefs.items()},
        facts={displayable(path): facts for path, facts in report.facts.items()},
    )
    cleaned.summary = report.summary
    return cleaned
