"""A creator is booked for more posts in a week than they can make well.

## What it does
A portfolio rule: it compares every brief of the portfolio (the files of the run plus the
config's `portfolio:` globs). It reports (info) a creator (same handle, same platform when both
briefs name one) with more than `max_deliverables_per_week` = 5 deliverables due within any 7
days across the portfolio, counting a deliverable's `count` (3 videos due on one day are 3).

One finding in each brief of the run that has a deliverable in the busiest such week, pointing
at the creator and naming the week, the number of deliverables and the briefs they come from,
with the other deliverables of that week as related locations.

## Why it matters
The brand should control the topic and the quality of what is published ("TikTok Influencer
Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake 4). A creator who owes six or more
sponsored posts in one week, often to several agencies' briefs at once, rushes them, and a feed
crowded with ads loses the audience that made the creator worth booking. Each brief alone books
only a few posts.

## Example
```yaml
# briefs/lumina.yaml
deliverables: [{influencer: "@ayse.glow", format: video, count: 4, due: 2027-03-20}]
# briefs/kahve.yaml
deliverables: [{influencer: "@ayse.glow", format: video, count: 3, due: 2027-03-22}]
```

## How to fix
Spread the due dates so the creator has at most `max_deliverables_per_week` posts due in any
week, or book another creator for some of them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from campaignlint.api import (
    Booking,
    Delivery,
    Option,
    Plain,
    Portfolio,
    PortfolioBrief,
    PortfolioProblem,
    Related,
    _,
    same_platform,
    shown_path,
)

ID = "creator-overload"
SEVERITY = "info"
AREA = "timing"
SCOPE = "portfolio"
SOURCE = (
    '"TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake 4 (poor'
    " content: the brand should check the quality of what is published)."
)
OPTIONS = {
    "max_deliverables_per_week": Option.integer(
        5, "Most deliverables one creator may have due within any 7 days.", minimum=1
    ),
}

WEEK = dt.timedelta(days=6)  # a window of 7 days, first and last day included
MAX_NAMED, MAX_RELATED = 5, 20  # a creator booked by hundreds of briefs: a readable finding
Item = tuple[Delivery, PortfolioBrief, Booking]


def check(portfolio: Portfolio, options: Mapping[str, Any]) -> Iterator[PortfolioProblem]:
    most = options["max_deliverables_per_week"]
    for entries in portfolio.bookings_by_creator().values():
        for group in _same_creator(entries):
            yield from _overloads(group, most, portfolio.checked)


def _same_creator(entries: list[tuple[PortfolioBrief, Booking]]) -> list[list[Item]]:
    """The deliveries of one handle, split by platform where the briefs name different ones."""
    groups: list[list[Item]] = []
    anchors: list[Booking] = []
    for brief, booking in entries:
        for index, anchor in enumerate(anchors):
            if same_platform(anchor, booking):
                groups[index].extend((d, brief, booking) for d in booking.deliveries)
                break
        else:
            anchors.append(booking)
            groups.append([(d, brief, booking) for d in booking.deliveries])
    return groups


def _overloads(
    items: list[Item], most: int, checked: AbstractSet[str]
) -> Iterator[PortfolioProblem]:
    """Per brief of the run, the busiest 7 days that hold one of its deliveries, when that week
    has more than ``most``: a delivery due on day d lies in the weeks starting d-6 .. d, each
    counted from prefix sums over the sorted dates (no comparison of every pair)."""
    if sum(item[0].count for item in items) <= most:
        return
    items.sort(key=lambda item: item[0].due)
    dues = [item[0].due for item in items]
    sums = [0, *itertools.accumulate(item[0].count for item in items)]

    def week(start: dt.date) -> tuple[int, int, int]:
        first, last = bisect.bisect_left(dues, start), bisect.bisect_right(dues, start + WEEK)
        return sums[last] - sums[first], first, last

    busiest: dict[str, tuple[int, int, int]] = {}  # per brief path: total, first, last item
    for item in items:
        path = item[1].path
        if path not in checked:
            continue
        for offset in range(7):
            found = week(item[0].due - dt.timedelta(days=offset))
            if found[0] > busiest.get(path, (most, 0, 0))[0]:
                busiest[path] = found
    for path, (total, first, last) in sorted(busiest.items()):
        yield _problem(path, total, items[first:last], most)


def _problem(path: str, total: int, week: list[Item], most: int) -> PortfolioProblem:
    own = next(item for item in week if item[1].path == path)
    brief, booking = own[1], own[2]
    files = sorted({shown_path(item[1].path) for item in week})
    if len(files) > MAX_NAMED:
        files = [*files[:MAX_NAMED], f"+{len(files) - MAX_NAMED}"]
    others = (item for item in week if item[0] is not own[0])
    related = [
        Related(
            item[0].pointer,
            item[0].position[0],
            item[0].position[1],
            None if item[1].path == path else item[1].path,
        )
        for item in itertools.islice(others, MAX_RELATED)
    ]
    return brief.problem(
        booking.pointer,
        _(
            "{handle} has {total} deliverables due between {first} and {last} across {files}"
            " (more than {most} in 7 days)",
            handle=Plain(booking.handle),
            total=total,
            first=Plain(week[0][0].due.isoformat()),
            last=Plain(week[-1][0].due.isoformat()),
            files=Plain(", ".join(files)),
            most=most,
        ),
        _(
            "Spread the due dates so {handle} has at most {most} posts due in any week, or book"
            " another creator for some of them.",
            handle=Plain(booking.handle),
            most=most,
        ),
        related=related,
    )
