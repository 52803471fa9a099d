"""Baselines: record today's findings, then report only new ones.

A finding is fingerprinted by its file, rule, JSON pointer and English message, never by line,
so editing lines above it does not break the baseline. Each fingerprint keeps a count, so a
brief that gains a second identical finding reports the new one.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from campaignlint.engine import INTERNAL_ERROR, FileResult
from campaignlint.errors import ConfigError
from campaignlint.i18n import Plain, _
from campaignlint.model import Finding

VERSION = 1
Fingerprint = tuple[str, str, str, str]


def _file_key(path: str, baseline: Path) -> str:
    """``path`` relative to the baseline's folder, so the baseline works from any directory."""
    if path.startswith("<"):
        return path
    absolute = os.path.abspath(path)
    folder = os.path.abspath(baseline.parent)
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()


def fingerprint(finding: Finding, file_key: str) -> Fingerprint:
    return (file_key, finding.rule, finding.pointer, finding.message_en or finding.message)


def write_baseline(results: Sequence[FileResult], path: Path) -> int:
    """Record every finding of ``results`` in ``path``; returns how many were recorded."""
    from campaignlint.fs import atomic_write

    counts: Counter[Fingerprint] = Counter()
    for result in results:
        key = _file_key(result.path, path)
        counts.update(fingerprint(f, key) for f in result.findings if f.rule != INTERNAL_ERROR)
    entries = [
        {"path": file, "rule": rule, "pointer": pointer, "message": message, "count": count}
        for (file, rule, pointer, message), count in sorted(counts.items())
    ]
    document = {"version": VERSION, "tool": "campaignlint", "findings": entries}
    try:
        atomic_write(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        reason = Plain(error.strerror or error)
        raise ConfigError(
            _("cannot write {path}: {reason}", path=Plain(path), reason=reason)
        ) from error
    return sum(counts.values())


def read_baseline(path: Path) -> Counter[Fingerprint]:
    """The recorded fingerprints and their counts. Raises :class:`ConfigError` when unreadable."""
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(_("baseline file not found: {path}", path=Plain(path))) from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(
            _(
                "{path}: not a campaignlint baseline: {reason}",
                path=Plain(path),
                reason=Plain(error),
            )
        ) from error
    entries = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(
            _(
                "{path}: not a campaignlint baseline: {reason}",
                path=Plain(path),
                reason=Plain("no 'findings' list"),
            )
        )
    counts: Counter[Fingerprint] = Counter()
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        fields = [entry.get(name) for name in ("path", "rule", "pointer", "message")]
        count = entry.get("count", 1)
        texts = [value for value in fields if isinstance(value, str)]
        if len(texts) == 4 and isinstance(count, int):
            counts[(texts[0], texts[1], texts[2], texts[3])] += max(count, 0)
    return counts


def apply_baseline(results: Sequence[FileResult], path: Path) -> list[FileResult]:
    """``results`` with the findings recorded in the baseline moved to ``suppressed``."""
    remaining = read_baseline(path)
    filtered = []
    for result in results:
        key = _file_key(result.path, path)
        kept, known = [], []
        for finding in result.findings:
            mark = fingerprint(finding, key)
            if finding.rule != INTERNAL_ERROR and remaining[mark] > 0:
                remaining[mark] -= 1
                finding.suppressed_by = "baseline"
                known.append(finding)
            else:
                kept.append(finding)
        filtered.append(replace(result, findings=kept, suppressed=[*result.suppressed, *known]))
    return filtered
