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


def test_suggestions_and_primary_zones() -> None:
    assert suggest_zone("europe/istanbul") == "Europe/Istanbul"
    assert suggest_zone("Istanbul") == "Europe/Istanbul"
    assert suggest_zone("new york") == "America/New_York"
    assert suggest_zone("Mars/Olympus") is None
    assert primary_zone("US") == "America/New_York"
    assert primary_zone("de") == "Europe/Berlin"
    assert primary_zone("XX") is None
    assert market_code(" uk ") == "GB"


def test_reads_the_system_database_without_the_tzdata_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not (timezones.SYSTEM_ZONEINFO / "zone1970.tab").is_file():
        pytest.skip("no system zone files")
    monkeypatch.setitem(sys.modules, "tzdata", None)
    assert "Europe/Istanbul" in timezones._read_tz_file("zone1970.tab")
    monkeypatch.setattr(timezones, "SYSTEM_ZONEINFO", Path("/nonexistent"))
    assert timezones._read_tz_file("zone1970.tab") == ""
