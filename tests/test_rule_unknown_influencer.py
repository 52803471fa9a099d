from tests.helpers import run_rule, summary

RULE = "unknown-influencer"


def test_every_handle_matched_stays_silent_with_turkish_folding_and_at_sign() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@Ayşe.Glow", followers: 85000}
          - {handle: "MERT.FIT", followers: 42000}
          - {handle: "@ılgın", followers: 9000}
        deliverables:
          - {influencer: ayse.glow, format: video}
          - {influencer: "@mert.fıt", format: video}
          - {influencer: "@ILGIN", format: story}
        """,
    )
    assert findings == []


def test_unknown_handle_is_an_error_with_the_closest_handle_suggested() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@ayse.glow", followers: 85000}
          - {handle: "@mert.fit", followers: 42000}
        deliverables:
          - {influencer: "@ayse_glow", format: video}
          - {influencer: "@mert.fit", format: video}
        """,
    )
    assert summary(findings) == [
        ("unknown-influencer", "warning", 2, "/influencers/0/handle"),
        ("unknown-influencer", "error", 5, "/deliverables/0/influencer"),
    ]
    unknown = findings[1]
    assert "@ayse_glow" in unknown.message
    assert unknown.fix is not None and "Did you mean @ayse.glow?" in unknown.fix
    assert unknown.column == 18


def test_unknown_handle_far_from_any_listed_one_gets_no_suggestion() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - {handle: "@ayse.glow", followers: 85000}
        deliverables:
          - {influencer: "@ayse.glow"}
          - {influencer: "@zz"}
        """,
    )
    assert summary(findings) == [("unknown-influencer", "error", 5, "/deliverables/1/influencer")]
    assert findings[0].fix is not None
    assert "Did you mean" not in findings[0].fix
    assert "Add @zz to influencers" in findings[0].fix


def test_influencer_without_deliverable_is_a_warning_at_its_handle() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - handle: "@ayse.glow"
            followers: 85000
          - handle: "@mert.fit"
            followers: 42000
        deliverables:
          - influencer: "@ayse.glow"
        """,
    )
    assert summary(findings) == [("unknown-influencer", "warning", 4, "/influencers/1/handle")]
    assert "@mert.fit" in findings[0].message
    assert "no deliverable" in findings[0].message


def test_empty_deliverable_list_leaves_every_influencer_idle() -> None:
    text = 'influencers:\n  - {handle: "@a"}\n  - {handle: "@b"}\ndeliverables: []\n'
    # Contract v2: one finding naming both, at the first, the other as a related location.
    findings = run_rule(RULE, text)
    assert summary(findings) == [("unknown-influencer", "warning", 2, "/influencers/0/handle")]
    assert findings[0].message == "2 creators in the influencer list have no deliverable: @a, @b."
    assert [(place.pointer, place.line) for place in findings[0].related] == [
        ("/influencers/1/handle", 3)
    ]


def test_the_same_unknown_handle_in_several_deliverables_is_one_finding() -> None:
    text = """\
    influencers:
      - {handle: "@ayse.glow"}
    deliverables:
      - {influencer: "@ayse_glow"}
      - {influencer: "@ayse.glow"}
      - {influencer: "@Ayse_Glow"}
      - {influencer: "@nobody"}
    """
    findings = run_rule(RULE, text)
    assert summary(findings) == [
        ("unknown-influencer", "error", 4, "/deliverables/0/influencer"),
        ("unknown-influencer", "error", 7, "/deliverables/3/influencer"),
    ]
    assert findings[0].message == (
        "2 deliverables name @ayse_glow, who is not in the influencer list."
    )
    assert [place.line for place in findings[0].related] == [6]
    assert "@ayse.glow" in (findings[0].fix or "")
    assert findings[1].related == ()


def test_missing_deliverables_section_is_left_to_the_schema() -> None:
    assert run_rule(RULE, 'influencers:\n  - {handle: "@a"}\n') == []


def test_options_turn_off_idle_report_and_tune_suggestions() -> None:
    text = """\
    influencers:
      - {handle: "@ayse.glow"}
      - {handle: "@mert.fit"}
    deliverables:
      - {influencer: "@ayse.glow"}
      - {influencer: "@ayse.glw"}
    """
    default = run_rule(RULE, text)
    assert summary(default) == [
        ("unknown-influencer", "warning", 3, "/influencers/1/handle"),
        ("unknown-influencer", "error", 6, "/deliverables/1/influencer"),
    ]
    assert default[1].fix is not None and "Did you mean @ayse.glow?" in default[1].fix
    strict = run_rule(
        RULE, text, options={"report_idle_influencers": False, "suggestion_cutoff": 1.0}
    )
    assert summary(strict) == [("unknown-influencer", "error", 6, "/deliverables/1/influencer")]
    assert strict[0].fix is not None and "Did you mean" not in strict[0].fix


def test_wrong_types_do_not_crash() -> None:
    findings = run_rule(
        RULE,
        """\
        influencers:
          - just a string
          - {handle: 42}
          - {handle: ""}
          - {handle: "@ok"}
        deliverables:
          - 7
          - {influencer: {name: x}}
          - {influencer: ""}
          - {influencer: "@ok"}
        """,
    )
    assert findings == []


def test_a_handle_of_wrong_type_makes_no_creator_unknown_or_idle() -> None:
    # domain.md: a rule skips the fields it cannot read, without a finding.
    text = 'influencers:\n  - {handle: 12345}\ndeliverables:\n  - {influencer: "@ayse.glow"}\n'
    assert run_rule(RULE, text) == []
    text = 'influencers:\n  - {handle: "@ayse.glow"}\ndeliverables:\n  - {influencer: 5}\n'
    assert run_rule(RULE, text) == []
    text = (
        'influencers:\n  - {handle: 12345}\n  - {handle: "@mert.fit"}\n'
        'deliverables:\n  - {influencer: "@ayse.glow"}\n'
    )
    assert summary(run_rule(RULE, text)) == [
        ("unknown-influencer", "warning", 3, "/influencers/1/handle")
    ]


def test_influencers_of_wrong_shape_skip_the_rule() -> None:
    text = 'influencers: {handle: "@a"}\ndeliverables:\n  - {influencer: "@b"}\n'
    assert run_rule(RULE, text) == []
    text = 'influencers: [{handle: "@a"}]\ndeliverables: "@a"\n'
    assert run_rule(RULE, text) == []


def test_empty_influencer_list_makes_every_named_creator_unknown() -> None:
    text = 'influencers: []\ndeliverables:\n  - {influencer: "@b"}\n'
    assert summary(run_rule(RULE, text)) == [
        ("unknown-influencer", "error", 3, "/deliverables/0/influencer")
    ]


def test_unknown_handles_with_the_same_advice_are_one_finding() -> None:
    # Contract v2: they read the same except for the handle; a handle with its own
    # did-you-mean reads differently and stays apart.
    text = """\
    influencers:
      - {handle: "@ayse.glow"}
    deliverables:
      - {influencer: "@ayse.glow"}
      - {influencer: "@nobody"}
      - {influencer: "@stranger"}
      - {influencer: "@ayse_glow"}
    """
    findings = run_rule(RULE, text)
    assert summary(findings) == [
        ("unknown-influencer", "error", 5, "/deliverables/1/influencer"),
        ("unknown-influencer", "error", 7, "/deliverables/3/influencer"),
    ]
    assert findings[0].message == (
        "The deliverables name @nobody, @stranger, who are not in the influencer list."
    )
    assert findings[0].fix == (
        "Add @nobody, @stranger to influencers with followers and audience data, or name a"
        " listed creator."
    )
    assert [r.line for r in findings[0].related] == [6]
    assert "Did you mean @ayse.glow?" in (findings[1].fix or "")
