"""Tests for the influencer-objective-fit rule (domain.md, Money and Reference numbers)."""

from __future__ import annotations

import pytest

from tests.helpers import SAMPLES, run_rule, shared_example, summary

RULE = "influencer-objective-fit"


def test_example_brief_is_clean() -> None:
    text = shared_example()
    assert run_rule(RULE, text) == []


# --- sales with a low-engagement macro or mega creator -------------------------------------


def test_sales_with_a_macro_creator_below_the_floor_is_a_warning() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          objective: sales
        influencers:
          - handle: "@burak.kahve"
            followers: 600000
            avg_likes: 6000
            avg_comments: 300
            avg_shares: 300
        """,
    )
    # 6,600 / 600,000 = 1.1 % < macro floor 1.5 %; no stated rate: at the influencer.
    assert summary(findings) == [("influencer-objective-fit", "warning", 4, "/influencers/0")]
    message = findings[0].message
    assert "@burak.kahve" in message and "macro" in message
    assert "1.1%" in message and "1.5%" in message


def test_stated_rate_is_used_without_averages_and_pointed_at() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign: {objective: sales}
        influencers:
          - handle: "@star"
            tier: mega
            engagement_rate: 0.8
        """,
    )
    assert summary(findings) == [
        ("influencer-objective-fit", "warning", 5, "/influencers/0/engagement_rate")
    ]
    assert "0.8%" in findings[0].message and "mega" in findings[0].message
    assert "1%" in findings[0].message


def test_computed_rate_wins_over_the_stated_one() -> None:
    fragment = """\
        campaign: {objective: sales}
        influencers:
          - {handle: "@a", followers: 1000000, engagement_rate: 0.5, avg_likes: 12000}
        """
    # computed 1.2 % >= mega floor 1 %: silent although the stated 0.5 % is below.
    assert run_rule(RULE, fragment) == []


@pytest.mark.parametrize(
    ("likes", "fires"), [(7500, False), (7499, True)], ids=["at-floor", "just-below"]
)
def test_macro_floor_edge(likes: int, fires: bool) -> None:
    fragment = f"""\
        campaign: {{objective: sales}}
        influencers:
          - {{handle: "@a", followers: 500000, avg_likes: {likes}}}
        """
    assert len(run_rule(RULE, fragment)) == (1 if fires else 0)


def test_low_engagement_is_not_checked_for_other_objectives_or_smaller_tiers() -> None:
    awareness = """\
        campaign: {objective: awareness}
        influencers:
          - {handle: "@a", followers: 600000, avg_likes: 600}
          - {handle: "@b", followers: 700000, avg_likes: 700}
        """
    assert run_rule(RULE, awareness) == []
    mid_for_sales = """\
        campaign: {objective: sales}
        influencers:
          - {handle: "@a", followers: 400000, avg_likes: 400}
        """
    assert run_rule(RULE, mid_for_sales) == []


def test_floors_option_changes_the_outcome() -> None:
    fragment = """\
        campaign: {objective: sales}
        influencers:
          - {handle: "@a", followers: 600000, avg_likes: 12000}
        """
    assert run_rule(RULE, fragment) == []  # 2 % >= 1.5 %
    findings = run_rule(RULE, fragment, options={"floors": {"macro": 2.5}})
    assert summary(findings) == [("influencer-objective-fit", "warning", 3, "/influencers/0")]
    assert "2.5%" in findings[0].message


# --- small budget with a macro or mega creator ---------------------------------------------


def test_small_budget_with_macro_or_mega_creators_is_one_warning_at_the_budget() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          objective: awareness
          budget: {amount: 80000, currency: TRY}
        influencers:
          - {handle: "@big", followers: 750000}
          - {handle: "@small", followers: 40000}
          - {handle: "@huge", tier: mega}
        """,
    )
    assert summary(findings) == [
        ("influencer-objective-fit", "warning", 3, "/campaign/budget/amount")
    ]
    message = findings[0].message
    assert "TRY 80,000" in message and "TRY 100,000" in message
    assert "@big, @huge" in message and "@small" not in message
    assert findings[0].fix is not None and "micro" in findings[0].fix


def test_budget_at_the_limit_or_without_large_creators_stays_silent() -> None:
    fragment = """\
        campaign:
          budget: {{amount: {amount}, currency: TRY}}
        influencers:
          - {{handle: "@a", followers: {followers}}}
        """
    assert run_rule(RULE, fragment.format(amount=100000, followers=600000)) == []
    assert run_rule(RULE, fragment.format(amount=1000, followers=499999)) == []
    assert len(run_rule(RULE, fragment.format(amount=99999, followers=600000))) == 1


def test_small_budget_options_change_the_outcome() -> None:
    fragment = """\
        campaign:
          budget: {amount: 60000, currency: usd}
        influencers:
          - {handle: "@a", followers: 600000}
        """
    assert len(run_rule(RULE, fragment)) == 1
    assert run_rule(RULE, fragment, options={"small_budget": 50000}) == []
    # The per-currency limit wins for its currency, whatever the case of the code.
    assert run_rule(RULE, fragment, options={"small_budget_by_currency": {"USD": 5000}}) == []
    findings = run_rule(
        RULE,
        fragment,
        options={"small_budget": 1000, "small_budget_by_currency": {"Usd": 75000}},
    )
    assert "USD 75,000" in findings[0].message
    other_currency = run_rule(
        RULE, fragment.replace("usd", "EUR"), options={"small_budget_by_currency": {"USD": 5000}}
    )
    assert len(other_currency) == 1


def test_budget_without_currency_uses_the_default_limit() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign: {budget: {amount: 5000}}
        influencers: [{handle: "@a", tier: macro}]
        """,
    )
    assert summary(findings) == [
        ("influencer-objective-fit", "warning", 1, "/campaign/budget/amount")
    ]
    assert "5,000" in findings[0].message and "100,000" in findings[0].message


# --- awareness with a single small creator -------------------------------------------------


@pytest.mark.parametrize(("followers", "tier"), [(9000, "nano"), (99999, "micro")])
def test_awareness_with_a_single_nano_or_micro_creator_is_info(followers: int, tier: str) -> None:
    findings = run_rule(
        RULE,
        f"""\
        campaign:
          objective: awareness
        influencers:
          - handle: "@tiny"
            followers: {followers}
        """,
    )
    assert summary(findings) == [("influencer-objective-fit", "info", 4, "/influencers/0")]
    assert "@tiny" in findings[0].message and tier in findings[0].message


def test_awareness_with_two_creators_or_a_mid_one_stays_silent() -> None:
    two = """\
        campaign: {objective: awareness}
        influencers:
          - {handle: "@a", followers: 9000}
          - {handle: "@b", followers: 9000}
        """
    assert run_rule(RULE, two) == []
    mid = """\
        campaign: {objective: awareness}
        influencers:
          - {handle: "@a", followers: 100000}
        """
    assert run_rule(RULE, mid) == []
    sales = """\
        campaign: {objective: sales}
        influencers:
          - {handle: "@a", followers: 9000}
        """
    assert run_rule(RULE, sales) == []


# --- stated tier contradicting followers ---------------------------------------------------


def test_stated_tier_contradicting_followers_is_info_at_the_tier() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - handle: "@deniz.barista"
            followers: 46000
            tier: mid
          - handle: "@big"
            followers: 2000000
            tier: macro
          - handle: "@odd"
            followers: 2000000
            tier: Macro
        """,
    )
    # @odd's tier is not one the schema knows (case matters): its finding only (Contract v2).
    assert summary(findings) == [
        ("influencer-objective-fit", "info", 4, "/influencers/0/tier"),
        ("influencer-objective-fit", "info", 7, "/influencers/1/tier"),
    ]
    first, second = findings
    assert "@deniz.barista" in first.message and "mid" in first.message
    assert "46,000" in first.message and "micro" in first.message
    assert "10,000 to 99,999" in first.message
    assert first.fix is not None and "micro" in first.fix
    assert "mega" in second.message and "1,000,000 followers or more" in second.message


@pytest.mark.parametrize(
    ("followers", "tier"),
    [(9999, "nano"), (10000, "micro"), (99999, "micro"), (100000, "mid"), (1000000, "MEGA")],
)
def test_stated_tier_matching_followers_stays_silent(followers: int, tier: str) -> None:
    fragment = f"""\
        influencers:
          - {{handle: "@a", followers: {followers}, tier: {tier}}}
          - {{handle: "@b", followers: {followers}, tier: {tier}}}
        """
    assert run_rule(RULE, fragment) == []


def test_unknown_tier_word_is_not_a_contradiction() -> None:
    fragment = """\
        influencers:
          - {handle: "@a", followers: 46000, tier: influencer}
          - {handle: "@b", followers: 46000}
        """
    assert run_rule(RULE, fragment) == []


# --- robustness and samples ----------------------------------------------------------------


def test_wrong_types_do_not_crash() -> None:
    for fragment in [
        "campaign: [sales]\ninfluencers: {handle: '@a'}\n",
        "campaign: {objective: [sales], budget: {amount: '5000', currency: 7}}\n"
        "influencers: [a, 3, null]\n",
        "campaign: {objective: sales, budget: 5000}\n"
        "influencers:\n  - {handle: 5, followers: many, tier: [macro], engagement_rate: low}\n",
        "campaign: {objective: sales}\n"
        "influencers:\n  - {tier: macro, avg_likes: lots, engagement_rate: '0.5%'}\n",
        "campaign: {objective: awareness}\ninfluencers:\n  - {followers: -5, tier: 3}\n",
    ]:
        assert run_rule(RULE, fragment) == [], fragment


def test_all_bullets_together() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          objective: sales
          budget: {amount: 80000, currency: TRY}
        influencers:
          - handle: "@mega.star"
            followers: 820000
            tier: mega
            avg_likes: 7000
            avg_comments: 300
            avg_shares: 200
        """,
    )
    # Stated mega (floor 1 %): 7,500 / 820,000 = 0.91 %; followers say macro.
    assert summary(findings) == [
        ("influencer-objective-fit", "warning", 3, "/campaign/budget/amount"),
        ("influencer-objective-fit", "warning", 5, "/influencers/0"),
        ("influencer-objective-fit", "info", 7, "/influencers/0/tier"),
    ]


def test_mistake_sample_shows_every_bullet() -> None:
    text = (SAMPLES / "mistakes" / "influencer-objective-fit.yaml").read_text(encoding="utf-8")
    findings = run_rule(RULE, text)
    assert [(f.severity.value, f.pointer) for f in findings] == [
        ("warning", "/campaign/budget/amount"),
        ("info", "/influencers/0/tier"),
        ("warning", "/influencers/1/engagement_rate"),
    ]


def test_creators_with_the_same_numbers_are_one_finding_different_numbers_stay_apart() -> None:
    # Contract v2: findings that would read the same except for the handle are one finding,
    # at the first, the others related; different numbers stay separate findings.
    findings = run_rule(
        RULE,
        """\
        campaign: {objective: sales}
        influencers:
          - {handle: "@a", followers: 2000000, avg_likes: 2000}
          - {handle: "@b", followers: 2000000, avg_likes: 2000}
          - {handle: "@c", followers: 2000000, avg_likes: 4000}
          - {handle: "@d", tier: macro, followers: 2000000, avg_likes: 40000}
          - {handle: "@e", tier: macro, followers: 2000000, avg_likes: 40000}
        """,
    )
    assert summary(findings) == [
        ("influencer-objective-fit", "warning", 3, "/influencers/0"),
        ("influencer-objective-fit", "warning", 5, "/influencers/2"),
        ("influencer-objective-fit", "info", 6, "/influencers/3/tier"),
    ]
    grouped, single, tiers = findings
    assert grouped.message.startswith("@a, @b are mega creators with an engagement rate of 0.1%")
    assert "give @a, @b awareness roles" in (grouped.fix or "")
    assert [(r.pointer, r.line) for r in grouped.related] == [("/influencers/1", 4)]
    assert single.message.startswith("@c is a mega creator with an engagement rate of 0.2%")
    assert tiers.message.startswith("@d, @e: the stated tier is macro")
    assert [(r.pointer, r.line) for r in tiers.related] == [("/influencers/4/tier", 7)]


def test_grouped_findings_are_translated() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign: {objective: sales}
        influencers:
          - {handle: "@a", followers: 2000000, avg_likes: 2000}
          - {handle: "@b", followers: 2000000, avg_likes: 2000}
        """,
        lang="tr",
    )
    assert len(findings) == 1
    assert "kademesinde içerik üreticileri" in findings[0].message
    assert "hesaplarına" in (findings[0].fix or "")
