# ruff: noqa: E501  (the disagreement record keeps one case per line)
"""Every case of the official YAML test suite through `campaignlint check`.

Invalid YAML must give exit 2 with file and line; valid YAML that is not a brief gives schema
findings (exit 1), or exit 2 with a clear message when it uses what a brief never needs (custom
tags, lists or mappings as keys, an empty document). Never a traceback.

campaignlint parses with libyaml (through PyYAML), a YAML 1.1 parser, while the suite is written
for YAML 1.2. The cases where they disagree are recorded below with the suite's own title of the
case and libyaml's complaint; a change in libyaml that fixes one makes its test fail, so the record
stays true.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, run_check
from tests.helpers import SHARED

SUITE = SHARED / "corpora" / "yaml-test-suite"
CASES = sorted(p.parent for p in SUITE.glob("**/in.yaml")) if SUITE.is_dir() else []
pytestmark = pytest.mark.skipif(
    not CASES, reason=f"the YAML test suite is not at {SUITE} (../shared/corpora from the repo)"
)

# Valid YAML a brief never needs: refused on purpose, with a clear message and exit 2.
POLICY_REFUSALS = (
    "unsupported YAML tag",  # custom and Python tags: campaignlint reads plain data only
    "a list or mapping used as a key",  # complex keys
    "the brief is empty",  # a document whose root is null
    "the file is empty",
    "the file holds no YAML document",
)

PYYAML_ACCEPTS_INVALID = {
    "9C9N": "Wrong indented flow sequence: libyaml accepts this invalid input",
    "9JBA": "Invalid comment after end of flow sequence: libyaml accepts this invalid input",
    "CVW2": "Invalid comment after comma: libyaml accepts this invalid input",
    "DK95/01": "Tabs that look like indentation: libyaml accepts this invalid input",
    "EB22": "Missing document-end marker before directive: libyaml accepts this invalid input",
    "G5U8": "Plain dashes in flow sequence: libyaml accepts this invalid input",
    "QB6E": "Wrong indented multiline quoted scalar: libyaml accepts this invalid input",
    "RHX7": "YAML directive without document end marker: libyaml accepts this invalid input",
    "S98Z": "Block scalar with more spaces than first content line: libyaml accepts this invalid input",
    "SU5Z": "Comment without whitespace after doublequoted scalar: libyaml accepts this invalid input",
    "X4QW": "Comment without whitespace after block scalar indicator: libyaml accepts this invalid input",
    "Y79Y/003": "Tabs in various contexts: libyaml accepts this invalid input",
    "YJV2": "Dash in flow sequence: libyaml accepts this invalid input",
}

PYYAML_REJECTS_VALID = {
    "2JQS": "Block Mapping with Missing Keys: libyaml (YAML 1.1) rejects it: did not find expected key (while parsing a block mapping)",
    "2LFX": "Spec Example 6.13. Reserved Directives [1.3]: libyaml (YAML 1.1) rejects it: found unknown directive name (while scanning a directive)",
    "2SXE": "Anchors With Colon in Name: libyaml (YAML 1.1) rejects it: mapping values are not allowed in this context",
    "4ABK": "Flow Mapping Separate Values: libyaml (YAML 1.1) rejects it: found unexpected ':' (while scanning a plain scalar)",
    "4MUZ/00": "Flow mapping colon on line after key: libyaml (YAML 1.1) rejects it: did not find expected ',' or '}' (while parsing a flow mapping)",
    "4MUZ/01": "Flow mapping colon on line after key: libyaml (YAML 1.1) rejects it: did not find expected ',' or '}' (while parsing a flow mapping)",
    "4MUZ/02": "Flow mapping colon on line after key: libyaml (YAML 1.1) rejects it: did not find expected ',' or '}' (while parsing a flow mapping)",
    "58MP": "Flow mapping edge cases: libyaml (YAML 1.1) rejects it: did not find expected node content (while parsing a flow node)",
    "5MUD": "Colon and adjacent value on next line: libyaml (YAML 1.1) rejects it: did not find expected ',' or '}' (while parsing a flow mapping)",
    "5T43": "Colon at the beginning of adjacent flow scalar: libyaml (YAML 1.1) rejects it: did not find expected node content (while parsing a flow node)",
    "6BCT": "Spec Example 6.3. Separation Spaces: libyaml (YAML 1.1) rejects it: found character that cannot start any token (while scanning for the next token)",
    "6CA3": "Tab indented top flow: libyaml (YAML 1.1) rejects it: found character that cannot start any token (while scanning for the next token)",
    "6LVF": "Spec Example 6.13. Reserved Directives: libyaml (YAML 1.1) rejects it: found unknown directive name (while scanning a directive)",
    "6M2F": "Aliases in Explicit Block Mapping: libyaml (YAML 1.1) rejects it: did not find expected key (while parsing a block mapping)",
    "7Z25": "Bare document after document end marker: libyaml (YAML 1.1) rejects it: did not find expected <document start>",
    "8XYN": "Anchor with unicode character: libyaml (YAML 1.1) rejects it: did not find expected alphabetic or numeric character (while scanning an anchor)",
    "96NN/00": "Leading tab content in literals: libyaml (YAML 1.1) rejects it: found a tab character where an indentation space is expected (while scanning a block scalar)",
    "96NN/01": "Leading tab content in literals: libyaml (YAML 1.1) rejects it: found a tab character where an indentation space is expected (while scanning a block scalar)",
    "9SA2": "Multiline double quoted flow mapping key: libyaml (YAML 1.1) rejects it: did not find expected ',' or '}' (while parsing a flow mapping)",
    "A2M4": "Spec Example 6.2. Indentation Indicators: libyaml (YAML 1.1) rejects it: found character that cannot start any token (while scanning for the next token)",
    "BEC7": "Spec Example 6.14. “YAML” directive: libyaml (YAML 1.1) rejects it: found incompatible YAML document",
    "CFD4": "Empty implicit key in single pair flow sequences: libyaml (YAML 1.1) rejects it: did not find expected node content (while parsing a flow node)",
    "DBG4": "Spec Example 7.10. Plain Characters: libyaml (YAML 1.1) rejects it: did not find expected node content (while parsing a flow node)",
    "DK3J": "Zero indented block scalar with line that looks like a comment: libyaml (YAML 1.1) rejects it: did not find expected <document start>",
    "DK95/00": "Tabs that look like indentation: libyaml (YAML 1.1) rejects it: found character that cannot start any token (while scanning for the next token)",
    "DK95/03": "Tabs that look like indentation: libyaml (YAML 1.1) rejects it: found character that cannot start any token (while scanning for the next token)",
    "DK95/04": "Tabs that look like indentation: libyaml (YAML 1.1) rejects it: found a tab character that violates indentation (while scanning a plain scalar)",
    "FP8R": "Zero indented block scalar: libyaml (YAML 1.1) rejects it: did not find expected <document start>",
    "FRK4": "Spec Example 7.3. Completely Empty Flow Nodes: libyaml (YAML 1.1) rejects it: found unexpected ':' (while scanning a plain scalar)",
    "HM87/00": "Scalars in flow start with syntax char: libyaml (YAML 1.1) rejects it: did not find expected node content (while parsing a flow node)",
    "HWV9": "Document-end marker: libyaml (YAML 1.1) rejects it: did not find expected node content (while parsing a block node)",
    "K3WX": "Colon and adjacent value after comment on next line: libyaml (YAML 1.1) rejects it: did not find expected ',' or '}' (while parsing a flow mapping)",
    "M7A3": "Spec Example 9.3. Bare Documents: libyaml (YAML 1.1) rejects it: did not find expected <document start>",
    "MUS6/05": "Directive variants: libyaml (YAML 1.1) rejects it: found unknown directive name (while scanning a directive)",
    "MUS6/06": "Directive variants: libyaml (YAML 1.1) rejects it: found unknown directive name (while scanning a directive)",
    "NHX8": "Empty Lines at End of Document: libyaml (YAML 1.1) rejects it: did not find expected key (while parsing a block mapping)",
    "NJ66": "Multiline plain flow mapping key: libyaml (YAML 1.1) rejects it: did not find expected ',' or '}' (while parsing a flow mapping)",
    "NKF9": "Empty keys in block and flow mapping: libyaml (YAML 1.1) rejects it: did not find expected key (while parsing a block mapping)",
    "Q5MG": "Tab at beginning of line followed by a flow mapping: libyaml (YAML 1.1) rejects it: found character that cannot start any token (while scanning for the next token)",
    "QT73": "Comment and document-end marker: libyaml (YAML 1.1) rejects it: did not find expected node content (while parsing a block node)",
    "R4YG": "Spec Example 8.2. Block Indentation Indicator: libyaml (YAML 1.1) rejects it: found a tab character where an indentation space is expected (while scanning a block scalar)",
    "S3PD": "Spec Example 8.18. Implicit Block Mapping Entries: libyaml (YAML 1.1) rejects it: did not find expected key (while parsing a block mapping)",
    "SM9W/01": "Single character streams: libyaml (YAML 1.1) rejects it: did not find expected key (while parsing a block mapping)",
    "UKK6/00": "Syntax character edge cases: libyaml (YAML 1.1) rejects it: did not find expected key (while parsing a block mapping)",
    "UT92": "Spec Example 9.4. Explicit Documents: libyaml (YAML 1.1) rejects it: did not find expected ',' or '}' (while parsing a flow mapping)",
    "VJP3/01": "Flow collections over many lines: libyaml (YAML 1.1) rejects it: did not find expected ',' or '}' (while parsing a flow mapping)",
    "W4TN": "Spec Example 9.5. Directives Documents: libyaml (YAML 1.1) rejects it: could not find expected directive name (while scanning a directive)",
    "W5VH": "Allowed characters in alias: libyaml (YAML 1.1) rejects it: did not find expected alphabetic or numeric character (while scanning an anchor)",
    "Y79Y/001": "Tabs in various contexts: libyaml (YAML 1.1) rejects it: found a tab character where an indentation space is expected (while scanning a block scalar)",
    "Y79Y/010": "Tabs in various contexts: libyaml (YAML 1.1) rejects it: found character that cannot start any token (while scanning for the next token)",
}


def _case_id(case: Path) -> str:
    return case.relative_to(SUITE).as_posix()


def _check(path: Path) -> tuple[int, str]:
    out: list[str] = []
    code = run_check(
        CheckOptions(paths=[str(path)], quiet=True, stdout=out.append, stderr=out.append)
    )
    return code, "".join(out)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_yaml_test_suite_case(case: Path) -> None:
    name = _case_id(case)
    path = case / "in.yaml"
    code, output = _check(path)
    assert "Traceback" not in output and "internal-error" not in output, output
    if name in PYYAML_ACCEPTS_INVALID:
        assert code == 1, f"libyaml now rejects {name}: remove it from PYYAML_ACCEPTS_INVALID"
    elif (case / "error").exists():
        assert code == 2, output
        assert re.search(re.escape(str(path)) + r":\d+(:\d+)?: error: ", output), output
    elif name in PYYAML_REJECTS_VALID:
        assert code == 2 and "invalid YAML" in output, f"libyaml now reads {name}: {output}"
        assert re.search(re.escape(str(path)) + r":\d+", output), output
    elif code == 2:
        assert any(reason in output for reason in POLICY_REFUSALS), output
    else:
        assert code == 1 and " error schema " in output, output


def test_the_disagreement_record_names_real_cases() -> None:
    names = {_case_id(case) for case in CASES}
    assert set(PYYAML_ACCEPTS_INVALID) <= names
    assert set(PYYAML_REJECTS_VALID) <= names
    assert all((SUITE / name / "error").exists() for name in PYYAML_ACCEPTS_INVALID)
    assert not any((SUITE / name / "error").exists() for name in PYYAML_REJECTS_VALID)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["236B", "229Q", "E76Z", "2XXW", "9C9N"])
def test_a_few_cases_through_a_real_process(name: str) -> None:
    case = SUITE / name
    if not case.is_dir():
        pytest.skip(f"case {name} not in this copy of the suite")
    command = [str(Path(sys.executable).parent / "campaignlint"), "check", str(case / "in.yaml")]
    process = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in process.stderr + process.stdout
    expected = 2 if (case / "error").exists() and name not in PYYAML_ACCEPTS_INVALID else None
    assert process.returncode == (expected or process.returncode)
    assert process.returncode in (1, 2)
    if expected == 2:
        assert re.search(r"in\.yaml:\d+:\d+: error: ", process.stdout + process.stderr)
