"""Inline suppressions, expiry, unused-suppression and per_file overrides."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, run_check
from campaignlint.config import Config
from campaignlint.engine import lint_file, lint_text
from campaignlint.model import Finding
from tests.helpers import FIXED_TODAY, summary

SELECT = ("placeholder-text", "unused-suppression")


def lint(
    text: str, config: Config | None = None, path: str | None = None, **kw: object
) -> list[Finding]:
    config = config or Config(select=SELECT)
    return lint_text(textwrap.dedent(text), config=config, path=path, today=FIXED_TODAY, **kw)  # type: ignore[arg-type]


def test_trailing_comment_suppresses_its_own_line_and_keeps_the_reason() -> None:
    text = """\
    campaign:
      name: TODO launch  # campaignlint: disable=placeholder-text -- name decided Friday
      brand: TBD
    """
    assert summary(lint(text)) == [("placeholder-text", "error", 3, "/campaign/brand")]
    everything = lint(text, keep_suppressed=True)
    suppressed = [f for f in everything if f.suppressed_by]
    assert [f.pointer for f in suppressed] == ["/campaign/name"]
    assert suppressed[0].suppressed_by == (
        "line 2: disable=placeholder-text -- name decided Friday"
    )


def test_comment_above_a_block_covers_the_whole_node_and_nothing_after_it() -> None:
    text = """\
    campaign:
      name: Launch
      # campaignlint: disable=placeholder-text -- notes are drafts

      notes:
        first: TODO
        second:
          - TBD
      brand: TODO
    content:
      guidelines: TODO
    """
    assert summary(lint(text)) == [
        ("placeholder-text", "error", 9, "/campaign/brand"),
        ("placeholder-text", "error", 11, "/content/guidelines"),
    ]


def test_comment_above_a_list_item_covers_that_item_only() -> None:
    text = """\
    influencers:
      # campaignlint: disable=placeholder-text
      - handle: "@a"
        notes: TODO
      - handle: "@b"
        notes: TODO
    """
    assert summary(lint(text)) == [("placeholder-text", "error", 6, "/influencers/1/notes")]


def test_disable_file_covers_every_line_and_several_ids() -> None:
    text = """\
    # campaignlint: disable-file=placeholder-text,schema -- template kept on purpose
    campaign:
      name: TODO
    content:
      guidelines: Lorem ipsum
    """
    assert summary(lint(text, Config(select=("placeholder-text", "schema")))) == []


def test_a_suppression_for_another_rule_does_not_hide_this_one() -> None:
    text = "campaign:\n  name: TODO  # campaignlint: disable=schema\n"
    config = Config(select=("placeholder-text", "schema", "unused-suppression"))
    found = summary(lint(text, config))
    assert ("placeholder-text", "error", 2, "/campaign/name") in found


def test_expired_suppression_stops_working_and_says_so() -> None:
    text = """\
    campaign:
      # campaignlint: disable=placeholder-text until=2026-01-14 -- waiting for the contract
      name: TODO
    """
    findings = lint(text)
    assert summary(findings) == [
        ("unused-suppression", "info", 2, ""),
        ("placeholder-text", "error", 3, "/campaign/name"),
    ]
    assert "expired on" in findings[0].message and "2026" in findings[0].message


def test_suppression_until_today_still_works() -> None:
    text = """\
    campaign:
      # campaignlint: disable=placeholder-text until=2026-01-15
      name: TODO
    """
    assert summary(lint(text)) == []


def test_unreadable_expiry_is_never_read_as_forever() -> None:
    text = "campaign:\n  name: TODO  # campaignlint: disable=placeholder-text until=soon\n"
    findings = lint(text)
    assert summary(findings) == [
        ("placeholder-text", "error", 2, "/campaign/name"),
        ("unused-suppression", "info", 2, ""),
    ]
    assert "unreadable expiry 'soon'" in findings[1].message


def test_unknown_id_and_a_suppression_that_suppressed_nothing_are_reported() -> None:
    text = """\
    campaign:
      name: Launch  # campaignlint: disable=placeholder-text,no-such-rule
    """
    findings = lint(text)
    assert summary(findings) == [
        ("unused-suppression", "info", 2, ""),
        ("unused-suppression", "info", 2, ""),
    ]
    messages = sorted(f.message for f in findings)
    assert "Unknown rule 'no-such-rule'" in messages[1]
    assert "'placeholder-text' suppressed nothing" in messages[0]
    assert findings[0].column == 17


def test_suppressing_a_rule_that_did_not_run_is_not_unused() -> None:
    text = "campaign:\n  name: Launch  # campaignlint: disable=budget-fit\n"
    assert summary(lint(text)) == []


def test_unused_suppression_is_off_when_not_selected_or_ignored() -> None:
    text = "campaign:\n  name: Launch  # campaignlint: disable=no-such-rule\n"
    assert summary(lint(text, Config(select=("placeholder-text",)))) == []
    assert summary(lint(text, Config(ignore=("unused-suppression",)))) == [] or all(
        f.rule != "unused-suppression" for f in lint(text, Config(ignore=("unused-suppression",)))
    )


def test_unused_suppression_can_be_disabled_for_a_file() -> None:
    text = """\
    # campaignlint: disable-file=unused-suppression
    campaign:
      name: Launch  # campaignlint: disable=placeholder-text
    """
    assert summary(lint(text)) == []


def test_internal_errors_cannot_be_suppressed(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "crashing_rule.py").write_text(
        textwrap.dedent(
            '''\
            """Crashes.

            ## What it does
            x
            ## Why it matters
            x
            ## Example
            ```yaml
            a: 1
            ```
            ## How to fix
            x
            """
            ID = "crashing-rule"
            SEVERITY = "error"
            AREA = "integrity"
            SOURCE = "test"
            OPTIONS = {}


            def check(brief, options):
                raise ValueError("boom")
            '''
        )
    )
    config = Config(rules_dirs=(str(rules),), select=("crashing-rule",))
    text = "# campaignlint: disable-file=internal-error,crashing-rule\na: 1\n"
    assert [f.rule for f in lint(text, config)] == ["internal-error"]


# --- per_file --------------------------------------------------------------------------------


def _per_file(tmp_path: Path, *entries: dict[str, object]) -> Config:
    return Config(select=SELECT, per_file=tuple(entries), root=str(tmp_path))


BRIEF = """\
campaign:
  name: TODO
influencers:
  - handle: "@a"
    notes: TODO
  - handle: "@b"
    notes: TODO
"""


def test_per_file_glob_ignores_a_rule_for_matching_files_only(tmp_path: Path) -> None:
    config = _per_file(tmp_path, {"files": "briefs/legacy/**", "ignore": ["placeholder-text"]})
    legacy = tmp_path / "briefs" / "legacy" / "old" / "q1.yaml"
    current = tmp_path / "briefs" / "q3.yaml"
    for path in (legacy, current):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BRIEF)
    assert lint_file(str(legacy), config, today=FIXED_TODAY).findings == []
    assert len(lint_file(str(current), config, today=FIXED_TODAY).findings) == 3


def test_per_file_pointer_silences_one_part_of_a_brief(tmp_path: Path) -> None:
    config = _per_file(
        tmp_path, {"files": ["briefs/q3.yaml#/influencers/1"], "ignore": ["placeholder-text"]}
    )
    path = tmp_path / "briefs" / "q3.yaml"
    path.parent.mkdir()
    path.write_text(BRIEF)
    result = lint_file(str(path), config, today=FIXED_TODAY)
    assert summary(result.findings) == [
        ("placeholder-text", "error", 2, "/campaign/name"),
        ("placeholder-text", "error", 5, "/influencers/0/notes"),
    ]
    assert [(f.pointer, f.suppressed_by) for f in result.suppressed] == [
        ("/influencers/1/notes", "per_file: #/influencers/1")
    ]


def test_per_file_rules_change_severity_for_a_file_and_for_a_pointer(tmp_path: Path) -> None:
    path = tmp_path / "q3.yaml"
    path.write_text(BRIEF)
    whole = _per_file(
        tmp_path, {"files": ["*.yaml"], "rules": {"placeholder-text": {"severity": "info"}}}
    )
    assert {f.severity.value for f in lint_file(str(path), whole, today=FIXED_TODAY).findings} == {
        "info"
    }
    part = _per_file(
        tmp_path,
        {"files": ["q3.yaml#/campaign"], "rules": {"placeholder-text": {"severity": "info"}}},
    )
    assert summary(lint_file(str(path), part, today=FIXED_TODAY).findings) == [
        ("placeholder-text", "info", 2, "/campaign/name"),
        ("placeholder-text", "error", 5, "/influencers/0/notes"),
        ("placeholder-text", "error", 7, "/influencers/1/notes"),
    ]


def test_per_file_does_not_match_other_folders(tmp_path: Path) -> None:
    config = _per_file(tmp_path, {"files": ["legacy/*.yaml"], "ignore": ["placeholder-text"]})
    path = tmp_path / "current" / "legacy.yaml"
    path.parent.mkdir()
    path.write_text(BRIEF)
    assert len(lint_file(str(path), config, today=FIXED_TODAY).findings) == 3


def test_per_file_from_a_config_file_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".campaignlint.yaml").write_text(
        "select: [placeholder-text, unused-suppression]\n"
        "per_file:\n"
        '  - files: "legacy/**"\n'
        "    ignore: [placeholder-text]\n"
    )
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "a.yaml").write_text(BRIEF)
    (tmp_path / "b.yaml").write_text(BRIEF)
    monkeypatch.chdir(tmp_path)
    out: list[str] = []
    code = run_check(CheckOptions(paths=["."], stdout=out.append, stderr=out.append))
    text = "".join(out)
    assert code == 1
    assert "b.yaml:2:9" in text and "legacy" not in text


def test_select_and_ignore_accept_engine_rule_ids(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("campaign:\n  name: Launch  # campaignlint: disable=no-such-rule\n")
    out: list[str] = []
    code = run_check(
        CheckOptions(
            paths=[str(path)], select=("unused-suppression",), stdout=out.append, stderr=out.append
        )
    )
    assert code == 0, out  # info does not fail the run
    assert "unused-suppression" in "".join(out)


def test_no_marker_means_no_work() -> None:
    from campaignlint.suppress import parse_suppressions

    assert parse_suppressions("a: 1  # a plain comment\n", {}) == []
    assert parse_suppressions('a: "campaignlint: nothing"\n', {}) == []


def test_unused_suppression_dates_render_in_turkish() -> None:
    text = """\
    campaign:
      # campaignlint: disable=placeholder-text until=2025-12-31
      name: TODO
    """
    findings = lint(text, lang="tr")
    assert findings[0].rule == "unused-suppression"
    assert dt.date(2025, 12, 31).year == 2025


def test_comment_above_the_first_key_of_a_mapping_covers_that_key_only() -> None:
    text = """\
    # campaignlint: disable=placeholder-text
    campaign:
      name: TODO
    content:
      # campaignlint: disable=placeholder-text
      guidelines: TODO
      topics: [TODO]
    hashtags:
      # campaignlint: disable=placeholder-text
      - TODO
      - TBD
    """
    assert summary(lint(text)) == [
        ("placeholder-text", "error", 7, "/content/topics/0"),
        ("placeholder-text", "error", 11, "/hashtags/1"),
    ]
