from tests.helpers import run_rule, summary

RULE = "missing-kpis"

HEAD = """\
campaign:
  objective: sales
kpis:
"""


def kpis(*lines: str) -> str:
    return HEAD + "".join(f"  - {line}\n" for line in lines)


CLEAN = kpis(
    "{metric: conversions, target: 1200, window: campaign, priority: 1}",
    "{metric: views, target: 600000, window: weekly, priority: 2}",
    "{metric: Engagement Rate, target: 5, window: weekly, priority: 3}",
)


def test_clean_kpis() -> None:
    assert run_rule(RULE, CLEAN) == []


def test_no_kpis_is_an_error() -> None:
    findings = run_rule(RULE, "campaign:\n  objective: sales\n")
    assert summary(findings) == [(RULE, "error", 1, "/kpis")]
    assert "no KPIs" in findings[0].message
    findings = run_rule(RULE, "campaign:\n  objective: sales\nkpis: []\n")
    assert summary(findings) == [(RULE, "error", 3, "/kpis")]


def test_kpi_without_target_or_window() -> None:
    findings = run_rule(
        RULE,
        kpis(
            "{metric: conversions, window: campaign, priority: 1}",
            "{metric: views, target: 600000, priority: 2}",
            "{metric: likes, target: '', window: null, priority: 3}",
        ),
    )
    # domain.md Contract v2: the same gap in several KPIs is one finding listing them; the
    # empty-text target is rejected by the schema (a number is expected): its finding only.
    assert summary(findings) == [
        (RULE, "warning", 4, "/kpis/0/target"),
        (RULE, "warning", 5, "/kpis/1/window"),
    ]
    assert findings[0].message == "The KPI conversions has no target"
    assert findings[0].related == ()
    assert findings[1].message == "2 KPIs have no time window: views, likes"
    assert [r.pointer for r in findings[1].related] == ["/kpis/2/window"]
    single = run_rule(RULE, kpis("{metric: conversions, target: 600, priority: 1}"))
    assert [f.message for f in single] == ["The KPI conversions has no time window"]
    assert single[0].related == ()


def test_several_unmeasurable_metrics_or_missing_priorities_are_one_finding() -> None:
    findings = run_rule(
        RULE,
        kpis(
            "{metric: conversions, target: 1200, window: campaign, priority: 1}",
            "{metric: brand love, target: 5, window: campaign}",
            "{metric: vibes, target: 3, window: campaign}",
        ),
    )
    assert summary(findings) == [
        (RULE, "info", 5, "/kpis/1/priority"),
        (RULE, "warning", 5, "/kpis/1/metric"),
    ]
    assert findings[1].message == "The KPI metrics 'brand love', 'vibes' cannot be measured"
    assert [r.pointer for r in findings[1].related] == ["/kpis/2/metric"]
    assert findings[0].message == "The KPIs brand love, vibes have no priority"
    assert [r.pointer for r in findings[0].related] == ["/kpis/2/priority"]


def test_unmeasurable_metric() -> None:
    findings = run_rule(
        RULE,
        kpis(
            "{metric: conversions, target: 1200, window: campaign, priority: 1}",
            "{metric: brand love, target: high, window: campaign, priority: 2}",
            "{metric: Follower-Growth, target: 500, window: monthly, priority: 3}",
        ),
    )
    assert summary(findings) == [(RULE, "warning", 5, "/kpis/1/metric")]
    assert "'brand love' cannot be measured" in findings[0].message


def test_measurable_metrics_option() -> None:
    findings = run_rule(RULE, CLEAN, options={"measurable_metrics": ["conversions", "views"]})
    assert summary(findings) == [(RULE, "warning", 6, "/kpis/2/metric")]
    text = CLEAN.replace("Engagement Rate", "brand love")
    options = {"measurable_metrics": ["conversions", "views", "brand_love"]}
    assert run_rule(RULE, text, options=options) == []


def test_no_kpi_serves_the_objective() -> None:
    text = kpis(
        "{metric: views, target: 600000, window: weekly, priority: 1}",
        "{metric: likes, target: 5000, window: weekly, priority: 2}",
    )
    findings = run_rule(RULE, text)
    assert summary(findings) == [(RULE, "warning", 3, "/kpis")]
    assert "objective sales" in findings[0].message and "promo-code uses" in findings[0].message
    assert "conversions" in (findings[0].fix or "")
    # Edge: one serving KPI, at any priority, is enough.
    assert run_rule(RULE, text.replace("metric: likes", "metric: promo_code_uses")) == []
    assert run_rule(RULE, text.replace("objective: sales", "objective: awareness")) == []
    assert run_rule(RULE, text.replace("objective: sales", "objective: Awareness")) == []
    assert run_rule(RULE, text.replace("objective: sales", "objective: unknown")) == []


def test_objective_metrics_option() -> None:
    text = kpis("{metric: views, target: 600000, window: weekly, priority: 1}")
    assert run_rule(RULE, text, options={"objective_metrics": {"sales": ["views"]}}) == []
    findings = run_rule(RULE, CLEAN, options={"objective_metrics": {"sales": ["revenue"]}})
    assert summary(findings) == [(RULE, "warning", 3, "/kpis")]


def test_priorities_missing_or_shared() -> None:
    findings = run_rule(
        RULE,
        kpis(
            "{metric: conversions, target: 1200, window: campaign, priority: 1}",
            "{metric: views, target: 600000, window: weekly}",
            "{metric: likes, target: 9000, window: weekly, priority: 1}",
        ),
    )
    assert summary(findings) == [
        (RULE, "info", 5, "/kpis/1/priority"),
        (RULE, "info", 6, "/kpis/2/priority"),
    ]
    assert "The KPI views has no priority" in findings[0].message
    assert "The KPIs conversions and likes share priority 1" in findings[1].message


def test_no_priorities_at_all_is_one_info_and_a_single_kpi_needs_none() -> None:
    findings = run_rule(
        RULE,
        kpis(
            "{metric: conversions, target: 1200, window: campaign}",
            "{metric: views, target: 600000, window: weekly}",
        ),
    )
    assert summary(findings) == [(RULE, "info", 3, "/kpis")]
    assert "The 2 KPIs have no priority" in findings[0].message
    assert run_rule(RULE, kpis("{metric: conversions, target: 1200, window: campaign}")) == []


def test_wrong_types_do_not_crash() -> None:
    assert run_rule(RULE, "campaign: {objective: sales}\nkpis: {views: 100}\n") == []
    assert run_rule(RULE, "campaign: {objective: [sales]}\nkpis: [views, 5]\n") == []
    findings = run_rule(
        RULE,
        kpis(
            "{metric: [conversions], target: {a: 1}, window: 7, priority: [1]}",
            "{metric: 5, target: 1, window: weekly, priority: true}",
        ),
    )
    assert summary(findings) == [(RULE, "warning", 3, "/kpis")]  # no metric it can read serves


def test_every_objective_is_served_by_each_of_its_metrics_in_any_case() -> None:
    serving = {
        "awareness": "views reach impressions follower_growth",
        "engagement": "engagement_rate likes comments shares saves",
        "traffic": "clicks ctr",
        "sales": "conversions conversion_rate sales revenue roas cpa promo_code_uses",
        "app_installs": "installs cpa",
        "ugc": "ugc_posts",
    }
    for objective, metrics in serving.items():
        for metric in metrics.split():
            text = kpis(f"{{metric: {metric.upper()}, target: 1, window: weekly, priority: 1}}")
            assert run_rule(RULE, text.replace("sales", objective, 1)) == [], (objective, metric)
        others = [m for m in ("views", "clicks", "installs", "ugc_posts") if m not in metrics]
        text = kpis(f"{{metric: {others[0]}, target: 1, window: weekly, priority: 1}}")
        findings = run_rule(RULE, text.replace("sales", objective, 1))
        assert summary(findings) == [(RULE, "warning", 3, "/kpis")], objective
