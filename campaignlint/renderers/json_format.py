"""``--format json``: one JSON document, the stable machine-readable shape (version 1).

Each file lists its ``findings`` and, under ``suppressed``, the findings a waiver silenced, each
with a ``suppression`` object: its ``reason``, ``until`` (ISO date or null) and ``source`` (the
comment's line and rule ids, ``per_file: #/pointer`` or ``baseline``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from campaignlint.engine import FileResult
    from campaignlint.model import Finding
    from campaignlint.renderers import Report

VERSION = 1


def suppression(finding: Finding) -> dict[str, Any]:
    """The waiver that silenced ``finding``: reason, expiry and where it is written."""
    from campaignlint.suppress import describe_suppression

    reason, until, source = describe_suppression(finding.suppressed_by or "")
    return {"reason": reason, "until": until.isoformat() if until else None, "source": source}


def _file(result: FileResult) -> dict[str, Any]:
    entry = result.to_dict()
    entry["suppressed"] = [
        {**finding.to_dict(), "suppression": suppression(finding)} for finding in result.suppressed
    ]
    return entry


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _dumps(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``indent`` deep in a document (a
    JSON string holds no line break, so every line break is the layout's)."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_finite)
    return text.replace("\n", "\n" + indent)


class Stream:
    """The document written as the files come: its head, each file's entry, then the summary;
    byte for byte what ``json.dumps(document, indent=2)`` would write."""

    def __init__(self, report: Report, write: Callable[[str], Any]) -> None:
        self.report, self.write = report, write
        self.files = 0

    def add(self, result: FileResult) -> None:
        head = ",\n    " if self.files else f'{{\n  "version": {VERSION},\n  "files": [\n    '
        self.write(head + _dumps(_file(result), "    "))
        self.files += 1

    def finish(self) -> None:
        if self.files:
            self.write("\n  ],\n")
        else:
            self.write(f'{{\n  "version": {VERSION},\n  "files": [],\n')
        self.write('  "summary": ' + _dumps(self.report.summary, "  ") + "\n}\n")
