import pytest

from campaignlint.config import Config
from campaignlint.engine import lint_text
from tests.helpers import FIXED_TODAY, run_rule, summary

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
    # Quoted as written (Contract v2), not as the folded matching key.
    assert "'TODO'" in findings[0].message
    assert "'Lorem Ipsum'" in findings[1].message
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


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Budget XX TL", "XX"),
        ("XXX", "XXX"),
        ("Code: XXXX", "XXXX"),
        ("#XXX", "XXX"),
        ("Tag @XXX in the caption", "XXX"),
        ("Due XX.XX.2027", "XX"),
        ("Launch date TBC", "TBC"),
        ("Fee to be confirmed", "to be confirmed"),
        ("Topic To Be Decided later", "To Be Decided"),
        ("Owner [TBD]", "[TBD]"),
        ("Hi {{first_name}}, welcome", "{{first_name}}"),
        ("Mention <insert product name> twice", "<insert product name>"),
        ("Ödeme …………… tarihinde", "……………"),
        ("Ödeme …… tarihinde", "……"),
        ("Tarih: .... ", "...."),
        ("____ tarihinde yayınlanır", "____"),
        ("Tarih belirlenecek", "belirlenecek"),
        ("Tarih sonra belirlenecek", "sonra belirlenecek"),
        ("Link eklenecek", "eklenecek"),
        ("Bu alan doldurulacak", "doldurulacak"),
        ("[marka] ürününü göster", "[marka]"),
        ("Merhaba [İsim]", "[İsim]"),
        ("Yayın: [tarih]", "[tarih]"),
    ],
)
def test_each_v2_placeholder_is_found_and_quoted_as_written(text: str, quoted: str) -> None:
    findings = run_rule(RULE, f"content:\n  guidelines: '{text}'\n")
    assert summary(findings) == [(RULE, "error", 2, "/content/guidelines")]
    assert findings[0].message == f"content.guidelines contains placeholder text '{quoted}'"


@pytest.mark.parametrize(
    "text",
    [
        "Sizes S to XXL",
        "Use #XXXsale in the caption",
        "Tag @xx.studio",
        "Tag @XX.studio",
        "Post it and wait...",
        "Bekleyin....",
        "Show the serum… then smile",
        "xx and xxx in lower case",
        "tbc in lower case",
        "a __dunder__ name",
        "<b>bold</b> and <br>",
        "The {single} brace",
        "Eklenecekler listesi",
    ],
)
def test_near_misses_are_not_placeholders(text: str) -> None:
    assert run_rule(RULE, f"content:\n  guidelines: '{text}'\n") == []


def test_one_finding_per_field_naming_every_placeholder() -> None:
    findings = run_rule(RULE, "campaign:\n  name: 'XXX launch, TBD, then XXX again and tbd'\n")
    assert summary(findings) == [(RULE, "error", 2, "/campaign/name")]
    assert findings[0].message == "campaign.name contains placeholder texts 'XXX', 'TBD'"


def test_each_list_item_is_its_own_field() -> None:
    findings = run_rule(RULE, 'content:\n  hashtags: ["#XXX", "#XXX", "#glow", "#XXX"]\n')
    assert [f.pointer for f in findings] == [
        "/content/hashtags/0",
        "/content/hashtags/1",
        "/content/hashtags/3",
    ]


def test_x_keys_are_not_scanned() -> None:
    text = "x-todo: 'XXX ____ {{name}} belirlenecek'\ncampaign:\n  x-note: TBC\n"
    assert run_rule(RULE, text) == []


def test_a_value_the_schema_rejects_is_the_schema_finding_only() -> None:
    config = Config(select=(RULE, "schema"))
    text = "campaign:\n  markets: [XX, TR]\ntarget_audience:\n  languages: [XX]\n"
    findings = lint_text(text, config=config, today=FIXED_TODAY)
    by_pointer = {(f.rule, f.pointer) for f in findings}
    assert ("schema", "/campaign/markets/0") in by_pointer
    assert ("schema", "/target_audience/languages/0") in by_pointer
    assert not [f for f in findings if f.rule == RULE]


def test_mistake_sample_gives_one_finding_per_field_and_nothing_else() -> None:
    from tests.helpers import SAMPLES

    text = (SAMPLES / "mistakes" / "placeholder-text.yaml").read_text(encoding="utf-8")
    findings = lint_text(text, config=Config(), today=FIXED_TODAY)
    assert [(f.rule, f.pointer) for f in findings] == [
        (RULE, "/content/topics/1"),
        (RULE, "/content/guidelines"),
        (RULE, "/content/hashtags/1"),
        (RULE, "/content/hashtags/3"),
        (RULE, "/contract/termination"),
        (RULE, "/contract/clauses/1"),
    ]
    assert findings[1].message.endswith("placeholder texts 'XX', '{{first_name}}'")
    assert findings[4].message.endswith("'……………', 'sonra belirlenecek', 'TBC'")


def test_holders_are_the_values_a_search_of_each_finds_a_placeholder_in() -> None:
    from campaignlint.placeholders import find, holders

    texts = [
        "fine",
        "line one\nTODO later",
        "@XX.studio",  # a longer handle, not a blank
        "more\n\ntext",
        "[brand] launch",
        "Wait....",  # dots attached to a word: no blank
        "{{name}}",
    ]
    assert holders(texts) == [1, 4, 6]
    assert [index for index, text in enumerate(texts) if find(text)] == [1, 4, 6]
    assert holders(["a", "b"], markers=["to\ndo"]) == [0, 1]  # a marker across lines: all
    assert holders(["nothing here", "at all"]) == []
