"""Bad roster input never gives a traceback: every case of the YAML test suite read as a YAML
roster, and every naughty string as a CSV or YAML cell, gives entries or a RosterError whose
every line names the file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from campaignlint.roster import RosterError, read_csv, read_yaml
from tests.helpers import SHARED

SUITE = SHARED / "corpora" / "yaml-test-suite"
CASES = sorted(p.parent for p in SUITE.glob("**/in.yaml")) if SUITE.is_dir() else []
NAUGHTY = SHARED / "corpora" / "naughty-strings" / "blns.json"


def _read_or_refuse(read: object, text: str) -> None:
    assert callable(read)
    try:
        entries = read(text, "roster.x")
    except RosterError as error:
        lines = error.render().splitlines()
        assert lines, "a roster error says what is wrong"
        assert all(line.startswith(("roster.x", "...")) for line in lines), lines
    else:
        assert all(isinstance(entry.data, dict) and entry.line >= 1 for entry in entries)


@pytest.mark.skipif(not CASES, reason=f"the YAML test suite is not at {SUITE}")
@pytest.mark.parametrize("case", CASES, ids=lambda path: str(path.relative_to(SUITE)))
def test_every_yaml_test_suite_case_as_a_roster(case: Path) -> None:
    text = (case / "in.yaml").read_bytes().decode("utf-8", "replace")
    _read_or_refuse(read_yaml, text)


@pytest.mark.skipif(not NAUGHTY.is_file(), reason=f"the naughty strings are not at {NAUGHTY}")
def test_naughty_strings_as_roster_cells() -> None:
    strings = [s for s in json.loads(NAUGHTY.read_text(encoding="utf-8")) if isinstance(s, str)]
    for naughty in strings:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["handle", "name", "followers", "audience.locations." + naughty[:40]])
        writer.writerow([naughty or "@a", naughty, naughty, naughty])
        _read_or_refuse(read_csv, buffer.getvalue())
        entry = {"handle": naughty or "@a", "name": naughty, "followers": 1}
        _read_or_refuse(read_yaml, "- " + json.dumps(entry, ensure_ascii=False) + "\n")
