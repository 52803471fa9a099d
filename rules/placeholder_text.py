"""Placeholder text (lorem ipsum, TODO, TBD, [brand]) is still in the brief.

## What it does
Scans every text value of the brief for placeholder markers: `lorem ipsum`, `TODO`, `TBD`,
`FIXME`, `XXX`, `<insert`, `[brand]`, `[name]` and `???`. Matching ignores case and accents,
with Turkish rules (`İ`/`ı`). One finding per field, quoting the marker found. Fields whose
key starts with `x-` hold a team's own notes and are not scanned, but an anchor defined there
and aliased into a real field is checked at that field.

## Why it matters
Briefs are copied from templates, and templates ship with placeholders: even the source article
on TikTok audiences still carries a "Lorem ipsum" paragraph. A creator who receives "Mention
[brand]'s TODO offer" either asks, which costs a day, or publishes it, which costs the campaign.

## Example
```yaml
campaign:
  name: TODO campaign name
content:
  guidelines: Lorem ipsum dolor sit amet.
```

## How to fix
Replace each placeholder with the real text before the brief leaves the team. If a value is
genuinely unknown, remove the field, or keep the open question in an `x-notes` field, where it
is not sent to the creator as an instruction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.brief import Brief
from campaignlint.i18n import _
from campaignlint.loader import join_pointer
from campaignlint.model import Problem
from campaignlint.rule import Option
from campaignlint.text import fold
from campaignlint.validation import pointer_label

ID = "placeholder-text"
SEVERITY = "error"
AREA = "integrity"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl '
    'Belirleyebilirsiniz?" itself still contains a "Lorem ipsum" paragraph: briefs ship with '
    "placeholders too."
)
OPTIONS = {
    "markers": Option.strings(
        ["lorem ipsum", "TODO", "TBD", "FIXME", "XXX", "<insert", "[brand]", "[name]", "???"],
        "Placeholder markers; word-like markers match whole words only, case-insensitively.",
    ),
}


def _pattern(markers: list[str]) -> re.Pattern[str]:
    parts = []
    for marker in markers:
        escaped = re.escape(fold(marker))
        # TODO must not match "todos"; "[brand]" or "???" carry their own boundaries.
        if marker[:1].isalnum():
            escaped = r"\b" + escaped
        if marker[-1:].isalnum():
            escaped += r"\b"
        parts.append(escaped)
    return re.compile("|".join(parts))


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    markers = list(options["markers"])
    if not markers:
        return
    strings = list(_strings_outside_extensions(brief.data))
    folded = [fold(value) for _parent, _key, value in strings]
    everything = "\n".join(folded)
    if not any(fold(marker) in everything for marker in markers):
        return  # no marker anywhere: skip the pattern (a match contains its folded marker)
    pattern = _pattern(markers)
    for (parent, key, _value), text in zip(strings, folded, strict=True):
        match = pattern.search(text)
        if match is None:
            continue
        pointer = "" if parent is None else join_pointer(parent, key)
        field = pointer_label(pointer)
        yield brief.problem(
            pointer,
            _("{field} contains placeholder text '{marker}'", field=field, marker=match.group(0)),
            _("Replace the placeholder with the real text, or remove the field."),
        )


def _strings_outside_extensions(data: Any) -> Iterator[tuple[str | None, str | int, str]]:
    """(parent pointer, key, text) of every string value, depth first, outside ``x-`` fields;
    the parent is None for a brief that is one string. Pointers of strings are left to the caller
    (joined only for a finding).

    Team notes live in ``x-`` fields on purpose, so they are not scanned; but an anchor defined
    there and aliased into a real field is scanned at that field. Each aliased object is visited
    once, at its first place outside ``x-`` fields.
    """
    stack: list[tuple[str | None, str | int, Any]] = [(None, "", data)]
    seen: set[int] = set()
    while stack:
        parent, key, value = stack.pop()
        if isinstance(value, str):
            yield parent, key, value
        elif isinstance(value, dict | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
            pointer = "" if parent is None else join_pointer(parent, key)
            children = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
            for child_key, child in reversed(children):
                if not str(child_key).startswith("x-"):
                    stack.append((pointer, child_key, child))
