"""A deliverable names a creator who is not in the influencer list, or a creator has no work.

## What it does
Matches the `influencer` handle of every deliverable against the `handle` of every entry in
`influencers`. Handles are compared without the leading `@`, ignoring case and accents with
Turkish rules, so `@Ayse.Glow`, `ayse.glow` and `@ayşe.glow` are the same creator. It reports:

- a deliverable whose handle is not in `influencers` (error, at the deliverable's `influencer`),
  suggesting the closest listed handle when there is one; several deliverables naming the same
  unknown handle, or unknown handles with no close match, are one finding, at the first, with
  the others as related locations;
- influencers with no deliverable at all (warning): one finding naming them all, at the first
  one's `handle`, with the others as related locations; not on an affiliate program
  (`campaign.kind: affiliate`), where creators post when they choose.

## Why it matters
Every check on audience fit, engagement, tiers and money reads the `influencers` list: a deliverable
for a creator who is not on it has never been vetted, and its fee is missing from the budget. Most
often it is a typo (`@ayse_glow` for `@ayse.glow`), and the wrong account receives the brief. The
other way round, a creator who is listed and paid but has nothing to deliver is a contract without
duties (mistake 3 in the article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar
Nelerdir?": the parties' duties must be written down), or a deliverable that was deleted by
accident.

## Example
```yaml
influencers:
  - handle: "@ayse.glow"
    followers: 85000
  - handle: "@mert.fit"      # listed, but delivers nothing
    followers: 42000
deliverables:
  - influencer: "@ayse_glow"  # not in influencers: did you mean @ayse.glow?
    format: video
```

## How to fix
Write each deliverable's `influencer` exactly as the creator's `handle` under `influencers`, or
add the missing creator there with followers and audience data. Give every listed creator at
least one deliverable, or remove the creator from the brief.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import AFFILIATE, Brief, Option, Plain, Problem, _, normalize_handle

ID = "unknown-influencer"
SEVERITY = "error"
AREA = "integrity"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    " 3 (each party's duties in writing), and plain consistency checks."
)
OPTIONS = {
    "report_idle_influencers": Option.boolean(
        True, "Report an influencer who has no deliverable (a warning)."
    ),
    "suggestion_cutoff": Option.number(
        0.6,
        "How similar (0-1) a listed handle must be to be suggested for an unknown one.",
        minimum=0,
        maximum=1,
    ),
}
CHECKS = {
    "unknown-handle": "A deliverable names a creator who is not in the influencer list.",
    "no-deliverable": "A listed creator has no deliverable.",
}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    if not isinstance(brief.get("/influencers"), list):
        return  # no list to match against: the schema rule reports it
    listed = _listed_handles(brief)
    if not _unreadable(brief, "/influencers", "handle"):
        unknown = _unknown_handles(brief, listed, float(options["suggestion_cutoff"]))
        # Unknown handles with the same advice (no close match) are one finding naming them.
        yield from brief.merge_by_item(unknown, plurals=_PLURALS)
    deliverables = brief.get("/deliverables")
    if (
        options["report_idle_influencers"]
        and brief.kind != AFFILIATE  # an open program: creators post when they like
        and isinstance(deliverables, list)
        and not _unreadable(brief, "/deliverables", "influencer")
    ):
        yield from _idle_influencers(brief)


def _unreadable(brief: Brief, list_pointer: str, field: str) -> bool:
    """Whether some entry names its creator with a wrong type (``handle: 42``): who it is cannot
    be known, so a creator missing on the other side may well be that one."""
    for _pointer, entry in brief.mappings(list_pointer):
        value = entry.get(field)
        if value is not None and not isinstance(value, (str, list)):
            return True
    return False


def _listed_handles(brief: Brief) -> dict[str, str]:
    """Folded handle -> handle as written, for each influencer."""
    listed: dict[str, str] = {}
    for _pointer, influencer in brief.mappings("/influencers"):
        handle = influencer.get("handle")
        if isinstance(handle, str) and normalize_handle(handle):
            listed.setdefault(normalize_handle(handle), handle.strip())
    return listed


def _deliverable_handles(brief: Brief) -> Iterator[tuple[str, str]]:
    """(pointer, handle) for each creator named by a deliverable."""
    for pointer, deliverable in brief.mappings("/deliverables"):
        named = deliverable.get("influencer")
        for handle_pointer, handle in Brief.strings_of(f"{pointer}/influencer", named):
            if normalize_handle(handle):
                yield handle_pointer, handle


def _unknown_handles(brief: Brief, listed: dict[str, str], cutoff: float) -> Iterator[Problem]:
    """One finding per unknown handle, at its first deliverable, the others related."""
    places: dict[str, list[tuple[str, str]]] = {}
    for pointer, handle in _deliverable_handles(brief):
        key = normalize_handle(handle)
        if key not in listed:
            places.setdefault(key, []).append((pointer, handle))
    for key, found in places.items():
        pointer, handle = found[0]
        if len(found) == 1:
            message = _(
                "The deliverable names {handle}, who is not in the influencer list.",
                handle=Plain(handle.strip()),
            )
        else:
            message = _(
                "{count} deliverables name {handle}, who is not in the influencer list.",
                count=len(found),
                handle=Plain(handle.strip()),
            )
        import difflib  # only for a handle that is not listed, not on every run

        closest = difflib.get_close_matches(key, list(listed), n=1, cutoff=cutoff)
        if closest:
            fix = _(
                "Did you mean {suggestion}? Write the handle as it is listed under influencers.",
                suggestion=Plain(listed[closest[0]]),
            )
        else:
            fix = _(
                "Add {handle} to influencers with followers and audience data, or name a listed"
                " creator.",
                handle=Plain(handle.strip()),
            )
        related = [other for other, _handle in found[1:]]
        yield brief.problem(pointer, message, fix, related=related, check="unknown-handle")


_PLURALS = {
    "The deliverable names {handle}, who is not in the influencer list.": _(
        "The deliverables name {handle}, who are not in the influencer list."
    ),
    "{count} deliverables name {handle}, who is not in the influencer list.": _(
        "{count} deliverables name {handle}, who are not in the influencer list."
    ),
}


def _idle_influencers(brief: Brief) -> Iterator[Problem]:
    """One finding for every creator without a deliverable, at the first, the others related."""
    delivering = {normalize_handle(handle) for _pointer, handle in _deliverable_handles(brief)}
    idle: list[tuple[str, str]] = []
    for pointer, influencer in brief.mappings("/influencers"):
        handle = influencer.get("handle")
        if not isinstance(handle, str) or not normalize_handle(handle):
            continue
        if normalize_handle(handle) not in delivering:
            idle.append((f"{pointer}/handle", handle.strip()))
    if not idle:
        return
    handles = [Plain(handle) for _pointer, handle in idle]
    if len(idle) == 1:
        message = _("{handle} is in the influencer list but has no deliverable.", handle=handles[0])
        fix = _(
            "Add a deliverable for {handle} (format, count, due date), or remove the"
            " creator from influencers.",
            handle=handles[0],
        )
    else:
        message = _(
            "{count} creators in the influencer list have no deliverable: {handles}.",
            count=len(idle),
            handles=handles,
        )
        fix = _(
            "Add a deliverable for each of them (format, count, due date), or remove them"
            " from influencers."
        )
    related = [pointer for pointer, _handle in idle[1:]]
    yield brief.problem(
        idle[0][0], message, fix, severity="warning", related=related, check="no-deliverable"
    )
