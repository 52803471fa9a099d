"""IANA time zones: validation, and which zones belong to which market (country).

``zoneinfo`` validates a zone name but knows no countries. The tz database ships the map in
``zone1970.tab`` and ``zone.tab`` (country codes per zone) and its links (``Asia/Istanbul`` →
``Europe/Istanbul``) in ``tzdata.zi``. They are read from the ``tzdata`` package when it is
installed, else from the operating system's ``/usr/share/zoneinfo``; each file is read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from campaignlint.codes import market_code

SYSTEM_ZONEINFO = Path("/usr/share/zoneinfo")

# The zone to suggest for markets with several zones: where most of the audience lives.
PRIMARY_ZONES = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty",
    "MX": "America/Mexico_City",
    "RU": "Europe/Moscow",
    "US": "America/New_York",
}


def _read_tz_file(name: str) -> str:
    """The text of a tz database file, from the ``tzdata`` package or the system; "" if none."""
    try:
        import tzdata  # type: ignore[import-untyped]  # its folder: importlib.resources costs ~4 ms

        return (Path(tzdata.__file__).parent / "zoneinfo" / name).read_text(encoding="utf-8")
    except (ImportError, OSError, ValueError, TypeError):
        pass
    try:
        return (SYSTEM_ZONEINFO / name).read_text(encoding="utf-8")
    except OSError:
        return ""


def _data_lines(text: str) -> Iterable[list[str]]:
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def zone_links() -> dict[str, str]:
    """Each link name to its target zone (``Asia/Istanbul`` → ``Europe/Istanbul``)."""
    links: dict[str, str] = {}
    for line in _read_tz_file("tzdata.zi").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    return links


def canonical_zone(name: str) -> str:
    """The zone a link points to, or ``name`` itself."""
    links = zone_links()
    seen = {name}
    while name in links and links[name] not in seen:
        name = links[name]
        seen.add(name)
    return name


# A data line of zone.tab / zone1970.tab: codes, coordinates, zone[, comment]. Not a comment,
# not blank.
_ZONE_LINE = re.compile(r"^(?!#)(?=[^\n]*\S)([^\t\n]*)\t[^\t\n]*\t([^\t\n]*)", re.MULTILINE)


@lru_cache(maxsize=1)
def market_zones() -> dict[str, frozenset[str]]:
    """Each country code to the zones listed for it in zone1970.tab and zone.tab."""
    zones: dict[str, set[str]] = {}
    for file_name in ("zone1970.tab", "zone.tab"):
        # One pass in C over the file (~0.1 ms) instead of splitting each of ~700 lines.
        for codes, zone in _ZONE_LINE.findall(_read_tz_file(file_name)):
            for code in codes.split(","):
                zones.setdefault(code.strip().upper(), set()).add(zone.strip())
    return {code: frozenset(found) for code, found in zones.items()}


@lru_cache(maxsize=1)
def _listed_zones() -> frozenset[str]:
    """Every zone zone1970.tab or zone.tab lists for a country."""
    return frozenset(zone for zones in market_zones().values() for zone in zones)


def zones_for_market(market: str) -> frozenset[str]:
    """The zones of a market; empty when the code is unknown."""
    return market_zones().get(market_code(market), frozenset())


@lru_cache(maxsize=256)  # a market's zone is looked up in zone.tab once, not per finding
def primary_zone(market: str) -> str | None:
    """The zone to suggest for a market: its main zone, or the first the tz database lists."""
    code = market_code(market)
    if code in PRIMARY_ZONES:
        return PRIMARY_ZONES[code]
    for fields in _data_lines(_read_tz_file("zone.tab")):
        if len(fields) >= 3 and fields[0].strip().upper() == code:
            return canonical_zone(fields[2].strip())
    return None


def zone_in_markets(zone: str, markets: Iterable[str]) -> bool | None:
    """Whether ``zone`` is used in one of ``markets``; None when no market is known."""
    known = [zones_for_market(market) for market in markets]
    known = [zones for zones in known if zones]
    if not known:
        return None
    if any(zone in zones for zones in known):
        return True
    # Slow path, reading the links only when needed: Asia/Istanbul is Europe/Istanbul.
    target = canonical_zone(zone)
    return any(target in {canonical_zone(name) for name in zones} for zones in known)


def is_valid_zone(name: str) -> bool:
    """True when ``name`` is an IANA zone ``zoneinfo`` can load."""
    if not name or name != name.strip():
        return False
    if name in _listed_zones():
        return True  # a zone of zone.tab loads: no need to import zoneinfo (~1.5 ms)
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _zone_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@lru_cache(maxsize=1)
def _zones_by_key() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Every zone by its whole-name key and by its city key, built once per process:
    ``available_timezones()`` walks the zone database on disk."""
    import zoneinfo

    by_name: dict[str, list[str]] = {}
    by_city: dict[str, list[str]] = {}
    for zone in sorted(zoneinfo.available_timezones()):
        by_name.setdefault(_zone_key(zone), []).append(zone)
        by_city.setdefault(_zone_key(zone.rsplit("/", 1)[-1]), []).append(zone)
    return by_name, by_city


def suggest_zone(name: str) -> str | None:
    """A valid zone ``name`` probably means: same letters ignoring case and separators
    (``europe/istanbul``), or the city alone (``Istanbul``). None when nothing fits."""
    wanted = _zone_key(name)
    if not wanted:
        return None
    for index in _zones_by_key():
        canonical = sorted({canonical_zone(zone) for zone in index.get(wanted, [])})
        if canonical:
            return canonical[0]
    return None
