"""``--format markdown``: the review report for a person, rendered from a Jinja template.

Two forms share one template (``campaignlint/templates/report.md.j2``) and one context
(:func:`review`, which the HTML report :mod:`.html` shares too):

- the **client review** (``--format markdown``): plain language first. Each finding says where
  it is with the brief's own section names ("Creators › @ayse.glow › audience › age"), enum
  values by their names in the report's language ("per follower", not ``per_follower``), the
  message and the fix; the technical detail (rule id, field path, line) follows in small print.
  No local file path and no command line: it can be sent to a client as is.
- the **reviewer's form** (``--format markdown-reviewer``): for the engineer who fixes the
  YAML. The same findings lead with the rule id, the field path and the line, the header names
  the file, and the footer says how to ask campaignlint for a rule's reasoning.

A folder gives a **portfolio**: a table of every brief (file, campaign, verdict, counts, a link
to its section) and then each brief under a heading that names its file.

The **verdict** of a brief comes from its counts by one rule: unreadable when the file could not
be read; *not ready* with one error or more; *needs changes* with no error and one warning or
more; *ready, with notes* when only notes remain; *ready* with nothing at all.

Suppressed findings (waivers: an inline ``# campaignlint: disable`` comment, a ``per_file``
entry or the baseline) are listed after the findings with their reason and expiry.

The numbers come from :mod:`campaignlint.facts`; this module only arranges them. Shares that
make up a whole (the budget split) are rounded by the largest-remainder method, so they add up
to exactly the total shown. Every value the template prints is escaped for Markdown (so a
brief's text can neither break a table nor inject markup; a ``@handle`` becomes a code span, so
it never pings a GitHub user and copies without invisible characters), and every label goes
through ``t()``, the translation catalog, with numbers, money and dates formatted for the
report's language and amounts kept on one line.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from campaignlint.i18n import (
    Message,
    _,
    area_name,
    format_date,
    format_money,
    format_number,
    format_percent,
    term_name,
)
from campaignlint.loader import unescape_pointer_token
from campaignlint.model import Finding, Severity
from campaignlint.rule import AREAS

if TYPE_CHECKING:
    import jinja2

    from campaignlint.engine import FileResult
    from campaignlint.facts import BriefFacts, InfluencerFacts
    from campaignlint.renderers import Report

TEMPLATE = "report.md.j2"
MISSING = "—"
NBSP = "\u00a0"
_QUOTE_LIMIT = 120
AGE_RULE, AGE_OPTION, AGE_THRESHOLD = "audience-mismatch", "min_age_overlap", 50.0

# How a reader names the verdicts and severities: one word per severity everywhere.
SEVERITY_LABELS = {"error": _("Error"), "warning": _("Warning"), "info": _("Note")}
VERDICT_LABELS = {
    "unreadable": _("Unreadable"),
    "blocked": _("Not ready"),
    "changes": _("Needs changes"),
    "notes": _("Ready, with notes"),
    "clean": _("Ready"),
}
# What each portfolio rule's mark in the calendar means, for its legend.
MARK_LABELS = {
    "exclusivity-conflict": _(
        "exclusivity conflict: booked by a competitor while under exclusivity"
    ),
    "competing-promotions": _(
        "competing promotions: two competing brands less than the minimum gap apart"
    ),
    "creator-overload": _("overload: more posts due in 7 days than a creator can make well"),
}
# Area headings of the review; "money" holds the pricing rules and engagement-rate (domain.md
# files it there: the rate is what a fee buys), so its heading says both.
AREA_TITLES = {"money": _("Budget and creator value")}

# The brief's sections and fields as a reader names them, for "where" a finding is.
FIELD_LABELS: dict[str, Message] = {
    "campaign": _("Campaign"),
    "target_audience": _("Target audience"),
    "influencers": _("Creators"),
    "deliverables": _("Deliverables"),
    "content": _("Content"),
    "contract": _("Contract"),
    "kpis": _("KPIs"),
    "tracking": _("Tracking"),
    "name": _("name"),
    "brand": _("brand"),
    "objective": _("objective"),
    "start": _("start date"),
    "end": _("end date"),
    "budget": _("budget"),
    "amount": _("amount"),
    "currency": _("currency"),
    "markets": _("markets"),
    "age": _("age"),
    "min": _("from"),
    "max": _("to"),
    "genders": _("genders"),
    "gender": _("gender"),
    "locations": _("locations"),
    "languages": _("languages"),
    "handle": _("handle"),
    "platform": _("platform"),
    "followers": _("followers"),
    "avg_likes": _("average likes"),
    "avg_comments": _("average comments"),
    "avg_shares": _("average shares"),
    "engagement_rate": _("engagement rate"),
    "tier": _("tier"),
    "audience": _("audience"),
    "content_style": _("content style"),
    "compensation": _("pay"),
    "fee": _("fee"),
    "model": _("pay model"),
    "basis": _("fee basis"),
    "revenue_share_percent": _("revenue share"),
    "notes": _("notes"),
    "influencer": _("creator"),
    "format": _("format"),
    "count": _("number of posts"),
    "due": _("due date"),
    "posting_windows": _("posting windows"),
    "days": _("days"),
    "from": _("from"),
    "to": _("to"),
    "timezone": _("time zone"),
    "topics": _("topics"),
    "guidelines": _("guidelines"),
    "hashtags": _("hashtags"),
    "disclosure": _("ad disclosure"),
    "tags": _("tags"),
    "placement": _("placement"),
    "branded_content_toggle": _("branded-content toggle"),
    "approval": _("approval"),
    "required": _("required"),
    "turnaround_days": _("turnaround"),
    "rounds": _("rounds"),
    "creative_freedom": _("creative freedom"),
    "signed": _("signed"),
    "duties": _("duties"),
    "term": _("term"),
    "payment": _("payment"),
    "schedule": _("schedule"),
    "percent": _("percent"),
    "net_days": _("payment days"),
    "usage_rights": _("usage rights"),
    "duration_months": _("duration"),
    "duration_days": _("duration"),
    "exclusivity": _("exclusivity"),
    "category": _("category"),
    "termination": _("termination"),
    "revision_rounds": _("revision rounds"),
    "clauses": _("clauses"),
    "metric": _("metric"),
    "target": _("target"),
    "window": _("window"),
    "priority": _("priority"),
    "methods": _("methods"),
    "reporting_cadence": _("reporting cadence"),
    "pre_campaign_analysis": _("pre-campaign analysis"),
}
# Fields whose value is picked from a list: the report names the value instead of quoting it.
ENUM_FIELDS = frozenset(
    {
        "objective",
        "genders",
        "tier",
        "model",
        "basis",
        "format",
        "days",
        "placement",
        "duration_months",
        "reporting_cadence",
        "window",
        "rounds",
        "revision_rounds",
        "metric",
        "methods",
    }
)
_ITEM_LABELS = {
    "deliverables": _("deliverable {number}"),
    "kpis": _("KPI {number}"),
    "clauses": _("clause {number}"),
    "posting_windows": _("window {number}"),
    "schedule": _("payment {number}"),
}


@dataclass
class FindingView:
    finding: Finding
    field: str  # the pointer as a reader writes it: influencers[0].audience.age
    location: str  # the same in the brief's words: Creators › @ayse.glow › audience › age
    value: str | None  # the field's value when it is a short scalar
    message: str
    fix: str | None


@dataclass
class WaiverView:
    view: FindingView
    reason: str | None
    until: dt.date | None
    source: str  # where the waiver is written, for the reviewer


@dataclass
class AreaView:
    area: str
    title: str
    findings: list[FindingView]


@dataclass
class CreatorRow:
    facts: InfluencerFacts
    share: float | None  # of the budget, rounded so the shares add up
    audience_fails: bool  # audience-mismatch reports its age overlap


@dataclass
class BudgetView:
    slices: list[tuple[str, float, float]]  # label, amount, share (rounded)
    fees_share: float  # the creators' total share: the sum of theirs as shown
    left_share: float | None  # the unallocated share, when something is left


@dataclass
class FileView:
    path: str
    name: str  # the file as the portfolio names it
    anchor: str
    error: str | None
    verdict: str  # unreadable | blocked | changes | notes | clean
    counts: dict[str, int]
    areas: list[AreaView]
    facts: BriefFacts | None
    checked_areas: list[str] = field(default_factory=list)
    waivers: list[WaiverView] = field(default_factory=list)
    creators: list[CreatorRow] = field(default_factory=list)
    budget: BudgetView | None = None
    age_threshold: float = AGE_THRESHOLD

    @property
    def title(self) -> str:
        if self.facts is not None and self.facts.name:
            return self.facts.name
        return self.name


def field_path(pointer: str) -> str:
    """``/influencers/0/audience/age`` -> ``influencers[0].audience.age``."""
    path = ""
    for raw in pointer.lstrip("/").split("/") if pointer else []:
        token = unescape_pointer_token(raw)
        path += f"[{token}]" if token.isdigit() else (f".{token}" if path else token)
    return path


def _node(data: Any, tokens: Sequence[str]) -> Any:
    node = data
    for token in tokens:
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def _item_label(data: Any, parents: Sequence[str], index: int, lang: str) -> str:
    """How the reader names item ``index`` of the list at ``parents``: a creator by handle, a
    KPI by its metric, anything else by its 1-based number."""
    item = _node(data, [*parents, str(index)])
    section = parents[-1] if parents else ""
    if isinstance(item, dict):
        handle = item.get("handle") if section == "influencers" else None
        if isinstance(handle, str) and handle.strip():
            return handle.strip()
        metric = item.get("metric") if section == "kpis" else None
        if isinstance(metric, str) and metric.strip():
            return _("KPI {metric}", metric=term_name(metric.strip(), lang)).render(lang)
    label = _ITEM_LABELS.get(section)
    if label is None:
        return _("item {number}", number=index + 1).render(lang)
    return Message(label.template, (("number", index + 1),)).render(lang)


def field_location(pointer: str, data: Any, lang: str) -> str:
    """``/influencers/0/audience/age`` -> ``Creators › @ayse.glow › audience › age``: where a
    finding is, in the words of the brief's sections."""
    parts: list[str] = []
    tokens: list[str] = []
    for raw in pointer.lstrip("/").split("/") if pointer else []:
        token = unescape_pointer_token(raw)
        if token.isdigit():
            parts.append(_item_label(data, tokens, int(token), lang))
        else:
            label = FIELD_LABELS.get(token)
            parts.append(label.render(lang) if label else token.replace("_", " "))
        tokens.append(token)
    if not parts:
        return _("The whole brief").render(lang)
    return title_case(" › ".join(parts), lang)


def _value_at(data: Any, pointer: str, lang: str) -> str | None:
    tokens = [unescape_pointer_token(raw) for raw in pointer.lstrip("/").split("/") if pointer]
    node = _node(data, tokens)
    if isinstance(node, bool) or node is None or isinstance(node, dict | list):
        return None
    field = next((token for token in reversed(tokens) if not token.isdigit()), "")
    if field in ENUM_FIELDS and isinstance(node, str):
        return term_name(node, lang)  # an enum value by its name: "per follower", "orta"
    text = node.isoformat() if isinstance(node, dt.date) else str(node)
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


_AMOUNT = re.compile(
    r"(?<=\d) (?=[₺$€£¥]|[A-Z]{3}\b)|(?<=\b[A-Z]{3}) (?=\d)|(?<=\d) (?=%)|(?<=%) (?=\d)"
)


def keep_amounts_together(text: str) -> str:
    """``150.000 ₺``, ``GBP 15,500``: the space inside an amount becomes non-breaking."""
    return _AMOUNT.sub(NBSP, text)


def verdict_for(counts: Mapping[str, int], unreadable: bool = False) -> str:
    """The verdict from the counts, by the one documented rule (see the module docstring)."""
    if unreadable:
        return "unreadable"
    if counts.get("error", 0):
        return "blocked"
    if counts.get("warning", 0):
        return "changes"
    return "notes" if counts.get("info", 0) else "clean"


def round_shares(values: Sequence[float], decimals: int = 1) -> list[float]:
    """``values`` rounded to ``decimals`` by the largest-remainder method: the rounded values add
    up to the rounded total, so 11.24 + 6.24 + 30.02 reads 11.2 + 6.3 + 30 = 47.5, not 47.4."""
    if not values:
        return []
    scale = 10**decimals
    scaled = [value * scale for value in values]
    floors = [math.floor(value) for value in scaled]
    missing = round(sum(scaled)) - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (floors[i] - scaled[i], i))
    for index in order[: max(0, missing)]:
        floors[index] += 1
    return [value / scale for value in floors]


def _budget(facts: BriefFacts) -> tuple[BudgetView | None, list[float | None]]:
    """The budget split with shares that add up, and each creator's share as shown."""
    budget = facts.budget
    if not facts.budget_split or not budget or facts.unallocated is None:
        return None, [None] * len(facts.influencers)
    raw = [piece.share for piece in facts.budget_split]
    left = facts.unallocated / budget * 100 if facts.unallocated > 0 else None
    rounded = round_shares([*raw, *([left] if left is not None else [])])
    shares = rounded[: len(raw)]
    view = BudgetView(
        slices=[
            (piece.label, piece.amount, share)
            for piece, share in zip(facts.budget_split, shares, strict=True)
        ],
        fees_share=round(sum(shares), 1),
        left_share=rounded[-1] if left is not None else None,
    )
    pending = iter(shares)
    per_creator = [
        next(pending, None) if row.fee_share is not None else None for row in facts.influencers
    ]
    return view, per_creator


def _waiver(view: FindingView, label: str, lang: str) -> WaiverView:
    from campaignlint.suppress import describe_suppression

    reason, until, source = describe_suppression(label)
    if reason is None and source == "baseline":
        reason = _("Known when the baseline was recorded.").render(lang)
    return WaiverView(view, reason, until, source)


def _display_names(paths: Sequence[str]) -> dict[str, str]:
    """Each path relative to the folder they share: ``mistakes/budget-fit.yaml``."""
    posix = [path.replace("\\", "/") for path in paths]
    if len(posix) < 2:
        return {path: posixpath.basename(p) or path for path, p in zip(paths, posix, strict=True)}
    try:
        common = posixpath.commonpath([posixpath.dirname(p) for p in posix])
    except ValueError:
        common = ""
    names = {}
    for path, p in zip(paths, posix, strict=True):
        names[path] = p[len(common) :].lstrip("/") if common and p.startswith(common) else p
    return names


def _finding_view(finding: Finding, data: Any, lang: str) -> FindingView:
    return FindingView(
        finding,
        field_path(finding.pointer),
        field_location(finding.pointer, data, lang),
        _value_at(data, finding.pointer, lang),
        keep_amounts_together(finding.message),
        keep_amounts_together(finding.fix) if finding.fix else None,
    )


def _age_threshold(report: Report) -> float:
    options = report.rule_options.get(AGE_RULE) or {}
    value = options.get(AGE_OPTION)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    rule = report.rules.get(AGE_RULE)
    option = rule.options.get(AGE_OPTION) if rule is not None else None
    default = getattr(option, "default", None)
    return float(default) if isinstance(default, int | float) else AGE_THRESHOLD


def _file_view(result: FileResult, report: Report, name: str, anchor: str) -> FileView:
    lang = report.lang
    data = report.briefs.get(result.path)
    grouped: dict[str, list[FindingView]] = {}
    for finding in result.findings:
        rule = report.rules.get(finding.rule)
        area = rule.area if rule is not None else "integrity"
        grouped.setdefault(area, []).append(_finding_view(finding, data, lang))
    for views in grouped.values():  # the worst first, then in the order of the brief
        views.sort(key=lambda view: (-view.finding.severity.rank, view.finding.sort_key()))
    order = [*AREAS, *sorted(set(grouped) - set(AREAS))]
    areas = [
        AreaView(area, _area_title(area, lang), grouped[area]) for area in order if area in grouped
    ]
    counts = {severity.value: 0 for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for finding in result.findings:
        counts[finding.severity.value] += 1
    checked = sorted({rule.area for rule in report.rules.values()}, key=_area_order)
    facts = report.facts.get(result.path)
    waivers = [
        _waiver(_finding_view(finding, data, lang), finding.suppressed_by or "", lang)
        for finding in sorted(result.suppressed, key=Finding.sort_key)
    ]
    budget, shares = _budget(facts) if facts is not None else (None, [])
    failing = {
        f.pointer
        for f in result.findings
        if f.rule == AGE_RULE and f.pointer.endswith("/audience/age")
    }
    creators = (
        [
            CreatorRow(row, share, f"/influencers/{index}/audience/age" in failing)
            for index, (row, share) in enumerate(zip(facts.influencers, shares, strict=True))
        ]
        if facts is not None
        else []
    )
    return FileView(
        path=result.path,
        name=name,
        anchor=anchor,
        error=_without_folder(result.error, result.path, name),
        verdict=verdict_for(counts, bool(result.error)),
        counts=counts,
        areas=areas,
        facts=facts,
        checked_areas=[_in_sentence(_area_title(area, lang)) for area in checked],
        waivers=waivers,
        creators=creators,
        budget=budget,
        age_threshold=_age_threshold(report),
    )


def _area_title(area: str, lang: str) -> str:
    title = AREA_TITLES.get(area)
    return title.render(lang) if title is not None else area_name(area, lang)


def _without_folder(error: str | None, path: str, name: str) -> str | None:
    """The read error as the report names the file: no local folder in a client document."""
    if error and error.startswith(path):
        return name + error[len(path) :]
    return error


def _in_sentence(title: str) -> str:
    """A heading as a word inside a sentence: ``Budget and creator value`` -> ``budget and…``."""
    return title[:1].lower() + title[1:] if title[:1] not in ("", "İ", "I") else title


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
        text = format_money(amount, currency, lang) if currency else format_number(amount, lang)
        return keep_amounts_together(text)

    def date(value: dt.date | None) -> str:
        return MISSING if value is None else format_date(value, lang)

    def severity(value: Severity | str) -> str:
        label = SEVERITY_LABELS.get(str(getattr(value, "value", value)))
        return label.render(lang) if label is not None else str(value)

    def verdict(value: str) -> str:
        label = VERDICT_LABELS.get(value)
        return label.render(lang) if label is not None else value

    def term(value: Any) -> str:
        return MISSING if value is None else term_name(value, lang)

    def title(text: str) -> str:
        return title_case(text, lang)

    return {
        "t": t,
        "number": number,
        "percent": percent,
        "money": money,
        "date": date,
        "severity": severity,
        "verdict": verdict,
        "term": term,
        "terms": lambda values: ", ".join(term(value) for value in values),
        "title": title,
        "area": lambda name: _area_title(name, lang),
    }


def review(report: Report, reviewer: bool = False) -> dict[str, Any]:
    """The template context shared by the Markdown and HTML reports: the client review, or the
    reviewer's form with ``reviewer``."""
    names = _display_names([result.path for result in report.results])
    files = [
        _file_view(result, report, names[result.path], f"brief-{index}")
        for index, result in enumerate(report.results, start=1)
    ]
    from campaignlint.renderers.calendar import MARKS, portfolio_calendar, week_label

    verdicts = {name: 0 for name in VERDICT_LABELS}
    for view in files:
        verdicts[view.verdict] += 1
    return {
        "files": files,
        "portfolio": len(files) > 1,
        "calendar": portfolio_calendar(report, names),
        "calendar_marks": MARKS,
        "calendar_rules": {rule: label.render(report.lang) for rule, label in MARK_LABELS.items()},
        "week": lambda value, with_year=False: week_label(value, report.lang, with_year),
        "reviewer": reviewer,
        "verdicts": verdicts,
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
_MENTION = re.compile(r"(?<![\w.@`])@\w(?:[\w.]*\w)?")


def _escape_text(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def escape(text: str) -> str:
    """One line of Markdown showing ``text`` literally: inline markup, HTML, table pipes and
    line breaks neutralised. A ``@handle`` becomes a code span: GitHub does not turn it into a
    mention (no one is pinged by a PR comment) and it copies as written."""
    line = " ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text
    line = "".join(ch if ch.isprintable() or ch in " \u00a0" else " " for ch in line)
    parts, last = [], 0
    for match in _MENTION.finditer(line):
        parts.append(_escape_text(line[last : match.start()]))
        parts.append(f"`{match.group()}`")
        last = match.end()
    parts.append(_escape_text(line[last:]))
    return "".join(parts)


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


def render(report: Report, reviewer: bool = False) -> str:
    template = environment(autoescape=False, finalize=_finalize).get_template(TEMPLATE)
    text = template.render(code=code, block=block, heading=heading, **review(report, reviewer))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_reviewer(report: Report) -> str:
    """``--format markdown-reviewer``: the reviewer's form (see the module docstring)."""
    return render(report, reviewer=True)
