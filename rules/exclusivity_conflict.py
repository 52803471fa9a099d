"""A creator under one brand's exclusivity is booked by a competitor in another brief.

## What it does
A portfolio rule: it compares every brief of the portfolio (the files of the run plus the
config's `portfolio:` globs). It reports (errors) a creator (same handle, same platform when both
briefs name one) who is under brand A's `contract.exclusivity` for a category during a period
that overlaps another brief's campaign period in which the creator works for a different brand B
whose `campaign.category` or `exclusivity.category` is that category. An exclusivity with no
`category` locks every category.

The exclusivity lasts from `campaign.start` for `exclusivity.duration_days`; with no duration,
to the later of `campaign.end` and `contract.term.end`. One finding in each of the two briefs,
each pointing at the creator and naming the other brief's file, brand and dates, with the other
brief's creator as a related location.

## Why it matters
A contract's exclusivity is one of the parties' written rights ("TikTok Influencer
Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake 3: each side's rights must be written
down). Booking the same creator for a competitor in the locked weeks breaches that contract, and
it is usually found only when the second post goes live: fees are clawed back and both brands
lose the audience's trust. No single brief shows it.

## Example
```yaml
# briefs/lumina.yaml
campaign: {brand: Lumina Cosmetics, category: skincare, start: 2027-03-01, end: 2027-03-31}
influencers: [{handle: "@ayse.glow", followers: 85000}]
contract: {exclusivity: {category: skincare, duration_days: 60}}
# briefs/derma.yaml
campaign: {brand: DermaPlus, category: skincare, start: 2027-04-10, end: 2027-04-30}
influencers: [{handle: "@ayse.glow", followers: 85000}]
```

## How to fix
Book another creator for the second campaign, move it after the exclusivity ends, or narrow the
exclusivity to a category or period that both contracts can keep (with the first brand's written
release when it is already signed).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import (
    Plain,
    Portfolio,
    PortfolioProblem,
    _,
    exclusivity_conflicts,
    shown_path,
)

ID = "exclusivity-conflict"
SEVERITY = "error"
AREA = "contract"
SCOPE = "portfolio"
SOURCE = (
    '"TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake 3 (missing'
    " contract: each side's rights written down): an exclusivity is a right the other briefs of"
    " the portfolio must keep."
)


def check(portfolio: Portfolio, options: Mapping[str, Any]) -> Iterator[PortfolioProblem]:
    for conflict in exclusivity_conflicts(portfolio):
        holder, other = conflict.holder, conflict.other
        exclusivity = conflict.exclusivity
        category = Plain(exclusivity.category) if exclusivity.category else _("every category")
        until = Plain(exclusivity.end.isoformat())
        yield holder.brief.problem(
            holder.booking.pointer,
            _(
                "{handle} is under exclusivity to {brand} for {category} until {until}, but"
                " {file} books them for {other_brand} ({dates})",
                handle=Plain(holder.booking.handle),
                brand=Plain(holder.brief.brand),
                category=category,
                until=until,
                file=Plain(shown_path(other.brief.path)),
                other_brand=Plain(other.brief.brand),
                dates=Plain(other.brief.period()),
            ),
            _(
                "Book another creator in one of the two briefs, move the other campaign after"
                " {until}, or narrow the exclusivity to what both contracts can keep.",
                until=until,
            ),
            related=[other.brief.related(other.booking)],
        )
        yield other.brief.problem(
            other.booking.pointer,
            _(
                "{handle} is booked here for {brand}, but {file} gives {other_brand} exclusivity"
                " on them for {category} until {until} ({dates})",
                handle=Plain(other.booking.handle),
                brand=Plain(other.brief.brand),
                file=Plain(shown_path(holder.brief.path)),
                other_brand=Plain(holder.brief.brand),
                category=category,
                until=until,
                dates=Plain(holder.brief.period()),
            ),
            _(
                "Book another creator, move this campaign after {until}, or get a written"
                " release from {brand}.",
                until=until,
                brand=Plain(holder.brief.brand),
            ),
            related=[holder.brief.related(holder.booking)],
        )
