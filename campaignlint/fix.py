"""``--fix`` and ``--diff``: apply the safe edits rules attach to findings.

Edits are applied to a ruamel.yaml round-trip copy of the brief, so comments, key order, quoting
and indentation survive. Only the lines that change are taken from ruamel's output: the result
is merged into the original text line by line, and a file whose changed lines cannot be placed
exactly is left alone rather than reformatted. Files that did not parse are never touched.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import io
import itertools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from campaignlint.config import Config
from campaignlint.engine import FileError, FileResult, lint_file, lint_text
from campaignlint.errors import CampaignlintError
from campaignlint.i18n import Message, Plain, _
from campaignlint.model import Edit, Finding
from campaignlint.pointers import join_pointer, parent_pointer, pointer_tokens

MAX_PASSES = 5
_KEY_LINE = re.compile(r"^(\s*)[^\s#-][^#]*:\s*(#.*)?$")


class FixError(Exception):
    """The edits cannot be applied without risking the file."""

    def render(self, lang: str) -> str:
        reason = self.args[0] if self.args else ""
        return reason.render(lang) if isinstance(reason, Message) else str(reason)


@dataclass
class FixOutcome:
    path: str
    original: str
    fixed: str
    applied: int
    skipped: str | None = None  # why the fixes were not computed
    error: str | None = None  # why the fixed text could not be written

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


# --- ruamel round trip -----------------------------------------------------------------------


def _mapping_indent(text: str) -> int:
    """The most common step from a ``key:`` line to the indented mapping under it."""
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    steps: dict[int, int] = {}
    for line, following in itertools.pairwise(lines):
        match = _KEY_LINE.match(line)
        if not match or following.lstrip().startswith("- "):
            continue
        step = (len(following) - len(following.lstrip())) - len(match[1])
        if step > 0:
            steps[step] = steps.get(step, 0) + 1
    return max(steps, key=lambda step: steps[step]) if steps else 2


def _yaml_for(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    try:
        _data, sequence, offset = load_yaml_guess_indent(text)
    except Exception:
        sequence, offset = 2, 0
    sequence = sequence or 2
    offset = offset or 0
    mapping = _mapping_indent(text)
    yaml.indent(mapping=mapping, sequence=max(sequence, offset + 2), offset=offset)
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _tokens(pointer: str) -> list[str]:
    if pointer in ("", "/"):
        return []
    return pointer_tokens("/" + pointer.lstrip("/"))


def _child(container: Any, token: str, create: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if isinstance(container, dict):
        if token not in container:
            if not create:
                raise FixError(f"no {token!r}")
            container[token] = CommentedMap()
        return container[token]
    if isinstance(container, list) and token.isdigit() and int(token) < len(container):
        return container[int(token)]
    raise FixError(f"cannot reach {token!r}")


def _parent(data: Any, pointer: str, create: bool) -> tuple[Any, str]:
    tokens = _tokens(pointer)
    if not tokens:
        raise FixError("cannot edit the whole brief")
    node = data
    for token in tokens[:-1]:
        node = _child(node, token, create)
    return node, tokens[-1]


def _styled(old: Any, value: Any) -> Any:
    """``value`` written in the quoting style of the ``old`` value it replaces."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(old, ScalarString) and isinstance(value, str):
        return type(old)(value)
    return value


def _set(data: Any, pointer: str, value: Any) -> None:
    parent, token = _parent(data, pointer, create=True)
    if isinstance(parent, dict):
        parent[token] = _styled(parent.get(token), value)
    elif isinstance(parent, list) and token.isdigit() and int(token) < len(parent):
        old = parent[int(token)]
        styled = _styled(old, value)
        parent[int(token)] = _like_siblings(parent, value) if styled is value else styled
    elif isinstance(parent, list) and token in ("-", str(len(parent))):
        parent.append(value)
    else:
        raise FixError(f"cannot set {pointer}")


def _append(data: Any, pointer: str, value: Any) -> None:
    from ruamel.yaml.comments import CommentedSeq

    parent, token = _parent(data, pointer, create=True)
    if isinstance(parent, dict):
        if parent.get(token) is None:
            sequence = CommentedSeq()
            sequence.fa.set_flow_style()
            parent[token] = sequence
        target = parent[token]
    else:
        target = _child(parent, token, create=False)
    if not isinstance(target, list):
        raise FixError(f"{pointer} is not a list")
    target.append(_like_siblings(target, value))


def _like_siblings(sequence: list[Any], value: Any) -> Any:
    """A new string item quoted the way the list's other strings are."""
    from ruamel.yaml.scalarstring import ScalarString

    quoted = [item for item in sequence if isinstance(item, ScalarString)]
    return type(quoted[0])(value) if quoted and isinstance(value, str) else value


def _remove(data: Any, pointer: str) -> None:
    parent, token = _parent(data, pointer, create=False)
    if isinstance(parent, dict) and token in parent:
        del parent[token]
    elif isinstance(parent, list) and token.isdigit() and int(token) < len(parent):
        del parent[int(token)]
    else:
        raise FixError(f"nothing at {pointer}")


def _ordered(edits: Iterable[Edit]) -> list[Edit]:
    """Distinct edits: sets, then appends, then removes from the last list item backwards."""
    unique: dict[tuple[str, str, str], Edit] = {}
    for edit in edits:
        unique.setdefault((edit.op, edit.pointer, repr(edit.value)), edit)

    def removal_key(edit: Edit) -> tuple[Any, ...]:
        return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in _tokens(edit.pointer))

    sets = [e for e in unique.values() if e.op == "set"]
    appends = [e for e in unique.values() if e.op == "append"]
    removes = sorted(
        (e for e in unique.values() if e.op == "remove"), key=removal_key, reverse=True
    )
    return [*sets, *appends, *removes]


def _apply(data: Any, edit: Edit) -> None:
    if edit.op == "set":
        _set(data, edit.pointer, edit.value)
    elif edit.op == "append":
        _append(data, edit.pointer, edit.value)
    elif edit.op == "remove":
        _remove(data, edit.pointer)
    else:
        raise FixError(f"unknown edit {edit.op!r}")


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with ``edits`` applied; only the changed lines differ, every other line keeps its
    bytes, line ending included. Raises :class:`FixError`."""
    if not edits:
        return text
    plain = text.replace("\r\n", "\n")
    ordered = _ordered(edits)
    changes = [edit for edit in ordered if edit.op != "remove"]
    fixed = _apply_with_ruamel(plain, changes) if changes else plain
    for edit in (edit for edit in ordered if edit.op == "remove"):  # last item first
        removed = _remove_item_lines(fixed, edit.pointer)
        fixed = removed if removed is not None else _apply_with_ruamel(fixed, [edit])
    return restore_line_endings(text, fixed)


def _apply_with_ruamel(plain: str, edits: Sequence[Edit]) -> str:
    yaml = _yaml_for(plain)
    try:
        data = yaml.load(plain)
        before = _dump(yaml, data)
        for edit in edits:
            _apply(data, edit)
        after = _dump(yaml, data)
    except FixError:
        raise
    except Exception as error:  # ruamel refuses what PyYAML read: leave the file alone
        raise FixError(
            f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        ) from error
    merged = merge_changes(plain, before, after)
    if merged is None:
        raise FixError(_("the change cannot be made without reformatting other lines"))
    return merged


_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _ending(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""


def restore_line_endings(original: str, fixed: str) -> str:
    """``fixed`` (LF only) with every line it kept from ``original`` in its original bytes, and
    each new line ending like the line it replaces, else like most lines of the file."""
    raw = _LINES.findall(original)
    plain = [line.replace("\r\n", "\n") for line in raw]
    new = _LINES.findall(fixed)
    crlf = sum(line.endswith("\r\n") for line in raw)
    usual = "\r\n" if crlf * 2 > len(raw) else "\n"
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, plain, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(raw[i1:i2])
            continue
        for offset, line in enumerate(new[j1:j2]):
            near = raw[min(i1 + offset, i2 - 1)] if i2 > i1 else None
            ending = (_ending(near) or usual) if near is not None else usual
            out.append(line[:-1] + ending if line.endswith("\n") else line)
    return "".join(out)


def _remove_item_lines(plain: str, pointer: str) -> str | None:
    """Remove a scalar item of a block list by deleting its line, with the comment lines just
    above it (they describe it) but not the comment or blank lines after it (they belong to
    what follows). None when the item does not stand on lines of its own."""
    from campaignlint.loader import load_text

    tokens = _tokens(pointer)
    if not tokens or not tokens[-1].isdigit():
        return None
    try:
        document = load_text(plain)
    except Exception:
        return None
    index = int(tokens[-1])
    position = document.positions.get(pointer)
    if position is None or pointer + "/0" in document.positions:
        return None
    if isinstance(_value_at(document.data, tokens), dict | list):
        return None
    line, column, end_line, end_column = position
    lines = plain.splitlines(keepends=True)
    if lines[line - 1][: column - 1].strip() != "-":
        return None  # a flow list, or an item sharing its line
    after = lines[end_line - 1][end_column - 1 :].strip()
    if after and not after.startswith("#"):
        return None
    start = line - 1
    previous = (
        document.positions.get(join_pointer(parent_pointer(pointer), index - 1)) if index else None
    )
    comments = start
    while comments > 0 and lines[comments - 1].lstrip().startswith("#"):
        comments -= 1
    if previous is not None and previous[2] == comments:  # comments between two items
        start = comments
    return "".join(lines[:start] + lines[end_line:])


def _value_at(data: Any, tokens: Sequence[str]) -> Any:
    for token in tokens:
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


def merge_changes(original: str, before: str, after: str) -> str | None:
    """Apply the line changes from ``before`` to ``after`` onto ``original``, which ``before``
    reproduces except for formatting. None when a change touches a line ``before`` reformatted."""
    if before == original:
        return after
    ours, base, theirs = (t.splitlines(keepends=True) for t in (original, before, after))
    to_original: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in line_opcodes(ours, base):
        if tag == "equal":
            to_original.update({j1 + k: i1 + k for k in range(i2 - i1)})
    out: list[str] = []
    position = 0
    changes = line_opcodes(base, theirs)
    for tag, i1, i2, j1, j2 in changes:
        if tag == "equal":
            continue
        start = _anchor(to_original, i1, i2, len(ours))
        if start is None or start < position:
            return None
        out.extend(ours[position:start])
        out.extend(theirs[j1:j2])
        position = start + (i2 - i1)
    out.extend(ours[position:])
    return "".join(out)


Opcode = tuple[str, int, int, int, int]
EXACT_DIFF_LINES = 2000  # a changed middle up to this size gets difflib's minimal diff
SYNC_WINDOW = 64  # lines looked ahead on each side to find where two texts agree again


def line_opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """``difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``, in near-linear
    time: the common head and tail are matched directly, a small middle exactly, a large one
    (a big brief, many repeated lines: 286 s for one reformatted line) by resynchronising
    within a window. Every "equal" block is truly equal, so a merge on it stays correct."""
    if len(a) + len(b) <= EXACT_DIFF_LINES:
        return _exact_opcodes(a, b)
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a_end, b_end = len(a) - tail, len(b) - tail
    middle_a, middle_b = a[head:a_end], b[head:b_end]
    if len(middle_a) + len(middle_b) <= EXACT_DIFF_LINES:
        middle = _exact_opcodes(middle_a, middle_b)
    else:
        middle = _window_opcodes(middle_a, middle_b)
    opcodes: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    opcodes += [(t, i1 + head, i2 + head, j1 + head, j2 + head) for t, i1, i2, j1, j2 in middle]
    if tail:
        opcodes.append(("equal", a_end, len(a), b_end, len(b)))
    return opcodes


def _exact_opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    exact = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(str(tag), i1, i2, j1, j2) for tag, i1, i2, j1, j2 in exact.get_opcodes()]


def _window_opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    opcodes: list[Opcode] = []
    i = j = 0
    while i < len(a) or j < len(b):
        start_i, start_j = i, j
        while i < len(a) and j < len(b) and a[i] == b[j]:
            i, j = i + 1, j + 1
        if i > start_i:
            opcodes.append(("equal", start_i, i, start_j, j))
        if i == len(a) and j == len(b):
            break
        next_i, next_j = _resync(a, b, i, j)
        tag = "replace" if next_i > i and next_j > j else ("delete" if next_i > i else "insert")
        opcodes.append((tag, i, next_i, j, next_j))
        i, j = next_i, next_j
    return opcodes


def _resync(a: Sequence[str], b: Sequence[str], i: int, j: int) -> tuple[int, int]:
    """The nearest (x, y) past (i, j) where two lines in a row agree; the ends when none does
    within the window."""
    for distance in range(1, 2 * SYNC_WINDOW + 1):
        for step_a in range(distance + 1):
            x, y = i + step_a, j + distance - step_a
            if x >= len(a) or y >= len(b) or a[x] != b[y]:
                continue
            if x + 1 >= len(a) or y + 1 >= len(b) or a[x + 1] == b[y + 1]:
                return x, y
    return len(a), len(b)


def _anchor(to_original: dict[int, int], i1: int, i2: int, size: int) -> int | None:
    if i2 > i1:
        start = to_original.get(i1)
        if start is None or any(to_original.get(k) != start + k - i1 for k in range(i1, i2)):
            return None
        return start
    if i1 in to_original:
        return to_original[i1]
    if i1 - 1 in to_original:
        return to_original[i1 - 1] + 1
    return size if i1 == 0 and size == 0 else None


# --- files -----------------------------------------------------------------------------------


def fixable_edits(findings: Iterable[Finding]) -> list[Edit]:
    return [edit for finding in findings if finding.suppressed_by is None for edit in finding.edits]


def fix_text(
    text: str,
    findings: Sequence[Finding],
    *,
    path: str,
    config: Config,
    lang: str,
    today: dt.date | None,
) -> tuple[str, int]:
    """Apply the findings' edits, re-lint, and repeat while new fixes appear. Returns the fixed
    text and how many edits were applied."""
    applied = 0
    for _pass in range(MAX_PASSES):
        edits = fixable_edits(findings)
        if not edits:
            break
        fixed = apply_edits(text, edits)
        if fixed == text:
            break
        applied += len(_ordered(edits))
        text = fixed
        findings = lint_text(text, path=path, config=config, lang=lang, today=today)
    return text, applied


def fix_source(
    text: str, path: str, config: Config, lang: str, today: dt.date | None
) -> FixOutcome:
    """Fix ``text`` with the edits computed on exactly this text; never raises."""
    try:
        findings = lint_text(text, path=path, config=config, lang=lang, today=today)
        fixed, applied = fix_text(text, findings, path=path, config=config, lang=lang, today=today)
    except (FixError, CampaignlintError) as error:
        return FixOutcome(path, text, text, 0, skipped=error.render(lang))
    except Exception as error:  # a fix must never take the run down
        return FixOutcome(path, text, text, 0, skipped=f"{type(error).__name__}: {error}")
    return FixOutcome(path, text, fixed, applied)


def _decoded(raw: bytes) -> tuple[str, bytes] | None:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8"), codecs.BOM_UTF8
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # keep non-UTF-8 files byte for byte: never rewritten
    return raw.decode("utf-8"), b""


def fix_file(
    result: FileResult, config: Config, lang: str, today: dt.date | None, write: bool
) -> FixOutcome:
    """Fix one checked file: read its bytes once, compute the edits on them, and (``write``)
    replace the file only if it still holds those bytes. A symlink's target is fixed and the
    link kept; a file with hard links is rewritten in place so every name sees the fix; a
    read-only file is left alone. Never touches a file that failed to parse."""
    if result.error or not fixable_edits(result.findings):
        return FixOutcome(result.path, "", "", 0)
    target = os.path.realpath(result.path)
    try:
        with open(target, "rb") as handle:
            raw = handle.read()
        decoded = _decoded(raw)
    except (OSError, UnicodeDecodeError) as error:
        return FixOutcome(result.path, "", "", 0, skipped=str(error))
    if decoded is None:
        return FixOutcome(result.path, "", "", 0, skipped=_("not UTF-8").render(lang))
    text, bom = decoded
    outcome = fix_source(text, result.path, config, lang, today)
    if write and outcome.changed:
        problem = _write_back(target, raw, bom + outcome.fixed.encode("utf-8"))
        outcome.error = problem.render(lang) if problem is not None else None
    return outcome


def _write_back(target: str, read: bytes, data: bytes) -> Message | None:
    """Replace ``target``'s bytes ``read`` with ``data``; the reason it could not, or None."""
    from campaignlint.fs import atomic_write_bytes

    try:
        status = os.stat(target)
        if not status.st_mode & 0o222:
            return _("read-only file, not fixed")
        with open(target, "rb") as handle:
            if handle.read() != read:
                return _("the file changed while it was being fixed; not written")
        if status.st_nlink > 1:
            with open(target, "r+b") as handle:  # keep the hard links: same inode
                handle.write(data)
                handle.truncate()
                handle.flush()
                os.fsync(handle.fileno())
        else:
            atomic_write_bytes(target, data)
    except OSError as error:
        return _("cannot write: {reason}", reason=Plain(error.strerror or error))
    return None


def unified_diff(outcome: FixOutcome) -> str:
    lines = _unified_lines(
        outcome.original.splitlines(keepends=True),
        outcome.fixed.splitlines(keepends=True),
        outcome.path if outcome.path.startswith("/") else f"a/{outcome.path}",
        outcome.path if outcome.path.startswith("/") else f"b/{outcome.path}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


class _Opcodes(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """difflib's hunk grouping over :func:`line_opcodes` (near-linear, exact when small)."""

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        super().__init__(None, a, b, autojunk=False)
        self._precomputed = line_opcodes(a, b)

    def get_opcodes(self) -> list[Opcode]:  # type: ignore[override]
        return list(self._precomputed)


def _unified_lines(a: list[str], b: list[str], fromfile: str, tofile: str) -> Iterable[str]:
    """The lines of ``difflib.unified_diff(a, b, fromfile, tofile)``, from bounded opcodes."""
    for index, group in enumerate(_Opcodes(a, b).get_grouped_opcodes(3)):
        if index == 0:
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        old = _hunk_range(first[1], last[2])
        new = _hunk_range(first[3], last[4])
        yield f"@@ -{old} +{new} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])


def _hunk_range(start: int, stop: int) -> str:
    """A unified diff's ``start,length`` as difflib writes it."""
    beginning, length = start + 1, stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1  # an empty range begins before where it would be
    return f"{beginning},{length}"


def fix_results(
    results: list[FileResult],
    config_for_path: Callable[[str], Config],
    lang: str,
    *,
    write: bool,
    today: dt.date | None = None,
) -> tuple[list[FileResult], list[FixOutcome]]:
    """Fix every file that has safe edits, each file once however many names it was given by;
    with ``write``, re-lint the fixed files so the results show what remains. A file that
    could not be written is that file's error."""
    outcomes = []
    updated = []
    seen: set[tuple[int, int]] = set()
    for result in results:
        identity = _identity(result.path)
        if identity is not None and identity in seen:
            continue
        if identity is not None:
            seen.add(identity)
        config = config_for_path(result.path)
        outcome = fix_file(result, config, lang, today, write)
        outcomes.append(outcome)
        if outcome.error:
            result = FileResult(result.path, error=FileError(result.path, outcome.error))
        elif write and outcome.changed:
            result = lint_file(result.path, config, lang, today)
        updated.append(result)
    return updated, outcomes


def _identity(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino
