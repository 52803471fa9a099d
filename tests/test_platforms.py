"""Contract v2 in the schema: campaign kinds, platforms, formats per platform and the aliases of
v1 (domain.md, Contract v2, Platforms and its decisions); exact findings and clean cases."""

from __future__ import annotations

import json

import pytest

from campaignlint.campaign import formats_by_platform
from tests.helpers import REPO, run_rule, summary

RULE = "schema"

BASE = """\
campaign:
  name: Glow
  brand: Lumina
  objective: sales
{campaign}  start: 2027-03-01
  end: 2027-03-31
target_audience: {{}}
influencers:
  - {{handle: "@ayse", followers: 85000}}
deliverables:
{deliverables}"""


def _brief(
    campaign: str = "", deliverables: str = "  - {influencer: '@ayse', format: video}\n"
) -> str:
    budget = "  budget: {amount: 1000, currency: TRY}\n"
    return BASE.format(campaign=budget + campaign, deliverables=deliverables)


def test_every_v2_field_is_accepted() -> None:
    text = _brief(
        "  kind: affiliate\n  platforms: [tiktok, instagram, youtube]\n"
        "  commission_percent: 10\n  product: Glow serum\n  description: Spring launch.\n",
        "  - {influencer: '@ayse', platform: tiktok, format: photo_carousel, optional: true,"
        " notes: any day}\n"
        "  - {influencer: '@ayse', platform: instagram, format: carousel}\n"
        "  - {influencer: '@ayse', platform: youtube, format: community_post}\n",
    )
    text = text.replace(
        "followers: 85000}",
        "followers: 85000, name: Ayşe, compensation: {model: none, notes: thanks}}",
    )
    text += (
        "content:\n  disclosure:\n    text: Affiliate link, I earn a commission.\n"
        "    platform_label: true\n"
        "contract:\n  payment: {method: bank transfer}\n"
        "tracking:\n  methods: [affiliate_links]\n  reporting_cadence: live\n"
    )
    assert run_rule(RULE, text) == []


def test_v1_platform_and_toggle_stay_valid() -> None:
    text = (
        _brief("  platform: tiktok\n") + "content:\n  disclosure: {branded_content_toggle: true}\n"
    )
    assert run_rule(RULE, text) == []


def test_other_platforms_are_a_finding_listing_the_known_ones() -> None:
    findings = run_rule(RULE, _brief("  platforms: [tiktok, facebook]\n"))
    assert summary(findings) == [(RULE, "error", 6, "/campaign/platforms/1")]
    assert findings[0].message == (
        "campaign.platforms[1] must be one of `tiktok`, `instagram`, `youtube`; got 'facebook'"
    )
    single = run_rule(RULE, _brief("  platform: snapchat\n"))
    assert summary(single) == [(RULE, "error", 6, "/campaign/platform")]


def test_a_format_of_another_platform_gets_a_did_you_mean() -> None:
    findings = run_rule(
        RULE,
        _brief(
            "  platforms: [instagram]\n",
            "  - {influencer: '@ayse', format: photo_carousel}\n",
        ),
    )
    assert summary(findings) == [(RULE, "error", 13, "/deliverables/0/format")]
    assert findings[0].message == (
        "deliverables[0].format photo_carousel does not exist on instagram; its formats are reel,"
        " story, post, carousel, live"
    )
    assert findings[0].fix == (
        "Did you mean 'carousel'? Formats on instagram: reel, story, post, carousel, live."
    )
    short_on_tiktok = run_rule(RULE, _brief("", "  - {influencer: '@ayse', format: short}\n"))
    assert summary(short_on_tiktok) == [(RULE, "error", 12, "/deliverables/0/format")]
    assert short_on_tiktok[0].fix == (
        "Did you mean 'video'? Formats on tiktok: video, live, story, photo_carousel."
    )
    no_twin = run_rule(RULE, _brief("", "  - {influencer: '@ayse', format: community_post}\n"))
    assert no_twin[0].fix == "Use a format tiktok has: video, live, story, photo_carousel."


def test_multi_platform_deliverables_must_name_one_of_the_campaign_platforms() -> None:
    findings = run_rule(
        RULE,
        _brief(
            "  platforms: [tiktok, instagram]\n",
            "  - {influencer: '@ayse', format: video}\n"
            "  - {influencer: '@ayse', platform: youtube, format: short}\n"
            "  - {influencer: '@ayse', platform: instagram, format: reel}\n",
        ),
    )
    assert summary(findings) == [
        (RULE, "error", 13, "/deliverables/0"),
        (RULE, "error", 14, "/deliverables/1/platform"),
    ]
    assert "one of tiktok, instagram" in (findings[0].fix or "")


def test_platforms_wins_over_platform_and_must_contain_it() -> None:
    both = _brief(
        "  platform: tiktok\n  platforms: [tiktok, instagram]\n",
        "  - {influencer: '@ayse', platform: tiktok, format: video}\n",
    )
    assert run_rule(RULE, both) == []
    clash = both.replace("platform: tiktok\n  platforms", "platform: youtube\n  platforms")
    assert summary(run_rule(RULE, clash)) == [(RULE, "error", 6, "/campaign/platform")]


def test_platform_label_and_its_alias_both_given_is_one_finding() -> None:
    text = _brief() + (
        "content:\n  disclosure:\n    platform_label: true\n    branded_content_toggle: true\n"
    )
    findings = run_rule(RULE, text)
    assert summary(findings) == [(RULE, "error", 16, "/content/disclosure/branded_content_toggle")]
    assert findings[0].message.endswith("use one")


@pytest.mark.parametrize("kind", ["gifted", "affiliate", "non_commercial"])
def test_budget_is_optional_except_on_paid_campaigns(kind: str) -> None:
    no_budget = BASE.format(
        campaign=f"  kind: {kind}\n", deliverables="  - {influencer: '@ayse', format: video}\n"
    )
    assert run_rule(RULE, no_budget) == []
    paid = no_budget.replace(f"kind: {kind}", "kind: paid")
    assert summary(run_rule(RULE, paid)) == [(RULE, "error", 1, "/campaign")]
    v1 = no_budget.replace(f"  kind: {kind}\n", "")
    assert [f.message for f in run_rule(RULE, v1)] == [
        "campaign is missing the required field 'budget'"
    ]
    empty = paid.replace("  kind: paid\n", "  kind: paid\n  budget:\n")
    assert summary(run_rule(RULE, empty)) == [(RULE, "error", 6, "/campaign/budget")]


def test_deliverables_may_be_absent_or_empty_on_an_affiliate_program_only() -> None:
    affiliate = _brief("  kind: affiliate\n").split("deliverables:")[0]
    assert run_rule(RULE, affiliate) == []
    assert run_rule(RULE, affiliate + "deliverables: []\n") == []
    assert run_rule(RULE, affiliate + "deliverables:\n") == []
    gifted = affiliate.replace("kind: affiliate", "kind: gifted")
    assert [f.message for f in run_rule(RULE, gifted)] == [
        "The brief is missing the required field 'deliverables'"
    ]
    assert summary(run_rule(RULE, gifted + "deliverables:\n")) == [
        (RULE, "error", 12, "/deliverables")
    ]
    assert run_rule(RULE, gifted + "deliverables: []\n") == []


def test_unknown_kind_lists_the_kinds() -> None:
    findings = run_rule(RULE, _brief("  kind: barter\n"))
    assert summary(findings) == [(RULE, "error", 6, "/campaign/kind")]
    assert "`paid`, `gifted`, `affiliate`, `non_commercial`" in findings[0].message


def test_schema_formats_are_the_data_file_formats() -> None:
    schema = json.loads((REPO / "schemas" / "brief.schema.json").read_text(encoding="utf-8"))
    deliverable = schema["$defs"]["deliverable"]["properties"]
    every = {fmt for formats in formats_by_platform().values() for fmt in formats}
    assert set(deliverable["format"]["enum"]) == every
    assert deliverable["platform"]["enum"] == list(formats_by_platform())
    campaign = schema["properties"]["campaign"]["properties"]
    assert campaign["platforms"]["items"]["enum"] == list(formats_by_platform())


def test_a_misspelt_kind_is_one_finding_not_also_a_missing_budget() -> None:
    text = BASE.format(
        campaign="  kind: Gifted\n", deliverables="  - {influencer: '@ayse', format: video}\n"
    )
    findings = run_rule(RULE, text)
    assert summary(findings) == [(RULE, "error", 5, "/campaign/kind")]
    assert findings[0].fix == "Did you mean 'gifted'?"


def test_the_same_platform_mistake_on_several_deliverables_is_one_finding() -> None:
    findings = run_rule(
        RULE,
        _brief(
            "  platforms: [tiktok, instagram]\n",
            "  - {influencer: '@ayse', format: video}\n"
            "  - {influencer: '@ayse', platform: instagram, format: photo_carousel}\n"
            "  - {influencer: '@ayse', format: story}\n"
            "  - {influencer: '@ayse', platform: youtube, format: short}\n"
            "  - {influencer: '@ayse', platform: instagram, format: photo_carousel}\n"
            "  - {influencer: '@ayse', platform: youtube, format: video}\n",
        ),
    )
    assert summary(findings) == [
        (RULE, "error", 13, "/deliverables/0"),
        (RULE, "error", 14, "/deliverables/1/format"),
        (RULE, "error", 16, "/deliverables/3/platform"),
    ]
    unnamed, carousel, youtube = findings
    assert unnamed.message == (
        "2 deliverables have no platform, and the campaign runs on several (tiktok, instagram):"
        " deliverables[0], deliverables[2]"
    )
    assert [(r.pointer, r.line) for r in unnamed.related] == [("/deliverables/2", 15)]
    assert carousel.message.startswith("2 deliverables use the format photo_carousel")
    assert [r.pointer for r in carousel.related] == ["/deliverables/4/format"]
    assert carousel.fix == (
        "Did you mean 'carousel'? Formats on instagram: reel, story, post, carousel, live."
    )
    assert "deliverables[3], deliverables[5]" in youtube.message
    assert [r.pointer for r in youtube.related] == ["/deliverables/5/platform"]
