"""One fingerprint for a finding: the baseline's key is what SARIF and GitLab hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from campaignlint.baseline import apply_baseline
from campaignlint.config import Config
from campaignlint.engine import FileResult, lint_text
from campaignlint.fingerprint import digest, fingerprint
from campaignlint.renderers import Report, render

BRIEF = "campaign:\n  name: TODO\n  brand: TBD\n"
PATH = "briefs/q3.yaml"


def _result() -> FileResult:
    findings = lint_text(BRIEF, path=PATH, config=Config(select=("placeholder-text",)))
    assert len(findings) == 2
    return FileResult(PATH, findings)


def test_sarif_and_gitlab_hash_the_baseline_key() -> None:
    result = _result()
    expected = [digest(fingerprint(finding, PATH)) for finding in result.findings]
    sarif = json.loads(render("sarif", Report([result])))
    gitlab = json.loads(render("gitlab", Report([result])))
    assert [r["partialFingerprints"]["campaignlint/v1"] for r in sarif["runs"][0]["results"]] == (
        expected
    )
    assert [issue["fingerprint"] for issue in gitlab] == expected


def test_the_hash_is_the_one_earlier_versions_wrote() -> None:
    """Code-scanning and Code Quality history keeps matching across the move to one home."""
    finding = _result().findings[0]
    key = (PATH, finding.rule, finding.pointer, finding.message_en)
    assert digest(fingerprint(finding, PATH)) == hashlib.sha256("\0".join(key).encode()).hexdigest()


def test_a_baseline_written_before_codes_existed_still_matches(tmp_path: Path) -> None:
    result = _result()
    entries = [
        {"path": "q3.yaml", "rule": f.rule, "pointer": f.pointer, "message": f.message_en}
        for f in result.findings
    ]
    baseline = tmp_path / "briefs" / "baseline.json"
    baseline.parent.mkdir()
    baseline.write_text(json.dumps({"version": 2, "findings": entries}))
    moved = FileResult(str(tmp_path / PATH), result.findings)
    [filtered] = apply_baseline([moved], baseline)
    assert filtered.findings == [] and len(filtered.suppressed) == 2
