"""A creator's own audience is not the campaign's target audience (age, gender, place, language).

## What it does
For each influencer with `audience` insights, measures how much of that audience is inside the
campaign's `target_audience` and reports a warning for each dimension that falls short:

- **age**: the share of `audience.age` inside `target_audience.age` is below `min_age_overlap`
  (50 %). Buckets are inclusive ranges (`"18-24"`, `"45+"` = 45-64); a bucket that is partly
  inside counts for the years inside (target 18-30, bucket "25-34" at 20 % → 12 %);
- **gender**: the share of `audience.gender` in `target_audience.genders` is below
  `min_gender_overlap` (50 %); skipped when the target is `all`;
- **locations**: the share of `audience.locations` in `target_audience.locations` is below
  `min_location_overlap` (25 %), when both are given;
- **languages**: the share of `audience.languages` in `target_audience.languages` is below
  `min_language_overlap` (50 %), when both are given.

Places and languages match ignoring case and accents with Turkish rules (`İstanbul` =
`ISTANBUL` = `Istanbul`). A dimension missing on either side is skipped, and so is one with a
share that is not a number (`"20%"`): its sum cannot be trusted. An influencer with no age,
gender, location or language data gets one `info` finding at its `audience` (at the
influencer's line when the key is absent): fit cannot be checked.

## Why it matters
The most common mistake in TikTok influencer marketing (seed 000 §1) is choosing creators for
their follower count while their followers are not the brand's audience. Seed 001 says to target
by age, gender, location and interests, and to pick creators by audience overlap: a skincare
launch for women aged 18-24 in İstanbul gains little from a creator whose audience is mostly men
over 35 in another country, however large it is.

## Example
```yaml
target_audience:
  age: {min: 18, max: 24}
  genders: [female]
  locations: [İstanbul, Ankara]
influencers:
  - handle: "@mert.fit"
    followers: 42000
    audience:
      age: {"18-24": 18, "25-34": 46, "35-44": 25, "45+": 11}   # 18 % in 18-24
      gender: {female: 35, male: 65}                          # 35 % female
      locations: {İzmir: 48, Bursa: 20, İstanbul: 9}          # 9 % in the target cities
```

## How to fix
Ask each creator for recent audience insights and choose creators whose audience is mostly the
target. The fix hint names where this creator's audience actually is (for age, the narrowest
adjacent buckets holding enough of it): if that is the audience the campaign really wants, widen
or correct `target_audience` instead. Add `audience` data for creators who have none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from campaignlint.brief import Brief
from campaignlint.domain import age_overlap, is_number, parse_age_bucket
from campaignlint.i18n import Language, Message, Percent, Plain, Term, _
from campaignlint.model import Problem
from campaignlint.rule import Option
from campaignlint.text import fold

ADULT_AGE = 18

ID = "audience-mismatch"
SEVERITY = "warning"
AREA = "audience"
SOURCE = (
    "Seed 000 §1 (audience not targeted: look at the creator's audience, not the follower count)"
    " and seed 001 (target by age, gender, location; choose creators by audience overlap);"
    " domain.md, Audience."
)
OPTIONS = {
    "min_age_overlap": Option.number(
        50, "Least share (percent) of the audience inside the target age range.", minimum=0
    ),
    "min_gender_overlap": Option.number(
        50, "Least share (percent) of the audience in the target genders.", minimum=0
    ),
    "min_location_overlap": Option.number(
        25, "Least share (percent) of the audience in the target locations.", minimum=0
    ),
    "min_language_overlap": Option.number(
        50, "Least share (percent) of the audience speaking the target languages.", minimum=0
    ),
}

_DIMENSIONS = ("age", "gender", "locations", "languages")

# Audience insight exports name genders in several ways: map them to the brief's values.
_GENDER_NAMES = {
    "female": "female",
    "females": "female",
    "woman": "female",
    "women": "female",
    "f": "female",
    "kadin": "female",
    "kiz": "female",
    "male": "male",
    "males": "male",
    "man": "male",
    "men": "male",
    "m": "male",
    "erkek": "male",
    "non_binary": "non_binary",
    "non-binary": "non_binary",
    "nonbinary": "non_binary",
    "non binary": "non_binary",
}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    for pointer, _influencer in brief.mappings("/influencers"):
        handle = _handle(brief, pointer)
        audience = brief.get(f"{pointer}/audience")
        if audience is None or (isinstance(audience, dict) and not _has_data(audience)):
            yield _no_audience(brief, pointer, handle)
            continue
        if not isinstance(audience, dict):
            continue  # a wrong type: the schema reports it
        yield from _age(brief, pointer, handle, float(options["min_age_overlap"]))
        yield from _gender(brief, pointer, handle, float(options["min_gender_overlap"]))
        yield from _named_shares(
            brief, pointer, handle, "locations", float(options["min_location_overlap"])
        )
        yield from _named_shares(
            brief, pointer, handle, "languages", float(options["min_language_overlap"])
        )


def _has_data(audience: Mapping[str, Any]) -> bool:
    return any(audience.get(name) not in (None, {}, [], "") for name in _DIMENSIONS)


def _no_audience(brief: Brief, pointer: str, handle: Plain) -> Problem:
    return brief.missing(
        f"{pointer}/audience",
        _(
            "{handle} has no audience data: fit with the target audience cannot be checked.",
            handle=handle,
        ),
        _(
            "Ask {handle} for recent audience insights (age, gender, locations, languages) and"
            " add them under audience.",
            handle=handle,
        ),
        severity="info",
    )


# --- age ---------------------------------------------------------------------------------------


def _age(brief: Brief, pointer: str, handle: Plain, minimum: float) -> Iterator[Problem]:
    low, high = brief.number("/target_audience/age/min"), brief.number("/target_audience/age/max")
    buckets = brief.mapping(f"{pointer}/audience/age")
    if low is None or high is None or high < low or not buckets or not _all_numbers(buckets):
        return
    target_min, target_max = int(low), int(high)
    share = age_overlap(buckets, target_min, target_max)
    if share is None or share >= minimum:
        return
    target = Plain(f"{target_min}-{target_max}")
    message = _(
        "{handle}: {share} of the audience is aged {target} (target {target}, needs at least"
        " {minimum}).",
        handle=handle,
        share=Percent(share),
        target=target,
        minimum=Percent(minimum),
    )
    yield brief.problem(
        f"{pointer}/audience/age", message, _age_fix(buckets, target_min, target_max, minimum)
    )


def _age_fix(
    buckets: Mapping[str, Any], target_min: int, target_max: int, minimum: float
) -> Message:
    target = Plain(f"{target_min}-{target_max}")
    if target_min >= ADULT_AGE:
        # Never advise an adult campaign to target minors (TikTok ad policy, EU DSA art. 28).
        buckets = {
            label: share
            for label, share in buckets.items()
            if (bounds := parse_age_bucket(label)) is None or bounds[0] >= ADULT_AGE
        }
    window = _densest_age_window(buckets, minimum)
    if window is None:
        return _(
            "Choose creators whose audience is mostly aged {target}, or check the target age.",
            target=target,
        )
    (low, high), window_share = window
    if low <= target_min and high >= target_max:
        return _(
            "Choose creators whose audience is mostly aged {target}, or widen the target to"
            " {window}, where {window_share} of this audience is.",
            target=target,
            window=Plain(f"{low}-{high}"),
            window_share=Percent(window_share),
        )
    return _(
        "Choose creators whose audience is mostly aged {target}, or move the target to"
        " {window}, where {window_share} of this audience is.",
        target=target,
        window=Plain(f"{low}-{high}"),
        window_share=Percent(window_share),
    )


def _densest_age_window(
    buckets: Mapping[str, Any], minimum: float
) -> tuple[tuple[int, int], float] | None:
    """The narrowest run of adjacent buckets holding at least ``minimum`` of the audience."""
    bounds = sorted(
        parsed
        for label, value in buckets.items()
        if (parsed := parse_age_bucket(label)) is not None and is_number(value)
    )
    best: tuple[tuple[int, int], float] | None = None
    for first in range(len(bounds)):
        for last in range(first, len(bounds)):
            low, high = bounds[first][0], bounds[last][1]
            share = age_overlap(buckets, low, high) or 0.0
            if share < minimum:
                continue
            if best is None or _narrower_or_denser((low, high), share, best):
                best = ((low, high), share)
    return best


def _narrower_or_denser(
    window: tuple[int, int], share: float, best: tuple[tuple[int, int], float]
) -> bool:
    width = window[1] - window[0]
    best_width = best[0][1] - best[0][0]
    return width < best_width or (width == best_width and share > best[1])


# --- gender ------------------------------------------------------------------------------------


def _gender(brief: Brief, pointer: str, handle: Plain, minimum: float) -> Iterator[Problem]:
    wanted = {_gender_key(text) for _p, text in brief.strings("/target_audience/genders")}
    wanted.discard("")
    if not wanted or "all" in wanted:
        return
    shares = _shares(brief.mapping(f"{pointer}/audience/gender"), _gender_key)
    if not shares:
        return
    share = sum(value for key, (_label, value) in shares.items() if key in wanted)
    if share >= minimum:
        return
    genders = sorted(wanted)
    yield brief.problem(
        f"{pointer}/audience/gender",
        _(
            "{handle}: {share} of the audience is {genders} (target {genders}, needs at least"
            " {minimum}).",
            handle=handle,
            share=Percent(share),
            genders=[Term(gender) for gender in genders],
            minimum=Percent(minimum),
        ),
        _(
            "Choose creators whose audience is mostly {genders}; the largest group of this"
            " audience is {top} ({top_share}).",
            genders=[Term(gender) for gender in genders],
            **_top_entry(shares),
        ),
    )


def _gender_key(text: str) -> str:
    key = fold(text.strip())
    return _GENDER_NAMES.get(key, key)


# --- locations and languages -------------------------------------------------------------------


def _named_shares(
    brief: Brief, pointer: str, handle: Plain, dimension: str, minimum: float
) -> Iterator[Problem]:
    wanted = {_name_key(text) for _p, text in brief.strings(f"/target_audience/{dimension}")}
    wanted.discard("")
    shares = _shares(brief.mapping(f"{pointer}/audience/{dimension}"), _name_key)
    if not wanted or not shares:
        return
    share = sum(value for key, (_label, value) in shares.items() if key in wanted)
    if share >= minimum:
        return
    targets = [text.strip() for _p, text in brief.strings(f"/target_audience/{dimension}")]
    if dimension == "locations":
        message = _(
            "{handle}: {share} of the audience is in {targets} (the target locations; needs at"
            " least {minimum}).",
            handle=handle,
            share=Percent(share),
            targets=targets,
            minimum=Percent(minimum),
        )
        fix = _(
            "Choose creators with more of their audience in {targets}; where most of this"
            " audience is: {top} ({top_share}).",
            targets=targets,
            **_top_entry(shares),
        )
    else:
        message = _(
            "{handle}: {share} of the audience speaks {targets} (the target languages; needs at"
            " least {minimum}).",
            handle=handle,
            share=Percent(share),
            targets=[Language(target) for target in targets],
            minimum=Percent(minimum),
        )
        fix = _(
            "Choose creators whose audience speaks {targets}; the language most of this audience"
            " speaks is {top} ({top_share}).",
            targets=[Language(target) for target in targets],
            **_top_entry(shares, Language),
        )
    yield brief.problem(f"{pointer}/audience/{dimension}", message, fix)


def _name_key(text: str) -> str:
    return " ".join(fold(text).split())


# --- shared ------------------------------------------------------------------------------------


def _all_numbers(mapping: Mapping[str, Any]) -> bool:
    """Every share is a number: one unreadable share (``"20%"``) makes the sum meaningless."""
    return all(is_number(value) for value in mapping.values())


def _shares(
    mapping: Mapping[str, Any] | None, key_of: Callable[[str], str]
) -> dict[str, tuple[str, float]]:
    """Matching key -> (label as written, summed share); empty when any share is unreadable."""
    shares: dict[str, tuple[str, float]] = {}
    if mapping is None or not _all_numbers(mapping):
        return shares
    for label, value in mapping.items():
        key = key_of(str(label))
        written, total = shares.get(key, (str(label).strip(), 0.0))
        shares[key] = (written, total + float(value))
    return shares


def _top_entry(
    shares: Mapping[str, tuple[str, float]], name: type[Term | Language] = Term
) -> dict[str, Any]:
    label, share = max(shares.values(), key=lambda entry: entry[1])
    return {"top": name(label), "top_share": Percent(share)}


def _handle(brief: Brief, pointer: str) -> Plain:
    handle = brief.text(f"{pointer}/handle")
    if handle and handle.strip():
        return Plain(handle.strip())
    return Plain(f"influencers[{pointer.rsplit('/', 1)[-1]}]")
