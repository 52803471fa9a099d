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


def is_word_char(char: str) -> bool:
    """True for what ``\\w`` matches in a ``str`` regular expression: letters, digits, ``_``."""
    return char.isalnum() or char == "_"


class WordSequence:
    """Literal words in a row, matched in a folded text like the regular expression
    ``HEAD word1 SEP word2 ... TAIL``, without compiling one (~0.2 ms each).

    ``words`` are folded, without separators or whitespace inside; the first is a literal, a
    later ``"*"`` stands for one word (``\\w+``). ``separator`` is ``"space"`` (``\\s+``) or
    ``"joiner"`` (``[\\s_\\-]*``). ``head`` lists the characters that must not precede the
    match besides word characters (``"#"`` for ``(?<![\\w#])``). ``tail`` is ``"end"``
    (``(?!\\w)``), ``"suffix"`` (``\\w*``) or ``""`` (nothing). Every part is deterministic
    (a word never starts with a separator), so the first position that fits is the match.
    """

    def __init__(self, words: Sequence[str], separator: str, head: str, tail: str) -> None:
        if not words or not words[0] or words[0] == "*" or not all(words):
            raise ValueError("a word sequence needs a literal first word and no empty word")
        self.words = tuple(words)
        self.separator = separator
        self.head = head
        self.tail = tail

    def _is_separator(self, char: str) -> bool:
        return char.isspace() or (self.separator == "joiner" and char in "_-")

    def _match_at(self, text: str, start: int) -> int:
        """The end of a match starting at ``start``, or -1."""
        if start > 0 and (is_word_char(text[start - 1]) or text[start - 1] in self.head):
            return -1
        position = start + len(self.words[0])
        size = len(text)
        for word in self.words[1:]:
            gap = position
            while position < size and self._is_separator(text[position]):
                position += 1
            if self.separator == "space" and position == gap:
                return -1
            if word == "*":
                run = position
                while position < size and is_word_char(text[position]):
                    position += 1
                if position == run:
                    return -1
            elif text.startswith(word, position):
                position += len(word)
            else:
                return -1
        if self.tail == "suffix":
            while position < size and is_word_char(text[position]):
                position += 1
        elif self.tail == "end" and position < size and is_word_char(text[position]):
            return -1
        return position

    def search(self, text: str, start: int = 0) -> tuple[int, int] | None:
        """The first match at or after ``start`` as ``(start, end)``, or None."""
        first = self.words[0]
        position = text.find(first, start)
        while position != -1:
            end = self._match_at(text, position)
            if end != -1:
                return position, end
            position = text.find(first, position + 1)
        return None

    def find_all(self, text: str) -> list[tuple[int, int]]:
        """Every match, left to right, not overlapping (as ``finditer``)."""
        spans = []
        found = self.search(text)
        while found is not None:
            spans.append(found)
            found = self.search(text, found[1])
        return spans
