"""Brief mistakes that used to confuse: a tab used for indentation, an enum value that is not
allowed, a document that is not a mapping at all."""

from __future__ import annotations

import pytest

from campaignlint import lint_text
from campaignlint.config import Config
from campaignlint.errors import InputError

BRIEF_WITH_BAD_MODEL = """\
campaign: {name: Glow, brand: Glowlab, objective: sales, start: 2027-03-01, end: 2027-03-31,
           budget: {amount: 100000, currency: TRY}}
target_audience: {age: {min: 18, max: 24}}
influencers:
  - handle: "@a"
    followers: 42000
    compensation: {model: barter}
deliverables: [{handle: "@a", format: video, count: 1, due: 2027-03-10}]
"""


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("campaign:\n\tname: Glow\n", 2, 1),
        ("campaign:\n  name: Glow\n  topics:\n  \t- dance\n", 4, 3),
    ],
)
def test_a_tab_used_for_indentation_is_named_at_the_tab(text: str, line: int, column: int) -> None:
    with pytest.raises(InputError) as caught:
        lint_text(text)
    assert str(caught.value) == (
        "invalid YAML: a tab is used for indentation; YAML allows only spaces there"
    )
    assert (caught.value.line, caught.value.column) == (line, column)


def test_a_tab_inside_a_value_is_not_blamed_on_indentation() -> None:
    with pytest.raises(InputError) as caught:
        lint_text("campaign:\n  name: [Glow\n")
    assert "tab" not in str(caught.value)


def test_an_enum_findings_fix_lists_the_allowed_values() -> None:
    findings = lint_text(BRIEF_WITH_BAD_MODEL, config=Config(select=("schema",)))
    (finding,) = [f for f in findings if f.pointer == "/influencers/0/compensation/model"]
    assert finding.fix == (
        "Write one of: flat_fee, per_follower, cpm, revenue_share, hybrid, product_only, none."
    )


def test_an_enum_typo_still_gets_a_did_you_mean() -> None:
    text = BRIEF_WITH_BAD_MODEL.replace("model: barter", "model: flat_fe")
    findings = lint_text(text, config=Config(select=("schema",)))
    (finding,) = [f for f in findings if f.pointer == "/influencers/0/compensation/model"]
    assert finding.fix == "Did you mean 'flat_fee'?"


@pytest.mark.parametrize(
    ("text", "shown"), [("- a\n- b\n", "a list"), ("just a sentence\n", "'just a sentence'")]
)
def test_a_document_that_is_not_a_mapping_is_one_schema_finding(text: str, shown: str) -> None:
    findings = lint_text(text)
    assert [(f.rule, f.line) for f in findings] == [("schema", 1)]
    assert findings[0].message.endswith(f"got {shown}")
    assert "campaignlint init --brief" in (findings[0].fix or "")
