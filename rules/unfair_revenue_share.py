"""A revenue share has no agreed commission, an unbalanced one, or no way to attribute sales.

## What it does
For each influencer paid with a revenue share (`compensation.model: revenue_share` or `hybrid`):

- no `revenue_share_percent` (error: the commission must be agreed up front; several creators
  without one are one error listing them);
- a `revenue_share_percent` below `min_share` (5 %) or above `max_share` (30 %) (warning); the
  range is also checked when a percent is given without a model;
- a campaign whose `tracking.methods` holds no attributable method — one that ties a sale to a
  creator: `promo_code`, `utm_links`, `affiliate_links`, `affiliate_dashboard`, `tiktok_pixel`,
  `meta_pixel`, `landing_page` (warning, once for the campaign, at `tracking.methods`).

`campaign.commission_percent` is the program-level commission (affiliate programs, hybrid
deals): it is checked against the same range, and stands for every creator who has no
`revenue_share_percent` of their own (a creator's own percent overrides it). On an `affiliate`
program (`campaign.kind: affiliate`) every creator earns a commission: creators with neither
their own percent nor a program commission are one error for the brief, listing them (and no
contract finding besides). With no tracking methods at all, and on an affiliate program, the
tracking check is `missing-tracking`'s, not repeated here.

A `revenue_share_percent` beside a `flat_fee` (or any other model without a revenue share) is
not used, and not checked.

## Why it matters
The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?" (mistake 5) says a
commission must be agreed before the campaign starts and be balanced for both sides: a creator who
works for "a share, to be agreed" has no reason to push the product, and a dispute after the sales
is the worst time to negotiate. TikTok Shop lets sellers set commissions from 1 to 80 %, but
category norms sit roughly between 5 and 30 %: below that, good creators refuse or post
half-heartedly; above it, the brand pays away its margin. And a share of sales only means something
when the sales can be counted per creator — without a promo code, UTM or affiliate link, pixel or
landing page, nobody can say what the creator sold.

## Example
```yaml
influencers:
  - handle: "@ayse.glow"
    compensation:
      model: revenue_share        # no revenue_share_percent: the commission is not agreed
tracking:
  methods: [tiktok_analytics]     # views only: no sale can be tied to the creator
```

## How to fix
Write the agreed commission as `revenue_share_percent` (between 5 and 30 % for most
categories), and give each creator an attributable tracking method — a personal promo code, a
UTM or affiliate link, the TikTok pixel or a dedicated landing page — listed in
`tracking.methods`, so that both sides can check the share.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from campaignlint.api import (
    AFFILIATE,
    ATTRIBUTABLE_METHODS,
    Brief,
    Option,
    Percent,
    Plain,
    Problem,
    Severity,
    Term,
    _,
    influencer_label,
    keyword,
    replace,
)

ID = "unfair-revenue-share"
SEVERITY = "warning"
AREA = "money"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    " 5 (a commission must be agreed up front and be balanced for both sides); TikTok Shop "
    "commissions (settable 1-80 %, category norms roughly 5-30 %)."
)
REVENUE_SHARE_MODELS = ("revenue_share", "hybrid")
OPTIONS = {
    "min_share": Option.number(
        5, "Lowest balanced revenue share (percent of sales).", minimum=0, maximum=100
    ),
    "max_share": Option.number(
        30, "Highest balanced revenue share (percent of sales).", minimum=0, maximum=100
    ),
    "attributable_methods": Option.strings(
        ATTRIBUTABLE_METHODS, "Tracking methods that can tie a sale to a creator."
    ),
}
CHECKS = {
    "no-commission": "A revenue share or affiliate program has no agreed commission.",
    "out-of-range": "A commission is outside the min_share-max_share range.",
    "tracking": "No tracking method can tie a sale to a creator.",
}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    program = _program_commission(brief, options)
    yield from program.problems
    affiliate = brief.kind == AFFILIATE
    sharing: list[tuple[str, str]] = []  # (model pointer, handle) of each revenue share
    without: list[tuple[str, str]] = []  # (pointer, handle): affiliates with no commission
    unagreed: list[tuple[str, str, str]] = []  # (percent pointer, handle, model): no percent
    for index, (pointer, influencer) in enumerate(brief.mappings("/influencers")):
        compensation = f"{pointer}/compensation"
        terms = influencer.get("compensation")  # read from the mapping, as brief.get would
        handle = influencer_label(influencer, index)
        if affiliate and program.percent is None and not _has_percent(terms):
            without.append((pointer, handle))
            continue
        if not isinstance(terms, dict):
            continue
        model = keyword(terms.get("model"))
        if model in REVENUE_SHARE_MODELS:
            sharing.append((f"{compensation}/model", handle))
        if model in REVENUE_SHARE_MODELS or model is None:
            percent_pointer = f"{compensation}/revenue_share_percent"
            required = model is not None and program.percent is None and not affiliate
            if required and terms.get("revenue_share_percent") is None:
                unagreed.append((percent_pointer, handle, str(model)))
                continue
            yield from _check_percent(brief, percent_pointer, Plain(handle), options)
    if unagreed:
        yield _missing_percent(brief, unagreed, options)
    if without:
        yield _missing_program_commission(brief, without, options)
    if sharing and not affiliate:  # an affiliate's tracking is missing-tracking's error
        yield from _check_tracking(brief, sharing, options)


# campaign.commission_percent when it is a number, and its problems. (NamedTuple's functional
# form: types as objects, which typing need not compile: see brief.py)
_Program = NamedTuple(  # noqa: UP014
    "_Program", [("percent", float | None), ("problems", list[Problem])]
)


def _program_commission(brief: Brief, options: Mapping[str, Any]) -> _Program:
    """``campaign.commission_percent``: the commission of every creator without one of their
    own, checked against the same range as a creator's."""
    pointer = "/campaign/commission_percent"
    percent = brief.number(pointer)
    if percent is None:
        return _Program(None, [])
    problem = _out_of_range(brief, pointer, Plain("campaign.commission_percent"), percent, options)
    return _Program(percent, [problem] if problem else [])


def _has_percent(terms: Any) -> bool:
    """A creator's own revenue_share_percent is written in its compensation ``terms`` (a
    wrong type is the schema's)."""
    return isinstance(terms, dict) and terms.get("revenue_share_percent") is not None


def _missing_program_commission(
    brief: Brief, without: list[tuple[str, str]], options: Mapping[str, Any]
) -> Problem:
    """One error for every affiliate creator with no commission: set it once for the program."""
    low, high = Percent(float(options["min_share"])), Percent(float(options["max_share"]))
    pointer = "/campaign/commission_percent"
    message = _(
        "The affiliate program agrees no commission with {handles}: campaign.commission_percent"
        " is not set and they have no revenue_share_percent.",
        handles=[Plain(handle) for _pointer, handle in without],
    )
    fix = _(
        "Set campaign.commission_percent for the whole program (usually between {low} and"
        " {high}), or each creator's compensation.revenue_share_percent.",
        low=low,
        high=high,
    )
    located = brief.missing(pointer, message, fix, severity=Severity.ERROR, check="no-commission")
    related = [item_pointer for item_pointer, _handle in without]
    grouped = brief.problem(
        pointer, message, fix, severity=Severity.ERROR, related=related, check="no-commission"
    )
    return replace(grouped, position=located.position)


def _check_percent(
    brief: Brief, percent_pointer: str, handle: Plain, options: Mapping[str, Any]
) -> Iterator[Problem]:
    percent = brief.number(percent_pointer)
    if percent is None:
        return  # absent, or not a number (the schema reports it)
    problem = _out_of_range(brief, percent_pointer, handle, percent, options)
    if problem is not None:
        yield problem


def _out_of_range(
    brief: Brief, pointer: str, handle: Plain, percent: float, options: Mapping[str, Any]
) -> Problem | None:
    low, high = float(options["min_share"]), float(options["max_share"])
    if percent < low:
        message = _(
            "{handle}: a revenue share of {percent} is below {low}; creators are likely to refuse"
            " it or post half-heartedly.",
            handle=handle,
            percent=Percent(percent),
            low=Percent(low),
        )
    elif percent > high:
        message = _(
            "{handle}: a revenue share of {percent} is above {high}; the brand gives away more"
            " of its margin than the usual range.",
            handle=handle,
            percent=Percent(percent),
            high=Percent(high),
        )
    else:
        return None
    return brief.problem(
        pointer,
        message,
        _(
            "Agree a commission between {low} and {high}, the usual range of TikTok Shop"
            " categories.",
            low=Percent(low),
            high=Percent(high),
        ),
        check="out-of-range",
    )


def _missing_percent(
    brief: Brief, unagreed: list[tuple[str, str, str]], options: Mapping[str, Any]
) -> Problem:
    """One error for every revenue share without an agreed percent, at the first one's missing
    field (its line is the ``compensation:`` key's), the others as related places."""
    low, high = Percent(float(options["min_share"])), Percent(float(options["max_share"]))
    first_pointer, first_handle, first_model = unagreed[0]
    if len(unagreed) == 1:
        message = _(
            "{handle} is paid by revenue share (model {model}), but no revenue_share_percent is"
            " agreed.",
            handle=Plain(first_handle),
            model=Term(first_model),
        )
    else:
        message = _(
            "{handles} are paid by revenue share, but no revenue_share_percent is agreed with"
            " any of them.",
            handles=[Plain(handle) for _pointer, handle, _model in unagreed],
        )
    fix = _(
        "Agree the commission up front and write it as revenue_share_percent, usually"
        " between {low} and {high}.",
        low=low,
        high=high,
    )
    located = brief.missing(
        first_pointer, message, fix, severity=Severity.ERROR, check="no-commission"
    )
    if len(unagreed) == 1:
        return located
    related = [pointer for pointer, _handle, _model in unagreed[1:]]
    grouped = brief.problem(
        first_pointer,
        message,
        fix,
        severity=Severity.ERROR,
        related=related,
        check="no-commission",
    )
    return replace(grouped, position=located.position)


def _check_tracking(
    brief: Brief, sharing: list[tuple[str, str]], options: Mapping[str, Any]
) -> Iterator[Problem]:
    if not _readable_tracking(brief):
        return  # a wrong type: the schema reports it
    attributable = [str(method) for method in options["attributable_methods"]]
    wanted = {keyword(method) for method in attributable}
    methods = [text for _pointer, text in brief.strings("/tracking/methods")]
    if not methods:
        return  # no tracking (methods) at all: missing-tracking's error says it, once
    if any(keyword(method) in wanted for method in methods):
        return
    handles = [Plain(handle) for _pointer, handle in sharing]
    yield brief.problem(
        "/tracking/methods",
        _(
            "Revenue share is agreed with {handles}, but none of the tracking methods ({methods})"
            " can tie a sale to a creator.",
            handles=handles,
            methods=[Term(method) for method in methods],
        ),
        _(
            "Add an attributable method to tracking.methods ({methods}), for example a personal"
            " promo code for each creator.",
            methods=[Term(method, typed=True) for method in attributable],
        ),
        check="tracking",
    )


def _readable_tracking(brief: Brief) -> bool:
    """tracking and its methods are absent, empty or of a type this rule can read."""
    tracking, methods = brief.get("/tracking"), brief.get("/tracking/methods")
    return isinstance(tracking, dict | None) and isinstance(methods, list | str | None)
