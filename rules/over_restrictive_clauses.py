"""A clause forces a script or an opinion on the creator, or asks for rights far beyond the norm.

## What it does
Reads the free text of `contract.clauses`, `contract.duties`, `content.creative_freedom` and
`content.guidelines`, in English and Turkish, for wording that forces words or an opinion on
the creator: "must say", "read the script verbatim", "only positive", "may not express",
"no personal opinion", "birebir okunacak", "olumsuz yorum yapamaz", "kendi görüşünü
belirtemez", "zorunludur" and their variants. The finding quotes the words found. Matching
ignores case and accents with Turkish rules, and allows Turkish suffixes.

Clauses that grant freedom do not fire: "the creator may express their own opinion",
"içerik üreticisi kendi görüşünü belirtebilir", "does not have to read the script verbatim",
"birebir okumak zorunda değildir". Plain obligations ("zorunludur", "must say", "mandatory")
are not reported in a sentence about the advertising disclosure, the law, payment or delivery:
"#reklam etiketinin kullanılması zorunludur" and "the creator must say it is an ad" are what
the law asks for, not a restriction of opinion.

It also flags terms far beyond market practice:

- `contract.exclusivity.duration_days` above `max_exclusivity_days` (90);
- exclusivity with no `category`, or `category: all` (the creator may work for no other brand);
- `contract.usage_rights.duration_months` above `max_usage_months` (24), or perpetual
  (`perpetual`/`unlimited`, or `perpetual: true`);
- `contract.revision_rounds` or `content.approval.rounds` above `max_rounds` (3), or unlimited.

Clauses that force the very same words are one finding naming them all, with the others as
related locations.

## Why it matters
Creators must be able to voice their own opinion: forcing a script or an opinion on them hurts
authenticity and the result (mistake 9 in the article "TikTok Influencer Pazarlamasında En Çok
Yapılan Hatalar Nelerdir?"). Audiences hear a read-out script at once, and the creator's credibility
is what the brand pays for. It is also the law: the US FTC Endorsement Guides, 16 CFR §255.1(a),
require that an endorsement reflect the endorser's honest opinions, findings, beliefs or experience,
and Turkey's Advertising Board guideline (2021) bans misleading influencer advertising. Exclusivity
is normally one category, time-limited and paid for; usage rights usually run 6-12 months organic
and 3-6 months paid; endless revision rounds turn a creator into an unpaid production studio. Good
creators refuse such contracts.

## Example
```yaml
content:
  creative_freedom: The creator must say "the best serum I ever used" and may not express criticism.
contract:
  clauses:
    - Senaryo birebir okunacak; olumsuz yorum yapamaz.
  exclusivity: {category: all, duration_days: 180}
  usage_rights: {duration_months: perpetual}
  revision_rounds: unlimited
```

## How to fix
Give the creator the facts that must be right (claims, price, disclosure) and let them say it
in their own words, including what they did not like. Limit exclusivity to the product
category and to 90 days or less, usage rights to a fixed period (6-12 months organic, 3-6 paid,
at most 24), and revisions to 2-3 rounds. Your own wording can be added to the patterns with
the `extra_patterns` option (`{en: [...], tr: [...]}`), or a language's list replaced with
`patterns`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from campaignlint.api import (
    Brief,
    Option,
    PhraseSet,
    Plain,
    Problem,
    _,
    fold,
    fold_with_offsets,
    is_number,
    load_beside,
    phrase_matcher,
    pointer_label,
)

ID = "over-restrictive-clauses"
SEVERITY = "warning"
AREA = "contract"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    " 9 (freedom-restricting clauses); US FTC Endorsement Guides, 16 CFR §255.1(a) "
    "(endorsements reflect the endorser's honest opinions); market practice: usage rights "
    "usually 6-12 months organic, exclusivity narrow (one category), time-limited and paid "
    "for."
)


DATA = load_beside(__file__, "over_restrictive_clauses.json")
_PHRASES = {"type": "array", "items": {"type": "string"}}

OPTIONS = {
    "patterns": Option.mapping(
        DATA["patterns"],
        "Forcing phrases per language ({en: [...], tr: [...]}); a language given replaces its"
        " built-in list, the others keep theirs. '*' stands for any one word.",
        values=_PHRASES,
    ),
    "extra_patterns": Option.mapping(
        {}, "More forcing phrases per language, added to the patterns.", values=_PHRASES
    ),
    "max_exclusivity_days": Option.number(
        90, "Longest acceptable exclusivity, in days.", minimum=0
    ),
    "max_usage_months": Option.number(24, "Longest acceptable usage rights, in months.", minimum=0),
    "max_rounds": Option.number(3, "Most revision or approval rounds acceptable.", minimum=0),
}
FIXABLE = False
CHECKS = {
    "forced-wording": "A clause forces wording or an opinion on the creator.",
    "exclusivity": "Exclusivity is too long, has no end, or covers every brand.",
    "usage-rights": "Usage rights run too long or are perpetual.",
    "rounds": "Too many or unlimited revision or approval rounds.",
}

TEXT_FIELDS = (
    "/content/creative_freedom",
    "/content/guidelines",
    "/contract/duties",
    "/contract/clauses",
)
UNLIMITED_WORDS = tuple(DATA["unlimited_words"])
ALL_CATEGORIES = tuple(DATA["all_categories"])
NEGATION_WINDOW_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?;\n]+")
_ADJACENT_NEGATIONS = frozenset(fold(word) for word in DATA["negations_adjacent"])


# --- text matching --------------------------------------------------------------------------


def _phrase_spans(
    text_phrase: str, text: str, suffix: bool = True, first_only: bool = False
) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each match of ``text_phrase`` in folded ``text`` (as
    ``finditer``); with ``suffix``, its last word may continue (``must say`` finds ``must
    says``)."""
    found = phrase_matcher(text_phrase, stem=suffix)
    if first_only:
        span = found.search(text)
        return [span] if span else []
    return found.find_all(text)


# options -> their phrase set: a run's options are one mapping for every brief, and building
# the list (and hashing it to find its PhraseSet) cost more than matching most briefs.
_PHRASE_SETS: dict[int, tuple[Mapping[str, Any], PhraseSet | None]] = {}


def _forcing_phrases(options: Mapping[str, Any]) -> PhraseSet | None:
    """The phrases of ``options`` that force wording, as one PhraseSet; None for none."""
    cached = _PHRASE_SETS.get(id(options))
    if cached is not None and cached[0] is options:
        return cached[1]
    phrases = _phrases(options)
    found = _phrase_set(tuple(phrases)) if phrases else None
    if len(_PHRASE_SETS) >= 16:
        _PHRASE_SETS.clear()
    _PHRASE_SETS[id(options)] = (options, found)  # the options kept: their id is not reused
    return found


def _phrases(options: Mapping[str, Any]) -> list[str]:
    by_language = {**DATA["patterns"], **dict(options["patterns"])}
    extra = dict(options["extra_patterns"])
    phrases: dict[str, None] = {}  # each once, in order (a list's "in" made this quadratic)
    for language in sorted(set(by_language) | set(extra)):
        for phrase in [*by_language.get(language, []), *extra.get(language, [])]:
            if isinstance(phrase, str) and phrase.strip():
                phrases.setdefault(phrase)
    return list(phrases)


def _sentence_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for boundary in _SENTENCE_END.finditer(folded, 0, start):
        left = boundary.end()
    boundary_after = _SENTENCE_END.search(folded, end)
    return left, boundary_after.start() if boundary_after else len(folded)


def _mentions(text: str, phrases: list[str]) -> bool:
    return any(_phrase_spans(phrase, text, first_only=True) for phrase in phrases)


def _negated(folded: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
    before = folded[sentence[0] : start]
    words_before = before.replace("’", "'").split()
    if words_before and words_before[-1] in _ADJACENT_NEGATIONS:
        return True  # "is not required to say"
    for phrase in DATA["negations_before"]:
        matches = _phrase_spans(phrase, before, suffix=False)
        if matches and len(before[matches[-1][1] :].split()) <= NEGATION_WINDOW_WORDS:
            return True
    after = folded[end : sentence[1]]
    for phrase in DATA["negations_after"]:
        found = _phrase_spans(phrase, after, first_only=True)
        if found and len(after[: found[0][0]].split()) <= 2:
            return True
    return False


def _context_dependent(phrase: str) -> bool:
    return any(fold(phrase) == fold(item) for item in DATA["context_dependent"])


@lru_cache(maxsize=16)
def _phrase_set(phrases: tuple[str, ...]) -> PhraseSet:
    return PhraseSet(phrases, stem=True)


def forcing_quotes(text: str, phrases: PhraseSet, among: list[str] | None = None) -> list[str]:
    """The words of ``text`` that force wording or opinion, quoted from the original text;
    ``among``: the only anchors of ``phrases`` that may occur in it (PhraseSet.anchors_in)."""
    candidates = phrases.candidates(_folded(text), among)
    if not candidates:
        return []
    folded, offsets = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for written, found in candidates:
        for start, end in found.find_all(folded):
            sentence = _sentence_bounds(folded, start, end)
            if _negated(folded, start, end, sentence):
                continue
            if _context_dependent(written) and _mentions(
                folded[sentence[0] : sentence[1]], DATA["benign_contexts"]
            ):
                continue
            spans.append((start, end))
    quotes: list[str] = []
    last_end = -1
    for start, end in sorted(spans):
        if start < last_end:
            continue  # overlapping hits ("read verbatim" inside a longer phrase): quote once
        last_end = end
        quote = text[offsets[start] : offsets[end]]
        if quote not in quotes:
            quotes.append(quote)
    return quotes


# --- the checks -----------------------------------------------------------------------------


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    # Clauses forcing the very same words are one finding, the others related.
    forcing = _forcing_wording(brief, _forcing_phrases(options))
    yield from brief.merge_by_item(forcing, item="field", plurals=_PLURALS)
    yield from _exclusivity(brief, float(options["max_exclusivity_days"]))
    yield from _usage_rights(brief, float(options["max_usage_months"]))
    for pointer in ("/contract/revision_rounds", "/content/approval/rounds"):
        yield from _rounds(brief, pointer, float(options["max_rounds"]))


def _field_name(pointer: str) -> str:
    return pointer_label(pointer)


def _folded(text: str) -> str:
    """``fold_with_offsets(text)[0]`` without the offsets: folding goes character by character,
    so the whole text folds the same."""
    return fold(text.replace("’", "'"))


def _forcing_wording(brief: Brief, phrases: PhraseSet | None) -> Iterator[Problem]:
    if phrases is None:
        return
    texts = [place for field in TEXT_FIELDS for place in brief.strings(field)]
    # the phrases' anchors looked for once in all the texts, then in each text only those found
    among = phrases.anchors_in("\n".join(_folded(text) for _pointer, text in texts))
    if not among:
        return
    for pointer, text in texts:
        quotes = forcing_quotes(text, phrases, among)
        if not quotes:
            continue
        yield brief.problem(
            pointer,
            _(
                "{field} forces wording or an opinion on the creator: {quotes}",
                field=_field_name(pointer),
                quotes=Plain(", ".join(f'"{quote}"' for quote in quotes)),
            ),
            _(
                "Give the facts that must be right (claims, price, disclosure) and let the"
                " creator say it in their own words, including what they did not like."
            ),
            check="forced-wording",
        )


_PLURALS = {
    "{field} forces wording or an opinion on the creator: {quotes}": _(
        "{field} force wording or an opinion on the creator: {quotes}"
    )
}


def _is_unlimited(value: Any) -> bool:
    return isinstance(value, str) and any(fold(word) in fold(value) for word in UNLIMITED_WORDS)


def _exclusivity(brief: Brief, max_days: float) -> Iterator[Problem]:
    exclusivity = brief.mapping("/contract/exclusivity")
    if exclusivity is None:
        return
    days = brief.number("/contract/exclusivity/duration_days")
    if days is not None and days > max_days:
        yield brief.problem(
            "/contract/exclusivity/duration_days",
            _(
                "exclusivity lasts {days} days, more than {limit}",
                days=days,
                limit=max_days,
            ),
            _(
                "Limit exclusivity to {limit} days or less, and pay for it.",
                limit=max_days,
            ),
            check="exclusivity",
        )
    elif _is_unlimited(exclusivity.get("duration_days")):
        yield brief.problem(
            "/contract/exclusivity/duration_days",
            _("exclusivity has no end"),
            _("Limit exclusivity to {limit} days or less, and pay for it.", limit=max_days),
            check="exclusivity",
        )
    category = exclusivity.get("category")
    if category is None or (isinstance(category, str) and _covers_all(category)):
        pointer = (
            "/contract/exclusivity/category"
            if "category" in exclusivity
            else "/contract/exclusivity"
        )
        yield brief.problem(
            pointer,
            _("exclusivity covers every brand, not one product category"),
            _(
                "Name the one category the creator may not promote for other brands: the"
                " category of the product this campaign sells."
            ),
            at_key=pointer == "/contract/exclusivity",
            check="exclusivity",
        )


def _covers_all(category: str) -> bool:
    return not category.strip() or any(same == fold(category.strip()) for same in _ALL)


_ALL = tuple(fold(word) for word in ALL_CATEGORIES)


def _usage_rights(brief: Brief, max_months: float) -> Iterator[Problem]:
    if brief.mapping("/contract/usage_rights") is None:
        return
    pointer = "/contract/usage_rights/duration_months"
    months = brief.number(pointer)
    fix = _(
        "Grant usage rights for a fixed period: usually 6-12 months organic and 3-6 months"
        " paid, at most {limit} months; pay again to extend.",
        limit=max_months,
    )
    if months is not None and months > max_months:
        yield brief.problem(
            pointer,
            _(
                "usage rights run {months} months, more than {limit}",
                months=months,
                limit=max_months,
            ),
            fix,
            check="usage-rights",
        )
    elif _is_unlimited(brief.get(pointer)):
        yield brief.problem(pointer, _("usage rights are perpetual"), fix, check="usage-rights")
    elif brief.boolean("/contract/usage_rights/perpetual") is True:
        yield brief.problem(
            "/contract/usage_rights/perpetual",
            _("usage rights are perpetual"),
            fix,
            check="usage-rights",
        )


def _rounds(brief: Brief, pointer: str, max_rounds: float) -> Iterator[Problem]:
    value = brief.get(pointer)
    fix = _("Agree on {limit} rounds or fewer, with what each round may change.", limit=max_rounds)
    if is_number(value) and value > max_rounds:
        yield brief.problem(
            pointer,
            _(
                "{field} allows {rounds} rounds, more than {limit}",
                field=_field_name(pointer),
                rounds=value,
                limit=max_rounds,
            ),
            fix,
            check="rounds",
        )
    elif _is_unlimited(value):
        yield brief.problem(
            pointer,
            _("{field} allows unlimited rounds", field=_field_name(pointer)),
            fix,
            check="rounds",
        )
