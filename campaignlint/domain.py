"""Shared domain logic: tiers, engagement rate, audience age overlap, dates.

Each function is the single place its formula lives; rules import from here.
The numbers are the rules' documented defaults (docs/rules.md, each rule's Source).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from campaignlint.text import fold

TIERS = ("nano", "micro", "mid", "macro", "mega")

# Lower follower bound of each tier: nano < 10,000 <= micro < 100,000 <= mid < 500,000 ...
TIER_LOWER_BOUNDS: dict[str, int] = {
    "nano": 0,
    "micro": 10_000,
    "mid": 100_000,
    "macro": 500_000,
    "mega": 1_000_000,
}

# Low-engagement floor (percent) by tier.
TIER_ENGAGEMENT_FLOORS: dict[str, float] = {
    "nano": 4.0,
    "micro": 3.0,
    "mid": 2.0,
    "macro": 1.5,
    "mega": 1.0,
}

IMPLAUSIBLE_ENGAGEMENT_RATE = 35.0

# Tracking methods (the closed list of ``tracking.methods``; the schema's enum is these two).
# Attributable methods can tie a sale, visit or install to one creator.
ATTRIBUTABLE_METHODS = (
    "promo_code",
    "utm_links",
    "affiliate_links",
    "affiliate_dashboard",
    "tiktok_pixel",
    "meta_pixel",
    "landing_page",
)
OTHER_TRACKING_METHODS = (
    "tiktok_analytics",
    "instagram_insights",
    "youtube_analytics",
    "brand_lift_study",
    "manual_reporting",
)

# Oldest age an open bucket such as "45+" covers.
MAX_AGE = 64


def is_number(value: Any) -> bool:
    """A real, finite number that fits a float (bools are not numbers here; 10**400 is not)."""
    kind = type(value)  # exact types first: rules test every value they read
    if kind is float:
        return math.isfinite(value)
    if kind is not int and (not isinstance(value, int | float) or isinstance(value, bool)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float: rules could not compute with it
        return False


def is_blank(value: Any) -> bool:
    """Nothing written: absent, empty, whitespace only, or an empty list or mapping."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def tier_for_followers(followers: float) -> str:
    """The tier a follower count falls in."""
    tier = "nano"
    for name in TIERS:
        if followers >= TIER_LOWER_BOUNDS[name]:
            tier = name
    return tier


class Rejected:
    """The stand-in for a value the schema rejected (see :class:`campaignlint.brief.Brief`)."""

    def __repr__(self) -> str:
        return "<rejected by the schema>"

    def __str__(self) -> str:
        return ""


REJECTED: Any = Rejected()
# The key of a rejected value: an unknown value, which matches no choice, and is not absent
# (a model the schema rejected is not "no model", which some checks read as flat_fee).
REJECTED_KEY = "\x00rejected"


def keyword(value: Any) -> str | None:
    """An enum-like value as a matching key: ``" Per-Follower "`` -> ``per_follower``.

    Case- and accent-insensitive with Turkish rules; spaces and hyphens become underscores.
    None for anything that is not a non-empty string; :data:`REJECTED_KEY` for a value the
    schema rejected.
    """
    if value is REJECTED:
        return REJECTED_KEY
    if not isinstance(value, str):
        return None
    if len(value) > _CACHED_KEYWORD_LENGTH:
        return _keyword(value)  # kept in no cache: memory stays flat
    return _cached_keyword(value)


_CACHED_KEYWORD_LENGTH = 64  # enum-like values are short; a long text is keyed, not kept


def _keyword(value: str) -> str | None:
    if not value.strip():
        return None
    return re.sub(r"[\s\-]+", "_", fold(value).strip())


_cached_keyword = lru_cache(maxsize=4096)(_keyword)


def stated_tier(value: Any) -> str | None:
    """The tier a brief's ``tier`` value names (``"Macro"`` -> ``macro``), or None."""
    tier = keyword(value)
    return tier if tier in TIER_LOWER_BOUNDS else None


def effective_tier(stated: Any, followers: Any) -> str | None:
    """The stated tier when it names one, else the tier of the follower count, else None."""
    tier = stated_tier(stated)
    if tier is not None:
        return tier
    if is_number(followers) and followers >= 0:
        return tier_for_followers(followers)
    return None


def tier_follower_range(tier: str) -> tuple[int, int | None]:
    """Lowest and highest follower count of ``tier``; None as highest for the top tier."""
    index = TIERS.index(tier)
    if index + 1 == len(TIERS):
        return TIER_LOWER_BOUNDS[tier], None
    return TIER_LOWER_BOUNDS[tier], TIER_LOWER_BOUNDS[TIERS[index + 1]] - 1


def influencer_label(influencer: Any, index: int) -> str:
    """How messages name an influencer: its handle, else ``influencers[index]``."""
    is_mapping = type(influencer) is dict or isinstance(influencer, Mapping)  # dict: no ABC check
    handle = influencer.get("handle") if is_mapping else None
    if isinstance(handle, str) and handle.strip():
        return handle.strip()
    return f"influencers[{index}]"


def engagement_rate(followers: Any, likes: Any, comments: Any, shares: Any) -> float | None:
    """(likes + comments + shares) / followers x 100, or None when it cannot be computed.

    Missing averages count as zero only when at least one average is given.
    """
    if not is_number(followers) or followers <= 0:
        return None
    parts = [value for value in (likes, comments, shares) if is_number(value)]
    if not parts:
        return None
    return float(sum(parts)) / float(followers) * 100.0


_BUCKET = re.compile(r"^\s*(\d{1,3})\s*(?:[-–]\s*(\d{1,3})|(\+))\s*$")


@lru_cache(maxsize=256)  # every creator's audience repeats the same few labels
def parse_age_bucket(label: str) -> tuple[int, int] | None:
    """Parse ``"18-24"`` to (18, 24) and ``"45+"`` to (45, 64); None when malformed."""
    match = _BUCKET.match(str(label))
    if not match:
        return None
    low = int(match.group(1))
    high = MAX_AGE if match.group(3) else int(match.group(2))
    if high < low:
        return None
    return low, max(high, low)


def age_overlap(buckets: Mapping[str, Any], target_min: int, target_max: int) -> float | None:
    """Share (percent) of an audience inside the target age range.

    Each bucket contributes its share times the fraction of its (integer) years inside the
    range: target 18-30, bucket "25-34" at 20 % gives 20 x 6/10 = 12. None when no bucket is
    readable.
    """
    total = 0.0
    readable = False
    for label, share in buckets.items():
        bounds = parse_age_bucket(label)
        if bounds is None or not is_number(share):
            continue
        readable = True
        low, high = bounds
        inside = min(high, target_max) - max(low, target_min) + 1
        if inside > 0:
            total += float(share) * inside / (high - low + 1)
    return total if readable else None


def parse_date(value: Any) -> dt.date | None:
    """A date from ``2026-03-01`` (quoted or not) or a date-time string; None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


_TIME = re.compile(r"^\s*([01]?\d|2[0-4]):([0-5]\d)\s*$")


def parse_time(value: Any) -> int | None:
    """Minutes after midnight of ``"19:00"``; ``"24:00"`` is 1440. None when malformed."""
    if not isinstance(value, str):
        return None
    return _parse_time(value)


@lru_cache(maxsize=1024)  # posting windows repeat the same few times
def _parse_time(value: str) -> int | None:
    match = _TIME.match(value)
    if not match:
        return None
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    return minutes if minutes <= 24 * 60 else None
