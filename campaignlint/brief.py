"""The brief as rules see it: plain data, typed accessors and a position lookup by JSON pointer.

Every accessor returns None (or an empty list) when the field is absent or of the wrong type, so
a rule skips what it cannot read without crashing, even when the schema reports the brief broken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from campaignlint.domain import is_number, parse_date
from campaignlint.i18n import Message
from campaignlint.loader import LoadedDocument, join_pointer, unescape_pointer_token
from campaignlint.model import Edit, Position, Problem, Severity

_MISSING = object()


class Brief:
    """A parsed brief. ``data`` is plain JSON-like Python data (dicts, lists, str, numbers)."""

    def __init__(
        self,
        document: LoadedDocument,
        *,
        path: str = "<string>",
        today: dt.date | None = None,
    ) -> None:
        self.document = document
        self.data: Any = document.data
        self.path = path
        self.today = today or dt.date.today()
        # Influencer index -> the creator-roster entry merged into it (campaignlint.roster).
        self.roster_matches: dict[int, Any] = {}

    # --- reading ---------------------------------------------------------------------------

    def get(self, pointer: str, default: Any = None) -> Any:
        """The value at ``pointer`` (``/campaign/budget/amount``), or ``default``."""
        node: Any = self.data
        if pointer in ("", "/"):
            return node
        for raw in pointer.lstrip("/").split("/"):
            token = unescape_pointer_token(raw)
            if isinstance(node, dict):
                node = node.get(token, _MISSING)
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                return default
            if node is _MISSING:
                return default
        return node

    def has(self, pointer: str) -> bool:
        return self.get(pointer, _MISSING) is not _MISSING

    def mapping(self, pointer: str) -> dict[str, Any] | None:
        value = self.get(pointer)
        return value if isinstance(value, dict) else None

    def sequence(self, pointer: str) -> list[Any]:
        value = self.get(pointer)
        return value if isinstance(value, list) else []

    def text(self, pointer: str) -> str | None:
        value = self.get(pointer)
        return value if isinstance(value, str) else None

    def number(self, pointer: str) -> float | None:
        value = self.get(pointer)
        return value if is_number(value) else None

    def boolean(self, pointer: str) -> bool | None:
        value = self.get(pointer)
        return value if isinstance(value, bool) else None

    def date(self, pointer: str) -> dt.date | None:
        return parse_date(self.get(pointer))

    def items(self, pointer: str) -> Iterator[tuple[str, Any]]:
        """(pointer, item) for each item of the list at ``pointer``."""
        for index, item in enumerate(self.sequence(pointer)):
            yield join_pointer(pointer, index), item

    def mappings(self, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(pointer, item) for each mapping item of the list at ``pointer``; others skipped."""
        for item_pointer, item in self.items(pointer):
            if isinstance(item, dict):
                yield item_pointer, item

    def strings(self, pointer: str) -> Iterator[tuple[str, str]]:
        """(pointer, text) for each string in the list at ``pointer``; a lone string counts too."""
        value = self.get(pointer)
        if isinstance(value, str):
            yield pointer, value
            return
        for item_pointer, item in self.items(pointer):
            if isinstance(item, str):
                yield item_pointer, item

    def walk_strings(self, pointer: str = "") -> Iterator[tuple[str, str]]:
        """(pointer, text) for every string value under ``pointer``, depth first, in order."""
        stack: list[tuple[str, Any]] = [(pointer, self.get(pointer))]
        seen: set[int] = set()
        while stack:
            current, value = stack.pop()
            if isinstance(value, str):
                yield current, value
            elif isinstance(value, dict | list):
                if id(value) in seen:  # aliases share objects: visit each once
                    continue
                seen.add(id(value))
                children = (
                    list(value.items()) if isinstance(value, dict) else list(enumerate(value))
                )
                for key, child in reversed(children):
                    stack.append((join_pointer(current, key), child))

    # --- positions -------------------------------------------------------------------------

    def position(self, pointer: str) -> Position:
        """Where the value at ``pointer`` stands; the nearest existing ancestor when absent."""
        positions = self.document.positions
        current = pointer
        while True:
            found = positions.get(current)
            if found is not None:
                return found
            if not current:
                return (1, 1, 1, 1)
            current = current.rsplit("/", 1)[0]

    def key_position(self, pointer: str) -> Position:
        """Where the key of ``pointer`` stands (the value's position for list items)."""
        return self.document.key_positions.get(pointer) or self.position(pointer)

    # --- reporting -------------------------------------------------------------------------

    def problem(
        self,
        pointer: str,
        message: Message,
        fix: Message | None = None,
        *,
        severity: Severity | str | None = None,
        at_key: bool = False,
        edits: tuple[Edit, ...] = (),
    ) -> Problem:
        """A problem at ``pointer``; ``at_key`` points at the key rather than the value."""
        return Problem(
            pointer=pointer,
            message=message,
            fix=fix,
            severity=Severity(severity) if severity is not None else None,
            position=self.key_position(pointer) if at_key else self.position(pointer),
            edits=edits,
        )

    def missing(
        self,
        pointer: str,
        message: Message,
        fix: Message | None = None,
        *,
        severity: Severity | str | None = None,
    ) -> Problem:
        """A problem about an absent or empty field: at its key when present, else at the key
        of its nearest present ancestor (``content:`` for a missing ``/content/topics``)."""
        present = pointer
        while present and not self.has(present):
            present = present.rsplit("/", 1)[0]
        return Problem(
            pointer=pointer,
            message=message,
            fix=fix,
            severity=Severity(severity) if severity is not None else None,
            position=self.key_position(present) if present else (1, 1, 1, 1),
        )
