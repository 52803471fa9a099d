"""``--format json``: one JSON document, the stable machine-readable shape (version 1).

Each file lists its ``findings`` and, under ``suppressed``, the findings a waiver silenced, each
with a ``suppression`` object: its ``reason``, ``until`` (ISO date or null) and ``source`` (the
comment's line and rule ids, ``per_file: #/pointer`` or ``baseline``).
"""

from __future__ import annotations

import json
import math
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


def document(report: Report) -> dict[str, Any]:
    return {
        "version": VERSION,
        "files": [_file(result) for result in report.results],
        "summary": report.summary,
    }


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2, default=_finite) + "\n"
