"""The shape of a rule, read from a rule module.

A rule module defines::

    \"\"\"One-line summary.

    ## What it does
    ## Why it matters
    ## Example
    ## How to fix
    \"\"\"
    ID = "placeholder-text"            # kebab-case, never translated
    SEVERITY = "error"                 # default severity
    AREA = "integrity"                 # integrity | audience | money | contract | content
                                       # | measurement | timing (groups the review report)
    SOURCE = "The article ..."         # the published source the rule rests on
    OPTIONS = {"name": Option(...)}    # declared options with defaults
    CHECKS = {"check-id": "summary"}   # optional: the rule's distinct checks; a problem made
                                       # with check="check-id" has the code "rule-id.check-id",
                                       # which select/ignore/rules/suppressions can name alone
    FIXABLE = False                    # True when some problems carry safe edits
    SCOPE = "brief"                    # or "portfolio": check(portfolio, options) sees every
                                       # brief at once (see campaignlint.portfolio)

    def check(brief: Brief, options: Mapping[str, Any]) -> Iterable[Problem]: ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

from campaignlint.errors import ConfigError, RuleLoadError
from campaignlint.frozen import FrozenValue, field, record
from campaignlint.i18n import Plain, _
from campaignlint.model import Problem, Severity

if TYPE_CHECKING:
    from campaignlint.brief import Brief

SCOPES = ("brief", "portfolio")  # one brief at a time, or every brief of the portfolio at once
AREAS = ("integrity", "audience", "money", "contract", "content", "measurement", "timing")
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "How to fix")
_RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

CheckFunction = Callable[["Brief", Mapping[str, Any]], Iterable[Problem]]


class Option(FrozenValue):
    """A rule option: its default, a JSON Schema for its value, and what it means."""

    _fields = ("default", "schema", "help")
    default: Any
    schema: Mapping[str, Any]
    help: str

    def __init__(self, default: Any, schema: Mapping[str, Any], help: str) -> None:
        object.__setattr__(self, "default", default)
        object.__setattr__(self, "schema", schema)
        object.__setattr__(self, "help", help)

    @classmethod
    def number(cls, default: float, help: str, **bounds: float) -> Option:
        return cls(default, {"type": "number", **bounds}, help)

    @classmethod
    def integer(cls, default: int, help: str, **bounds: int) -> Option:
        return cls(default, {"type": "integer", **bounds}, help)

    @classmethod
    def boolean(cls, default: bool, help: str) -> Option:
        return cls(default, {"type": "boolean"}, help)

    @classmethod
    def string(cls, default: str, help: str, choices: Iterable[str] | None = None) -> Option:
        schema: dict[str, Any] = {"type": "string"}
        if choices is not None:
            schema["enum"] = list(choices)
        return cls(default, schema, help)

    @classmethod
    def strings(cls, default: Iterable[str], help: str) -> Option:
        return cls(list(default), {"type": "array", "items": {"type": "string"}}, help)

    @classmethod
    def mapping(cls, default: Mapping[str, Any], help: str, values: Mapping[str, Any]) -> Option:
        return cls(dict(default), {"type": "object", "additionalProperties": dict(values)}, help)


@record
class Rule:
    """A discovered rule."""

    id: str
    severity: Severity
    area: str
    check: CheckFunction
    doc: str
    options: dict[str, Option] = field(default_factory=dict)
    source: str = ""
    origin: str = "built-in"
    module: str = ""
    fixable: bool = False
    # "portfolio": check(portfolio, options) sees every brief of the run's portfolio at once
    # (campaignlint.portfolio) and yields PortfolioProblem(path, problem) pairs.
    scope: str = "brief"
    checks: dict[str, str] = field(default_factory=dict)  # check id -> one-line summary

    def codes(self) -> list[str]:
        """The rule id and the code of each declared check (``rule-id.check-id``)."""
        return [self.id, *(f"{self.id}.{check}" for check in self.checks)]

    # A rule that reports values the schema rejects (the schema rule itself); any other rule's
    # finding on such a value is a restatement, and the engine drops it.
    reads_rejected: bool = False

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else self.id

    def doc_sections(self) -> dict[str, str]:
        """The docstring's ``## Heading`` sections, in order."""
        return split_sections(self.doc)

    def defaults(self) -> dict[str, Any]:
        return {name: option.default for name, option in self.options.items()}

    def resolve_options(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Defaults overlaid with ``given``, each validated against its option's schema."""
        resolved = self.defaults()
        for name, value in given.items():
            option = self.options.get(name)
            if option is None:
                known = ", ".join(sorted(self.options))
                raise ConfigError(
                    _(
                        "rule '{rule}' has no option '{name}' (its options: {known})",
                        rule=Plain(self.id),
                        name=Plain(name),
                        known=Plain(known),
                    )
                    if known
                    else _("rule '{rule}' has no options", rule=Plain(self.id))
                )
            _validate_option(self.id, name, option, value)
            resolved[name] = value
        return resolved


def _validate_option(rule_id: str, name: str, option: Option, value: Any) -> None:
    import jsonschema_rs

    valid = jsonschema_rs.validator_for(dict(option.schema)).is_valid(value)
    if isinstance(value, bool) and option.schema.get("type") in ("number", "integer"):
        valid = False
    if not valid:
        expected = option.schema.get("type", "valid")
        raise ConfigError(
            _(
                "option '{name}' of rule '{rule}' must be {expected}, got {value}",
                name=Plain(name),
                rule=Plain(rule_id),
                expected=Plain(expected),
                value=Plain(repr(value)),
            )
        )


def split_sections(doc: str) -> dict[str, str]:
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in doc.strip().splitlines()[1:]:
        if line.startswith("## "):
            if current is not None:
                sections[current] = "\n".join(lines).strip()
            current, lines = line[3:].strip(), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        sections[current] = "\n".join(lines).strip()
    return sections


def rule_from_module(module: ModuleType, origin: str) -> Rule:
    """Read a rule from its module, checking the shape."""
    where = getattr(module, "__file__", module.__name__)
    rule_id = getattr(module, "ID", None)
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise RuleLoadError(f"{where}: ID must be a kebab-case string, got {rule_id!r}")
    check = getattr(module, "check", None)
    if not callable(check):
        raise RuleLoadError(f"{where}: rule '{rule_id}' has no check(brief, options) function")
    try:
        severity = Severity(getattr(module, "SEVERITY", "warning"))
    except ValueError as error:
        raise RuleLoadError(f"{where}: SEVERITY must be error, warning or info") from error
    area = getattr(module, "AREA", "integrity")
    if area not in AREAS:
        raise RuleLoadError(f"{where}: AREA must be one of {', '.join(AREAS)}")
    scope = getattr(module, "SCOPE", "brief")
    if scope not in SCOPES:
        raise RuleLoadError(f"{where}: SCOPE must be one of {', '.join(SCOPES)}")
    checks = dict(getattr(module, "CHECKS", {}))
    for check_id, summary in checks.items():
        if (
            not isinstance(check_id, str)
            or not _RULE_ID.match(check_id)
            or not isinstance(summary, str)
        ):
            raise RuleLoadError(
                f"{where}: CHECKS must map kebab-case check ids to one-line summaries"
            )
    options = dict(getattr(module, "OPTIONS", {}))
    if not all(isinstance(option, Option) for option in options.values()):
        raise RuleLoadError(f"{where}: OPTIONS values must be campaignlint.rule.Option")
    return Rule(
        id=rule_id,
        severity=severity,
        area=area,
        check=check,
        doc=module.__doc__ or "",
        options=options,
        source=str(getattr(module, "SOURCE", "")),
        origin=origin,
        module=module.__name__,
        fixable=bool(getattr(module, "FIXABLE", False)),
        scope=scope,
        checks=checks,
        reads_rejected=bool(getattr(module, "READS_REJECTED", False)),
    )
