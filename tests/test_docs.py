"""docs/rules.md is generated from the rules; it must never go stale, and every rule documents
itself in the shape DEVELOPERS.md asks for."""

from __future__ import annotations

import re

from click.testing import CliRunner

from campaignlint.cli import main
from campaignlint.docs import rules_markdown
from campaignlint.registry import builtin_rules
from campaignlint.rule import DOC_SECTIONS
from tests.helpers import REPO, SHARED


def test_rules_reference_is_up_to_date() -> None:
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(builtin_rules().values()), (
        "docs/rules.md is stale: run `campaignlint docs --output docs/rules.md`"
    )


def test_docs_check_flag_reports_staleness(tmp_path) -> None:  # type: ignore[no-untyped-def]
    stale = tmp_path / "rules.md"
    stale.write_text("old\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["docs", "--output", str(stale), "--check"]).exit_code == 1
    assert runner.invoke(main, ["docs", "--output", str(stale)]).exit_code == 0
    assert runner.invoke(main, ["docs", "--output", str(stale), "--check"]).exit_code == 0


def test_every_rule_has_the_four_doc_sections_a_yaml_example_and_a_source() -> None:
    for rule in builtin_rules().values():
        sections = rule.doc_sections()
        assert list(sections) == list(DOC_SECTIONS), rule.id
        assert all(sections[title].strip() for title in DOC_SECTIONS), rule.id
        assert "```yaml" in sections["Example"], rule.id
        assert rule.source, rule.id
        for name, option in rule.options.items():
            assert option.help, f"{rule.id}.{name}"


def test_the_rule_ids_are_exactly_those_of_the_domain_contract() -> None:
    domain = SHARED / "domain.md"
    ids = set(builtin_rules())
    expected = {
        "schema", "placeholder-text", "inconsistent-dates", "unknown-influencer",
        "audience-mismatch", "age-content-fit", "follower-based-pricing",
        "influencer-objective-fit", "budget-fit", "unfair-revenue-share", "engagement-rate",
        "missing-contract-terms", "over-restrictive-clauses", "missing-disclosure",
        "content-guidelines", "hashtag-strategy", "missing-kpis", "missing-tracking",
        "posting-window", "exclusivity-conflict", "competing-promotions", "creator-overload",
    }  # fmt: skip
    assert ids == expected
    if domain.exists():  # the contract itself, when shared/ is beside the checkout
        named = set(re.findall(r"\*\*`([a-z-]+)`\*\*", domain.read_text(encoding="utf-8")))
        assert named == expected


ARTICLE_TITLES = (
    "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?",
    "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl Belirleyebilirsiniz?",
)
REGULATOR_DOCUMENTS = ("Reklam Kurulu", "FTC Endorsement Guides", "CAP Code")
# Material a user of the package does not have: internal file names and numbering.
UNFINDABLE = re.compile(r"(?i)\bseed\s*0|\bkaynak\s*0\d\d|domain\.md|\.\./shared|brief-example")


def test_rule_docs_cite_sources_a_reader_can_find_in_every_language() -> None:
    from campaignlint.docs import rule_markdown

    for rule in builtin_rules().values():
        for lang in ("en", "tr"):
            text = rule_markdown(rule, lang=lang)
            assert not UNFINDABLE.search(text), (rule.id, lang, UNFINDABLE.search(text))
        if rule.id != "schema":
            cited = (*ARTICLE_TITLES, *REGULATOR_DOCUMENTS)
            assert any(title in rule.source for title in cited), rule.id
    for name in ("rules.md", "rules.tr.md"):
        text = (REPO / "docs" / name).read_text(encoding="utf-8")
        assert not UNFINDABLE.search(text), (name, UNFINDABLE.search(text))


def test_a_rule_doc_holds_its_sections_options_and_checks_in_order() -> None:
    from dataclasses import replace

    from campaignlint.docs import rule_doc, rule_markdown

    rules = builtin_rules()
    rule = replace(rules["missing-disclosure"], checks={"platform-label": "The toggle's label"})
    doc = rule_doc(rule, lang="tr", configured="warning")
    assert [section.title for section in doc.sections] == [
        "Ne yapar",
        "Neden önemli",
        "Örnek",
        "Nasıl düzeltilir",
    ]
    assert doc.facts.endswith(": `warning`") and doc.facts.startswith("Varsayılan")
    assert doc.checks is not None
    assert doc.checks.rows == (("missing-disclosure.platform-label", "The toggle's label"),)
    text = rule_markdown(rule, heading="#", lang="tr")
    assert "\n| `missing-disclosure.platform-label` | The toggle's label |\n\n## " in text
    assert doc.options is not None
    assert [option.name for option in doc.options.rows] == list(rules["missing-disclosure"].options)
    assert all("|" not in option.meaning.replace("\\|", "") for option in doc.options.rows)
    assert doc.source is not None and doc.source.body


def test_rules_listing_names_the_default_beside_a_configured_severity() -> None:
    import json

    from campaignlint.docs import rules_listing

    rules = [builtin_rules()["budget-fit"], builtin_rules()["hashtag-strategy"]]
    configured = {"budget-fit": "info", "hashtag-strategy": None}
    lines = rules_listing(rules, configured, "text", "en").splitlines()
    assert lines[0].startswith("budget-fit        info     ")
    assert lines[0].endswith("[built-in] (configured; default error)")
    assert lines[1].startswith("hashtag-strategy  ") and "configured" not in lines[1]
    items = json.loads(rules_listing(rules, configured, "json", "en"))
    assert [(item["severity"], item["default_severity"]) for item in items] == [
        ("info", "error"),
        (rules[1].severity.value, rules[1].severity.value),
    ]
