"""The brief does not make the creator label the post as an ad, as each market's law requires.

## What it does
For each market in `campaign.markets` (every other market when none is given), looks for an
accepted advertising label in `content.disclosure.tags` or `content.hashtags`:

| Market | Accepted (any one) |
|---|---|
| TR | `#reklam`, `#işbirliği`, `#sponsor`, `#ortaklık`, a label starting "Reklam"/"İşbirliği" |
| US | `#ad`, `#sponsored`, `#advertisement` |
| GB | `#ad`, `#advert`, `#advertisement` |
| DE | `#werbung`, `#anzeige` |
| FR | `#publicité`, `#sponsorisé` |
| other | `#ad` |

Matching ignores case and accents with Turkish rules (`#İşbirliği` = `#isbirligi`). In TR the
Advertising Board's "@marka ile işbirliği" (the brand's @handle, then "ile işbirliği") counts
too. A market with no accepted label is an error. Labels regulators call unclear (`#sp`,
`#spon`, `#collab`, `#partner`, `#gifted`, `#thanks`) never count, and the message says so when
the brief uses them. A brief that asks the creator not to say it is an ad ("reklam olduğunu
söylemeyin", "don't disclose", `#reklamdeğiltavsiye`, "not an ad") is an error whatever else it
has.

What counts depends on `campaign.kind`. On a `gifted` campaign the market's gift labels count
too (TR `#hediye`, `#davet`; US and GB `#gifted`; elsewhere `#ad`), and so does a gift sentence in
`content.disclosure.text` ("... tarafından hediye edilmiştir", "thanks to <brand> for the free
product"). On an `affiliate` program TR `#ortaklık`/`#işbirliği` and US/GB `#ad` come first, and
the words "affiliate", "commission", "ortaklık", "komisyon" in `content.disclosure.text` count. A
`non_commercial` campaign is not checked at all unless a creator is paid (a compensation model
other than `none`/`product_only`, or a fee above 0). The paid labels above always count.

When at least one market has an accepted label, it warns when `content.disclosure.placement` is
not `start_of_caption` or `on_screen` (a label buried at the end of the caption or in the
comments does not count). It also warns, once for the brief, when
`content.disclosure.platform_label` (v1: `branded_content_toggle`) is not `true`, naming the
paid-partnership setting of each platform that has deliverables: TikTok's content disclosure
toggle, Instagram's "Paid partnership" label, YouTube's "includes paid promotion" box. A brief
with no `content.disclosure` and a market without a label gets only the label errors.

`campaignlint check --fix` adds the market's first accepted tag, sets the placement to
`start_of_caption` and turns the platform setting on, where `content.disclosure` exists.

## Why it matters
Covert advertising is unlawful. Turkey's Advertising Board guideline for social-media
influencers (decision 2021/2, in force 5 May 2021, under Law No. 6502) requires labels such as
#Reklam, #İşbirliği, #Sponsor or #Ortaklık, visible at first glance and not hidden among other
tags, at every follower count. The US FTC Endorsement Guides (16 CFR §255, 2023) require
disclosures that are clear, conspicuous and unavoidable, and judge "#partner" or "#sp" unclear;
the UK CAP Code and the CAP/CMA Influencers' Guide want "#ad" upfront and advise against
"sponsored", "gifted" and "collab"; for gifts, the Board's 2025 draft names #Hediye and #Davet,
the CMA and ASA accept "#gifted" where the brand has no control, and the FTC a plain "thanks to
<brand> for the free product". TikTok, Instagram and YouTube each require their own
paid-partnership setting on branded posts. A fine, a removed post or a creator's damaged
reputation costs more than the campaign.

## Example
```yaml
campaign:
  markets: [TR, DE]
content:
  hashtags: ["#LuminaGlow", "#collab"]
  disclosure:
    tags: ["#sp"]
    placement: end_of_caption
    branded_content_toggle: false
```

## How to fix
Add one accepted label per market to `content.disclosure.tags` (for TR and DE: `#reklam` and
`#werbung`), put it at the start of the caption or on screen, set `platform_label: true` (and
have each creator switch on the platform's setting when posting), and remove any instruction to
hide the advertisement. To accept labels of another market, add it with the `markets` option,
for example `markets: {NL: ["#reclame", "#ad"]}`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from campaignlint.api import (
    AFFILIATE,
    GIFTED,
    NON_COMMERCIAL,
    Brief,
    Edit,
    Message,
    Option,
    PhraseSet,
    Plain,
    Problem,
    Severity,
    Term,
    _,
    fold,
    fold_with_offsets,
    load_json,
    market_code,
    replace,
)

ID = "missing-disclosure"
SEVERITY = "error"
AREA = "contract"
SOURCE = (
    "Reklam Kurulu (Turkey's Advertising Board), \"Sosyal Medya Etkileyicileri Tarafından "
    'Yapılan Ticari Reklam ve Haksız Ticari Uygulamalar Hakkında Kılavuz", decision 2021/2 '
    "under Law No. 6502; US FTC Endorsement Guides, 16 CFR Part 255 (revised 2023); UK CAP "
    "Code section 2 and the CAP/CMA Influencers' Guide (2023); TikTok's commercial-content "
    "disclosure setting."
)


DATA = load_json("disclosure_tags.json")
KIND_DATA = load_json("disclosure_kinds.json")
DEFAULT_MARKET = "other"
VISIBLE_PLACEMENTS = ("start_of_caption", "on_screen")
TAGS_POINTER = "/content/disclosure/tags"
TEXT_POINTER = "/content/disclosure/text"
DISCLOSURE_POINTER = "/content/disclosure"
# Each platform's own paid-partnership setting, as the platform names it.
PLATFORM_SETTINGS: dict[str, Message] = {
    "tiktok": _("TikTok's content disclosure (branded content) toggle"),
    "instagram": _('Instagram\'s "Paid partnership" label'),
    "youtube": _('YouTube\'s "includes paid promotion" box'),
}
_TAG_LIST = {"type": "array", "items": {"type": "string"}}

OPTIONS = {
    "markets": Option.mapping(
        {**DATA["markets"], DEFAULT_MARKET: DATA["default"]},
        "Accepted disclosure tags per market (ISO 3166-1 code; 'other' for every market not"
        " listed). A market given here replaces or adds to the built-in ones; the first tag is"
        " the one --fix adds.",
        values=_TAG_LIST,
    ),
    "weak_tags": Option.strings(
        DATA["weak"], "Labels regulators call unclear: they never count as disclosure."
    ),
}
FIXABLE = True
CHECKS = {
    "hidden-ad": "The brief asks to hide that the post is an advertisement.",
    "no-label": "A market has no accepted advertising label.",
    "placement": "The label is placed where it can be missed.",
    "platform-label": "The platform's own paid-partnership setting is not turned on.",
}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    if not isinstance(brief.data, dict):
        return
    content = brief.get("/content")
    if content is not None and not isinstance(content, dict):
        return  # a wrong type: the schema reports it
    if brief.kind == NON_COMMERCIAL and not brief.any_paid_creator():
        return  # a cause campaign with no paid creator advertises nothing
    yield from _hidden_advertising(brief)
    missing, any_accepted = _missing_tags(brief, options)
    yield from missing
    disclosure = brief.get(DISCLOSURE_POINTER)
    if disclosure is None and missing:
        return  # the missing label says the disclosure is missing: nothing under it is news
    if disclosure is None or isinstance(disclosure, dict):
        if any_accepted:  # a placement without a label to place restates the missing label
            yield from _placement(brief, disclosure)
        yield from _platform_setting(brief, disclosure)


# --- accepted tags per market ---------------------------------------------------------------


# options -> their tag table: a run's options are one mapping for every brief (read only)
_TAG_TABLES: dict[int, tuple[Mapping[str, Any], dict[str, list[str]]]] = {}


def _tag_table(options: Mapping[str, Any]) -> dict[str, list[str]]:
    """Market key -> accepted paid labels, the rule's data with the ``markets`` option over it."""
    cached = _TAG_TABLES.get(id(options))
    if cached is not None and cached[0] is options:
        return cached[1]
    table = {**DATA["markets"], DEFAULT_MARKET: DATA["default"]}
    for market, tags in dict(options["markets"]).items():
        table[_market_key(market)] = [tag for tag in tags if isinstance(tag, str)]
    keyed = {_market_key(market): tags for market, tags in table.items()}
    if len(_TAG_TABLES) >= 16:
        _TAG_TABLES.clear()
    _TAG_TABLES[id(options)] = (options, keyed)  # the options kept: their id is not reused
    return keyed


def _market_key(market: str) -> str:
    code = market.strip()
    if fold(code) == fold(DEFAULT_MARKET):
        return DEFAULT_MARKET
    return market_code(code)


def _campaign_markets(brief: Brief) -> list[str]:
    """The markets to check; none when every market given is one the schema rejected."""
    codes = brief.markets()
    if codes is None:
        return [DEFAULT_MARKET]
    return list(dict.fromkeys(_market_key(code) for code in codes))


_PUNCTUATION = ".,;:!?()[]{}\"'"


_TOKEN_BREAKS = re.compile(r"[\s,]+")


def _tokens(text: str) -> list[str]:
    return [token.strip(_PUNCTUATION) for token in _TOKEN_BREAKS.split(text) if token.strip()]


def _brief_labels(brief: Brief) -> tuple[list[str], list[str]]:
    """(every tag-like token of the disclosure tags and hashtags, the disclosure entries)."""
    entries = [text for _pointer, text in brief.strings(TAGS_POINTER)]
    hashtags = [text for _pointer, text in brief.strings("/content/hashtags")]
    tokens = [token for text in entries + hashtags for token in _tokens(text)]
    return tokens, entries


def _accepted_labels(kind: str, market: str, table: dict[str, list[str]]) -> list[str]:
    """The labels that count in ``market`` on a campaign of ``kind``: the kind's own labels
    (gift or affiliate) first, then the market's paid labels, which always count."""
    paid = table.get(market) or table.get(DEFAULT_MARKET) or ["#ad"]
    kind_data = KIND_DATA.get(kind, {})
    own = kind_data.get("tags", {}).get(market) or kind_data.get("default", [])
    labels: dict[str, str] = {}
    for label in [*own, *paid]:
        labels.setdefault(fold(label), label)
    return list(labels.values())


def _has_accepted(market: str, accepted: list[str], tokens: list[str], entries: list[str]) -> bool:
    keys = {fold(tag) for tag in accepted}
    if any(fold(token) in keys for token in tokens):
        return True
    lead_words = {fold(word) for word in DATA["lead_words"].get(market, [])}
    mention_words = [fold(words) for words in DATA["mention_words"].get(market, [])]
    for entry in entries:
        words = _tokens(entry)
        if words and fold(words[0]) in lead_words:
            return True
        if len(words) > 1 and words[0].startswith("@"):
            rest = " ".join(fold(word) for word in words[1:])
            if any(rest == label or rest.startswith(label + " ") for label in mention_words):
                return True
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


def _has_sentence(words: list[str], phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``words``; a ``*`` in it stands for one to five words."""
    pattern = [word if word == "*" else " ".join(_words(word)) for word in phrase.split()]
    text = " " + " ".join(words) + " "
    regex = "".join(r"(?: \S+){1,5}" if part == "*" else " " + re.escape(part) for part in pattern)
    return re.search(regex + " ", text) is not None


def _has_word(words: list[str], word: str) -> bool:
    """A word with endings (``commissions``, ``komisyonlu``); a Turkish final k also softens
    to ğ before a vowel (``ortaklık`` -> ``ortaklığı``)."""
    stem = fold(word)
    stems = (stem, stem[:-1] + "g") if stem.endswith("k") else (stem,)
    return any(token.startswith(stems) for token in words)


def _discloses_in_text(kind: str, market: str, texts: list[str]) -> bool:
    """A gift sentence (gifted) or an affiliate word (affiliate) in the disclosure text."""
    words = [word for text in texts for word in [*_words(text), "|"]]
    if kind == GIFTED:
        sentences = KIND_DATA["gifted"]["sentences"].get(market, [])
        return any(_has_sentence(words, sentence) for sentence in sentences)
    if kind == AFFILIATE:
        return any(_has_word(words, word) for word in KIND_DATA["affiliate"]["words"])
    return False


def _missing_tags(brief: Brief, options: Mapping[str, Any]) -> tuple[list[Problem], bool]:
    """One problem per market without an accepted label, and whether some market has one."""
    if any(_unreadable(brief.get(pointer)) for pointer in (TAGS_POINTER, "/content/hashtags")):
        return [], True  # a label may hide in a field of the wrong type: the schema reports it
    table = _tag_table(options)
    tokens, entries = _brief_labels(brief)
    texts = [text for _pointer, text in brief.strings(TEXT_POINTER)]
    weak_keys = _weak_keys(tuple(options["weak_tags"]))
    proposed: set[str] = set()
    problems: list[Problem] = []
    for market in _campaign_markets(brief):
        accepted = _accepted_labels(brief.kind, market, table)
        accepted_keys = {fold(tag) for tag in accepted}
        weak_here = weak_keys - accepted_keys  # #gifted counts on a gifted campaign in the US
        counted = [token for token in tokens if fold(token) not in weak_here]
        if _has_accepted(market, accepted, counted, entries):
            continue
        if _discloses_in_text(brief.kind, market, texts):
            continue
        weak_used = list(dict.fromkeys(token for token in tokens if fold(token) in weak_here))
        edits = _append_edits(brief, accepted[0], proposed)
        problems.append(_missing_tag_problem(brief, market, accepted, weak_used, edits))
    return problems, len(problems) < len(_campaign_markets(brief))


@lru_cache(maxsize=16)
def _weak_keys(tags: tuple[str, ...]) -> frozenset[str]:
    """The keys of the ``weak_tags`` option (the same for every brief of a run)."""
    return frozenset(fold(tag) for tag in tags)


def _unreadable(value: Any) -> bool:
    return value is not None and not isinstance(value, (str, list))


def _append_edits(brief: Brief, tag: str, proposed: set[str]) -> tuple[Edit, ...]:
    """Add ``tag`` to the disclosure tags, once, where that is a safe mechanical change."""
    tags = brief.get(TAGS_POINTER)
    if brief.mapping(DISCLOSURE_POINTER) is None or not (tags is None or isinstance(tags, list)):
        return ()
    if fold(tag) in proposed:
        return ()  # an earlier market's fix adds it already (#ad for US and GB)
    proposed.add(fold(tag))
    return (Edit("append", TAGS_POINTER, tag),)


def _missing_tag_problem(
    brief: Brief,
    market: str,
    accepted: list[str],
    weak_used: list[str],
    edits: tuple[Edit, ...],
) -> Problem:
    accepted_text = Plain(", ".join(accepted))
    weak_text = Plain(", ".join(weak_used))
    if market == DEFAULT_MARKET and weak_used:
        message = _(
            "no accepted advertising disclosure (expected {accepted}); too weak to count as"
            " disclosure: {weak}",
            accepted=accepted_text,
            weak=weak_text,
        )
    elif market == DEFAULT_MARKET:
        message = _(
            "no accepted advertising disclosure (expected {accepted})", accepted=accepted_text
        )
    elif weak_used:
        message = _(
            "no accepted advertising disclosure for market {market} (accepted: {accepted});"
            " too weak to count as disclosure: {weak}",
            market=Plain(market),
            accepted=accepted_text,
            weak=weak_text,
        )
    else:
        message = _(
            "no accepted advertising disclosure for market {market} (accepted: {accepted})",
            market=Plain(market),
            accepted=accepted_text,
        )
    fix = _(
        "Add {tag} to content.disclosure.tags and show it at the start of the caption.",
        tag=Plain(accepted[0]),
    )
    if brief.mapping(DISCLOSURE_POINTER) is not None:
        pointer, at_key = TAGS_POINTER, not brief.has(TAGS_POINTER)
        problem = brief.problem(pointer, message, fix, at_key=at_key, edits=edits, check="no-label")
        if at_key:  # no tags yet: point at the disclosure key
            problem = _at(brief, problem, DISCLOSURE_POINTER)
        return problem
    problem = brief.problem("/content", message, fix, edits=edits, check="no-label")
    return _at(brief, problem, "/content")


def _at(brief: Brief, problem: Problem, key_pointer: str) -> Problem:
    """``problem`` placed on the key of ``key_pointer`` (or its nearest existing ancestor)."""
    return replace(problem, position=brief.key_position(key_pointer))


# --- asking to hide the advertisement -------------------------------------------------------


@lru_cache(maxsize=1)
def _hiding_phrases() -> PhraseSet:
    """Wording that hides the ad, found as whole words; never inside a hashtag ("#notanad" is
    listed as such)."""
    return PhraseSet(DATA["not_an_ad"], in_hashtags=False)


def _hiding_quote(text: str, span: tuple[int, int]) -> str:
    """The wording of ``text`` at ``span`` of its folded text, as written."""
    start, end = span
    offsets = fold_with_offsets(text)[1]
    return text[offsets[start] : offsets[end]]


# Joins the folded values for one search: no phrase word contains it, and it is no word
# character, space, joiner or "#", so a match neither crosses it nor changes at it.
_VALUE_BREAK = "\x00"


def _first_hiding_spans(texts: list[str]) -> dict[int, tuple[int, int]]:
    """For each value (by index) of ``texts`` with hiding wording: where (in its folded text)
    the first phrase (in list order) first occurs in it. One search per phrase over all values
    folded and joined, not one per value."""
    joined = _VALUE_BREAK.join(texts)
    if joined.isascii():  # folding keeps every length: fold the whole text at once
        joined = joined.lower()
        lengths = [len(text) for text in texts]
    else:
        # an ASCII value has no ’ to replace: lower case is its folded text
        folded_values = [text.lower() if text.isascii() else _folded(text) for text in texts]
        joined = _VALUE_BREAK.join(folded_values)
        lengths = [len(folded) for folded in folded_values]
    starts = list(itertools.accumulate((length + 1 for length in lengths), initial=0))
    found: dict[int, tuple[int, int]] = {}
    for _text, phrase in _hiding_phrases().candidates(joined):
        span = phrase.search(joined)
        while span is not None:
            index = bisect.bisect_right(starts, span[0]) - 1
            base = starts[index]
            if index not in found:
                found[index] = (span[0] - base, span[1] - base)
            span = phrase.search(joined, starts[index + 1])
    return found


def _folded(text: str) -> str:
    """``fold_with_offsets(text)[0]``, without building any offsets: folding goes character
    by character (accents and marks dropped, case folded), so the whole text folds the same."""
    return fold(text.replace("’", "'"))


def _hidden_advertising(brief: Brief) -> Iterator[Problem]:
    # a team's own notes (x- fields) are left out
    spans = _first_hiding_spans(brief.string_texts(walked_only=True))
    if not spans:
        return
    values = [value for value in brief.string_values if value.walked]  # the same, placed
    for index in sorted(spans):
        value = values[index]
        quote = _hiding_quote(value.text, spans[index])
        yield brief.problem(
            value.pointer,
            _(
                'the brief asks to hide the advertisement: "{quote}"',
                quote=Plain(quote),
            ),
            _(
                "Remove the instruction: covert advertising is unlawful. The creator must label"
                " the post as an ad, visibly, at the start."
            ),
            check="hidden-ad",
        )


# --- placement and the branded-content toggle ----------------------------------------------


def _placement(brief: Brief, disclosure: dict[str, Any] | None) -> Iterator[Problem]:
    pointer = f"{DISCLOSURE_POINTER}/placement"
    value = (disclosure or {}).get("placement")
    if value is not None and not isinstance(value, str):
        return
    if value is not None and fold(value) in VISIBLE_PLACEMENTS:
        return
    edits = (Edit("set", pointer, "start_of_caption"),) if disclosure is not None else ()
    fix = _("Set placement: start_of_caption (or on_screen).")
    if value is None:
        problem = brief.problem(
            pointer,
            _("the disclosure placement is not set: it must be visible at first glance"),
            fix,
            severity=Severity.WARNING,
            edits=edits,
            check="placement",
        )
        yield _at(brief, problem, DISCLOSURE_POINTER if disclosure is not None else "/content")
        return
    yield brief.problem(
        pointer,
        _(
            "the disclosure is placed at {placement}: a buried label does not count",
            placement=Term(value),
        ),
        fix,
        severity=Severity.WARNING,
        edits=edits,
        check="placement",
    )


def _platform_setting(brief: Brief, disclosure: dict[str, Any] | None) -> Iterator[Problem]:
    """One finding for the brief, naming the setting of each platform that has deliverables."""
    value = brief.platform_label
    if value is True or (value is not None and not isinstance(value, bool)):
        return
    settings = [PLATFORM_SETTINGS[name] for name in brief.platforms_with_deliverables()]
    if not settings:
        return  # no deliverable on a known platform: no setting to ask for
    pointer = brief.platform_label_pointer
    field = Plain(pointer.rsplit("/", 1)[-1])
    edits = (Edit("set", pointer, True),) if disclosure is not None else ()
    if len(settings) == 1:
        message = _("{setting} is not turned on", setting=settings[0])
    else:
        message = _(
            "the platforms' paid-partnership settings are not turned on: {settings}",
            settings=settings,
        )
    fix = _(
        "Set {field}: true and ask the creators to switch on {settings} when posting.",
        field=field,
        settings=settings,
    )
    problem = brief.problem(
        pointer, message, fix, severity=Severity.WARNING, edits=edits, check="platform-label"
    )
    if value is None:
        problem = _at(brief, problem, DISCLOSURE_POINTER if disclosure is not None else "/content")
    yield problem
