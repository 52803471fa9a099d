"""A posting window misses the hours the audience is active, or its time zone is wrong.

## What it does
Checks each `deliverables[].posting_windows[]` entry (`from`, `to`, `timezone`):

- a window with **no overlap** with the audience's active hours (default 07:00-09:00,
  12:00-14:00 and 18:00-23:00 local time, every day) is a warning. Windows may cross midnight
  (`22:00`-`01:00`), and `24:00` means the end of the day;
- a window **without a time zone** is a warning; a `timezone` that is **not an IANA zone**
  (`Europe/Istanbul`, `America/New_York`) is an error;
- a time zone **outside every campaign market** (`campaign.markets`, mapped to zones with the
  IANA time-zone database) is a warning: `America/New_York` for a campaign in `TR`;
- a deliverable with **no posting windows** at all is worth a look (info).

Times are `"HH:MM"`, quoted or not. Windows whose times cannot be read are skipped.

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

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.brief import Brief
from campaignlint.domain import parse_time
from campaignlint.i18n import _
from campaignlint.model import Problem
from campaignlint.rule import Option
from campaignlint.timezones import is_valid_zone, primary_zone, suggest_zone, zone_in_markets

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

DAY_MINUTES = 24 * 60


def _minutes(start: int, end: int) -> frozenset[int]:
    """The minutes of the day in [start, end), wrapping past midnight when end <= start."""
    if end <= start:
        end += DAY_MINUTES
    return frozenset(minute % DAY_MINUTES for minute in range(start, end))


def _parse_range(text: str) -> tuple[int, int] | None:
    start, separator, end = text.partition("-")
    first, last = parse_time(start), parse_time(end)
    if not separator or first is None or last is None:
        return None
    return first, last


def _active_minutes(ranges: list[str]) -> frozenset[int]:
    minutes: set[int] = set()
    for text in ranges:
        parsed = _parse_range(text)
        if parsed is not None:
            minutes |= _minutes(*parsed)
    return frozenset(minutes)


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    hours = [text for text in options["active_hours"] if _parse_range(text) is not None]
    active = _active_minutes(hours)
    markets = [text for _pointer, text in brief.strings("/campaign/markets")]
    for pointer, deliverable in brief.mappings("/deliverables"):
        windows_pointer = f"{pointer}/posting_windows"
        windows = deliverable.get("posting_windows")
        if windows is None or windows == []:
            yield _no_windows(brief, windows_pointer, deliverable)
            continue
        for window_pointer, window in brief.mappings(windows_pointer):
            yield from _check_window(brief, window_pointer, window, active, hours)
            yield from _check_zone(brief, window_pointer, window, markets)


def _no_windows(brief: Brief, pointer: str, deliverable: dict[str, Any]) -> Problem:
    who = deliverable.get("influencer")
    if isinstance(who, str) and who.strip():
        message = _("the deliverable of {handle} has no posting windows", handle=who.strip())
    else:
        message = _("the deliverable has no posting windows")
    return brief.problem(
        pointer,
        message,
        _(
            'Add posting_windows with days, "from", "to" and an IANA timezone, inside the'
            " audience's active hours."
        ),
        severity="info",
        at_key=True,
    )


def _check_window(
    brief: Brief, pointer: str, window: dict[str, Any], active: frozenset[int], hours: list[str]
) -> Iterator[Problem]:
    start, end = parse_time(window.get("from")), parse_time(window.get("to"))
    if start is None or end is None or not active or start == end:
        return
    if _minutes(start, end) & active:
        return
    yield brief.problem(
        pointer,
        _(
            "the posting window {start}-{end} misses the audience's active hours ({hours})",
            start=window["from"],
            end=window["to"],
            hours=", ".join(hours),
        ),
        _(
            "Move the window into the hours the audience is active: {hours} (local time).",
            hours=", ".join(hours),
        ),
    )


def _check_zone(
    brief: Brief, pointer: str, window: dict[str, Any], markets: list[str]
) -> Iterator[Problem]:
    zone = window.get("timezone")
    if zone is None or (isinstance(zone, str) and not zone.strip()):
        yield brief.problem(
            f"{pointer}/timezone",
            _("the posting window has no time zone"),
            _('Add timezone with an IANA zone such as "{example}".', example=_example(markets)),
            at_key=True,
        )
        return
    if not isinstance(zone, str):
        return
    if not is_valid_zone(zone):
        suggestion = suggest_zone(zone)
        fix = (
            _('Write the IANA zone "{zone}".', zone=suggestion)
            if suggestion is not None
            else _(
                'Use an IANA zone written as Area/City, such as "{example}".',
                example=_example(markets),
            )
        )
        yield brief.problem(
            f"{pointer}/timezone",
            _("'{zone}' is not an IANA time zone", zone=zone),
            fix,
            severity="error",
        )
        return
    if zone_in_markets(zone, markets) is False:
        yield brief.problem(
            f"{pointer}/timezone",
            _(
                "the time zone {zone} is outside every campaign market ({markets})",
                zone=zone,
                markets=", ".join(markets),
            ),
            _(
                'Use a zone of the market the post is for, such as "{example}".',
                example=_example(markets),
            ),
        )


def _example(markets: list[str]) -> str:
    for market in markets:
        zone = primary_zone(market)
        if zone is not None:
            return zone
    return "Europe/Istanbul"
