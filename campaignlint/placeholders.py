"""Placeholders left in a brief: template blanks and notes such as TODO, XXX, ``{{name}}``.

One place for what counts, shared by ``placeholder-text`` (which reports them) and
``hashtag-strategy`` (which does not also call a placeholder tag malformed or duplicate).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from campaignlint.text import fold, fold_with_offsets

# Matched as written in any case, with Turkish rules and without accents; a marker that starts
# or ends with a letter matches whole words only ("TODO" not in "todos").
MARKERS = (
    "lorem ipsum",
    "TODO",
    "[TBD]",
    "TBD",
    "FIXME",
    "<insert",
    "[brand]",
    "[name]",
    "???",
    "to be confirmed",
    "to be decided",
    "sonra belirlenecek",
    "belirlenecek",
    "eklenecek",
    "doldurulacak",
    "[marka]",
    "[isim]",
    "[tarih]",
)

# Blanks matched as written (case matters): upper-case XX/XXX/XXXX/TBC as whole words (not
# "XXL", "#XXXsale" or a longer handle such as "@XX.studio"; "@XXX" alone is a blank handle),
# an unfilled merge field ("{{name}}"), runs of four or more dots or two or more "…" not
# attached to a word on their left (a blank to fill in, unlike "Wait...."), and three or more
# underscores.
UPPER_CASE_MARKERS = ("XXXX", "XXX", "XX", "TBC")
_BLANKS = re.compile(
    r"\{\{[^{}\n]*\}\}"
    r"|(?<![\w.…])[.…]*(?:\.{4}|…[.…]*…)[.…]*"
    r"|_{3,}"
)
# Cheap tests that rule the blanks out for most text.
_BLANK_HINTS = ("{{", "....", "…", "___")


@lru_cache(maxsize=8)
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = []
    for marker in sorted(markers, key=len, reverse=True):
        escaped = re.escape(fold(marker))
        if marker[:1].isalnum():
            escaped = r"\b" + escaped
        if marker[-1:].isalnum():
            escaped += r"\b"
        parts.append(escaped)
    return re.compile("|".join(parts)) if parts else None


@lru_cache(maxsize=8)
def _folded_markers(markers: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(marker, its folded text): the same markers for every brief of a run."""
    return tuple((marker, fold(marker)) for marker in markers)


@lru_cache(maxsize=8)
def _upper_case_pattern(markers: tuple[str, ...]) -> re.Pattern[str] | None:
    if not markers:
        return None
    words = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    # Not part of a longer handle ("@XX.studio"); a blank handle ("@XXX") is a placeholder.
    return re.compile(rf"(?<!\w)(?<!@)(?:{words})(?!\w)|(?<=@)(?:{words})(?![\w.])")


def may_contain(
    text: str,
    markers: Sequence[str] = MARKERS,
    upper_case_markers: Sequence[str] = UPPER_CASE_MARKERS,
) -> bool:
    """False when ``text`` (often every value of a brief joined) surely holds no placeholder."""
    folded = fold(text)
    return (
        any(fold(marker) in folded for marker in markers)
        or any(marker in text for marker in upper_case_markers)
        or any(hint in text for hint in _BLANK_HINTS)
    )


def find(
    text: str,
    markers: Sequence[str] = MARKERS,
    upper_case_markers: Sequence[str] = UPPER_CASE_MARKERS,
) -> list[str]:
    """The placeholders in ``text`` as written, in order, each once (ignoring case)."""
    spans: list[tuple[int, int]] = []
    pattern = _marker_pattern(tuple(markers))
    if pattern is not None:
        folded, offsets = fold_with_offsets(text)
        for match in pattern.finditer(folded):
            start, end = offsets[match.start()], offsets[match.end()]
            spans.append((start, _through_closing_bracket(text, start, end)))
    upper = _upper_case_pattern(tuple(upper_case_markers))
    if upper is not None:
        spans.extend(match.span() for match in upper.finditer(text))
    if "{{" in text or "...." in text or "…" in text or "___" in text:  # _BLANK_HINTS
        spans.extend(match.span() for match in _BLANKS.finditer(text))
    if not spans:
        return []  # most text: nothing to order
    found: list[str] = []
    keys: set[str] = set()
    covered = -1
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < covered:
            continue  # inside a placeholder already taken ("TBD" in "[TBD]")
        covered = end
        if fold(text[start:end]) not in keys:  # "tbd ... TBD" names it once, as first written
            keys.add(fold(text[start:end]))
            found.append(text[start:end])
    return found


def holders(
    texts: Sequence[str],
    markers: Sequence[str] = MARKERS,
    upper_case_markers: Sequence[str] = UPPER_CASE_MARKERS,
) -> list[int]:
    """The indexes of the ``texts`` that :func:`find` may find a placeholder in, in order: the
    searches of :func:`find` run once over all of them joined by line breaks (which no marker or
    blank spans), not once per text (60,000 values of a brief of 10,000 creators)."""
    if any("\n" in marker for marker in (*markers, *upper_case_markers)):
        return list(range(len(texts)))
    joined = "\n".join(texts)
    found: set[int] = set()
    folded = fold(joined.replace("’", "'"))  # what find() searches, text by text
    # only the markers that occur at all: one pattern of 18 is several times slower
    pattern = _marker_pattern(
        tuple(m for m, key in _folded_markers(tuple(markers)) if key in folded)
    )
    if pattern is not None:
        found.update(_lines(folded, [match.start() for match in pattern.finditer(folded)]))
    spans: list[int] = []
    upper = _upper_case_pattern(tuple(m for m in upper_case_markers if m in joined))
    if upper is not None:
        spans.extend(match.start() for match in upper.finditer(joined))
    if any(hint in joined for hint in _BLANK_HINTS):
        spans.extend(match.start() for match in _BLANKS.finditer(joined))
    found.update(_lines(joined, spans))
    if not found:
        return []
    first_lines = list(itertools.accumulate((text.count("\n") + 1 for text in texts), initial=0))
    return sorted({bisect.bisect_right(first_lines, line) - 1 for line in found})


def _lines(text: str, positions: list[int]) -> list[int]:
    """The 0-based line of ``text`` each of ``positions`` is on."""
    if not positions:
        return []
    breaks = [match.start() for match in re.finditer("\n", text)]
    return [bisect.bisect_left(breaks, position) for position in positions]


def _through_closing_bracket(text: str, start: int, end: int) -> int:
    """``<insert brand name>`` is quoted whole, not as ``<insert``."""
    if text[start] != "<":
        return end
    closing = text.find(">", end)
    if closing != -1 and "<" not in text[end:closing] and "\n" not in text[end:closing]:
        return closing + 1
    return end
