"""Limits: huge files, YAML bombs, absurd nesting and very long briefs end fast and clearly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from campaignlint.config import Config
from campaignlint.engine import lint_file
from tests.helpers import FIXED_TODAY, SAMPLES

FIFTY_MB = 50 * 1024 * 1024


def _timed(path: Path, config: Config | None = None, limit: float = 10.0) -> object:
    started = time.monotonic()
    result = lint_file(str(path), config or Config(), today=FIXED_TODAY)
    elapsed = time.monotonic() - started
    assert elapsed < limit, f"{path.name} took {elapsed:.1f}s"
    assert not result.internal_error
    return result


def _big_file(path: Path) -> None:
    line = "# " + "x" * 97 + "\n"
    with path.open("w") as handle:
        handle.write("campaign:\n  name: big\n")
        handle.write(line * (FIFTY_MB // len(line) + 1))


def test_a_50_mb_file_over_the_limit_is_a_clear_error_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    _big_file(path)
    result = _timed(path, limit=2)
    assert result.error and "over the 5,242,880-byte limit (max_file_size)" in result.error  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_50_mb_file_with_a_raised_limit_is_checked_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    _big_file(path)
    result = _timed(path, Config(max_file_size=100 * 1024 * 1024), limit=60)
    assert result.error is None and result.findings  # type: ignore[attr-defined]


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    result = _timed(path, limit=3)
    assert result.error and "YAML bomb" in result.error  # type: ignore[attr-defined]


@pytest.mark.parametrize("style", ["flow", "block"])
def test_nesting_10000_levels_deep_is_refused(tmp_path: Path, style: str) -> None:
    depth = 10_000
    if style == "flow":
        text = "campaign: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "".join(" " * level + f"k{level}:\n" for level in range(depth)) + " " * depth + "v\n"
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    result = _timed(path, Config(max_file_size=100 * 1024 * 1024), limit=5)
    assert result.error and "nesting deeper than 200 levels" in result.error  # type: ignore[attr-defined]


def test_a_100000_line_brief_is_checked_in_bounded_time(tmp_path: Path) -> None:
    base = (SAMPLES / "clean-en.yaml").read_text(encoding="utf-8")
    filler = "".join(f"  - note {index}\n" for index in range(100_000))
    path = tmp_path / "long.yaml"
    path.write_text(base + "x-notes:\n" + filler)
    assert len(path.read_text().splitlines()) > 100_000
    result = _timed(path, Config(max_file_size=20 * 1024 * 1024), limit=30)
    assert result.error is None  # type: ignore[attr-defined]


def test_a_long_single_line_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "line.yaml"
    path.write_text("campaign:\n  name: " + "a" * 2_000_000 + "\n")
    result = _timed(path, limit=10)
    assert result.error is None  # type: ignore[attr-defined]
