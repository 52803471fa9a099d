"""The creators chosen do not fit the campaign's objective, its budget, or their stated tier.

## What it does
Compares each creator's tier with the campaign objective and budget. The tier is the stated
`tier`, or the one the follower count gives: nano < 10,000 ≤ micro < 100,000 ≤ mid < 500,000
≤ macro < 1,000,000 ≤ mega. It reports:

- objective `sales` and a macro or mega creator whose engagement rate is below the floor of
  their tier (macro 1.5 %, mega 1 %) (warning). The rate is computed from the averages
  ((`avg_likes` + `avg_comments` + `avg_shares`) / `followers` × 100), else the stated
  `engagement_rate` is used;
- a `campaign.budget` below `small_budget` (100,000 in the budget's currency) with a macro or
  mega creator (warning, once, at the budget: micro-creators fit small budgets better). On a
  gifted, affiliate or non_commercial campaign a budget of 0 (or none) is not set, never small.
  `small_budget_by_currency` sets the limit per currency, e.g. `{USD: 5000}`;
- objective `awareness` with a single creator who is nano or micro (info: little reach);
- a stated `tier` that contradicts `followers` (info, at the tier, with the tier the followers
  give and its bounds).

## Why it matters
The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?" (mistake 2) warns
that very popular creators often bring lower purchase rates, and the article "TikTok Influencer
Pazarlamasında Doğru Hedef Kitleyi Nasıl Belirleyebilirsiniz?" says it plainly: sales goals want
high engagement, awareness goals can use bigger creators, small budgets call for micro-influencers,
and reach comes from several creators. A macro creator whose audience barely reacts sells little,
however big the follower count; on a small budget one big name eats the money several micro-creators
with engaged audiences would have used better. An awareness campaign resting on one small creator
reaches one small audience. And a stated tier that the follower count contradicts misleads every
decision taken on it, from the fee to the engagement benchmark.

## Example
```yaml
campaign:
  objective: sales
  budget: {amount: 80000, currency: TRY}
influencers:
  - handle: "@mega.star"
    followers: 820000
    tier: mega                # 820,000 followers make a macro creator
    avg_likes: 7000
    avg_comments: 300
    avg_shares: 200           # 0.9 %: below the floor for sales
```

## How to fix
For sales, choose creators whose engagement is at or above their tier's floor — usually micro
and mid creators — and keep macro and mega creators for awareness. On a small budget, split the
money across several micro-creators whose audience matches the target. For awareness, add
creators to widen the reach. Correct a stated tier from the creator's current follower count.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import (
    TIER_ENGAGEMENT_FLOORS,
    Brief,
    Money,
    Option,
    Percent,
    Plain,
    Problem,
    Severity,
    Term,
    _,
    effective_tier,
    engagement_rate,
    influencer_label,
    is_number,
    keyword,
    stated_tier,
    tier_follower_range,
    tier_for_followers,
)

ID = "influencer-objective-fit"
SEVERITY = "warning"
AREA = "money"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    ' 2 (very popular creators often bring lower purchase rates), and the article "TikTok '
    'Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl Belirleyebilirsiniz?" (sales goals '
    "want high engagement, awareness can use bigger creators, small budgets "
    "micro-influencers, reach several creators)."
)
OPTIONS = {
    "small_budget": Option.number(
        100000,
        "A campaign budget below this (in the budget's currency) is small for macro or mega"
        " creators.",
        minimum=0,
    ),
    "small_budget_by_currency": Option.mapping(
        {},
        "Small-budget limit per currency code (e.g. {USD: 5000}); wins over small_budget for"
        " that currency.",
        {"type": "number", "minimum": 0},
    ),
    "floors": Option.mapping(
        TIER_ENGAGEMENT_FLOORS,
        "Lowest acceptable engagement rate (percent) per tier; tiers not given keep the default.",
        {"type": "number", "minimum": 0},
    ),
}

CHECKS = {
    "sales-engagement": "A sales campaign's macro or mega creator engages below the floor.",
    "small-budget": "A small budget includes macro or mega creators.",
    "single-small-creator": "An awareness campaign rests on one nano or micro creator.",
    "tier-mismatch": "A stated tier contradicts the follower count.",
}

LARGE_TIERS = ("macro", "mega")

_PLURALS = {
    "{handle} is a {tier} creator with an engagement rate of {rate}, below {floor}, the usual"
    " floor for {tier} creators: a sales campaign needs an audience that acts.": _(
        "{handle} are {tier} creators with an engagement rate of {rate}, below {floor}, the"
        " usual floor for {tier} creators: a sales campaign needs an audience that acts."
    ),
    "For sales, choose creators who engage at or above their tier's floor (often micro or mid"
    " creators), or give {handle} an awareness role paid for reach.": _(
        "For sales, choose creators who engage at or above their tier's floor (often micro or"
        " mid creators), or give {handle} awareness roles paid for reach."
    ),
}
SMALL_TIERS = ("nano", "micro")


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    objective = keyword(brief.get("/campaign/objective"))
    floors = {**TIER_ENGAGEMENT_FLOORS, **dict(options["floors"])}
    creators = []  # (pointer, handle, effective tier) of each readable influencer
    found: list[Problem] = []
    for index, (pointer, influencer) in enumerate(brief.mappings("/influencers")):
        handle = influencer_label(influencer, index)
        tier = effective_tier(influencer.get("tier"), influencer.get("followers"))
        creators.append((pointer, handle, tier))
        found.extend(_contradicting_tier(brief, pointer, influencer, handle))
        if objective == "sales" and tier in LARGE_TIERS:
            found.extend(
                _low_engagement_for_sales(brief, pointer, influencer, handle, tier, floors)
            )
    # Creators with the very same numbers are one finding; different numbers stay apart.
    yield from brief.merge_by_item(found, plurals=_PLURALS)
    large = [handle for _pointer, handle, tier in creators if tier in LARGE_TIERS]
    if large:
        yield from _small_budget(brief, large, options)
    if objective == "awareness" and len(creators) == 1 and creators[0][2] in SMALL_TIERS:
        yield _single_small_creator(brief, *creators[0])


def _contradicting_tier(
    brief: Brief, pointer: str, influencer: Mapping[str, Any], handle: str
) -> Iterator[Problem]:
    # the creator's fields are read from its mapping: what brief.get(f"{pointer}/...") gives
    stated = stated_tier(influencer.get("tier"))
    followers = _number(influencer.get("followers"))
    if stated is None or followers is None or followers < 0:
        return
    derived = tier_for_followers(followers)
    if derived == stated:
        return
    low, high = tier_follower_range(derived)
    if high is None:
        message = _(
            "{handle}: the stated tier is {stated}, but {followers} followers make a {derived}"
            " creator ({derived} means {low} followers or more).",
            handle=Plain(handle),
            stated=Term(stated),
            followers=followers,
            derived=Term(derived),
            low=low,
        )
    else:
        message = _(
            "{handle}: the stated tier is {stated}, but {followers} followers make a {derived}"
            " creator ({derived} means {low} to {high} followers).",
            handle=Plain(handle),
            stated=Term(stated),
            followers=followers,
            derived=Term(derived),
            low=low,
            high=high,
        )
    yield brief.problem(
        f"{pointer}/tier",
        message,
        _(
            "Set tier: {derived}, or update followers from the creator's current analytics.",
            derived=Plain(derived),
        ),
        severity=Severity.INFO,
        check="tier-mismatch",
    )


def _low_engagement_for_sales(
    brief: Brief,
    pointer: str,
    influencer: Mapping[str, Any],
    handle: str,
    tier: str,
    floors: Mapping[str, float],
) -> Iterator[Problem]:
    floor = floors.get(tier)
    stated = _number(influencer.get("engagement_rate"))
    computed = engagement_rate(
        influencer.get("followers"),
        influencer.get("avg_likes"),
        influencer.get("avg_comments"),
        influencer.get("avg_shares"),
    )
    rate = computed if computed is not None else stated
    if floor is None or rate is None or rate >= floor:
        return
    yield brief.problem(
        f"{pointer}/engagement_rate" if stated is not None else pointer,
        _(
            "{handle} is a {tier} creator with an engagement rate of {rate}, below {floor}, the"
            " usual floor for {tier} creators: a sales campaign needs an audience that acts.",
            handle=Plain(handle),
            tier=Term(tier),
            rate=Percent(rate),
            floor=Percent(floor),
        ),
        _(
            "For sales, choose creators who engage at or above their tier's floor (often micro"
            " or mid creators), or give {handle} an awareness role paid for reach.",
            handle=Plain(handle),
        ),
        check="sales-engagement",
    )


def _small_budget(brief: Brief, large: list[str], options: Mapping[str, Any]) -> Iterator[Problem]:
    amount = brief.number("/campaign/budget/amount")
    if amount is None or (amount == 0 and not brief.is_paid):
        return  # a gifted, affiliate or cause campaign's 0 means "not set", never "small"
    raw_currency = brief.get("/campaign/budget/currency")
    currency = raw_currency.strip().upper() if isinstance(raw_currency, str) else ""
    by_currency = {
        str(code).strip().upper(): limit
        for code, limit in dict(options["small_budget_by_currency"]).items()
    }
    limit = float(by_currency.get(currency, options["small_budget"]))
    if amount >= limit:
        return
    yield brief.problem(
        "/campaign/budget/amount",
        _(
            "The campaign budget of {budget} is below {limit}, small for the macro or mega"
            " creators it includes: {handles}.",
            budget=_money(amount, currency),
            limit=_money(limit, currency),
            handles=[Plain(handle) for handle in large],
        ),
        _(
            "Spread a small budget over several micro-creators (10,000 to 99,999 followers) whose"
            " audience matches the target, or raise the budget to at least {limit}.",
            limit=_money(limit, currency),
        ),
        check="small-budget",
    )


def _single_small_creator(brief: Brief, pointer: str, handle: str, tier: str | None) -> Problem:
    return brief.problem(
        pointer,
        _(
            "This awareness campaign rests on a single {tier} creator, {handle}: its reach is"
            " one small audience.",
            tier=Term(tier),
            handle=Plain(handle),
        ),
        _("For awareness, add several creators, or a mid-size or larger one, to widen the reach."),
        severity=Severity.INFO,
        check="single-small-creator",
    )


def _money(amount: float, currency: str) -> Money | float:
    return Money(amount, currency) if currency else amount


def _number(value: Any) -> float | None:
    return value if is_number(value) else None
