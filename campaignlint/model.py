"""Findings: what a rule reports, and what campaignlint prints."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from campaignlint.frozen import FrozenValue, field, record
from campaignlint.i18n import DEFAULT_LANGUAGE, Message, upper_first


class Severity(StrEnum):
    """How bad a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __reduce_ex__(self, _protocol: object) -> tuple[Any, ...]:
        # Read back as ``getattr(Severity, "WARNING")``, in C, not by calling the enum (Python
        # code): every finding of a run of many briefs is pickled and read back at least once.
        return getattr, (Severity, self._name_)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

Position = tuple[int, int, int, int]
"""1-based (line, column, end_line, end_column)."""


class Edit(FrozenValue):
    """A safe, mechanical change to the brief, applied only by ``--fix``.

    ``op`` is ``set`` (replace or add the value at ``pointer``), ``append`` (add ``value`` to the
    list at ``pointer``, creating it when absent) or ``remove`` (delete the item at ``pointer``).
    """

    _fields = ("op", "pointer", "value")
    op: Literal["set", "append", "remove"]
    pointer: str
    value: Any

    def __init__(
        self, op: Literal["set", "append", "remove"], pointer: str, value: Any = None
    ) -> None:
        object.__setattr__(self, "op", op)
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "value", value)


class Related(FrozenValue):
    """Another place of the same problem: a JSON pointer in the same brief or, with ``path``,
    in another file (a portfolio finding names the other brief). ``line`` and ``column`` are
    1-based; 0 means "not resolved yet" (the engine resolves pointers of the same brief)."""

    _fields = ("pointer", "line", "column", "path")
    pointer: str
    line: int
    column: int
    path: str | None

    def __init__(
        self, pointer: str, line: int = 0, column: int = 0, path: str | None = None
    ) -> None:
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "path", path)

    def to_dict(self) -> dict[str, Any]:
        shape: dict[str, Any] = {"pointer": self.pointer, "line": self.line, "column": self.column}
        if self.path is not None:
            shape["path"] = self.path
        return shape


@record(frozen=True)
class Problem:
    """What a rule yields: a message still to be rendered in the user's language."""

    pointer: str
    message: Message
    fix: Message | None = None
    severity: Severity | None = None  # None: the rule's (configured) severity
    position: Position | None = None
    edits: tuple[Edit, ...] = ()
    # The other places of a grouped problem ("3 deliverables have no posting window").
    related: tuple[Related, ...] = ()
    # Which of the rule's declared CHECKS found it (``platform-label``): its own code
    # ``missing-disclosure.platform-label`` can be selected, ignored and re-rated alone.
    check: str | None = None


@record
class Finding:
    """A rendered finding: one line of output, one JSON object."""

    rule: str
    severity: Severity
    message: str
    pointer: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: str | None = None
    # English text, stable across languages: what baselines fingerprint.
    message_en: str = ""
    edits: tuple[Edit, ...] = field(default=(), repr=False)
    suppressed_by: str | None = field(default=None, repr=False)
    related: tuple[Related, ...] = ()
    check: str | None = None  # the rule's check that found it, see Problem.check

    @property
    def code(self) -> str:
        """``rule.check`` (``missing-disclosure.platform-label``), or the rule id."""
        return f"{self.rule}.{self.check}" if self.check else self.rule

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of a finding."""
        return {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "fix": self.fix,
            "related": [place.to_dict() for place in self.related],
        }

    def sort_key(self) -> tuple[int, int, str, str]:
        """Position, then rule, then the English message, so output order never varies."""
        return (self.line, self.column, self.rule, self.message_en.casefold())


def sentence_case(
    text: str, lang: str = DEFAULT_LANGUAGE, arguments: tuple[tuple[str, Any], ...] = ()
) -> str:
    """Start a message with a capital, unless it starts with a field, handle, tag, quote or one
    of its text ``arguments`` (a message's own, quoted as the brief writes them: ``campaign is
    missing ...``, not ``Campaign is missing ...``; a message of campaignlint's own such as
    "the brief" is no text argument, and is capitalised).

    Rules are written by many hands; this keeps every message looking the same. The Turkish
    capital of ``i`` is ``İ`` (campaignlint.i18n.upper_first); an apostrophe inside the first
    word is a Turkish suffix (``brief'te``), not a quote.
    """
    if not text or not text[0].islower():
        return text
    first_word = text.split(" ", 1)[0]
    if first_word[0] in "'\"" or any(mark in first_word for mark in "._/[@#{:0123456789"):
        return text
    for _name, value in arguments:
        if isinstance(value, str) and value and text.startswith(value):
            return text
    return upper_first(text, lang)


def render_problem(
    problem: Problem,
    rule: str,
    severity: Severity,
    position: Position,
    lang: str = DEFAULT_LANGUAGE,
    related: tuple[Related, ...] = (),
    english: str = "",
) -> Finding:
    """Turn a rule's problem into a finding in ``lang``; ``english``, when given, is its
    English message already rendered (the engine renders it to order findings at one place)."""
    line, column, end_line, end_column = position
    arguments = problem.message.args
    if not english:
        english = sentence_case(problem.message.render(DEFAULT_LANGUAGE), arguments=arguments)
    if lang == DEFAULT_LANGUAGE:
        localized = english  # sentence_case gives back what it gave: no second pass
    else:
        localized = sentence_case(problem.message.render(lang), lang, arguments)
    fix = None
    if problem.fix is not None:
        fix = sentence_case(problem.fix.render(lang), lang, problem.fix.args)
    return Finding(
        rule=rule,
        severity=severity,
        message=localized,
        pointer=problem.pointer,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fix=fix,
        message_en=english,
        edits=problem.edits,
        related=related,
        check=problem.check,
    )
