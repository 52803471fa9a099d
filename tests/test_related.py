"""Grouped findings carry their other places: JSON ``related``, SARIF ``relatedLocations`` and
an ``also:`` line in the text output."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, run_check
from tests.helpers import SHARED

GROUPING_RULE = '''\
    """Every creator needs a note.

    ## What it does
    Lists creators without a note, as one finding.
    ## Why it matters
    Notes help.
    ## Example
    ```yaml
    influencers: [{handle: a}]
    ```
    ## How to fix
    Add notes.
    """
    from campaignlint.i18n import _

    ID = "creator-notes"
    SEVERITY = "info"

    def check(brief, options):
        missing = [
            f"/influencers/{index}"
            for index, creator in enumerate(brief.sequence("/influencers"))
            if isinstance(creator, dict) and "note" not in creator
        ]
        if missing:
            message = _("{n} creators have no note", n=len(missing))
            yield brief.problem(missing[0], message, related=missing[1:])
    '''

BRIEF = """\
influencers:
  - handle: a
  - handle: b
    note: fine
  - handle: c
"""


def _run(tmp_path: Path, output: str) -> str:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "creator_notes.py").write_text(textwrap.dedent(GROUPING_RULE), encoding="utf-8")
    brief = tmp_path / "brief.yaml"
    brief.write_text(BRIEF, encoding="utf-8")
    printed: list[str] = []
    run_check(
        CheckOptions(
            paths=[str(brief)],
            formats=[output],
            select=("creator-notes",),
            rules_dirs=[str(rules)],
            stdout=printed.append,
            stderr=lambda text: None,
        )
    )
    return "".join(printed)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_json_lists_the_other_places_with_their_positions(tmp_path: Path) -> None:
    document = json.loads(_run(tmp_path, "json"))
    (finding,) = document["files"][0]["findings"]
    assert (finding["pointer"], finding["line"]) == ("/influencers/0", 2)
    assert finding["related"] == [{"pointer": "/influencers/2", "line": 5, "column": 5}]


def test_text_shows_each_other_place_under_the_finding(tmp_path: Path) -> None:
    lines = _run(tmp_path, "text").splitlines()
    assert lines[0].startswith(f"{tmp_path / 'brief.yaml'}:2:5: info creator-notes")
    assert lines[1] == f"  also: {tmp_path / 'brief.yaml'}:5:5 (/influencers/2)"


def test_sarif_related_locations_are_valid(tmp_path: Path) -> None:
    schema_path = SHARED / "corpora" / "sarif" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {schema_path} (../shared/corpora/sarif)")
    import jsonschema

    document = json.loads(_run(tmp_path, "sarif"))
    validator = jsonschema.Draft4Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    assert not list(validator.iter_errors(document))
    (result,) = document["runs"][0]["results"]
    (place,) = result["relatedLocations"]
    assert place["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 5}
    assert place["logicalLocations"][0]["fullyQualifiedName"] == "/influencers/2"
