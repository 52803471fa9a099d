"""What identifies a finding across runs: one key for baselines, SARIF and GitLab.

A finding is keyed by its file, rule, JSON pointer and English message, never by its line, so
editing lines above it does not make it "new". With the parsed brief at hand (``data``), list
items with an identity are keyed by it rather than by their place: an influencer by its handle,
a deliverable by its influencer and format, so reordering them keeps the key (baselines of
version 2). The key holds the rule id, not the check's code, so the keys recorded before rules
declared their checks still match.
"""

from __future__ import annotations

import hashlib
from typing import Any

from campaignlint.model import Finding
from campaignlint.pointers import escape_pointer_token

STABLE_ITEMS_VERSION = 2  # the baseline version from which list items are keyed by identity
Fingerprint = tuple[str, str, str, str]  # (file, rule, pointer, English message)

_IDENTITIES = {"influencers": ("handle",), "deliverables": ("influencer", "format")}


def fingerprint(
    finding: Finding, file_key: str, data: Any = None, version: int = STABLE_ITEMS_VERSION
) -> Fingerprint:
    """What identifies ``finding`` in ``file_key``; ``data`` (the parsed brief) gives list
    items their identity from version 2 on."""
    message = finding.message_en or finding.message
    pointer = finding.pointer
    if version >= STABLE_ITEMS_VERSION:
        pointer, message = _stable(pointer, message, data)
    return (file_key, finding.rule, pointer, message)


def digest(parts: tuple[str, ...], occurrence: int = 0) -> str:
    """A SHA-256 hex digest of a key (a :func:`fingerprint`, or any tuple of texts); the
    ``occurrence``-th repeat of the same key in a file gets a digest of its own."""
    key = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    if occurrence:
        key = hashlib.sha256(f"{key}:{occurrence}".encode()).hexdigest()
    return key


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
