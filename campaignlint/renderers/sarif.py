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
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from campaignlint import __version__
from campaignlint.fingerprint import digest, fingerprint
from campaignlint.i18n import translate
from campaignlint.model import Finding, Related, Severity

if TYPE_CHECKING:
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


def document(report: Report) -> dict[str, Any]:
    lang = report.lang
    rules: list[dict[str, Any]] = [
        _descriptor(rule, lang) for rule in sorted(report.rules.values(), key=lambda r: r.id)
    ]
    index = {descriptor["id"]: position for position, descriptor in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for file_result in report.results:
        if file_result.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": file_result.error},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": _uri(file_result.path)}}}
                    ],
                }
            )
        for finding in file_result.findings:
            if finding.rule not in index:
                index[finding.rule] = len(rules)
                rules.append(_engine_descriptor(finding.rule))
            results.append(_result(file_result.path, finding, index))
        for finding in file_result.suppressed:
            if finding.rule not in index:
                index[finding.rule] = len(rules)
                rules.append(_engine_descriptor(finding.rule))
            results.append(_suppressed(file_result.path, finding, index))
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.summary["input_errors"]
        and not report.summary["internal_errors"],
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
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
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
