"""Creator data kept outside briefs: the roster.

Agencies keep creators' figures and audience insights in exports of their analytics tools and
reuse them across briefs. ``creators:`` in the config (or ``--creators``) names YAML files (a
top-level list of entries), CSV files (the same names as columns, audience shares as dotted
columns such as ``audience.age.18-24``) or folders of them. The roster is read once per run,
validated against ``schemas/creators.schema.json`` with file, line and column for every problem,
and merged into each brief's influencers (see :func:`merge_roster`) before the schema and the
rules see the brief.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaignlint.errors import ConfigError, InputError
from campaignlint.i18n import DEFAULT_LANGUAGE, Message, Plain, _, plural
from campaignlint.pointers import join_pointer, pointer_tokens
from campaignlint.text import fold, normalize_handle

ROSTER_SCHEMA = "creators.schema.json"
ROSTER_SUFFIXES = (".yaml", ".yml", ".csv")
PLATFORMS = ("tiktok", "instagram", "youtube")
DEFAULT_PLATFORM = "tiktok"
# Fields a roster entry gives a brief's influencer when the brief does not state them.
MERGED_FIELDS = (
    "name",
    "followers",
    "tier",
    "engagement_rate",
    "avg_views",
    "avg_likes",
    "avg_comments",
    "avg_shares",
    "content_style",
)
AUDIENCE_PARTS = ("age", "gender", "locations", "languages", "interests")
MAX_REPORTED_ERRORS = 20

Locate = Callable[[str, bool], tuple[int, int]]


@dataclass(frozen=True)
class Entry:
    """One roster row: a creator's figures on one platform (``platform`` None: every one)."""

    data: dict[str, Any]
    path: str  # as shown to the user
    line: int

    @property
    def handle(self) -> str:
        return str(self.data.get("handle", "")).strip()

    @property
    def platform(self) -> str | None:
        platform = self.data.get("platform")
        return platform if isinstance(platform, str) else None

    @property
    def has_audience(self) -> bool:
        audience = self.data.get("audience")
        return isinstance(audience, dict) and any(
            audience.get(part) not in (None, {}, []) for part in AUDIENCE_PARTS
        )


@dataclass
class Roster:
    """Every entry of the files a run was given, by (handle key, platform)."""

    files: tuple[str, ...] = ()  # resolved paths of the roster files, never linted as briefs
    entries: dict[tuple[str, str | None], Entry] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, handle: str, platforms: Sequence[str]) -> Entry | None:
        """The row for ``handle`` on the first of ``platforms`` that has one, else its row for
        every platform."""
        key = normalize_handle(handle)
        for platform in platforms:
            entry = self.entries.get((key, platform))
            if entry is not None:
                return entry
        return self.entries.get((key, None))


class RosterError(ConfigError):
    """The roster cannot be used: each problem is one line with file, line and column."""

    def __init__(self, problems: Sequence[str | Message]) -> None:
        super().__init__(problems[0] if problems else "")
        self.problems = list(problems)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        shown = self.problems[:MAX_REPORTED_ERRORS]
        lines = [_one_line(p.render(lang) if isinstance(p, Message) else str(p)) for p in shown]
        if len(self.problems) > len(shown):
            count = len(self.problems) - len(shown)
            more = plural(
                count,
                _("... and 1 more problem in the creator roster"),
                _("... and {count} more problems in the creator roster", count=count),
            )
            lines.append(more.render(lang))
        return "\n".join(lines)


def _one_line(text: str) -> str:
    """A problem as one terminal line: a roster's cells and column names may hold control
    characters that would break the line or move the cursor."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in text)


# --- finding the files -------------------------------------------------------------------------


def roster_files(paths: Sequence[str]) -> list[Path]:
    """The files ``paths`` name: files as given, folders searched recursively."""
    files: list[Path] = []
    missing: list[str | Message] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk(path))
        elif path.exists():
            files.append(path)
        else:
            missing.append(
                _("{path}: creator roster not found (creators:)", path=Plain(_shown(path)))
            )
    if missing:
        raise RosterError(missing)
    unique = dict.fromkeys(path.resolve() for path in files)
    return list(unique)


def _walk(directory: Path) -> Iterator[Path]:
    for current, dirnames, filenames in os.walk(directory):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(ROSTER_SUFFIXES) and not name.startswith("."):
                yield Path(current) / name


def is_roster_file(path: Path, paths: Sequence[str]) -> bool:
    """True when ``path`` is one of the files named by ``paths`` (or inside a named folder)."""
    if not paths:
        return False
    resolved = path.resolve()
    for raw in paths:
        named = Path(raw)
        if resolved == named:
            return True
        if resolved.suffix.lower() in ROSTER_SUFFIXES and named in resolved.parents:
            return True
    return False


def _shown(path: Path) -> str:
    """A path as the user reads it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


# --- loading -----------------------------------------------------------------------------------

_LOADED: dict[tuple[str, ...], Roster] = {}


def load_roster(paths: Sequence[str]) -> Roster:
    """The roster of the (absolute) ``paths``, read once per process. Raises
    :class:`RosterError` when a file cannot be read or does not match the roster schema."""
    key = tuple(paths)
    cached = _LOADED.get(key)
    if cached is None:
        cached = _LOADED[key] = _read_roster(key)
    return cached


def loaded_rosters() -> dict[tuple[str, ...], Roster]:
    """The rosters read so far, to hand to worker processes (read once, not per worker)."""
    return dict(_LOADED)


def adopt_rosters(rosters: Mapping[tuple[str, ...], Roster]) -> None:
    """Use rosters read by the parent process (a ``--jobs`` worker's initializer)."""
    _LOADED.update(rosters)


def _read_roster(paths: tuple[str, ...]) -> Roster:
    roster = Roster()
    files = roster_files(paths)
    problems: list[str | Message] = []
    entries: list[Entry] = []
    for path in files:
        try:
            entries.extend(read_file(path))
        except RosterError as error:
            problems.extend(error.problems)
    problems.extend(_index(entries, roster.entries))
    if problems:
        raise RosterError(problems)
    roster.files = tuple(str(path) for path in files)
    return roster


def _index(entries: Sequence[Entry], index: dict[tuple[str, str | None], Entry]) -> list[Message]:
    problems: list[Message] = []
    for entry in entries:
        key = (normalize_handle(entry.handle), entry.platform)
        first = index.get(key)
        if first is None:
            index[key] = entry
            continue
        where = Plain(entry.platform) if entry.platform else _("every platform")
        problems.append(
            _(
                "{path}:{line}: {handle} ({platform}) is listed twice in the creator roster:"
                " {first_path} line {first_line} and {path} line {line}; keep one row per"
                " creator and platform",
                path=Plain(entry.path),
                line=Plain(entry.line),
                handle=Plain(entry.handle),
                platform=where,
                first_path=Plain(first.path),
                first_line=Plain(first.line),
            )
        )
    return problems


def read_file(path: Path) -> list[Entry]:
    """The entries of one roster file (YAML or CSV)."""
    shown = _shown(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = Plain(error.strerror or error)
        raise RosterError(
            [
                _(
                    "{path}: cannot read the creator roster: {reason}",
                    path=Plain(shown),
                    reason=reason,
                )
            ]
        ) from error
    from campaignlint.loader import decode

    try:
        text = decode(raw)
    except InputError as error:  # binary, or another encoding
        where = shown if error.line is None else f"{shown}:{error.line}:{error.column}"
        message = _(
            "{where}: the creator roster is not UTF-8 text; save it as UTF-8 (in Excel: CSV UTF-8)",
            where=Plain(where),
        )
        raise RosterError([message]) from error
    if path.suffix.lower() == ".csv":
        return read_csv(text, shown)
    return read_yaml(text, shown)


# --- YAML --------------------------------------------------------------------------------------


def _unusual_yaml(text: str) -> bool:
    """Whatever the fast parser might read differently from campaignlint's own YAML loader:
    more than one document, directives, tags. Such files take the exact (slower) path. Plain
    string searches: a regular expression over a 5 MB roster costs more than parsing it."""
    if text.startswith("---") and text[3:4] in ("", " ", "\t", "\r", "\n"):
        text = text[3:]  # one document, with its start marker: as usual
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text:
        return True
    if "\n%" in text:
        return True
    index = text.find("!")
    while index != -1:
        if index == 0 or text[index - 1] in " \t\r\n,[{":
            return True
        index = text.find("!", index + 1)
    return False


def read_yaml(text: str, shown: str) -> list[Entry]:
    """Entries of a YAML roster: a top-level list of mappings.

    The common case takes a fast parser (yaml-rs, written in Rust: a 10,000-creator file reads
    in a fraction of the time libyaml's Python events take) and finds each entry's line with a
    scan of the text. Anything unusual, and every file with a problem, goes through
    campaignlint's own loader, which knows the position of every value.
    """
    data = _fast_yaml(text)
    if data is not _SLOW:
        if data is None:
            return []
        if _valid(data):
            lines = _entry_lines(text, len(data))
            if lines is not None:
                return [Entry(item, shown, line) for item, line in zip(data, lines, strict=True)]
    return _slow_yaml(text, shown)


_SLOW = object()


def _fast_yaml(text: str) -> Any:
    stripped = text.lstrip("\ufeff")
    if _unusual_yaml(stripped):
        return _SLOW
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - a declared dependency; the exact path still works
        return _SLOW
    try:
        return yaml_rs.loads(stripped, parse_datetime=False)
    except Exception:  # any parse problem: the exact loader explains it with its position
        return _SLOW


def _valid(data: Any) -> bool:
    from campaignlint.validation import validator

    if not isinstance(data, list):
        return False
    try:
        return bool(validator(ROSTER_SCHEMA).is_valid(data))
    except (ValueError, TypeError):  # keys that are not text (some yaml-rs releases keep
        return False  # `? [a, b]` as a tuple): the exact loader explains them


_ITEM = re.compile(r"\n-[ \t\r\n]")


def _entry_lines(text: str, count: int) -> list[int] | None:
    """The line of each item of a block-style list written at column 0 (as exporters and
    people write it); None when the count disagrees with the parsed list (a flow list, an
    indented one): then the exact loader gives the lines."""
    lines = [1] if re.match(r"-[ \t\r\n]", text) else []
    line, previous = 1, 0
    for match in _ITEM.finditer(text):
        line += text.count("\n", previous, match.start() + 1)
        previous = match.start() + 1
        lines.append(line)
    return lines if len(lines) == count else None


def _slow_yaml(text: str, shown: str) -> list[Entry]:
    from campaignlint.loader import load_text

    if not text.strip():
        return []
    try:
        document = load_text(text)
    except InputError as error:
        raise RosterError([_("{where}", where=Plain(error.describe(shown)))]) from error
    problems: list[str | Message] = [
        _(
            "{path}:{line}:{column}: {message}",
            path=Plain(shown),
            line=Plain(problem.position[0] if problem.position else 1),
            column=Plain(problem.position[1] if problem.position else 1),
            message=problem.message,
        )
        for problem in document.problems
    ]
    data = document.data

    def locate(pointer: str, at_key: bool) -> tuple[int, int]:
        positions = document.key_positions if at_key else document.positions
        current = pointer
        while True:
            found = positions.get(current) or document.positions.get(current)
            if found is not None:
                return found[0], found[1]
            if not current:
                return 1, 1
            current = current.rsplit("/", 1)[0]

    problems.extend(schema_problems(data, shown, locate))
    if problems:
        raise RosterError(problems)
    return [
        Entry(item, shown, locate(join_pointer("", index), False)[0])
        for index, item in enumerate(data)
    ]


# --- validation ----------------------------------------------------------------------------


def schema_problems(data: Any, shown: str, locate: Locate) -> list[Message]:
    """Every violation of the roster schema, as ``file:line:column: message`` lines."""
    if not isinstance(data, list):
        line, column = locate("", False)
        return [
            _(
                "{path}:{line}:{column}: a creator roster must be a list of creator entries"
                " (- handle: ...), got {value}",
                path=Plain(shown),
                line=Plain(line),
                column=Plain(column),
                value=Plain("a mapping" if isinstance(data, dict) else type(data).__name__),
            )
        ]
    from campaignlint.validation import validator

    if validator(ROSTER_SCHEMA).is_valid(data):
        return []
    problems: list[Message] = []
    seen: set[str] = set()
    for pointer, message, fix, at_key in _violations(data):
        line, column = locate(pointer, at_key)
        text = _(
            "{path}:{line}:{column}: {message}",
            path=Plain(shown),
            line=Plain(line),
            column=Plain(column),
            message=message,
        )
        if fix is not None:
            text = _("{problem} ({fix})", problem=text, fix=fix)
        if str(text) not in seen:  # a CSV column's problem once, not once per row
            seen.add(str(text))
            problems.append(text)
    return problems


def _violations(data: list[Any]) -> Iterator[tuple[str, Message, Message | None, bool]]:
    """(pointer, message, fix, at_key) of each violation, worded for a roster entry."""
    import difflib

    from campaignlint.validation import _explain, load_schema, schema_errors

    allowed = list(load_schema(ROSTER_SCHEMA)["$defs"]["creator"]["properties"])
    for error in schema_errors(data, ROSTER_SCHEMA):
        path = list(error.absolute_path)
        if not path:
            continue  # the top level is checked before
        entry = join_pointer("", path[0])
        if len(path) == 1 and error.validator == "additionalProperties":
            for key in error.instance:
                if key in allowed or str(key).startswith("x-"):
                    continue
                guess = difflib.get_close_matches(str(key), allowed, n=1)
                fix = (
                    _("did you mean '{guess}'?", guess=Plain(guess[0]))
                    if guess
                    else _("known fields: {known}", known=Plain(", ".join(allowed)))
                )
                message = _("unknown field '{key}' in a creator entry", key=Plain(key))
                yield join_pointer(entry, key), message, fix, True
            continue
        if len(path) == 1 and error.validator == "required":
            yield entry, _("a creator entry needs a handle"), None, False
            continue
        if len(path) == 1 and error.validator == "type":
            message = _("each creator entry must be a mapping (handle: ..., followers: ...)")
            yield entry, message, None, False
            continue
        error.absolute_path = path[1:]
        for violation in _explain(error):
            yield entry + violation.pointer, violation.message, violation.fix, violation.at_key


# --- CSV ---------------------------------------------------------------------------------------

_NUMERIC = {"followers", "engagement_rate", "avg_views", "avg_likes", "avg_comments", "avg_shares"}
_LISTS = {("content_style",), ("audience", "interests")}
_LIST_SEPARATORS = re.compile(r"\s*[|,;]\s*")
_GROUPED_DOT = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_GROUPED_COMMA = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
DELIMITERS = (",", ";", "\t")


def read_csv(text: str, shown: str) -> list[Entry]:
    """Entries of a CSV roster (the standard ``csv`` module; delimiter detected)."""
    text = text.lstrip("\ufeff")
    header_line = _first_content_line(text)
    if header_line is None:
        return []
    delimiter = detect_delimiter(text.splitlines()[header_line - 1])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return _csv_entries(reader, text, shown, delimiter)
    except csv.Error as error:
        line = reader.line_num or 1
        raise RosterError(
            [
                _(
                    "{path}:{line}: not readable as CSV: {reason}",
                    path=Plain(shown),
                    line=Plain(line),
                    reason=Plain(error),
                )
            ]
        ) from error


def _first_content_line(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            return number
    return None


def detect_delimiter(header: str) -> str:
    """``,``, ``;`` or tab: the one the header line uses most (outside quotes)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def split_column(name: str) -> tuple[str, ...]:
    """``audience.locations.St. Albans`` -> ``("audience", "locations", "St. Albans")``: a
    dotted column splits at its first two dots only."""
    return tuple(part.strip() for part in name.strip().split(".", 2))


def _csv_entries(reader: Any, text: str, shown: str, delimiter: str) -> list[Entry]:
    header: list[str] | None = None
    header_at = 0
    rows: list[tuple[int, list[str]]] = []
    previous = 0
    for row in reader:
        start, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header, header_at = row, start
        else:
            rows.append((start, row))
    if header is None:
        return []
    columns = [split_column(name) for name in header]
    lines = text.splitlines()
    problems = _header_problems(header, columns, shown, header_at, lines, delimiter)
    plan = _row_plan(columns, decimal_comma=delimiter == ";")
    data: list[dict[str, Any]] = []
    for line, row in rows:
        if len(row) > len(header):
            problems.append(
                _(
                    "{path}:{line}: this row has {cells} cells, the header {columns}",
                    path=Plain(shown),
                    line=Plain(line),
                    cells=Plain(len(row)),
                    columns=Plain(len(header)),
                )
            )
            continue
        data.append(_csv_row(row, plan, len(header)))
    if problems:
        raise RosterError(problems)
    row_lines = [line for line, row in rows]

    def locate(pointer: str, at_key: bool) -> tuple[int, int]:
        tokens = pointer_tokens(pointer)
        if not tokens:
            return header_at, 1
        index, path = int(tokens[0]), tuple(tokens[1:])
        column = _column_of(columns, path)
        line = header_at if at_key or column is None else row_lines[index]
        if column is None:
            return line, 1
        return line, _cell_offset(lines[line - 1], column, delimiter) + 1

    errors = schema_problems(data, shown, locate)
    if errors:
        raise RosterError(errors)
    return [Entry(entry, shown, line) for entry, line in zip(data, row_lines, strict=True)]


def _header_problems(
    header: list[str],
    columns: list[tuple[str, ...]],
    shown: str,
    line: int,
    lines: list[str],
    delimiter: str,
) -> list[str | Message]:
    problems: list[str | Message] = []
    seen: dict[tuple[str, ...], int] = {}
    for index, (name, column) in enumerate(zip(header, columns, strict=True)):
        where = {
            "path": Plain(shown),
            "line": Plain(line),
            "column": Plain(_cell_offset(lines[line - 1], index, delimiter) + 1),
        }
        if not name.strip():
            problems.append(_("{path}:{line}:{column}: a column has no name", **where))
        elif column in seen:
            problems.append(
                _(
                    "{path}:{line}:{column}: column '{name}' appears twice",
                    name=Plain(name.strip()),
                    **where,
                )
            )
        else:
            seen[column] = index
    if ("handle",) not in seen:
        problems.append(
            _(
                "{path}:{line}:1: the CSV header has no 'handle' column",
                path=Plain(shown),
                line=Plain(line),
            )
        )
    return problems


_Column = tuple[int, str, Callable[[str], Any]]
_Plan = list[tuple[tuple[str, ...], list[_Column]]]


def _row_plan(columns: list[tuple[str, ...]], *, decimal_comma: bool) -> _Plan:
    """The columns grouped by the mapping they go into, each with its key and converter
    (worked out once, not per cell: a roster has hundreds of thousands of cells)."""

    def number(value: str) -> Any:
        try:
            return int(value)  # the common cases first; int() ignores surrounding blanks
        except ValueError:
            pass
        if not decimal_comma:
            try:
                number = float(value)
            except ValueError:
                pass
            else:
                if math.isfinite(number):
                    return number
        return parse_number(value.strip().removesuffix("%").strip(), decimal_comma)

    def listed(value: str) -> Any:
        return [item for item in _LIST_SEPARATORS.split(value.strip()) if item]

    groups: dict[tuple[str, ...], list[_Column]] = {}
    for index, column in enumerate(columns):
        numeric = column[0] in _NUMERIC or (len(column) == 3 and column[0] == "audience")
        convert: Callable[[str], Any] = number if numeric else str.strip
        if column in _LISTS:
            convert = listed
        groups.setdefault(column[:-1], []).append((index, column[-1], convert))
    return list(groups.items())


def _csv_row(row: list[str], plan: _Plan, width: int) -> dict[str, Any]:
    if len(row) < width:
        row = row + [""] * (width - len(row))
    entry: dict[str, Any] = {}
    for parents, columns in plan:
        # An empty cell is absent. (A comprehension: this runs for every cell of the file.)
        values = {
            key: convert(row[index])
            for index, key, convert in columns
            if row[index] and not row[index].isspace()
        }
        if values:
            _container(entry, parents).update(values)
    return entry


def _container(entry: dict[str, Any], parents: tuple[str, ...]) -> dict[str, Any]:
    target = entry
    for part in parents:
        child = target.get(part)
        if not isinstance(child, dict):
            child = target[part] = {}
        target = child
    return target


def parse_number(text: str, decimal_comma: bool) -> Any:
    """A spreadsheet's number: ``4,9`` and ``12.500`` when the decimal mark is a comma,
    ``12,500`` otherwise; the text itself when it is no number (the schema reports it)."""
    compact = text.replace(" ", "").replace("\u00a0", "")
    if decimal_comma:
        if _GROUPED_DOT.match(compact):
            compact = compact.replace(".", "")
        compact = compact.replace(",", ".")
    elif _GROUPED_COMMA.match(compact):
        compact = compact.replace(",", "")
    try:
        return int(compact)
    except ValueError:
        pass
    try:
        number = float(compact)
    except ValueError:
        return text
    if number != number or number in (float("inf"), float("-inf")):
        return text
    return int(number) if number.is_integer() and "." not in compact else number


def _column_of(columns: list[tuple[str, ...]], path: tuple[str, ...]) -> int | None:
    """The index of the column a pointer's path comes from (the first under it)."""
    for index, column in enumerate(columns):
        if column[: len(path)] == path or path[: len(column)] == column:
            return index
    return None


def _cell_offset(line: str, index: int, delimiter: str) -> int:
    """The character offset of cell ``index`` in a CSV line (quotes respected)."""
    if index == 0:
        return 0
    quoted, seen = False, 0
    for offset, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            seen += 1
            if seen == index:
                return offset + 1
    return 0


# --- merging into a brief ----------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """The roster entry merged into one of a brief's influencers, and what it supplied."""

    entry: Entry
    supplied: tuple[str, ...]  # fields (and audience/<part>) taken from the entry


def campaign_platforms(data: Any) -> list[str]:
    """The campaign's platforms: ``campaign.platforms``, v1's ``campaign.platform``, else
    TikTok. A local reading until the core's platform accessor is unified with it."""
    campaign = data.get("campaign") if isinstance(data, dict) else None
    if not isinstance(campaign, dict):
        return [DEFAULT_PLATFORM]
    platforms = campaign.get("platforms")
    if isinstance(platforms, list):
        named = [fold(p.strip()) for p in platforms if isinstance(p, str) and p.strip()]
        if named:
            return named
    platform = campaign.get("platform")
    if isinstance(platform, str) and platform.strip():
        return [fold(platform.strip())]
    return [DEFAULT_PLATFORM]


def creator_platforms(data: Any, influencer: Mapping[str, Any]) -> list[str]:
    """The platforms a brief's influencer works on: its own ``platform``, else those of its
    deliverables, else the campaign's."""
    stated = influencer.get("platform")
    if isinstance(stated, str) and stated.strip():
        return [fold(stated.strip())]
    campaign = campaign_platforms(data)
    handle = influencer.get("handle")
    key = normalize_handle(handle) if isinstance(handle, str) else None
    found: list[str] = []
    deliverables = data.get("deliverables") if isinstance(data, dict) else None
    for deliverable in deliverables if isinstance(deliverables, list) else ():
        if not isinstance(deliverable, dict):
            continue
        named = deliverable.get("influencer")
        if key is None or not isinstance(named, str) or normalize_handle(named) != key:
            continue
        platform = deliverable.get("platform")
        if isinstance(platform, str) and platform.strip():
            found.append(fold(platform.strip()))
        elif len(campaign) == 1:
            found.append(campaign[0])
    return list(dict.fromkeys(found)) or campaign


def merge_roster(data: Any, roster: Roster) -> tuple[Any, dict[int, Match]]:
    """``data`` with each influencer completed from its roster entry (the brief's own figures
    win; ``audience`` merges per sub-map, the brief's sub-map whole), and the match of each
    merged influencer by index. ``data`` itself is not changed."""
    influencers = data.get("influencers") if isinstance(data, dict) else None
    if not isinstance(influencers, list) or not roster.entries:
        return data, {}
    merged_list: list[Any] = []
    matches: dict[int, Match] = {}
    for index, influencer in enumerate(influencers):
        handle = influencer.get("handle") if isinstance(influencer, dict) else None
        entry = None
        if isinstance(handle, str) and handle.strip():
            entry = roster.lookup(handle, creator_platforms(data, influencer))
        if entry is None or not isinstance(influencer, dict):
            merged_list.append(influencer)
            continue
        merged, supplied = _merge_entry(influencer, entry.data)
        merged_list.append(merged)
        matches[index] = Match(entry, supplied)
    return {**data, "influencers": merged_list}, matches


def _absent(mapping: Mapping[str, Any], key: str) -> bool:
    return mapping.get(key) is None  # an empty `followers:` counts as absent


def _merge_entry(
    influencer: dict[str, Any], entry: Mapping[str, Any]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    merged = dict(influencer)
    supplied: list[str] = []
    for name in MERGED_FIELDS:
        if name in entry and _absent(influencer, name):
            merged[name] = entry[name]
            supplied.append(name)
    audience = entry.get("audience")
    if isinstance(audience, dict):
        own = influencer.get("audience")
        if own is None:
            own = {}
        if isinstance(own, dict):
            combined = dict(own)
            parts = [p for p in AUDIENCE_PARTS if p in audience and _absent(own, p)]
            for part in parts:
                combined[part] = audience[part]
                supplied.append(f"audience/{part}")
            if parts:
                merged["audience"] = combined
                if influencer.get("audience") is None:
                    supplied.append("audience")
    return merged, tuple(supplied)


def supplied_by(matches: Mapping[int, Match], pointer: str) -> Entry | None:
    """The roster entry a value at ``pointer`` came from, when it was merged in."""
    if not pointer.startswith("/influencers/"):
        return None
    tokens = pointer_tokens(pointer)
    if len(tokens) < 3 or not tokens[1].isdigit():
        return None
    match = matches.get(int(tokens[1]))
    if match is None:
        return None
    field_name = tokens[2]
    if field_name == "audience" and len(tokens) > 3:
        field_name = f"audience/{tokens[3]}"
    return match.entry if field_name in match.supplied else None


def apply_roster(brief: Any, paths: Sequence[str]) -> None:
    """Merge the roster of ``paths`` into ``brief`` before the schema and the rules read it."""
    roster = load_roster(paths)
    data, matches = merge_roster(brief.document.data, roster)
    if matches:
        brief.replace_data(data)
        brief.roster_matches = matches


def with_roster_source(problem: Any, matches: Mapping[int, Match]) -> Any:
    """``problem`` naming the roster file and line when the value it is about came from there."""
    entry = supplied_by(matches, problem.pointer)
    if entry is None:
        return problem
    from dataclasses import replace

    message = _(
        "{message} Data from the creator roster: {path}, line {line}.",
        message=problem.message,
        path=Plain(entry.path),
        line=Plain(entry.line),
    )
    return replace(problem, message=message)
