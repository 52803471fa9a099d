"""Suppressions: inline ``# campaignlint:`` comments and ``per_file`` config overrides.

Inline forms (a reason after `` -- `` is kept and shown in reports)::

    budget: 10  # campaignlint: disable=budget-fit -- agreed with finance
    # campaignlint: disable=hashtag-strategy until=2027-01-31 -- waiting for the contract
    hashtags: [...]            # <- the comment above covers this whole node
    # campaignlint: disable-file=schema

A comment alone on its line covers the node that starts on the next line (its whole block); a
comment after a value covers findings on its own line. ``until=`` makes a suppression stop
working after that date, and say so. Unknown rule ids and suppressions that suppressed nothing
are reported as ``unused-suppression`` (info). Only real YAML comments are directives (a ``#``
inside a string is text); a ``# campaignlint:`` comment that is not a valid directive, or has
``until=`` after its reason, suppresses nothing and is reported (warning).

``per_file`` entries (``{files: [glob or glob#/json/pointer], ignore: [...], rules: {...}}``):
an entry whose pattern names a whole file changes that file's configuration before the rules run
(:func:`effective_config`); an entry with a ``#/pointer`` silences its ``ignore`` rules, and
applies its rules' ``severity``, inside that part of the brief only.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from campaignlint import clock
from campaignlint.config import ALL, Config
from campaignlint.i18n import DEFAULT_LANGUAGE, Message, Plain, _
from campaignlint.model import Finding, Position, Problem, Severity, render_problem

UNUSED_SUPPRESSION = "unused-suppression"
MARKER = "campaignlint:"
UNSUPPRESSIBLE = frozenset({"internal-error"})

_COMMENT = re.compile(r"(?:^|\s)#\s*campaignlint:")
_DIRECTIVE = re.compile(
    r"\s*(?P<kind>disable-file|disable)\s*=\s*"
    r"(?P<ids>[A-Za-z0-9_.\-]+(?:\s*,\s*[A-Za-z0-9_.\-]+)*)"
    r"(?:\s+until\s*=\s*(?P<until>\S+))?"
    r"(?:\s+--\s*(?P<reason>.*?))?\s*$"
)
_LATE_UNTIL = re.compile(r"(?:^|\s)until\s*=")
_FORM = "# campaignlint: disable=RULE[,RULE] [until=YYYY-MM-DD] [-- reason]"


@dataclass
class Suppression:
    """One ``# campaignlint: disable...`` comment."""

    line: int
    column: int
    file_wide: bool
    rule_ids: tuple[str, ...]
    until: str | None = None
    reason: str | None = None
    first_line: int = 0  # the lines it covers (inclusive); unused for file-wide ones
    last_line: int = 0
    used: set[str] = field(default_factory=set)
    malformed: Message | None = None  # why the comment is not read (it suppresses nothing)

    def label(self) -> str:
        """How reports name it: the comment's line, and its reason when given."""
        kind = "disable-file" if self.file_wide else "disable"
        text = f"line {self.line}: {kind}={','.join(self.rule_ids)}"
        if self.until:
            text += f" until={self.until}"
        return f"{text} -- {self.reason}" if self.reason else text

    def covers(self, finding: Finding) -> bool:
        if finding.rule in UNSUPPRESSIBLE or finding.rule == UNUSED_SUPPRESSION:
            return False
        ids = self.rule_ids
        if finding.rule not in ids and finding.code not in ids and ALL not in ids:
            return False
        return self.file_wide or self.first_line <= finding.line <= self.last_line

    def expiry(self) -> dt.date | None:
        if self.until is None:
            return None
        try:
            return dt.date.fromisoformat(self.until)
        except ValueError:
            return dt.date.min  # unreadable: treat as expired, never as "forever"


_LABEL = re.compile(r"^(?P<source>line \d+: \S+)(?: until=(?P<until>\S+))?(?: -- (?P<reason>.*))?$")


def describe_suppression(label: str) -> tuple[str | None, dt.date | None, str]:
    """``(reason, expiry, source)`` of a finding's ``suppressed_by`` label, for the reports:
    an inline comment (:meth:`Suppression.label`), ``per_file: #/pointer`` or ``baseline``."""
    match = _LABEL.match(label)
    if match is None:
        return None, None, label
    until = None
    if match["until"]:
        try:
            until = dt.date.fromisoformat(match["until"])
        except ValueError:
            until = None
    return match["reason"], until, match["source"]


# --- reading the comments --------------------------------------------------------------------


def parse_suppressions(text: str, document: Any = None) -> list[Suppression]:
    """Every suppression comment in ``text``; cheap when the text holds none. ``document`` (a
    :class:`~campaignlint.loader.LoadedDocument`) tells which node a comment above covers, and
    which ``#`` are inside a string (text, never a directive). A comment that is not a valid
    directive comes back with ``malformed`` set."""
    if MARKER not in text:
        return []
    lines = text.splitlines()
    spans = _NodeSpans(document)
    found = []
    for index, line in enumerate(lines):
        if MARKER not in line:
            continue
        number = index + 1
        comment = _comment_start(line, number, spans)
        if comment is None:
            continue
        hash_at, body_at = comment
        suppression = _parse_directive(line[body_at:], number, hash_at + 1)
        if not suppression.file_wide and suppression.malformed is None:
            if line[:hash_at].strip():  # after a value: covers its own line
                suppression.first_line = suppression.last_line = number
            else:  # alone on its line: covers the node starting on the next one
                target = _next_content_line(lines, index + 1)
                suppression.first_line, suppression.last_line = target, spans.last_line(target)
        found.append(suppression)
    return found


def _comment_start(line: str, number: int, spans: _NodeSpans) -> tuple[int, int] | None:
    """Where the first ``# campaignlint:`` comment of ``line`` starts (its ``#``) and its text
    after the marker; None when every one is inside a string."""
    for match in _COMMENT.finditer(line):
        hash_at = line.index("#", match.start())
        if not spans.in_scalar(number, hash_at + 1):
            return hash_at, match.end()
    return None


def _parse_directive(body: str, line: int, column: int) -> Suppression:
    match = _DIRECTIVE.match(body)
    written = Plain(("# campaignlint:" + body).strip())
    if match is None:
        malformed = _(
            "'{comment}' is not a suppression campaignlint can read, so it suppresses nothing",
            comment=written,
        )
        return Suppression(line, column, False, (), malformed=malformed)
    ids = tuple(part.strip() for part in match["ids"].split(",") if part.strip())
    suppression = Suppression(
        line=line,
        column=column,
        file_wide=match["kind"] == "disable-file",
        rule_ids=ids,
        until=match["until"],
        reason=(match["reason"] or "").strip() or None,
    )
    if suppression.reason and _LATE_UNTIL.search(suppression.reason):
        suppression.malformed = _(
            "'{comment}' has until= after the reason, where it is part of the reason: the"
            " suppression would never expire, so it suppresses nothing",
            comment=written,
        )
    return suppression


def _next_content_line(lines: Sequence[str], start: int) -> int:
    """1-based number of the first line from index ``start`` that is neither blank nor a
    comment (the line after the text when there is none)."""
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return len(lines) + 1


class _NodeSpans:
    """The last line of the largest node (key and value) that starts on a given line, and
    whether a place in the text is inside a string.

    A block collection's recorded end is where the next token starts, so a node's last line is
    taken from its leaves (scalars and flow collections), whose ends are exact. The indexes are
    built once per file, so each comment costs a binary search (20,000 comments above list items
    took 68 s when each one scanned every node)."""

    def __init__(self, document: Any) -> None:
        self.positions: Mapping[str, Position] = getattr(document, "positions", {}) or {}
        self.keys: Mapping[str, Position] = getattr(document, "key_positions", {}) or {}
        self._leaves: list[tuple[int, int, int, int, str]] | None = None
        self._scalars: list[tuple[int, int, int, int]] | None = None
        self._starting: dict[int, list[str]] | None = None

    def _leaf_index(self) -> list[tuple[int, int, int, int, str]]:
        """Leaves in document order: (line, column, end line, end column, pointer)."""
        if self._leaves is None:
            parents = {pointer.rsplit("/", 1)[0] for pointer in self.positions if pointer}
            self._leaves = sorted(
                (*position, pointer)
                for pointer, position in self.positions.items()
                if pointer not in parents
            )
        return self._leaves

    def in_scalar(self, line: int, column: int) -> bool:
        """True when (line, column) is inside a value or a key: text, not a comment."""
        if self._scalars is None:
            spans = [leaf[:4] for leaf in self._leaf_index()]
            self._scalars = sorted([*spans, *self.keys.values()])
        index = bisect.bisect_right(self._scalars, (line, column, 1 << 62, 0)) - 1
        if index < 0:
            return False
        start_line, start_column, end_line, end_column = self._scalars[index]
        return (start_line, start_column) <= (line, column) < (end_line, end_column)

    def _starting_at(self, line: int) -> list[str]:
        # A key starting here brings its value; a value counts on its own only as a list item
        # (a block mapping "starts" at its first key, which would widen the span to the parent).
        if self._starting is None:
            self._starting = {}
            for pointer, position in self.keys.items():
                self._starting.setdefault(position[0], []).append(pointer)
            for pointer, position in self.positions.items():
                if pointer and pointer not in self.keys:
                    self._starting.setdefault(position[0], []).append(pointer)
        return self._starting.get(line, [])

    def last_line(self, line: int) -> int:
        last = line
        leaves = self._leaf_index()
        for scope in self._starting_at(line):
            start = self.keys.get(scope) or self.positions[scope]
            first = bisect.bisect_left(leaves, (start[0], start[1]))
            # a node's leaves follow one another in the text: find where they stop
            low, high = first, len(leaves)
            while low < high:
                middle = (low + high) // 2
                if _inside(leaves[middle][4], scope):
                    low = middle + 1
                else:
                    high = middle
            if low > first:
                last = max(last, leaves[low - 1][2])
        return last


# --- per_file overrides ----------------------------------------------------------------------


def _split_pattern(pattern: str) -> tuple[str, str | None]:
    glob, hash_sign, pointer = pattern.partition("#")
    if not hash_sign:
        return glob, None
    return glob, pointer.rstrip("/") if pointer not in ("", "/") else ""


def _matches(path: str, root: str, globs: Sequence[str]) -> bool:
    from campaignlint.globs import matches

    return matches(path, globs, root)


def _entry_patterns(entry: Mapping[str, Any]) -> list[str]:
    files = entry.get("files", ())
    return [files] if isinstance(files, str) else [str(item) for item in files]


def effective_config(config: Config, path: str | None) -> Config:
    """``config`` with the ``per_file`` entries that name ``path`` as a whole file applied:
    their ``ignore`` added, their ``rules`` settings merged over the configured ones."""
    if not config.per_file or not path:
        return config
    ignore, rules = list(config.ignore), {k: dict(v) for k, v in config.rules.items()}
    changed = False
    for entry in config.per_file:
        patterns = map(_split_pattern, _entry_patterns(entry))
        whole_file = _matches(path, config.root, [glob for glob, ptr in patterns if ptr is None])
        if not whole_file:
            continue
        changed = True
        ignore.extend(rule for rule in entry.get("ignore", ()) if rule not in ignore)
        for rule, settings in (entry.get("rules") or {}).items():
            rules.setdefault(rule, {}).update(settings or {})
    if not changed:
        return config
    return replace(config, ignore=tuple(ignore), rules=rules)


def _pointer_overrides(config: Config, path: str | None) -> list[tuple[str, Mapping[str, Any]]]:
    """``(pointer, entry)`` for the ``per_file`` patterns naming a part of ``path``."""
    if not config.per_file or not path:
        return []
    overrides = []
    for entry in config.per_file:
        for glob, pointer in map(_split_pattern, _entry_patterns(entry)):
            if pointer is not None and _matches(path, config.root, [glob]):
                overrides.append((pointer, entry))
    return overrides


def _inside(pointer: str, scope: str) -> bool:
    return not scope or pointer == scope or pointer.startswith(scope + "/")


def _apply_pointer_overrides(
    findings: list[Finding], overrides: list[tuple[str, Mapping[str, Any]]]
) -> None:
    for finding in findings:
        if finding.rule in UNSUPPRESSIBLE:
            continue
        for scope, entry in overrides:
            if not _inside(finding.pointer, scope):
                continue
            rules = entry.get("rules") or {}
            settings = rules.get(finding.code) or rules.get(finding.rule) or {}
            if settings.get("severity"):
                finding.severity = Severity(settings["severity"])
            ignored = entry.get("ignore", ())
            named = finding.rule in ignored or finding.code in ignored
            if named and finding.suppressed_by is None:
                finding.suppressed_by = f"per_file: #{scope}"


# --- the hook --------------------------------------------------------------------------------


def apply(
    findings: list[Finding],
    text: str,
    config: Config,
    brief: Any,
    *,
    known: Collection[str],
    active: Collection[str],
    lang: str = DEFAULT_LANGUAGE,
) -> list[Finding]:
    """Mark suppressed findings (``suppressed_by``) and add ``unused-suppression`` findings.
    Returns every finding, suppressed ones included, sorted."""
    path = getattr(brief, "path", None)
    _apply_pointer_overrides(findings, _pointer_overrides(config, path))
    suppressions = parse_suppressions(text, getattr(brief, "document", None))
    if not suppressions:
        return findings
    today = getattr(brief, "today", None) or clock.today()
    live = [s for s in suppressions if s.malformed is None and (s.expiry() or dt.date.max) >= today]
    _mark_suppressed(findings, live)
    if _reports_unused(config, active):
        extra = list(_unused(suppressions, today, known, active, lang))
        file_wide = [s for s in live if s.file_wide and UNUSED_SUPPRESSION in s.rule_ids]
        for finding in extra:
            if file_wide:
                finding.suppressed_by = file_wide[0].label()
        findings = sorted([*findings, *extra], key=Finding.sort_key)
    return findings


def _mark_suppressed(findings: list[Finding], live: list[Suppression]) -> None:
    """Give each finding the first of ``live`` that covers it. Findings are swept in line order
    against the node spans open at their line, which nest no deeper than the brief, so the work
    stays near-linear however many comments and findings there are."""
    order = {id(suppression): index for index, suppression in enumerate(live)}
    file_wide: dict[str, Suppression] = {}
    spans: dict[tuple[int, int], dict[str, Suppression]] = {}
    for suppression in live:
        table = (
            file_wide
            if suppression.file_wide
            else spans.setdefault((suppression.first_line, suppression.last_line), {})
        )
        for rule in suppression.rule_ids:
            table.setdefault(rule, suppression)
    starts = sorted(spans)
    open_spans: list[tuple[int, int]] = []
    next_start = 0
    for finding in sorted(findings, key=lambda item: item.line):
        if finding.suppressed_by is not None or finding.rule in UNSUPPRESSIBLE:
            continue
        if finding.rule == UNUSED_SUPPRESSION:
            continue
        while next_start < len(starts) and starts[next_start][0] <= finding.line:
            open_spans.append(starts[next_start])
            next_start += 1
        open_spans = [span for span in open_spans if span[1] >= finding.line]
        candidates = [
            table[rule]
            for table in (file_wide, *(spans[span] for span in open_spans))
            for rule in (finding.rule, finding.code, ALL)
            if rule in table
        ]
        if candidates:
            chosen = min(candidates, key=lambda candidate: order[id(candidate)])
            finding.suppressed_by = chosen.label()
            chosen.used.update((finding.rule, finding.code))


def _reports_unused(config: Config, active: Collection[str]) -> bool:
    if UNUSED_SUPPRESSION in config.ignore:
        return False
    return config.select is None or ALL in config.select or UNUSED_SUPPRESSION in config.select


def _unused(
    suppressions: Iterable[Suppression],
    today: dt.date,
    known: Collection[str],
    active: Collection[str],
    lang: str,
) -> Iterable[Finding]:
    for suppression in suppressions:
        position = (suppression.line, suppression.column, suppression.line, suppression.column)
        if suppression.malformed is not None:
            fix = _("Write it as {form}.", form=Plain(_FORM))
            problem = Problem("", suppression.malformed, fix, severity=Severity.WARNING)
            yield _finding(problem, position, lang)
            continue
        expiry = suppression.expiry()
        if expiry is not None and expiry < today:
            yield _finding(_expired(suppression, expiry), position, lang)
            continue
        for rule in suppression.rule_ids:
            if rule == ALL:
                continue
            if rule not in known and rule != UNUSED_SUPPRESSION:
                message = _("unknown rule '{rule}' in a suppression comment", rule=Plain(rule))
                fix = _("Check the id with 'campaignlint rules', or remove it.")
                yield _finding(Problem("", message, fix), position, lang)
            elif rule.partition(".")[0] in active and rule not in suppression.used:
                message = _("this suppression of '{rule}' suppressed nothing", rule=Plain(rule))
                fix = _(
                    "Remove '{rule}' from the comment: nothing here needs it.", rule=Plain(rule)
                )
                yield _finding(Problem("", message, fix), position, lang)


def _expired(suppression: Suppression, expiry: dt.date) -> Problem:
    rules = Plain(", ".join(suppression.rule_ids))
    if expiry == dt.date.min:
        message = _(
            "the suppression of {rules} has an unreadable expiry '{until}', so it is not applied",
            rules=rules,
            until=Plain(suppression.until),
        )
        return Problem("", message, _("Write the date as until=YYYY-MM-DD."))
    message = _(
        "the suppression of {rules} expired on {date}; its findings are reported again",
        rules=rules,
        date=expiry,
    )
    fix = _("Fix the findings, or renew the waiver with a new until= date and a reason.")
    return Problem("", message, fix)


def _finding(problem: Problem, position: tuple[int, int, int, int], lang: str) -> Finding:
    severity = problem.severity or Severity.INFO
    return render_problem(problem, UNUSED_SUPPRESSION, severity, position, lang)
