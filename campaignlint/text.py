"""Text matching with Turkish case rules.

Python's ``str.lower``/``casefold`` map ``İ`` to ``i̇`` (with a combining dot) and ``I`` to ``i``,
which is wrong for Turkish, where ``I`` is the capital of ``ı``. Briefs mix Turkish and English,
so matching folds both dotted and dotless i to plain ``i`` and drops accents: ``İstanbul``,
``ISTANBUL`` and ``istanbul`` are one city, ``#CiltBakımı`` and ``#ciltbakimi`` one tag.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks of the Latin, Greek and Cyrillic scripts (U+0300-U+036F, all but the grapheme
# joiner U+034F): what accented letters decompose into. Others are dropped one by one.
_COMMON_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Return the matching key of ``text``: Turkish-aware lower case, accents removed."""
    if text.isascii():
        return text.lower()  # the same key, without the Unicode passes
    lowered = text.replace("İ", "i").replace("I", "i").replace("ı", "i").casefold()
    decomposed = _COMMON_MARKS.sub("", unicodedata.normalize("NFKD", lowered))
    if decomposed.isascii():
        return decomposed
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


@lru_cache(maxsize=1024)
def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each folded character, the index of its original character.

    The list has one extra entry, ``len(text)``, so a match ``folded[start:end]`` quotes the
    original words as ``text[offsets[start]:offsets[end]]``. Typographic apostrophes fold to
    ``'`` so "don’t" matches "don't". The result is cached and shared: do not change the list.
    """
    plain = text.replace("’", "'")
    if plain.isascii():
        return plain.lower(), list(range(len(text) + 1))
    pieces = [fold(char) for char in plain]
    offsets = [index for index, piece in enumerate(pieces) for _char in piece]
    offsets.append(len(text))
    return "".join(pieces), offsets
