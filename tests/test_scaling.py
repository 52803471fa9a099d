"""Cost grows near-linearly with the input for the inputs that used to be quadratic (issue 13).

Each case is run at two sizes, four times apart; the growth of CPU time and of peak memory is
compared, never an absolute time: linear work grows about 4x, quadratic work 16x. A review
report's memory per brief is bounded (issue 19): it keeps no brief until the end.
"""

from __future__ import annotations

import contextlib
import gc
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from campaignlint.config import Config
from campaignlint.engine import lint_text
from campaignlint.errors import InputError
from tests.helpers import FIXED_TODAY, SAMPLES

CLEAN = (SAMPLES / "clean-en.yaml").read_text(encoding="utf-8")
ROOMY = Config(max_file_size=100 * 1024 * 1024)
GROWTH = 4
MAX_RATIO = 7.0  # linear is ~4; quadratic would be ~16
SMALL_RUN = 8  # briefs in the smaller review report
REVIEW_BYTES_PER_BRIEF = 24 * 1024  # each brief carries 48 KB of notes


def suppression_comments(count: int) -> str:
    items = "".join(
        f"  # campaignlint: disable=placeholder-text\n  - TODO {i}\n" for i in range(count)
    )
    return CLEAN + "x-notes:\n" + items.replace("- TODO", "- note")


def unknown_keys(count: int) -> str:
    return CLEAN + "".join(f"extra{index}: 1\n" for index in range(count))


def long_nested_keys(depth: int) -> str:
    """Keys of 2,000 characters, ``depth`` levels deep: the paths grow with depth squared."""
    key = "k" * 2000
    levels = [" " * level + f"? {key}{level}\n" + " " * level + ":\n" for level in range(depth)]
    return "".join(levels) + " " * depth + "v\n"


def aliased_text(count: int) -> str:
    """A string of 100 x ``count`` characters aliased ``count`` times: the text the rules would
    read grows with ``count`` squared."""
    aliases = "".join("    - *s\n" for _ in range(count))
    return f"campaign:\n  name: &s '{'x' * 100 * count}'\ncontent:\n  topics:\n{aliases}"


def _lint(text: str) -> None:
    lint_text(text, config=ROOMY, today=FIXED_TODAY)


def _cpu_time(run: Callable[[str], object], text: str) -> float:
    gc.collect()
    started = time.process_time()
    with contextlib.suppress(InputError):  # a clear refusal is fine: its cost is measured
        run(text)
    return time.process_time() - started


def _peak_memory(run: Callable[[str], object], text: str) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        with contextlib.suppress(InputError):
            run(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _assert_near_linear(
    run: Callable[[str], object], make: Callable[[int], str], size: int
) -> None:
    small, large = make(size), make(size * GROWTH)
    _cpu_time(run, small)  # warm up: imports, the compiled schema
    time_ratio = min(_cpu_time(run, large) for _ in range(2)) / max(
        min(_cpu_time(run, small) for _ in range(2)), 1e-3
    )
    memory_ratio = _peak_memory(run, large) / max(_peak_memory(run, small), 1)
    assert time_ratio < MAX_RATIO, f"time grew {time_ratio:.1f}x for {GROWTH}x the input"
    assert memory_ratio < MAX_RATIO, f"memory grew {memory_ratio:.1f}x for {GROWTH}x the input"


@pytest.mark.parametrize(
    ("make", "size"),
    [
        (suppression_comments, 400),
        (unknown_keys, 1000),
        (long_nested_keys, 40),
        (aliased_text, 100),
    ],
    ids=["suppression-comments", "unknown-keys", "long-nested-keys", "aliased-text"],
)
def test_checking_cost_grows_near_linearly(make: Callable[[int], str], size: int) -> None:
    _assert_near_linear(_lint, make, size)


def test_diff_and_fix_merge_of_a_large_brief_grow_near_linearly() -> None:
    from campaignlint.fix import FixOutcome, merge_changes, unified_diff

    def make(count: int) -> str:
        return CLEAN + "x-notes:\n" + "  - same\n" * count + "  - last\n"

    def diff(original: str) -> None:
        before = original.replace("  name: Cloudstep Challenge", "  name:    Cloudstep Challenge")
        after = before.replace("  - last", "  - fixed")  # ruamel reformatted one line
        merged = merge_changes(original, before, after)
        assert merged is not None and "  - fixed" in merged
        outcome = FixOutcome(path="brief.yaml", original=original, fixed=merged, applied=1)
        assert "+  - fixed" in unified_diff(outcome)

    _assert_near_linear(diff, make, 2000)


def _review_peak(folder: Path, fmt: str) -> int:
    """Peak traced memory of a review report of ``folder``, written to nowhere."""
    from campaignlint.commands import CheckOptions, run_check

    options = CheckOptions(
        paths=[str(folder)], formats=[fmt], stdout=lambda text: None, stderr=lambda text: None
    )
    run_check(options)  # warm up: imports, templates, catalogs
    gc.collect()
    tracemalloc.start()
    try:
        run_check(options)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_review_report_holds_little_per_brief(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review reports build each brief's part as its result arrives and spool it: what
    stays in memory per brief is a few KB (the calendar's bookings), not the parsed brief (each
    carries 48 KB of notes here, which a report that kept every brief until the end held)."""
    from campaignlint.fs import Spool
    from campaignlint.portfolio import _ResultSpool

    monkeypatch.setattr(Spool, "IN_MEMORY", 2)  # spool from the third brief on, as in a big run
    monkeypatch.setattr(_ResultSpool, "IN_MEMORY", 2)
    text = (SAMPLES / "bad-en.yaml").read_text(encoding="utf-8")
    text += f"x-notes: '{'lorem ipsum ' * 4000}'\n"
    peaks = []
    for count in (SMALL_RUN, SMALL_RUN * GROWTH):
        folder = tmp_path / f"briefs-{count}"
        folder.mkdir()
        for index in range(count):
            handles = text.replace("@", f"@c{index}")  # each brief its own creators
            (folder / f"brief{index:03}.yaml").write_text(handles, encoding="utf-8")
        peaks.append(_review_peak(folder, fmt))
    per_brief = (peaks[1] - peaks[0]) / (SMALL_RUN * (GROWTH - 1))
    assert per_brief < REVIEW_BYTES_PER_BRIEF, f"{per_brief / 1024:.0f} KB more per brief"


def test_a_spool_gives_back_what_was_added_in_order_however_reads_and_adds_interleave(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from campaignlint.fs import Spool

    monkeypatch.setattr(Spool, "IN_MEMORY", 2)
    spool: Spool[tuple[int, str]] = Spool()
    expected = []
    for index in range(7):
        item = (index, "x" * index)
        spool.add(item)
        expected.append(item)
        assert list(spool) == expected  # a read between two adds
    reader = iter(spool)
    assert next(reader) == expected[0]
    spool.add((7, "added while a reader is half-way"))
    expected.append((7, "added while a reader is half-way"))
    assert [expected[0], *reader] == expected[:7]  # the items there were when it started
    assert list(spool) == expected
    spool.close()
