"""Parse a brief once, keeping the position of every node.

libyaml (through PyYAML's C parser) produces events; this module builds plain Python data from
them directly, recording for every JSON pointer the position of its value and of its key. Building
from events rather than from PyYAML's node graph lets campaignlint

- report duplicate keys instead of silently keeping the last one,
- keep unquoted dates (``2026-03-01``) and times (``19:00``, which YAML 1.1 reads as the base-60
  integer 1140) as the text the author wrote,
- refuse custom and Python tags without constructing anything,
- stop YAML bombs (alias expansion) and absurd nesting early, with bounded memory and no
  recursion (PyYAML's composer recurses in C and crashes past ~100,000 levels).
"""

from __future__ import annotations

import bisect
import codecs
import gc
import itertools
import math
import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from campaignlint.errors import InputError
from campaignlint.frozen import field, record
from campaignlint.i18n import Message, Plain, _, yaml_problem
from campaignlint.model import Position, Problem
from campaignlint.pointers import (
    escape_pointer_token,
    join_pointer,
    list_index,
    pointer_from,
    pointer_tokens,
    resolve_pointer,
    unescape_pointer_token,
)

__all__ = [  # the pointer functions stay importable from here for callers not yet switched
    "LoadedDocument",
    "PositionIndex",
    "decode",
    "escape_pointer_token",
    "join_pointer",
    "load_text",
    "nearest_position",
    "pointer_tokens",
    "resolve_pointer",
    "unescape_pointer_token",
]

MAX_DEPTH = 200
MAX_ALIAS_EXPANSION = 100_000
MAX_ALIAS_BYTES = 10_000_000  # characters of text that aliases may copy, in all
# Every value is indexed by its JSON pointer; keys that are very long and nested deep make those
# pointers grow with the square of the text, so their total length is bounded by the text's.
POINTER_CHARS_PER_CHAR = 12
POINTER_CHARS_FLOOR = 1_000_000
# Characters from which a brief is kept out of the cycle collector for good, or None: only a
# short-lived process turns it on (the command line's check and its workers), never a long-lived
# one such as the language server, where anything frozen with a brief could never be collected.
LARGE_TEXT: int | None = None


def keep_large_briefs_out_of_collector(characters: int = 1_000_000) -> None:
    """For a process that ends after its run: briefs of ``characters`` or more are frozen."""
    global LARGE_TEXT
    LARGE_TEXT = characters


_TAG_PREFIX = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (
    _TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null")
)
TIMESTAMP, MERGE, VALUE = (_TAG_PREFIX + name for name in ("timestamp", "merge", "value"))
MAP, SEQ = _TAG_PREFIX + "map", _TAG_PREFIX + "seq"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MERGE, VALUE}
_NUMBER_TAGS = (INT, FLOAT)

_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def nearest_position(positions: Mapping[str, Position], pointer: str) -> Position:
    """Where the value at ``pointer`` stands; its nearest recorded ancestor's place when it is
    absent, and the document's start when none is recorded."""
    current = pointer
    while True:
        found = positions.get(current)
        if found is not None:
            return found
        if not current:
            return (1, 1, 1, 1)
        current = current.rsplit("/", 1)[0]


@record
class LoadedDocument:
    """A parsed brief: plain data plus where every value and key stands in the text."""

    data: Any
    text: str
    positions: Mapping[str, Position] = field(default_factory=dict)
    key_positions: Mapping[str, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # values the loader already reported (NaN, infinities, YAML 1.1 octal, huge integers):
    # the schema does not report them a second time
    reported_values: set[str] = field(default_factory=set)


# --- decoding -----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(raw: bytes) -> str:
    """Decode a brief's bytes: UTF-8, or UTF-8/16/32 with a byte-order mark."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    _(
                        "not valid {encoding} text despite its byte-order mark",
                        encoding=Plain(encoding.upper()),
                    )
                ) from error
    if b"\x00" in raw[:8192]:
        raise InputError(_("binary file (it contains NUL bytes), not a YAML brief"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            _(
                "not UTF-8 text (byte {byte}); save the brief as UTF-8",
                byte=Plain(f"0x{raw[error.start]:02x}"),
            ),
            line,
            column,
        ) from error


# --- scalars ------------------------------------------------------------------------------

_TIME_LIKE = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")


def _resolvers_by_first_character() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """PyYAML's implicit resolvers by the first character they apply to (the wildcard ones
    added to each): a value whose first character has none is text at once."""
    wildcard = list(_IMPLICIT.get(None, []))
    return {
        first: tuple((str(tag), regexp) for tag, regexp in [*resolvers, *wildcard])
        for first, resolvers in _IMPLICIT.items()
        if first is not None
    }


_RESOLVERS = _resolvers_by_first_character()
_WILDCARD = tuple((str(tag), regexp) for tag, regexp in _IMPLICIT.get(None, []))


def _resolve_plain(value: str) -> str:
    if value.isdigit() and value.isascii() and value[0] != "0":
        return INT  # the usual 2416774 (followers): the int pattern's, without the float one first
    tag: str
    for tag, regexp in _RESOLVERS.get(value[:1], _WILDCARD):
        if regexp.match(value):
            return tag
    return STR


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


def _to_int(text: str) -> int:
    value = text.replace("_", "")
    sign = 1
    if value[:1] in "+-":
        sign = -1 if value[0] == "-" else 1
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value.startswith("0o"):
        return sign * int(value[2:], 8)
    if value.startswith("0") and value.isdigit():
        return sign * int(value, 8)
    return sign * int(value)


def _to_float(text: str) -> float:
    value = text.replace("_", "").lower()
    sign = -1.0 if value.startswith("-") else 1.0
    if value[:1] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * math.inf
    if value == ".nan":
        return math.nan
    return sign * float(value)


def _scalar_value(event: Any) -> tuple[Any, str]:
    """The Python value of a scalar event, and its resolved tag."""
    tag, value = event.tag, event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return value, STR
        tag = _resolve_plain(value)
    if tag not in _SCALAR_TAGS:
        raise InputError(
            _(
                "unsupported YAML tag {tag}: campaignlint reads plain data only",
                tag=Plain(_short_tag(tag)),
            ),
            event.start_mark.line + 1,
            event.start_mark.column + 1,
        )
    try:
        return _convert(tag, value), tag
    except ValueError as error:
        raise InputError(
            _(
                "cannot read {value} as {tag}",
                value=Plain(repr(value[:40])),
                tag=Plain(_short_tag(tag)),
            ),
            event.start_mark.line + 1,
            event.start_mark.column + 1,
        ) from error


# Plain scalars read before (keys, platforms, common numbers): value, tag, and whether it is
# a number no rule can trust. Bounded: short texts only, cleared when full (a full cache holds
# well under a megabyte, so memory stays flat over many briefs).
_PLAIN_SCALARS: dict[str, tuple[Any, str, bool]] = {}
_PLAIN_SCALARS_LIMIT = 2048
_PLAIN_SCALAR_LENGTH = 64


def _plain_scalar(event: Any) -> tuple[Any, str, bool]:
    """What an untagged plain scalar reads as (see :data:`_PLAIN_SCALARS`)."""
    written = event.value
    value, tag = _scalar_value(event)
    read = (value, tag, tag in _NUMBER_TAGS and _suspect_number(value, written))
    if len(written) <= _PLAIN_SCALAR_LENGTH:
        if len(_PLAIN_SCALARS) >= _PLAIN_SCALARS_LIMIT:
            _PLAIN_SCALARS.clear()
        _PLAIN_SCALARS[written] = read
    return read


def _convert(tag: str, value: str) -> Any:
    if tag == STR:
        return value
    if tag == INT and value.isdigit() and value[0] != "0":  # the usual 85000
        return int(value)
    if tag == FLOAT and "_" not in value and ":" not in value and value[-1].isdigit():
        return float(value)  # the usual 6.2 (not .inf, .nan, 1_0.5 or base-60 19:00.5)
    if tag == NULL:
        if value not in ("", "~", "null", "Null", "NULL"):
            raise ValueError(value)
        return None
    if tag == BOOL:
        lowered = value.lower()
        if lowered in ("yes", "true", "on"):
            return True
        if lowered in ("no", "false", "off"):
            return False
        raise ValueError(value)
    if tag in (INT, FLOAT) and _TIME_LIKE.match(value):
        # Base-60 in YAML 1.1: `from: 19:00` is a time of day, keep it as written.
        return value
    if tag == INT:
        return _to_int(value)
    if tag == FLOAT:
        return _to_float(value)
    # Timestamps stay as the text written; rules parse the dates they need.
    return value


# --- building -----------------------------------------------------------------------------


# A place is kept as one int, the character indexes of its start and end in base
# ``len(text) + 2``: 30-40 bytes where a tuple of four numbers takes 70-130 (most of the memory
# of a large brief's positions), and two of libyaml's numbers to read per node, not four. Lines
# and columns are worked out only for the places asked for (:class:`_Lines`).
def _pack(start: Any, end: Any, lines: _Lines) -> int:
    start_index, end_index = start.index, end.index
    if end_index == lines.open_end:
        # libyaml ends a text without a final line break on a line of its own: what it places
        # there (the end of the last collections, a value left empty) stands after the text
        if start_index == end_index and start.column == 0:
            start_index += 1
        if end.column == 0:
            end_index += 1
    packed: int = start_index * lines.base + end_index
    return packed


# libyaml's line breaks (YAML 1.1): CR LF, CR, LF, NEL, LS and PS.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
_ONE = 1


class _Lines:
    """The 1-based line and column of a character index, as libyaml counts them: its index
    leaves out a byte-order mark at the start, and ``len(text) + 1`` stands for the line it
    adds after a text that does not end with a line break."""

    __slots__ = ("base", "open_end", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text = text[1:] if text.startswith("\ufeff") else text
        self.base = len(text) + 2
        # the index where that added line starts, or -1 when the text ends with a line break
        self.open_end = len(text) if text and text[-1] not in "\n\r\x85\u2028\u2029" else -1
        self.starts: list[int] | None = None  # where each line starts, made on first use

    def _line_starts(self) -> list[int]:
        text = self.text
        if any(other in text for other in _OTHER_BREAKS):
            return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
        # each line's length plus its break, summed, all in C: [0, 3, 7, ...]
        lengths = map(_ONE.__add__, map(len, text.split("\n")[:-1]))
        return [0, *itertools.accumulate(lengths)]

    def position(self, place: int) -> Position:
        start, end = divmod(place, self.base)
        return (*self._line_column(start), *self._line_column(end))

    def _line_column(self, index: int) -> tuple[int, int]:
        starts = self.starts
        if starts is None:
            starts = self.starts = self._line_starts()
        if index > len(self.text):  # the line libyaml adds after the text
            return len(starts) + 1, 1
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1


def _unpack(place: int, lines: _Lines) -> Position:
    return lines.position(place)


class _Places:
    """Where a list or mapping and its items stand in the text: a shadow of the collection,
    from which :class:`PositionIndex` answers lookups by pointer. Items are packed places
    (scalars, aliases, keys merged in) or the _Places of nested collections."""

    __slots__ = ("keys", "position", "values")

    def __init__(self, is_mapping: bool) -> None:
        self.position = 0  # packed: (1, 1, 1, 1) until the collection ends
        self.values: Any = {} if is_mapping else []
        self.keys: dict[str, int] | None = {} if is_mapping else None


class _Frame:
    """A list or mapping being read."""

    __slots__ = (
        "anchor",
        "container",
        "duplicate",
        "first_lines",
        "is_mapping",
        "key",
        "key_length",
        "merges",
        "merging",
        "places",
        "pointer_length",
        "size",
        "start",
        "token",
        "weight",
    )  # fmt: skip

    def __init__(
        self, token: str | int | None, pointer_length: int, event: Any, is_mapping: bool
    ) -> None:
        self.container: Any = {} if is_mapping else []
        self.places = _Places(is_mapping)
        self.token = token  # the key or index it will stand at in its parent (None: the root)
        self.pointer_length = pointer_length
        self.anchor: str | None = event.anchor
        self.start = event.start_mark
        self.is_mapping = is_mapping
        self.size = 1
        self.weight = 0  # characters of text in the collection, keys included
        self.key: str | None = None  # the key whose value comes next (mappings)
        self.key_length = 0  # the length of that value's pointer
        self.merging = False  # that key is a `<<` merge
        self.duplicate = False  # that key was seen before in this mapping
        self.merges: list[tuple[Any, int]] | None = None  # what `<<` keys bring (rare)
        self.first_lines: dict[str, int] | None = None  # of keys written more than once


class _Builder:
    """Builds the data and the places of its nodes from libyaml's events, in one pass.

    Pointers are not built while reading (only their lengths are counted, for the limit on
    their total): :class:`PositionIndex` finds a place by walking the shadow tree."""

    def __init__(self, text: str) -> None:
        self.document = LoadedDocument(data=None, text=text)
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None
        self.root: int | _Places | None = None
        self.lines = _Lines(text)
        self.base = self.lines.base
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.anchored = 0  # open collections with an anchor: only they need sizes and weights
        self.alias_expansion = 0
        self.alias_bytes = 0
        self.pointer_chars = 0
        self.pointer_budget = POINTER_CHARS_FLOOR + POINTER_CHARS_PER_CHAR * len(text)
        # Places of values overwritten by a duplicate key, which lookups still find (rare).
        self.stale_values: dict[str, Position] = {}
        self.stale_keys: dict[str, Position] = {}
        self.documents = 0

    def finish(self) -> LoadedDocument:
        document = self.document
        tree = _Tree(self.root, self.lines, self.stale_values, self.stale_keys)
        document.positions = PositionIndex(tree)
        document.key_positions = PositionIndex(tree, keys=True)
        return document

    # --- pointers, built only for the rare problem found while reading ---------------------

    def _pointer(self, token: str | int | None = None) -> str:
        """The pointer of the open collections, and of ``token`` under the innermost one."""
        tokens = [frame.token for frame in self.stack[1:]]
        if token is not None:
            tokens.append(token)
        return pointer_from(tokens)  # type: ignore[arg-type]

    def _child_token(self) -> str | int:
        top = self.top
        assert top is not None
        if top.is_mapping:
            assert top.key is not None
            return top.key
        return len(top.container)

    def _child_pointer_length(self) -> int:
        top = self.top
        if top is None:
            return 0
        if top.is_mapping:
            return top.key_length
        return top.pointer_length + 1 + len(str(len(top.container)))

    def _too_long(self, place: int) -> None:
        position = _unpack(place, self.lines)
        raise InputError(
            _(
                "the brief's keys are too long or nested too deeply to check: the paths to"
                " its values add up to more than {limit} characters",
                limit=self.pointer_budget,
            ),
            position[0],
            position[1],
        )

    # --- events ------------------------------------------------------------------------------

    def scalar(self, event: Any) -> None:
        written, tag, plain = event.value, event.tag, event.implicit[0]
        if tag is None and not plain:  # quoted text
            value, tag, suspect = written, STR, False
        elif tag is not None or not plain:
            value, tag = _scalar_value(event)
            suspect = tag in _NUMBER_TAGS and plain and _suspect_number(value, written)
        else:
            value, tag, suspect = _PLAIN_SCALARS.get(written) or _plain_scalar(event)
        place = _pack(event.start_mark, event.end_mark, self.lines)
        top = self.top
        if top is None or not top.is_mapping:
            if suspect:
                value = self._checked_number(value, written, _unpack(place, self.lines))
            self._value(value, 1, place, event.anchor, len(written), place)
            return
        key = top.key
        simple = not (event.anchor or self.anchored)  # no sizes or weights to count
        if key is None:
            if simple and type(value) is str and tag != MERGE:
                self._text_key(top, value, place)
            else:
                if event.anchor:  # an anchored key (`&a a: b`) can be reused as an alias
                    self.anchors[event.anchor] = (value, 1, len(written))
                self._key(value, tag == MERGE, place, len(written))
            return
        if suspect:
            value = self._checked_number(value, written, _unpack(place, self.lines))
        if simple and not (top.merging or top.duplicate):  # the usual `key: value`
            self.pointer_chars += top.key_length
            if self.pointer_chars > self.pointer_budget:
                self._too_long(place)
            top.container[key] = value
            top.places.values[key] = place
            top.key = None
            return
        self._value(value, 1, place, event.anchor, len(written), place)

    def _text_key(self, top: _Frame, key: str, place: int) -> None:
        """:meth:`_key` for the usual key: text, not anchored, not a merge."""
        keys = top.places.keys
        assert keys is not None
        if key in keys or "/" in key or "~" in key:
            self._key(key, False, place, len(key))
            return
        top.key, top.merging, top.duplicate = key, False, False
        length = top.key_length = top.pointer_length + 1 + len(key)
        self.pointer_chars += length
        if self.pointer_chars > self.pointer_budget:
            self._too_long(place)
        keys[key] = place

    def _checked_number(self, value: Any, written: str, position: Position) -> Any:
        """``value``, or the text as written when it is a number no rule can trust (reported)."""
        pointer = self._pointer(self._child_token()) if self.top is not None else ""
        if "/x-" in pointer:  # data of the team's own: free, as in the schema
            return value
        problem = _lying_number(value, written, pointer)
        if problem is None:
            return value
        message, fix = problem
        self.document.problems.append(Problem(pointer, message, fix, position=position))
        self.document.reported_values.add(pointer)
        return written

    def alias(self, event: Any) -> None:
        if event.anchor not in self.anchors:
            raise InputError(
                _("unknown alias {alias}", alias=Plain(f"*{event.anchor}")),
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        value, size, weight = self.anchors[event.anchor]
        self.alias_expansion += size
        self.alias_bytes += weight
        if self.alias_expansion > MAX_ALIAS_EXPANSION:
            raise InputError(
                _(
                    "aliases expand past {limit} nodes (a YAML bomb?); refusing to read on",
                    limit=MAX_ALIAS_EXPANSION,
                ),
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        if self.alias_bytes > MAX_ALIAS_BYTES:
            raise InputError(
                _(
                    "aliases copy more than {limit} characters of text (a YAML bomb?);"
                    " refusing to read on",
                    limit=MAX_ALIAS_BYTES,
                ),
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        place = _pack(event.start_mark, event.end_mark, self.lines)
        top = self.top
        if top is not None and top.key is None and top.is_mapping:
            if isinstance(value, dict | list):
                line, column, _end_line, _end_column = _unpack(place, self.lines)
                raise InputError(_("a list or mapping cannot be a key"), line, column)
            self._key(value, False, place, weight)
        else:
            self._value(value, size, place, None, weight, place)

    def start_collection(self, event: Any, is_mapping: bool) -> None:
        top = self.top
        if top is not None and top.key is None and top.is_mapping:
            raise InputError(
                _("a list or mapping used as a key is not supported in a brief"),
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        if len(self.stack) >= MAX_DEPTH:
            raise InputError(
                _("nesting deeper than {limit} levels", limit=MAX_DEPTH),
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        tag = event.tag
        if tag is not None and tag != "!" and tag != (MAP if is_mapping else SEQ):
            raise InputError(
                _(
                    "unsupported YAML tag {tag}: campaignlint reads plain data only",
                    tag=Plain(_short_tag(tag)),
                ),
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        token = None if top is None else self._child_token()
        frame = _Frame(token, self._child_pointer_length(), event, is_mapping)
        self.stack.append(frame)
        self.top = frame
        if frame.anchor:
            self.anchored += 1

    def end_collection(self, event: Any) -> None:
        stack = self.stack
        frame = stack.pop()
        top = self.top = stack[-1] if stack else None
        if top is not None and not (frame.anchor or frame.merges or self.anchored):
            # the usual nested list or mapping: what _value does, without its general cases
            if top.is_mapping:
                if top.merging or top.duplicate:
                    self._end_collection(frame, event)
                    return
                length = top.key_length
            else:
                length = frame.pointer_length
            place = _pack(frame.start, event.end_mark, self.lines)
            places = frame.places
            places.position = place
            self.pointer_chars += length
            if self.pointer_chars > self.pointer_budget:
                self._too_long(place)
            if top.is_mapping:
                top.container[top.key] = frame.container
                top.places.values[top.key] = places
                top.key = None
            else:
                top.container.append(frame.container)
                top.places.values.append(places)
            return
        self._end_collection(frame, event)

    def _end_collection(self, frame: _Frame, event: Any) -> None:
        if frame.anchor:
            self.anchored -= 1
        if frame.merges:
            self._apply_merges(frame, frame.merges)
        place = _pack(frame.start, event.end_mark, self.lines)
        frame.places.position = place
        self._value(
            frame.container,
            frame.size,
            place,
            frame.anchor,
            frame.weight,
            frame.places,
            frame.pointer_length,
        )

    def _key(self, value: Any, is_merge: bool, place: int, weight: int) -> None:
        top = self.top
        assert top is not None
        if self.anchored:
            top.weight += weight
        if is_merge:
            top.key, top.key_length, top.merging = "<<", top.pointer_length + 3, True
            return
        key = value if type(value) is str else _key_text(value)
        keys = top.places.keys
        assert keys is not None
        top.duplicate = key in keys
        if top.duplicate:
            first_line = _unpack(keys[key], self.lines)[0]
            self._duplicate_key(top, key, first_line, _unpack(place, self.lines))
        top.key, top.merging = key, False
        escaped = len(key) if "/" not in key and "~" not in key else len(escape_pointer_token(key))
        top.key_length = top.pointer_length + 1 + escaped
        self.pointer_chars += top.key_length
        if self.pointer_chars > self.pointer_budget:
            self._too_long(place)
        keys[key] = place

    def _duplicate_key(self, top: _Frame, key: str, line: int, position: Position) -> None:
        if top.first_lines is None:
            top.first_lines = {}
        first = top.first_lines.setdefault(key, line)
        self.document.problems.append(
            Problem(
                pointer=self._pointer(key),
                message=_(
                    "duplicate key '{key}' (first at line {first}): YAML keeps only the last"
                    " value, so the first one is silently lost",
                    key=key,
                    first=Plain(first),
                ),
                fix=_("Remove one of the two '{key}' entries, or merge them.", key=key),
                position=position,
            )
        )

    def _value(
        self,
        value: Any,
        size: int,
        packed: int,
        anchor: str | None,
        weight: int,
        place: int | _Places,
        pointer_length: int = -1,
    ) -> None:
        """Add a finished value (at ``packed``) to the open collection; ``place`` is what its
        places keep of it: ``packed`` itself, or the _Places of a collection."""
        if anchor:
            self.anchors[anchor] = (value, size, weight)
        top = self.top
        if top is None:
            self.document.data = value
            self.root = place
            return
        if self.anchored:
            top.size += size
            top.weight += weight
        if not top.is_mapping:
            container = top.container
            if pointer_length < 0:
                pointer_length = top.pointer_length + 1 + len(str(len(container)))
            self.pointer_chars += pointer_length
            if self.pointer_chars > self.pointer_budget:
                self._too_long(packed)
            container.append(value)
            top.places.values.append(place)
            return
        self.pointer_chars += top.key_length  # the value's pointer is its key's
        if self.pointer_chars > self.pointer_budget:
            self._too_long(packed)
        if top.merging:
            if top.merges is None:
                top.merges = []
            top.merges.append((value, packed))
            self._keep_overwritten("<<", place)  # what is under it stays found, as written
            top.key, top.merging = None, False
            return
        key = top.key
        if top.duplicate:
            self._keep_overwritten(key, top.places.values.get(key))
        top.container[key] = value
        top.places.values[key] = place
        top.key = None

    def _keep_overwritten(self, key: Any, replaced: int | _Places | None) -> None:
        """Remember the places under a value that is not kept in the tree (one a duplicate key
        replaces, or one merged in with ``<<``): lookups still find them."""
        if isinstance(replaced, _Places):
            pointer = self._pointer(key)
            values, keys = _tables(replaced, self.lines)
            for inner, position in values.items():
                if inner:  # the value itself is replaced by the new one
                    self.stale_values[pointer + inner] = position
            for inner, position in keys.items():
                self.stale_keys[pointer + inner] = position

    def _apply_merges(self, frame: _Frame, merges: list[tuple[Any, int]]) -> None:
        places = frame.places
        keys = places.keys
        assert keys is not None
        for merged, packed in merges:
            sources = merged if isinstance(merged, list) else [merged]
            for source in sources:
                if not isinstance(source, dict):
                    line, column, _end_line, _end_column = _unpack(packed, self.lines)
                    raise InputError(_("'<<' merges only mappings"), line, column)
                for key, value in source.items():
                    if key not in frame.container:
                        frame.container[key] = value
                        self._merged_place(places, key, packed)

    def _merged_place(self, places: _Places, key: str, packed: int) -> None:
        stale = self.stale_values or self.stale_keys
        pointer = self._pointer(key) if stale else ""
        if key not in places.values and not (stale and pointer in self.stale_values):
            places.values[key] = packed
        assert places.keys is not None
        if key not in places.keys and not (stale and pointer in self.stale_keys):
            places.keys[key] = packed


def _children(places: _Places) -> Iterator[tuple[Any, Any]]:
    if places.keys is None:
        return enumerate(places.values)
    return iter(places.values.items())


class _Tree:
    """The places of one document, shared by its two position indexes; turned into two
    tables (in one pass) when something asks for every position."""

    def __init__(
        self,
        root: int | _Places | None,
        lines: _Lines,
        stale_values: dict[str, Position],
        stale_keys: dict[str, Position],
    ) -> None:
        self.root = root
        self.lines = lines
        self.stale_values = stale_values
        self.stale_keys = stale_keys
        self.tables: tuple[dict[str, Position], dict[str, Position]] | None = None
        self.parents: dict[str, _Places] = {}  # see _PARENTS_KEPT

    def build_tables(self) -> tuple[dict[str, Position], dict[str, Position]]:
        if self.tables is None:
            values, keys = _tables(self.root, self.lines)
            for table, stale in ((values, self.stale_values), (keys, self.stale_keys)):
                for pointer, position in stale.items():
                    table.setdefault(pointer, position)
            self.tables = values, keys
            self.root = None  # the tables answer from now on
            self.parents.clear()
        return self.tables


def _tables(
    root: int | _Places | None, lines: _Lines
) -> tuple[dict[str, Position], dict[str, Position]]:
    """Every (pointer, position) of the values and of the keys under ``root``, in one walk."""
    values: dict[str, Position] = {}
    keys: dict[str, Position] = {}
    if root is None:
        return values, keys
    if not isinstance(root, _Places):
        values[""] = _unpack(root, lines)
        return values, keys
    stack: list[tuple[str, _Places, Iterator[Any]]] = [("", root, _children(root))]
    while stack:
        pointer, node, children = stack[-1]
        node_keys = node.keys
        for token, child in children:
            if node_keys is None:
                child_pointer = f"{pointer}/{token}"
            else:
                child_pointer = f"{pointer}/{escape_pointer_token(token)}"
                key = node_keys.get(token)
                if key is not None:
                    keys[child_pointer] = _unpack(key, lines)
            if isinstance(child, _Places):
                stack.append((child_pointer, child, _children(child)))
                break
            values[child_pointer] = _unpack(child, lines)
        else:
            stack.pop()
            values[pointer] = _unpack(node.position, lines)  # a collection after its items
    return values, keys


class PositionIndex(Mapping[str, Position]):
    """Where the values (or, with ``keys``, the keys) of a brief stand, by JSON pointer.

    A lookup walks the shadow tree the loader built, so no pointer is made for the many nodes
    no finding points at; iterating builds the tables of both indexes once, in one walk."""

    def __init__(self, tree: _Tree, keys: bool = False) -> None:
        self._tree = tree
        self._keys = keys

    def get(self, pointer: str, default: Any = None) -> Any:
        tree = self._tree
        if tree.tables is not None:
            return tree.tables[self._keys].get(pointer, default)
        found = self._find(pointer)
        if found is None:
            stale = tree.stale_keys if self._keys else tree.stale_values
            found = stale.get(pointer) if stale else None
        return default if found is None else found

    def __getitem__(self, pointer: str) -> Position:
        found = self.get(pointer)
        if found is None:
            raise KeyError(pointer)
        return found  # type: ignore[no-any-return]

    def __contains__(self, pointer: object) -> bool:
        return isinstance(pointer, str) and self.get(pointer) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def _all(self) -> dict[str, Position]:
        return self._tree.build_tables()[self._keys]

    def _find(self, pointer: str) -> Position | None:
        tree = self._tree
        node, lines = tree.root, tree.lines
        if not pointer:
            if self._keys or node is None:
                return None
            return _unpack(node.position if isinstance(node, _Places) else node, lines)
        if pointer[0] != "/":
            return None
        parent_pointer, _slash, raw = pointer.rpartition("/")
        parent = tree.parents.get(parent_pointer) or _collection_at(tree, parent_pointer)
        if parent is None:
            return None
        if parent.keys is None:
            index = list_index(raw)
            if index is None or index >= len(parent.values) or self._keys:
                return None
            child = parent.values[index]
        else:
            token = unescape_pointer_token(raw)
            if token is not raw and escape_pointer_token(token) != raw:
                return None  # not how the loader writes this key's pointer
            if self._keys:
                key = parent.keys.get(token)
                return None if key is None else _unpack(key, lines)
            child = parent.values.get(token)
        if child is None:
            return None
        return _unpack(child.position if isinstance(child, _Places) else child, lines)


# Collections found by pointer, kept for the next lookups (rules look up several fields of one
# creator in a row); a bounded number, so memory does not grow with the brief's findings.
_PARENTS_KEPT = 256


def _collection_at(tree: _Tree, pointer: str) -> _Places | None:
    """The places of the list or mapping at ``pointer``, if there is one (kept for later)."""
    found = tree.parents.get(pointer)
    if found is not None:
        return found
    node: int | _Places | None = tree.root
    if pointer:
        parent_pointer, _slash, raw = pointer.rpartition("/")
        parent = _collection_at(tree, parent_pointer)
        if parent is None:
            return None
        if parent.keys is None:
            index = list_index(raw)
            if index is None or index >= len(parent.values):
                return None
            node = parent.values[index]
        else:
            token = unescape_pointer_token(raw)
            if token is not raw and escape_pointer_token(token) != raw:
                return None  # not how the loader writes this key's pointer
            node = parent.values.get(token)
    if not isinstance(node, _Places):
        return None
    if len(tree.parents) >= _PARENTS_KEPT:
        tree.parents.clear()
    tree.parents[pointer] = node
    return node


_OCTAL_1_1 = re.compile(r"^[-+]?0[0-7_]+$")


def _suspect_number(value: Any, written: str) -> bool:
    if isinstance(value, float):
        return math.isnan(value) or math.isinf(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    if written[:1] in _NONZERO_DIGITS and len(written) < 300 and written.isdigit():
        return False  # the usual 2416774: not octal, far below the largest float
    return bool(_OCTAL_1_1.match(written) and value != 0) or abs(value) > _LARGEST_NUMBER


_NONZERO_DIGITS = frozenset("123456789")


def _lying_number(value: Any, written: str, pointer: str) -> tuple[Message, Message] | None:
    """Why a number read from ``written`` cannot be trusted (message, fix), or None."""
    if not _suspect_number(value, written):
        return None
    from campaignlint.validation import pointer_label

    field = Plain(pointer_label(pointer))
    shown = Plain(written)
    if isinstance(value, float) and math.isnan(value):
        return (
            _(
                "{field} is {value}, 'not a number' in YAML: no check can use it",
                field=field,
                value=shown,
            ),
            _("Write the number, or leave the field out."),
        )
    if isinstance(value, float):
        return (
            _("{field} is {value}, infinity in YAML, not a real number", field=field, value=shown),
            _("Write the number, or leave the field out."),
        )
    if _OCTAL_1_1.match(written):
        return (
            _(
                "{field} is written {value}, which YAML 1.1 reads as the octal number {octal}",
                field=field,
                value=shown,
                octal=Plain(value),
            ),
            _(
                "Write it without the leading zero ({plain}), or in quotes if it is text.",
                plain=Plain(written.replace("_", "").lstrip("+-0") or "0"),
            ),
        )
    return (
        _(
            "{field} is a number of {digits} digits, too large to be a real amount",
            field=field,
            digits=Plain(len(written.strip("+-").replace("_", ""))),
        ),
        _("Write the real number."),
    )


_LARGEST_NUMBER = sys.float_info.max  # past this, a number cannot be compared with a float


def _key_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _yaml_error(error: yaml.YAMLError, text: str) -> InputError:
    if isinstance(error, yaml.reader.ReaderError):
        index = max(0, min(int(error.position), len(text)))
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        character = error.character
        code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
        return InputError(
            _(
                "invalid YAML: character {code} is not allowed in YAML text",
                code=Plain(f"#x{code:04x}"),
            ),
            line,
            column,
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        tab = _indenting_tab(text, mark.line)
        if tab is not None:
            return InputError(
                _("invalid YAML: a tab is used for indentation; YAML allows only spaces there"),
                mark.line + 1,
                tab + 1,
            )
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = _("invalid YAML: {problem}", problem=yaml_problem(str(problem)))
    if context:
        message = _(
            "invalid YAML: {problem} ({context})",
            problem=yaml_problem(str(problem)),
            context=yaml_problem(str(context)),
        )
    if mark is not None:
        return InputError(message, mark.line + 1, mark.column + 1)
    return InputError(message)


def _indenting_tab(text: str, line_index: int) -> int | None:
    """The 0-based column of a tab in the indentation of line ``line_index``, if any: libyaml
    then says only "found character that cannot start any token"."""
    lines = text.splitlines()
    if not 0 <= line_index < len(lines):
        return None
    line = lines[line_index]
    indentation = line[: len(line) - len(line.lstrip(" \t"))]
    column = indentation.find("\t")
    return column if column >= 0 and line.strip() else None


_FLOW_SYNTAX = re.compile(r"[\[{\]}'\"#]")


def check_flow_nesting(text: str, limit: int = MAX_DEPTH) -> None:
    """Refuse ``[[[[...`` nested past ``limit`` before the YAML parser sees it: libyaml scans
    ahead and has a nesting limit of its own (1,000 since 0.2.6), which would otherwise decide
    the message. Quoted text, comments and plain text do not count; a cheap bracket count skips
    the scan for any ordinary brief."""
    if text.count("[") + text.count("{") <= limit:
        return
    depth, index = 0, 0  # index: where the scan goes on (past a string or a comment)
    for match in _FLOW_SYNTAX.finditer(text):
        start = match.start()
        if start < index:
            continue
        char, index = match[0], start + 1
        before = text[start - 1] if start else "\n"
        # Outside a flow collection an indicator starts a token only after a space or a line
        # start (`a[b` is plain text); inside one, `[`, `{` and `,`/`:` separate tokens too.
        starts_token = before.isspace() or (depth > 0 and before in "[{,:")
        if char in "[{" and (starts_token or depth > 0):
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, start) + 1
                column = start - text.rfind("\n", 0, start)
                raise InputError(_("nesting deeper than {limit} levels", limit=limit), line, column)
        elif char in "]}" and depth > 0:
            depth -= 1
        elif char == "#" and before.isspace():
            index = _end_of_line(text, index)
        elif char == "'" and starts_token:
            index = _end_of_single_quoted(text, index)
        elif char == '"' and starts_token:
            index = _end_of_double_quoted(text, index)


def _end_of_line(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _end_of_single_quoted(text: str, index: int) -> int:
    while (end := text.find("'", index)) >= 0:
        if text.startswith("''", end):
            index = end + 2
            continue
        return end + 1
    return len(text)


def _end_of_double_quoted(text: str, index: int) -> int:
    while (end := text.find('"', index)) >= 0:
        escapes = 0
        while end - escapes - 1 >= index and text[end - escapes - 1] == "\\":
            escapes += 1
        if escapes % 2:
            index = end + 1
            continue
        return end + 1
    return len(text)


def _read_events(parser: Any, builder: _Builder) -> None:
    scalar, alias = builder.scalar, builder.alias
    start, end = builder.start_collection, builder.end_collection
    get_event = parser.get_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    known_plain = _PLAIN_SCALARS.get
    stack, new_frame = builder.stack, _Frame
    lines, budget = builder.lines, builder.pointer_budget
    base, open_end = lines.base, lines.open_end
    while (event := get_event()) is not None:
        kind = type(event)
        if kind is scalar_event:
            # Inline, the usual untagged `key: value` in a mapping with no anchors around
            # (most of a brief's events); anything else goes through builder.scalar.
            top = builder.top
            if top is None or event.tag is not None or event.anchor or builder.anchored:
                scalar(event)
                continue
            written = event.value
            if event.implicit[0]:
                value, tag, suspect = known_plain(written) or _plain_scalar(event)
            else:  # quoted text
                value, tag, suspect = written, STR, False
            if not top.is_mapping:  # an item of a list
                if suspect:
                    scalar(event)
                    continue
                first, last = event.start_mark.index, event.end_mark.index
                if last == open_end:
                    place = _pack(event.start_mark, event.end_mark, lines)
                else:
                    place = first * base + last
                container = top.container
                builder.pointer_chars += top.pointer_length + 1 + len(str(len(container)))
                if builder.pointer_chars > budget:
                    builder._too_long(place)
                container.append(value)
                top.places.values.append(place)
                continue
            key = top.key
            if key is None:
                keys = top.places.keys
                if (
                    type(value) is not str
                    or tag == MERGE
                    or value in keys  # type: ignore[operator]
                    or "/" in value
                    or "~" in value
                ):
                    scalar(event)
                    continue
                top.key, top.merging, top.duplicate = value, False, False
                length = top.key_length = top.pointer_length + 1 + len(value)
            elif suspect or top.merging or top.duplicate:
                scalar(event)
                continue
            else:
                length = top.key_length
            first, last = event.start_mark.index, event.end_mark.index
            if last == open_end:
                place = _pack(event.start_mark, event.end_mark, lines)
            else:
                place = first * base + last
            builder.pointer_chars += length
            if builder.pointer_chars > budget:
                builder._too_long(place)
            if key is None:
                keys[value] = place  # type: ignore[index]
            else:
                top.container[key] = value
                top.places.values[key] = place
                top.key = None
        elif kind is mapping_start or kind is sequence_start:
            # Inline, the usual untagged, unanchored list or mapping inside another one, at a
            # key or in a list; anything else (and any error) goes through builder.start.
            top = builder.top
            if top is None or event.tag is not None or event.anchor or len(stack) >= MAX_DEPTH:
                start(event, kind is mapping_start)
            elif top.is_mapping:
                key = top.key
                if key is None:
                    start(event, kind is mapping_start)
                    continue
                frame = new_frame(key, top.key_length, event, kind is mapping_start)
                stack.append(frame)
                builder.top = frame
            else:
                index = len(top.container)
                length = top.pointer_length + 1 + len(str(index))
                frame = new_frame(index, length, event, kind is mapping_start)
                stack.append(frame)
                builder.top = frame
        elif kind is mapping_end or kind is sequence_end:
            end(event)
        elif kind is alias_event:
            alias(event)
        elif kind is yaml.DocumentStartEvent:
            builder.documents += 1
            if builder.documents > 1:
                _extra_document(builder.document, event)
                return


def load_text(text: str) -> LoadedDocument:
    """Parse one brief. Raises :class:`InputError` for anything that is not readable YAML data."""
    if not text.strip():
        raise InputError(_("the file is empty"))
    check_flow_nesting(text)
    builder = _Builder(text)
    parser = _PARSER(text)
    # Reading makes only new, acyclic containers: the cycle collector would scan them again and
    # again as they pile up (a quarter of the time of a large brief) and can find nothing.
    collecting = gc.isenabled()
    large = collecting and LARGE_TEXT is not None and len(text) >= LARGE_TEXT
    if large:
        gc.collect()  # what is garbage now is not frozen with the brief below
    gc.disable()
    try:
        _read_events(parser, builder)
    except yaml.YAMLError as error:
        raise _yaml_error(error, text) from None
    finally:
        parser.dispose()
        if large:
            # Out of the collector's reach for good: the young generations of a large brief
            # would otherwise be walked once more by each of the next collections (half a
            # second for 10,000 creators). Its acyclic containers are still freed when no
            # longer used.
            gc.freeze()
        if collecting:
            gc.enable()
    if builder.documents == 0:
        raise InputError(_("the file holds no YAML document (only comments or blank lines)"))
    if builder.document.data is None:
        raise InputError(_("the brief is empty"), 1, 1)
    return builder.finish()


def _extra_document(document: LoadedDocument, event: Any) -> None:
    line = event.start_mark.line + 1
    document.problems.append(
        Problem(
            pointer="",
            message=_(
                "the file holds more than one YAML document; campaignlint checks only the first"
            ),
            fix=_("Put each brief in a file of its own."),
            position=(line, 1, line, 1),
        )
    )
