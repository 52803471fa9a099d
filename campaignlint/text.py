"""Text matching with Turkish case rules.

Python's ``str.lower``/``casefold`` map ``İ`` to ``i̇`` (with a combining dot) and ``I`` to ``i``,
which is wrong for Turkish, where ``I`` is the capital of ``ı``. Briefs mix Turkish and English,
so matching folds both dotted and dotless i to plain ``i`` and drops accents: ``İstanbul``,
``ISTANBUL`` and ``istanbul`` are one city, ``#CiltBakımı`` and ``#ciltbakimi`` one tag.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

# Combining marks of the Latin, Greek and Cyrillic scripts (U+0300-U+036F, all but the grapheme
# joiner U+034F): what accented letters decompose into. Others are dropped one by one.
_COMMON_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


CACHED_TEXT_LENGTH = 256  # longer texts (a whole brief's values joined) are folded, not kept
# Entries of the caches below: enough for the texts of a brief and the words of the rules, few
# enough that a full cache holds well under a megabyte (memory stays flat over many briefs).
FOLD_CACHE_SIZE, OFFSETS_CACHE_SIZE = 1024, 256


def fold(text: str) -> str:
    """Return the matching key of ``text``: Turkish-aware lower case, accents removed."""
    if len(text) > CACHED_TEXT_LENGTH:
        return _fold(text)  # kept in no cache: memory stays flat over many briefs
    return _cached_fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()  # the same key, without the Unicode passes
    lowered = text.replace("İ", "i").replace("I", "i").replace("ı", "i").casefold()
    decomposed = _COMMON_MARKS.sub("", unicodedata.normalize("NFKD", lowered))
    if decomposed.isascii():
        return decomposed
    return "".join(itertools.filterfalse(unicodedata.combining, decomposed))


_cached_fold = lru_cache(maxsize=FOLD_CACHE_SIZE)(_fold)


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
    ``'`` so "don’t" matches "don't". The result of a short text is cached and shared: do not
    change the list.
    """
    if len(text) > CACHED_TEXT_LENGTH:
        return _fold_with_offsets(text)
    return _cached_fold_with_offsets(text)


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    plain = text.replace("’", "'")
    if plain.isascii():
        return plain.lower(), list(range(len(text) + 1))
    pieces = [fold(char) for char in plain]
    offsets = [index for index, piece in enumerate(pieces) for _char in piece]
    offsets.append(len(text))
    return "".join(pieces), offsets


_cached_fold_with_offsets = lru_cache(maxsize=OFFSETS_CACHE_SIZE)(_fold_with_offsets)


class PhraseFilter:
    """Rules out, with a few substring checks, the phrases that cannot occur in a folded text.

    Built from ``(phrase, words)`` pairs, where ``words`` are folded words every match of the
    phrase contains literally. Each phrase is filed under one of its words (the first of four
    letters or more, else the longest); a word inside another (``reklam`` in ``#reklamdegil``)
    stands for both, so a long list needs only a dozen checks. A phrase whose anchor occurs is
    a candidate when its other words occur too (``#reklam`` in a brief brings no ``reklam
    değil``). A phrase without words is always a candidate. Matching itself stays with the
    caller's exact pattern.
    """

    def __init__(self, phrases: Iterable[tuple[str, Sequence[str]]]) -> None:
        self.order: list[str] = []
        by_word: dict[str, list[str]] = {}
        self.always: set[str] = set()
        self._words: dict[str, tuple[str, ...]] = {}  # a phrase's words, longest first
        for phrase, words in phrases:
            self.order.append(phrase)
            if not words:
                self.always.add(phrase)
                continue
            self._words[phrase] = tuple(sorted(set(words), key=len, reverse=True))
            word = next((w for w in words if len(w) >= 4), max(words, key=len))
            by_word.setdefault(word, []).append(phrase)
        anchor_of = _anchors(sorted(by_word, key=len))
        self.anchors: dict[str, set[str]] = {}
        for word, found in by_word.items():
            self.anchors.setdefault(anchor_of[word], set()).update(found)

    def anchors_in(self, folded: str) -> list[str]:
        """The anchors that occur in ``folded``: for any part of it, :meth:`candidates` needs
        to look for these only (a rule checking many texts looks through them all at once)."""
        return [anchor for anchor in self.anchors if anchor in folded]

    def candidates(self, folded: str, among: Iterable[str] | None = None) -> list[str]:
        """The phrases that may occur in ``folded``, in the order they were given; ``among``:
        the only anchors that may occur in it (see :meth:`anchors_in`)."""
        possible = set(self.always)
        if among is None:
            for anchor, phrases in self.anchors.items():
                if anchor in folded:
                    possible |= phrases
        else:
            for anchor in among:
                if anchor in folded:
                    possible |= self.anchors[anchor]
        if not possible:
            return []
        found = []
        for phrase in self.order:
            if phrase in possible:
                for word in self._words.get(phrase, ()):
                    if word not in folded:
                        break
                else:
                    found.append(phrase)
        return found


def _anchors(words: list[str]) -> dict[str, str]:
    """Each of ``words`` (distinct, shortest first) to its anchor: the first word kept before it
    that is inside it; a word with none is kept as its own anchor. Each kept word is searched
    for once in all the words joined (in C), instead of testing every kept word inside every
    word (~4M instructions for a list of 150 words)."""
    if any("\n" in word for word in words):  # the joined text could not tell words apart
        kept: list[str] = []
        for word in words:
            if not any(shorter in word for shorter in kept):
                kept.append(word)
        return {word: next(k for k in kept if k in word) for word in words}
    joined = "\n".join(words)
    starts = list(itertools.accumulate((len(word) + 1 for word in words[:-1]), initial=0))
    inside: dict[int, str] = {}  # index of a word -> the first kept word found inside it
    anchors: dict[str, str] = {}
    for index, word in enumerate(words):
        anchor = inside.get(index)
        if anchor is None:  # kept: the later words it is inside have it as anchor
            anchor = word
            at = joined.find(word, starts[index] + len(word))
            while at != -1:
                inside.setdefault(bisect.bisect_right(starts, at) - 1, word)
                at = joined.find(word, at + 1)
        anchors[word] = anchor
    return anchors


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


_COMPOUND_SEPARATORS = re.compile(r"[\s_\-]+")


class Phrase:
    """A phrase of a rule's word list (or of a team's options), found in folded text: the one
    phrase matcher of the rules (over-restrictive-clauses, missing-disclosure's wording that
    hides the ad, age-content-fit's themes).

    - Text is folded with :func:`fold_with_offsets` (Turkish-aware case, no accents or other
      diacritics, ``’`` read as ``'``), and so is the phrase: ``İşbirliği`` = ``isbirligi``.
    - The phrase is words separated by whitespace; in the text they may be separated by any run
      of whitespace. With ``compound``, ``_`` and ``-`` separate the phrase's words too, and in
      the text words may be joined by whitespace, ``_``, ``-`` or nothing (``skin care`` finds
      ``skin-care`` and ``#skincare``).
    - ``*`` as a word (not the first) stands for any one word: ``read the * verbatim``. A ``*``
      at the end of the last word makes it a stem: ``komisyon*`` finds ``komisyonlu``.
    - A match starts at the start of a word: never right after a letter, digit or ``_``; and,
      when the phrase does not start with a letter or digit (``#ad``), never right after ``#``
      either, nor, without ``in_hashtags``, a phrase that does (``#not an ad`` is no match of
      ``not an ad``).
    - It ends at the end of a word (not before a letter, digit or ``_``) unless the last word
      is a stem (``stem``: all of the phrase's last words are) or the phrase ends in
      punctuation; a stem's match takes in the rest of the word.

    Use :func:`phrase_matcher` to get one (they are cached) and :class:`PhraseSet` for a list.
    """

    def __init__(
        self, text: str, *, compound: bool = False, stem: bool = False, in_hashtags: bool = True
    ) -> None:
        written = text.strip()
        stem = stem or (written.endswith("*") and not written.endswith(" *"))
        if written.endswith("*") and not written.endswith(" *"):
            written = written[:-1]
        folded = fold(written.replace("’", "'"))
        if compound:
            self.words = tuple(word for word in _COMPOUND_SEPARATORS.split(folded) if word)
        else:
            self.words = tuple(folded.split())
        self.literal_words = [word for word in self.words if word != "*"]
        first, last = (self.words[0], self.words[-1]) if self.words else ("", "")
        head = "" if in_hashtags and first[:1].isalnum() else "#"
        ends_in_word = last[-1:].isalnum()
        tail = ("suffix" if stem else "end") if ends_in_word else ""
        self._sequence: WordSequence | None = None
        self._pattern: re.Pattern[str] | None = None
        try:
            self._sequence = WordSequence(self.words, "joiner" if compound else "space", head, tail)
        except ValueError:  # a leading "*", or no words
            self._pattern = _phrase_pattern(self.words, compound, head, tail)

    def search(self, folded: str, start: int = 0) -> tuple[int, int] | None:
        """The first match in ``folded`` (a folded text) at or after ``start``, or None."""
        if self._sequence is not None:
            return self._sequence.search(folded, start)
        if self._pattern is None:
            return None
        match = self._pattern.search(folded, start)
        return match.span() if match else None

    def find_all(self, folded: str) -> list[tuple[int, int]]:
        """Every match in ``folded``, left to right, not overlapping (as ``finditer``)."""
        if self._sequence is not None:
            return self._sequence.find_all(folded)
        if self._pattern is None:
            return []
        return [match.span() for match in self._pattern.finditer(folded)]


def _phrase_pattern(
    words: Sequence[str], compound: bool, head: str, tail: str
) -> re.Pattern[str] | None:
    """What :class:`WordSequence` matches, as a regular expression, for what it cannot take."""
    if not words:
        return None
    parts = [r"\w+" if word == "*" else re.escape(word) for word in words]
    separator = r"[\s_\-]*" if compound else r"\s+"
    before = r"(?<![\w#])" if head else r"(?<!\w)"
    after = {"suffix": r"\w*", "end": r"(?!\w)", "": ""}[tail]
    return re.compile(before + separator.join(parts) + after)


@lru_cache(maxsize=2048)
def phrase_matcher(
    text: str, *, compound: bool = False, stem: bool = False, in_hashtags: bool = True
) -> Phrase:
    """The :class:`Phrase` of ``text`` (cached: phrases come from word lists)."""
    return Phrase(text, compound=compound, stem=stem, in_hashtags=in_hashtags)


class PhraseSet:
    """A list of phrases matched alike (see :class:`Phrase`), with a filter that rules out,
    with a few substring checks, those that cannot occur in a text."""

    def __init__(
        self,
        texts: Iterable[str],
        *,
        compound: bool = False,
        stem: bool = False,
        in_hashtags: bool = True,
    ) -> None:
        self.phrases = {
            text: phrase_matcher(text, compound=compound, stem=stem, in_hashtags=in_hashtags)
            for text in texts
        }
        self._filter = PhraseFilter(
            (text, found.literal_words) for text, found in self.phrases.items()
        )

    def anchors_in(self, folded: str) -> list[str]:
        """See :meth:`PhraseFilter.anchors_in`."""
        return self._filter.anchors_in(folded)

    def candidates(
        self, folded: str, among: Iterable[str] | None = None
    ) -> list[tuple[str, Phrase]]:
        """``(text, phrase)`` of the phrases that may occur in ``folded``, in the given order;
        ``among`` as for :meth:`PhraseFilter.candidates`."""
        return [(text, self.phrases[text]) for text in self._filter.candidates(folded, among)]

    def first(self, folded: str) -> tuple[str, tuple[int, int]] | None:
        """The first phrase (in the given order) found in ``folded``, and where."""
        for text, found in self.candidates(folded):
            span = found.search(folded)
            if span is not None:
                return text, span
        return None
