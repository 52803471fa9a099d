"""The campaign name does not fit a report header.

## What it does
Reports a `campaign.name` longer than `max_length` characters (check `too-long`) or with more
than `max_words` words (check `too-many-words`).

## Why it matters
Long names are cut in dashboards, invoices and the review report's header.

## Example
```yaml
campaign: {name: The Big Spring Glow Serum Launch With Creators In Three Cities}
```

## How to fix
Shorten the name; keep the details in `campaign.description`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import Brief, Option, Problem, _

from .naming import LIMITS, words

ID = "example-campaign-name"
SEVERITY = "info"
AREA = "integrity"
SOURCE = "The example pack's own style guide."
OPTIONS = {
    "max_length": Option.integer(LIMITS["max_length"], "Longest name allowed.", minimum=1),
    "max_words": Option.integer(LIMITS["max_words"], "Most words allowed.", minimum=1),
}
CHECKS = {
    "too-long": "The name has more characters than max_length.",
    "too-many-words": "The name has more words than max_words.",
}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    name = brief.text("/campaign/name")
    if not name:
        return
    if len(name) > options["max_length"]:
        yield brief.problem(
            "/campaign/name",
            _("the campaign name has {count} characters (at most {limit})",
              count=len(name), limit=options["max_length"]),
            _("Shorten it."),
            check="too-long",
        )  # fmt: skip
    if len(words(name)) > options["max_words"]:
        yield brief.problem(
            "/campaign/name",
            _("the campaign name has {count} words (at most {limit})",
              count=len(words(name)), limit=options["max_words"]),
            check="too-many-words",
        )  # fmt: skip
