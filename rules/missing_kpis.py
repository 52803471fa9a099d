"""The brief defines no measurable, prioritised KPIs that serve the campaign objective.

## What it does
Reads `kpis` (a list of `{metric, target, window, priority}`) and reports:

- no KPIs at all (error; a warning when `campaign.kind` is gifted, affiliate or
  non_commercial, where no fee rides on the result);
- a KPI without a `target` or without a `window` (warning, one per missing field);
- a `metric` that is not a measurable metric (warning): views, reach, impressions, followers,
  follower_growth, likes, comments, shares, saves, engagement_rate, watch_time, completion_rate,
  clicks, ctr, conversions, conversion_rate, sales, revenue, roas, cpa, cpm, cpc, installs,
  promo_code_uses, ugc_posts (option `measurable_metrics`; case, spaces and hyphens do not
  matter, so `Engagement Rate` is `engagement_rate`);
- no KPI that serves `campaign.objective` (warning): awareness → views, reach, impressions,
  follower_growth; engagement → engagement_rate, likes, comments, shares, saves; traffic →
  clicks, ctr; sales → conversions, conversion_rate, sales, revenue, roas, cpa, promo_code_uses;
  app_installs → installs, cpa; ugc → ugc_posts (option `objective_metrics`);
- with two KPIs or more: KPIs without a `priority`, or two KPIs with the same priority (info).

The same gap in several KPIs (no target, no window, no priority, an unmeasurable metric) is one
finding naming them, at the first, with the others as related locations.

## Why it matters
The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?" (mistakes 6 and 7):
KPIs and metrics must be defined before the campaign, or nobody can say afterwards whether it
worked. The article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl
Belirleyebilirsiniz?" adds that KPIs must be measurable, aligned with the goal, prioritised and set
over a time window (weekly, monthly). "Brand love" cannot be counted; a target without a window
cannot be missed; a sales campaign judged on views will be called a success while it sells nothing;
and when reach and conversions pull in different directions, the priority says which one wins.

## Example
```yaml
campaign:
  objective: sales
kpis:
  - {metric: views, target: 600000, priority: 1}            # no window; no sales metric
  - {metric: brand love, target: high, window: campaign, priority: 1}   # same priority
```

## How to fix
Give every KPI a metric from the measurable list, a number as `target` and a `window`
(`weekly`, `monthly`, `campaign`), and number the priorities 1, 2, 3. Make the first KPI one
that serves the objective: conversions or promo-code uses for sales, clicks for traffic, views
or reach for awareness.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from campaignlint.api import (
    Brief,
    Message,
    Option,
    Problem,
    Term,
    _,
    fold,
    is_number,
    load_beside,
    replace,
)

ID = "missing-kpis"
SEVERITY = "warning"
AREA = "measurement"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", '
    "mistakes 6 and 7 (no analysis, no tracking: define KPIs and metrics before the "
    'campaign), and the article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl '
    'Belirleyebilirsiniz?" (KPIs measurable, aligned with the goals, prioritised, over a time'
    " window)."
)

DATA = load_beside(__file__, "missing_kpis.json")
MEASURABLE_METRICS: tuple[str, ...] = tuple(DATA["measurable_metrics"])
OBJECTIVE_METRICS: dict[str, list[str]] = DATA["objective_metrics"]
OPTIONS = {
    "measurable_metrics": Option.strings(
        MEASURABLE_METRICS, "Metrics a KPI may use (case, spaces and hyphens ignored)."
    ),
    "objective_metrics": Option.mapping(
        OBJECTIVE_METRICS,
        "For each campaign objective, the metrics that serve it.",
        {"type": "array", "items": {"type": "string"}},
    ),
}
CHECKS = {
    "no-kpis": "The brief defines no KPIs.",
    "incomplete": "A KPI has no metric, target or time window.",
    "unmeasurable": "A KPI's metric is not one that can be measured.",
    "objective": "No KPI serves the campaign objective.",
    "priority": "KPIs have no priority, or two share one.",
}


def metric_key(metric: str) -> str:
    """``Engagement Rate`` → ``engagement_rate``."""
    if len(metric) > 64:
        return _metric_key(metric)  # a long text is keyed, not kept: memory stays flat
    return _cached_metric_key(metric)


def _metric_key(metric: str) -> str:
    return re.sub(r"[\s\-]+", "_", fold(metric).strip())


_cached_metric_key = lru_cache(maxsize=1024)(_metric_key)


@lru_cache(maxsize=16)
def _measurable(metrics: tuple[str, ...]) -> frozenset[str]:
    """The keys of the ``measurable_metrics`` option (the same for every brief of a run)."""
    return frozenset(metric_key(metric) for metric in metrics)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    value = brief.get("/kpis")
    if value is None or value == []:
        yield brief.missing(
            "/kpis",
            _("the brief defines no KPIs"),
            _(
                "Add kpis before the campaign starts: for each, a measurable metric, a target,"
                " a window and a priority, such as {example}.",
                example="{metric: conversions, target: 1200, window: campaign, priority: 1}",
            ),
            severity="error" if brief.is_paid else "warning",
            check="no-kpis",
        )
        return
    if not isinstance(value, list):
        return  # unreadable: the schema reports it
    kpis = list(brief.mappings("/kpis"))
    measurable = _measurable(tuple(options["measurable_metrics"]))
    yield from _check_fields(brief, kpis, measurable)
    yield from _check_objective(brief, kpis, options["objective_metrics"])
    if len(kpis) >= 2:
        yield from _check_priorities(brief, kpis)


def _label(kpi: dict[str, Any], pointer: str) -> str:
    metric = kpi.get("metric")
    if isinstance(metric, str) and metric.strip():
        return metric.strip()
    return "kpis[" + pointer.rsplit("/", 1)[-1] + "]"


def _check_fields(
    brief: Brief, kpis: list[tuple[str, dict[str, Any]]], measurable: frozenset[str]
) -> Iterator[Problem]:
    """Each missing or unmeasurable field; the same gap in several KPIs is one finding listing
    them, at the first, with the others as related places."""
    no_metric: list[tuple[str, str]] = []
    unmeasurable: list[tuple[str, str]] = []
    no_target: list[tuple[str, str]] = []
    no_window: list[tuple[str, str]] = []
    for pointer, kpi in kpis:
        label = _label(kpi, pointer)
        metric = kpi.get("metric")
        if _missing(metric):
            no_metric.append((f"{pointer}/metric", label))
        elif isinstance(metric, str) and metric_key(metric) not in measurable:
            unmeasurable.append((f"{pointer}/metric", metric))
        if _missing(kpi.get("target")):
            no_target.append((f"{pointer}/target", label))
        if _missing(kpi.get("window")):
            no_window.append((f"{pointer}/window", label))
    if no_metric:
        yield _grouped(
            brief,
            no_metric,
            _("a KPI has no metric"),
            _(
                "{count} KPIs have no metric: {items}",
                count=len(no_metric),
                items=_labels(no_metric),
            ),
            _("Name a measurable metric, such as views, clicks or conversions."),
            check="incomplete",
        )
    if unmeasurable:
        metric = unmeasurable[0][1]
        yield _grouped(
            brief,
            unmeasurable,
            _("the KPI metric '{metric}' cannot be measured", metric=metric),
            _(
                "the KPI metrics {metrics} cannot be measured",
                metrics=", ".join(f"'{name}'" for _pointer, name in unmeasurable),
            ),
            _(
                "Use a metric TikTok or your tracking can count: {metrics}.",
                metrics=[Term(metric, typed=True) for metric in sorted(measurable)],
            ),
            check="unmeasurable",
        )
    yield from _missing_field(brief, no_target, "target")
    yield from _missing_field(brief, no_window, "window")


def _labels(places: list[tuple[str, str]]) -> str:
    return ", ".join(label for _pointer, label in places)


def _missing_field(brief: Brief, places: list[tuple[str, str]], field: str) -> Iterator[Problem]:
    if not places:
        return
    first, count = Term(places[0][1]), len(places)
    labels = [Term(label) for _pointer, label in places]
    if field == "target":
        yield _grouped(
            brief,
            places,
            _("the KPI {metric} has no target", metric=first),
            _("{count} KPIs have no target: {metrics}", count=count, metrics=labels),
            _("Add a target number for {metric}, measured against a baseline.", metric=first)
            if count == 1
            else _("Add a target number for each, measured against a baseline."),
            check="incomplete",
        )
        return
    yield _grouped(
        brief,
        places,
        _("the KPI {metric} has no time window", metric=first),
        _("{count} KPIs have no time window: {metrics}", count=count, metrics=labels),
        _("Add window: weekly, monthly or campaign to {metric}.", metric=first)
        if count == 1
        else _("Add window: weekly, monthly or campaign to each of {metrics}.", metrics=labels),
        check="incomplete",
    )


def _grouped(
    brief: Brief,
    places: list[tuple[str, str]],
    one: Message,
    several: Message,
    fix: Message,
    severity: str | None = None,
    check: str | None = None,
) -> Problem:
    """One finding at the first place (``missing`` positions an absent field at its KPI), the
    other places related."""
    first = places[0][0]
    message = one if len(places) == 1 else several
    located = brief.missing(first, message, fix, severity=severity, check=check)
    if len(places) == 1:
        return located
    related = [pointer for pointer, _label in places[1:]]
    grouped = brief.problem(first, message, fix, severity=severity, related=related, check=check)
    return replace(grouped, position=located.position)


def _check_objective(
    brief: Brief, kpis: list[tuple[str, dict[str, Any]]], objective_metrics: Mapping[str, Any]
) -> Iterator[Problem]:
    objective = brief.text("/campaign/objective")
    if objective is None:
        return
    serving = next(
        (metrics for name, metrics in objective_metrics.items() if fold(name) == fold(objective)),
        None,
    )
    if not isinstance(serving, list):
        return
    wanted = [metric_key(metric) for metric in serving if isinstance(metric, str)]
    used = {metric_key(kpi["metric"]) for _p, kpi in kpis if isinstance(kpi.get("metric"), str)}
    if not wanted or used & set(wanted):
        return
    yield brief.problem(
        "/kpis",
        _(
            "no KPI serves the campaign objective {objective}: it needs one of {metrics}",
            objective=Term(objective),
            metrics=[Term(metric) for metric in wanted],
        ),
        _(
            "Add a KPI on {metric} with a target and a window, and make it priority 1.",
            metric=Term(wanted[0]),
        ),
        at_key=True,
        check="objective",
    )


def _priority_key(value: Any) -> Any:
    if is_number(value):
        return float(value)
    if isinstance(value, str):
        return fold(value.strip())
    return None


def _check_priorities(brief: Brief, kpis: list[tuple[str, dict[str, Any]]]) -> Iterator[Problem]:
    without = [(pointer, kpi) for pointer, kpi in kpis if _missing(kpi.get("priority"))]
    if len(without) == len(kpis):
        yield brief.problem(
            "/kpis",
            _("the {count} KPIs have no priority", count=len(kpis)),
            _("Number the KPIs' priority 1, 2, 3 so everyone knows which result counts most."),
            severity="info",
            at_key=True,
            check="priority",
        )
        return
    if without:
        places = [(f"{pointer}/priority", _label(kpi, pointer)) for pointer, kpi in without]
        first = Term(places[0][1])
        labels = [Term(label) for _pointer, label in places]
        yield _grouped(
            brief,
            places,
            _("the KPI {metric} has no priority", metric=first),
            _("the KPIs {metrics} have no priority", metrics=labels),
            _("Give {metric} a priority number of its own.", metric=first)
            if len(places) == 1
            else _("Give each of {metrics} a priority number of its own.", metrics=labels),
            severity="info",
            check="priority",
        )
    seen: dict[Any, str] = {}
    for pointer, kpi in kpis:
        key = _priority_key(kpi.get("priority"))
        if key is None or key == "":
            continue
        label = _label(kpi, pointer)
        if key in seen:
            yield brief.problem(
                f"{pointer}/priority",
                _(
                    "the KPIs {first} and {second} share priority {priority}",
                    first=Term(seen[key]),
                    second=Term(label),
                    priority=kpi["priority"],
                ),
                _("Give each KPI a different priority: 1 is the result that counts most."),
                severity="info",
                check="priority",
            )
        else:
            seen[key] = label
