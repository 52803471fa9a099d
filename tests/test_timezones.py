import os
import sys
from pathlib import Path

import pytest

from campaignlint import timezones
from campaignlint.timezones import (
    canonical_zone,
    is_valid_zone,
    market_code,
    primary_zone,
    suggest_zone,
    zone_in_markets,
    zones_for_market,
)

# What the one-key lookups are held to: the maps built whole, as they were before they were
# looked up one key at a time.
ZoneIndex = dict[str, list[tuple[str, str | None]]]


def every_market_zones() -> dict[str, frozenset[str]]:
    """Each country code to the zones listed for it in zone1970.tab and zone.tab."""
    zones: dict[str, set[str]] = {}
    for codes, zone in timezones._zone_lines():
        for code in codes.split(","):
            zones.setdefault(code.strip().upper(), set()).add(zone.strip())
    return {code: frozenset(found) for code, found in zones.items()}


def zones_by_key() -> tuple[ZoneIndex, ZoneIndex]:
    """Every name ``zoneinfo.available_timezones()`` may return (the package's list, then the
    files under ``zoneinfo.TZPATH``), by its whole-name key and by its city key, each with the
    file that makes it a zone (None: the ``tzdata`` package lists it)."""
    by_name: ZoneIndex = {}
    by_city: ZoneIndex = {}

    def add(zone: str, path: str | None) -> None:
        if zone != "posixrules":  # a special link, never a zone
            by_name.setdefault(timezones._zone_key(zone), []).append((zone, path))
            city = timezones._zone_key(zone.rsplit("/", 1)[-1])
            by_city.setdefault(city, []).append((zone, path))

    listed = set(timezones._packaged_zones())
    for zone in listed:
        add(zone, None)
    for folder, inside, files in timezones._zone_folders():
        for file_name in files:
            zone = file_name if inside == "." else f"{inside}/{file_name}"
            if zone not in listed:
                add(zone, os.path.join(folder, file_name))
    return by_name, by_city


def test_market_zones_come_from_the_tz_database() -> None:
    assert zones_for_market("TR") == frozenset({"Europe/Istanbul"})
    assert zones_for_market("tr") == frozenset({"Europe/Istanbul"})
    assert "America/Los_Angeles" in zones_for_market("US")
    assert "America/Chicago" in zones_for_market("US")
    assert zones_for_market("UK") == zones_for_market("GB") == frozenset({"Europe/London"})
    assert zones_for_market("XX") == frozenset()


def test_links_resolve_to_their_zone() -> None:
    assert canonical_zone("Asia/Istanbul") == "Europe/Istanbul"
    assert canonical_zone("Turkey") == "Europe/Istanbul"
    assert canonical_zone("Europe/Istanbul") == "Europe/Istanbul"
    assert zone_in_markets("Asia/Istanbul", ["TR"]) is True


def test_zone_in_markets() -> None:
    assert zone_in_markets("Europe/Istanbul", ["DE", "TR"]) is True
    assert zone_in_markets("America/New_York", ["TR"]) is False
    assert zone_in_markets("Europe/Berlin", ["XX"]) is None  # no known market: cannot tell
    assert zone_in_markets("Europe/Berlin", []) is None


def test_valid_zones() -> None:
    assert is_valid_zone("Europe/Istanbul")
    assert is_valid_zone("UTC")
    for bad in ("europe/istanbul", "Istanbul", "GMT+3 ", "Europe", "../etc/passwd", "", "Mars/X"):
        assert not is_valid_zone(bad), bad


def test_valid_zones_are_what_zoneinfo_loads() -> None:
    """is_valid_zone answers a name with no file without asking zoneinfo: the same answer."""
    import zoneinfo

    def loads(name: str) -> bool:
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            return False
        return True

    names = ["Europe/Londn", "Europe", "UTC", "Etc/GMT+3", "Asia/Istanbul", "EST", "zone.tab"]
    names += ["/etc/passwd", "../zoneinfo/UTC", "Europe//London", "Europe/Lon\x00don", "Mars"]
    for name in names:
        assert is_valid_zone(name) == loads(name), name


def test_suggestions_and_primary_zones() -> None:
    assert suggest_zone("europe/istanbul") == "Europe/Istanbul"
    assert suggest_zone("Istanbul") == "Europe/Istanbul"
    assert suggest_zone("new york") == "America/New_York"
    assert suggest_zone("Mars/Olympus") is None
    assert primary_zone("US") == "America/New_York"
    assert primary_zone("de") == "Europe/Berlin"
    assert primary_zone("XX") is None
    assert market_code(" uk ") == "GB"


def test_suggestions_see_exactly_the_zones_zoneinfo_lists() -> None:
    """The suggestion index reads zone files only when a name fits; filtered by that check it
    holds exactly ``zoneinfo.available_timezones()``, under both keys."""
    import zoneinfo

    available = zoneinfo.available_timezones()
    for index in zones_by_key():
        indexed = {
            zone
            for entries in index.values()
            for zone, path in entries
            if timezones._is_zone_file(path)
        }
        assert indexed == available


def test_a_markets_zones_are_read_for_it_alone_as_the_whole_map_files_them() -> None:
    """zones_for_market reads only the lines of its market's code; it gives what the map of
    every market gives, and the listed zones are every zone of that map."""
    every = every_market_zones()
    assert timezones._listed_zones() == frozenset().union(*every.values())
    for code in [*every, "XX", ""]:
        assert timezones._zones_of_code(code) == every.get(code, frozenset()), code


def test_one_suggestion_finds_what_the_whole_index_files_under_its_key() -> None:
    """suggest_zone looks up one key without building the index of every zone: it finds the
    same zones, by whole name and by city, for keys of the index (one in ten) and of none."""
    by_name, by_city = zones_by_key()
    keys = [*sorted(by_name)[::10], *sorted(by_city)[::10], "europelondn", "marsolympus", "a"]
    for key in keys:
        found_by_name, found_by_city = timezones._zones_with_key(key)
        assert sorted(found_by_name) == sorted(by_name.get(key, [])), key
        assert sorted(found_by_city) == sorted(by_city.get(key, [])), key


def test_suggestions_read_no_zone_file_that_does_not_fit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A file under the zone path counts only when it starts as a compiled zone does, and it is
    opened only when its name fits the zone asked for."""
    import zoneinfo

    (tmp_path / "Mars").mkdir()
    (tmp_path / "Mars" / "Olympus").write_bytes(b"TZif2 and the rest")
    (tmp_path / "Mars" / "Notes").write_bytes(b"not a zone")
    (tmp_path / "posix" / "Mars").mkdir(parents=True)
    (tmp_path / "posix" / "Mars" / "Tharsis").write_bytes(b"TZif2")
    monkeypatch.setattr(zoneinfo, "TZPATH", (str(tmp_path),))
    timezones._zones_with_key.cache_clear()
    opened: list[str] = []
    checked = timezones._is_zone_file
    monkeypatch.setattr(
        timezones, "_is_zone_file", lambda path: opened.append(str(path)) or checked(path)
    )
    try:
        assert suggest_zone("mars/olympus") == "Mars/Olympus"
        assert suggest_zone("Notes") is None
        assert suggest_zone("Tharsis") is None  # posix/ is not a zone folder
        assert {Path(path).name for path in opened if path != "None"} == {"Olympus", "Notes"}
    finally:
        timezones._zones_with_key.cache_clear()


def test_reads_the_system_database_without_the_tzdata_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not (timezones.SYSTEM_ZONEINFO / "zone1970.tab").is_file():
        pytest.skip("no system zone files")
    monkeypatch.setitem(sys.modules, "tzdata", None)
    assert "Europe/Istanbul" in timezones._read_tz_file("zone1970.tab")
    monkeypatch.setattr(timezones, "SYSTEM_ZONEINFO", Path("/nonexistent"))
    assert timezones._read_tz_file("zone1970.tab") == ""
