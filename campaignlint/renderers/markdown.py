"""``--format markdown``: the review report for a person, rendered from a Jinja template.

The template (``campaignlint/templates/report.md.j2``) shows a verdict line, counts by severity,
the findings grouped by area with the quoted field, message and fix, the per-influencer table,
the budget split and the posting schedule. The numbers come from :mod:`campaignlint.facts`; this
module only arranges them. Every value the template prints is escaped for Markdown (so a brief's
text can neither break a table nor inject markup), and every label goes through ``t()``, the
translation catalog, with numbers, money and dates formatted for the report's language.

:func:`review` builds the template context that the HTML report (:mod:`.html`) shares.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from campaignlint.i18n import (
    Message,
    area_name,
    format_date,
    format_money,
    format_number,
    format_percent,
    severity_name,
)
from campaignlint.loader import unescape_pointer_token
from campaignlint.model import Finding, Severity
from campaignlint.rule import AREAS

if TYPE_CHECKING:
    import jinja2

    from campaignlint.engine import FileResult
    from campaignlint.facts import BriefFacts
    from campaignlint.renderers import Report

TEMPLATE = "report.md.j2"
MISSING = "—"
_QUOTE_LIMIT = 120


@dataclass
class FindingView:
    finding: Finding
    field: str  # the pointer as a reader writes it: influencers[0].audience.age
    value: str | None  # the field's value when it is a short scalar


@dataclass
class AreaView:
    area: str
    title: str
    findings: list[FindingView]


@dataclass
class FileView:
    path: str
    error: str | None
    verdict: str  # unreadable | blocked | changes | notes | clean
    counts: dict[str, int]
    areas: list[AreaView]
    facts: BriefFacts | None
    checked_areas: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        if self.facts is not None and self.facts.name:
            return self.facts.name
        return self.path


def field_path(pointer: str) -> str:
    """``/influencers/0/audience/age`` -> ``influencers[0].audience.age``."""
    path = ""
    for raw in pointer.lstrip("/").split("/") if pointer else []:
        token = unescape_pointer_token(raw)
        path += f"[{token}]" if token.isdigit() else (f".{token}" if path else token)
    return path


def _value_at(data: Any, pointer: str) -> str | None:
    node = data
    for raw in pointer.lstrip("/").split("/") if pointer else []:
        token = unescape_pointer_token(raw)
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    if isinstance(node, bool) or node is None or isinstance(node, dict | list):
        return None
    text = node.isoformat() if isinstance(node, dt.date) else str(node)
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def _verdict(result: FileResult) -> str:
    if result.error:
        return "unreadable"
    severities = {finding.severity for finding in result.findings}
    if Severity.ERROR in severities:
        return "blocked"
    if Severity.WARNING in severities:
        return "changes"
    return "notes" if severities else "clean"


def _file_view(result: FileResult, report: Report) -> FileView:
    data = report.briefs.get(result.path)
    grouped: dict[str, list[FindingView]] = {}
    for finding in result.findings:
        rule = report.rules.get(finding.rule)
        area = rule.area if rule is not None else "integrity"
        view = FindingView(finding, field_path(finding.pointer), _value_at(data, finding.pointer))
        grouped.setdefault(area, []).append(view)
    for views in grouped.values():  # the worst first, then in the order of the brief
        views.sort(key=lambda view: (-view.finding.severity.rank, view.finding.sort_key()))
    order = [*AREAS, *sorted(set(grouped) - set(AREAS))]
    areas = [
        AreaView(area, area_name(area, report.lang), grouped[area])
        for area in order
        if area in grouped
    ]
    counts = {severity.value: 0 for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for finding in result.findings:
        counts[finding.severity.value] += 1
    checked = sorted({rule.area for rule in report.rules.values()}, key=_area_order)
    return FileView(
        path=result.path,
        error=result.error,
        verdict=_verdict(result),
        counts=counts,
        areas=areas,
        facts=report.facts.get(result.path),
        checked_areas=[area_name(area, report.lang) for area in checked],
    )


def _area_order(area: str) -> int:
    return AREAS.index(area) if area in AREAS else len(AREAS)


def title_case(text: str, lang: str) -> str:
    """First letter upper-cased, the Turkish way in Turkish (``içerik`` -> ``İçerik``)."""
    if not text:
        return text
    first = text[0]
    if lang == "tr" and first == "i":
        return "İ" + text[1:]
    return first.upper() + text[1:]


def helpers(lang: str) -> dict[str, Callable[..., Any]]:
    """Translation and formatting functions the templates call."""

    def t(template: str, **args: Any) -> str:
        return Message(template, tuple(args.items())).render(lang)

    def number(value: float | None) -> str:
        return MISSING if value is None else format_number(value, lang)

    def percent(value: float | None) -> str:
        return MISSING if value is None else format_percent(value, lang)

    def money(amount: float | None, currency: str | None) -> str:
        if amount is None:
            return MISSING
        return format_money(amount, currency, lang) if currency else format_number(amount, lang)

    def date(value: dt.date | None) -> str:
        return MISSING if value is None else format_date(value, lang)

    def severity(value: Severity | str) -> str:
        return severity_name(str(getattr(value, "value", value)), lang)

    def title(text: str) -> str:
        return title_case(text, lang)

    return {
        "t": t,
        "number": number,
        "percent": percent,
        "money": money,
        "date": date,
        "severity": severity,
        "title": title,
        "area": lambda name: area_name(name, lang),
    }


def review(report: Report) -> dict[str, Any]:
    """The template context shared by the Markdown and HTML reports."""
    files = [_file_view(result, report) for result in report.results]
    return {
        "files": files,
        "summary": report.summary,
        "lang": report.lang,
        "show_fix": report.show_fix,
        "missing": MISSING,
        **helpers(report.lang),
    }


def environment(
    autoescape: bool, finalize: Callable[[Any], Any] | None = None
) -> jinja2.Environment:
    import jinja2

    def load(name: str) -> str:
        from importlib.resources import files

        return (files("campaignlint.templates") / name).read_text(encoding="utf-8")

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=autoescape,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


# --- Markdown escaping -----------------------------------------------------------------------


class Raw(str):
    """Markdown the template builds itself (code spans): printed as is."""


_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$])")
_LEADING = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_MENTION = re.compile(r"@(?=\w)")


def escape(text: str) -> str:
    """One line of Markdown showing ``text`` literally: inline markup, HTML, table pipes and
    line breaks neutralised; ``@name`` kept from pinging a GitHub user in a PR comment."""
    line = " ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text
    line = "".join(ch if ch.isprintable() or ch == " " else " " for ch in line)
    line = _SPECIAL.sub(r"\\\1", line)
    return _MENTION.sub("@\u2060", line)


def block(text: str) -> Raw:
    """``text`` escaped to start a line: a leading ``-``, ``+``, ``1.`` or ``>`` stays text."""
    line = escape(text)
    return Raw(_LEADING.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line))


def heading(level: int) -> Raw:
    return Raw("#" * level)


def code(text: str) -> Raw:
    """``text`` as a Markdown code span, fenced by more backticks than it contains."""
    line = " ".join(text.split())
    runs = [len(run) for run in re.findall(r"`+", line)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return Raw(f"{fence}{pad}{line}{pad}{fence}" if line else "")


def _finalize(value: Any) -> Any:
    if isinstance(value, Raw):
        return value
    if value is None:
        return MISSING
    return escape(str(value))


def render(report: Report) -> str:
    template = environment(autoescape=False, finalize=_finalize).get_template(TEMPLATE)
    text = template.render(code=code, block=block, heading=heading, **review(report))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
