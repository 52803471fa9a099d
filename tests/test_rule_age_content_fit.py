from campaignlint.rules.age_content_fit import _CACHED_TEXTS, _groups, _matcher, builtin_themes

from campaignlint.domain import parse_age_bucket
from campaignlint.text import fold
from tests.helpers import SAMPLES, run_rule, shared_example, summary

RULE = "age-content-fit"


def test_example_brief_is_clean() -> None:
    text = shared_example()
    assert run_rule(RULE, text) == []


def test_builtin_themes_are_the_seed_001_groups_in_english_and_turkish() -> None:
    themes = builtin_themes()
    assert {group for group in themes if parse_age_bucket(group)} == {"18-24", "25-34", "35-44"}
    assert set(themes["18-24"]) == {"dance", "music", "challenges", "fashion", "beauty"}
    assert set(themes["25-34"]) == {"social issues", "career", "healthy living", "comedy"}
    assert set(themes["35-44"]) == {"family", "travel", "education", "motivation"}
    assert {"makyaj*", "cilt bakım*", "güzellik*"} <= set(themes["18-24"]["beauty"])
    assert "dans*" in themes["18-24"]["dance"]


def test_topics_of_another_age_group_only_is_an_info_finding() -> None:
    findings = run_rule(
        RULE,
        """\
        target_audience:
          age: {min: 35, max: 44}
        content:
          topics: [DANS challenge, "#MakyajTutorial"]
        influencers:
          - {handle: "@a", followers: 85000, content_style: [fashion]}
        """,
    )
    assert summary(findings) == [("age-content-fit", "info", 4, "/content/topics")]
    message = findings[0].message
    assert "ages 18-24 (dance, challenges, fashion, beauty)" in message
    assert "none of ages 35-44" in message
    assert findings[0].fix is not None
    assert "family, travel, education, motivation" in findings[0].fix


def test_one_theme_of_the_target_group_keeps_it_silent() -> None:
    fragment = """\
        target_audience:
          age: {{min: 35, max: 44}}
        content:
          topics: [dance challenge, {extra}]
        """
    assert run_rule(RULE, fragment.format(extra="AİLE tatili")) == []  # Turkish: family holiday
    assert run_rule(RULE, fragment.format(extra="family picnic")) == []
    assert len(run_rule(RULE, fragment.format(extra="picnic"))) == 1


def test_dominant_group_is_where_most_of_the_target_range_falls() -> None:
    fragment = """\
        target_audience:
          age: {{min: {low}, max: {high}}}
        content:
          topics: [career tips, office comedy]
        """
    # 18-30: 7 years in 18-24, 6 in 25-34 -> 18-24 dominates; 25-34 themes only -> finding.
    findings = run_rule(RULE, fragment.format(low=18, high=30))
    assert summary(findings) == [("age-content-fit", "info", 4, "/content/topics")]
    assert "none of ages 18-24" in findings[0].message and "(18-30)" in findings[0].message
    # 18-40: 10 years in 25-34 -> dominant 25-34, and the topics fit it.
    assert run_rule(RULE, fragment.format(low=18, high=40)) == []
    # 20-29: a tie (5 and 5 years): both groups count as the target's.
    assert run_rule(RULE, fragment.format(low=20, high=29)) == []


def test_content_style_alone_points_at_the_first_matching_style() -> None:
    findings = run_rule(
        RULE,
        """\
        target_audience:
          age: {min: 18, max: 24}
        influencers:
          - {handle: "@a", followers: 1000, content_style: [unboxing]}
          - handle: "@b"
            followers: 1000
            content_style: [Seyahat vlog, parenting]
        """,
    )
    assert summary(findings) == [("age-content-fit", "info", 7, "/influencers/1/content_style")]
    assert "ages 35-44 (family, travel)" in findings[0].message


def test_topics_without_a_theme_point_at_the_style_that_matched() -> None:
    # domain.md: "content.topics and the creators' content_style match themes of other age
    # groups only": when only a style matches, the finding points at that style, not at topics.
    findings = run_rule(
        RULE,
        """\
        target_audience:
          age: {min: 35, max: 44}
        content:
          topics: [product demo]
        influencers:
          - {handle: "@a", followers: 1000}
          - {handle: "@b", followers: 1000, content_style: [Dance, MÜZİK]}
        """,
    )
    assert summary(findings) == [("age-content-fit", "info", 7, "/influencers/1/content_style")]
    assert "ages 18-24 (dance, music)" in findings[0].message


def test_whole_words_and_stems_only() -> None:
    fragment = """\
        target_audience:
          age: {{min: 35, max: 44}}
        content:
          topics: [{topic}]
        """
    # "abundance" contains "dance", "moment" starts with "mom", "grape" is not "rap".
    assert run_rule(RULE, fragment.format(topic="abundance of moments, grape juice")) == []
    assert len(run_rule(RULE, fragment.format(topic="dancers and rap"))) == 1


def test_no_theme_matched_or_targets_outside_the_groups_stay_silent() -> None:
    assert (
        run_rule(RULE, "target_audience: {age: {min: 35, max: 44}}\ncontent: {topics: [serum]}\n")
        == []
    )
    assert (
        run_rule(RULE, "target_audience: {age: {min: 50, max: 64}}\ncontent: {topics: [dance]}\n")
        == []
    )
    assert run_rule(RULE, "content: {topics: [dance]}\n") == []


def test_themes_option_extends_and_overrides() -> None:
    text = "target_audience: {age: {min: 35, max: 44}}\ncontent: {topics: [gardening, dance]}\n"
    assert len(run_rule(RULE, text)) == 1
    # "gardening" as a new 35-44 theme: the target group now matches.
    extended = {"themes": {"35-44": {"gardening": ["garden*", "bahçe*"]}}}
    assert run_rule(RULE, text, options=extended) == []
    # Removing the dance theme leaves nothing matched.
    assert run_rule(RULE, text, options={"themes": {"18-24": {"dance": []}}}) == []


def test_texts_matched_under_one_theme_set_are_matched_afresh_under_another() -> None:
    text = "target_audience: {age: {min: 35, max: 44}}\ncontent: {topics: [dance night]}\n"
    assert len(run_rule(RULE, text)) == 1
    # The same topic, now also a 35-44 keyword: remembered matches of the built-in set do not leak.
    retargeted = {"themes": {"35-44": {"night out": ["dance*"]}}}
    assert run_rule(RULE, text, options=retargeted) == []
    assert len(run_rule(RULE, text)) == 1


def test_remembered_texts_stay_bounded() -> None:
    matcher = _matcher(_groups({}))
    long_text = "dance " * 100
    assert matcher.found_in([f"dance {number}" for number in range(5000)] + [long_text])
    assert 0 < len(matcher._found) <= _CACHED_TEXTS
    assert fold(long_text) not in matcher._found


def test_builtin_themes_can_be_replaced_entirely() -> None:
    text = "target_audience: {age: {min: 45, max: 54}}\ncontent: {topics: [dance night]}\n"
    assert run_rule(RULE, text) == []
    options = {
        "builtin_themes": False,
        "themes": {"18-24": {"dance": ["dance*"]}, "45-54": {"gardening": ["garden*"]}},
    }
    findings = run_rule(RULE, text, options=options)
    assert summary(findings) == [("age-content-fit", "info", 2, "/content/topics")]
    assert "none of ages 45-54" in findings[0].message


def test_wrong_types_are_skipped_without_a_crash() -> None:
    findings = run_rule(
        RULE,
        """\
        target_audience:
          age: {min: "35", max: 44}
        content:
          topics: {dance: yes}
        influencers:
          - {handle: "@a", content_style: 5}
          - [dance]
        """,
    )
    assert findings == []
    findings = run_rule(
        RULE,
        """\
        target_audience: {age: {min: 35, max: 44}}
        content: [dance]
        influencers: {handle: "@a", content_style: [dance]}
        """,
    )
    assert findings == []


def test_mistake_sample_shows_the_rule() -> None:
    text = (SAMPLES / "mistakes" / "age-content-fit.yaml").read_text(encoding="utf-8")
    findings = run_rule(RULE, text)
    assert [(f.severity.value, f.pointer) for f in findings] == [("info", "/content/topics")]
