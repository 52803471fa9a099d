from campaignlint.brief import Brief
from campaignlint.i18n import _
from campaignlint.loader import load_text

TEXT = """\
campaign:
  name: Launch
content:
  topics: []
  approval:
    rounds: 2
kpis:
  - {metric: views}
"""


def _line(pointer: str) -> int:
    brief = Brief(load_text(TEXT))
    problem = brief.missing(pointer, _("missing"))
    assert problem.pointer == pointer
    assert problem.position is not None
    return problem.position[0]


def test_missing_points_at_the_nearest_present_key() -> None:
    assert _line("/content/topics") == 4  # present but empty: its own key
    assert _line("/content/guidelines") == 3  # absent: the parent's key
    assert _line("/content/approval/required") == 5
    assert _line("/kpis/0/target") == 8  # a list item has no key: the item itself
    assert _line("/tracking/methods") == 1  # nothing present: the top of the file


def test_missing_keeps_the_given_severity() -> None:
    brief = Brief(load_text(TEXT))
    assert brief.missing("/x", _("m"), severity="info").severity == "info"
    assert brief.missing("/x", _("m")).severity is None


REJECTING = """\
campaign:
  objective: salez
  markets: [TR, GERMANY, de]
tracking:
  methods: [promo_code, tiktok analytics]
  pre_campaign_analysis: "yes"
influencers:
  - {handle: "@a", followers: 1000}
"""


def test_values_the_schema_rejects_are_not_read() -> None:
    from campaignlint.brief import REJECTED

    brief = Brief(load_text(REJECTING))
    assert brief.rejected == {
        "/campaign/objective",
        "/campaign/markets/1",
        "/tracking/methods/1",
        "/tracking/pre_campaign_analysis",
    }
    assert brief.text("/campaign/objective") is None
    assert brief.boolean("/tracking/pre_campaign_analysis") is None
    # An item rejected in a list leaves the others readable, at their own pointers.
    assert list(brief.strings("/campaign/markets")) == [
        ("/campaign/markets/0", "TR"),
        ("/campaign/markets/2", "de"),
    ]
    assert brief.markets() == ["TR", "DE"]
    assert brief.get("/tracking/methods/1") is REJECTED
    assert brief.text("/influencers/0/handle") == "@a"
    # As written, for the schema rule and the reports.
    assert brief.document.data["campaign"]["markets"][1] == "GERMANY"


def test_findings_on_a_rejected_value_or_its_list_are_hidden() -> None:
    brief = Brief(load_text(REJECTING))
    assert brief.hides("/campaign/objective")
    assert brief.hides("/tracking/methods")  # "no attributable method" could rest on it
    assert brief.hides("/tracking/methods/1")
    assert not brief.hides("/tracking/methods/0")
    assert not brief.hides("/campaign")
    assert not brief.hides("")
    assert not Brief(load_text("campaign: {name: x}\n")).hides("/campaign/name")


def test_a_valid_brief_is_read_as_written() -> None:
    document = load_text(TEXT)
    brief = Brief(document)
    assert brief.rejected == frozenset()
    assert brief.data is document.data
    assert brief.markets() is None and brief.languages() == []


def test_merge_by_item_groups_what_reads_the_same() -> None:
    brief = Brief(load_text("a: [1, 2, 3]\n"))
    same = [brief.problem(f"/a/{i}", _("{handle} is late", handle=f"@{i}")) for i in range(3)]
    other = brief.problem("/a/2", _("{handle} is early", handle="@2"))
    merged = brief.merge_by_item([*same, other])
    assert [p.pointer for p in merged] == ["/a/0", "/a/2"]
    assert str(merged[0].message) == "@0, @1, @2 is late"
    assert [(r.pointer, r.line) for r in merged[0].related] == [("/a/1", 1), ("/a/2", 1)]
    assert merged[1].related == ()
    plural = brief.merge_by_item(same[:2], plurals={"{handle} is late": _("{handle} are late")})
    assert str(plural[0].message) == "@0, @1 are late"


def test_a_rejected_enum_value_is_unknown_not_absent() -> None:
    """A model the schema rejects ("Product-Only") must not read as "no model", which
    budget-fit treats as a flat fee: a fee of 0 would become a follow-on error."""
    from campaignlint.config import Config
    from campaignlint.domain import keyword
    from campaignlint.engine import lint_text

    text = (
        "influencers:\n"
        "  - handle: '@a'\n"
        "    compensation: {model: Product-Only, fee: {amount: 0, currency: TRY}}\n"
    )
    brief = Brief(load_text(text))
    assert keyword(brief.get("/influencers/0/compensation/model")) not in (None, "product_only")
    assert lint_text(text, config=Config(select=("budget-fit",))) == []
    flat = text.replace("Product-Only", "flat_fee")
    assert len(lint_text(flat, config=Config(select=("budget-fit",)))) == 1


STRINGS = """\
x-notes: &shared
  memo: kept for the team
  nested: {deep: aliased note}
campaign:
  name: Launch
  a/b: slash
content:
  topics: [fitness]
  first: &tip {hint: stretch}
  x-draft: not scanned
  again: *shared
  twice: *tip
"""


def test_string_values_is_one_pass_over_the_strings_outside_team_notes() -> None:
    brief = Brief(load_text(STRINGS))
    found = [(value.pointer, value.text, value.walked) for value in brief.string_values]
    assert found == [
        ("/campaign/name", "Launch", True),
        ("/campaign/a~1b", "slash", True),
        ("/content/topics/0", "fitness", True),
        ("/content/first/hint", "stretch", True),
        # defined in team notes, aliased into a real field: scanned there, once; walk_strings
        # met the object first inside the notes
        ("/content/again/memo", "kept for the team", False),
        ("/content/again/nested/deep", "aliased note", False),
    ]
    walked = [(p, t) for p, t in brief.walk_strings() if "/x-" not in p]
    assert walked == [(v.pointer, v.text) for v in brief.string_values if v.walked]


def test_string_texts_are_the_texts_of_string_values_with_or_without_aliases() -> None:
    unshared = (
        "campaign:\n  name: Launch\n  x-note: not scanned\ncontent:\n  topics: [fitness, 3]\n"
    )
    for text in (STRINGS, unshared):
        brief = Brief(load_text(text))
        assert brief.string_texts() == [value.text for value in brief.string_values]
        walked = [value.text for value in brief.string_values if value.walked]
        assert brief.string_texts(walked_only=True) == walked
    assert Brief(load_text(unshared)).string_texts() == ["Launch", "fitness"]
    assert Brief(load_text("just text")).string_texts() == ["just text"]
    large = unshared + "  hashtags:\n" + "".join(f"  - '#tag{n}'\n" for n in range(20_000))
    assert len(large) > 256 * 1024  # read from string_values: one walk, not two
    brief = Brief(load_text(large))
    assert brief.string_texts() == ["Launch", "fitness", *(f"#tag{n}" for n in range(20_000))]
