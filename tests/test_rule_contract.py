"""The contract every rule keeps, built-in or plugin: values of the wrong type never crash it,
the example of its documentation fires it, a clean brief leaves it silent, and every message
and documentation paragraph it has reads in Turkish.

Runs for each rule of ``builtin_rules()`` and for the example plugin in
``samples/plugin-example`` (used as a rules folder), so a new rule is covered by adding it.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, run_check
from campaignlint.config import Config
from campaignlint.engine import lint_text
from campaignlint.i18n import doc_blocks, translate
from campaignlint.model import Finding
from campaignlint.registry import builtin_rules, discover
from campaignlint.rule import DOC_SECTIONS, Rule
from tests.helpers import FIXED_TODAY, SAMPLES

PLUGIN_DIR = str(SAMPLES / "plugin-example" / "example_rules")
BUILTIN = builtin_rules()
PLUGIN = {rule.id: rule for rule in discover((PLUGIN_DIR,)).values() if rule.id not in BUILTIN}
RULES = {**BUILTIN, **PLUGIN}

# Values of the wrong type in every part of a brief, gathered from the rules' own tests.
WRONG_TYPES = (
    "- just a list\n",
    "campaign: [budget]\ninfluencers: [a, 1, null]\n",
    "campaign: {budget: {amount: lots, currency: 5}}\ninfluencers: 3\n",
    "campaign: {budget: {amount: 10, currency: TRY}}\n"
    "influencers:\n  - {compensation: {model: flat_fee, fee: {amount: '100'}}}\n",
    "influencers:\n  - {followers: many, tier: [mid], compensation: {model: product_only}}\n",
    "influencers:\n  - {compensation: {model: [flat_fee], fee: [0]}}\n",
    "influencers:\n  - {compensation: {fee: {amount: 0, currency: [TRY]}}}\n",
    "influencers:\n  - {compensation: flat_fee}\n",
    "content: [a, b]\n",
    "influencers: {handle: '@a', compensation: {model: per_follower}}\n",
    "influencers: [per_follower, 12, null]\n",
    "influencers:\n  - {handle: '@a', compensation: per_follower}\n",
    "influencers:\n  - {handle: 5, followers: many, compensation: {model: [per_follower]}}\n",
    "influencers:\n  - {compensation: {model: 7, basis: {followers: 1}}}\n",
    'content:\n  hashtags: [5, null, {a: 1}, ["#x"], "#LuminaGlow"]\n',
    "campaign: {brand: [x], name: 5}\ncontent: [1]\n",
    "content: {hashtags: {a: b}}\n",
    "campaign:\n  start: next spring\n  end: [2027, 3, 31]\ndeliverables:\n  - just a string\n"
    "  - {influencer: [a, b], due: 42}\n  - {due: {day: 1}}\ncontract:\n  term: three months\n",
    "campaign: [sales]\ninfluencers: {handle: '@a'}\n",
    "campaign: {objective: [sales], budget: {amount: '5000', currency: 7}}\n"
    "influencers: [a, 3, null]\n",
    "campaign: {objective: sales, budget: 5000}\n"
    "influencers:\n  - {handle: 5, followers: many, tier: [macro], engagement_rate: low}\n",
    "campaign: {objective: sales}\n"
    "influencers:\n  - {tier: macro, avg_likes: lots, engagement_rate: '0.5%'}\n",
    "campaign: {objective: awareness}\ninfluencers:\n  - {followers: -5, tier: 3}\n",
    "campaign:\n  start: soon\ncontract:\n  signed: 'no'\n  duties: [Three videos]\n"
    "  term: next month\n  usage_rights: 6 months\n"
    "  payment:\n    schedule: [half, {percent: '50%'}]\n  termination: 7\n",
    "contract: [a, b]\n",
    "contract: {payment: {schedule: 100}}\n",
    "campaign:\n  markets: TR\ncontent:\n  hashtags: {tag: '#reklam'}\n  disclosure:\n"
    "    tags: '#reklam'\n    placement: [start_of_caption]\n    branded_content_toggle: 'yes'\n",
    "content: [a]\n",
    "campaign:\n  markets: [7, null]\ncontent:\n  disclosure: text\n",
    "campaign:\n  markets: [7, tr]\ncontent:\n  disclosure: {tags: {first: '#reklam'}}\n",
    "campaign: {objective: sales}\nkpis: {views: 100}\n",
    "campaign: {objective: [sales]}\nkpis: [views, 5]\n",
    "kpis:\n  - {metric: [conversions], target: {a: 1}, window: 7, priority: [1]}\n"
    "  - {metric: 5, target: 1, window: weekly, priority: true}\n",
    "tracking: [promo_code]\n",
    "tracking: {methods: {a: 1}, reporting_cadence: {a: 1}}\n",
    "content:\n  creative_freedom: {text: must say}\n  guidelines: 42\n  approval: [rounds, 9]\n"
    "contract:\n  clauses: must say this\n  duties: [1, 2]\n  exclusivity: [skincare]\n"
    "  usage_rights: {duration_months: 'twelve'}\n  revision_rounds: {max: 9}\n",
    "contract: yes\ncontent: [a]\n",
    "campaign: {markets: TR}\ndeliverables:\n  - posting_windows: {from: '19:00'}\n"
    "  - posting_windows: ['19:00-22:00', 5]\n  - posting_windows:\n"
    "      - {from: 1900, to: [22], timezone: 3}\n"
    "      - {from: '7pm', to: '25:00', timezone: {zone: x}}\n  - a string\n",
    "deliverables: 5\n",
    "influencers: {compensation: {model: revenue_share}}\n",
    "influencers: [revenue_share, 3]\n",
    "influencers:\n  - {compensation: revenue_share}\n",
    "influencers:\n  - {compensation: {model: [hybrid], revenue_share_percent: ten}}\n",
    "influencers:\n  - {compensation: {model: 5, revenue_share_percent: [10]}}\n",
    "influencers:\n  - {handle: '@a', compensation: {model: revenue_share,"
    " revenue_share_percent: '10%'}}\ntracking: {methods: {promo_code: true}}\n",
    "influencers:\n  - {compensation: {model: hybrid, revenue_share_percent: 10}}\n"
    "tracking: promo_code\n",
    "influencers:\n  - just a string\n  - {handle: 42}\n  - {handle: ''}\n  - {handle: '@ok'}\n"
    "deliverables:\n  - 7\n  - {influencer: {name: x}}\n  - {influencer: ''}\n"
    "  - {influencer: '@ok'}\n",
)


def single_brief(rules: dict[str, Rule]) -> list[str]:
    return sorted(rule_id for rule_id, rule in rules.items() if rule.scope == "brief")


def portfolio(rules: dict[str, Rule]) -> list[str]:
    return sorted(rule_id for rule_id, rule in rules.items() if rule.scope == "portfolio")


def lint(rule_id: str, text: str, lang: str = "en") -> list[Finding]:
    dirs = (PLUGIN_DIR,) if rule_id in PLUGIN else ()
    config = Config(select=(rule_id,), rules_dirs=dirs)
    return lint_text(text, config=config, today=FIXED_TODAY, lang=lang)


def test_the_contract_covers_built_ins_and_the_plugin() -> None:
    assert len(BUILTIN) >= 19
    assert list(PLUGIN) == ["example-campaign-name"]
    assert portfolio(BUILTIN) == [
        "competing-promotions",
        "creator-overload",
        "exclusivity-conflict",
    ]


# --- wrong types never crash ------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", single_brief(RULES))
def test_wrong_types_never_crash(rule_id: str) -> None:
    for text in WRONG_TYPES:
        findings = lint(rule_id, text)
        assert [f.rule for f in findings if f.rule != rule_id] == [], text


@pytest.mark.parametrize("rule_id", portfolio(RULES))
def test_wrong_types_never_crash_a_portfolio_rule(
    rule_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for number, text in enumerate(WRONG_TYPES):
        (tmp_path / f"brief-{number:02}.yaml").write_text(text, encoding="utf-8")
    printed: list[str] = []
    run_check(
        CheckOptions(
            paths=["."],
            formats=["json"],
            select=(rule_id,),
            stdout=printed.append,
            stderr=lambda text: None,
        )
    )
    files = json.loads("".join(printed))["files"]
    assert len(files) == len(WRONG_TYPES)
    rules = {finding["rule"] for result in files for finding in result["findings"]}
    assert rules <= {rule_id}


# --- the documentation's example fires, a clean brief stays silent -----------------------------


def example_of(rule: Rule) -> str:
    body = rule.doc_sections()["Example"]
    [block] = [block for block in doc_blocks(body) if block.lstrip().startswith("```")]
    return "\n".join(block.strip().splitlines()[1:-1]) + "\n"


# Portfolio rules are exempt: their example is two briefs, which fire only together (their own
# tests in test_rule_portfolio.py run such pairs).
@pytest.mark.parametrize("rule_id", single_brief(RULES))
def test_the_documented_example_fires_the_rule(rule_id: str) -> None:
    example = example_of(RULES[rule_id])
    assert [f for f in lint(rule_id, example) if f.rule == rule_id] != [], example


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_a_clean_brief_leaves_the_rule_silent(rule_id: str) -> None:
    text = (SAMPLES / "clean-en.yaml").read_text(encoding="utf-8")
    assert lint(rule_id, text) == []


# --- everything a rule says reads in Turkish -----------------------------------------------------


def message_templates(rule: Rule) -> list[str]:
    """The literal templates of every ``_(...)`` call in the rule's module."""
    lint(rule.id, "{}\n")  # discovery registers a plugin's own catalog
    source = Path(sys.modules[rule.module].__file__ or "").read_text(encoding="utf-8")
    return [
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def doc_texts(rule: Rule) -> list[str]:
    """What ``campaignlint docs`` and ``explain`` show of the rule, unit by unit."""
    texts = [rule.summary, *(option.help for option in rule.options.values())]
    texts += [*rule.checks.values(), *([rule.source] if rule.source else [])]
    for title, body in rule.doc_sections().items():
        assert title in DOC_SECTIONS
        texts += doc_blocks(body)
    return texts


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_message_and_doc_paragraph_is_translated(rule_id: str) -> None:
    rule = RULES[rule_id]
    texts = message_templates(rule) + doc_texts(rule)
    assert texts
    # A missing msgid comes back as the very same object; a translation may read the same
    # ("{handle} {amount}", an example of only field names), so compare identity, not text.
    untranslated = [text for text in texts if translate(text, "tr") is text]
    assert untranslated == []


def test_the_translation_check_sees_an_untranslated_paragraph() -> None:
    text = "".join(["A paragraph ", "nobody translated."])
    assert translate(text, "tr") is text
    translated = "".join(["error"])
    assert translate(translated, "tr") is not translated
