"""A posting window misses the hours the audience is active, or its time zone is wrong.

## What it does
Checks each `deliverables[].posting_windows[]` entry (`from`, `to`, `timezone`):

- a window with **no overlap** with the audience's active hours (default 07:00-09:00,
  12:00-14:00 and 18:00-23:00 local time, every day) is a warning. Windows may cross midnight
  (`22:00`-`01:00`), and `24:00` means the end of the day;
- a window **without a time zone** is a warning; a `timezone` that is **not an IANA zone**
  (`Europe/Istanbul`, `America/New_York`) is an error;
- a time zone **outside every campaign market** (`campaign.markets`, mapped to zones with the
  IANA time-zone database) is a warning: `America/New_York` for a campaign in `TR`; not checked
  while a market is one the schema rejects (`Türkiye` for `TR`);
- a deliverable with **no posting windows** at all is worth a look (info).

Times are `"HH:MM"`, quoted or not; `days` takes `mon`..`sun`, `daily`, `weekdays` and
`weekends` (active hours apply every day). Windows whose times cannot be read are skipped. The
same finding in several places is one finding ("3 deliverables have no posting windows: @a, @b,
@c"), at the first place, with the others as related locations.

## Why it matters
Bad timing is one of the classic mistakes of influencer campaigns (mistake 8 in the article "TikTok
Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?"): a video published when the target
audience sleeps or works starts with little reach, and TikTok's ranking rewards early engagement.
"19:00" means nothing without a time zone: a creator in Berlin and a brand in İstanbul read it an
hour apart, and a zone from another country puts the post in the middle of the night for the market
that pays for it.

## Example
```yaml
campaign:
  markets: [TR]
deliverables:
  - influencer: "@ayse.glow"
    posting_windows:
      - {days: [mon], from: "02:00", to: "05:00", timezone: Europe/Istanbul}  # nobody watches
      - {days: [fri], from: "19:00", to: "22:00", timezone: Istanbul}         # not an IANA zone
      - {days: [sat], from: "19:00", to: "22:00", timezone: America/New_York} # not in TR
      - {days: [sun], from: "19:00", to: "22:00"}                             # no zone
```

## How to fix
Move each window into the audience's active hours (the fix hint lists them), write the zone as
`Area/City` from the IANA database (`Europe/Istanbul`, not `Istanbul`, `GMT+3` or `TRT`), and use
a zone of the market the post is for. Give every deliverable at least one posting window. If
your audience's insights show other peak hours, set the `active_hours` option.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from campaignlint.api import (
    Brief,
    Message,
    Option,
    Plain,
    Problem,
    _,
    is_valid_zone,
    parse_time,
    pointer_label,
    primary_zone,
    suggest_zone,
    zone_in_markets,
)

ID = "posting-window"
SEVERITY = "warning"
AREA = "timing"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    " 8 (bad timing: publish when the target audience is active); the IANA time-zone database"
    " for zones and their countries."
)
OPTIONS = {
    "active_hours": Option.strings(
        ["07:00-09:00", "12:00-14:00", "18:00-23:00"],
        'Audience active hours, local time of the window\'s zone, as "HH:MM-HH:MM"'
        " (may cross midnight; 24:00 is the end of the day).",
    ),
}
CHECKS = {
    "off-hours": "A posting window misses the audience's active hours.",
    "timezone": "A posting window has no time zone, or one that is not an IANA zone.",
    "foreign-zone": "A posting window's time zone is outside every campaign market.",
    "no-windows": "A deliverable has no posting windows.",
}

DAY_MINUTES = 24 * 60


@lru_cache(maxsize=1024)
def _minutes(start: int, end: int) -> frozenset[int]:
    """The minutes of the day in [start, end), wrapping past midnight when end <= start."""
    if end <= start:
        end += DAY_MINUTES
    return frozenset(minute % DAY_MINUTES for minute in range(start, end))


@lru_cache(maxsize=1024)
def _misses(start: int, end: int, active: frozenset[int]) -> bool:
    """Whether the window [start, end) shares no minute with ``active`` (windows recur: the
    answer is kept, not worked out again from their sets of minutes)."""
    return _minutes(start, end).isdisjoint(active)


def _parse_range(text: str) -> tuple[int, int] | None:
    start, separator, end = text.partition("-")
    first, last = parse_time(start), parse_time(end)
    if not separator or first is None or last is None:
        return None
    return first, last


@lru_cache(maxsize=32)
def _active_minutes(ranges: tuple[str, ...]) -> frozenset[int]:
    minutes: set[int] = set()
    for text in ranges:
        parsed = _parse_range(text)
        if parsed is not None:
            minutes |= _minutes(*parsed)
    return frozenset(minutes)


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    hours = [text for text in options["active_hours"] if _parse_range(text) is not None]
    active = _active_minutes(tuple(hours))  # the same options for every brief: computed once
    markets = brief.markets() or []
    # "Outside every market" needs every market: with one the schema rejected, it is unknown.
    zone_markets = [] if brief.hides("/campaign/markets") else markets
    # The same finding at several places is one finding, at the first, the others related:
    # (kind, detail) -> [(pointer, handle)].
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for pointer, deliverable in brief.mappings("/deliverables"):
        who = deliverable.get("influencer")
        handle = who.strip() if isinstance(who, str) and who.strip() else ""
        windows_pointer = f"{pointer}/posting_windows"
        windows = deliverable.get("posting_windows")
        if windows is None or windows == []:
            groups.setdefault(("none", ""), []).append((windows_pointer, handle))
            continue
        for index, window in enumerate(windows if isinstance(windows, list) else ()):
            if not isinstance(window, dict):
                continue  # what brief.mappings(windows_pointer) skips
            window_pointer = f"{windows_pointer}/{index}"
            for key, place in _window_issues(window_pointer, window, active, zone_markets):
                groups.setdefault(key, []).append((place, handle))
    for (kind, detail), places in groups.items():
        yield _REPORTERS[kind](brief, places, detail, hours, markets)


def _window_issues(
    pointer: str, window: dict[str, Any], active: frozenset[int], markets: list[str]
) -> Iterator[tuple[tuple[str, str], str]]:
    """((kind, detail), pointer) of each problem of one window."""
    start, end = parse_time(window.get("from")), parse_time(window.get("to"))
    readable = start is not None and end is not None and active and start != end
    if readable and _misses(start, end, active):
        yield ("hours", f"{window['from']}-{window['to']}"), pointer
    zone = window.get("timezone")
    if zone is None or (isinstance(zone, str) and not zone.strip()):
        yield ("no_zone", ""), f"{pointer}/timezone"
    elif isinstance(zone, str) and not is_valid_zone(zone):
        yield ("bad_zone", zone), f"{pointer}/timezone"
    elif isinstance(zone, str) and zone_in_markets(zone, markets) is False:
        yield ("foreign_zone", zone), f"{pointer}/timezone"


Places = list[tuple[str, str]]


def _grouped(
    brief: Brief, places: Places, message: Message, fix: Message, **options: Any
) -> Problem:
    related = [pointer for pointer, _handle in places[1:]]
    return brief.problem(places[0][0], message, fix, related=related, **options)


def _who(places: Places) -> list[Plain]:
    """How a grouped message names its places: the handles (each once), else the deliverables."""
    names = [
        handle or pointer_label(pointer.split("/posting_windows")[0]) for pointer, handle in places
    ]
    return [Plain(name) for name in dict.fromkeys(names)]


def _no_windows(brief: Brief, places: Places, _detail: str, *_context: Any) -> Problem:
    handle = places[0][1]
    if len(places) > 1:
        message = _(
            "{count} deliverables have no posting windows: {who}",
            count=len(places),
            who=_who(places),
        )
    elif handle:
        message = _("the deliverable of {handle} has no posting windows", handle=handle)
    else:
        message = _("the deliverable has no posting windows")
    fix = _(
        'Add posting_windows with days, "from", "to" and an IANA timezone, inside the'
        " audience's active hours."
    )
    problem = _grouped(
        brief, places, message, fix, severity="info", at_key=True, check="no-windows"
    )
    return problem


def _off_hours(
    brief: Brief, places: Places, window: str, hours: list[str], _markets: list[str]
) -> Problem:
    start, _sep, end = window.partition("-")
    if len(places) > 1:
        message = _(
            "{count} posting windows at {start}-{end} miss the audience's active hours"
            " ({hours}): {who}",
            count=len(places),
            start=start,
            end=end,
            hours=", ".join(hours),
            who=_who(places),
        )
    else:
        message = _(
            "the posting window {start}-{end} misses the audience's active hours ({hours})",
            start=start,
            end=end,
            hours=", ".join(hours),
        )
    fix = _(
        "Move the window into the hours the audience is active: {hours} (local time).",
        hours=", ".join(hours),
    )
    return _grouped(brief, places, message, fix, check="off-hours")


def _no_zone(
    brief: Brief, places: Places, _detail: str, _hours: list[str], markets: list[str]
) -> Problem:
    if len(places) > 1:
        message = _(
            "{count} posting windows have no time zone: {who}",
            count=len(places),
            who=_who(places),
        )
    else:
        message = _("the posting window has no time zone")
    fix = _('Add timezone with an IANA zone such as "{example}".', example=_example(markets))
    return _grouped(brief, places, message, fix, at_key=True, check="timezone")


def _bad_zone(
    brief: Brief, places: Places, zone: str, _hours: list[str], markets: list[str]
) -> Problem:
    suggestion = suggest_zone(zone)
    fix = (
        _('Write the IANA zone "{zone}".', zone=suggestion)
        if suggestion is not None
        else _(
            'Use an IANA zone written as Area/City, such as "{example}".',
            example=_example(markets),
        )
    )
    if len(places) > 1:
        message = _(
            "'{zone}' is not an IANA time zone ({count} posting windows: {who})",
            zone=zone,
            count=len(places),
            who=_who(places),
        )
    else:
        message = _("'{zone}' is not an IANA time zone", zone=zone)
    return _grouped(brief, places, message, fix, severity="error", check="timezone")


def _foreign_zone(
    brief: Brief, places: Places, zone: str, _hours: list[str], markets: list[str]
) -> Problem:
    if len(places) > 1:
        message = _(
            "the time zone {zone} of {count} posting windows is outside every campaign market"
            " ({markets}): {who}",
            zone=zone,
            count=len(places),
            markets=", ".join(markets),
            who=_who(places),
        )
    else:
        message = _(
            "the time zone {zone} is outside every campaign market ({markets})",
            zone=zone,
            markets=", ".join(markets),
        )
    fix = _(
        'Use a zone of the market the post is for, such as "{example}".',
        example=_example(markets),
    )
    return _grouped(brief, places, message, fix, check="foreign-zone")


_REPORTERS: dict[str, Callable[..., Problem]] = {
    "none": _no_windows,
    "hours": _off_hours,
    "no_zone": _no_zone,
    "bad_zone": _bad_zone,
    "foreign_zone": _foreign_zone,
}


def _example(markets: list[str]) -> str:
    for market in markets:
        zone = primary_zone(market)
        if zone is not None:
            return zone
    return "Europe/Istanbul"
