"""A revenue share has no agreed commission, an unbalanced one, or no way to attribute sales.

## What it does
For each influencer paid with a revenue share (`compensation.model: revenue_share` or `hybrid`):

- no `revenue_share_percent` (error: the commission must be agreed up front);
- a `revenue_share_percent` below `min_share` (5 %) or above `max_share` (30 %) (warning); the
  range is also checked when a percent is given without a model;
- a campaign whose `tracking.methods` holds no attributable method — one that ties a sale to a
  creator: `promo_code`, `utm_links`, `affiliate_links`, `tiktok_pixel`, `landing_page`
  (warning, once for the campaign, at `tracking.methods`).

A `revenue_share_percent` beside a `flat_fee` (or any other model without a revenue share) is
not used, and not checked.

## Why it matters
Seed 000 §5 says a commission must be agreed before the campaign starts and be balanced for both
sides: a creator who works for "a share, to be agreed" has no reason to push the product, and a
dispute after the sales is the worst time to negotiate. TikTok Shop lets sellers set
commissions from 1 to 80 %, but category norms sit roughly between 5 and 30 %: below that, good
creators refuse or post half-heartedly; above it, the brand pays away its margin. And a share of
sales only means something when the sales can be counted per creator — without a promo code,
UTM or affiliate link, pixel or landing page, nobody can say what the creator sold.

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
from typing import Any

from campaignlint.brief import Brief
from campaignlint.domain import influencer_label, keyword
from campaignlint.i18n import Percent, Plain, Term, _
from campaignlint.model import Problem, Severity
from campaignlint.rule import Option

ID = "unfair-revenue-share"
SEVERITY = "warning"
AREA = "money"
SOURCE = (
    "Seed 000 §5 (a commission must be agreed up front and be balanced for both sides); TikTok"
    " Shop commissions (settable 1-80 %, category norms roughly 5-30 %); domain.md, Money."
)
ATTRIBUTABLE_METHODS = (
    "promo_code",
    "utm_links",
    "affiliate_links",
    "tiktok_pixel",
    "landing_page",
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


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    sharing: list[tuple[str, str]] = []  # (model pointer, handle) of each revenue share
    for index, (pointer, influencer) in enumerate(brief.mappings("/influencers")):
        compensation = f"{pointer}/compensation"
        if brief.mapping(compensation) is None:
            continue
        handle = influencer_label(influencer, index)
        model = keyword(brief.get(f"{compensation}/model"))
        if model in REVENUE_SHARE_MODELS:
            sharing.append((f"{compensation}/model", handle))
        if model in REVENUE_SHARE_MODELS or model is None:
            yield from _check_percent(brief, compensation, Plain(handle), model, options)
    if sharing:
        yield from _check_tracking(brief, sharing, options)


def _check_percent(
    brief: Brief,
    compensation: str,
    handle: Plain,
    model: str | None,
    options: Mapping[str, Any],
) -> Iterator[Problem]:
    percent_pointer = f"{compensation}/revenue_share_percent"
    low, high = float(options["min_share"]), float(options["max_share"])
    if not brief.has(percent_pointer) or brief.get(percent_pointer) is None:
        if model is not None:
            yield _missing_percent(brief, percent_pointer, handle, model, low, high)
        return
    percent = brief.number(percent_pointer)
    if percent is None:
        return  # not a number: the schema reports it
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
        return
    yield brief.problem(
        percent_pointer,
        message,
        _(
            "Agree a commission between {low} and {high}, the usual range of TikTok Shop"
            " categories.",
            low=Percent(low),
            high=Percent(high),
        ),
    )


def _missing_percent(
    brief: Brief, percent_pointer: str, handle: Plain, model: str, low: float, high: float
) -> Problem:
    """At the missing field; its line is the ``compensation:`` key's when the key is absent."""
    return brief.missing(
        percent_pointer,
        _(
            "{handle} is paid by revenue share (model {model}), but no revenue_share_percent is"
            " agreed.",
            handle=handle,
            model=Term(model),
        ),
        _(
            "Agree the commission up front and write it as revenue_share_percent, usually"
            " between {low} and {high}.",
            low=Percent(low),
            high=Percent(high),
        ),
        severity=Severity.ERROR,
    )


def _check_tracking(
    brief: Brief, sharing: list[tuple[str, str]], options: Mapping[str, Any]
) -> Iterator[Problem]:
    if not _readable_tracking(brief):
        return  # a wrong type: the schema reports it
    attributable = [str(method) for method in options["attributable_methods"]]
    wanted = {keyword(method) for method in attributable}
    methods = [text for _pointer, text in brief.strings("/tracking/methods")]
    if any(keyword(method) in wanted for method in methods):
        return
    handles = [Plain(handle) for _pointer, handle in sharing]
    if methods:
        message = _(
            "Revenue share is agreed with {handles}, but none of the tracking methods ({methods})"
            " can tie a sale to a creator.",
            handles=handles,
            methods=[Term(method) for method in methods],
        )
    else:
        message = _(
            "Revenue share is agreed with {handles}, but no tracking method is given that can tie"
            " a sale to a creator.",
            handles=handles,
        )
    pointer, at_key = _tracking_location(brief, sharing[0][0])
    yield brief.problem(
        pointer,
        message,
        _(
            "Add an attributable method to tracking.methods ({methods}), for example a personal"
            " promo code for each creator.",
            methods=[Term(method, typed=True) for method in attributable],
        ),
        at_key=at_key,
    )


def _readable_tracking(brief: Brief) -> bool:
    """tracking and its methods are absent, empty or of a type this rule can read."""
    tracking, methods = brief.get("/tracking"), brief.get("/tracking/methods")
    return isinstance(tracking, dict | None) and isinstance(methods, list | str | None)


def _tracking_location(brief: Brief, first_model: str) -> tuple[str, bool]:
    """tracking.methods when written, else the tracking key, else the first revenue share."""
    if brief.has("/tracking/methods"):
        return "/tracking/methods", False
    if brief.has("/tracking"):
        return "/tracking", True
    return first_model, False
