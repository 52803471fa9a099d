"""``--format gitlab``: a GitLab Code Quality report (the ``codequality`` artifact).

Each finding is an issue with a description, its rule as ``check_name``, a severity, the path and
first line, and a fingerprint stable across runs: it hashes the path, rule, JSON pointer and
English message, not the line, so editing lines above a finding does not make it "new".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from campaignlint.fingerprint import digest, fingerprint
from campaignlint.model import Finding, Severity

if TYPE_CHECKING:
    from campaignlint.engine import FileResult
    from campaignlint.renderers import Report

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def _fingerprint(parts: tuple[str, ...], seen: dict[str, int]) -> str:
    first = digest(parts)
    count = seen.get(first, 0)
    seen[first] = count + 1
    return digest(parts, count)  # the same finding twice in a file: keep both, each stable


def _issue(path: str, finding: Finding, seen: dict[str, int]) -> dict[str, Any]:
    description = finding.message + (f" ({finding.fix})" if finding.fix else "")
    return {
        "type": "issue",
        "description": description,
        "check_name": finding.rule,
        "categories": ["Bug Risk" if finding.severity is Severity.ERROR else "Style"],
        "severity": SEVERITIES[finding.severity],
        "fingerprint": _fingerprint(fingerprint(finding, path), seen),
        "location": {"path": path, "lines": {"begin": max(1, finding.line)}},
    }


def _issues(result: FileResult, seen: dict[str, int]) -> list[dict[str, Any]]:
    issues = []
    if result.error:
        issues.append(
            {
                "type": "issue",
                "description": result.error,
                "check_name": "input-error",
                "categories": ["Bug Risk"],
                "severity": "blocker",
                "fingerprint": _fingerprint((result.path, "input-error"), seen),
                "location": {"path": result.path, "lines": {"begin": result.error_line or 1}},
            }
        )
    issues.extend(_issue(result.path, finding, seen) for finding in result.findings)
    return issues


class Stream:
    """The issues written as the files come, byte for byte what ``json.dumps(issues,
    indent=2)`` would write. Fingerprints hash the path, so only findings of one path can
    share one: the repeats are counted per file, and kept past it only for the files that could
    not be read (a path named twice is reported twice), so memory does not grow with the run."""

    def __init__(self, report: Report, write: Callable[[str], Any]) -> None:
        self.write = write
        self.issues = 0
        self.unreadable: dict[str, dict[str, int]] = {}  # path -> fingerprints seen

    def add(self, result: FileResult) -> None:
        seen = self.unreadable.get(result.path, {})
        for issue in _issues(result, seen):
            text = json.dumps(issue, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            self.write(("[\n  " if not self.issues else ",\n  ") + text)
            self.issues += 1
        if result.error:
            self.unreadable[result.path] = seen

    def finish(self) -> None:
        self.write("\n]\n" if self.issues else "[]\n")
