"""Text matching with Turkish case rules.

Python's ``str.lower``/``casefold`` map ``İ`` to ``i̇`` (with a combining dot) and ``I`` to ``i``,
which is wrong for Turkish, where ``I`` is the capital of ``ı``. Briefs mix Turkish and English,
so matching folds both dotted and dotless i to plain ``i`` and drops accents: ``İstanbul``,
``ISTANBUL`` and ``istanbul`` are one city, ``#CiltBakımı`` and ``#ciltbakimi`` one tag.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_TURKISH_I = str.maketrans({"İ": "i", "I": "i", "ı": "i"})


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Return the matching key of ``text``: Turkish-aware lower case, accents removed."""
    lowered = text.translate(_TURKISH_I).casefold()
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def same_text(left: str, right: str) -> bool:
    """True when two strings match under :func:`fold`."""
    return fold(left) == fold(right)


def contains_text(haystack: str, needle: str) -> bool:
    """True when ``needle`` occurs in ``haystack`` under :func:`fold`."""
    return fold(needle) in fold(haystack)


def normalize_handle(handle: str) -> str:
    """The matching key of a creator handle: without ``@``, folded."""
    return fold(handle.strip().lstrip("@"))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each folded character, the index of its original character.

    The list has one extra entry, ``len(text)``, so a match ``folded[start:end]`` quotes the
    original words as ``text[offsets[start]:offsets[end]]``. Typographic apostrophes fold to
    ``'`` so "don’t" matches "don't".
    """
    parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = fold("'" if char == "’" else char)
        parts.append(folded)
        offsets.extend([index] * len(folded))
    offsets.append(len(text))
    return "".join(parts), offsets
