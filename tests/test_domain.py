"""Unit tests for the shared domain functions of campaignlint.domain."""

from __future__ import annotations

import pytest

from campaignlint.domain import (
    IMPLAUSIBLE_ENGAGEMENT_RATE,
    MAX_AGE,
    TIER_ENGAGEMENT_FLOORS,
    age_overlap,
    engagement_rate,
    parse_age_bucket,
    tier_for_followers,
)


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (0, "nano"),
        (9_999, "nano"),
        (10_000, "micro"),
        (99_999, "micro"),
        (100_000, "mid"),
        (499_999, "mid"),
        (500_000, "macro"),
        (999_999, "macro"),
        (1_000_000, "mega"),
        (25_000_000, "mega"),
    ],
)
def test_tier_boundaries(followers: int, tier: str) -> None:
    assert tier_for_followers(followers) == tier


def test_engagement_floors_and_implausible_rate_are_the_domain_defaults() -> None:
    assert TIER_ENGAGEMENT_FLOORS == {
        "nano": 4.0,
        "micro": 3.0,
        "mid": 2.0,
        "macro": 1.5,
        "mega": 1.0,
    }
    assert IMPLAUSIBLE_ENGAGEMENT_RATE == 35.0


def test_engagement_rate_formula() -> None:
    # The example brief: (4,800 + 210 + 260) / 85,000 x 100 = 6.2
    assert engagement_rate(85_000, 4_800, 210, 260) == pytest.approx(6.2)
    assert engagement_rate(1_000, 30, 0, 0) == pytest.approx(3.0)


def test_engagement_rate_counts_missing_averages_as_zero_when_one_is_given() -> None:
    assert engagement_rate(10_000, 500, None, None) == pytest.approx(5.0)
    assert engagement_rate(10_000, 500, "many", 100) == pytest.approx(6.0)


@pytest.mark.parametrize(
    "args",
    [
        (0, 10, 10, 10),
        (-5, 10, 10, 10),
        ("85000", 10, 10, 10),
        (None, 10, 10, 10),
        (True, 10, 10, 10),
        (1_000, None, None, None),
        (1_000, "a", "b", "c"),
    ],
)
def test_engagement_rate_is_none_when_it_cannot_be_computed(args: tuple[object, ...]) -> None:
    assert engagement_rate(*args) is None


@pytest.mark.parametrize(
    ("label", "bounds"),
    [
        ("18-24", (18, 24)),
        (" 25 - 34 ", (25, 34)),
        ("25–34", (25, 34)),
        ("45+", (45, MAX_AGE)),
        ("45 +", (45, 64)),
        ("30-30", (30, 30)),
    ],
)
def test_parse_age_bucket(label: str, bounds: tuple[int, int]) -> None:
    assert parse_age_bucket(label) == bounds


@pytest.mark.parametrize("label", ["", "adults", "18", "24-18", "18-", "-24", "18-24-30", "+45"])
def test_parse_age_bucket_rejects_malformed_labels(label: str) -> None:
    assert parse_age_bucket(label) is None


def test_age_overlap_of_the_domain_example() -> None:
    # target 18-30, bucket "25-34" at 20 % -> 20 x 6/10 = 12
    assert age_overlap({"25-34": 20}, 18, 30) == pytest.approx(12.0)


def test_age_overlap_of_the_example_brief() -> None:
    buckets = {"13-17": 8, "18-24": 55, "25-34": 25, "35-44": 8, "45+": 4}
    assert age_overlap(buckets, 18, 24) == pytest.approx(55.0)
    assert age_overlap(buckets, 18, 34) == pytest.approx(80.0)
    assert age_overlap(buckets, 13, 64) == pytest.approx(100.0)
    assert age_overlap(buckets, 25, 44) == pytest.approx(33.0)


def test_age_overlap_of_open_bucket_spreads_over_45_to_64() -> None:
    # "45+" is 45..64 (20 years): 45-54 holds half of it.
    assert age_overlap({"45+": 10}, 45, 54) == pytest.approx(5.0)
    assert age_overlap({"45+": 10}, 18, 44) == pytest.approx(0.0)


def test_age_overlap_skips_malformed_buckets_and_shares() -> None:
    buckets = {"adults": 50, "18-24": "55%", "25-34": 40, "35-44": True}
    assert age_overlap(buckets, 25, 34) == pytest.approx(40.0)


def test_age_overlap_is_none_when_no_bucket_is_readable() -> None:
    assert age_overlap({"adults": 50, "18-24": "many"}, 18, 24) is None
    assert age_overlap({}, 18, 24) is None


def test_is_number_refuses_ints_too_large_for_a_float() -> None:
    from campaignlint.domain import is_number

    assert not is_number(10**400) and not is_number(-(10**400))
    assert is_number(10**300) and not is_number(float("nan")) and not is_number(True)


def test_is_blank() -> None:
    from campaignlint.domain import is_blank

    for blank in (None, "", "  \n", [], {}):
        assert is_blank(blank), blank
    for written in ("x", [""], {"a": None}, 0, False):
        assert not is_blank(written), written


def test_every_rule_names_a_creator_as_influencer_label_does() -> None:
    """One label for a creator in messages: its handle as written (trimmed), else its place."""
    import textwrap

    from campaignlint.config import Config
    from campaignlint.domain import influencer_label
    from campaignlint.engine import lint_text

    brief = textwrap.dedent(
        """\
        influencers:
          - handle: "  @maya.glow "
            followers: 1000
            avg_likes: 900
            compensation: {model: per_follower}
          - followers: 1000
            avg_likes: 900
            compensation: {model: per_follower}
        """
    )
    rules = ("engagement-rate", "follower-based-pricing")
    findings = lint_text(brief, config=Config(select=rules))
    labels = [influencer_label({"handle": "  @maya.glow "}, 0), influencer_label({}, 1)]
    assert labels == ["@maya.glow", "influencers[1]"]
    for rule in rules:
        messages = [f.message for f in findings if f.rule == rule]
        assert all(any(label in message for message in messages) for label in labels), rule
