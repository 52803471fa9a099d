"""Tests for the budget-fit rule (domain.md, Money)."""

from __future__ import annotations

import pytest

from tests.helpers import SAMPLES, run_rule, shared_example, summary

RULE = "budget-fit"


def test_example_brief_is_clean() -> None:
    text = shared_example()
    assert run_rule(RULE, text) == []


def test_fees_above_the_budget_are_an_error_at_the_budget_amount() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          budget: {amount: 50000, currency: TRY}
        influencers:
          - handle: "@ayse.glow"
            compensation: {model: flat_fee, fee: {amount: 40000, currency: TRY}}
          - handle: "@mert.fit"
            compensation: {model: hybrid, fee: {amount: 15000, currency: try}}
        """,
    )
    assert summary(findings) == [("budget-fit", "error", 2, "/campaign/budget/amount")]
    message = findings[0].message
    assert "TRY 55,000" in message and "TRY 50,000" in message and "TRY 5,000" in message
    assert findings[0].fix is not None
    assert "@ayse.glow TRY 40,000" in findings[0].fix and "@mert.fit TRY 15,000" in findings[0].fix


def test_fees_equal_to_the_budget_stay_silent() -> None:
    fragment = """\
        campaign:
          budget: {{amount: 50000, currency: TRY}}
        influencers:
          - {{handle: "@a", compensation: {{model: flat_fee, fee: {{amount: 30000}}}}}}
          - {{handle: "@b", compensation: {{model: flat_fee, fee: {{amount: {b}}}}}}}
        """
    assert run_rule(RULE, fragment.format(b=20000)) == []
    assert summary(run_rule(RULE, fragment.format(b=20000.5))) == [
        ("budget-fit", "error", 2, "/campaign/budget/amount")
    ]


def test_fee_in_another_currency_is_info_at_the_fee_and_left_out_of_the_sum() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          budget: {amount: 10000, currency: TRY}
        influencers:
          - handle: "@john.travels"
            compensation:
              model: flat_fee
              fee: {amount: 1500, currency: USD}
        """,
    )
    assert summary(findings) == [("budget-fit", "info", 7, "/influencers/0/compensation/fee")]
    assert "@john.travels" in findings[0].message
    assert "USD 1,500" in findings[0].message and "TRY" in findings[0].message


def test_currency_codes_compare_case_insensitively() -> None:
    fragment = """\
        campaign:
          budget: {amount: 10000, currency: " eur"}
        influencers:
          - {handle: "@a", compensation: {model: flat_fee, fee: {amount: 500, currency: Eur}}}
        """
    assert run_rule(RULE, fragment) == []


def test_fee_without_currency_counts_in_the_budget_currency() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          budget: {amount: 1000, currency: USD}
        influencers:
          - {handle: "@a", compensation: {model: flat_fee, fee: {amount: 1200}}}
          - {handle: "@b", compensation: {model: flat_fee, fee: {amount: 300}}}
          - {handle: "@c", compensation: {model: flat_fee, fee: 5000}}
        """,
    )
    # @c's bare-number fee is rejected by the schema and not read (Contract v2).
    assert summary(findings) == [("budget-fit", "error", 2, "/campaign/budget/amount")]
    assert "USD 1,500" in findings[0].message and "USD 500" in findings[0].message


@pytest.mark.parametrize(
    ("followers", "tier", "fires"),
    [
        (250000, None, True),
        (99999, None, False),
        (100000, None, True),
        (600000, None, True),
        (2000000, None, True),
        (None, "macro", True),
        (40000, "micro", False),
        (5000, "nano", False),
    ],
)
def test_product_only_for_mid_and_larger_creators_is_a_warning(
    followers: int | None, tier: str | None, fires: bool
) -> None:
    lines = ["influencers:", '  - handle: "@mert.fit"']
    if followers is not None:
        lines.append(f"    followers: {followers}")
    if tier is not None:
        lines.append(f"    tier: {tier}")
    lines.append("    compensation: {model: product_only}")
    findings = run_rule(RULE, "\n".join(lines) + "\n")
    if not fires:
        assert findings == []
        return
    line = len(lines)
    assert summary(findings) == [
        ("budget-fit", "warning", line, "/influencers/0/compensation/model")
    ]
    assert "@mert.fit" in findings[0].message and "product only" in findings[0].message


def test_product_only_tiers_option_changes_the_outcome() -> None:
    fragment = """\
        influencers:
          - {handle: "@a", followers: 40000, compensation: {model: product_only}}
          - {handle: "@b", followers: 300000, compensation: {model: product_only}}
        """
    findings = run_rule(RULE, fragment, options={"product_only_tiers": ["micro"]})
    assert summary(findings) == [("budget-fit", "warning", 2, "/influencers/0/compensation/model")]
    assert "micro" in findings[0].message


def test_flat_fee_of_zero_is_an_error_at_the_amount() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - handle: "@can"
            compensation:
              model: flat_fee
              fee: {amount: 0, currency: TRY}
          - {handle: "@deniz", compensation: {fee: 0}}
          - {handle: "@ok", compensation: {model: revenue_share, fee: {amount: 0}}}
          - {handle: "@one", compensation: {model: flat_fee, fee: {amount: 1, currency: TRY}}}
        """,
    )
    # @deniz's bare `fee: 0` is rejected by the schema: its finding only (Contract v2), so
    # @can's is the one flat fee of 0 left (the same finding for several creators is grouped).
    assert summary(findings) == [
        ("budget-fit", "error", 5, "/influencers/0/compensation/fee/amount")
    ]
    assert findings[0].message == "@can has a flat fee of 0: the deal pays the creator nothing."
    assert findings[0].related == ()


def test_all_bullets_together() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          budget: {amount: 50000, currency: TRY}
        influencers:
          - {handle: "@a", compensation: {model: flat_fee, fee: {amount: 60000, currency: TRY}}}
          - {handle: "@b", followers: 700000, compensation: {model: product_only}}
          - {handle: "@c", compensation: {model: flat_fee, fee: {amount: 0, currency: TRY}}}
          - {handle: "@d", compensation: {model: flat_fee, fee: {amount: 900, currency: EUR}}}
        """,
    )
    assert summary(findings) == [
        ("budget-fit", "error", 2, "/campaign/budget/amount"),
        ("budget-fit", "warning", 5, "/influencers/1/compensation/model"),
        ("budget-fit", "error", 6, "/influencers/2/compensation/fee/amount"),
        ("budget-fit", "info", 7, "/influencers/3/compensation/fee"),
    ]


def test_budget_without_currency_or_amount_skips_the_sum() -> None:
    fragment = """\
        campaign:
          budget: {budget}
        influencers:
          - {{compensation: {{model: flat_fee, fee: {{amount: 60000, currency: TRY}}}}}}
        """
    assert run_rule(RULE, fragment.format(budget="{amount: 100}")) == []
    assert run_rule(RULE, fragment.format(budget="{currency: TRY}")) == []
    assert run_rule(RULE, fragment.format(budget="50000")) == []


def test_mistake_sample_shows_every_bullet() -> None:
    text = (SAMPLES / "mistakes" / "budget-fit.yaml").read_text(encoding="utf-8")
    findings = run_rule(RULE, text)
    assert [(f.severity.value, f.pointer) for f in findings] == [
        ("error", "/campaign/budget/amount"),
        ("error", "/influencers/0/compensation/fee/amount"),
        ("warning", "/influencers/1/compensation/model"),
        ("info", "/influencers/2/compensation/fee"),
    ]


def test_product_only_creators_of_one_tier_are_one_finding() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@a", followers: 200000, compensation: {model: product_only}}
          - {handle: "@b", followers: 300000, compensation: {model: product_only}}
          - {handle: "@c", followers: 900000, compensation: {model: product_only}}
          - {handle: "@d", followers: 20000, compensation: {model: product_only}}
        """,
    )
    assert summary(findings) == [
        ("budget-fit", "warning", 2, "/influencers/0/compensation/model"),
        ("budget-fit", "warning", 4, "/influencers/2/compensation/model"),
    ]
    assert findings[0].message.startswith("@a, @b are mid-size creators offered product only")
    assert [r.pointer for r in findings[0].related] == ["/influencers/1/compensation/model"]
    assert findings[1].message.startswith("@c is a macro creator offered product only")
