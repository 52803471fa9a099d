"""The brief sets no topic or guidelines for the content, or the brand does not approve it.

## What it does
Reads the `content` section and reports a warning for each missing control:

- no `content.topics` (what the videos are about);
- no `content.guidelines` (what must be shown or said, what to avoid);
- `content.approval.required` not `true` (the brand does not review the video before it goes
  live);

and an info when `content.approval.turnaround_days` is above `max_turnaround_days` (5): a slow
review holds the creator's publishing plan.

On a `gifted` or `affiliate` campaign (`campaign.kind`) approval not required is info, not a
warning, and on a gifted campaign whose every deliverable is `optional: true` it is not reported:
the creator posts at will.

A field that is present but empty (`topics: []`, `guidelines: ""`) counts as missing.

## Why it matters
Poor content is one of the common mistakes of influencer campaigns (mistake 4 in the article "TikTok
Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?"): the brand should set the topic and
check the quality of what is published. Without topics the creator guesses what the campaign is
about; without guidelines the key product facts, claims to avoid and legal wording are left to
chance; without an approval step nobody sees a wrong claim or a missing disclosure before the
audience does. Approval should be quick, though: a review that takes a week pushes posts out of the
windows they were planned for.

## Example
```yaml
content:
  creative_freedom: Creator chooses format, tone and script.
  approval: {required: false, turnaround_days: 10}
```

## How to fix
Add `topics` (two or three video ideas that fit the audience), `guidelines` (the facts to show,
the claims to avoid) and `approval: {required: true, rounds: 2, turnaround_days: 2}`. Keep the
creator's freedom over format, tone and words: set the topic and check facts, do not write the
script.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import (
    GIFTED,
    NON_COMMERCIAL,
    PAID,
    Brief,
    Option,
    Problem,
    Severity,
    _,
    is_blank,
)

ID = "content-guidelines"
SEVERITY = "warning"
AREA = "content"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    " 4 (poor content: the brand should set the topic and check the quality of what is "
    "published)."
)
OPTIONS = {
    "max_turnaround_days": Option.number(
        5, "Most days the brand may take to approve a video.", minimum=0
    ),
}
# Kinds on which content approval not required is a warning; elsewhere (gifted, affiliate:
# the creator posts on their own terms) it is info.
APPROVAL_WARNS = (PAID, NON_COMMERCIAL)
CHECKS = {
    "topics": "The brief sets no content topics.",
    "guidelines": "The brief gives the creator no content guidelines.",
    "approval": "The brand does not approve the content before it is published.",
    "turnaround": "Approval takes longer than max_turnaround_days.",
}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    if brief.has("/content") and brief.mapping("/content") is None:
        return  # unreadable content: the schema reports it
    if is_blank(brief.get("/content/topics")):
        yield brief.missing(
            "/content/topics",
            _("the brief sets no content topics"),
            _(
                "Add content.topics: two or three video ideas that fit the target audience,"
                " such as a how-to with the product or a behind-the-scenes look."
            ),
            check="topics",
        )
    if is_blank(brief.get("/content/guidelines")):
        yield brief.missing(
            "/content/guidelines",
            _("the brief gives the creator no content guidelines"),
            _(
                "Add content.guidelines: the product facts to show or say and the claims to"
                " avoid, leaving format, tone and words to the creator."
            ),
            check="guidelines",
        )
    yield from _check_approval(brief, options["max_turnaround_days"])


def _all_optional(brief: Brief) -> bool:
    """A gifted campaign whose every deliverable is optional: the creator posts at will, so
    there is nothing for the brand to approve."""
    if brief.kind != GIFTED:
        return False
    return all(item.get("optional") is True for _pointer, item in brief.mappings("/deliverables"))


def _check_approval(brief: Brief, max_days: float) -> Iterator[Problem]:
    approval_value = brief.get("/content/approval")
    if approval_value is not None and not isinstance(approval_value, dict):
        return
    required = brief.get("/content/approval/required")
    if required is not True and not _all_optional(brief):
        problem = brief.missing if required is None else brief.problem
        yield problem(
            "/content/approval/required",
            _("the brand does not approve the content before it is published"),
            _(
                "Set content.approval.required: true, with a quick turnaround (2 days) and at"
                " most 2-3 rounds."
            ),
            severity=None if brief.kind in APPROVAL_WARNS else Severity.INFO,
            check="approval",
        )
    days = brief.number("/content/approval/turnaround_days")
    if days is not None and days > max_days:
        yield brief.problem(
            "/content/approval/turnaround_days",
            _(
                "approval takes {days} days, more than {limit}: it holds the creator's"
                " publishing plan",
                days=days,
                limit=max_days,
            ),
            _("Commit to approving within {limit} days.", limit=max_days),
            severity="info",
            check="turnaround",
        )
