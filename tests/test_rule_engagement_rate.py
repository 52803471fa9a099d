from tests.helpers import SAMPLES, run_rule, shared_example, summary

RULE = "engagement-rate"


def test_example_brief_is_clean() -> None:
    text = shared_example()
    assert run_rule(RULE, text) == []


def test_stated_rate_far_from_computed_is_a_warning_with_both_rates() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - handle: "@ayse.glow"
            followers: 100000
            engagement_rate: 8
            avg_likes: 5000
            avg_comments: 500
            avg_shares: 500
        """,
    )
    assert summary(findings) == [
        ("engagement-rate", "warning", 4, "/influencers/0/engagement_rate")
    ]
    assert "@ayse.glow" in findings[0].message
    assert "8%" in findings[0].message and "6%" in findings[0].message
    assert "25%" in findings[0].message
    assert findings[0].fix is not None
    assert "6,000" in findings[0].fix and "100,000" in findings[0].fix


def test_stated_rate_just_inside_the_tolerance_stays_silent() -> None:
    fragment = """\
        influencers:
          - handle: "@ayse.glow"
            followers: 100000
            engagement_rate: {stated}
            avg_likes: 4000
        """
    # computed 4 %; 25 % of it is 1 point: 3-5 is accepted.
    assert run_rule(RULE, fragment.format(stated=5)) == []
    assert run_rule(RULE, fragment.format(stated=3)) == []
    assert summary(run_rule(RULE, fragment.format(stated=5.1))) == [
        ("engagement-rate", "warning", 4, "/influencers/0/engagement_rate")
    ]


def test_stated_rate_exactly_25_percent_off_stays_silent_despite_float_noise() -> None:
    # domain.md: "differs ... by more than tolerance = 25 % of the computed value": exactly 25 %
    # passes. 700 / 10,000 x 100 is 7.000000000000001 in floats; 5.25 and 8.75 are both 25 % off.
    fragment = """\
    influencers:
      - {{handle: "@a", followers: 85000, engagement_rate: 6.2, avg_likes: 5270}}
      - {{handle: "@b", followers: 10000, avg_likes: 700, engagement_rate: {stated}}}
    """
    assert run_rule(RULE, fragment.format(stated=5.25)) == []
    assert run_rule(RULE, fragment.format(stated=8.75)) == []
    assert summary(run_rule(RULE, fragment.format(stated=5.24))) == [
        ("engagement-rate", "warning", 3, "/influencers/1/engagement_rate")
    ]


def test_tolerance_option_changes_the_outcome() -> None:
    fragment = """\
        influencers:
          - {handle: "@a", followers: 100000, engagement_rate: 4.5, avg_likes: 4000}
        """
    assert run_rule(RULE, fragment) == []
    findings = run_rule(RULE, fragment, options={"tolerance": 10})
    assert summary(findings) == [
        ("engagement-rate", "warning", 2, "/influencers/0/engagement_rate")
    ]
    assert "10%" in findings[0].message


def test_computed_rate_below_the_derived_tier_floor() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - handle: "@mert.fit"
            followers: 250000
            avg_likes: 3600
            avg_comments: 120
            avg_shares: 280
        """,
    )
    # 4,000 / 250,000 = 1.6 % < mid floor 2 %; no stated rate: points at the influencer.
    assert summary(findings) == [("engagement-rate", "warning", 2, "/influencers/0")]
    assert "@mert.fit" in findings[0].message
    assert "1.6%" in findings[0].message and "mid" in findings[0].message
    assert "2%" in findings[0].message


def test_stated_rate_is_used_when_averages_are_missing_and_stated_tier_wins() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@a", followers: 50000, tier: nano, engagement_rate: 3.5}
          - {handle: "@b", followers: 50000, engagement_rate: 3.5}
        """,
    )
    # @a: stated tier nano, floor 4 -> below; @b: derived micro, floor 3 -> fine.
    assert summary(findings) == [
        ("engagement-rate", "warning", 2, "/influencers/0/engagement_rate")
    ]
    assert "nano" in findings[0].message and "4%" in findings[0].message


def test_invalid_stated_tier_falls_back_to_the_derived_tier() -> None:
    fragment = """\
        influencers:
          - {handle: "@a", followers: 50000, tier: huge, engagement_rate: 3.5}
        """
    assert run_rule(RULE, fragment) == []


def test_rate_exactly_at_the_floor_stays_silent_and_floors_option_overrides() -> None:
    fragment = """\
        influencers:
          - {handle: "@a", followers: 20000, avg_likes: 500, avg_comments: 50, avg_shares: 50}
        """
    assert run_rule(RULE, fragment) == []  # 3 % == micro floor
    findings = run_rule(RULE, fragment, options={"floors": {"micro": 3.5}})
    assert summary(findings) == [("engagement-rate", "warning", 2, "/influencers/0")]
    assert "3.5%" in findings[0].message


def test_implausible_rate_above_35_percent() -> None:
    fragment = """\
        influencers:
          - {{handle: "@a", followers: 10000, engagement_rate: {rate}, avg_likes: {likes}}}
        """
    assert run_rule(RULE, fragment.format(rate=35, likes=3500)) == []
    findings = run_rule(RULE, fragment.format(rate=36, likes=3600))
    assert summary(findings) == [
        ("engagement-rate", "warning", 2, "/influencers/0/engagement_rate")
    ]
    assert "36%" in findings[0].message and "implausible" in findings[0].message
    limited = run_rule(RULE, fragment.format(rate=20, likes=2000), options={"implausible_rate": 15})
    assert summary(limited) == [("engagement-rate", "warning", 2, "/influencers/0/engagement_rate")]


def test_mismatch_and_floor_are_separate_findings() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - handle: "@mert.fit"
            followers: 250000
            engagement_rate: 7.5
            avg_likes: 3600
            avg_comments: 120
            avg_shares: 280
        """,
    )
    assert summary(findings) == [
        ("engagement-rate", "warning", 4, "/influencers/0/engagement_rate"),
        ("engagement-rate", "warning", 4, "/influencers/0/engagement_rate"),
    ]
    messages = " ".join(finding.message for finding in findings)
    assert "7.5%" in messages and "1.6%" in messages and "floor" in messages


def test_wrong_types_are_skipped_without_a_crash() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@a", followers: "85k", engagement_rate: 1, avg_likes: 10}
          - {handle: "@b", followers: 85000, engagement_rate: "6%", avg_likes: [1], tier: [micro]}
          - {handle: ["@c"], followers: 0, engagement_rate: 1}
          - just a string
          - {handle: "@d", followers: 85000, engagement_rate: 6.2,
             avg_likes: "4800", avg_comments: 5270}
        """,
    )
    assert findings == []


def test_influencers_not_a_list_yields_nothing() -> None:
    assert run_rule(RULE, "influencers: {handle: '@a', followers: 100}\n") == []
    assert run_rule(RULE, "influencers: 5\n") == []


def test_mistake_sample_shows_mismatch_floor_and_implausible_rate() -> None:
    text = (SAMPLES / "mistakes" / "engagement-rate.yaml").read_text(encoding="utf-8")
    findings = run_rule(RULE, text)
    assert [f.pointer for f in findings] == [
        "/influencers/0/engagement_rate",
        "/influencers/0/engagement_rate",
        "/influencers/1/engagement_rate",
    ]
    assert "implausible" in findings[2].message


def test_stated_rate_and_tier_are_checked_without_followers() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@a", tier: mid, engagement_rate: 1.2}
          - {handle: "@b", engagement_rate: 1.2}
          - {handle: "@c", followers: 0, engagement_rate: 50}
        """,
    )
    # @a: mid floor 2 %; @b: no tier can be known; @c: 50 % is implausible whatever the count.
    assert summary(findings) == [
        ("engagement-rate", "warning", 2, "/influencers/0/engagement_rate"),
        ("engagement-rate", "warning", 4, "/influencers/2/engagement_rate"),
    ]


def test_creators_with_the_same_numbers_are_one_finding_different_numbers_stay_apart() -> None:
    # Contract v2: "three creators below their engagement floor with different numbers stay
    # three"; the very same finding for two creators is one, the second related.
    findings = run_rule(
        "engagement-rate",
        """\
        influencers:
          - {handle: "@a", followers: 600000, avg_likes: 1000}
          - {handle: "@b", followers: 600000, avg_likes: 1000}
          - {handle: "@c", followers: 700000, avg_likes: 1000}
        """,
    )
    assert [(f.line, f.pointer) for f in findings] == [(2, "/influencers/0"), (4, "/influencers/2")]
    assert findings[0].message.startswith("@a, @b: an engagement rate of 0.2%")
    assert [(r.pointer, r.line) for r in findings[0].related] == [("/influencers/1", 3)]
    assert findings[1].message.startswith("@c: an engagement rate of 0.1%")


def test_a_grouped_fix_speaks_of_the_creators() -> None:
    findings = run_rule(
        "engagement-rate",
        """\
        influencers:
          - {handle: "@a", followers: 600000, avg_likes: 1000}
          - {handle: "@b", followers: 600000, avg_likes: 1000}
        """,
    )
    assert (findings[0].fix or "").startswith("Budget for reach rather than interaction with these")
    turkish = run_rule(
        "engagement-rate",
        "influencers:\n  - {handle: '@a', followers: 600000, avg_likes: 1000}\n"
        "  - {handle: '@b', followers: 600000, avg_likes: 1000}\n",
        lang="tr",
    )
    assert (turkish[0].fix or "").startswith("Bu içerik üreticileri için")
