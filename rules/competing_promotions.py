"""A creator promotes two competing brands within weeks of each other.

## What it does
A portfolio rule: it compares every brief of the portfolio (the files of the run plus the
config's `portfolio:` globs). It reports (warnings) a creator (same handle, same platform when
both briefs name one) who promotes two different brands of the same category (`campaign.category`
or `contract.exclusivity.category`, text-matched like hashtags) with deliverables `due` less than
`min_gap_days` = 30 days apart. No exclusivity is needed.

One finding in each of the two briefs, pointing at the creator, naming the other brief's file,
brand and due date, with the other brief's creator as a related location. A pair of briefs that
already has an `exclusivity-conflict` for that creator gets that finding instead (one finding per
problem).

## Why it matters
A creator is worth paying for because the audience trusts their opinion ("TikTok Influencer
Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake 9: authenticity). When the same
creator praises a competitor's product a fortnight later, the audience sees a paid opinion
change, and trust in both posts drops. Each brief looks fine on its own.

## Example
```yaml
# briefs/lumina.yaml
campaign: {brand: Lumina Cosmetics, category: skincare, start: 2027-03-01, end: 2027-03-31}
deliverables: [{influencer: "@ayse.glow", format: video, due: 2027-03-20}]
# briefs/derma.yaml
campaign: {brand: DermaPlus, category: skincare, start: 2027-04-01, end: 2027-04-30}
deliverables: [{influencer: "@ayse.glow", format: video, due: 2027-04-05}]
```

## How to fix
Space the two promotions at least `min_gap_days` apart, book another creator for one brand, or
agree a category exclusivity so the portfolio keeps them apart.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import (
    Booking,
    Delivery,
    Option,
    Plain,
    Portfolio,
    PortfolioBrief,
    PortfolioProblem,
    _,
    different_brands,
    exclusivity_conflicts,
    plural,
    same_platform,
    shared_category,
    shown_path,
)

ID = "competing-promotions"
SEVERITY = "warning"
AREA = "contract"
SCOPE = "portfolio"
SOURCE = (
    '"TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake 9'
    " (creators must keep their own voice: authenticity drives the result)."
)
OPTIONS = {
    "min_gap_days": Option.integer(
        30, "Fewest days between a creator's promotions of two competing brands.", minimum=1
    ),
}

Item = tuple[Delivery, PortfolioBrief, Booking]


def check(portfolio: Portfolio, options: Mapping[str, Any]) -> Iterator[PortfolioProblem]:
    gap = options["min_gap_days"]
    conflicted = {conflict.pair() for conflict in exclusivity_conflicts(portfolio)}
    for key, entries in portfolio.bookings_by_creator().items():
        items = sorted(
            (
                (delivery, brief, booking)
                for brief, booking in entries
                for delivery in booking.deliveries
            ),
            key=lambda item: item[0].due,
        )
        closest: dict[frozenset[str], tuple[Item, Item]] = {}
        for index, first in enumerate(items):
            for second in items[index + 1 :]:
                if (second[0].due - first[0].due).days >= gap:
                    break
                pair = frozenset((first[1].path, second[1].path))
                if pair in closest or (pair, key) in conflicted or not _compete(first, second):
                    continue
                closest[pair] = (first, second)
        for first, second in closest.values():
            yield _problem(first, second)
            yield _problem(second, first)


def _compete(first: Item, second: Item) -> bool:
    return (
        first[1] is not second[1]
        and different_brands(first[1], second[1])
        and same_platform(first[2], second[2])
        and shared_category(first[1], second[1]) is not None
    )


def _problem(here: Item, there: Item) -> PortfolioProblem:
    delivery, brief, booking = here
    other_delivery, other_brief, other_booking = there
    days = abs((other_delivery.due - delivery.due).days)
    apart = plural(days, _("1 day"), _("{count} days", count=days))
    return brief.problem(
        booking.pointer,
        _(
            "{handle} promotes {brand} here (due {due}) and competing {other_brand} in {file}"
            " (due {other_due}), {days} apart: the audience sees a paid opinion change",
            handle=Plain(booking.handle),
            brand=Plain(brief.brand),
            due=Plain(delivery.due.isoformat()),
            other_brand=Plain(other_brief.brand),
            file=Plain(shown_path(other_brief.path)),
            other_due=Plain(other_delivery.due.isoformat()),
            days=apart,
        ),
        _(
            "Space the two {category} promotions further apart, or book another creator for one"
            " of the brands.",
            category=Plain(shared_category(brief, other_brief) or ""),
        ),
        related=[other_brief.related(other_booking)],
    )
