from tests.helpers import run_rule, summary

RULE = "missing-tracking"

CLEAN = """\
campaign:
  objective: sales
  start: 2027-03-01
  end: 2027-03-31
tracking:
  methods: [promo_code, utm_links, tiktok_analytics]
  reporting_cadence: weekly
  pre_campaign_analysis: true
"""


def test_clean_tracking() -> None:
    assert run_rule(RULE, CLEAN) == []


def test_no_tracking_section_is_one_error() -> None:
    text = CLEAN.split("tracking:")[0]
    findings = run_rule(RULE, text)
    assert summary(findings) == [(RULE, "error", 1, "/tracking")]
    assert "no tracking section" in findings[0].message
    findings = run_rule(RULE, text + "tracking:\n")
    assert summary(findings) == [(RULE, "error", 5, "/tracking")]


def test_no_tracking_section_in_turkish_starts_with_a_capital() -> None:
    findings = run_rule(RULE, CLEAN.split("tracking:")[0], lang="tr")
    assert [f.message for f in findings] == [
        "Brief'te takip (tracking) bölümü yok: sonuçlar ölçülemez"
    ]


def test_no_or_empty_methods_is_an_error() -> None:
    findings = run_rule(RULE, CLEAN.replace("[promo_code, utm_links, tiktok_analytics]", "[]"))
    assert summary(findings) == [(RULE, "error", 6, "/tracking/methods")]
    assert "no methods" in findings[0].message
    text = CLEAN.replace("  methods: [promo_code, utm_links, tiktok_analytics]\n", "")
    findings = run_rule(RULE, text)
    assert summary(findings) == [(RULE, "error", 5, "/tracking/methods")]


def test_attribution_needed_for_sales_traffic_installs() -> None:
    text = CLEAN.replace("[promo_code, utm_links, tiktok_analytics]", "[tiktok_analytics]")
    for objective in ("sales", "traffic", "app_installs"):
        findings = run_rule(RULE, text.replace("objective: sales", f"objective: {objective}"))
        assert summary(findings) == [(RULE, "warning", 6, "/tracking/methods")], objective
        assert f"objective {objective.replace('_', ' ')}" in findings[0].message
        assert "only TikTok Analytics" in findings[0].message
    assert run_rule(RULE, text.replace("objective: sales", "objective: awareness")) == []
    # Edge: one attributable method, however written, is enough.
    assert run_rule(RULE, text.replace("[tiktok_analytics]", "[tiktok_analytics, UTM links]")) == []


def test_attributable_methods_option() -> None:
    options = {"attributable_methods": ["affiliate_links"]}
    findings = run_rule(RULE, CLEAN, options=options)
    assert summary(findings) == [(RULE, "warning", 6, "/tracking/methods")]
    text = CLEAN.replace("[promo_code, utm_links, tiktok_analytics]", "[tiktok_analytics]")
    assert run_rule(RULE, text, options={"attribution_objectives": ["ugc"]}) == []


def test_no_reporting_cadence() -> None:
    findings = run_rule(RULE, CLEAN.replace("  reporting_cadence: weekly\n", ""))
    assert summary(findings) == [(RULE, "warning", 5, "/tracking/reporting_cadence")]
    assert "no reporting cadence" in findings[0].message


def test_only_end_of_campaign_for_a_long_campaign() -> None:
    text = CLEAN.replace("reporting_cadence: weekly", "reporting_cadence: end_of_campaign")
    findings = run_rule(RULE, text)
    assert summary(findings) == [(RULE, "warning", 7, "/tracking/reporting_cadence")]
    assert "runs 31 days" in findings[0].message
    # Edge: both dates count, so 1-14 March (14 days) is fine and 1-15 March (15 days) is not.
    assert run_rule(RULE, text.replace("2027-03-31", "2027-03-14")) == []
    findings = run_rule(RULE, text.replace("2027-03-31", "2027-03-15"))
    assert summary(findings) == [(RULE, "warning", 7, "/tracking/reporting_cadence")]
    assert "runs 15 days" in findings[0].message
    # A one-day campaign is one day long.
    one_day = text.replace("2027-03-31", "2027-03-01")
    assert run_rule(RULE, one_day, options={"max_days_without_interim": 0}) != []
    assert run_rule(RULE, one_day, options={"max_days_without_interim": 1}) == []
    # A list with an interim report is fine; a list with only the end is not.
    interim = text.replace("end_of_campaign", "[weekly, end_of_campaign]")
    assert run_rule(RULE, interim) == []
    # Contract v2: a cadence the schema rejects (a list) is its finding only.
    assert run_rule(RULE, text.replace("end_of_campaign", "[End of campaign]")) == []


def test_interim_option() -> None:
    text = CLEAN.replace("reporting_cadence: weekly", "reporting_cadence: end_of_campaign")
    assert run_rule(RULE, text, options={"max_days_without_interim": 31}) == []
    assert len(run_rule(RULE, text, options={"max_days_without_interim": 30})) == 1
    short = text.replace("2027-03-31", "2027-03-08")
    findings = run_rule(RULE, short, options={"max_days_without_interim": 5})
    assert summary(findings) == [(RULE, "warning", 7, "/tracking/reporting_cadence")]


def test_pre_campaign_analysis_not_true() -> None:
    findings = run_rule(
        RULE, CLEAN.replace("pre_campaign_analysis: true", "pre_campaign_analysis: false")
    )
    assert summary(findings) == [(RULE, "warning", 8, "/tracking/pre_campaign_analysis")]
    findings = run_rule(RULE, CLEAN.replace("  pre_campaign_analysis: true\n", ""))
    assert summary(findings) == [(RULE, "warning", 5, "/tracking/pre_campaign_analysis")]
    assert "No analysis is planned" in findings[0].message
    # Contract v2: "yes" in quotes is text, which the schema rejects: its finding only.
    text = CLEAN.replace("pre_campaign_analysis: true", 'pre_campaign_analysis: "yes"')
    assert run_rule(RULE, text) == []


def test_wrong_types_do_not_crash() -> None:
    assert run_rule(RULE, "tracking: [promo_code]\n") == []
    text = CLEAN.replace("[promo_code, utm_links, tiktok_analytics]", "{a: 1}")
    assert run_rule(RULE, text) == []
    text = CLEAN.replace("reporting_cadence: weekly", "reporting_cadence: end_of_campaign")
    assert run_rule(RULE, text.replace("start: 2027-03-01", "start: soon")) == []
    text = CLEAN.replace("objective: sales", "objective: [sales]").replace("weekly", "{a: 1}")
    assert run_rule(RULE, text) == []
    # A document that is not a mapping is one schema finding, not also a missing section.
    assert run_rule(RULE, "- x\n") == []
