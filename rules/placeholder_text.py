"""Placeholder text (lorem ipsum, TODO, XXX, blanks to fill in) is still in the brief.

## What it does
Scans every text value of the brief for what templates leave behind:
- markers matched in any case, ignoring accents, with Turkish rules (`İ`/`ı`): `lorem ipsum`,
  `TODO`, `TBD`, `[TBD]`, `FIXME`, `<insert ...>`, `[brand]`, `[name]`, `???`, "to be
  confirmed", "to be decided", and the Turkish `belirlenecek`, `sonra belirlenecek`,
  `eklenecek`, `doldurulacak`, `[marka]`, `[isim]`, `[tarih]`; a marker that starts or ends
  with a letter matches whole words only;
- `XX`, `XXX`, `XXXX` and `TBC` in upper case, as whole words (`#XXX` counts; `XXL`,
  `#XXXsale` and `@xx.studio` do not);
- blanks: an unfilled merge field (`{{first_name}}`), a run of four or more dots or of two or
  more `…` not attached to a word on its left (`"……… tarihinde"`, not `"Bekleyin...."` or a
  sentence ending in `...`), and three or more underscores (`____`).

One finding per field (each list item is its own field), quoting every placeholder of the field
as written. Fields whose key starts with `x-` hold a team's own notes and are not scanned, but
an anchor defined there and aliased into a real field is checked at that field. A value the
schema rejects (`markets: [XX]`) is the schema's finding only.

## Why it matters
Briefs are copied from templates, and templates ship with placeholders: even the article "TikTok
Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl Belirleyebilirsiniz?" still carries a "Lorem
ipsum" paragraph. A creator who receives "Mention [brand]'s TODO offer by XX.XX" either asks,
which costs a day, or publishes it, which costs the campaign.

## Example
```yaml
campaign:
  name: TODO campaign name
content:
  guidelines: Lorem ipsum dolor sit amet.
  hashtags: ["#XXX"]
contract:
  payment:
    terms: Ödeme tarihi …………… tarihinde belirlenecek
```

## How to fix
Replace each placeholder with the real text before the brief leaves the team. If a value is
genuinely unknown, remove the field, or keep the open question in an `x-notes` field, where it
is not sent to the creator as an instruction.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import (
    PLACEHOLDER_MARKERS,
    UPPER_CASE_PLACEHOLDER_MARKERS,
    Brief,
    Option,
    Plain,
    Problem,
    _,
    find_placeholders,
    placeholder_holders,
    pointer_label,
)

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
        list(PLACEHOLDER_MARKERS),
        "Placeholder markers matched in any case; a marker that starts or ends with a letter"
        " matches whole words only.",
    ),
    "upper_case_markers": Option.strings(
        list(UPPER_CASE_PLACEHOLDER_MARKERS),
        "Placeholder words that count only in upper case, as whole words (XX, not XXL).",
    ),
}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    markers = tuple(options["markers"])
    upper_case = tuple(options["upper_case_markers"])
    texts = brief.string_texts()  # team notes (x- fields) are not scanned
    # one search over every value joined; the per-field search only where it found something
    for index in placeholder_holders(texts, markers, upper_case):
        found = find_placeholders(texts[index], markers, upper_case)
        if not found:
            continue
        pointer = brief.string_values[index].pointer  # walked for the values found only
        field = pointer_label(pointer)
        if len(found) == 1:
            message = _(
                "{field} contains placeholder text '{marker}'", field=field, marker=found[0]
            )
        else:
            message = _(
                "{field} contains placeholder texts {markers}",
                field=field,
                markers=Plain(", ".join(f"'{marker}'" for marker in found)),
            )
        yield brief.problem(
            pointer,
            message,
            _("Replace the placeholder with the real text, or remove the field."),
        )
