"""JSON pointers have one home, campaignlint.pointers, and every part of campaignlint agrees
with it: the loader's positions, the brief's accessors, schema violations and fixes."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

from campaignlint.brief import Brief
from campaignlint.loader import load_text
from campaignlint.pointers import (
    escape_pointer_token,
    join_pointer,
    list_index,
    parent_pointer,
    pointer_from,
    pointer_tokens,
    resolve_pointer,
    unescape_pointer_token,
)
from campaignlint.validation import pointer_label

ROOT = Path(__file__).resolve().parent.parent
AWKWARD_KEYS = ["plain", "a/b", "~", "~1", "~0/~1", "x-notes", "", "ü/ş", "0", "01"]


@pytest.mark.parametrize("key", AWKWARD_KEYS)
def test_escaping_round_trips(key: str) -> None:
    escaped = escape_pointer_token(key)
    assert "/" not in escaped
    assert unescape_pointer_token(escaped) == key


def test_escaping_follows_rfc_6901() -> None:
    assert escape_pointer_token("a/b~c") == "a~1b~0c"
    assert unescape_pointer_token("~01") == "~1"  # not "/": ~0 is read after ~1
    assert join_pointer("/x-notes", "a/b") == "/x-notes/a~1b"
    assert join_pointer("", 3) == "/3"


def test_joining_and_splitting_are_inverse() -> None:
    path = ["influencers", 2, "a/b", "~"]
    pointer = pointer_from(path)
    assert pointer == "/influencers/2/a~1b/~0"
    assert pointer_tokens(pointer) == ["influencers", "2", "a/b", "~"]
    assert pointer_from([]) == "" and pointer_tokens("") == []
    assert parent_pointer(pointer) == "/influencers/2/a~1b"
    assert parent_pointer("/campaign") == ""


def test_list_indexes_are_read_as_pointers_write_them() -> None:
    assert list_index("0") == 0 and list_index("12") == 12
    assert list_index("01") is None and list_index("-1") is None and list_index("²") is None


def test_resolving_a_pointer_in_plain_data() -> None:
    data = {"a/b": [{"c": 1}], "n": None}
    assert resolve_pointer(data, "/a~1b/0/c") == 1
    assert resolve_pointer(data, "/a~1b/1") is None
    assert resolve_pointer(data, "/missing/c") is None
    assert resolve_pointer(data, "") is data


def test_loader_brief_and_schema_use_the_same_pointers() -> None:
    text = "x-notes:\n  a/b: first\n  '~1': second\ncampaign:\n  name: Launch\n"
    document = load_text(text)
    brief = Brief(document)
    slash = join_pointer("/x-notes", "a/b")
    tilde = join_pointer("/x-notes", "~1")
    assert document.positions.get(slash) == (2, 8, 2, 13)
    assert document.key_positions.get(tilde) == (3, 3, 3, 7)
    assert brief.get(slash) == "first" and brief.get(tilde) == "second"
    assert dict(brief.walk_strings("/x-notes")) == {slash: "first", tilde: "second"}
    assert pointer_label(slash) == "x-notes.a/b"
    # a pointer is found only as it is written: /x-notes/a/b names a deeper place
    assert document.positions.get("/x-notes/a/b") is None
    assert brief.get("/x-notes/a/b") is None


def _string_literals(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    return [
        token.string
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.STRING
    ]


def test_no_other_module_escapes_pointers_itself() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("campaignlint", "rules")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "pointers.py"
        and any(
            '"~0"' in literal or '"~1"' in literal or "'~0'" in literal or "'~1'" in literal
            for literal in _string_literals(path)
        )
    ]
    assert offenders == []
