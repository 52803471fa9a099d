"""Rule documentation, generated from each rule's docstring and declared options.

``campaignlint explain RULE`` and ``docs/rules.md`` (``campaignlint docs``) both come from here:
a :class:`RuleDoc` per rule, laid out by ``templates/rule.md.j2`` (``rules.md.j2`` for the whole
reference) in the reports' Jinja environment (:mod:`campaignlint.templating`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from campaignlint.i18n import (
    DEFAULT_LANGUAGE,
    Plain,
    _,
    area_name,
    severity_name,
    translate,
    translate_doc,
)
from campaignlint.rule import DOC_SECTIONS, Rule

RULE_TEMPLATE = "rule.md.j2"
RULES_TEMPLATE = "rules.md.j2"


@dataclass(frozen=True)
class DocSection:
    title: str
    body: str  # Markdown


@dataclass(frozen=True)
class ChecksDoc:
    """The rule's checks: each code can be selected, ignored, re-rated and suppressed alone."""

    title: str
    intro: str
    code_label: str
    finds_label: str
    rows: tuple[tuple[str, str], ...]  # code, what it finds


@dataclass(frozen=True)
class OptionDoc:
    name: str
    default: str  # as JSON (and YAML) writes it
    meaning: str  # escaped for a table cell


@dataclass(frozen=True)
class OptionsDoc:
    title: str
    rows: tuple[OptionDoc, ...]
    header: str  # the table's header row
    none_text: str  # what the section says when there is no option
    set_them: str  # the line before the configuration example


@dataclass(frozen=True)
class RuleDoc:
    """One rule's documentation, in one language, as ``rule.md.j2`` lays it out."""

    id: str
    summary: str
    facts: str  # default severity, area, origin, autofix
    sections: tuple[DocSection, ...]
    checks: ChecksDoc | None = None
    options: OptionsDoc | None = None  # None: the section is left out (engine findings)
    source: DocSection | None = None


@dataclass(frozen=True)
class RuleRow:
    """A rule in the table at the top of ``docs/rules.md``."""

    id: str
    severity: str
    area: str
    summary: str


def _default(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _options(rule: Rule, lang: str) -> OptionsDoc:
    rows = tuple(
        OptionDoc(name, _default(option.default), translate(option.help, lang).replace("|", "\\|"))
        for name, option in rule.options.items()
    )
    return OptionsDoc(
        title=_("Options").render(lang),
        rows=rows,
        header=_("| option | default | meaning |").render(lang),
        none_text=_("This rule has no options.").render(lang),
        set_them=_("Set them in `.campaignlint.yaml`:").render(lang),
    )


def _checks(rule: Rule, lang: str) -> ChecksDoc | None:
    if not rule.checks:
        return None
    return ChecksDoc(
        title=_("Checks").render(lang),
        intro=_(
            "Each check has its own code, which `select`, `ignore`, `rules` (severity only) and"
            " suppression comments accept on its own; the rule id names them all."
        ).render(lang),
        code_label=_("Code").render(lang),
        finds_label=_("What it finds").render(lang),
        rows=tuple(
            (f"{rule.id}.{check}", translate(text, lang)) for check, text in rule.checks.items()
        ),
    )


def _facts(rule: Rule, lang: str) -> str:
    facts = _(
        "Default severity: {severity} · area: {area} · {origin}",
        severity=f"`{rule.severity.value}`"
        + ("" if lang == DEFAULT_LANGUAGE else f" ({severity_name(rule.severity.value, lang)})"),
        area=area_name(rule.area, lang),
        origin=_("built-in") if rule.origin == "built-in" else rule.origin,
    ).render(lang)
    return facts + (" · " + _("autofix available").render(lang) if rule.fixable else "")


def rule_doc(rule: Rule, lang: str = DEFAULT_LANGUAGE, configured: str | None = None) -> RuleDoc:
    """One rule's documentation in ``lang`` (through the catalog); ``configured`` is the
    severity a config sets for it (``campaignlint explain`` shows it)."""
    facts = _facts(rule, lang)
    if configured and configured != rule.severity.value:
        facts += " · " + _(
            "severity in your config: {severity}", severity=f"`{configured}`"
        ).render(lang)
    sections = rule.doc_sections()
    return RuleDoc(
        id=rule.id,
        summary=translate(rule.summary, lang),
        facts=facts,
        sections=tuple(
            DocSection(translate(title, lang), translate_doc(sections[title], lang))
            for title in DOC_SECTIONS
            if sections.get(title)
        ),
        checks=_checks(rule, lang),
        options=_options(rule, lang),
        source=DocSection(_("Source").render(lang), translate(rule.source, lang))
        if rule.source
        else None,
    )


def _render_doc(doc: RuleDoc, heading: str) -> str:
    from campaignlint.templating import render

    # every section ends with a blank line; a rule's documentation ends with its last line
    return render(RULE_TEMPLATE, doc=doc, heading=heading)[:-1]


def rule_markdown(
    rule: Rule, heading: str = "##", lang: str = DEFAULT_LANGUAGE, configured: str | None = None
) -> str:
    """One rule's documentation as Markdown, its title at level ``heading``."""
    return _render_doc(rule_doc(rule, lang, configured), heading)


def rules_markdown(rules: Iterable[Rule], lang: str = DEFAULT_LANGUAGE) -> str:
    """``docs/rules.md`` (``docs/rules.tr.md`` in Turkish): every rule, one section each."""
    from campaignlint.templating import render

    ordered = sorted(rules, key=lambda rule: rule.id)
    command = "campaignlint docs --output docs/rules.md"
    if lang != DEFAULT_LANGUAGE:
        command = f"campaignlint docs --lang {lang} --output docs/rules.{lang}.md"
    text = render(
        RULES_TEMPLATE,
        title=_("# campaignlint rules").render(lang),
        generated=_(
            "Generated by `{command}` from the rules' docstrings; do not edit by hand.",
            command=command,
        ).render(lang),
        header=_("| rule | severity | area | what it catches |").render(lang),
        rows=[
            RuleRow(
                rule.id,
                rule.severity.value
                if lang == DEFAULT_LANGUAGE
                else severity_name(rule.severity.value, lang),
                area_name(rule.area, lang),
                translate(rule.summary, lang),
            )
            for rule in ordered
        ],
        docs=[rule_doc(rule, lang) for rule in ordered],
        heading="##",
    )
    return text.rstrip() + "\n"


def rules_listing(
    rules: Sequence[Rule], configured: Mapping[str, str | None], output_format: str, lang: str
) -> str:
    """``campaignlint rules``: one line per rule (id, severity, summary, origin), or the same
    as JSON with ``output_format`` ``json``. ``configured`` maps a rule id to the severity a
    config sets for it; the default severity is named beside one that differs."""
    if output_format == "json":
        items = [
            {
                "id": rule.id,
                "severity": configured.get(rule.id) or rule.severity.value,
                "default_severity": rule.severity.value,
                "area": rule.area,
                "summary": translate(rule.summary, lang),
                "origin": rule.origin,
                "fixable": rule.fixable,
            }
            for rule in rules
        ]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    width = max((len(rule.id) for rule in rules), default=10)
    builtin = _("built-in").render(lang)
    lines = []
    for rule in rules:
        severity = configured.get(rule.id) or rule.severity.value
        line = (
            f"{rule.id:<{width}}  {severity_name(severity, lang):<7}"
            f"  {translate(rule.summary, lang)}"
            f"  [{builtin if rule.origin == 'built-in' else rule.origin}]"
        )
        if severity != rule.severity.value:
            default = severity_name(rule.severity.value, lang)
            line += " " + _("(configured; default {severity})", severity=Plain(default)).render(
                lang
            )
        lines.append(line)
    return "\n".join(lines) + "\n"


# Findings the engine itself reports: every report tells the reader to run ``explain`` on them.
_ENGINE_DOCS = {
    "unused-suppression": (
        "info",
        _(
            "A suppression that silenced nothing, names an unknown rule, cannot be read or has"
            " expired."
        ),
        _(
            "Reports `# campaignlint: disable=...` comments that did not silence any finding,"
            " that name a rule id campaignlint does not know, or whose"
            " `until=` date is unreadable or has passed (the findings it silenced are then"
            " reported again)."
        ),
        _(
            "A waiver left behind after its problem was fixed will hide the next real problem on"
            " that line, and a misspelled rule id silences nothing while looking as if it did."
            " Waivers should be few, named and current, as ruff's RUF100 keeps `noqa` comments."
        ),
        "```yaml\ncontent:\n  hashtags: ['#glowlab']  # campaignlint: disable=hashtag-stratgy\n```",
        _(
            "Remove the comment or the rule id from it, correct a misspelled id (`campaignlint"
            " rules` lists them), or renew an expired waiver with a new `until=` date and a"
            " reason. `ignore: [unused-suppression]` in the config turns these findings off."
        ),
    ),
    "internal-error": (
        "error",
        _("A rule crashed on this brief: a bug in the rule, not a mistake in the brief."),
        _(
            "When a rule raises an exception, campaignlint reports it as this finding, with the"
            " rule's id and the error, still runs every other rule, and exits with code 2."
        ),
        _(
            "A crashed rule checked nothing, so a clean result would be a false one. The other"
            " rules' findings are still valid."
        ),
        "```text\nbrief.yaml:1:1: error internal-error rule 'team-rule' crashed: KeyError\n```",
        _(
            "Report the bug with the brief (or the smallest part of it that still crashes) to the"
            " rule's authors: campaignlint's issue tracker for a built-in rule, your team for a"
            " rule from `rules_dirs`. Until it is fixed, `ignore:` the rule in the config."
        ),
    ),
}


def engine_rule_markdown(rule_id: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``campaignlint explain`` for the ids the engine reports (no rule module behind them)."""
    severity, summary, what, why, example, fix = _ENGINE_DOCS[rule_id]
    facts = _(
        "Default severity: {severity} · reported by campaignlint itself", severity=f"`{severity}`"
    ).render(lang)
    sections = (
        DocSection(translate("What it does", lang), what.render(lang)),
        DocSection(translate("Why it matters", lang), why.render(lang)),
        DocSection(translate("Example", lang), example),
        DocSection(translate("How to fix", lang), fix.render(lang)),
    )
    return _render_doc(RuleDoc(rule_id, summary.render(lang), facts, sections), "#")
