"""Text matching with Turkish case rules.

Python's ``str.lower``/``casefold`` map ``İ`` to ``i̇`` (with a combining dot) and ``I`` to ``i``,
which is wrong for Turkish, where ``I`` is the capital of ``ı``. Briefs mix Turkish and English,
so matching folds both dotted and dotless i to plain ``i`` and drops accents: ``İstanbul``,
``ISTANBUL`` and ``istanbul`` are one city, ``#CiltBakımı`` and ``#ciltbakimi`` one tag.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
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


class PhraseFilter:
    """Rules out, with a few substring checks, the phrases that cannot occur in a folded text.

    Built from ``(phrase, words)`` pairs, where ``words`` are folded words every match of the
    phrase contains literally. Each phrase is filed under one of its words (the first of four
    letters or more, else the longest); a word inside another (``reklam`` in ``#reklamdegil``)
    stands for both, so a long list needs only a dozen checks. A phrase without words is always
    a candidate. Matching itself stays with the caller's exact pattern.
    """

    def __init__(self, phrases: Iterable[tuple[str, Sequence[str]]]) -> None:
        self.order: list[str] = []
        by_word: dict[str, list[str]] = {}
        self.always: set[str] = set()
        for phrase, words in phrases:
            self.order.append(phrase)
            if not words:
                self.always.add(phrase)
                continue
            word = next((w for w in words if len(w) >= 4), max(words, key=len))
            by_word.setdefault(word, []).append(phrase)
        kept: list[str] = []
        for word in sorted(by_word, key=len):
            if not any(shorter in word for shorter in kept):
                kept.append(word)
        self.anchors: dict[str, set[str]] = {}
        for word, found in by_word.items():
            self.anchors.setdefault(next(k for k in kept if k in word), set()).update(found)

    def candidates(self, folded: str) -> list[str]:
        """The phrases that may occur in ``folded``, in the order they were given."""
        possible = set(self.always)
        for anchor, phrases in self.anchors.items():
            if anchor in folded:
                possible |= phrases
        if not possible:
            return []
        return [phrase for phrase in self.order if phrase in possible]
