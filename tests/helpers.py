"""Helpers for rule tests: lint a YAML fragment with one rule and read its findings."""

from __future__ import annotations

import datetime as dt
import importlib.util
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

from campaignlint.config import Config
from campaignlint.engine import lint_text
from campaignlint.model import Finding

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "samples"
FIXED_TODAY = dt.date(2026, 1, 15)


def shared_example() -> str:
    """The text of ``../shared/brief-example.yaml``; the test is skipped when shared/ is not
    beside the checkout (a clone on its own)."""
    import pytest

    example = SHARED / "brief-example.yaml"
    if not example.is_file():
        pytest.skip(f"{example} is absent: shared/ is not beside the checkout")
    return example.read_text(encoding="utf-8")


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` imported as a module, to test its functions."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_rule(
    rule_id: str,
    yaml_text: str,
    *,
    options: dict[str, Any] | None = None,
    today: dt.date = FIXED_TODAY,
    lang: str = "en",
) -> list[Finding]:
    """Lint ``yaml_text`` (dedented) with only ``rule_id`` enabled."""
    config = Config(select=(rule_id,), rules={rule_id: options or {}})
    return lint_text(textwrap.dedent(yaml_text), config=config, today=today, lang=lang)


def summary(findings: list[Finding]) -> list[tuple[str, str, int, str]]:
    """(rule, severity, line, pointer) of each finding: compact for exact assertions."""
    return [(f.rule, f.severity.value, f.line, f.pointer) for f in findings]


# --- a rule that misbehaves on demand, for the --jobs and signal tests ----------------------

CHAOS_RULE = '''\
"""Sleeps, spins, raises, dies or reports its process id on demand, for tests.

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
import os
import time

from campaignlint.i18n import Plain, _

ID = "chaos-rule"
SEVERITY = "warning"
AREA = "integrity"
SOURCE = "test"
OPTIONS = {}


def check(brief, options):
    if brief.get("/kill") is True:
        os._exit(3)  # the worker process dies
    if brief.get("/raise") is True:
        raise MemoryError("no more memory")
    if brief.get("/spin") is True:
        while True:
            try:
                pass
            except Exception:  # a rule that swallows everything is still stopped
                pass
    if isinstance(brief.get("/started"), str):
        open(brief.get("/started"), "a").close()  # tells the test a worker is busy
    if isinstance(brief.get("/sleep"), (int, float)):
        time.sleep(brief.get("/sleep"))
    yield brief.problem("", _("pid {pid}", pid=Plain(os.getpid())))
'''


def chaos_folders(tmp_path: Path) -> tuple[Path, Path]:
    """A rules folder holding the chaos rule, and an empty briefs folder."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "chaos_rule.py").write_text(CHAOS_RULE)
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    return rules, briefs


# --- a team's own rule, in a rules folder of its repository ----------------------------------

TEAM_RULE = '''"""Campaign names must be short.

## What it does
Flags campaign names longer than 40 characters.

## Why it matters
Long names are cut in dashboards.

## Example
```yaml
campaign: {name: The Big Spring Glow Serum Launch With Creators In Three Cities}
```

## How to fix
Shorten the name.
"""

ID = "short-campaign-name"
SEVERITY = "info"
AREA = "integrity"
SOURCE = "Our dashboard's header width."
OPTIONS = {}


def check(brief, options):
    return []
'''
