"""--fix/--diff on every path a brief can come by: the bytes on disk change only when that file
was fixed in place, each file is fixed once, and running again changes nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from campaignlint.cli import main
from campaignlint.fix import apply_edits
from campaignlint.model import Edit
from tests.helpers import SAMPLES

FLOW_TAGS = '  hashtags: ["#reklam", "#fyp", "#viral", "#Keşfet", "#VIRAL", "foryou"]\n'
BLOCK_TAGS = """\
  hashtags:
    - "#reklam"
    - "#fyp"
    # the trending tag
    - "#viral"
    # shouted again by mistake
    - "#VIRAL"
    # the tags of the market follow

    - "#Keşfet"
    - foryou
"""
FIXED_BLOCK_TAGS = """\
  hashtags:
    - "#reklam"
    - "#fyp"
    # the trending tag
    - "#viral"
    # the tags of the market follow

    - "#Keşfet"
    - "#foryou"
"""


def brief_text(tags: str = FLOW_TAGS) -> str:
    text = (SAMPLES / "mistakes" / "hashtag-strategy.yaml").read_text(encoding="utf-8")
    assert FLOW_TAGS in text
    return text.replace(FLOW_TAGS, tags)


def fixed_text(tags: str = FLOW_TAGS) -> str:
    fixed = '  hashtags: ["#reklam", "#fyp", "#viral", "#Keşfet", "#foryou"]\n'
    return brief_text(tags).replace(tags, fixed if tags == FLOW_TAGS else FIXED_BLOCK_TAGS)


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["check", *args], input=input, catch_exceptions=False)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def assert_idempotent(*args: str) -> None:
    again = run("--fix", *args)
    assert "fixed" not in again.stderr, again.stderr


def test_a_file_is_fixed_in_place_and_fixing_again_changes_nothing(workdir: Path) -> None:
    brief = write(workdir / "brief.yaml", brief_text())
    result = run("--fix", "brief.yaml")
    assert brief.read_text(encoding="utf-8") == fixed_text()
    assert "fixed 2 problems in brief.yaml" in result.stderr
    assert_idempotent("brief.yaml")
    assert brief.read_text(encoding="utf-8") == fixed_text()


@pytest.mark.parametrize("names", [("brief.yaml", "brief.yaml"), (".", "brief.yaml")])
def test_a_file_named_twice_is_fixed_once(workdir: Path, names: tuple[str, ...]) -> None:
    brief = write(workdir / "brief.yaml", brief_text())
    result = run("--fix", *names)
    assert brief.read_text(encoding="utf-8") == fixed_text()
    assert "fixed 2 problems in brief.yaml" in result.stderr
    assert_idempotent(*names)


def test_a_symlinked_brief_keeps_its_link_and_its_target_is_fixed(workdir: Path) -> None:
    (workdir / "real").mkdir()
    target = write(workdir / "real" / "brief.yaml", brief_text())
    link = workdir / "link.yaml"
    link.symlink_to(target)
    result = run("--fix", "link.yaml")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == fixed_text()
    assert "fixed 2 problems in link.yaml" in result.stderr
    assert_idempotent("link.yaml")


def test_a_symlinked_twin_in_the_folder_is_fixed_once(workdir: Path) -> None:
    target = write(workdir / "brief.yaml", brief_text())
    (workdir / "twin.yaml").symlink_to(target)
    result = run("--fix", ".")
    assert target.read_text(encoding="utf-8") == fixed_text()
    assert "fixed 2 problems in brief.yaml" in result.stderr
    assert (workdir / "twin.yaml").is_symlink()


def test_a_hard_linked_brief_stays_one_file_with_every_name_fixed(workdir: Path) -> None:
    brief = write(workdir / "brief.yaml", brief_text())
    other = workdir / "other-name.yaml"
    os.link(brief, other)
    run("--fix", "brief.yaml")
    assert os.path.samefile(brief, other)
    assert other.read_text(encoding="utf-8") == fixed_text()


def test_a_read_only_file_is_not_replaced_and_the_others_are_fixed(workdir: Path) -> None:
    locked = write(workdir / "locked.yaml", brief_text())
    locked.chmod(0o444)
    free = write(workdir / "free.yaml", brief_text())
    result = run("--fix", "locked.yaml", "free.yaml")
    assert locked.read_text(encoding="utf-8") == brief_text()
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert free.read_text(encoding="utf-8") == fixed_text()
    assert result.exit_code == 2
    assert "locked.yaml: error: read-only file, not fixed" in result.stdout
    assert "fixed 2 problems in free.yaml" in result.stderr


def test_a_file_that_cannot_be_written_is_its_own_error(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import campaignlint.fs as fs

    real_write = fs.atomic_write_bytes

    def no_write_in_locked(path: str | Path, data: bytes) -> None:
        if Path(path).parent.name == "locked":  # as a read-only folder does, even for root
            raise PermissionError(13, "Permission denied")
        real_write(path, data)

    monkeypatch.setattr(fs, "atomic_write_bytes", no_write_in_locked)
    (workdir / "locked").mkdir()
    stuck = write(workdir / "locked" / "brief.yaml", brief_text())
    free = write(workdir / "free.yaml", brief_text())
    result = run("--fix", "locked", "free.yaml")
    assert stuck.read_text(encoding="utf-8") == brief_text()
    assert free.read_text(encoding="utf-8") == fixed_text()
    assert result.exit_code == 2
    assert "locked/brief.yaml: error: cannot write: Permission denied" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("stdin_filename", [(), ("--stdin-filename", "brief.yaml")])
def test_fix_on_stdin_writes_the_fixed_document_to_stdout_only(
    workdir: Path, stdin_filename: tuple[str, ...]
) -> None:
    on_disk = write(workdir / "brief.yaml", brief_text().replace("#fyp", "#foryou"))
    before = on_disk.read_bytes()
    result = run("-", *stdin_filename, "--fix", input=brief_text().encode())
    assert on_disk.read_bytes() == before
    assert result.stdout == fixed_text()
    again = run("-", *stdin_filename, "--fix", input=result.stdout.encode())
    assert again.stdout == fixed_text() and "fixed" not in again.stderr


@pytest.mark.parametrize("stdin_filename", [(), ("--stdin-filename", "brief.yaml")])
def test_diff_on_stdin_shows_the_change_and_fails(
    workdir: Path, stdin_filename: tuple[str, ...]
) -> None:
    on_disk = write(workdir / "brief.yaml", "campaign:\n  name: other\n")
    result = run("-", *stdin_filename, "--diff", input=brief_text().encode())
    assert result.exit_code == 1
    assert '+  hashtags: ["#reklam", "#fyp", "#viral", "#Keşfet", "#foryou"]\n' in result.stdout
    assert "Errno" not in result.output
    assert on_disk.read_text() == "campaign:\n  name: other\n"


def test_diff_writes_nothing(workdir: Path) -> None:
    brief = write(workdir / "brief.yaml", brief_text())
    result = run("--diff", "brief.yaml", "brief.yaml")
    assert brief.read_text(encoding="utf-8") == brief_text()
    assert result.exit_code == 1 and result.stdout.count("+++ b/brief.yaml") == 1


def test_mixed_line_endings_stay_as_they_were(workdir: Path) -> None:
    lines = brief_text().splitlines(keepends=True)
    mixed = "".join(
        line.replace("\n", "\r\n") if index % 3 == 0 else line for index, line in enumerate(lines)
    )
    brief = write(workdir / "brief.yaml", mixed)
    diff = run("--diff", "brief.yaml").stdout
    assert [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    run("--fix", "brief.yaml")
    old = mixed.encode().split(b"\n")
    new = brief.read_bytes().split(b"\n")
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [(FLOW_TAGS.rstrip("\n").encode(), fixed_text().splitlines()[62].encode())]


def test_removing_a_hashtag_keeps_the_comments_and_blank_lines_around_it(workdir: Path) -> None:
    brief = write(workdir / "brief.yaml", brief_text(BLOCK_TAGS))
    run("--fix", "brief.yaml")
    assert brief.read_text(encoding="utf-8") == fixed_text(BLOCK_TAGS)


def test_remove_edit_takes_the_comment_above_an_item_not_the_list_heading() -> None:
    text = "tags:\n  # heading\n  - a\n  # about b\n  - b  # b itself\n  # about c\n  - c\n"
    assert apply_edits(text, [Edit("remove", "/tags/1")]) == (
        "tags:\n  # heading\n  - a\n  # about c\n  - c\n"
    )
    assert apply_edits(text, [Edit("remove", "/tags/0")]) == (
        "tags:\n  # heading\n  # about b\n  - b  # b itself\n  # about c\n  - c\n"
    )


def test_fix_on_unreadable_stdin_keeps_the_report_off_stdout(workdir: Path) -> None:
    result = run("-", "--fix", input=b"campaign: \xff\n")
    assert result.exit_code == 2 and result.stdout == ""
    assert "<stdin>" in result.stderr


def test_the_tally_counts_problems_and_files_in_the_readers_language(workdir: Path) -> None:
    write(workdir / "one.yaml", brief_text())
    write(workdir / "two.yaml", brief_text())
    assert "campaignlint: fixed 4 problems in 2 files\n" in run("--fix", ".").stderr
    write(workdir / "one.yaml", brief_text())
    tally = run("--fix", "--lang", "tr", "one.yaml").stderr
    assert "campaignlint: one.yaml dosyasında 2 sorun düzeltildi\n" in tally
