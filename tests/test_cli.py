"""`campaignlint check` end to end through the CLI: output shape, exit codes, config, bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint.cli import main
from tests.helpers import SAMPLES

BAD = "campaign:\n  name: TODO launch\n"


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(main, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and "campaignlint, version" in result.output


def test_text_output_is_ruff_like_with_fix_and_summary(workdir: Path) -> None:
    (workdir / "brief.yaml").write_text(BAD, encoding="utf-8")
    result = run("check", "--select", "placeholder-text", "brief.yaml")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "brief.yaml:2:9: error placeholder-text campaign.name contains placeholder text 'TODO'"
    )
    assert lines[1].startswith("  fix: Replace the placeholder")
    assert lines[-1].startswith("Found 1 finding: 1 error, 0 warnings, 0 info in 1 file checked.")
    assert "\x1b[" not in result.output


def test_quiet_prints_findings_only_and_color_can_be_forced(workdir: Path) -> None:
    (workdir / "brief.yaml").write_text(BAD, encoding="utf-8")
    quiet = run("check", "-q", "--select", "placeholder-text", "brief.yaml")
    assert "Found" not in quiet.output and "placeholder-text" in quiet.output
    colored = run("check", "--color", "--select", "placeholder-text", "brief.yaml")
    assert "\x1b[31m" in colored.output
    no_color = run("check", "--select", "placeholder-text", "brief.yaml", env={"NO_COLOR": "1"})
    assert "\x1b[" not in no_color.output


def test_json_format_shape(workdir: Path) -> None:
    (workdir / "brief.yaml").write_text(BAD, encoding="utf-8")
    result = run("check", "--format", "json", "--select", "placeholder-text", "brief.yaml")
    document = json.loads(result.output)
    assert document["version"] == 1
    [file] = document["files"]
    assert file["path"] == "brief.yaml" and file["error"] is None
    assert set(file["findings"][0]) == {
        "rule",
        "code",
        "severity",
        "message",
        "pointer",
        "line",
        "column",
        "end_line",
        "end_column",
        "fix",
        "related",
    }
    assert file["findings"][0]["pointer"] == "/campaign/name"
    assert document["summary"]["errors"] == 1 and document["summary"]["exit_code"] == 1


def test_fail_on_decides_the_exit_code(workdir: Path) -> None:
    (workdir / "brief.yaml").write_text(BAD, encoding="utf-8")
    (workdir / ".campaignlint.yaml").write_text(
        "select: [placeholder-text]\nrules:\n  placeholder-text: {severity: info}\n",
        encoding="utf-8",
    )
    assert run("check", "brief.yaml").exit_code == 0
    assert run("check", "--fail-on", "info", "brief.yaml").exit_code == 1


def test_stdin_with_filename(workdir: Path) -> None:
    result = run(
        "check", "-", "--stdin-filename", "q3.yaml", "--select", "placeholder-text", input=BAD
    )
    assert result.exit_code == 1
    assert result.output.startswith("q3.yaml:2:9: error placeholder-text")


def test_directory_recursion_honours_exclude(workdir: Path) -> None:
    (workdir / "briefs" / "drafts").mkdir(parents=True)
    (workdir / "briefs" / "a.yaml").write_text(BAD, encoding="utf-8")
    (workdir / "briefs" / "b.yml").write_text(BAD, encoding="utf-8")
    (workdir / "briefs" / "drafts" / "c.yaml").write_text(BAD, encoding="utf-8")
    (workdir / "briefs" / "notes.txt").write_text(BAD, encoding="utf-8")
    (workdir / ".campaignlint.yaml").write_text(
        "select: [placeholder-text]\nexclude: [briefs/drafts]\n", encoding="utf-8"
    )
    result = run("check", "--format", "json", "briefs")
    paths = sorted(f["path"] for f in json.loads(result.output)["files"])
    assert paths == [os.path.join("briefs", "a.yaml"), os.path.join("briefs", "b.yml")]


def test_config_in_pyproject_is_discovered_upward(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text(
        '[tool.campaignlint]\nselect = ["placeholder-text"]\nfail_on = "error"\n', encoding="utf-8"
    )
    (workdir / "deep" / "er").mkdir(parents=True)
    (workdir / "deep" / "er" / "brief.yaml").write_text("campaign: {name: ok}\n", encoding="utf-8")
    assert run("check", "deep/er/brief.yaml").exit_code == 0


def test_explicit_config_and_cli_select_ignore(workdir: Path) -> None:
    (workdir / "brief.yaml").write_text(BAD, encoding="utf-8")
    (workdir / "custom.yaml").write_text("ignore: [schema]\n", encoding="utf-8")
    result = run("check", "--config", "custom.yaml", "--format", "json", "brief.yaml")
    rules = {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}
    assert "schema" not in rules and "placeholder-text" in rules
    ignored = run("check", "--ignore", "schema,placeholder-text", "-q", "brief.yaml")
    assert "placeholder-text" not in ignored.output


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("rules:\n  placeholder-text: {colour: red}\n", "has no option 'colour'"),
        ("rules:\n  placeholder-text: {markers: 5}\n", "must be array"),
        ("fail_on: sometimes\n", "fail_on"),
        ("select: [placeholder]\n", "unknown rule 'placeholder'"),
        ("selekt: [schema]\n", "unknown key 'selekt' in the top level; did you mean 'select'?"),
    ],
)
def test_invalid_config_exits_2_with_one_line(workdir: Path, config: str, message: str) -> None:
    (workdir / "brief.yaml").write_text(BAD, encoding="utf-8")
    (workdir / ".campaignlint.yaml").write_text(config, encoding="utf-8")
    result = run("check", "brief.yaml")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"campaign: [1\n", "brief.yaml:2:1: error: invalid YAML"),
        (b"", "brief.yaml: error: the file is empty"),
        (b"a: \xff\xfe\n", "brief.yaml:1:4: error: not UTF-8 text"),
        (b"\x00\x01\x02binary", "brief.yaml: error: binary file"),
        (
            b"x: !!python/object/apply:os.system [echo hi]\n",
            "brief.yaml:1:4: error: unsupported YAML tag",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(workdir: Path, content: bytes, message: str) -> None:
    (workdir / "brief.yaml").write_bytes(content)
    (workdir / "good.yaml").write_text(BAD, encoding="utf-8")
    result = run("check", "-q", "--select", "placeholder-text", "brief.yaml", "good.yaml")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert (
        "good.yaml:2:9: error placeholder-text" in result.output
    )  # the fine file is still checked


def test_file_over_size_limit(workdir: Path) -> None:
    (workdir / ".campaignlint.yaml").write_text("max_file_size: 1KB\n", encoding="utf-8")
    (workdir / "big.yaml").write_text("a: " + "x" * 2000 + "\n", encoding="utf-8")
    result = run("check", "big.yaml")
    assert result.exit_code == 2 and "over the 1,024-byte limit" in result.output


def test_missing_path_and_empty_directory(workdir: Path) -> None:
    missing = run("check", "nope.yaml")
    assert (
        missing.exit_code == 2 and "nope.yaml: error: no such file or directory" in missing.output
    )
    (workdir / "empty").mkdir()
    empty = run("check", "empty")
    assert empty.exit_code == 0 and "no briefs" in empty.stderr
    assert run("check", "--strict", "empty").exit_code == 2


def test_rules_and_explain() -> None:
    listing = run("rules", "--format", "json")
    ids = {item["id"] for item in json.loads(listing.output)}
    assert {"schema", "placeholder-text"} <= ids
    explained = run("explain", "placeholder-text")
    for heading in ("What it does", "Why it matters", "Example", "How to fix", "Options"):
        assert heading in explained.output
    unknown = run("explain", "placeholder")
    assert unknown.exit_code == 2


def test_schema_command_prints_the_schema() -> None:
    schema = json.loads(run("schema").output)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "campaign" in schema["properties"]
    assert "fail_on" in json.loads(run("schema", "--config").output)["properties"]


def test_streamed_text_output_equals_the_buffered_one(workdir: Path) -> None:
    """Plain text output is written file by file (flat memory); asking for a second format
    buffers every result instead. Both must print the very same text and exit code."""
    for index in range(5):
        text = BAD if index % 2 else "campaign: {name: fine}\n"
        (workdir / f"b{index}.yaml").write_text(text, encoding="utf-8")
    (workdir / "broken.yaml").write_text("a: [1\n", encoding="utf-8")
    args = ["check", "--select", "placeholder-text", ".", "missing.yaml"]
    streamed = run(*args)
    buffered = run(*args, "--format", "text", "--format", "json:out.json")
    assert streamed.output == buffered.output
    assert streamed.exit_code == buffered.exit_code == 2
    assert streamed.output.count("placeholder-text") == 2
    quiet = run(*args, "-q")
    assert quiet.output == streamed.output.rsplit("\n\n", 1)[0] + "\n"


def test_summary_when_the_only_problem_is_an_unreadable_file(workdir: Path) -> None:
    (workdir / "broken.yaml").write_text("a: [1\n", encoding="utf-8")
    (workdir / "fine.yaml").write_text("campaign: {name: fine}\n", encoding="utf-8")
    result = run("check", "--select", "placeholder-text", "broken.yaml", "fine.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "No findings in the files that could be read; 1 of 2 files could not be read."
    )


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_strict_on_a_folder_without_briefs_says_what_it_exits(workdir: Path, fmt: str) -> None:
    (workdir / "empty").mkdir()
    result = run("check", "--strict", "--format", fmt, "empty")
    assert result.exit_code == 2
    assert "All checks passed" not in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)["summary"]["exit_code"] == 2
    else:
        assert "No briefs checked: with --strict that is an error." in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "--config", "nope.yaml", "."), "config file not found: nope.yaml"),
        (("check", "--format", "pdf", "."), "unknown format 'pdf'"),
        (("check", "--jobs", "many", "."), "--jobs takes a whole number"),
        (("check", "--stdin-filename", "x.yaml", "a.yaml"), "--stdin-filename names the brief"),
        (("check", "--format", "json:no/such/dir/out.json", "."), "cannot write no/such/dir"),
        (("rules", "--config", "nope.yaml"), "config file not found: nope.yaml"),
        (("explain", "budget-fitt"), "did you mean 'budget-fit'?"),
        (("docs", "--output", "no/such/dir/rules.md"), "cannot write no/such/dir/rules.md"),
        (("init", "--brief", ".campaignlint.yaml"), ".campaignlint.yaml already exists"),
    ],
)
def test_every_command_reports_its_errors_as_one_line_and_exit_2(
    workdir: Path, args: tuple[str, ...], message: str
) -> None:
    (workdir / ".campaignlint.yaml").write_text("fail_on: error\n", encoding="utf-8")
    (workdir / "a.yaml").write_text(BAD, encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("campaignlint: error: ") and message in line
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "summary"),
    [
        (["samples/clean-en.yaml"], "All checks passed (1 file checked)."),
        (
            ["samples/clean-en.yaml", "samples/clean-tr.yaml"],
            "All checks passed (2 files checked).",
        ),
        (
            ["samples/bad-en.yaml"],
            "Found 22 findings: 7 errors, 12 warnings, 3 info in 1 file checked.",
        ),
        (
            ["--lang", "tr", "samples/bad-en.yaml"],
            "1 dosyada 22 bulgu var: 7 hata, 12 uyarı, 3 bilgi.",
        ),
        (
            ["--select", "placeholder-text", "samples/bad-en.yaml"],
            "Found 1 finding: 1 error, 0 warnings, 0 info in 1 file checked.",
        ),
    ],
)
def test_the_summary_line_counts_in_words_that_agree_with_the_numbers(
    args: list[str], summary: str
) -> None:
    paths = [
        str(SAMPLES / arg.removeprefix("samples/")) if arg.endswith(".yaml") else arg
        for arg in args
    ]
    result = CliRunner().invoke(main, ["check", "--exit-zero", *paths])
    assert result.output.splitlines()[-1] == summary
