"""Hostile input (issue 13): bounded time and memory, values that lie, no traceback."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from campaignlint.config import Config
from campaignlint.engine import lint_file, lint_text
from tests.helpers import FIXED_TODAY, SAMPLES

CLEAN = (SAMPLES / "clean-en.yaml").read_text(encoding="utf-8")
BIG = Config(max_file_size=50 * 1024 * 1024)


def _lint(path: Path, config: Config = BIG, limit: float = 10.0):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    result = lint_file(str(path), config, today=FIXED_TODAY)
    assert time.monotonic() - started < limit
    return result


# --- loader bounds ---------------------------------------------------------------------------


def test_a_byte_bomb_of_one_long_string_aliased_2000_times_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    topics = "".join("    - *s\n" for _ in range(2000))
    path.write_text(f"campaign:\n  name: &s '{'x' * 1_000_000}'\ncontent:\n  topics:\n{topics}")
    result = _lint(path, limit=5)
    assert result.error is not None
    assert "aliases copy more than 10,000,000 characters of text (a YAML bomb?)" in result.error


def test_aliases_that_copy_little_text_are_still_read() -> None:
    text = CLEAN.replace("  name: Cloudstep Challenge", "  name: &n Cloudstep Challenge", 1)
    assert lint_text(text + "x-names: [" + ", ".join(["*n"] * 500) + "]\n", today=FIXED_TODAY) == []


def test_long_keys_nested_deep_are_refused_before_their_paths_fill_memory(tmp_path: Path) -> None:
    key = "k" * 26_000
    lines = [" " * level + f"? {key}{level}\n" + " " * level + ":\n" for level in range(199)]
    path = tmp_path / "keys.yaml"
    path.write_text("".join(lines) + " " * 199 + "v\n")
    result = _lint(path, limit=5)
    assert result.error is not None
    assert "keys are too long or nested too deeply to check" in result.error


# --- values that lie -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "engagement_rate: 6.7",
            "engagement_rate: .nan",
            "influencers[0].engagement_rate is .nan, 'not a number' in YAML: no check can use it",
        ),
        (
            "avg_views: 140000",
            "avg_views: .inf",
            "influencers[0].avg_views is .inf, infinity in YAML, not a real number",
        ),
        (
            "followers: 85000",
            "followers: 1" + "0" * 330,
            "influencers[0].followers is a number of 331 digits, too large to be a real amount",
        ),
        (
            "followers: 85000",
            "followers: 0777",
            "influencers[0].followers is written 0777, which YAML 1.1 reads as the octal"
            " number 511",
        ),
        (
            "followers: 85000",
            "followers: -.INF",
            "influencers[0].followers is -.INF, infinity in YAML, not a real number",
        ),
    ],
)
def test_numbers_that_lie_are_one_clear_schema_finding(old: str, new: str, message: str) -> None:
    findings = lint_text(CLEAN.replace(old, new, 1), today=FIXED_TODAY)
    assert [(f.rule, f.severity.value, f.message) for f in findings] == [
        ("schema", "error", message)
    ]


def test_octal_fix_hint_gives_the_number_as_written_without_the_zero() -> None:
    findings = lint_text(CLEAN.replace("followers: 85000", "followers: 0777", 1))
    assert findings[0].fix == "Write it without the leading zero (777), or in quotes if it is text."


def test_numbers_in_fields_of_your_own_stay_free() -> None:
    assert lint_text(CLEAN + "x-ratio: .nan\nx-code: 0777\n", today=FIXED_TODAY) == []


# --- only regular files, never more than max_file_size bytes ---------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_brief_linked_to_a_device_is_refused_without_reading_it(
    tmp_path: Path, device: str
) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    link = tmp_path / "brief.yaml"
    link.symlink_to(device)
    result = _lint(link, Config(), limit=2)
    assert (
        result.error
        == f"{link}: not a regular file (a device, pipe or socket); only files are checked"
    )


def test_a_brief_that_grows_after_its_size_is_read_is_read_whole_up_to_the_limit(
    tmp_path: Path,
) -> None:
    import os

    from campaignlint.engine import _read_at_most

    def read(text: bytes, expected: int, most: int) -> bytes:
        path = tmp_path / "brief.yaml"
        path.write_bytes(text)
        descriptor = os.open(path, os.O_RDONLY)
        try:
            return _read_at_most(descriptor, expected, most)
        finally:
            os.close(descriptor)

    grown = bytes(range(256)) * 20_000  # 5 MB; the size read first was 1,000 bytes
    assert read(grown, 1001, 10_000_001) == grown
    assert read(grown, 1001, 3001) == grown[:3001]  # one byte over the limit: refused
    assert read(grown[:700], 1001, 10_001) == grown[:700]  # it shrank


def test_a_fifo_named_like_a_brief_does_not_block_a_folder_run(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "ok.yaml").write_text(CLEAN)
    command = [str(Path(sys.executable).parent / "campaignlint"), "check", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"{tmp_path / 'pipe.yaml'}: error: not a regular file" in done.stdout
    assert done.stdout.endswith("1 of 2 files could not be read.\n")


# --- suppression directives -----------------------------------------------------------------

PLACEHOLDER = CLEAN.replace("  name: Cloudstep Challenge", "  name: TODO", 1)


def _with_comment(comment: str) -> str:
    return PLACEHOLDER.replace("  name: TODO", f"  {comment}\n  name: TODO", 1)


def test_a_directive_inside_a_string_is_text_not_a_suppression() -> None:
    text = PLACEHOLDER + "x-notes: |\n  # campaignlint: disable-file=ALL\n"
    assert [(f.rule, f.line) for f in lint_text(text, today=FIXED_TODAY)] == [
        ("placeholder-text", 6)
    ]
    quoted = PLACEHOLDER + 'x-note: "see # campaignlint: disable-file=ALL"\n'
    assert [f.rule for f in lint_text(quoted, today=FIXED_TODAY)] == ["placeholder-text"]


def test_a_real_comment_after_a_block_string_still_suppresses() -> None:
    text = PLACEHOLDER + "x-notes: |\n  text\n# campaignlint: disable-file=placeholder-text\n"
    assert lint_text(text, today=FIXED_TODAY) == []


@pytest.mark.parametrize(
    "comment",
    [
        "# campaignlint: disable placeholder-text",
        "# campaignlint: disable=placeholder-text until 2027-01-31",
        "# campaignlint: disable=placeholder-text because legal said so",
        "# campaignlint: enable=placeholder-text",
    ],
)
def test_a_malformed_directive_is_a_warning_and_suppresses_nothing(comment: str) -> None:
    findings = lint_text(_with_comment(comment), today=FIXED_TODAY)
    assert [(f.rule, f.severity.value, f.line) for f in findings] == [
        ("unused-suppression", "warning", 6),
        ("placeholder-text", "error", 7),
    ]
    assert findings[0].message == (
        f"'{comment}' is not a suppression campaignlint can read, so it suppresses nothing"
    )
    assert findings[0].fix == (
        "Write it as # campaignlint: disable=RULE[,RULE] [until=YYYY-MM-DD] [-- reason]."
    )


def test_until_written_after_the_reason_never_makes_a_waiver_that_never_expires() -> None:
    comment = "# campaignlint: disable=placeholder-text -- waiting until=2020-01-01"
    findings = lint_text(_with_comment(comment), today=FIXED_TODAY)
    assert [(f.rule, f.severity.value, f.line) for f in findings] == [
        ("unused-suppression", "warning", 6),
        ("placeholder-text", "error", 7),
    ]
    assert "has until= after the reason" in findings[0].message


def test_a_well_formed_directive_with_until_and_a_reason_still_works() -> None:
    comment = "# campaignlint: disable=placeholder-text until=2027-01-31 -- waiting for legal"
    assert lint_text(_with_comment(comment), today=FIXED_TODAY) == []


# --- findings per file -------------------------------------------------------------------------


def _unknown_keys(count: int) -> str:
    return CLEAN + "".join(f"extra{index}: 1\n" for index in range(count))


def test_findings_per_file_are_capped_with_a_closing_finding_saying_how_many_more() -> None:
    config = Config(max_findings_per_file=3)
    findings = lint_text(_unknown_keys(10), config=config, today=FIXED_TODAY)
    assert [(f.rule, f.severity.value, f.line) for f in findings] == [
        ("schema", "error", 157),
        ("schema", "error", 158),
        ("schema", "error", 159),
        ("too-many-findings", "error", 160),
    ]
    assert findings[-1].message == (
        "7 more findings in this file are not shown: at most 3 are reported per file"
        " (max_findings_per_file)"
    )


def test_the_default_cap_is_1000_and_the_config_file_can_change_it(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(_unknown_keys(1500))
    findings = _lint(path, Config()).findings
    assert len(findings) == 1001
    assert findings[-1].message.startswith("500 more findings")
    (tmp_path / ".campaignlint.yaml").write_text("max_findings_per_file: 2000\n")
    from campaignlint.config import config_for

    assert len(_lint(path, config_for(path)).findings) == 1500


def test_suppressed_findings_are_not_counted_as_hidden() -> None:
    text = _unknown_keys(10).replace("extra9: 1", "extra9: 1  # campaignlint: disable=schema")
    findings = lint_text(text, config=Config(max_findings_per_file=3), today=FIXED_TODAY)
    assert findings[-1].message.startswith("6 more findings")


def test_the_closing_finding_is_as_severe_as_the_worst_finding_left_out() -> None:
    text = CLEAN.replace("  name: Cloudstep Challenge", "  name: TODO", 1) + "extra: 1\n"
    findings = lint_text(text, config=Config(max_findings_per_file=1), today=FIXED_TODAY)
    assert [(f.rule, f.severity.value) for f in findings] == [
        ("placeholder-text", "error"),
        ("too-many-findings", "error"),
    ]


# --- every argument is checked -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["many", "2.5", "", "-1"])
def test_a_bad_jobs_value_is_one_line_and_exit_2(value: str) -> None:
    from click.testing import CliRunner

    from campaignlint.cli import main

    result = CliRunner().invoke(main, ["check", "--jobs", value, str(SAMPLES / "clean-en.yaml")])
    assert result.exit_code == 2
    assert result.output == (
        "campaignlint: error: --jobs takes a whole number of processes, 0 or 'auto' (one per"
        f" CPU); got {value!r}\n"
    )


@pytest.mark.parametrize("value", ["0", "auto", "2"])
def test_jobs_zero_means_one_process_per_cpu_like_auto(value: str) -> None:
    from campaignlint.engine import resolve_jobs

    assert resolve_jobs(value) == (int(value) if value == "2" else resolve_jobs("auto"))


def test_docs_output_into_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from campaignlint.cli import main

    target = tmp_path / "docs" / "rules.md"
    result = CliRunner().invoke(main, ["docs", "--output", str(target)])
    assert result.exit_code == 2
    assert result.output.startswith(f"campaignlint: error: cannot write {target}: ")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


# --- paths the user may not read -------------------------------------------------------------


def _denied(original, forbidden: str):  # type: ignore[no-untyped-def]
    def guarded(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if forbidden in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, *args, **kwargs)

    return guarded


def test_an_unreadable_brief_is_its_own_error_and_the_others_are_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from click.testing import CliRunner

    from campaignlint.cli import main

    secret, ok = tmp_path / "secret.yaml", tmp_path / "ok.yaml"
    secret.write_text(CLEAN)
    ok.write_text(CLEAN)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m, **k: "secret" not in str(p) and real_access(p, m)
    )
    monkeypatch.setattr(os, "open", _denied(os.open, "secret"))
    result = CliRunner().invoke(main, ["check", str(secret), str(ok), "--format", "json"])
    assert result.exit_code == 2, result.output
    files = {Path(f["path"]).name: f["error"] for f in json.loads(result.output)["files"]}
    assert files == {
        "secret.yaml": f"{secret}: cannot read: Permission denied",
        "ok.yaml": None,
    }


def test_a_brief_under_a_folder_the_user_cannot_enter_is_its_own_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from click.testing import CliRunner

    from campaignlint.cli import main

    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "brief.yaml").write_text(CLEAN)
    ok = tmp_path / "ok.yaml"
    ok.write_text(CLEAN)
    monkeypatch.setattr(os, "stat", _denied(os.stat, str(locked) + os.sep))
    result = CliRunner().invoke(main, ["check", str(locked / "brief.yaml"), str(ok)])
    assert result.exit_code == 2, result.output
    assert f"{locked / 'brief.yaml'}: error: cannot read: Permission denied" in result.output
    assert result.output.endswith("1 of 2 files could not be read.\n")
    assert "Traceback" not in result.output


def test_a_real_unreadable_brief_when_not_root(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        pytest.skip("root reads every file: permissions cannot be tested")
    secret, ok = tmp_path / "secret.yaml", tmp_path / "ok.yaml"
    secret.write_text(CLEAN)
    ok.write_text(CLEAN)
    secret.chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "brief.yaml").write_text(CLEAN)
    locked.chmod(0)
    try:
        command = [str(Path(sys.executable).parent / "campaignlint"), "check"]
        command += [str(secret), str(locked / "brief.yaml"), str(ok)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert done.stdout.endswith("2 of 3 files could not be read.\n")
    assert "Traceback" not in done.stderr


# --- what reaches a CI log or a report ---------------------------------------------------------


def test_github_annotations_carry_no_control_characters_from_names_or_values(
    tmp_path: Path,
) -> None:
    from campaignlint.renderers import Report, render

    path = tmp_path / "evil\x1b[2J.yaml"
    path.write_text(CLEAN.replace("  name: Cloudstep Challenge", '  name: "TODO \\e[31m"', 1))
    output = render("github", Report(results=[_lint(path, Config())]))
    assert output.count("::error ") == 1
    assert "\x1b" not in output and "\ufffd[2J.yaml" in output


@pytest.mark.parametrize("name", ["json", "sarif", "github", "gitlab", "junit", "markdown", "html"])
def test_a_file_name_that_is_not_utf8_gives_valid_utf8_in_every_format(
    tmp_path: Path, name: str
) -> None:
    import os
    import subprocess
    import sys

    folder = os.fsencode(tmp_path)
    try:
        with open(os.path.join(folder, b"caf\xe9.yaml"), "w") as handle:
            handle.write(CLEAN.replace("  name: Cloudstep Challenge", "  name: TODO", 1))
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    command = [str(Path(sys.executable).parent / "campaignlint"), "check", str(tmp_path)]
    target = tmp_path / f"report.{name}"
    for extra in (["--format", name], ["--format", f"{name}:{target}"]):
        done = subprocess.run(command + extra, capture_output=True, timeout=60)
        assert done.returncode == 1, done.stderr
        assert b"Traceback" not in done.stderr
        written = target.read_bytes() if ":" in extra[1] else done.stdout
        text = written.decode("utf-8")  # valid UTF-8, or this raises
        if name in ("json", "github", "gitlab", "junit"):
            assert "caf\ufffd.yaml" in text


# --- baselines keyed by identity ---------------------------------------------------------------


def _swap_sections(text: str) -> str:
    """bad-en.yaml with its two influencers, and its first two deliverables, swapped."""
    lines = text.splitlines(keepends=True)
    start = lines.index("influencers:\n") + 1
    end = lines.index("deliverables:\n")
    items = "".join(lines[start:end]).split("  - handle:")
    influencers = ["  - handle:" + item for item in items[1:]]
    swapped = [*lines[:start], influencers[1], influencers[0]]
    rest = "".join(lines[end + 1 :])
    head, _sep, tail = rest.partition("\ncontent:")
    deliverables = ["  - influencer:" + item for item in head.split("  - influencer:")[1:]]
    deliverables[0], deliverables[1] = deliverables[1], deliverables[0]
    deliverables = [d if d.endswith("\n") else d + "\n" for d in deliverables]
    return "".join([*swapped, "deliverables:\n", *deliverables]).rstrip("\n") + "\ncontent:" + tail


def _baseline_run(paths: list[str], *extra: tuple[str, Path]) -> tuple[int, str]:
    from campaignlint.commands import CheckOptions, run_check

    out: list[str] = []
    options = CheckOptions(paths=paths, stdout=out.append, stderr=out.append, **dict(extra))
    return run_check(options), "".join(out)


def test_reordering_influencers_and_deliverables_keeps_the_baseline(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    original = (SAMPLES / "bad-en.yaml").read_text(encoding="utf-8")
    brief.write_text(original)
    baseline = tmp_path / "baseline.json"
    _baseline_run([str(brief)], ("write_baseline", baseline))
    recorded = json.loads(baseline.read_text())
    assert recorded["version"] == 2
    assert any("/influencers/handle=@zoe.dances/" in e["pointer"] for e in recorded["findings"])
    swapped = _swap_sections(original)
    assert swapped.split("  - handle:")[1].startswith(' "@tom.cooks"')
    assert swapped.split("  - influencer:")[1].startswith(' "@tom_cooks"')
    brief.write_text(swapped)
    code, text = _baseline_run([str(brief)], ("baseline", baseline))
    assert code == 0, text
    assert text.startswith("All checks passed")


def test_a_baseline_of_an_unknown_version_is_refused(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(CLEAN)
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"version": 99, "tool": "campaignlint", "findings": []}\n')
    code, text = _baseline_run([str(brief)], ("baseline", baseline))
    assert code == 2
    assert text == (
        f"campaignlint: error: {baseline}: baseline version 99 is not one this campaignlint"
        " reads (1, 2); record it again with --write-baseline\n"
    )


def test_fixes_of_findings_past_the_cap_still_apply() -> None:
    from campaignlint.fix import fixable_edits

    text = _unknown_keys(5).replace('"#sneakers"', '"sneakers"')
    findings = lint_text(text, config=Config(max_findings_per_file=2), today=FIXED_TODAY)
    assert findings[-1].rule == "too-many-findings"
    assert [edit.op for edit in fixable_edits(findings)] == ["set"]
