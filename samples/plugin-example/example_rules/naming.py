"""Shared by the pack's rules (no ``ID``: a helper module, not a rule)."""

from __future__ import annotations

from campaignlint.api import load_beside

LIMITS: dict[str, int] = load_beside(__file__, "limits.json")


def words(text: str) -> list[str]:
    return [word for word in text.split() if word]
