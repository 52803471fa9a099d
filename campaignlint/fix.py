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
from campaignlint.engine import FileResult, lint_file, lint_text
from campaignlint.errors import CampaignlintError
from campaignlint.i18n import Message, Plain, _
from campaignlint.loader import unescape_pointer_token
from campaignlint.model import Edit, Finding

MAX_PASSES = 5
_KEY_LINE = re.compile(r"^(\s*)[^\s#-][^#]*:\s*(#.*)?$")


class FixError(Exception):
    """The edits cannot be applied without risking the file."""


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
    return [unescape_pointer_token(token) for token in pointer.lstrip("/").split("/")]


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
        raise FixError("the change cannot be made without reformatting other lines")
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
    parent_pointer = pointer.rsplit("/", 1)[0]
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
    previous = document.positions.get(f"{parent_pointer}/{index - 1}") if index else None
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
    matcher = difflib.SequenceMatcher(None, ours, base, autojunk=False)
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            to_original.update({j1 + k: i1 + k for k in range(i2 - i1)})
    out: list[str] = []
    position = 0
    changes = difflib.SequenceMatcher(None, base, theirs, autojunk=False).get_opcodes()
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
        return FixOutcome(path, text, text, 0, skipped=str(error))
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
        return FixOutcome(result.path, "", "", 0, skipped="not UTF-8")
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
    lines = difflib.unified_diff(
        outcome.original.splitlines(keepends=True),
        outcome.fixed.splitlines(keepends=True),
        fromfile=outcome.path if outcome.path.startswith("/") else f"a/{outcome.path}",
        tofile=outcome.path if outcome.path.startswith("/") else f"b/{outcome.path}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


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
            result = FileResult(path=result.path, error=f"{result.path}: {outcome.error}")
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
