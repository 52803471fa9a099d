"""The report formats: structure of each, SARIF against the official schema, the review reports'
content, and the facts they show."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from campaignlint.commands import CheckOptions, run_check
from campaignlint.facts import brief_facts
from campaignlint.renderers import FORMATS
from campaignlint.renderers.github import escape_data, escape_property
from campaignlint.renderers.markdown import code, escape
from campaignlint.review import field_path
from tests.helpers import REPO, SAMPLES, SHARED

SARIF_SCHEMA = SHARED / "corpora" / "sarif" / "sarif-schema-2.1.0.json"
CLEAN = SAMPLES / "clean-en.yaml"
BAD = SAMPLES / "bad-en.yaml"
BROKEN = SAMPLES / "broken.yaml"


def check(
    tmp_path: Path, paths: list[Path], formats: list[str], *extra: str
) -> tuple[int, dict[str, str]]:
    """Run ``check`` writing each format to a file; returns the exit code and each output."""
    outputs = {name: tmp_path / f"out.{name}" for name in formats}
    lang = extra[0] if extra else None
    code = run_check(
        CheckOptions(
            paths=[str(path) for path in paths],
            formats=[f"{name}:{target}" for name, target in outputs.items()],
            lang=lang,
            stdout=lambda text: None,
            stderr=lambda text: None,
        )
    )
    return code, {name: target.read_text(encoding="utf-8") for name, target in outputs.items()}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_every_format_is_registered() -> None:
    assert set(FORMATS) >= {
        "text",
        "json",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "markdown",
        "html",
    }


# --- SARIF -----------------------------------------------------------------------------------


def sarif_validator() -> Any:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA} (../shared/corpora/sarif)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_is_valid_and_carries_rules_locations_and_pointers(tmp_path: Path) -> None:
    validator = sarif_validator()
    exit_code, out = check(tmp_path, [BAD, BROKEN, CLEAN], ["sarif"])
    assert exit_code == 2
    document = json.loads(out["sarif"])
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, errors[0].message if errors else ""
    run = document["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    budget = rules["budget-fit"]
    assert budget["helpUri"].endswith("docs/rules.md#budget-fit")
    assert budget["shortDescription"]["text"]
    assert budget["fullDescription"]["text"] != budget["shortDescription"]["text"]
    assert budget["defaultConfiguration"]["level"] == "error"
    levels = {result["level"] for result in run["results"]}
    assert levels == {"error", "warning", "note"}
    by_rule = {result["ruleId"]: result for result in run["results"]}
    engagement = by_rule["engagement-rate"]
    assert run["tool"]["driver"]["rules"][engagement["ruleIndex"]]["id"] == "engagement-rate"
    location = engagement["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith("samples/bad-en.yaml")
    region = location["physicalLocation"]["region"]
    assert region["startLine"] == region["endLine"] > 1
    assert region["endColumn"] > region["startColumn"]
    assert location["logicalLocations"][0]["fullyQualifiedName"] == (
        "/influencers/0/engagement_rate"
    )
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert "broken.yaml" in notes[0]["message"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_of_a_clean_run_is_valid_with_no_results(tmp_path: Path) -> None:
    validator = sarif_validator()
    exit_code, out = check(tmp_path, [CLEAN], ["sarif"])
    document = json.loads(out["sarif"])
    assert exit_code == 0
    assert not list(validator.iter_errors(document))
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is True


# --- GitHub ----------------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_github_one_annotation_per_finding(tmp_path: Path) -> None:
    _code, out = check(tmp_path, [BAD, BROKEN], ["github", "json"])
    report = json.loads(out["json"])
    lines = out["github"].splitlines()
    findings = [f for file in report["files"] for f in file["findings"]]
    assert len(lines) == len(findings) + 1  # + the unreadable file
    first = findings[0]
    kind = {"error": "error", "warning": "warning", "info": "notice"}[first["severity"]]
    assert lines[0].startswith(
        f"::{kind} file={report['files'][0]['path'].replace(':', '%3A')},"
        f"line={first['line']},col={first['column']},"
    )
    assert f",title={first['rule']}::" in lines[0]
    assert any(line.startswith("::notice ") for line in lines)
    broken = [line for line in lines if "broken.yaml" in line]
    assert broken and broken[0].startswith("::error file=") and ",line=" in broken[0]


# --- GitLab ----------------------------------------------------------------------------------


def test_gitlab_code_quality_shape_and_stable_fingerprints(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(BAD.read_text(encoding="utf-8"), encoding="utf-8")
    _code, first = check(tmp_path, [brief], ["gitlab"])
    # Lines added above every finding, and Turkish output: the fingerprints stay the same.
    brief.write_text("# a comment\n# another\n" + BAD.read_text(encoding="utf-8"), "utf-8")
    _code, second = check(tmp_path, [brief], ["gitlab"], "tr")
    before, after = json.loads(first["gitlab"]), json.loads(second["gitlab"])
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] + 2 for i in before] == [
        i["location"]["lines"]["begin"] for i in after
    ]
    assert len({issue["fingerprint"] for issue in before}) == len(before)
    issue = before[0]
    assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
    assert issue["location"]["path"] == str(brief)
    assert {i["severity"] for i in before} == {"critical", "major", "info"}


# --- JUnit -----------------------------------------------------------------------------------


def test_junit_one_suite_per_file_one_case_per_rule(tmp_path: Path) -> None:
    _code, out = check(tmp_path, [BAD, CLEAN, BROKEN], ["junit", "json"])
    root = ET.fromstring(out["junit"])
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [str(BAD), str(CLEAN), str(BROKEN)]
    bad, clean, broken = suites
    names = [case.get("name") for case in bad.findall("testcase")]
    assert len(names) == len(set(names)) and "budget-fit" in names and "schema" in names
    failing = {
        case.get("name") for case in bad.findall("testcase") if case.find("failure") is not None
    }
    report = json.loads(out["json"])
    assert failing == {f["rule"] for f in report["files"][0]["findings"]}
    assert bad.get("failures") == str(len(failing))
    assert clean.get("failures") == "0" and clean.findall("testcase/failure") == []
    assert broken.get("errors") == "1" and broken.find("testcase/error") is not None
    failure = bad.find("testcase[@name='engagement-rate']/failure")
    assert failure is not None and failure.text and "9.5%" in failure.text


# --- Markdown and HTML -----------------------------------------------------------------------


def test_markdown_escaping_helpers() -> None:
    assert escape("a|b") == "a\\|b"
    assert escape("`x` *y* _z_ <b>") == "\\`x\\` \\*y\\* \\_z\\_ \\<b\\>"
    assert escape("one\ntwo\r\nthree") == "one two three"
    assert escape("@mert.fit.") == "`@mert.fit`."  # a code span: no GitHub mention, copies clean
    assert escape("mail a@b.co") == "mail a@b.co"
    assert code("a`b") == "``a`b``" and code("`x") == "`` `x ``"
    assert field_path("/influencers/0/audience/age") == "influencers[0].audience.age"
    assert field_path("/a~1b/c~0d") == "a/b.c~d"


def test_markdown_review_of_a_brief_with_mistakes(tmp_path: Path) -> None:
    _code, out = check(tmp_path, [BAD], ["markdown"])
    text = out["markdown"]
    assert text.startswith("# Campaign review: Family Table Spring\n")
    assert "❌ **Not ready" in text
    areas = [line[4:] for line in text.splitlines() if line.startswith("### ")]
    assert (
        areas
        == [
            "Integrity",
            "Audience",
            "Budget and creator value",
            "Contract",
            "Content",
            "Timing",
        ][: len(areas)]
    )
    assert "Audience" in areas and "Budget and creator value" in areas
    assert "- ❌ **Error** · Deliverables › deliverable 1 › due date = “2027-04-04”" in text
    assert "Technical details: `inconsistent-dates` · `deliverables[0].due` · line 82" in text
    assert "**How to fix:**" in text
    table = [line for line in text.splitlines() if "zoe.dances` | 310,000 | mid-size" in line]
    assert table and "1\\.8%" not in table[0] and "1.8% / 9.5%" in table[0]
    assert "## Posting schedule" in text and "| March 14, 2027 |" in text
    assert "## Budget" in text


def test_markdown_clean_brief_gets_a_short_positive_report(tmp_path: Path) -> None:
    _code, out = check(tmp_path, [CLEAN], ["markdown"])
    text = out["markdown"]
    assert "✅ **Ready to go: this brief passed every check.**" in text
    assert "Nothing to fix." in text
    assert "Findings by area" not in text
    assert "| `@maya.moves` | 85,000 | micro | 6.7% / 6.7% | 64% | USD\u00a09,000 | 15% |" in text


def test_markdown_in_turkish_renders(tmp_path: Path) -> None:
    _code, out = check(tmp_path, [BAD], ["markdown", "html"], "tr")
    assert "310.000" in out["markdown"]  # Turkish digit grouping
    assert '<html lang="tr">' in out["html"]


def test_html_is_self_contained_with_inline_charts(tmp_path: Path) -> None:
    _code, out = check(tmp_path, [CLEAN, BAD], ["html"])
    page = out["html"]
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page and page.count("<svg") == 4
    for external in ("<link", "<script", "src=", "@import", "url("):
        assert external not in page
    assert 'name="viewport"' in page
    assert "Not ready: fix the errors" in page and "Ready to go: this brief passed" in page


def test_unreadable_file_in_the_review(tmp_path: Path) -> None:
    _code, out = check(tmp_path, [BROKEN], ["markdown", "html"])
    assert "could not be read as a brief" in out["markdown"]
    assert "could not be read as a brief" in out["html"]


def test_plain_runs_keep_no_brief_data(tmp_path: Path) -> None:
    from campaignlint.config import Config
    from campaignlint.engine import lint_file

    assert lint_file(str(CLEAN), Config()).data is None
    assert lint_file(str(CLEAN), Config(), keep_data=True).data["campaign"]["name"]


# --- facts -----------------------------------------------------------------------------------


def test_facts_of_the_clean_sample() -> None:
    import yaml

    facts = brief_facts(yaml.safe_load(CLEAN.read_text(encoding="utf-8")))
    maya = facts.influencers[0]
    assert maya.handle == "@maya.moves" and maya.tier == "micro" and maya.followers == 85000
    assert maya.engagement_computed == pytest.approx((5100 + 240 + 360) / 85000 * 100)
    assert maya.engagement_stated == 6.7
    assert maya.age_overlap == pytest.approx(64)  # target 18-24: the "18-24" bucket only
    assert maya.fee_share == pytest.approx(15)
    assert facts.fees_total == 32000 and facts.unallocated == 28000
    assert [row.influencer for row in facts.schedule] == [
        "@jaylen.fits",
        "@maya.moves",
        "@lena.sole",
    ]
    assert facts.schedule[0].windows[0].timezone == "America/Los_Angeles"


@pytest.mark.parametrize(
    "data",
    [
        None,
        ["a list"],
        {"campaign": [], "influencers": "x", "deliverables": {"a": 1}},
        {"influencers": [1, {"followers": "many", "audience": {"age": [1]}}]},
        {"campaign": {"budget": {"amount": 0, "currency": "USD"}}, "influencers": [{}]},
        {"deliverables": [{"posting_windows": [{"days": 3, "from": 1140}], "due": "soon"}]},
    ],
)
def test_facts_never_crash_on_wrong_types(data: Any) -> None:
    facts = brief_facts(data)
    assert facts.fees_total is None or facts.fees_total == 0


# --- a real browser ----------------------------------------------------------------------------


@pytest.mark.slow
def test_html_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    if not any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("no chromium on PATH (apt-get install chromium) to render the HTML report")
    png = tmp_path / "report.png"
    script = REPO / "scripts" / "render_report_png.py"
    done = subprocess.run(
        [sys.executable, str(script), str(BAD), "--out", str(png), "--width", "420"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
