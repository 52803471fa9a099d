"""The hashtags are too many, only generic, without a brand tag, malformed or repeated.

## What it does
Reads `content.hashtags` and reports:

- more than `max_hashtags` (5) tags (warning);
- only generic, over-used tags such as `#fyp`, `#viral` or `#keşfet` (warning; the list is the
  `generic_tags` option; disclosure labels such as `#reklam` or `#ad` do not count either way);
- no tag carrying the brand or campaign name (info). A tag counts when it contains the brand or
  campaign name written together (`#LuminaCosmetics`) or one of their distinctive words of four
  letters or more (`#LuminaGlow` for "Lumina Cosmetics");
- a malformed tag: no `#`, a space, or punctuation (error, one per tag). Letters of any
  language, digits and `_` are fine;
- the same tag twice (warning, at the repeat). Tags compare ignoring case and accents, with
  Turkish rules: `#CiltBakımı` and `#ciltbakimi` are one tag.

`campaignlint check --fix` adds a missing `#` and removes repeated tags.

## Why it matters
The article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl Belirleyebilirsiniz?" sums
up the hashtag advice: relevant tags, not the most over-used ones, a brand or campaign tag, and a
limited number. `#fyp` and `#viral` sit on hundreds of millions of videos and tell TikTok nothing
about who should see the post; a long block of tags looks like spam and pushes the caption down. A
brand tag is what lets the team find and count every post of the campaign. A tag with a space or a
hyphen stops at that character, so `#glow serum` links `#glow`, and a tag without `#` is not a tag
at all.

## Example
```yaml
campaign:
  name: Glow Serum Launch
  brand: Lumina Cosmetics
content:
  hashtags: ["#fyp", "#viral", "#keşfet", "#Viral", "trending", "#for you"]
```

## How to fix
Keep three to five tags: the campaign tag (`#LuminaGlow`), one or two tags of the topic
(`#skincare`, `#ciltbakımı`) and the disclosure label the market requires (`#reklam`, `#ad`).
Write each tag as `#` followed by letters, digits or `_`, with no spaces, and list it once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.brief import Brief
from campaignlint.i18n import _
from campaignlint.model import Edit, Problem
from campaignlint.rule import Option
from campaignlint.text import fold

ID = "hashtag-strategy"
SEVERITY = "warning"
AREA = "content"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl '
    'Belirleyebilirsiniz?" (hashtags: relevant, not the most over-used ones, a brand or '
    "campaign tag, a limited number)."
)
OPTIONS = {
    "max_hashtags": Option.integer(5, "Most hashtags a post should carry.", minimum=1),
    "generic_tags": Option.strings(
        [
            "#fyp",
            "#foryou",
            "#foryoupage",
            "#viral",
            "#trending",
            "#keşfet",
            "#kesfet",
            "#keşfetbeniöneçıkar",
            "#tiktok",
            "#trend",
        ],
        "Over-used hashtags that say nothing about the post (matched ignoring case and accents).",
    ),
}
FIXABLE = True

# Disclosure labels (all markets): required by law, neither generic nor topical.
DISCLOSURE_TAGS = frozenset(
    {
        "reklam",
        "isbirligi",
        "sponsor",
        "ortaklik",
        "ad",
        "ads",
        "sponsored",
        "advertisement",
        "advert",
        "werbung",
        "anzeige",
        "publicite",
        "sponsorise",
    }
)

# Words of a brand or campaign name that say nothing about the brand itself.
COMMON_NAME_WORDS = frozenset(
    {
        "campaign",
        "kampanya",
        "kampanyasi",
        "launch",
        "lansman",
        "lansmani",
        "official",
        "resmi",
        "tiktok",
        "with",
        "from",
        "ile",
        "icin",
        "and",
        "the",
        "brand",
        "marka",
        "company",
        "group",
        "cosmetics",
        "kozmetik",
        "beauty",
        "fashion",
        "moda",
        "shop",
        "store",
        "magaza",
        "summer",
        "winter",
        "spring",
        "autumn",
        "sale",
        "indirim",
    }
)

_TAG_CHARACTER = re.compile(r"[\w]", re.UNICODE)


def tag_key(tag: str) -> str:
    """The matching key of a tag: without ``#``, folded (``#CiltBakımı`` → ``ciltbakimi``)."""
    return fold(tag.strip().lstrip("#"))


def _squashed(text: str) -> str:
    """Folded letters and digits only: ``Lumina Cosmetics`` → ``luminacosmetics``."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _name_parts(names: list[str]) -> set[str]:
    parts: set[str] = set()
    for name in names:
        whole = _squashed(name)
        if whole:
            parts.add(whole)
        for word in re.split(r"[^\w]+|_", fold(name)):
            if len(word) >= 4 and word.isalpha() and word not in COMMON_NAME_WORDS:
                parts.add(word)
    return parts


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    value = brief.get("/content/hashtags")
    if value is not None and not isinstance(value, list):
        return
    tags = list(brief.strings("/content/hashtags")) if value is not None else []
    yield from _too_many(brief, len(value or []), options["max_hashtags"])
    yield from _all_generic(brief, tags, {tag_key(tag) for tag in options["generic_tags"]})
    yield from _no_brand_tag(brief, tags)
    duplicates = list(_duplicates(brief, tags))
    repeated = {problem.pointer for problem in duplicates}
    for pointer, tag in tags:
        malformed = _malformed(brief, pointer, tag, removed=pointer in repeated)
        if malformed is not None:
            yield malformed
    yield from duplicates


def _too_many(brief: Brief, count: int, limit: int) -> Iterator[Problem]:
    if count > limit:
        yield brief.problem(
            "/content/hashtags",
            _("the post carries {count} hashtags; keep at most {limit}", count=count, limit=limit),
            _(
                "Remove {extra} of the tags: keep the brand tag, the disclosure label and the"
                " most relevant topic tags.",
                extra=count - limit,
            ),
            at_key=True,
        )


def _all_generic(brief: Brief, tags: list[tuple[str, str]], generic: set[str]) -> Iterator[Problem]:
    keys = [tag_key(tag) for _pointer, tag in tags]
    content_keys = [key for key in keys if key and key not in DISCLOSURE_TAGS]
    if content_keys and all(key in generic for key in content_keys):
        yield brief.problem(
            "/content/hashtags",
            _(
                "all hashtags are generic ({tags}): they say nothing about the product or the"
                " audience",
                tags=", ".join(
                    tag.strip() for _pointer, tag in tags if tag_key(tag) not in DISCLOSURE_TAGS
                ),
            ),
            _("Replace them with a brand tag and tags of the topic the audience searches for."),
            at_key=True,
        )


def _no_brand_tag(brief: Brief, tags: list[tuple[str, str]]) -> Iterator[Problem]:
    names = [
        text.strip()
        for text in (brief.text("/campaign/brand"), brief.text("/campaign/name"))
        if text is not None and text.strip()
    ]
    parts = _name_parts(names)
    if not parts:
        return
    if any(part in _squashed(tag) for _pointer, tag in tags for part in parts):
        return
    suggestion = "#" + "".join(word[:1].upper() + word[1:] for word in names[0].split())
    yield brief.missing(
        "/content/hashtags",
        _("no hashtag carries the brand or campaign name ({names})", names=" / ".join(names)),
        _(
            "Add a brand or campaign tag such as {tag}, so every post of the campaign can be"
            " found and counted.",
            tag=re.sub(r"[^\w#]", "", suggestion),
        ),
        severity="info",
    )


def _malformed(brief: Brief, pointer: str, tag: str, *, removed: bool) -> Problem | None:
    """A problem for a malformed tag; a lone missing ``#`` gets a safe edit unless the tag is
    a repeat that another edit removes."""
    body = tag[1:] if tag.startswith("#") else tag
    bad = sorted({ch for ch in body if not _TAG_CHARACTER.match(ch)})
    clean = "#" + "".join(ch for ch in body if _TAG_CHARACTER.match(ch))
    if not bad and tag.startswith("#") and body:
        return None
    if not body.strip() or clean == "#":
        message = _("'{tag}' is not a hashtag: it has no letters", tag=tag)
        return brief.problem(
            pointer, message, _("Remove it or write a real tag."), severity="error"
        )
    if any(ch.isspace() for ch in body):
        message = _("'{tag}' contains a space: only the part before it becomes a hashtag", tag=tag)
    elif bad:
        message = _(
            "'{tag}' contains punctuation ({characters}): the tag stops at it",
            tag=tag,
            characters=" ".join(bad),
        )
    else:
        return brief.problem(
            pointer,
            _("'{tag}' does not start with #, so it is not a hashtag", tag=tag),
            _("Write it as {tag}.", tag=clean),
            severity="error",
            edits=() if removed else (Edit("set", pointer, clean),),
        )
    return brief.problem(pointer, message, _("Write it as {tag}.", tag=clean), severity="error")


def _duplicates(brief: Brief, tags: list[tuple[str, str]]) -> Iterator[Problem]:
    first_seen: dict[str, str] = {}
    for pointer, tag in tags:
        key = tag_key(tag)
        if not key:
            continue
        if key in first_seen:
            yield brief.problem(
                pointer,
                _(
                    "'{tag}' repeats '{first}' (tags ignore case and accents)",
                    tag=tag,
                    first=first_seen[key],
                ),
                _("Remove the repeated tag."),
                edits=(Edit("remove", pointer),),
            )
        else:
            first_seen[key] = tag
