"""A creator's engagement rate is misstated, below the tier's floor, or implausibly high.

## What it does
For each influencer, computes the engagement rate from the averages in the brief:
(`avg_likes` + `avg_comments` + `avg_shares`) / `followers` × 100. It reports (warnings):

- a stated `engagement_rate` that differs from the computed rate by more than `tolerance`
  (25 % of the computed rate by default: a computed 4 % accepts 3-5 %);
- a rate (the computed one, or the stated one when the averages are missing) below the floor of
  the creator's tier: nano 4 %, micro 3 %, mid 2 %, macro 1.5 %, mega 1 %. The tier is the stated
  `tier`, or the one the follower count gives (nano < 10,000 ≤ micro < 100,000 ≤ mid < 500,000
  ≤ macro < 1,000,000 ≤ mega);
- a rate above `implausible_rate` (35 %): bought engagement or a wrong follower count.

Creators with the very same finding (the same numbers) are one finding naming them all, with the
others as related locations; different numbers stay separate findings.

## Why it matters
The article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl Belirleyebilirsiniz?" tells
brands to choose creators by engagement rate, not by follower count, and defines it as interactions
/ followers × 100. A rate copied from a media kit that the creator's own averages do not support is
the first sign of an outdated or inflated kit. Engagement falls as followers grow in every published
TikTok benchmark (medians of roughly 1-5 % by tier), so a creator below the floor of their tier
reaches people who do not react — the reason the article "TikTok Influencer Pazarlamasında En Çok
Yapılan Hatalar Nelerdir?" (mistake 2) warns that very popular creators often bring lower purchase
rates. A rate above 35 % is rarely real: it usually means bought likes or a follower count typed
wrong.

## Example
```yaml
influencers:
  - handle: "@mert.fit"
    followers: 250000
    engagement_rate: 7.5      # the averages give 1.6 %: stated rate off, and below the mid floor
    avg_likes: 3600
    avg_comments: 120
    avg_shares: 280
```

## How to fix
Ask the creator for a recent analytics screenshot (last 30 days) and copy followers and the
average likes, comments and shares from it; state the rate those numbers give. If the real rate
is below the tier's floor, pay for reach only with that in mind — or choose a creator, often a
smaller one, whose audience engages. Question any rate above 35 % before signing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import (
    IMPLAUSIBLE_ENGAGEMENT_RATE,
    TIER_ENGAGEMENT_FLOORS,
    Brief,
    Option,
    Percent,
    Plain,
    Problem,
    Term,
    _,
    engagement_rate,
    fold,
    influencer_label,
    is_number,
    tier_for_followers,
)

ID = "engagement-rate"
SEVERITY = "warning"
AREA = "money"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl '
    'Belirleyebilirsiniz?" (choose creators by engagement rate = interactions / followers × '
    '100) and the article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar '
    'Nelerdir?", mistake 2; tier floors from published TikTok engagement benchmarks '
    "(per-follower medians of about 1-5 % by tier)."
)
OPTIONS = {
    "tolerance": Option.number(
        25,
        "How far (percent of the computed rate) the stated rate may be from the computed one.",
        minimum=0,
    ),
    "implausible_rate": Option.number(
        IMPLAUSIBLE_ENGAGEMENT_RATE,
        "An engagement rate (percent) above this is implausible.",
        minimum=0,
    ),
    "floors": Option.mapping(
        TIER_ENGAGEMENT_FLOORS,
        "Lowest acceptable engagement rate (percent) per tier; tiers not given keep the default.",
        {"type": "number", "minimum": 0},
    ),
}
CHECKS = {
    "stated-mismatch": "The stated rate is far from the rate the averages give.",
    "implausible": "The rate is implausibly high.",
    "below-floor": "The rate is below the floor of the creator's tier.",
}

_AVERAGES = ("avg_likes", "avg_comments", "avg_shares")


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    floors = {**TIER_ENGAGEMENT_FLOORS, **dict(options["floors"])}
    found = [
        problem
        for pointer, influencer in brief.mappings("/influencers")
        for problem in _check_influencer(brief, pointer, influencer, options, floors)
    ]
    # Creators with the very same numbers are one finding; different numbers stay apart.
    yield from brief.merge_by_item(found, plurals=_PLURALS)


_PLURALS = {
    "Budget for reach rather than interaction with this creator, or choose one whose"
    " audience engages at {floor} or more (smaller creators usually engage more).": _(
        "Budget for reach rather than interaction with these creators, or choose ones whose"
        " audience engages at {floor} or more (smaller creators usually engage more)."
    ),
}


def _check_influencer(
    brief: Brief,
    pointer: str,
    influencer: Mapping[str, Any],
    options: Mapping[str, Any],
    floors: Mapping[str, float],
) -> Iterator[Problem]:
    # The creator's fields are read from its mapping: what brief.number(f"{pointer}/...") gives.
    followers = _number(influencer, "followers")
    if followers is not None and followers <= 0:
        followers = None  # no audience to rate against
    handle = _handle(influencer, pointer)
    averages = [influencer.get(name) for name in _AVERAGES]
    computed = engagement_rate(followers, *averages)
    if computed is not None:
        computed = _rounded(computed)
    stated = _number(influencer, "engagement_rate")
    rate_pointer = f"{pointer}/engagement_rate" if stated is not None else pointer
    if stated is not None and computed is not None:
        yield from _stated_mismatch(brief, pointer, influencer, handle, stated, computed, options)
    rate = computed if computed is not None else stated
    if rate is None:
        return
    implausible = float(options["implausible_rate"])
    if rate > implausible:
        yield brief.problem(
            rate_pointer,
            _(
                "{handle}: an engagement rate of {rate} is implausible (above {limit}).",
                handle=handle,
                rate=Percent(rate),
                limit=Percent(implausible),
            ),
            _(
                "Check the follower count and the averages against the creator's analytics;"
                " rates this high usually mean bought engagement or a wrong follower count."
            ),
            check="implausible",
        )
        return
    yield from _below_floor(brief, influencer, rate_pointer, handle, rate, followers, floors)


def _stated_mismatch(
    brief: Brief,
    pointer: str,
    influencer: Mapping[str, Any],
    handle: Plain,
    stated: float,
    computed: float,
    options: Mapping[str, Any],
) -> Iterator[Problem]:
    tolerance = float(options["tolerance"])
    if _rounded(abs(stated - computed)) <= _rounded(computed * tolerance / 100):
        return
    interactions = sum(
        value for name in _AVERAGES if (value := _number(influencer, name)) is not None
    )
    yield brief.problem(
        f"{pointer}/engagement_rate",
        _(
            "{handle}: the stated engagement rate is {stated}, but the averages give {computed}"
            " (more than {tolerance} of it apart).",
            handle=handle,
            stated=Percent(stated),
            computed=Percent(computed),
            tolerance=Percent(tolerance),
        ),
        _(
            "({interactions} likes, comments and shares) / {followers} followers × 100 ="
            " {computed}: correct the stated rate, or update the averages from the creator's"
            " recent analytics.",
            interactions=interactions,
            followers=_number(influencer, "followers"),
            computed=Percent(computed),
        ),
        check="stated-mismatch",
    )


def _below_floor(
    brief: Brief,
    influencer: Mapping[str, Any],
    rate_pointer: str,
    handle: Plain,
    rate: float,
    followers: float | None,
    floors: Mapping[str, float],
) -> Iterator[Problem]:
    tier_text = influencer.get("tier")
    stated_tier = fold(tier_text if isinstance(tier_text, str) else "").strip()
    if stated_tier in floors:
        tier = stated_tier
    elif followers is not None:
        tier = tier_for_followers(followers)
    else:
        return  # no tier to compare with
    floor = floors.get(tier)
    if floor is None or rate >= floor:
        return
    yield brief.problem(
        rate_pointer,
        _(
            "{handle}: an engagement rate of {rate} is below {floor}, the usual floor for"
            " {tier} creators.",
            handle=handle,
            rate=Percent(rate),
            tier=Term(tier),
            floor=Percent(floor),
        ),
        _(
            "Budget for reach rather than interaction with this creator, or choose one whose"
            " audience engages at {floor} or more (smaller creators usually engage more).",
            floor=Percent(floor),
        ),
        check="below-floor",
    )


def _rounded(value: float) -> float:
    """``value`` without float noise: 700 / 10,000 × 100 is 7.000000000000001 in binary, and a
    rate exactly at a threshold must compare as exactly at it."""
    return round(value, 9)


def _number(influencer: Mapping[str, Any], name: str) -> float | None:
    value = influencer.get(name)
    return value if is_number(value) else None


def _handle(influencer: Mapping[str, Any], pointer: str) -> Plain:
    return Plain(influencer_label(influencer, int(pointer.rsplit("/", 1)[-1])))
