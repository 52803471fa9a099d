"""``--format json``: one JSON document, the stable machine-readable shape (version 1)."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from campaignlint.renderers import Report

VERSION = 1


def document(report: Report) -> dict[str, Any]:
    return {
        "version": VERSION,
        "files": [result.to_dict() for result in report.results],
        "summary": report.summary,
    }


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2, default=_finite) + "\n"
