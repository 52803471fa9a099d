""" "Today" has one home, campaignlint.clock.today(): every rule, suppression and report reads
it, so CAMPAIGNLINT_TODAY (or today=) moves all of them together."""

import datetime as dt
import re

import pytest

from campaignlint.brief import Brief
from campaignlint.config import Config
from campaignlint.engine import lint_text
from campaignlint.loader import load_text
from campaignlint.portfolio import Portfolio
from tests.helpers import REPO

FIXED = "2031-05-04"


def test_every_reader_of_today_follows_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMPAIGNLINT_TODAY", FIXED)
    fixed = dt.date.fromisoformat(FIXED)
    assert Brief(load_text("campaign: {}\n")).today == fixed
    assert Portfolio([], frozenset()).today == fixed


def test_a_suppression_expires_by_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "campaign:\n  name: TODO  # campaignlint: disable=placeholder-text until=2031-05-03"
        " -- renamed soon\n"
    )
    config = Config(select=("placeholder-text",))
    monkeypatch.setenv("CAMPAIGNLINT_TODAY", "2031-05-03")
    assert [f.rule for f in lint_text(text, config=config) if not f.suppressed_by] == []
    monkeypatch.setenv("CAMPAIGNLINT_TODAY", FIXED)
    assert "placeholder-text" in [f.rule for f in lint_text(text, config=config)]


def test_no_module_but_the_clock_asks_the_system_for_the_date() -> None:
    asks = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.today)\b")
    callers = [
        path.relative_to(REPO).as_posix()
        for folder in ("campaignlint", "rules")
        for path in sorted((REPO / folder).rglob("*.py"))
        if asks.search(path.read_text(encoding="utf-8"))
    ]
    assert callers == ["campaignlint/clock.py"]
