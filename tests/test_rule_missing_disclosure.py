import pytest

from campaignlint.model import Edit
from tests.helpers import run_rule, shared_example, summary

RULE = "missing-disclosure"


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
    findings = run_rule(RULE, "campaign:\n  name: Launch\n")
    assert summary(findings) == [
        (RULE, "error", 1, "/content"),
        (RULE, "warning", 1, "/content/disclosure/placement"),
        (RULE, "warning", 1, "/content/disclosure/branded_content_toggle"),
    ]
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


def test_stating_the_disclosure_is_not_hiding_it() -> None:
    text = _brief(
        "[TR]",
        '["#reklam"]',
        extra="contract:\n  clauses:\n    - Reklam olduğunu söylemesi zorunludur.\n"
        "    - The creator must say it is an ad.\n  x-notes: not an ad? ask legal\n",
    )
    assert run_rule(RULE, text) == []


def test_buried_placement_and_toggle_off_warn_with_fixes() -> None:
    text = _brief("[TR]", '["#reklam"]').replace("start_of_caption", "comments")
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
        RULE, 'campaign:\n  markets: [US]\ncontent:\n  disclosure:\n    tags: ["#ad"]\n'
    )
    assert summary(findings) == [
        (RULE, "warning", 4, "/content/disclosure/placement"),
        (RULE, "warning", 4, "/content/disclosure/branded_content_toggle"),
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
