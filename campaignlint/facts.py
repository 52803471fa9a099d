"""The numbers a review report shows about a brief, computed once with :mod:`campaignlint.domain`.

Renderers only format: the per-influencer table (followers, tier, engagement rate computed and
stated, audience overlap with the target, fee and its share of the budget), the budget split and
the posting schedule come from here. Every value is read through the :class:`Brief` accessors,
so a brief of the wrong shape gives empty cells, never a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from campaignlint.brief import Brief
from campaignlint.domain import (
    age_overlap,
    effective_tier,
    engagement_rate,
    influencer_label,
    is_number,
    keyword,
    parse_date,
)
from campaignlint.loader import LoadedDocument


@dataclass(frozen=True)
class InfluencerFacts:
    handle: str
    followers: float | None
    tier: str | None
    engagement_computed: float | None  # percent, from the averages
    engagement_stated: float | None  # percent, as the brief states it
    age_overlap: float | None  # percent of the creator's audience inside the target ages
    fee: float | None
    fee_currency: str | None
    fee_share: float | None  # percent of the campaign budget (same currency only)
    model: str | None


@dataclass(frozen=True)
class PostingWindow:
    days: tuple[str, ...]
    start: str | None
    end: str | None
    timezone: str | None


@dataclass(frozen=True)
class ScheduleRow:
    influencer: str
    format: str | None
    count: float | None
    due: dt.date | None
    windows: tuple[PostingWindow, ...]


@dataclass(frozen=True)
class BudgetSlice:
    label: str
    amount: float
    share: float  # percent of the budget


@dataclass(frozen=True)
class BriefFacts:
    name: str | None = None
    brand: str | None = None
    objective: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    budget: float | None = None
    currency: str | None = None
    markets: tuple[str, ...] = ()
    target_age: tuple[int, int] | None = None
    influencers: tuple[InfluencerFacts, ...] = ()
    schedule: tuple[ScheduleRow, ...] = ()
    fees_total: float | None = None  # fees in the budget's currency
    budget_split: tuple[BudgetSlice, ...] = field(default=())
    unallocated: float | None = None  # budget minus fees; negative when over budget

    @property
    def has_table(self) -> bool:
        return bool(self.influencers)


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if is_number(value):
        return str(value)
    return None


def _target_age(brief: Brief) -> tuple[int, int] | None:
    low, high = brief.number("/target_audience/age/min"), brief.number("/target_audience/age/max")
    if low is None or high is None or high < low:
        return None
    return int(low), int(high)


def _money(brief: Brief, pointer: str) -> tuple[float | None, str | None]:
    amount = brief.number(f"{pointer}/amount")
    currency = brief.text(f"{pointer}/currency")
    return amount, currency.strip().upper() if currency and currency.strip() else None


def _influencer(
    brief: Brief, pointer: str, index: int, target: tuple[int, int] | None, budget: Any
) -> InfluencerFacts:
    budget_amount, budget_currency = budget
    followers = brief.number(f"{pointer}/followers")
    rate = engagement_rate(
        followers,
        brief.number(f"{pointer}/avg_likes"),
        brief.number(f"{pointer}/avg_comments"),
        brief.number(f"{pointer}/avg_shares"),
    )
    ages = brief.mapping(f"{pointer}/audience/age")
    overlap = age_overlap(ages, *target) if ages is not None and target is not None else None
    fee, fee_currency = _money(brief, f"{pointer}/compensation/fee")
    share = None
    if fee is not None and budget_amount and budget_amount > 0 and fee_currency == budget_currency:
        share = fee / budget_amount * 100
    return InfluencerFacts(
        handle=influencer_label(brief.get(pointer), index),
        followers=followers,
        tier=effective_tier(brief.get(f"{pointer}/tier"), followers),
        engagement_computed=rate,
        engagement_stated=brief.number(f"{pointer}/engagement_rate"),
        age_overlap=overlap,
        fee=fee,
        fee_currency=fee_currency,
        fee_share=share,
        model=keyword(brief.get(f"{pointer}/compensation/model")),
    )


def _window(value: Mapping[str, Any]) -> PostingWindow:
    days = value.get("days")
    day_list = days if isinstance(days, list) else [days]
    return PostingWindow(
        days=tuple(text for text in (_text(day) for day in day_list) if text),
        start=_text(value.get("from")),
        end=_text(value.get("to")),
        timezone=_text(value.get("timezone")),
    )


def _schedule(brief: Brief) -> tuple[ScheduleRow, ...]:
    rows = []
    for pointer, deliverable in brief.mappings("/deliverables"):
        windows = tuple(
            _window(window) for _p, window in brief.mappings(f"{pointer}/posting_windows")
        )
        rows.append(
            ScheduleRow(
                influencer=_text(deliverable.get("influencer")) or "",
                format=_text(deliverable.get("format")),
                count=brief.number(f"{pointer}/count"),
                due=parse_date(deliverable.get("due")),
                windows=windows,
            )
        )
    rows.sort(key=lambda row: (row.due is None, row.due or dt.date.min))
    return tuple(rows)


def _split(
    influencers: tuple[InfluencerFacts, ...], budget: float | None, currency: str | None
) -> tuple[float | None, tuple[BudgetSlice, ...], float | None]:
    if budget is None or budget <= 0 or currency is None:
        return None, (), None
    paid = [i for i in influencers if i.fee is not None and i.fee_currency == currency]
    total = sum(i.fee for i in paid if i.fee is not None)
    slices = tuple(
        BudgetSlice(i.handle, i.fee, i.fee / budget * 100) for i in paid if i.fee is not None
    )
    return total, slices, budget - total


def brief_facts(data: Any) -> BriefFacts:
    """The report's numbers for a brief's parsed ``data`` (any shape)."""
    brief = Brief(LoadedDocument(data=data, text=""), path="<report>")
    target = _target_age(brief)
    budget = _money(brief, "/campaign/budget")
    influencers = tuple(
        _influencer(brief, pointer, index, target, budget)
        for index, (pointer, _item) in enumerate(brief.items("/influencers"))
        if isinstance(_item, dict)
    )
    total, slices, unallocated = _split(influencers, *budget)
    return BriefFacts(
        name=brief.text("/campaign/name"),
        brand=brief.text("/campaign/brand"),
        objective=brief.text("/campaign/objective"),
        start=brief.date("/campaign/start"),
        end=brief.date("/campaign/end"),
        budget=budget[0],
        currency=budget[1],
        markets=tuple(brief.markets() or ()),
        target_age=target,
        influencers=influencers,
        schedule=_schedule(brief),
        fees_total=total,
        budget_split=slices,
        unallocated=unallocated,
    )


def facts_for(briefs: Mapping[str, Any]) -> dict[str, BriefFacts]:
    """Facts for each path's parsed data; paths without data are left out."""
    return {path: brief_facts(data) for path, data in briefs.items() if data is not None}
