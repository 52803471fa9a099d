import pytest

from campaignlint.model import Edit
from tests.helpers import run_rule, shared_example, summary

RULE = "missing-disclosure"
TIKTOK_DELIVERABLE = "deliverables:\n  - {influencer: '@a', format: video}\n"


def _brief(markets: str, tags: str, hashtags: str = "[]", extra: str = "") -> str:
    return f"""\
campaign:
  markets: {markets}
content:
  hashtags: {hashtags}
  disclosure:
    tags: {tags}
    placement: start_of_caption
    branded_content_toggle: true
{extra}"""


def test_shared_example_is_clean() -> None:
    text = shared_example()
    assert run_rule(RULE, text) == []


def test_missing_tag_per_market_with_weak_labels_named_and_fix_edits() -> None:
    findings = run_rule(RULE, _brief("[TR, DE]", '["#sp"]', '["#LuminaGlow", "#Collab"]'))
    assert summary(findings) == [
        (RULE, "error", 6, "/content/disclosure/tags"),
        (RULE, "error", 6, "/content/disclosure/tags"),
    ]
    by_market = {("DE" if "market DE" in f.message else "TR"): f for f in findings}
    assert by_market["TR"].message == (
        "No accepted advertising disclosure for market TR (accepted: #reklam, #işbirliği,"
        " #sponsor, #ortaklık); too weak to count as disclosure: #sp, #Collab"
    )
    assert by_market["TR"].edits == (Edit("append", "/content/disclosure/tags", "#reklam"),)
    assert by_market["DE"].edits == (Edit("append", "/content/disclosure/tags", "#werbung"),)
    assert "#werbung" in (by_market["DE"].fix or "")


@pytest.mark.parametrize(
    ("markets", "tags", "hashtags"),
    [
        ("[TR]", '["#İşbirliği"]', "[]"),
        ("[tr]", '["#ISBIRLIGI"]', "[]"),
        ("[TR]", "[]", '["#LuminaGlow", "#Reklam"]'),
        ("[TR]", '["Reklam: @lumina"]', "[]"),
        ("[TR]", '["İşbirliği @lumina ile"]', "[]"),
        ("[TR]", '["@lumina ile işbirliği"]', "[]"),  # domain.md Sources: "@marka ile işbirliği"
        ("[TR]", '["@Lumina ile İŞBİRLİĞİ"]', "[]"),
        ("[US, GB]", '["#ad"]', "[]"),
        ("[UK]", '["#advert"]', "[]"),
        ("[FR]", '["#Publicite"]', "[]"),
        ("[NL]", '["#ad"]', "[]"),
        ("[]", '["#AD"]', "[]"),
    ],
)
def test_accepted_labels_stay_silent(markets: str, tags: str, hashtags: str) -> None:
    assert run_rule(RULE, _brief(markets, tags, hashtags)) == []


def test_near_misses_do_not_count() -> None:
    # "#adidas" is not "#ad"; "Reklam" in the middle is not a label; #sponsor is TR, not US
    findings = run_rule(RULE, _brief("[US]", '["#adidas", "#sponsor"]', '["Yeni Reklam"]'))
    assert [f.message for f in findings] == [
        "No accepted advertising disclosure for market US (accepted: #ad, #sponsored,"
        " #advertisement)"
    ]
    tr_words = run_rule(RULE, _brief("[TR]", '["Marka reklam"]'))
    assert len(tr_words) == 1
    # the @mention form counts in TR only, and only as the whole label
    assert len(run_rule(RULE, _brief("[US]", '["@lumina ile işbirliği"]'))) == 1
    assert len(run_rule(RULE, _brief("[TR]", '["@lumina ile işbirliğine açık"]'))) == 1


def test_one_fix_for_markets_sharing_a_tag() -> None:
    findings = run_rule(RULE, _brief("[US, GB]", '["#partner"]'))
    assert len(findings) == 2
    edits = [edit for finding in findings for edit in finding.edits]
    assert edits == [Edit("append", "/content/disclosure/tags", "#ad")]


def test_no_markets_means_other_and_no_content_points_at_the_root() -> None:
    findings = run_rule(RULE, "campaign:\n  name: Launch\ndeliverables: [{format: video}]\n")
    # domain.md Contract v2: no finding under a missing content.disclosure beside the label error
    assert summary(findings) == [(RULE, "error", 1, "/content")]
    assert findings[0].message == "No accepted advertising disclosure (expected #ad)"
    assert all(finding.edits == () for finding in findings)  # nothing safe to edit


def test_markets_option_adds_a_market() -> None:
    text = _brief("[NL]", '["#ad"]')
    options = {"markets": {"nl": ["#reclame", "#ad"]}}
    assert run_rule(RULE, text, options=options) == []
    strict = run_rule(RULE, text, options={"markets": {"NL": ["#reclame"]}})
    assert "market NL (accepted: #reclame)" in strict[0].message
    assert strict[0].edits == (Edit("append", "/content/disclosure/tags", "#reclame"),)


def test_weak_tags_option() -> None:
    text = _brief("[US]", '["#spon"]')
    assert "too weak" in run_rule(RULE, text)[0].message
    relaxed = run_rule(RULE, text, options={"markets": {"US": ["#spon"]}, "weak_tags": []})
    assert relaxed == []


def test_asking_to_hide_the_advertisement_is_an_error_whatever_else() -> None:
    findings = run_rule(
        RULE,
        _brief(
            "[TR]",
            '["#reklam"]',
            '["#Kahvecim", "#ReklamDeğilTavsiye"]',
            extra="contract:\n  clauses:\n    - Don’t mention it’s sponsored, keep it natural.\n",
        ),
    )
    assert summary(findings) == [
        (RULE, "error", 4, "/content/hashtags/1"),
        (RULE, "error", 11, "/contract/clauses/0"),
    ]
    assert findings[0].message == 'The brief asks to hide the advertisement: "#ReklamDeğilTavsiye"'
    assert '"Don’t mention it’s sponsored"' in findings[1].message
    turkish = run_rule(
        RULE,
        "content:\n  guidelines: Reklam olduğunu söylemeyin.\n"
        "  disclosure: {tags: ['#ad'], placement: on_screen, branded_content_toggle: true}\n",
    )
    assert summary(turkish) == [(RULE, "error", 2, "/content/guidelines")]


def test_hiding_wording_is_found_within_each_value_never_across_two() -> None:
    text = _brief(
        "[US]",
        '["#ad"]',
        extra="contract:\n  clauses:\n    - It is not an\n    - ad campaign, really.\n"
        "    - No disclosure needed; do not disclose, it is not an ad.\n"
        "    - Hide the partnership. Not sponsored.\n",
    )
    findings = run_rule(RULE, text)
    assert summary(findings) == [
        (RULE, "error", 13, "/contract/clauses/2"),
        (RULE, "error", 14, "/contract/clauses/3"),
    ]
    # the first phrase of the list found in the value, quoted as written, not the first in it
    assert '"not an ad"' in findings[0].message
    assert '"Not sponsored"' in findings[1].message


def test_stating_the_disclosure_is_not_hiding_it() -> None:
    text = _brief(
        "[TR]",
        '["#reklam"]',
        extra="contract:\n  clauses:\n    - Reklam olduğunu söylemesi zorunludur.\n"
        "    - The creator must say it is an ad.\n  x-notes: not an ad? ask legal\n",
    )
    assert run_rule(RULE, text) == []


def test_buried_placement_and_toggle_off_warn_with_fixes() -> None:
    text = _brief("[TR]", '["#reklam"]', extra=TIKTOK_DELIVERABLE)
    text = text.replace("start_of_caption", "comments")
    text = text.replace("toggle: true", "toggle: false")
    findings = run_rule(RULE, text)
    assert summary(findings) == [
        (RULE, "warning", 7, "/content/disclosure/placement"),
        (RULE, "warning", 8, "/content/disclosure/branded_content_toggle"),
    ]
    assert "placed at comments" in findings[0].message
    assert findings[0].edits == (Edit("set", "/content/disclosure/placement", "start_of_caption"),)
    assert findings[1].edits == (Edit("set", "/content/disclosure/branded_content_toggle", True),)


def test_missing_placement_and_toggle_point_at_the_disclosure_key() -> None:
    findings = run_rule(
        RULE,
        'campaign:\n  markets: [US]\ncontent:\n  disclosure:\n    tags: ["#ad"]\n'
        + TIKTOK_DELIVERABLE,
    )
    assert summary(findings) == [
        (RULE, "warning", 4, "/content/disclosure/placement"),
        (RULE, "warning", 4, "/content/disclosure/platform_label"),  # v2's name when none given
    ]
    assert all(finding.edits for finding in findings)


def test_on_screen_is_visible() -> None:
    text = _brief("[TR]", '["#reklam"]').replace("start_of_caption", "on_screen")
    assert run_rule(RULE, text) == []


def test_wrong_types_do_not_crash() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          markets: TR
        content:
          hashtags: {tag: "#reklam"}
          disclosure:
            tags: "#reklam"
            placement: [start_of_caption]
            branded_content_toggle: "yes"
        """,
    )
    assert findings == []  # a lone market and a lone tag string are still read
    assert run_rule(RULE, "content: [a]\n") == []
    assert run_rule(RULE, "- a\n") == []
    # Markets the schema rejects are not read (which labels count is unknown): silent; the
    # readable ones are still checked.
    odd = "campaign:\n  markets: [7, null]\ncontent:\n  disclosure: text\n"
    assert run_rule(RULE, odd) == []
    odd_with_tr = run_rule(RULE, odd.replace("null", "tr"))
    assert summary(odd_with_tr) == [(RULE, "error", 3, "/content")]
    assert "market TR" in odd_with_tr[0].message
    assert odd_with_tr[0].edits == ()
    # domain.md: a rule skips the fields it cannot read; tags of the wrong type may hold a label
    unreadable = _brief("[TR]", "{first: '#reklam'}")
    assert run_rule(RULE, unreadable) == []
    assert run_rule(RULE, _brief("[TR]", "[]", "{first: '#reklam'}")) == []


# --- Contract v2: campaign kinds and platforms (domain.md, Contract v2) -----------------------


def _kind_brief(kind: str, markets: str, tags: str, text: str = "", extra: str = "") -> str:
    text_line = f"    text: {text}\n" if text else ""
    return (
        f"campaign:\n  kind: {kind}\n  markets: {markets}\n"
        "content:\n  disclosure:\n"
        f"    tags: {tags}\n{text_line}"
        "    placement: start_of_caption\n    platform_label: true\n"
        "influencers:\n  - {handle: '@a', compensation: {model: product_only}}\n"
        "deliverables:\n  - {influencer: '@a', format: video}\n" + extra
    )


@pytest.mark.parametrize(
    ("markets", "tags", "text"),
    [
        ("[TR]", '["#hediye"]', ""),
        ("[TR]", '["#Davet"]', ""),
        ("[TR]", "[]", '"Ürün Lumina tarafından hediye edilmiştir."'),
        ("[US]", '["#gifted"]', ""),
        ("[GB]", '["#Gifted"]', ""),
        ("[US]", "[]", '"Thanks to Lumina Cosmetics for the free product!"'),
        ("[DE]", '["#ad"]', ""),  # elsewhere #ad
        ("[TR]", '["#reklam"]', ""),  # the paid labels count for gifts too
    ],
)
def test_gift_labels_count_on_gifted_campaigns(markets: str, tags: str, text: str) -> None:
    assert run_rule(RULE, _kind_brief("gifted", markets, tags, text)) == []


def test_gift_labels_do_not_count_on_paid_campaigns_and_gifted_stays_weak_in_tr() -> None:
    paid = run_rule(RULE, _kind_brief("paid", "[TR]", '["#hediye"]'))
    assert summary(paid) == [(RULE, "error", 6, "/content/disclosure/tags")]
    weak = run_rule(RULE, _kind_brief("gifted", "[TR]", '["#gifted"]'))
    assert [f.message for f in weak] == [
        "No accepted advertising disclosure for market TR (accepted: #hediye, #davet, #reklam,"
        " #işbirliği, #sponsor, #ortaklık); too weak to count as disclosure: #gifted"
    ]
    assert weak[0].edits == (Edit("append", "/content/disclosure/tags", "#hediye"),)
    us_paid = run_rule(RULE, _kind_brief("paid", "[US]", '["#gifted"]'))
    assert "too weak to count as disclosure: #gifted" in us_paid[0].message


@pytest.mark.parametrize(
    ("markets", "tags", "text"),
    [
        ("[TR]", '["#ortaklık"]', ""),
        ("[TR]", '["#işbirliği"]', ""),
        ("[US, GB]", '["#ad"]', ""),
        ("[US]", "[]", '"Affiliate link: I earn a commission on sales."'),
        ("[TR]", "[]", '"Bu linkten yapılan alışverişlerden komisyon alıyorum."'),
        ("[TR]", "[]", '"Marka ile ortaklığımız vardır."'),
    ],
)
def test_affiliate_labels_and_words_count(markets: str, tags: str, text: str) -> None:
    assert run_rule(RULE, _kind_brief("affiliate", markets, tags, text)) == []


def test_affiliate_without_a_label_is_one_error_per_market_with_affiliate_labels_first() -> None:
    findings = run_rule(RULE, _kind_brief("affiliate", "[TR, US]", '["#partner"]', '"Link below"'))
    assert summary(findings) == [
        (RULE, "error", 6, "/content/disclosure/tags"),
        (RULE, "error", 6, "/content/disclosure/tags"),
    ]
    assert findings[0].message.startswith(
        "No accepted advertising disclosure for market TR (accepted: #ortaklık, #işbirliği,"
        " #reklam, #sponsor)"
    )
    # a gift sentence is no affiliate disclosure
    gift_text = '"Lumina tarafından hediye edilmiştir"'
    assert len(run_rule(RULE, _kind_brief("affiliate", "[TR]", "[]", gift_text))) == 1


def test_non_commercial_is_silent_unless_a_creator_is_paid() -> None:
    unpaid = _kind_brief("non_commercial", "[TR]", "[]").replace("    platform_label: true\n", "")
    assert run_rule(RULE, unpaid) == []
    no_compensation = unpaid.replace(", compensation: {model: product_only}", "")
    assert run_rule(RULE, no_compensation) == []
    paid = unpaid.replace("{model: product_only}", "{model: flat_fee, fee: {amount: 100}}")
    assert summary(run_rule(RULE, paid)) == [
        (RULE, "warning", 5, "/content/disclosure/platform_label"),
        (RULE, "error", 6, "/content/disclosure/tags"),
    ]
    fee_only = unpaid.replace("{model: product_only}", "{fee: {amount: 5000, currency: TRY}}")
    assert len(run_rule(RULE, fee_only)) == 2
    assert (
        run_rule(
            RULE,
            paid.replace("tags: []", "tags: ['#reklam']").replace(
                "start_of_caption\n", "start_of_caption\n    platform_label: true\n"
            ),
        )
        == []
    )


MULTI = """\
campaign:
  markets: [TR]
  platforms: [tiktok, instagram, youtube]
content:
  disclosure:
    tags: ["#reklam"]
    placement: start_of_caption
deliverables:
{deliverables}"""


def test_platform_setting_is_one_finding_naming_each_platform_with_deliverables() -> None:
    deliverables = (
        "  - {influencer: '@a', platform: instagram, format: reel}\n"
        "  - {influencer: '@a', platform: youtube, format: short}\n"
        "  - {influencer: '@a', platform: instagram, format: story}\n"
    )
    findings = run_rule(RULE, MULTI.format(deliverables=deliverables))
    assert summary(findings) == [(RULE, "warning", 5, "/content/disclosure/platform_label")]
    assert findings[0].message == (
        "The platforms' paid-partnership settings are not turned on: Instagram's"
        ' "Paid partnership" label, YouTube\'s "includes paid promotion" box'
    )
    assert "TikTok" not in findings[0].message and "TikTok" not in (findings[0].fix or "")
    assert findings[0].edits == (Edit("set", "/content/disclosure/platform_label", True),)


def test_instagram_only_never_hears_about_tiktok() -> None:
    text = MULTI.format(deliverables="  - {influencer: '@a', format: reel}\n").replace(
        "[tiktok, instagram, youtube]", "[instagram]"
    )
    findings = run_rule(RULE, text)
    assert [f.message for f in findings] == [
        'Instagram\'s "Paid partnership" label is not turned on'
    ]
    text_v1 = text.replace("platforms: [instagram]", "platform: instagram")
    assert [f.message for f in run_rule(RULE, text_v1)] == [f.message for f in findings]
    on = text.replace("start_of_caption\n", "start_of_caption\n    platform_label: true\n")
    assert run_rule(RULE, on) == []


def test_v1_toggle_is_the_alias_of_platform_label() -> None:
    text = MULTI.format(deliverables="  - {influencer: '@a', format: video}\n").replace(
        "[tiktok, instagram, youtube]", "[tiktok]"
    )
    alias_off = text.replace(
        "start_of_caption\n", "start_of_caption\n    branded_content_toggle: false\n"
    )
    findings = run_rule(RULE, alias_off)
    assert summary(findings) == [(RULE, "warning", 8, "/content/disclosure/branded_content_toggle")]
    assert findings[0].message == (
        "TikTok's content disclosure (branded content) toggle is not turned on"
    )
    assert findings[0].edits == (Edit("set", "/content/disclosure/branded_content_toggle", True),)
    assert run_rule(RULE, alias_off.replace("toggle: false", "toggle: true")) == []


def test_no_placement_finding_when_no_label_is_accepted() -> None:
    text = MULTI.format(deliverables="  - {influencer: '@a', format: video}\n").replace(
        "[tiktok, instagram, youtube]", "[tiktok]"
    )
    buried = text.replace('["#reklam"]', '["#collab"]').replace("start_of_caption", "comments")
    assert summary(run_rule(RULE, buried)) == [
        (RULE, "warning", 5, "/content/disclosure/platform_label"),  # a different action
        (RULE, "error", 6, "/content/disclosure/tags"),
    ]
    # one market with a label: the placement is checked
    two = buried.replace("[TR]", "[TR, US]").replace('["#collab"]', '["#ad"]')
    assert summary(run_rule(RULE, two)) == [
        (RULE, "warning", 5, "/content/disclosure/platform_label"),
        (RULE, "error", 6, "/content/disclosure/tags"),
        (RULE, "warning", 7, "/content/disclosure/placement"),
    ]


def test_a_missing_disclosure_section_gives_only_the_label_errors() -> None:
    text = (
        "campaign:\n  markets: [TR, DE]\ncontent:\n  hashtags: ['#reklam']\n"
        "deliverables:\n  - {influencer: '@a', format: video}\n"
    )
    assert summary(run_rule(RULE, text)) == [(RULE, "error", 3, "/content")]
    # every market labelled through the hashtags: placement and setting are news
    labelled = text.replace("[TR, DE]", "[TR]")
    assert summary(run_rule(RULE, labelled)) == [
        (RULE, "warning", 3, "/content/disclosure/placement"),
        (RULE, "warning", 3, "/content/disclosure/platform_label"),
    ]


def test_affiliate_program_without_deliverables_hears_no_platform_setting() -> None:
    text = (
        "campaign:\n  kind: affiliate\n  markets: [US]\n"
        "content:\n  disclosure: {tags: ['#ad'], placement: start_of_caption}\n"
        "influencers:\n  - {handle: '@a', compensation: {revenue_share_percent: 10}}\n"
    )
    assert run_rule(RULE, text) == []


def test_kind_words_count_in_the_disclosure_text_only() -> None:
    tagged = _kind_brief("affiliate", "[US]", '["#affiliate"]')
    assert len(run_rule(RULE, tagged)) == 1
    sentence_as_tag = _kind_brief("gifted", "[TR]", '["Lumina tarafından hediye edilmiştir"]')
    assert len(run_rule(RULE, sentence_as_tag)) == 1
    # near misses: a word inside another word, a gift sentence without its verb
    assert len(run_rule(RULE, _kind_brief("affiliate", "[US]", "[]", '"Link in bio"'))) == 1
    gift_words = '"Lumina tarafından"'
    assert len(run_rule(RULE, _kind_brief("gifted", "[TR]", "[]", gift_words))) == 1
    unrelated = '"Thanks to everyone for watching"'
    assert len(run_rule(RULE, _kind_brief("gifted", "[US]", "[]", unrelated))) == 1
