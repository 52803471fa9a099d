from tests.helpers import run_rule, summary

RULE = "placeholder-text"


def test_reports_each_placeholder_field_with_marker_and_line() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          name: TODO campaign name
          brand: Lumina
        content:
          guidelines: Lorem Ipsum dolor sit amet.
          topics: [serum test, "Mention [brand] here"]
        contract:
          duties: Payment TBD
        """,
    )
    assert summary(findings) == [
        ("placeholder-text", "error", 2, "/campaign/name"),
        ("placeholder-text", "error", 5, "/content/guidelines"),
        ("placeholder-text", "error", 6, "/content/topics/1"),
        ("placeholder-text", "error", 8, "/contract/duties"),
    ]
    assert "'todo'" in findings[0].message
    assert "'lorem ipsum'" in findings[1].message
    assert findings[0].column == 9


def test_clean_text_and_near_misses_stay_silent() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          name: Todos los días        # "todo" inside a word
          brand: Mixxxer              # "xxx" inside a word
        content:
          guidelines: Show the serum; is it the best? Ask the audience.
          x-notes: TODO confirm the launch date   # team notes are exempt
        """,
    )
    assert findings == []


def test_placeholder_in_an_x_anchor_is_reported_where_it_is_aliased() -> None:
    # domain.md: "any string value containing ... TBD"; x- keys hold anchors, and an anchor's
    # text used in a real field is that field's value (reported at the alias).
    findings = run_rule(
        RULE,
        """\
        x-deal: &deal
          model: flat_fee
          fee: {amount: 1000, currency: TBD}
        influencers:
          - {handle: "@a", followers: 1000, compensation: {model: flat_fee}}
          - handle: "@b"
            followers: 1000
            compensation: *deal
        """,
    )
    assert summary(findings) == [
        ("placeholder-text", "error", 8, "/influencers/1/compensation/fee/currency")
    ]


def test_turkish_casing_matches() -> None:
    findings = run_rule(RULE, "content:\n  guidelines: LOREM İPSUM dolor\n")
    assert summary(findings) == [("placeholder-text", "error", 2, "/content/guidelines")]


def test_markers_option_overrides_defaults() -> None:
    text = "campaign:\n  name: Launch (draft)\n  brand: TODO\n"
    findings = run_rule(RULE, text, options={"markers": ["(draft)"]})
    assert summary(findings) == [("placeholder-text", "error", 2, "/campaign/name")]
