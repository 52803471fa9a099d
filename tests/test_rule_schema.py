"""`schema`: violations at the offending node, in words a marketer understands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SHARED, run_rule, summary

RULE = "schema"

VALID = """\
campaign:
  name: Glow
  brand: Lumina
  objective: sales
  start: 2027-03-01
  end: "2027-03-31"
  budget: {amount: 250000, currency: TRY}
target_audience: {age: {min: 18, max: 24}}
influencers:
  - {handle: "@ayse", followers: 85000}
deliverables:
  - influencer: "@ayse"
    posting_windows: [{days: [fri], from: 19:00, to: "22:00", timezone: Europe/Istanbul}]
x-team:
  owner: Deniz
"""


def test_the_example_brief_and_a_minimal_valid_brief_pass() -> None:
    example = SHARED / "brief-example.yaml"
    if example.exists():
        assert run_rule(RULE, example.read_text(encoding="utf-8")) == []
    assert run_rule(RULE, VALID) == []


def test_wrong_type_points_at_the_value_with_a_plain_message() -> None:
    findings = run_rule(RULE, VALID.replace("amount: 250000", "amount: ten thousand"))
    assert summary(findings) == [("schema", "error", 7, "/campaign/budget/amount")]
    assert findings[0].message == ("campaign.budget.amount must be a number, got 'ten thousand'")
    assert findings[0].column == 20


def test_unknown_key_is_reported_at_the_key_with_a_suggestion() -> None:
    findings = run_rule(RULE, VALID.replace("influencers:", "infuencers:"))
    assert ("schema", "error", 9, "/infuencers") in summary(findings)
    typo = next(f for f in findings if f.pointer == "/infuencers")
    assert "Unknown field 'infuencers'" in typo.message
    assert typo.fix is not None and "Did you mean 'influencers'?" in typo.fix
    missing = next(f for f in findings if "influencers" in f.message and "required" in f.message)
    assert missing.line == 1


def test_missing_required_field_points_at_its_parent() -> None:
    findings = run_rule(RULE, VALID.replace("  brand: Lumina\n", ""))
    assert summary(findings) == [("schema", "error", 1, "/campaign")]
    assert findings[0].message == "campaign is missing the required field 'brand'"


def test_a_field_that_starts_a_message_is_written_as_the_brief_writes_it() -> None:
    brief = VALID.replace("  brand: Lumina\n", "").replace("deliverables:", "deliverable:")
    english = {f.message: f.fix for f in run_rule(RULE, brief)}
    turkish = {f.message: f.fix for f in run_rule(RULE, brief, lang="tr")}
    assert english["campaign is missing the required field 'brand'"] == (
        "Add 'brand:' under campaign."
    )
    assert "The brief is missing the required field 'deliverables'" in english
    assert turkish["campaign içinde zorunlu 'brand' alanı eksik"] == (
        "campaign altına 'brand:' ekleyin."
    )
    assert "Brief içinde zorunlu 'deliverables' alanı eksik" in turkish


def test_enum_typo_suggests_the_value() -> None:
    findings = run_rule(RULE, VALID.replace("objective: sales", "objective: sale"))
    assert summary(findings) == [("schema", "error", 4, "/campaign/objective")]
    assert findings[0].fix == "Did you mean 'sales'?"


def test_bad_date_and_time() -> None:
    text = VALID.replace("start: 2027-03-01", "start: 1 March").replace('to: "22:00"', "to: 25:99")
    assert summary(run_rule(RULE, text)) == [
        ("schema", "error", 5, "/campaign/start"),
        ("schema", "error", 13, "/deliverables/0/posting_windows/0/to"),
    ]


def test_duplicate_key_and_non_mapping_brief() -> None:
    findings = run_rule(
        RULE, VALID.replace("  brand: Lumina\n", "  brand: Lumina\n  brand: Glow\n")
    )
    assert summary(findings) == [("schema", "error", 4, "/campaign/brand")]
    assert "Duplicate key 'brand'" in findings[0].message
    [root] = run_rule(RULE, "- just\n- a list\n")
    assert root.line == 1 and "must be a mapping of sections" in root.message


def test_rule_owned_gaps_are_not_schema_findings() -> None:
    text = VALID + "tracking:\n  methods: []\n"
    assert run_rule(RULE, text) == []  # empty methods: missing-tracking's job; no contract: fine


def test_optional_fields_left_empty_count_as_absent() -> None:
    # domain.md: "a missing contract [is] a missing-contract-terms [finding] ... and neither is
    # also a schema finding": `contract:` with nothing after it is a missing contract.
    empty = (
        "contract:\n"
        "tracking:\n  methods:\n  reporting_cadence:\n"
        "content:\n  guidelines:\n  topics:\n  disclosure: {placement: }\n"
        "kpis:\n"
    )
    assert run_rule(RULE, VALID + empty) == []
    with_audience = VALID.replace("followers: 85000}", "followers: 85000, audience: }")
    assert run_rule(RULE, with_audience) == []
    # Required fields and list items left empty are still reported.
    required = VALID.replace("brand: Lumina", "brand:").replace(
        "influencers:\n  - {", "influencers:\n  -\n  - {"
    )
    assert summary(run_rule(RULE, required)) == [
        ("schema", "error", 3, "/campaign/brand"),
        ("schema", "error", 10, "/influencers/0"),
    ]


def test_yes_no_hint_for_quoted_strings(tmp_path: Path) -> None:
    text = VALID.replace(
        "budget: {amount: 250000, currency: TRY}",
        "budget: {amount: 250000, currency: TRY}\n  markets: [NO]",
    )
    [finding] = run_rule(RULE, text)
    assert finding.pointer == "/campaign/markets/0"
    assert finding.fix is not None and "quotes" in finding.fix


def test_a_violation_is_given_once_per_pointer_and_message_text() -> None:
    from campaignlint.i18n import _
    from campaignlint.validation import Violation, _first_time

    seen: dict[str, list[Any]] = {}

    def given(pointer: str, name: str) -> bool:
        message = _("{where} is missing the required field '{name}'", where="fee", name=name)
        return _first_time(seen, Violation(pointer, message, None, at_key=True))

    assert given("/fee", "amount")
    assert given("/fee", "currency")  # the same place, another message
    assert given("/fees/0", "amount")  # the same message, another place
    assert not given("/fee", "amount")  # an equal message, built again
    assert not given("/fee", "currency")


PLATFORMS_HINT = {
    "tr": "Beklenen: Kampanyanın yürüdüğü platformlar: tiktok, instagram, youtube (varsayılan"
    " [tiktok]). İkisi birden verildiğinde platforms geçerlidir ve platform değerini içermelidir.",
    "en": "Expected: The platforms the campaign runs on: tiktok, instagram, youtube (default"
    " [tiktok]). When both are given, platforms wins and must contain platform.",
}


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_a_hint_from_the_schema_description_is_in_the_readers_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from click.testing import CliRunner

    from campaignlint.cli import main

    monkeypatch.chdir(tmp_path)  # no project config of the checkout applies
    brief = tmp_path / "brief.yaml"
    brief.write_text(VALID.replace("  objective: sales\n", "  objective: sales\n  platforms: []\n"))
    result = CliRunner().invoke(main, ["check", "--lang", lang, "--select", "schema", str(brief)])
    fix_label = {"tr": "düzeltme", "en": "fix"}[lang]
    fixes = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    assert fixes == [f"{fix_label}: {PLATFORMS_HINT[lang]}"], result.output


def test_a_description_with_braces_is_translated_as_text_not_formatted() -> None:
    text = VALID.replace("budget: {amount: 250000, currency: TRY}", "budget: 250000")
    [turkish] = run_rule(RULE, text, lang="tr")
    [english] = run_rule(RULE, text, lang="en")
    assert turkish.fix == "Beklenen: Bir para tutarı: {amount, currency}."
    assert english.fix == "Expected: An amount of money: {amount, currency}."
