"""Unit tests for the tier and keyword helpers of campaignlint.domain used by the money rules."""

from __future__ import annotations

import pytest

from campaignlint.domain import (
    effective_tier,
    influencer_label,
    keyword,
    stated_tier,
    tier_follower_range,
)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("per_follower", "per_follower"),
        (" Per-Follower ", "per_follower"),
        ("PRODUCT ONLY", "product_only"),
        ("FLAT_FEE", "flat_fee"),
        ("İndirim Kodu", "indirim_kodu"),
        ("", None),
        ("   ", None),
        (12, None),
        (["flat_fee"], None),
        (None, None),
    ],
)
def test_keyword_folds_case_accents_and_separators(value: object, key: str | None) -> None:
    assert keyword(value) == key


@pytest.mark.parametrize(
    ("value", "tier"),
    [("macro", "macro"), ("Micro", "micro"), (" MEGA ", "mega"), ("big", None), (3, None)],
)
def test_stated_tier_reads_only_known_tiers(value: object, tier: str | None) -> None:
    assert stated_tier(value) == tier


def test_effective_tier_prefers_a_valid_stated_tier() -> None:
    assert effective_tier("macro", 85_000) == "macro"
    assert effective_tier("Mega", None) == "mega"


def test_effective_tier_derives_from_followers_otherwise() -> None:
    assert effective_tier(None, 85_000) == "micro"
    assert effective_tier("influencer", 600_000) == "macro"
    assert effective_tier(None, 9_999) == "nano"


def test_effective_tier_is_none_when_nothing_is_readable() -> None:
    assert effective_tier(None, None) is None
    assert effective_tier("big", "85k") is None
    assert effective_tier(None, -5) is None
    assert effective_tier(None, True) is None


def test_tier_follower_ranges_follow_the_domain_bounds() -> None:
    assert tier_follower_range("nano") == (0, 9_999)
    assert tier_follower_range("micro") == (10_000, 99_999)
    assert tier_follower_range("mid") == (100_000, 499_999)
    assert tier_follower_range("macro") == (500_000, 999_999)
    assert tier_follower_range("mega") == (1_000_000, None)


def test_influencer_label_is_the_handle_or_the_index() -> None:
    assert influencer_label({"handle": " @ayse.glow "}, 0) == "@ayse.glow"
    assert influencer_label({"handle": ""}, 2) == "influencers[2]"
    assert influencer_label({"handle": 42}, 1) == "influencers[1]"
    assert influencer_label("not a mapping", 3) == "influencers[3]"
