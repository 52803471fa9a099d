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

import codecs
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from campaignlint.errors import InputError
from campaignlint.i18n import Message, Plain, _, yaml_problem
from campaignlint.model import Position, Problem

MAX_DEPTH = 200
MAX_ALIAS_EXPANSION = 100_000
MAX_ALIAS_BYTES = 10_000_000  # characters of text that aliases may copy, in all
# Every value is indexed by its JSON pointer; keys that are very long and nested deep make those
# pointers grow with the square of the text, so their total length is bounded by the text's.
POINTER_CHARS_PER_CHAR = 12
POINTER_CHARS_FLOOR = 1_000_000

_TAG_PREFIX = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (
    _TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null")
)
TIMESTAMP, MERGE, VALUE = (_TAG_PREFIX + name for name in ("timestamp", "merge", "value"))
MAP, SEQ = _TAG_PREFIX + "map", _TAG_PREFIX + "seq"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MERGE, VALUE}

_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def pointer_tokens(pointer: str) -> list[str]:
    """The unescaped reference tokens of a JSON pointer: ``/a~1b/0`` -> ``["a/b", "0"]``."""
    return [unescape_pointer_token(token) for token in pointer.split("/")[1:]] if pointer else []


def resolve_pointer(data: Any, pointer: str) -> Any:
    """The value at ``pointer`` in plain data, or None when there is none."""
    node = data
    for token in pointer_tokens(pointer):
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


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


def join_pointer(parent: str, token: str | int) -> str:
    return f"{parent}/{escape_pointer_token(str(token))}"


@dataclass
class LoadedDocument:
    """A parsed brief: plain data plus where every value and key stands in the text."""

    data: Any
    text: str
    positions: dict[str, Position] = field(default_factory=dict)
    key_positions: dict[str, Position] = field(default_factory=dict)
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


def _resolve_plain(value: str) -> str:
    resolvers = _IMPLICIT.get(value[0] if value else "", []) + _IMPLICIT.get(None, [])
    for tag, regexp in resolvers:
        if regexp.match(value):
            return str(tag)
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


def _convert(tag: str, value: str) -> Any:
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


def _position(start: Any, end: Any) -> Position:
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


@dataclass
class _Frame:
    container: Any
    pointer: str
    anchor: str | None
    start: Any
    is_mapping: bool
    size: int = 1
    weight: int = 0  # characters of text in the collection, keys included
    pending_key: str | None = None
    pending_key_is_merge: bool = False
    seen_keys: dict[str, int] = field(default_factory=dict)
    merges: list[tuple[Any, Position]] = field(default_factory=list)


class _Builder:
    def __init__(self, text: str) -> None:
        self.document = LoadedDocument(data=None, text=text)
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.alias_expansion = 0
        self.alias_bytes = 0
        self.pointer_chars = 0
        self.pointer_budget = POINTER_CHARS_FLOOR + POINTER_CHARS_PER_CHAR * len(text)
        self.root_set = False
        self.documents = 0

    # pointer of the value about to be added to the top frame
    def _child_pointer(self) -> str:
        if not self.stack:
            return ""
        top = self.stack[-1]
        if top.is_mapping:
            assert top.pending_key is not None
            return join_pointer(top.pointer, top.pending_key)
        return join_pointer(top.pointer, len(top.container))

    def _expects_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].is_mapping and self.stack[-1].pending_key is None

    def scalar(self, event: Any) -> None:
        value, tag = _scalar_value(event)
        position = _position(event.start_mark, event.end_mark)
        weight = len(event.value)
        if self._expects_key():
            if event.anchor:  # an anchored key (`&a a: b`) can be reused as an alias
                self.anchors[event.anchor] = (value, 1, weight)
            self._key(value, tag, position)
            self.stack[-1].weight += weight
        else:
            if tag in (INT, FLOAT) and event.implicit[0]:
                value = self._checked_number(value, event.value, position)
            self._value(value, 1, position, event.anchor, weight=weight)

    def _checked_number(self, value: Any, written: str, position: Position) -> Any:
        """``value``, or the text as written when it is a number no rule can trust (reported)."""
        pointer = self._child_pointer()
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
        position = _position(event.start_mark, event.end_mark)
        if self._expects_key():
            if isinstance(value, dict | list):
                raise InputError(_("a list or mapping cannot be a key"), position[0], position[1])
            self._key(value, STR, position)
            self.stack[-1].weight += weight
        else:
            self._value(value, size, position, None, weight=weight)

    def start_collection(self, event: Any, is_mapping: bool) -> None:
        if self._expects_key():
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
        allowed = (None, "!", MAP if is_mapping else SEQ)
        if tag not in allowed:
            raise InputError(
                _(
                    "unsupported YAML tag {tag}: campaignlint reads plain data only",
                    tag=Plain(_short_tag(tag)),
                ),
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        pointer = self._child_pointer()
        container: Any = {} if is_mapping else []
        self.stack.append(_Frame(container, pointer, event.anchor, event.start_mark, is_mapping))

    def end_collection(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.is_mapping:
            self._apply_merges(frame)
        position = _position(frame.start, event.end_mark)
        self._value(
            frame.container,
            frame.size,
            position,
            frame.anchor,
            pointer=frame.pointer,
            weight=frame.weight,
        )

    def _key(self, value: Any, tag: str, position: Position) -> None:
        top = self.stack[-1]
        if tag == MERGE:
            top.pending_key, top.pending_key_is_merge = "<<", True
            return
        key = _key_text(value)
        pointer = join_pointer(top.pointer, key)
        if key in top.seen_keys:
            self.document.problems.append(
                Problem(
                    pointer=pointer,
                    message=_(
                        "duplicate key '{key}' (first at line {first}): YAML keeps only the last"
                        " value, so the first one is silently lost",
                        key=key,
                        first=Plain(top.seen_keys[key]),
                    ),
                    fix=_("Remove one of the two '{key}' entries, or merge them.", key=key),
                    position=position,
                )
            )
        else:
            top.seen_keys[key] = position[0]
        top.pending_key, top.pending_key_is_merge = key, False
        self._count_pointer(pointer, position)
        self.document.key_positions[pointer] = position

    def _count_pointer(self, pointer: str, position: Position) -> None:
        self.pointer_chars += len(pointer)
        if self.pointer_chars > self.pointer_budget:
            raise InputError(
                _(
                    "the brief's keys are too long or nested too deeply to check: the paths to"
                    " its values add up to more than {limit} characters",
                    limit=self.pointer_budget,
                ),
                position[0],
                position[1],
            )

    def _value(
        self,
        value: Any,
        size: int,
        position: Position,
        anchor: str | None,
        pointer: str | None = None,
        weight: int = 0,
    ) -> None:
        if pointer is None:
            pointer = self._child_pointer() if self.stack else ""
        if anchor:
            self.anchors[anchor] = (value, size, weight)
        self._count_pointer(pointer, position)
        if not self.stack:
            self.document.data = value
            self.document.positions[""] = position
            self.root_set = True
            return
        top = self.stack[-1]
        top.size += size
        top.weight += weight
        if top.is_mapping:
            if top.pending_key_is_merge:
                top.merges.append((value, position))
            else:
                assert top.pending_key is not None
                top.container[top.pending_key] = value
                self.document.positions[pointer] = position
            top.pending_key, top.pending_key_is_merge = None, False
        else:
            top.container.append(value)
            self.document.positions[pointer] = position

    def _apply_merges(self, frame: _Frame) -> None:
        for merged, position in frame.merges:
            sources = merged if isinstance(merged, list) else [merged]
            for source in sources:
                if not isinstance(source, dict):
                    raise InputError(_("'<<' merges only mappings"), position[0], position[1])
                for key, value in source.items():
                    if key not in frame.container:
                        frame.container[key] = value
                        pointer = join_pointer(frame.pointer, key)
                        self.document.positions.setdefault(pointer, position)
                        self.document.key_positions.setdefault(pointer, position)


_OCTAL_1_1 = re.compile(r"^[-+]?0[0-7_]+$")


def _suspect_number(value: Any, written: str) -> bool:
    if isinstance(value, float):
        return math.isnan(value) or math.isinf(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return bool(_OCTAL_1_1.match(written) and value != 0) or abs(value) > _LARGEST_NUMBER


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
    depth, index = 0, 0
    while match := _FLOW_SYNTAX.search(text, index):
        char, start, index = match[0], match.start(), match.end()
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


def load_text(text: str) -> LoadedDocument:
    """Parse one brief. Raises :class:`InputError` for anything that is not readable YAML data."""
    if not text.strip():
        raise InputError(_("the file is empty"))
    check_flow_nesting(text)
    builder = _Builder(text)
    parser = _PARSER(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                builder.scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                builder.start_collection(event, kind is yaml.MappingStartEvent)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                builder.end_collection(event)
            elif kind is yaml.AliasEvent:
                builder.alias(event)
            elif kind is yaml.DocumentStartEvent:
                builder.documents += 1
                if builder.documents > 1:
                    _extra_document(builder.document, event)
                    break
    except yaml.YAMLError as error:
        raise _yaml_error(error, text) from None
    finally:
        parser.dispose()
    if builder.documents == 0:
        raise InputError(_("the file holds no YAML document (only comments or blank lines)"))
    if builder.document.data is None:
        raise InputError(_("the brief is empty"), 1, 1)
    return builder.document


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
