"""The brief does not match the brief format.

## What it does
Validates the brief against campaignlint's JSON Schema (`campaignlint schema` prints it): the
required sections (`campaign` with name, brand, objective, start, end and budget;
`target_audience`; `influencers`, at least one, each with a handle and followers;
`deliverables`), the type of every field, the allowed values of enumerations, and unknown
keys. Keys that start with `x-` are free at any level. Duplicate keys and extra YAML documents
in one file are reported here too.

It also checks what a JSON Schema cannot say alone: `campaign.budget` is required on a paid
campaign only (`campaign.kind`), `deliverables` may be empty or absent on an affiliate program; on
a campaign with several `campaign.platforms` each deliverable names its `platform`, one of them;
a `format` must exist on its platform (`photo_carousel` on Instagram: did you mean `carousel`?);
v1's `campaign.platform` must be among `platforms` when both are given, and `platform_label` and
its v1 name `branded_content_toggle` are not both written.

## Why it matters
Every other rule reads fields by name. A typo such as `infuencers:` or a budget written as
`ten thousand` silently switches checks off, and the campaign ships unchecked.

## Example
```yaml
campaign:
  name: Glow Serum Launch
  budget: {amount: ten thousand, currency: TRY}   # not a number
infuencers:                                         # typo: unknown key
  - handle: "@ayse.glow"
```

## How to fix
Follow the message: add the missing field, fix the type or the spelling. Add an editor modeline
(`# yaml-language-server: $schema=...`) to get completion and errors while typing. Keep data
of your own under keys starting with `x-`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import Brief, Problem

ID = "schema"
SEVERITY = "error"
AREA = "integrity"
SOURCE = "campaignlint brief format (schemas/brief.schema.json)"
OPTIONS: dict[str, Any] = {}
READS_REJECTED = True  # it reports them; other rules do not see them (campaignlint.brief)


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    yield from brief.document.problems
    reported = brief.document.reported_values  # NaN, octal ...: already explained above
    for violation in brief.violations:
        if violation.pointer in reported:
            continue
        yield brief.problem(
            violation.pointer,
            violation.message,
            violation.fix,
            at_key=violation.at_key,
            related=violation.related,
        )
