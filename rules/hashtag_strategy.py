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

A placeholder tag (`#XXX`, `#[marka]`) is `placeholder-text`'s finding only: it is not also
called malformed or repeated. The hint for too many tags names the tags to drop, generic ones
first (never the brand tag or the disclosure label), and counts the tags the other fixes add:
the disclosure label `--fix` adds when there is none, and the brand tag when there is none.

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
from functools import lru_cache
from typing import Any

from campaignlint.api import (
    Brief,
    Edit,
    Message,
    Option,
    Plain,
    Problem,
    _,
    find_placeholders,
    fold,
    load_beside,
    load_json,
    may_contain_placeholder,
)

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
CHECKS = {
    "too-many": "The post carries more than max_hashtags tags.",
    "all-generic": "Every tag is a generic one.",
    "brand-tag": "No tag carries the brand or campaign name.",
    "malformed": "A tag has no #, a space or punctuation.",
    "duplicate": "A tag repeats another.",
}


@lru_cache(maxsize=1)
def disclosure_tags() -> frozenset[str]:
    """Keys of every market's advertising labels, from the table missing-disclosure accepts
    (``campaignlint/data/disclosure_tags.json``): required by law, neither generic nor topical."""
    table = load_json("disclosure_tags.json")
    labels = [*table["default"], *(label for found in table["markets"].values() for label in found)]
    return frozenset(tag_key(label) for label in labels)


@lru_cache(maxsize=1)
def _gift_labels() -> frozenset[str]:
    """Keys of the gift labels (``disclosure_kinds.json``): --fix adds no label next to them."""
    tags = load_json("disclosure_kinds.json")["gifted"]["tags"]
    return frozenset(tag_key(label) for found in tags.values() for label in found)


# Words of a brand or campaign name that say nothing about the brand itself.
COMMON_NAME_WORDS = frozenset(load_beside(__file__, "hashtag_strategy.json")["common_name_words"])

_TAG_CHARACTER = re.compile(r"[\w]", re.UNICODE)
_TAG_BODY = re.compile(r"[\w]+")
_NAME_BREAKS = re.compile(r"[^\w]+|_")


def tag_key(tag: str) -> str:
    """The matching key of a tag: without ``#``, folded (``#CiltBakımı`` → ``ciltbakimi``)."""
    return fold(tag.strip().lstrip("#"))


@lru_cache(maxsize=16)
def _generic_keys(tags: tuple[str, ...]) -> frozenset[str]:
    """The keys of the ``generic_tags`` option (the same for every brief of a run)."""
    return frozenset(tag_key(tag) for tag in tags)


def _squashed(text: str) -> str:
    """Folded letters and digits only: ``Lumina Cosmetics`` → ``luminacosmetics``."""
    return "".join(filter(str.isalnum, fold(text)))


def _name_parts(names: list[str]) -> set[str]:
    parts: set[str] = set()
    for name in names:
        whole = _squashed(name)
        if whole:
            parts.add(whole)
        for word in _NAME_BREAKS.split(fold(name)):
            if len(word) >= 4 and word.isalpha() and word not in COMMON_NAME_WORDS:
                parts.add(word)
    return parts


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    value = brief.get("/content/hashtags")
    if value is not None and not isinstance(value, list):
        return
    tags = list(brief.strings("/content/hashtags")) if value is not None else []
    generic = _generic_keys(tuple(options["generic_tags"]))
    # A placeholder tag is placeholder-text's finding: not also malformed or repeated here.
    real = tags
    if may_contain_placeholder("\n".join(tag for _pointer, tag in tags)):  # one pass, not per tag
        real = [(pointer, tag) for pointer, tag in tags if not find_placeholders(tag)]
    duplicates = list(_duplicates(brief, real))
    repeated = {problem.pointer for problem in duplicates}
    count = len(value or [])
    if count > options["max_hashtags"]:
        yield _too_many(brief, tags, repeated, generic, count, options["max_hashtags"])
    yield from _all_generic(brief, tags, generic)
    yield from _no_brand_tag(brief, tags)
    for pointer, tag in real:
        malformed = _malformed(brief, pointer, tag, removed=pointer in repeated)
        if malformed is not None:
            yield malformed
    yield from duplicates


def _too_many(
    brief: Brief,
    tags: list[tuple[str, str]],
    repeated: set[str],
    generic: frozenset[str],
    count: int,
    limit: int,
) -> Problem:
    """The count finding; its hint names the tags to drop and counts what other fixes add."""
    parts = _name_parts(_brand_names(brief))
    brand = {pointer for pointer, tag in tags if any(part in _squashed(tag) for part in parts)}
    added: list[Message | str] = []
    label = _label_to_add(brief, tags)
    if label is not None:
        added.append(label)
    if parts and not brand:
        added.append(_("a brand tag"))
    extra = count - len(repeated) + len(added) - limit
    droppable = [
        (pointer, tag)
        for pointer, tag in tags
        if pointer not in repeated
        and pointer not in brand
        and tag_key(tag) not in disclosure_tags()
    ]
    # Generic tags first, then the others from the end of the list (the least relevant).
    ordered = [t for t in droppable if tag_key(t[1]) in generic] + [
        t for t in reversed(droppable) if tag_key(t[1]) not in generic
    ]
    drop = [tag.strip() for _pointer, tag in ordered[: max(extra, 0)]]
    if extra <= 0:
        fix: Message = _("Remove the repeated tags; that leaves {limit} or fewer.", limit=limit)
    elif brand:
        fix = _(
            "Remove {extra} of the tags: {tags}. Keep the brand tag, the disclosure label and"
            " the most relevant topic tags.",
            extra=extra,
            tags=Plain(", ".join(drop)),
        )
    else:
        fix = _(
            "Remove {extra} of the tags: {tags}. Keep the disclosure label and the most"
            " relevant topic tags.",
            extra=extra,
            tags=Plain(", ".join(drop)),
        )
    if added and extra > 0:
        fix = _("{fix} This counts what the other fixes add: {added}.", fix=fix, added=added)
    return brief.problem(
        "/content/hashtags",
        _("the post carries {count} hashtags; keep at most {limit}", count=count, limit=limit),
        fix,
        at_key=True,
        check="too-many",
    )


def _label_to_add(brief: Brief, tags: list[tuple[str, str]]) -> str | None:
    """The disclosure label missing-disclosure's --fix adds to the post, or None."""
    disclosure = brief.mapping("/content/disclosure")
    if disclosure is None:
        return None  # --fix adds no label without a disclosure section
    entries = [tag for _pointer, tag in tags]
    entries += [text for _pointer, text in brief.strings("/content/disclosure/tags")]
    words = {tag_key(word) for entry in entries for word in entry.split()}
    if words & (disclosure_tags() | _gift_labels()):
        return None
    table = load_json("disclosure_tags.json")
    markets = brief.markets() or []
    first = next((table["markets"][m][0] for m in markets if m in table["markets"]), None)
    return str(first or table["default"][0])


def _brand_names(brief: Brief) -> list[str]:
    return [
        text.strip()
        for text in (brief.text("/campaign/brand"), brief.text("/campaign/name"))
        if text is not None and text.strip()
    ]


def _all_generic(
    brief: Brief, tags: list[tuple[str, str]], generic: frozenset[str]
) -> Iterator[Problem]:
    keys = [tag_key(tag) for _pointer, tag in tags]
    content_keys = [key for key in keys if key and key not in disclosure_tags()]
    if content_keys and all(key in generic for key in content_keys):
        yield brief.problem(
            "/content/hashtags",
            _(
                "all hashtags are generic ({tags}): they say nothing about the product or the"
                " audience",
                tags=", ".join(
                    tag.strip() for _pointer, tag in tags if tag_key(tag) not in disclosure_tags()
                ),
            ),
            _("Replace them with a brand tag and tags of the topic the audience searches for."),
            at_key=True,
            check="all-generic",
        )


def _no_brand_tag(brief: Brief, tags: list[tuple[str, str]]) -> Iterator[Problem]:
    names = _brand_names(brief)
    parts = _name_parts(names)
    if not parts:
        return
    squashed = [_squashed(tag) for _pointer, tag in tags]  # each tag once, not once per part
    if any(part in tag for tag in squashed for part in parts):
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
        check="brand-tag",
    )


def _malformed(brief: Brief, pointer: str, tag: str, *, removed: bool) -> Problem | None:
    """A problem for a malformed tag; a lone missing ``#`` gets a safe edit unless the tag is
    a repeat that another edit removes."""
    body = tag[1:] if tag.startswith("#") else tag
    if tag.startswith("#") and _TAG_BODY.fullmatch(body):
        return None  # the common case: a well-formed tag
    bad = sorted({ch for ch in body if not _TAG_CHARACTER.match(ch)})
    clean = "#" + "".join(ch for ch in body if _TAG_CHARACTER.match(ch))
    if not bad and tag.startswith("#") and body:
        return None
    if not body.strip() or clean == "#":
        message = _("'{tag}' is not a hashtag: it has no letters", tag=tag)
        return brief.problem(
            pointer,
            message,
            _("Remove it or write a real tag."),
            severity="error",
            check="malformed",
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
            check="malformed",
        )
    fix = _("Write it as {tag}.", tag=clean)
    return brief.problem(pointer, message, fix, severity="error", check="malformed")


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
                check="duplicate",
            )
        else:
            first_seen[key] = tag
