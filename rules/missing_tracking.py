"""The brief has no way to track results, to tie them to creators, or to report them in time.

## What it does
Reads `tracking` and reports:

- no `tracking` section, or no `tracking.methods` (error; a warning on a `gifted` or
  `non_commercial` campaign, see `campaign.kind`); under a missing section nothing more is
  reported;
- objective `sales`, `traffic` or `app_installs` without an attributable method, one that ties a
  sale or a visit to a creator: `promo_code`, `utm_links`, `affiliate_links`,
  `affiliate_dashboard`, `tiktok_pixel`, `meta_pixel`, `landing_page` (warning; option
  `attributable_methods`). On an `affiliate` program, whose commissions depend on it, no
  attributable method is an error whatever the objective;
- no `reporting_cadence`, or only `end_of_campaign` for a campaign longer than
  `max_days_without_interim` (14) days from `campaign.start` to `campaign.end` (warning);
  `live` (a live dashboard, such as an affiliate program's) is a valid cadence;
- `pre_campaign_analysis` not `true` (warning).

Method and cadence names ignore case, spaces and hyphens (`UTM links` is `utm_links`).

## Why it matters
The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?" (mistakes 6 and 7):
campaigns fail when nobody analyses before and after, and when KPIs have no way of being tracked.
TikTok's own analytics show views and likes, but not which creator sold the serum: for sales,
traffic and installs each creator needs a code, a tagged link or a pixel, or the budget cannot be
judged creator by creator. A report that comes only at the end of a month arrives when nothing can
be corrected any more; a baseline measured before the start is what turns "1,200 conversions" into a
result rather than a number.

## Example
```yaml
campaign:
  objective: sales
  start: 2027-03-01
  end: 2027-03-31
tracking:
  methods: [tiktok_analytics]        # cannot tie a sale to a creator
  reporting_cadence: end_of_campaign # one report after 30 days
  pre_campaign_analysis: false
```

## How to fix
List the tracking methods, with at least one attributable method for sales, traffic or install
goals (a promo code per creator and UTM-tagged links are the simplest). Report weekly for
campaigns longer than two weeks, and measure the baseline (followers, site visits, sales) before
the start with `pre_campaign_analysis: true`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import (
    AFFILIATE,
    ATTRIBUTABLE_METHODS,
    PAID,
    Brief,
    Option,
    Problem,
    Term,
    _,
    fold,
)

ID = "missing-tracking"
SEVERITY = "warning"
AREA = "measurement"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", '
    "mistakes 6 (no analysis or measurement: analyse before and after, report transparently) "
    "and 7 (no tracking: KPIs need a way to be tracked)."
)
OPTIONS = {
    "attributable_methods": Option.strings(
        list(ATTRIBUTABLE_METHODS),
        "Tracking methods that can tie a sale, visit or install to a creator.",
    ),
    "attribution_objectives": Option.strings(
        ["sales", "traffic", "app_installs"],
        "Campaign objectives that need an attributable tracking method.",
    ),
    "max_days_without_interim": Option.integer(
        14,
        "Longest campaign (days from start to end) that may be reported only at its end.",
        minimum=0,
    ),
}
CHECKS = {
    "no-tracking": "The brief has no tracking, or tracking lists no methods.",
    "attribution": "No tracking method can tie results to each creator.",
    "cadence": "No reporting cadence, or results are reported only at the end.",
    "pre-analysis": "No analysis is planned before the campaign starts.",
}

END_OF_CAMPAIGN = "end_of_campaign"


_SEPARATORS = re.compile(r"[\s\-]+")  # compiled once: name_key runs for every name read


def name_key(text: str) -> str:
    """``UTM links`` → ``utm_links``."""
    return _SEPARATORS.sub("_", fold(text).strip())


def _empty(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _names(value: Any) -> list[str] | None:
    """The names in a string or a list of strings; None when unreadable."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str) and item.strip()]
    return None


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    tracking = brief.get("/tracking")
    if _empty(tracking) or tracking == {}:
        yield brief.missing(
            "/tracking",
            _("the brief has no tracking section: results cannot be measured"),
            _(
                "Add tracking with methods (such as promo_code, utm_links, tiktok_analytics),"
                " a reporting_cadence and pre_campaign_analysis: true."
            )
            if brief.kind != AFFILIATE
            else _(
                "Add tracking with an attributable method (affiliate_links, promo_code or"
                " affiliate_dashboard), a reporting_cadence (live for a commission dashboard)"
                " and pre_campaign_analysis: true."
            ),
            severity=_absence_severity(brief),
            check="no-tracking",
        )
        return
    if not isinstance(tracking, dict):
        return
    yield from _check_methods(brief, options)
    yield from _check_cadence(brief, options["max_days_without_interim"])
    yield from _check_analysis(brief)


def _absence_severity(brief: Brief) -> str:
    """No tracking at all: an error where money rides on the results (a paid campaign, an
    affiliate program's commissions), a warning on gifted and cause campaigns."""
    return "error" if brief.kind in (PAID, AFFILIATE) else "warning"


def _check_analysis(brief: Brief) -> Iterator[Problem]:
    pointer = "/tracking/pre_campaign_analysis"
    value = brief.get(pointer)
    if value is True:
        return
    report = brief.missing if _empty(value) else brief.problem
    yield report(
        pointer,
        _("no analysis is planned before the campaign starts"),
        _(
            "Measure the baseline (followers, visits, sales) before the start and set"
            " pre_campaign_analysis: true."
        ),
        check="pre-analysis",
    )


def _check_methods(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    value = brief.get("/tracking/methods")
    methods = _names(value)
    if _empty(value) or methods == []:
        yield brief.missing(
            "/tracking/methods",
            _("tracking lists no methods: nothing measures the KPIs"),
            _("List how each KPI is tracked, such as promo_code, utm_links, tiktok_analytics."),
            severity=_absence_severity(brief),
            check="no-tracking",
        )
        return
    if methods is None:
        return
    attributable = [name_key(name) for name in options["attributable_methods"]]
    if not attributable or any(name_key(method) in attributable for method in methods):
        return
    if brief.kind == AFFILIATE:
        yield brief.problem(
            "/tracking/methods",
            _(
                "an affiliate program pays commissions on the sales each creator brings, but"
                " tracking has only {methods}: no sale can be tied to a creator",
                methods=", ".join(methods),
            ),
            _(
                "Add an attributable method: {methods} (affiliate links or a personal promo code"
                " per creator).",
                methods=", ".join(attributable),
            ),
            severity="error",
            check="attribution",
        )
        return
    objective = brief.text("/campaign/objective")
    needing = {name_key(name) for name in options["attribution_objectives"]}
    if objective is None or name_key(objective) not in needing:
        return
    yield brief.problem(
        "/tracking/methods",
        _(
            "the objective {objective} needs a method that ties results to each creator, but"
            " tracking has only {methods}",
            objective=Term(objective),
            methods=[Term(method) for method in methods],
        ),
        _(
            "Add an attributable method: {methods} (a promo code per creator is the simplest).",
            methods=[Term(method, typed=True) for method in attributable],
        ),
        check="attribution",
    )


def _check_cadence(brief: Brief, max_days: int) -> Iterator[Problem]:
    value = brief.get("/tracking/reporting_cadence")
    if _empty(value):
        yield brief.missing(
            "/tracking/reporting_cadence",
            _("tracking sets no reporting cadence"),
            _("Set reporting_cadence: weekly, so results can be corrected during the campaign."),
            check="cadence",
        )
        return
    cadences = _names(value)
    if not cadences or any(name_key(cadence) != END_OF_CAMPAIGN for cadence in cadences):
        return
    start, end = brief.date("/campaign/start"), brief.date("/campaign/end")
    if start is None or end is None:
        return
    days = (end - start).days + 1  # both dates are campaign days: 1-14 March is 14 days
    if days <= max_days:
        return
    yield brief.problem(
        "/tracking/reporting_cadence",
        _(
            "the campaign runs {days} days but is reported only at its end: nothing can be"
            " corrected while it runs",
            days=days,
        ),
        _(
            "Report at least every {limit} days: set reporting_cadence: weekly.",
            limit=max_days,
        ),
        check="cadence",
    )
