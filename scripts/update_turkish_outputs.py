#!/usr/bin/env python
"""Regenerate the Turkish example outputs from the sources and the catalog.

    python scripts/update_turkish_outputs.py           # write them
    python scripts/update_turkish_outputs.py --check   # exit 1 if one is stale

- ``docs/rules.tr.md``: the rules reference in Turkish (``campaignlint docs --lang tr``);
- ``samples/report-tr.md``: the Markdown review of ``samples/bad-tr.yaml`` in Turkish
  (``campaignlint check --format markdown --lang tr``), once the markdown format exists.

The report is made reproducible: it is run from ``samples/`` on the relative path, so no absolute
path appears, with "today" fixed to the test date, so date-dependent checks do not drift.
Run ``scripts/update_catalog.py`` first when messages changed (it calls this script at the end).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
DOCS_TR = REPO / "docs" / "rules.tr.md"
REPORT_TR = SAMPLES / "report-tr.md"
BAD_TR = "bad-tr.yaml"
TODAY = "2026-01-15"  # the fixed date of the tests (tests/helpers.py FIXED_TODAY)


@contextmanager
def _inside(folder: Path, **environment: str) -> Iterator[None]:
    previous_cwd, previous_env = Path.cwd(), {k: os.environ.get(k) for k in environment}
    os.chdir(folder)
    os.environ.update(environment)
    try:
        yield
    finally:
        os.chdir(previous_cwd)
        for key, value in previous_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def rules_reference() -> str:
    from campaignlint.docs import rules_markdown
    from campaignlint.registry import builtin_rules

    return rules_markdown(builtin_rules().values(), "tr")


def has_markdown_format() -> bool:
    import importlib.util

    from campaignlint.renderers import FORMATS

    module = FORMATS.get("markdown")
    return module is not None and importlib.util.find_spec(module) is not None


def sample_report() -> str:
    """The Turkish Markdown report of the Turkish bad sample."""
    from campaignlint.commands import CheckOptions, run_check

    written: list[str] = []
    with _inside(SAMPLES, CAMPAIGNLINT_TODAY=TODAY):
        options = CheckOptions(
            paths=[BAD_TR], formats=["markdown"], lang="tr", stdout=written.append
        )
        run_check(options)
    return "".join(written)


def outputs() -> dict[Path, str]:
    sys.path.insert(0, str(REPO))
    files = {DOCS_TR: rules_reference()}
    if has_markdown_format() and (SAMPLES / BAD_TR).exists():
        files[REPORT_TR] = sample_report()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if an output is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"updated {path.relative_to(REPO)}")
    if args.check:
        for path in stale:
            print(
                f"{path.relative_to(REPO)} is stale: run python scripts/update_turkish_outputs.py"
            )
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
