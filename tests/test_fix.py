"""--fix and --diff: safe edits applied without touching anything else."""

from __future__ import annotations

import os
import stat
import textwrap
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, run_check
from campaignlint.fix import apply_edits, merge_changes
from campaignlint.model import Edit
from tests.helpers import SAMPLES

RULE = '''\
"""Emits safe edits for tests.

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
from campaignlint.i18n import _
from campaignlint.model import Edit

ID = "edit-rule"
SEVERITY = "warning"
AREA = "content"
SOURCE = "test"
OPTIONS = {}
FIXABLE = True


def check(brief, options):
    tags = brief.get("/content/hashtags")
    if isinstance(tags, list):
        for index, tag in enumerate(tags):
            if isinstance(tag, str) and not tag.startswith("#"):
                pointer = f"/content/hashtags/{index}"
                yield brief.problem(pointer, _("no hash"), edits=(Edit("set", pointer, "#" + tag),))
    if brief.get("/content/disclosure/placement") != "start_of_caption":
        pointer = "/content/disclosure/placement"
        yield brief.problem(
            "/content", _("placement"), edits=(Edit("set", pointer, "start_of_caption"),)
        )
    if brief.get("/content/disclosure/branded_content_toggle") is not True:
        pointer = "/content/disclosure/branded_content_toggle"
        yield brief.problem("/content", _("toggle"), edits=(Edit("set", pointer, True),))
'''

BRIEF = """\
# A brief with comments, odd quoting and 4-space indentation.
campaign:
    name: 'Glow Launch'   # single quotes on purpose
    brand: "Lumina"

content:
    # the tags the creator must use
    hashtags:
      - "#LuminaGlow"
      - skincare      # no hash yet
      - '#reklam'
    disclosure:
        tags: ["#reklam"]
        placement: end_of_caption
        branded_content_toggle: true
    guidelines: >-
        Show the serum
        in natural light.
"""


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "rules"
    directory.mkdir()
    (directory / "edit_rule.py").write_text(RULE)
    return directory


def _check(*paths: str, rules: Path, **options: object) -> tuple[int, str, str]:
    out: list[str] = []
    err: list[str] = []
    code = run_check(
        CheckOptions(
            paths=list(paths),
            select=("edit-rule",),
            rules_dirs=[str(rules)],
            stdout=out.append,
            stderr=err.append,
            **options,  # type: ignore[arg-type]
        )
    )
    return code, "".join(out), "".join(err)


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_fix_changes_only_the_fixed_lines_byte_for_byte(tmp_path: Path, rules_dir: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(BRIEF)
    os.chmod(brief, 0o640)
    code, _out, err = _check(str(brief), rules=rules_dir, fix=True)
    after = brief.read_text()
    assert _changed_lines(BRIEF, after) == [
        ("      - skincare      # no hash yet\n", '      - "#skincare"   # no hash yet\n'),
        ("        placement: end_of_caption\n", "        placement: start_of_caption\n"),
    ]
    assert code == 0 and f"fixed 2 problems in {brief}" in err
    assert stat.S_IMODE(brief.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_diff_prints_the_change_and_writes_nothing(tmp_path: Path, rules_dir: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(BRIEF)
    code, out, _err = _check(str(brief), rules=rules_dir, diff=True)
    assert code == 1
    assert brief.read_text() == BRIEF
    assert '-      - skincare      # no hash yet\n+      - "#skincare"   # no hash yet\n' in out
    assert "+        placement: start_of_caption\n" in out


def test_a_clean_file_gives_an_empty_diff_and_exit_zero(tmp_path: Path, rules_dir: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(BRIEF.replace("skincare ", '"#skincare"').replace("end_of", "start_of"))
    assert _check(str(brief), rules=rules_dir, diff=True)[:2] == (0, "")


def test_fix_adds_missing_keys_at_the_end_of_their_mapping(tmp_path: Path, rules_dir: Path) -> None:
    text = "content:\n  hashtags: [a, '#b']\n  disclosure: {tags: ['#ad']}\nother: 1\n"
    brief = tmp_path / "brief.yaml"
    brief.write_text(text)
    _check(str(brief), rules=rules_dir, fix=True)
    assert brief.read_text() == (
        "content:\n"
        "  hashtags: ['#a', '#b']\n"
        "  disclosure: {tags: ['#ad'], placement: start_of_caption, branded_content_toggle: true}\n"
        "other: 1\n"
    )


def test_a_file_with_a_parse_error_is_never_touched(tmp_path: Path, rules_dir: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = "content:\n  hashtags: [a\n"
    broken.write_text(text)
    before = broken.stat().st_mtime_ns
    code, _out, _err = _check(str(broken), rules=rules_dir, fix=True)
    assert code == 2
    assert broken.read_text() == text and broken.stat().st_mtime_ns == before


def test_crlf_and_bom_survive_a_fix(tmp_path: Path, rules_dir: Path) -> None:
    brief = tmp_path / "brief.yaml"
    text = (
        "content:\r\n  hashtags:\r\n    - a   # c\r\n"
        "  disclosure: {placement: start_of_caption, branded_content_toggle: true}\r\n"
    )
    brief.write_bytes(b"\xef\xbb\xbf" + text.encode())
    _check(str(brief), rules=rules_dir, fix=True)
    assert brief.read_bytes() == b"\xef\xbb\xbf" + text.replace("- a  ", "- '#a'").encode()


def test_remove_edits_apply_from_the_last_item_backwards() -> None:
    text = "tags:\n  - a\n  - b   # keep\n  - c\n  - d\n"
    edits = [Edit("remove", "/tags/0"), Edit("remove", "/tags/2")]
    assert apply_edits(text, edits) == "tags:\n  - b   # keep\n  - d\n"


def test_duplicate_edits_apply_once_and_append_creates_a_list() -> None:
    text = 'content:\n  hashtags: ["#a"]\n'
    edits = [Edit("append", "/content/hashtags", "#ad")] * 2 + [
        Edit("append", "/content/tags", "#x")
    ]
    assert apply_edits(text, edits) == 'content:\n  hashtags: ["#a", "#ad"]\n  tags: [\'#x\']\n'


def test_merge_refuses_a_change_on_a_line_ruamel_would_reformat() -> None:
    original = "a:   {x: 1}\nb: 2\n"
    before = "a: {x: 1}\nb: 2\n"
    assert merge_changes(original, before, "a: {x: 2}\nb: 2\n") is None
    assert merge_changes(original, before, "a: {x: 1}\nb: 3\n") == "a:   {x: 1}\nb: 3\n"


def test_fix_with_the_real_rules_touches_only_hashtag_and_disclosure_lines(
    tmp_path: Path,
) -> None:
    sample = SAMPLES / "mistakes" / "hashtag-strategy.yaml"
    if not sample.exists():
        pytest.skip("hashtag-strategy sample not present")
    brief = tmp_path / "brief.yaml"
    original = sample.read_text(encoding="utf-8")
    brief.write_text(original, encoding="utf-8")
    out: list[str] = []
    run_check(CheckOptions(paths=[str(brief)], fix=True, stdout=out.append, stderr=out.append))
    after = brief.read_text(encoding="utf-8")
    assert after != original
    old, new = original.splitlines(), after.splitlines()
    import difflib

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag != "equal":
            changed = old[i1:i2] + new[j1:j2]
            assert all(
                any(word in line for word in ("hashtags", "tags", "#", "placement", "toggle"))
                for line in changed
            ), changed
    # and the fixed file is still a readable brief
    assert run_check(CheckOptions(paths=[str(brief)], stdout=out.append, stderr=out.append)) in (
        0,
        1,
    )


def test_a_fix_ruamel_cannot_read_is_reported_and_skipped(tmp_path: Path, rules_dir: Path) -> None:
    brief = tmp_path / "brief.yaml"
    text = textwrap.dedent(
        """\
        content:
          hashtags: [a]
          hashtags: [b]
        """
    )
    brief.write_text(text)
    _code, _out, err = _check(str(brief), rules=rules_dir, fix=True)
    assert brief.read_text() == text
    assert "not fixed" in err
