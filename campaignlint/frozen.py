"""Small read-only value classes without the import-time cost of ``@dataclass(frozen=True)``.

A frozen dataclass writes and compiles six methods (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__``, ``__delattr__``) when its module is imported: about 1 ms a class
on every run, even a pre-commit run on one brief. The message values every run imports
(:mod:`campaignlint.i18n`) use this base instead: it gives the same equality, hashing, repr and
read-only attributes from the ``_fields`` a subclass names; the subclass writes its ``__init__``.
"""

from __future__ import annotations

from typing import Any, ClassVar


class FrozenValue:
    """Equal and hashable by its ``_fields`` (and its class), read-only, shown like a dataclass."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")
