"""Contract v2, campaign kinds: each row of domain.md's per-kind table, rule by rule, with the
exact findings and the clean case (domain.md, Contract v2, Campaign kind and its decisions)."""

from __future__ import annotations

import pytest

from campaignlint.brief import Brief
from campaignlint.loader import load_text
from tests.helpers import run_rule, summary

NON_PAID = ["gifted", "affiliate", "non_commercial"]


def _brief(text: str) -> Brief:
    return Brief(load_text(text))


# --- the core: one place for kind and platforms ---------------------------------------------


def test_a_v1_brief_reads_as_paid_on_tiktok() -> None:
    brief = _brief("campaign: {platform: tiktok}\ndeliverables: [{format: video}]\n")
    assert brief.kind == "paid" and brief.is_paid
    assert brief.platforms == ("tiktok",)
    assert brief.deliverable_platform(0) == "tiktok"
    assert brief.platforms_with_deliverables() == ("tiktok",)
    assert _brief("influencers: []\n").platforms == ("tiktok",)


@pytest.mark.parametrize("kind", ["paid", *NON_PAID])
def test_kind_is_read_as_written(kind: str) -> None:
    brief = _brief(f"campaign: {{kind: {kind}}}\n")
    assert brief.kind == kind
    assert brief.is_paid == (kind == "paid")


def test_unknown_or_unreadable_kind_reads_as_paid() -> None:
    assert _brief("campaign: {kind: barter}\n").kind == "paid"
    assert _brief("campaign: {kind: [gifted]}\n").kind == "paid"
    assert _brief("- a\n").kind == "paid"


def test_platforms_and_the_v1_alias() -> None:
    brief = _brief(
        "campaign: {platforms: [instagram, youtube], platform: tiktok}\n"
        "deliverables:\n"
        "  - {platform: youtube, format: short}\n"
        "  - {format: reel}\n"
        "  - {platform: tiktok, format: video}\n"
    )
    assert brief.platforms == ("instagram", "youtube")  # platforms wins over platform
    assert brief.deliverable_platform(0) == "youtube"
    assert brief.deliverable_platform(1) is None  # several platforms: it must say which
    assert brief.deliverable_platform(2) is None  # not among the campaign's
    assert brief.deliverable_platform(9) is None
    assert brief.platforms_with_deliverables() == ("youtube",)
    assert _brief("campaign: {platform: instagram}\n").platforms == ("instagram",)
    assert _brief("campaign: {platforms: [facebook]}\n").platforms == ()


def test_paid_creator() -> None:
    brief = _brief(
        "influencers:\n"
        "  - {handle: '@a'}\n"
        "  - {handle: '@b', compensation: {model: product_only}}\n"
        "  - {handle: '@c', compensation: {model: none}}\n"
        "  - {handle: '@d', compensation: {model: flat_fee}}\n"
        "  - {handle: '@e', compensation: {fee: {amount: 500, currency: TRY}}}\n"
        "  - {handle: '@f', compensation: {model: product_only, fee: {amount: 0}}}\n"
        "  - {handle: '@g', compensation: {notes: thanks}}\n"
    )
    assert [brief.is_paid_creator(index) for index in range(8)] == [
        False, False, False, True, True, False, False, False,
    ]  # fmt: skip
    assert brief.any_paid_creator()


def test_platform_label_and_its_alias() -> None:
    alias = _brief("content: {disclosure: {branded_content_toggle: false}}\n")
    assert alias.platform_label is False
    assert alias.platform_label_pointer == "/content/disclosure/branded_content_toggle"
    new = _brief("content: {disclosure: {platform_label: true}}\n")
    assert new.platform_label is True
    assert new.platform_label_pointer == "/content/disclosure/platform_label"
    assert _brief("content: {}\n").platform_label_pointer == "/content/disclosure/platform_label"


# --- budget-fit -------------------------------------------------------------------------------

FEES = """\
campaign:
  kind: {kind}
  budget: {{amount: 10000, currency: TRY}}
influencers:
  - handle: "@a"
    compensation: {{model: flat_fee, fee: {{amount: 0, currency: TRY}}}}
  - handle: "@b"
    compensation: {{model: flat_fee, fee: {{amount: 20000, currency: TRY}}}}
  - handle: "@c"
    compensation: {{model: flat_fee, fee: {{amount: 100, currency: USD}}}}
  - handle: "@d"
    followers: 250000
    compensation: {{model: product_only}}
"""


def test_budget_fit_checks_fees_on_paid_campaigns_only() -> None:
    assert summary(run_rule("budget-fit", FEES.format(kind="paid"))) == [
        ("budget-fit", "error", 3, "/campaign/budget/amount"),
        ("budget-fit", "error", 6, "/influencers/0/compensation/fee/amount"),
        ("budget-fit", "info", 10, "/influencers/2/compensation/fee"),
        ("budget-fit", "warning", 13, "/influencers/3/compensation/model"),
    ]
    for kind in ("affiliate", "non_commercial"):  # product only on a mid creator: as paid
        assert summary(run_rule("budget-fit", FEES.format(kind=kind))) == [
            ("budget-fit", "warning", 13, "/influencers/3/compensation/model")
        ]
    assert run_rule("budget-fit", FEES.format(kind="gifted")) == []


# --- influencer-objective-fit -------------------------------------------------------------------

BUDGET = """\
campaign:
  kind: {kind}
  objective: engagement
{budget}influencers:
  - {{handle: "@big", followers: 2000000}}
"""


@pytest.mark.parametrize("kind", NON_PAID)
@pytest.mark.parametrize(
    "budget", ["", "  budget: {amount: 0, currency: TRY}\n"], ids=["absent", "zero"]
)
def test_an_unset_budget_is_never_small(kind: str, budget: str) -> None:
    assert run_rule("influencer-objective-fit", BUDGET.format(kind=kind, budget=budget)) == []


def test_a_paid_budget_of_zero_is_a_budget() -> None:
    text = BUDGET.format(kind="paid", budget="  budget: {amount: 0, currency: TRY}\n")
    assert summary(run_rule("influencer-objective-fit", text)) == [
        ("influencer-objective-fit", "warning", 4, "/campaign/budget/amount")
    ]
    gifted = BUDGET.format(kind="gifted", budget="  budget: {amount: 5000, currency: TRY}\n")
    assert len(run_rule("influencer-objective-fit", gifted)) == 1  # a budget set is a budget


# --- missing-contract-terms -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "severity"), [("paid", "error"), *[(k, "warning") for k in NON_PAID]]
)
def test_no_contract_severity_by_kind(kind: str, severity: str) -> None:
    findings = run_rule("missing-contract-terms", f"campaign: {{kind: {kind}}}\n")
    assert summary(findings) == [("missing-contract-terms", severity, 1, "/contract")]


CONTRACT = """\
campaign: {{kind: {kind}}}
contract:
  duties: One video.
  term: {{start: 2027-03-01, end: 2027-03-31}}
  termination: 7 days' notice.
"""


def test_payment_and_usage_rights_by_kind() -> None:
    assert summary(run_rule("missing-contract-terms", CONTRACT.format(kind="paid"))) == [
        ("missing-contract-terms", "error", 2, "/contract/payment"),
        ("missing-contract-terms", "warning", 2, "/contract/usage_rights"),
    ]
    for kind, severity in (
        ("gifted", "warning"),
        ("non_commercial", "warning"),
        ("affiliate", "info"),
    ):
        assert summary(run_rule("missing-contract-terms", CONTRACT.format(kind=kind))) == [
            ("missing-contract-terms", severity, 2, "/contract/usage_rights")
        ]
    complete = CONTRACT.format(kind="affiliate") + "  usage_rights: {duration_months: 6}\n"
    assert run_rule("missing-contract-terms", complete) == []


# --- content-guidelines -------------------------------------------------------------------------

APPROVAL = """\
campaign: {{kind: {kind}}}
content:
  topics: [unboxing]
  guidelines: Show the box.
  approval: {{required: false}}
deliverables:
  - {{influencer: "@a", format: video, optional: {first}}}
  - {{influencer: "@a", format: story, optional: true}}
"""


def test_approval_by_kind() -> None:
    def run(kind: str, first: str = "false") -> list[tuple[str, str, int, str]]:
        return summary(run_rule("content-guidelines", APPROVAL.format(kind=kind, first=first)))

    at = (5, "/content/approval/required")
    assert run("paid") == [("content-guidelines", "warning", *at)]
    assert run("paid", "true") == [("content-guidelines", "warning", *at)]
    assert run("non_commercial") == [("content-guidelines", "warning", *at)]
    assert run("affiliate", "true") == [("content-guidelines", "info", *at)]
    assert run("gifted") == [("content-guidelines", "info", *at)]
    assert run("gifted", "true") == []  # every deliverable at the creator's discretion


# --- missing-kpis and missing-tracking --------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "severity"), [("paid", "error"), *[(k, "warning") for k in NON_PAID]]
)
def test_no_kpis_severity_by_kind(kind: str, severity: str) -> None:
    assert summary(run_rule("missing-kpis", f"campaign: {{kind: {kind}}}\n")) == [
        ("missing-kpis", severity, 1, "/kpis")
    ]


@pytest.mark.parametrize(
    ("kind", "severity"),
    [
        ("paid", "error"),
        ("affiliate", "error"),
        ("gifted", "warning"),
        ("non_commercial", "warning"),
    ],
)
def test_no_tracking_severity_by_kind(kind: str, severity: str) -> None:
    assert summary(run_rule("missing-tracking", f"campaign: {{kind: {kind}}}\n")) == [
        ("missing-tracking", severity, 1, "/tracking")
    ]
    empty = f"campaign: {{kind: {kind}}}\ntracking:\n  methods: []\n"
    assert summary(run_rule("missing-tracking", empty)) == [
        ("missing-tracking", "warning", 2, "/tracking/pre_campaign_analysis"),
        ("missing-tracking", "warning", 2, "/tracking/reporting_cadence"),
        ("missing-tracking", severity, 3, "/tracking/methods"),
    ]


TRACKING = """\
campaign: {{kind: {kind}, objective: awareness, start: 2027-03-01, end: 2027-05-31}}
tracking:
  methods: [{methods}]
  reporting_cadence: live
  pre_campaign_analysis: true
"""


def test_affiliate_needs_attributable_tracking_whatever_the_objective() -> None:
    findings = run_rule(
        "missing-tracking", TRACKING.format(kind="affiliate", methods="tiktok_analytics")
    )
    assert summary(findings) == [("missing-tracking", "error", 3, "/tracking/methods")]
    assert "affiliate program" in findings[0].message
    for methods in ("affiliate_links", "affiliate_dashboard", "promo_code, tiktok_analytics"):
        assert (
            run_rule("missing-tracking", TRACKING.format(kind="affiliate", methods=methods)) == []
        )
    # awareness on a paid campaign needs no attribution; live reporting satisfies the cadence
    assert (
        run_rule("missing-tracking", TRACKING.format(kind="paid", methods="tiktok_analytics")) == []
    )


# --- unfair-revenue-share ---------------------------------------------------------------------

AFFILIATE = """\
campaign:
  kind: affiliate
{commission}influencers:
  - {{handle: "@a"}}
  - {{handle: "@b", compensation: {{revenue_share_percent: 12}}}}
  - {{handle: "@c", compensation: {{model: revenue_share}}}}
tracking:
  methods: [tiktok_analytics]
"""


def test_affiliate_creators_without_commission_are_one_grouped_error() -> None:
    findings = run_rule("unfair-revenue-share", AFFILIATE.format(commission=""))
    assert summary(findings) == [
        ("unfair-revenue-share", "error", 1, "/campaign/commission_percent")
    ]
    assert "@a, @c" in findings[0].message and "@b" not in findings[0].message
    assert [(r.pointer, r.line) for r in findings[0].related] == [
        ("/influencers/0", 4),
        ("/influencers/2", 6),
    ]
    # and it is not also a contract finding (payment is not required on an affiliate program)
    contract = (
        "contract:\n  duties: Post when you like.\n  term: {start: 2027-01-01, end: 2027-12-31}\n"
        "  usage_rights: {duration_months: 6}\n  termination: Any time.\n"
    )
    text = AFFILIATE.format(commission="") + contract
    assert run_rule("missing-contract-terms", text) == []


def test_program_commission_covers_every_creator_and_is_range_checked() -> None:
    ok = AFFILIATE.format(commission="  commission_percent: 10\n")
    assert run_rule("unfair-revenue-share", ok) == []
    high = run_rule(
        "unfair-revenue-share", AFFILIATE.format(commission="  commission_percent: 40\n")
    )
    assert summary(high) == [("unfair-revenue-share", "warning", 3, "/campaign/commission_percent")]
    # a creator's own percent overrides the program's, and is checked
    own = ok.replace("revenue_share_percent: 12", "revenue_share_percent: 2")
    assert summary(run_rule("unfair-revenue-share", own)) == [
        ("unfair-revenue-share", "warning", 6, "/influencers/1/compensation/revenue_share_percent")
    ]


def test_paid_hybrid_deal_uses_the_program_commission() -> None:
    text = """\
        campaign:
          commission_percent: 8
        influencers:
          - {handle: "@a", compensation: {model: hybrid, fee: {amount: 100}}}
        tracking:
          methods: [promo_code]
        """
    assert run_rule("unfair-revenue-share", text) == []
    without = run_rule(
        "unfair-revenue-share", text.replace("  commission_percent: 8\n", "  name: x\n")
    )
    assert summary(without) == [
        ("unfair-revenue-share", "error", 4, "/influencers/0/compensation/revenue_share_percent")
    ]


# --- unknown-influencer -----------------------------------------------------------------------


def test_affiliate_creator_without_deliverable_is_fine() -> None:
    text = """\
        campaign: {kind: affiliate}
        influencers:
          - {handle: "@a"}
          - {handle: "@b"}
        deliverables:
          - {influencer: "@a", format: video}
        """
    assert run_rule("unknown-influencer", text) == []
    paid = text.replace("kind: affiliate", "kind: paid")
    assert summary(run_rule("unknown-influencer", paid)) == [
        ("unknown-influencer", "warning", 4, "/influencers/1/handle")
    ]
    typo = text.replace('influencer: "@a"', 'influencer: "@x"')
    assert summary(run_rule("unknown-influencer", typo)) == [
        ("unknown-influencer", "error", 6, "/deliverables/0/influencer")
    ]


def test_readme_names_only_brief_accessors_that_exist() -> None:
    import re

    from tests.helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| ask | answer |") :].split("\n\n", 1)[0]
    named = re.findall(r"`brief\.(\w+)", table)
    assert len(named) == 8
    brief = _brief("campaign: {kind: gifted}\n")
    assert [name for name in named if not hasattr(brief, name)] == []
