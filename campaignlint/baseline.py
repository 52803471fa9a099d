"""Baselines: record today's findings, then report only new ones.

A finding is fingerprinted by its file, rule, JSON pointer and English message, never by line,
so editing lines above it does not break the baseline. List items with an identity are keyed
by it, not by their place (version 2): an influencer by its handle, a deliverable by its
influencer and format, so reordering them keeps the baseline. Each fingerprint keeps a count,
so a brief that gains a second identical finding reports the new one.
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
from campaignlint.pointers import escape_pointer_token

VERSION = 2
KNOWN_VERSIONS = (1, 2)  # 1: list items keyed by their index
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


def fingerprint(
    finding: Finding, file_key: str, data: Any = None, version: int = VERSION
) -> Fingerprint:
    """What identifies ``finding`` across runs; ``data`` (the parsed brief) gives list items
    their identity in version 2."""
    message = finding.message_en or finding.message
    pointer = finding.pointer
    if version >= 2:
        pointer, message = _stable(pointer, message, data)
    return (file_key, finding.rule, pointer, message)


_IDENTITIES = {"influencers": ("handle",), "deliverables": ("influencer", "format")}


def _stable(pointer: str, message: str, data: Any) -> tuple[str, str]:
    """``/influencers/2/followers`` -> ``/influencers/handle=@maya/followers``, and
    ``influencers[2]`` in the message likewise, when the item has its identity fields."""
    tokens = pointer.split("/")
    if len(tokens) < 3 or tokens[1] not in _IDENTITIES or not tokens[2].isdigit():
        return pointer, message
    items = data.get(tokens[1]) if isinstance(data, dict) else None
    index = int(tokens[2])
    if not isinstance(items, list) or index >= len(items) or not isinstance(items[index], dict):
        return pointer, message
    fields = _IDENTITIES[tokens[1]]
    values = [items[index].get(name) for name in fields]
    if not all(isinstance(value, str) and value for value in values):
        return pointer, message
    identity = ",".join(f"{name}={value}" for name, value in zip(fields, values, strict=True))
    tokens[2] = escape_pointer_token(identity)
    message = message.replace(f"{tokens[1]}[{index}]", f"{tokens[1]}[{identity}]")
    return "/".join(tokens), message


def write_baseline(results: Sequence[FileResult], path: Path) -> int:
    """Record every finding of ``results`` in ``path``; returns how many were recorded."""
    from campaignlint.fs import atomic_write

    counts: Counter[Fingerprint] = Counter()
    for result in results:
        key = _file_key(result.path, path)
        counts.update(
            fingerprint(f, key, result.data) for f in result.findings if f.rule != INTERNAL_ERROR
        )
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


def read_baseline(path: Path) -> tuple[int, Counter[Fingerprint]]:
    """The baseline's version, and the recorded fingerprints with their counts. Raises
    :class:`ConfigError` when unreadable or of a version campaignlint does not know."""
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
    version = document.get("version") if isinstance(document, dict) else None
    if version not in KNOWN_VERSIONS or isinstance(version, bool):
        raise ConfigError(
            _(
                "{path}: baseline version {version} is not one this campaignlint reads ({known});"
                " record it again with --write-baseline",
                path=Plain(path),
                version=Plain(json.dumps(version)),
                known=Plain(", ".join(map(str, KNOWN_VERSIONS))),
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
    return int(version), counts


def apply_baseline(results: Sequence[FileResult], path: Path) -> list[FileResult]:
    """``results`` with the findings recorded in the baseline moved to ``suppressed``."""
    version, remaining = read_baseline(path)
    filtered = []
    for result in results:
        key = _file_key(result.path, path)
        kept, known = [], []
        for finding in result.findings:
            mark = fingerprint(finding, key, result.data, version)
            if finding.rule != INTERNAL_ERROR and remaining[mark] > 0:
                remaining[mark] -= 1
                finding.suppressed_by = "baseline"
                known.append(finding)
            else:
                kept.append(finding)
        filtered.append(replace(result, findings=kept, suppressed=[*result.suppressed, *known]))
    return filtered
