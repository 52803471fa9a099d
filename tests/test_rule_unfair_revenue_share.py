"""Tests for the unfair-revenue-share rule (domain.md, Money)."""

from __future__ import annotations

import pytest

from tests.helpers import SAMPLES, run_rule, shared_example, summary

RULE = "unfair-revenue-share"


def test_example_brief_is_clean() -> None:
    # model flat_fee beside revenue_share_percent: 10: the percent is unused and not checked.
    text = shared_example()
    assert run_rule(RULE, text) == []


@pytest.mark.parametrize("model", ["revenue_share", "hybrid"])
def test_revenue_share_without_percent_is_an_error_at_the_missing_percent(model: str) -> None:
    findings = run_rule(
        RULE,
        f"""\
        influencers:
          - handle: "@ayse.glow"
            compensation:
              model: {model}
              fee: {{amount: 10000, currency: TRY}}
        tracking:
          methods: [promo_code]
        """,
    )
    # domain.md: "without revenue_share_percent (error)": the pointer names the missing field,
    # the line is the compensation key's.
    assert summary(findings) == [
        ("unfair-revenue-share", "error", 3, "/influencers/0/compensation/revenue_share_percent")
    ]
    assert "@ayse.glow" in findings[0].message
    assert "revenue_share_percent" in findings[0].message
    assert findings[0].fix is not None and "5%" in findings[0].fix and "30%" in findings[0].fix


def test_empty_percent_of_the_second_creator_points_at_its_own_line() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@a", compensation: {model: hybrid, revenue_share_percent: 10}}
          - handle: "@b"
            compensation:
              model: revenue_share
              revenue_share_percent:
        tracking: {methods: [promo_code]}
        """,
    )
    assert summary(findings) == [
        ("unfair-revenue-share", "error", 6, "/influencers/1/compensation/revenue_share_percent")
    ]


def test_percent_outside_the_balanced_range_is_a_warning_at_the_percent() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - handle: "@low"
            compensation: {model: revenue_share, revenue_share_percent: 4.5}
          - handle: "@high"
            compensation:
              model: hybrid
              revenue_share_percent: 31
        tracking: {methods: [affiliate_links]}
        """,
    )
    assert summary(findings) == [
        ("unfair-revenue-share", "warning", 3, "/influencers/0/compensation/revenue_share_percent"),
        ("unfair-revenue-share", "warning", 7, "/influencers/1/compensation/revenue_share_percent"),
    ]
    assert "@low" in findings[0].message and "4.5%" in findings[0].message
    assert "below 5%" in findings[0].message
    assert "@high" in findings[1].message and "31%" in findings[1].message
    assert "above 30%" in findings[1].message


def test_percent_at_the_limits_stays_silent() -> None:
    fragment = """\
        influencers:
          - {{handle: "@a", compensation: {{model: revenue_share, revenue_share_percent: {p}}}}}
        tracking: {{methods: [promo_code]}}
        """
    assert run_rule(RULE, fragment.format(p=5)) == []
    assert run_rule(RULE, fragment.format(p=30)) == []
    assert len(run_rule(RULE, fragment.format(p=4.9))) == 1
    assert len(run_rule(RULE, fragment.format(p=30.1))) == 1


def test_percent_without_a_model_is_checked_but_not_with_a_flat_fee() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@a", compensation: {revenue_share_percent: 50}}
          - {handle: "@b", compensation: {model: flat_fee, revenue_share_percent: 50}}
          - {handle: "@c", compensation: {model: product_only, revenue_share_percent: 1}}
        """,
    )
    assert summary(findings) == [
        ("unfair-revenue-share", "warning", 2, "/influencers/0/compensation/revenue_share_percent")
    ]


def test_share_options_change_the_outcome() -> None:
    fragment = """\
        influencers:
          - {handle: "@a", compensation: {model: revenue_share, revenue_share_percent: 40}}
        tracking: {methods: [promo_code]}
        """
    assert len(run_rule(RULE, fragment)) == 1
    assert run_rule(RULE, fragment, options={"max_share": 50}) == []
    findings = run_rule(RULE, fragment, options={"min_share": 45, "max_share": 60})
    assert "below 45%" in findings[0].message


def test_revenue_share_without_attributable_tracking_is_one_warning_at_the_methods() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@a", compensation: {model: revenue_share, revenue_share_percent: 10}}
          - {handle: "@b", compensation: {model: hybrid, revenue_share_percent: 12}}
          - {handle: "@c", compensation: {model: flat_fee}}
        tracking:
          methods: [tiktok_analytics, manual_reporting]
        """,
    )
    assert summary(findings) == [("unfair-revenue-share", "warning", 6, "/tracking/methods")]
    message = findings[0].message
    assert "@a, @b" in message and "@c" not in message
    assert "TikTok Analytics, manual reporting" in message
    assert findings[0].fix is not None and "promo_code" in findings[0].fix


def test_no_tracking_methods_at_all_is_left_to_missing_tracking() -> None:
    # domain.md Contract v2: no sub-field finding under a missing section (missing-tracking's
    # "no tracking" error says it once)
    for tracking in ("tracking:\n  reporting_cadence: weekly\n", "tracking: {methods: []}\n", ""):
        fragment = (
            "influencers:\n"
            "  - {handle: '@a', compensation: {model: revenue_share, revenue_share_percent: 10}}\n"
        )
        assert run_rule(RULE, fragment + tracking) == []


@pytest.mark.parametrize(
    "method", ["promo_code", "utm_links", "affiliate_dashboard", "tiktok_pixel", "meta_pixel"]
)
def test_any_attributable_method_keeps_it_silent(method: str) -> None:
    fragment = f"""\
        influencers:
          - {{handle: "@a", compensation: {{model: revenue_share, revenue_share_percent: 10}}}}
        tracking: {{methods: [tiktok_analytics, {method}]}}
        """
    assert run_rule(RULE, fragment) == []


def test_attributable_methods_option_changes_the_outcome() -> None:
    fragment = """\
        influencers:
          - {handle: "@a", compensation: {model: revenue_share, revenue_share_percent: 10}}
        tracking: {methods: [manual_reporting]}
        """
    assert len(run_rule(RULE, fragment)) == 1
    assert run_rule(RULE, fragment, options={"attributable_methods": ["manual_reporting"]}) == []


@pytest.mark.parametrize("methods", ["[UTM links]", "[tiktok_analytics, qr_code]"])
def test_a_method_the_schema_rejects_gives_no_tracking_finding(methods: str) -> None:
    # Contract v2: the schema names the unknown method (with a did-you-mean); whether the list
    # has an attributable method cannot be told from what is left.
    fragment = f"""\
        influencers:
          - {{handle: "@a", compensation: {{model: revenue_share, revenue_share_percent: 10}}}}
        tracking: {{methods: {methods}}}
        """
    assert run_rule(RULE, fragment) == []


def test_a_model_the_schema_rejects_is_not_read() -> None:
    fragment = "influencers:\n  - {handle: '@a', compensation: {model: Revenue-Share}}\n"
    assert run_rule(RULE, fragment) == []


def test_no_revenue_share_no_finding() -> None:
    fragment = """\
        influencers:
          - {handle: "@a", compensation: {model: flat_fee, fee: {amount: 1, currency: TRY}}}
          - {handle: "@b", compensation: {model: cpm}}
        tracking: {methods: []}
        """
    assert run_rule(RULE, fragment) == []


def test_unreadable_tracking_is_skipped_not_reported_as_missing() -> None:
    # domain.md: a rule skips, without a finding, the fields it cannot read.
    share = (
        "influencers:\n"
        "  - {handle: '@a', compensation: {model: hybrid, revenue_share_percent: 10}}\n"
    )
    assert run_rule(RULE, share + "tracking: {methods: {promo_code: true}}\n") == []
    assert run_rule(RULE, share + "tracking: promo_code\n") == []
    assert summary(run_rule(RULE, share + "tracking: {methods: [tiktok_analytics]}\n")) == [
        ("unfair-revenue-share", "warning", 3, "/tracking/methods")
    ]


def test_string_percent_is_skipped_and_lone_string_method_counts() -> None:
    assert (
        run_rule(
            RULE,
            """\
        influencers:
          - {handle: "@a", compensation: {model: hybrid, revenue_share_percent: "10%"}}
        tracking: {methods: promo_code}
        """,
        )
        == []
    )


def test_mistake_sample_shows_missing_percent_and_missing_attribution() -> None:
    text = (SAMPLES / "mistakes" / "unfair-revenue-share.yaml").read_text(encoding="utf-8")
    findings = run_rule(RULE, text)
    assert [(f.severity.value, f.pointer) for f in findings] == [
        ("error", "/influencers/0/compensation/revenue_share_percent"),
        ("warning", "/influencers/1/compensation/revenue_share_percent"),
        ("warning", "/tracking/methods"),
    ]


def test_several_creators_without_a_percent_are_one_error_listing_them() -> None:
    # domain.md Contract v2: findings that read the same but for the creator they name are one
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@a", compensation: {model: revenue_share}}
          - {handle: "@b", compensation: {model: hybrid, revenue_share_percent: 50}}
          - {handle: "@c", compensation: {model: hybrid, fee: {amount: 100}}}
        tracking: {methods: [promo_code]}
        """,
    )
    assert summary(findings) == [
        (RULE, "error", 2, "/influencers/0/compensation/revenue_share_percent"),
        (RULE, "warning", 3, "/influencers/1/compensation/revenue_share_percent"),
    ]
    assert findings[0].message == (
        "@a, @c are paid by revenue share, but no revenue_share_percent is agreed with any of them."
    )
    assert [(r.pointer, r.line) for r in findings[0].related] == [
        ("/influencers/2/compensation/revenue_share_percent", 4)
    ]
