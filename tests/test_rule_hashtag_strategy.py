from campaignlint.model import Edit
from tests.helpers import run_rule, summary

RULE = "hashtag-strategy"

HEAD = """\
campaign:
  name: Glow Serum Launch
  brand: Lumina Cosmetics
content:
"""


def tags(line: str) -> str:
    return HEAD + f"  hashtags: {line}\n"


def test_too_many_hashtags() -> None:
    findings = run_rule(RULE, tags('["#LuminaGlow", "#a", "#b", "#c", "#d", "#e"]'))
    assert summary(findings) == [(RULE, "warning", 5, "/content/hashtags")]
    assert "6 hashtags" in findings[0].message and "at most 5" in findings[0].message
    assert "Remove 1 of the tags" in (findings[0].fix or "")


def test_five_hashtags_is_the_silent_edge_and_option_lowers_it() -> None:
    text = tags('["#LuminaGlow", "#a", "#b", "#c", "#d"]')
    assert run_rule(RULE, text) == []
    findings = run_rule(RULE, text, options={"max_hashtags": 3})
    assert summary(findings) == [(RULE, "warning", 5, "/content/hashtags")]
    assert "5 hashtags" in findings[0].message and "at most 3" in findings[0].message


def test_all_generic_tags() -> None:
    findings = run_rule(RULE, tags('["#FYP", "#keşfet", "#ad", "#LuminaGlow_viral"]'))
    assert findings == []  # the brand tag is not generic
    findings = run_rule(RULE, tags('["#FYP", "#Keşfet", "#reklam"]') + "x-brand-tag: none\n")
    assert summary(findings) == [
        (RULE, "warning", 5, "/content/hashtags"),
        (RULE, "info", 5, "/content/hashtags"),
    ]
    assert "All hashtags are generic (#FYP, #Keşfet)" in findings[0].message


def test_generic_tags_option() -> None:
    text = tags('["#LuminaGlow", "#skincare"]')
    assert run_rule(RULE, text, options={"generic_tags": ["#skincare", "#LuminaGlow"]}) != []
    findings = run_rule(RULE, tags('["#fyp", "#viral"]'), options={"generic_tags": ["#x"]})
    assert summary(findings) == [(RULE, "info", 5, "/content/hashtags")]


def test_brand_tag_matching() -> None:
    # Brand words of 4+ letters, the whole brand or campaign name, Turkish-aware folding.
    for good in ("#LuminaGlow", "#luminacosmetics", "#GlowSerumLaunch", "#serumtest", "#LUMİNA"):
        assert run_rule(RULE, tags(f'["{good}", "#skincare"]')) == [], good
    # "Launch" and "Cosmetics" are not distinctive; a tag must contain a word, not the reverse.
    for bad in ("#launch", "#cosmetics", "#lum", "#skincare"):
        findings = run_rule(RULE, tags(f'["{bad}"]'))
        assert summary(findings) == [(RULE, "info", 5, "/content/hashtags")], bad
    assert "#LuminaCosmetics" in (findings[0].fix or "")
    assert "Lumina Cosmetics / Glow Serum Launch" in findings[0].message


def test_no_hashtags_at_all_still_misses_the_brand_tag() -> None:
    findings = run_rule(RULE, HEAD + "  topics: [serum]\n")
    assert summary(findings) == [(RULE, "info", 4, "/content/hashtags")]
    assert run_rule(RULE, "content:\n  hashtags: []\n") == []  # no brand known


def test_malformed_tags_one_error_each() -> None:
    findings = run_rule(
        RULE,
        HEAD
        + """\
  hashtags:
    - "#LuminaGlow_2027"
    - skincare
    - "#cilt bakımı"
    - "#glow-serum"
    - "#"
""",
    )
    assert summary(findings) == [
        (RULE, "error", 7, "/content/hashtags/1"),
        (RULE, "error", 8, "/content/hashtags/2"),
        (RULE, "error", 9, "/content/hashtags/3"),
        (RULE, "error", 10, "/content/hashtags/4"),
    ]
    missing, space, punctuation, empty = findings
    assert "'skincare' does not start with #" in missing.message
    assert missing.edits == (Edit("set", "/content/hashtags/1", "#skincare"),)
    assert "contains a space" in space.message and space.edits == ()
    assert "#ciltbakımı" in (space.fix or "")
    assert "punctuation (-)" in punctuation.message and "#glowserum" in (punctuation.fix or "")
    assert "no letters" in empty.message


def test_duplicates_after_turkish_folding_at_the_later_item() -> None:
    findings = run_rule(
        RULE, tags('["#CiltBakımı", "#LuminaGlow", "#ciltbakimi", "#CİLTBAKIMI", "#kesfet"]')
    )
    assert summary(findings) == [
        (RULE, "warning", 5, "/content/hashtags/2"),
        (RULE, "warning", 5, "/content/hashtags/3"),
    ]
    assert "'#ciltbakimi' repeats '#CiltBakımı'" in findings[0].message
    assert findings[0].edits == (Edit("remove", "/content/hashtags/2"),)
    assert findings[0].column < findings[1].column


def test_repeat_without_hash_gets_only_the_removal() -> None:
    findings = run_rule(RULE, tags('["#LuminaGlow", "luminaglow"]'))
    assert [(f.severity.value, f.edits) for f in findings] == [
        ("error", ()),
        ("warning", (Edit("remove", "/content/hashtags/1"),)),
    ]


def test_example_brief_tags_are_clean() -> None:
    assert run_rule(RULE, tags('["#LuminaGlow", "#skincare", "#ciltbakımı", "#reklam"]')) == []


def test_wrong_types_do_not_crash() -> None:
    assert run_rule(RULE, HEAD + '  hashtags: "#LuminaGlow #fyp"\n') == []
    findings = run_rule(RULE, HEAD + '  hashtags: [5, null, {a: 1}, ["#x"], "#LuminaGlow"]\n')
    assert findings == []
    assert run_rule(RULE, "campaign: {brand: [x], name: 5}\ncontent: [1]\n") == []
    assert run_rule(RULE, "content: {hashtags: {a: b}}\n") == []


def test_a_placeholder_tag_is_not_also_malformed_or_repeated() -> None:
    # Contract v2: "#XXX" three times and "#[marka]" are placeholder-text's findings only.
    text = tags('["#LuminaGlow", "#XXX", "#XXX", "#[marka]", "#XXX"]')
    assert run_rule(RULE, text) == []
    both = run_rule(RULE, text, options={}) + run_rule("placeholder-text", text)
    assert [(f.rule, f.pointer) for f in both] == [
        ("placeholder-text", "/content/hashtags/1"),
        ("placeholder-text", "/content/hashtags/2"),
        ("placeholder-text", "/content/hashtags/3"),
        ("placeholder-text", "/content/hashtags/4"),
    ]
    # A real tag that is malformed or repeated still is.
    assert len(run_rule(RULE, tags('["#LuminaGlow", "#glow serum", "#LuminaGlow"]'))) == 2


def test_count_hint_names_the_tags_to_drop_generic_first() -> None:
    text = tags('["#LuminaGlow", "#skincare", "#fyp", "#serum", "#viral", "#ad", "#glow"]')
    (found,) = run_rule(RULE, text)
    assert found.message == "The post carries 7 hashtags; keep at most 5"
    assert found.fix == (
        "Remove 2 of the tags: #fyp, #viral. Keep the brand tag, the disclosure label and the"
        " most relevant topic tags."
    )


def test_count_hint_counts_the_tags_other_fixes_add_and_never_keeps_a_missing_brand_tag() -> None:
    # No brand tag (hashtag-strategy asks for one) and no disclosure label (--fix adds #reklam
    # for TR): the six tags become eight, so three must go, and "keep the brand tag" is not said.
    text = (
        "campaign:\n  name: Glow Serum Launch\n  brand: Lumina Cosmetics\n  markets: [tr]\n"
        "content:\n  disclosure: {placement: start_of_caption}\n"
        '  hashtags: ["#skincare", "#fyp", "#hydration", "#viral", "#morning", "#routine"]\n'
    )
    findings = [f for f in run_rule(RULE, text) if "hashtags;" in f.message]
    assert findings[0].fix == (
        "Remove 3 of the tags: #fyp, #viral, #routine. Keep the disclosure label and the most"
        " relevant topic tags. This counts what the other fixes add: #reklam, a brand tag."
    )
    assert "brand tag, the" not in (findings[0].fix or "")


def test_count_hint_when_removing_repeats_is_enough() -> None:
    text = tags('["#LuminaGlow", "#a", "#b", "#A", "#c", "#ad"]')
    found = [f for f in run_rule(RULE, text) if "hashtags;" in f.message]
    assert found[0].fix == "Remove the repeated tags; that leaves 5 or fewer."


def test_disclosure_labels_are_the_ones_missing_disclosure_accepts() -> None:
    # One list (campaignlint/data/disclosure_tags.json): "#ads" is no accepted label, so it
    # is a tag like any other and the count hint counts the "#ad" that --fix adds.
    from rules.hashtag_strategy import disclosure_tags

    assert {"reklam", "isbirligi", "publicite", "werbung", "ad"} <= disclosure_tags()
    assert "ads" not in disclosure_tags()
    text = (
        "campaign:\n  name: Glow Serum Launch\n  brand: Lumina Cosmetics\n  markets: [us]\n"
        "content:\n  disclosure: {placement: start_of_caption}\n"
        '  hashtags: ["#LuminaGlow", "#skincare", "#ads", "#serum", "#glow", "#fyp"]\n'
    )
    [found] = [f for f in run_rule(RULE, text) if "hashtags;" in f.message]
    assert found.fix == (
        "Remove 2 of the tags: #fyp, #ads. Keep the brand tag, the disclosure label and the"
        " most relevant topic tags. This counts what the other fixes add: #ad."
    )
