"""Tests for the follower-based-pricing rule (domain.md, Money)."""

from __future__ import annotations

from tests.helpers import SAMPLES, run_rule, shared_example, summary

RULE = "follower-based-pricing"


def test_example_brief_is_clean() -> None:
    text = shared_example()
    assert run_rule(RULE, text) == []


def test_per_follower_model_is_a_warning_at_the_model() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - handle: "@mert.fit"
            followers: 250000
            compensation:
              model: per_follower
              fee: {amount: 50000, currency: TRY}
              basis: negotiated
        """,
    )
    assert summary(findings) == [
        ("follower-based-pricing", "warning", 5, "/influencers/0/compensation/model")
    ]
    assert "@mert.fit" in findings[0].message
    assert "(model per follower," in findings[0].message and "250,000" in findings[0].message
    assert findings[0].fix is not None and "audience_fit" in findings[0].fix


def test_followers_basis_is_a_warning_at_the_basis() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - handle: "@a"
            followers: 40000
            compensation: {model: flat_fee, basis: followers}
          - handle: "@b"
            compensation:
              model: per_follower
          - handle: "@c"
            compensation:
              model: Per-Follower
        """,
    )
    # @c's model is not one the schema knows: the schema's finding (did you mean
    # per_follower?), not read here (Contract v2).
    assert summary(findings) == [
        ("follower-based-pricing", "warning", 4, "/influencers/0/compensation/basis"),
        ("follower-based-pricing", "warning", 7, "/influencers/1/compensation/model"),
    ]
    assert "40,000" in findings[0].message and "followers" in findings[0].message
    assert "@b" in findings[1].message and "model per follower" in findings[1].message


def test_both_at_once_give_one_finding_at_the_model() -> None:
    # domain.md: "compensation.model: per_follower, or compensation.basis: followers" is one
    # trigger, so one finding per creator; only the second creator is follower-priced here.
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@fit", compensation: {model: flat_fee, basis: audience_fit}}
          - handle: "@a"
            compensation:
              model: per_follower
              basis: FOLLOWERS
        """,
    )
    assert summary(findings) == [
        ("follower-based-pricing", "warning", 5, "/influencers/1/compensation/model"),
    ]


def test_other_models_and_bases_stay_silent() -> None:
    for model, basis in [
        ("flat_fee", "audience_fit"),
        ("cpm", "views"),
        ("revenue_share", "negotiated"),
        ("per_view", "follower_fit"),
    ]:
        fragment = f"""\
            influencers:
              - handle: "@a"
                followers: 2000000
                compensation: {{model: {model}, basis: {basis}}}
            """
        assert run_rule(RULE, fragment) == [], (model, basis)


def test_options_change_what_counts_as_follower_based() -> None:
    fragment = """\
        influencers:
          - handle: "@a"
            compensation: {model: cpm, basis: followers}
        """
    assert summary(run_rule(RULE, fragment, options={"models": ["cpm"], "bases": []})) == [
        ("follower-based-pricing", "warning", 3, "/influencers/0/compensation/model")
    ]
    assert run_rule(RULE, fragment, options={"bases": ["views"]}) == []


def test_wrong_types_do_not_crash() -> None:
    for fragment in [
        "influencers: {handle: '@a', compensation: {model: per_follower}}\n",
        "influencers: [per_follower, 12, null]\n",
        "influencers:\n  - {handle: '@a', compensation: per_follower}\n",
        "influencers:\n  - {handle: 5, followers: many, compensation: {model: [per_follower]}}\n",
        "influencers:\n  - {compensation: {model: 7, basis: {followers: 1}}}\n",
        "- just a list\n",
    ]:
        assert run_rule(RULE, fragment) == [], fragment


def test_unreadable_handle_and_followers_still_report_the_model() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: 5, followers: many, compensation: {model: per_follower}}
        """,
    )
    assert summary(findings) == [
        ("follower-based-pricing", "warning", 2, "/influencers/0/compensation/model")
    ]
    assert "influencers[0]" in findings[0].message


def test_mistake_sample_shows_one_finding_at_the_model() -> None:
    text = (SAMPLES / "mistakes" / "follower-based-pricing.yaml").read_text(encoding="utf-8")
    findings = run_rule(RULE, text)
    assert [f.pointer for f in findings] == ["/influencers/0/compensation/model"]


def test_creators_paid_the_same_way_are_one_finding() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@a", compensation: {model: per_follower}}
          - {handle: "@b", compensation: {model: per_follower}}
          - {handle: "@c", followers: 1000, compensation: {model: per_follower}}
        """,
    )
    assert [f.pointer for f in findings] == [
        "/influencers/0/compensation/model",
        "/influencers/2/compensation/model",
    ]
    assert findings[0].message == (
        "@a, @b are paid by follower count (model per follower), not by fit with the target"
        " audience."
    )
    assert [r.pointer for r in findings[0].related] == ["/influencers/1/compensation/model"]
    assert findings[1].message.startswith("@c is paid by follower count")
