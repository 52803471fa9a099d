"""IANA time zones: validation, and which zones belong to which market (country).

``zoneinfo`` validates a zone name but knows no countries. The tz database ships the map in
``zone1970.tab`` and ``zone.tab`` (country codes per zone) and its links (``Asia/Istanbul`` →
``Europe/Istanbul``) in ``tzdata.zi``. They are read from the ``tzdata`` package when it is
installed, else from the operating system's ``/usr/share/zoneinfo``; each file is read once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
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
    text = _read_tz_file("tzdata.zi")
    if _plain_lines(text):
        # found in C (splitting each of ~4,000 lines in Python was ~11M instructions a run)
        found = _LINK_LINE.findall(f"\n{text}\n")
        return {name: target for target, name in found}
    links: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    return links


# A link line, "L <target> <name>" (blanks between), in a text of plain lines (_plain_lines).
_LINK_LINE = re.compile(r"\nL[^\S\n]+(\S+)[^\S\n]+(\S+)[^\S\n]*(?=\n)")


def _plain_lines(text: str) -> bool:
    """True when ``text`` breaks lines only with ``\\n``, none starting with a blank: its lines
    are then what ``str.splitlines`` makes of it, and a line splits into L, target and name
    exactly when _LINK_LINE matches it."""
    breaks = ("\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
    if not text.isascii():
        return False
    return not text[:1].isspace() and not any(other in text for other in (*breaks, "\n ", "\n\t"))


def canonical_zone(name: str) -> str:
    """The zone a link points to, or ``name`` itself."""
    links = zone_links()
    seen = {name}
    while name in links and links[name] not in seen:
        name = links[name]
        seen.add(name)
    return name


# A data line of zone.tab / zone1970.tab: codes, coordinates, zone[, comment]. Not a comment,
# not blank. Searched for in "\n" + the file: the line break it starts with lets the engine
# skip to each line in C, where "^" with re.MULTILINE is tried at every character.
_ZONE_LINE = re.compile(r"\n(?!#)(?=[^\n]*\S)([^\t\n]*)\t[^\t\n]*\t([^\t\n]*)")


@lru_cache(maxsize=1)
def _zone_lines() -> tuple[tuple[str, str], ...]:
    """``(codes, zone)`` of each data line of zone1970.tab, then of zone.tab."""
    files = ("zone1970.tab", "zone.tab")
    return tuple(line for name in files for line in _ZONE_LINE.findall("\n" + _read_tz_file(name)))


@lru_cache(maxsize=1)
def _listed_zones() -> frozenset[str]:
    """Every zone zone1970.tab or zone.tab lists for a country."""
    return frozenset(zone.strip() for _codes, zone in _zone_lines())


def zones_for_market(market: str) -> frozenset[str]:
    """The zones of a market; empty when the code is unknown."""
    return _zones_of_code(market_code(market))


@lru_cache(maxsize=256)
def _zones_of_code(code: str) -> frozenset[str]:
    """The zones zone1970.tab and zone.tab list for the country ``code``, without filing every
    market's zones (~4M instructions a one-brief run): only the lines naming ``code`` count."""
    return frozenset(
        zone.strip()
        for codes, zone in _zone_lines()
        if code in codes.upper() and code in {part.strip().upper() for part in codes.split(",")}
    )


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

    if not _zone_file_exists(name, zoneinfo.TZPATH):
        return False  # what ZoneInfo would find, without its importlib.resources (~5 ms)
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _zone_file_exists(name: str, roots: Iterable[str]) -> bool:
    """Whether anything is at ``name`` under the zone path or the ``tzdata`` package's zones:
    where ``zoneinfo.ZoneInfo`` looks. Nothing there: it cannot load."""
    folders = list(roots)
    try:
        import tzdata

        folders.append(os.path.join(os.path.dirname(tzdata.__file__), "zoneinfo"))
    except ImportError:
        pass
    return any(os.path.exists(os.path.join(folder, name)) for folder in folders)


# Every ASCII character but letters and digits, deleted by str.translate.
_ASCII_NOT_ALNUM = {code: None for code in range(128) if not chr(code).isalnum()}


def _zone_key(text: str) -> str:
    if text.isascii():  # every zone name: the same key, in C
        return text.lower().translate(_ASCII_NOT_ALNUM)
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _zone_folders() -> Iterator[tuple[str, str, list[str]]]:
    """Each folder of the zone files under ``zoneinfo.TZPATH`` (but ``right/`` and ``posix/``,
    as ``available_timezones()``): its path, its path inside the root (``.`` for the root)
    with ``/`` separators, and its files."""
    import zoneinfo

    for root in zoneinfo.TZPATH:
        for folder, subfolders, files in os.walk(root):
            if folder == root:
                subfolders[:] = [name for name in subfolders if name not in ("right", "posix")]
            yield folder, os.path.relpath(folder, start=root).replace(os.sep, "/"), files


def _packaged_zones() -> list[str]:
    """The zones the ``tzdata`` package lists in its ``zones`` file; none without it."""
    try:
        import tzdata

        text = (Path(tzdata.__file__).parent / "zones").read_text(encoding="utf-8")
    except (ImportError, OSError, ValueError, TypeError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def _is_zone_file(path: str | None) -> bool:
    """True for a zone the package lists, or a file that starts as a compiled zone does."""
    if path is None:
        return True
    try:
        with open(path, "rb") as stream:
            return stream.read(4) == b"TZif"
    except OSError:
        return False


def suggest_zone(name: str) -> str | None:
    """A valid zone ``name`` probably means: same letters ignoring case and separators
    (``europe/istanbul``), or the city alone (``Istanbul``). None when nothing fits."""
    wanted = _zone_key(name)
    if not wanted:
        return None
    for found in _zones_with_key(wanted):
        zones = {zone for zone, path in found if _is_zone_file(path)}
        canonical = sorted({canonical_zone(zone) for zone in zones})
        if canonical:
            return canonical[0]
    return None


_ZoneEntries = list[tuple[str, str | None]]


@lru_cache(maxsize=64)
def _zones_with_key(wanted: str) -> tuple[_ZoneEntries, _ZoneEntries]:
    """The names ``zoneinfo.available_timezones()`` may return whose whole-name key, and whose
    city key, is ``wanted``, each with the file that makes it a zone (None: the ``tzdata``
    package lists it). The same sources as ``available_timezones()`` (the package's ``zones``
    list, then the files under ``zoneinfo.TZPATH`` but ``right/`` and ``posix/``), without
    opening each file or building the index of every zone: a brief with one misspelt zone (a
    pre-commit run) keys the names in bulk and files only those that fit. :func:`suggest_zone`
    reads the header of a file only when its name fits."""
    by_name: _ZoneEntries = []
    by_city: _ZoneEntries = []

    def add(zone: str, path: str | None) -> None:
        if zone != "posixrules":  # a special link, never a zone
            if _zone_key(zone) == wanted:
                by_name.append((zone, path))
            if _zone_key(zone.rsplit("/", 1)[-1]) == wanted:
                by_city.append((zone, path))

    listed = set(_packaged_zones())
    names = sorted(listed)
    for zone, key in zip(names, _keys_of(names), strict=True):
        if key.endswith(wanted):  # a zone's key ends with its city's
            add(zone, None)
    for folder, inside, files in _zone_folders():
        # a zone's key is its folder's key and its file's: only a fitting file is named
        prefix = "" if inside == "." else _zone_key(inside)
        for file_name, key in zip(files, _keys_of(files), strict=True):
            if key != wanted and prefix + key != wanted:
                continue
            zone = file_name if inside == "." else f"{inside}/{file_name}"
            if zone not in listed:
                add(zone, os.path.join(folder, file_name))
    return by_name, by_city


# What _ASCII_NOT_ALNUM deletes, but the line breaks that separate names keyed together.
_ASCII_NOT_ALNUM_KEEP_LINES = {**_ASCII_NOT_ALNUM, ord("\n"): ord("\n")}


def _keys_of(names: list[str]) -> list[str]:
    """``[_zone_key(name) for name in names]``, in one pass when every name is ASCII."""
    joined = "\n".join(names)
    if not joined.isascii() or len(names) != joined.count("\n") + 1:
        return [_zone_key(name) for name in names]
    return joined.lower().translate(_ASCII_NOT_ALNUM_KEEP_LINES).split("\n")
