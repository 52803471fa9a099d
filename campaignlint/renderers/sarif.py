"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

The tool's rules carry their id, short and full description (from the rule docs), a help URI to
the rule's section of ``docs/rules.md`` and their default level; each result has a physical
location (start and end line and column) and the finding's JSON pointer as a logical location.
Files that could not be read become tool execution notifications, so the run is not "clean".
Findings a waiver silenced are results too, with ``suppressions``: ``inSource`` for a comment in
the brief, ``external`` for the configuration's ``per_file`` or the baseline, the reason as the
``justification`` and the expiry in ``properties.until``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from campaignlint import __version__
from campaignlint.fingerprint import digest, fingerprint
from campaignlint.i18n import translate
from campaignlint.model import Finding, Related, Severity

if TYPE_CHECKING:
    from campaignlint.engine import FileResult
    from campaignlint.renderers import Report
    from campaignlint.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/campaignlint/campaignlint"
DOCS_URI = INFORMATION_URI + "/blob/main/docs/rules.md"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A relative URI reference for ``path`` (percent-encoded, forward slashes)."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    return quote(posix.removeprefix("./"), safe="/")


def _descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    sections = rule.doc_sections()
    summary = translate(rule.summary, lang)
    full = translate(sections.get("What it does", ""), lang) or summary
    how = translate(sections.get("How to fix", ""), lang)
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": how or full, "markdown": how or full},
        "helpUri": f"{DOCS_URI}#{rule.id}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.area], "area": rule.area},
    }


def _engine_descriptor(rule_id: str) -> dict[str, Any]:
    return {"id": rule_id, "shortDescription": {"text": rule_id}, "helpUri": DOCS_URI}


def _fingerprint(path: str, finding: Finding) -> str:
    return digest(fingerprint(finding, path))


def _region(finding: Finding) -> dict[str, int]:
    start_line, start_column = max(1, finding.line), max(1, finding.column)
    end_line = max(start_line, finding.end_line)
    end_column = max(1, finding.end_column)
    if end_line == start_line:
        end_column = max(start_column, end_column)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _result(path: str, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    text = finding.message + (f"\n{finding.fix}" if finding.fix else "")
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(path)},
            "region": _region(finding),
        }
    }
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"campaignlint/v1": _fingerprint(path, finding)},
    }
    if finding.related:
        result["relatedLocations"] = [
            _related_location(path, place, number)
            for number, place in enumerate(finding.related, start=1)
        ]
    return result


def _related_location(path: str, place: Related, number: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(place.path or path)}}
    if place.line:
        physical["region"] = {"startLine": place.line, "startColumn": max(1, place.column)}
    location: dict[str, Any] = {"id": number, "physicalLocation": physical}
    if place.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": place.pointer, "kind": "member"}]
        location["message"] = {"text": place.pointer}
    return location


def _suppressed(path: str, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    from campaignlint.suppress import describe_suppression

    reason, until, source = describe_suppression(finding.suppressed_by or "")
    entry: dict[str, Any] = {"kind": "inSource" if source.startswith("line ") else "external"}
    if reason:
        entry["justification"] = reason
    entry["properties"] = {"source": source, "until": until.isoformat() if until else None}
    return {**_result(path, finding, index), "suppressions": [entry]}


class Stream:
    """SARIF written as the files come. The rule list (which grows when a finding comes from a
    rule the run's config does not know) and the invocation (its notifications) come before the
    results in the document, so the results and notifications wait in temporary files, not in
    memory, and the document is written at the end: byte for byte what ``json.dumps(document,
    indent=2)`` would write."""

    def __init__(self, report: Report, write: Callable[[str], Any]) -> None:
        self.report, self.write = report, write
        self.rules: list[dict[str, Any]] = [
            _descriptor(rule, report.lang)
            for rule in sorted(report.rules.values(), key=lambda r: r.id)
        ]
        self.index = {descriptor["id"]: position for position, descriptor in enumerate(self.rules)}
        self.results = _Spool(" " * 8)  # the depth of run.results's items
        self.notifications = _Spool(" " * 12)  # of run.invocations[0].toolExecutionNotifications

    def add(self, file_result: FileResult) -> None:
        if file_result.error:
            uri = _uri(file_result.path)
            self.notifications.add(
                {
                    "level": "error",
                    "message": {"text": file_result.error},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
        for finding in file_result.findings:
            self._know(finding.rule)
            self.results.add(_result(file_result.path, finding, self.index))
        for finding in file_result.suppressed:
            self._know(finding.rule)
            self.results.add(_suppressed(file_result.path, finding, self.index))

    def _know(self, rule_id: str) -> None:
        if rule_id not in self.index:
            self.index[rule_id] = len(self.rules)
            self.rules.append(_engine_descriptor(rule_id))

    def finish(self) -> None:
        summary = self.report.summary
        invocation: dict[str, Any] = {
            "executionSuccessful": not summary["input_errors"] and not summary["internal_errors"],
        }
        if self.notifications.count:
            invocation["toolExecutionNotifications"] = _HOLE
        envelope = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "campaignlint",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI,
                            "rules": self.rules,
                        }
                    },
                    "invocations": [invocation],
                    "language": self.report.lang,
                    "columnKind": "unicodeCodePoints",
                    "results": _HOLE if self.results.count else [],
                }
            ],
        }
        text = json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"
        for spool in (self.notifications, self.results):
            if spool.count:
                before, text = text.split(json.dumps(_HOLE), 1)
                self.write(before)
                spool.copy_to(self.write)
        self.write(text)


_HOLE = "\0campaignlint:spooled\0"  # where a spooled array goes; no real value holds a NUL


class _Spool:
    """A JSON array's items, written ``indent`` deep to a temporary file as they come."""

    def __init__(self, indent: str) -> None:
        self.indent = indent
        self.count = 0
        self.file: Any = None

    def add(self, item: dict[str, Any]) -> None:
        import tempfile

        if self.file is None:
            # on disk, not in memory; closed once copied out (POSIX unlinks it at once)
            self.file = tempfile.TemporaryFile(  # noqa: SIM115
                "w+", encoding="utf-8", errors="surrogatepass"
            )
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + self.indent)
        self.file.write(("[\n" if not self.count else ",\n") + self.indent + text)
        self.count += 1

    def copy_to(self, write: Callable[[str], Any]) -> None:
        self.file.write("\n" + self.indent[:-2] + "]")
        self.file.seek(0)
        while chunk := self.file.read(1 << 16):
            write(chunk)
        self.file.close()
