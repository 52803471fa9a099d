"""The Big List of Naughty Strings in every text field of a brief, through every rule."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from campaignlint.config import Config
from campaignlint.engine import lint_text
from tests.helpers import FIXED_TODAY, SAMPLES, SHARED

BLNS = SHARED / "corpora" / "naughty-strings" / "blns.json"
pytestmark = pytest.mark.skipif(not BLNS.is_file(), reason=f"naughty strings not at {BLNS}")


def _strings() -> list[str]:
    return [s for s in json.loads(BLNS.read_text(encoding="utf-8")) if isinstance(s, str)]


def _string_paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _string_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_paths(value, (*path, index))
    elif isinstance(node, str):
        yield path


def _with(data: Any, path: tuple[Any, ...], value: str) -> Any:
    copy = json.loads(json.dumps(data))
    node = copy
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return copy


@pytest.mark.slow
def test_every_naughty_string_in_every_text_field_gives_no_internal_error() -> None:
    base = yaml.safe_load((SAMPLES / "clean-en.yaml").read_text(encoding="utf-8"))
    base = json.loads(json.dumps(base, default=str))
    paths = list(_string_paths(base))
    strings = _strings()
    config = Config()
    # every string once in every field, spread round-robin so each field sees many strings
    for index, naughty in enumerate(strings):
        data = base
        for offset, path in enumerate(paths):
            if (index + offset) % 8 == 0:
                data = _with(data, path, naughty)
        text = yaml.safe_dump(data, allow_unicode=True)  # escapes what YAML cannot hold raw
        findings = lint_text(text, config=config, today=FIXED_TODAY)
        crashed = [f.message for f in findings if f.rule == "internal-error"]
        assert not crashed, (naughty, crashed)


def test_naughty_strings_as_keys_and_handles_render_in_every_format() -> None:
    from campaignlint.commands import CheckOptions, run_check

    for naughty in _strings()[::5]:
        data = {
            "campaign": {"name": naughty, naughty: naughty},
            "influencers": [{"handle": naughty}],
        }
        text = yaml.safe_dump(data, allow_unicode=True)
        for output_format in ("text", "json"):
            out: list[str] = []
            code = run_check(
                CheckOptions(
                    paths=["-"],
                    formats=(output_format,),
                    stdin=_Stream(text.encode("utf-8")),
                    stdout=out.append,
                    stderr=out.append,
                )
            )
            assert code == 1 and "Traceback" not in "".join(out), (naughty, out)
            if output_format == "json" and code == 1:
                json.loads("".join(out))


class _Stream:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        return self.data if size < 0 else self.data[:size]
