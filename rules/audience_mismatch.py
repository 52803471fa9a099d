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
share that is not a number (`"20%"`): its sum cannot be trusted.

Audience data may come from the brief or from a **creator roster** (`creators:` in the config,
or `--creators`; `campaignlint schema --creators` prints its format): YAML or CSV exports of an
analytics tool, merged into each influencer by handle (and platform) before any check. The
brief's own figures win. Findings on roster data name the roster file and line. Also reported:

- **no creator has audience data** (from either place): one warning for the brief, not one per
  creator; when `target_audience` is empty too, it asks for both;
- **some creators have none**: one `info` finding listing them;
- **stale roster data**: audience data `measured_on` more than `max_data_age_days` (180) days
  before `campaign.start` (warning; exactly 180 is not stale; one per date, listing the creators
  of one export); roster audience data without a `measured_on` date: one `info` listing the
  creators (date unknown);
- **brief and roster disagree**: `followers`, `avg_*` or `engagement_rate` stated in both, the
  brief's differing by more than `roster_tolerance` (25 %) of the roster's figure (info: one of
  them is stale or mistyped).

## Why it matters
The most common mistake in TikTok influencer marketing ("TikTok Influencer Pazarlamasında En
Çok Yapılan Hatalar Nelerdir?", mistake 1) is choosing creators for their follower count while
their followers are not the brand's audience. "TikTok Influencer Pazarlamasında Doğru Hedef
Kitleyi Nasıl Belirleyebilirsiniz?" says to target by age, gender, location and interests, and to
pick creators by audience overlap: a skincare launch for women aged 18-24 in İstanbul gains
little from a creator whose audience is mostly men over 35 in another country, however large it
is. Audience insights change as a creator grows: data older than six months describes another
audience.

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
adjacent buckets holding enough of it, never a range that leaves out its largest group and never
one of minors for an adult campaign): if that is the audience the campaign really wants, widen
or correct `target_audience` instead. Add `audience` data for creators who have none, in the
brief or in the creator roster, and keep the roster's `measured_on` current.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any, NamedTuple

from campaignlint.api import (
    Brief,
    Deferred,
    Language,
    Message,
    Option,
    Percent,
    Plain,
    Problem,
    Term,
    _,
    age_overlap,
    fold,
    influencer_label,
    is_number,
    language_code,
    load_beside,
    parse_age_bucket,
    parse_date,
)

ADULT_AGE = 18

ID = "audience-mismatch"
SEVERITY = "warning"
AREA = "audience"
SOURCE = (
    '"TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake 1 (audience'
    " not targeted: look at the creator's audience, not the follower count) and \"TikTok"
    ' Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl Belirleyebilirsiniz?" (target by age,'
    " gender, location; choose creators by audience overlap)."
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
    "max_data_age_days": Option.number(
        180,
        "Oldest roster audience data (days between measured_on and campaign.start) not reported"
        " as stale.",
        minimum=0,
    ),
    "roster_tolerance": Option.number(
        25,
        "Largest difference (percent of the roster's figure) between a figure in the brief and"
        " the same figure in the creator roster.",
        minimum=0,
    ),
}

CHECKS = {
    "age": "Too little of a creator's audience is in the target age range.",
    "gender": "Too little of a creator's audience is of the target genders.",
    "locations": "Too little of a creator's audience is in the target locations.",
    "languages": "Too little of a creator's audience speaks the target languages.",
    "no-data": "Creators have no audience data, so their fit cannot be checked.",
    "stale-data": "Roster audience data is old, or its date is unknown.",
    "roster-difference": "A figure in the brief differs from the creator roster's.",
}
_DIMENSIONS = ("age", "gender", "locations", "languages")
_TARGET_FIELDS = ("age", "genders", "locations", "languages", "interests")
# Figures a brief and a roster may both state (brief vs roster).
_COMPARED = (
    "followers",
    "avg_views",
    "avg_likes",
    "avg_comments",
    "avg_shares",
    "engagement_rate",
)

# Audience insight exports name genders in several ways: map them to the brief's values.
_GENDER_NAMES: dict[str, str] = load_beside(__file__, "audience_mismatch.json")["gender_names"]


# NamedTuple's functional form: types as objects, which typing need not compile (see brief.py).
# The target's locations or languages: matching keys, and the values as written.
_Named = NamedTuple(  # noqa: UP014
    "_Named",
    [("dimension", str), ("wanted", set[str]), ("written", list[str]), ("minimum", float)],
)
# What every creator's audience is measured against, read once per brief; None where a
# dimension is not checked.
_Target = NamedTuple(  # noqa: UP014
    "_Target",
    [
        ("age", tuple[int, int] | None),
        ("genders", set[str] | None),
        ("named", tuple[_Named, ...]),
        ("min_age", float),
        ("min_gender", float),
    ],
)


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    creators = list(brief.mappings("/influencers"))
    without: list[str] = []
    goal: _Target | None = None  # read at the first creator with audience data
    for pointer, influencer in creators:
        audience = influencer.get("audience")
        if audience is None or (isinstance(audience, dict) and not _has_data(audience)):
            without.append(pointer)
            continue
        if not isinstance(audience, dict):
            continue  # a wrong type: the schema reports it
        goal = goal or _target(brief, options)
        handle = _label(influencer, pointer)
        yield from _age(brief, pointer, handle, audience, goal)
        yield from _gender(brief, pointer, handle, audience, goal)
        for named in goal.named:
            yield from _named_shares(brief, pointer, handle, audience, named)
    if creators and len(without) == len(creators):
        yield _no_audience_at_all(brief)
    elif without:
        yield _no_audience(brief, without)
    yield from _roster_checks(brief, options)


def _target(brief: Brief, options: Mapping[str, Any]) -> _Target:
    low, high = brief.number("/target_audience/age/min"), brief.number("/target_audience/age/max")
    age = None if low is None or high is None or high < low else (int(low), int(high))
    wanted = {_gender_key(text) for _p, text in brief.strings("/target_audience/genders")}
    wanted.discard("")
    genders = None if not wanted or "all" in wanted else wanted
    named = []
    for dimension, option in (
        ("locations", "min_location_overlap"),
        ("languages", "min_language_overlap"),
    ):
        if brief.hides(f"/target_audience/{dimension}"):
            continue  # a target the schema rejected ("İngilizce" for en) may be the one they share
        key = _language_key if dimension == "languages" else _name_key
        texts = [text for _p, text in brief.strings(f"/target_audience/{dimension}")]
        keys = {key(text) for text in texts}
        keys.discard("")
        if keys:
            written = [text.strip() for text in texts]
            named.append(_Named(dimension, keys, written, float(options[option])))
    return _Target(
        age,
        genders,
        tuple(named),
        float(options["min_age_overlap"]),
        float(options["min_gender_overlap"]),
    )


def _has_data(audience: Mapping[str, Any]) -> bool:
    return any(audience.get(name) not in (None, {}, [], "") for name in _DIMENSIONS)


def _no_audience(brief: Brief, pointers: list[str]) -> Problem:
    """One info for every creator without data, at the first of them."""
    handles = [_handle(brief, pointer) for pointer in pointers]
    if len(handles) == 1:
        message = _(
            "{handle} has no audience data: fit with the target audience cannot be checked.",
            handle=handles[0],
        )
        fix = _(
            "Ask {handle} for recent audience insights (age, gender, locations, languages) and"
            " add them under audience or to the creator roster.",
            handle=handles[0],
        )
    else:
        message = _(
            "{count} creators have no audience data: {handles}; their fit with the target"
            " audience cannot be checked.",
            count=len(handles),
            handles=handles,
        )
        fix = _(
            "Ask them for recent audience insights (age, gender, locations, languages) and add"
            " them under audience or to the creator roster."
        )
    return brief.missing(f"{pointers[0]}/audience", message, fix, severity="info", check="no-data")


def _no_audience_at_all(brief: Brief) -> Problem:
    """The brief-level warning: the articles' first mistake cannot be ruled out."""
    if _has_target(brief):
        message = _(
            "No creator has audience data (in the brief or a creator roster): whether the"
            " creators reach the target audience cannot be checked."
        )
        fix = _(
            "Get each creator's audience insights (age, gender, locations, languages) and add"
            " them under audience, or name a creator roster with creators: in the config (or"
            " --creators)."
        )
    else:
        message = _(
            "No target audience and no creator audience data: whether the creators reach the"
            " right people cannot be checked."
        )
        fix = _(
            "Define target_audience (age, genders, locations, languages) and get the creators'"
            " audience insights (under audience, or in a creator roster named by creators: in"
            " the config)."
        )
    return brief.problem(
        "/influencers", message, fix, severity="warning", at_key=True, check="no-data"
    )


def _has_target(brief: Brief) -> bool:
    target = brief.mapping("/target_audience") or {}
    return any(target.get(name) not in (None, {}, [], "") for name in _TARGET_FIELDS)


# --- roster data ---------------------------------------------------------------------------


def _roster_checks(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    """Stale or undated roster audience data, and figures the brief and the roster disagree on."""
    undated: list[tuple[str, Any]] = []
    stale: dict[Any, list[tuple[str, Any]]] = {}  # by date: one export, one finding
    start = brief.date("/campaign/start")
    tolerance = float(options["roster_tolerance"])
    max_age = int(options["max_data_age_days"])
    for index, match in sorted(brief.roster_matches.items()):
        pointer = f"/influencers/{index}"
        handle = _handle(brief, pointer)
        entry = match.entry
        yield from _differences(brief, pointer, handle, match, tolerance)
        if not entry.has_audience or not any(s.startswith("audience/") for s in match.supplied):
            continue  # only audience data used by the brief can be stale
        measured = parse_date(entry.data.get("measured_on"))
        if measured is None:
            undated.append((pointer, entry))
            continue
        if start is not None and (start - measured).days > max_age:
            stale.setdefault(measured, []).append((pointer, entry))
    for measured, creators in stale.items():
        assert start is not None
        yield _stale(brief, creators, measured, (start - measured).days, max_age)
    if undated:
        yield _undated(brief, undated)


def _differences(
    brief: Brief, pointer: str, handle: Plain, match: Any, tolerance: float
) -> Iterator[Problem]:
    entry = match.entry
    for name in _COMPARED:
        roster_value = entry.data.get(name)
        stated = brief.number(f"{pointer}/{name}")
        if name in match.supplied or stated is None or not is_number(roster_value):
            continue
        difference = abs(stated - float(roster_value))
        if difference <= tolerance / 100 * abs(float(roster_value)):
            continue
        yield brief.problem(
            f"{pointer}/{name}",
            _(
                "{handle}: {field} is {stated} in the brief but {roster} in the creator roster"
                " ({path}, line {line}): one of them is stale or mistyped.",
                handle=handle,
                field=Plain(name),
                stated=stated,
                roster=roster_value,
                path=Plain(entry.path),
                line=Plain(entry.line),
            ),
            _(
                "Check the creator's current {field} and correct the brief or the roster; the"
                " checks use the brief's figure.",
                field=Plain(name),
            ),
            severity="info",
            check="roster-difference",
        )


def _stale(
    brief: Brief, creators: list[tuple[str, Any]], measured: Any, days: int, max_age: int
) -> Problem:
    """One warning for the creators whose roster audience data was measured on one old date
    (an export of several creators at once reads the same for each)."""
    pointer, entry = creators[0]
    handle = _handle(brief, pointer)
    if len(creators) == 1:
        message = _(
            "{handle}: the audience data in the creator roster ({path}, line {line}) was measured"
            " on {date}, {days} days before the campaign starts (more than {limit}): audience"
            " insights go stale.",
            handle=handle,
            path=Plain(entry.path),
            line=Plain(entry.line),
            date=Plain(measured.isoformat()),
            days=days,
            limit=max_age,
        )
        fix = _(
            "Get fresh audience insights for {handle} and update the roster entry and its"
            " measured_on.",
            handle=handle,
        )
    else:
        message = _(
            "{count} creators' audience data in the creator roster was measured on {date}, {days}"
            " days before the campaign starts (more than {limit}): {creators}; audience insights"
            " go stale.",
            count=len(creators),
            date=Plain(measured.isoformat()),
            days=days,
            limit=max_age,
            creators=_places(brief, creators),
        )
        fix = _(
            "Get fresh audience insights for these creators and update their roster entries and"
            " measured_on."
        )
    return brief.problem(pointer, message, fix, severity="warning", check="stale-data")


def _places(brief: Brief, creators: list[tuple[str, Any]]) -> list[Plain]:
    return [Plain(f"{_handle(brief, p).value} ({e.path}:{e.line})") for p, e in creators]


def _undated(brief: Brief, undated: list[tuple[str, Any]]) -> Problem:
    """One info for every creator whose roster audience data has no measured_on."""
    pointer, entry = undated[0]
    if len(undated) == 1:
        message = _(
            "{handle}: the audience data in the creator roster ({path}, line {line}) has no"
            " measured_on date (date unknown): whether it is stale cannot be checked.",
            handle=_handle(brief, pointer),
            path=Plain(entry.path),
            line=Plain(entry.line),
        )
    else:
        places = _places(brief, undated)
        message = _(
            "{count} creators' audience data in the creator roster has no measured_on date"
            " (date unknown): {creators}; whether it is stale cannot be checked.",
            count=len(undated),
            creators=places,
        )
    fix = _("Add measured_on (YYYY-MM-DD, the date the figures were taken) to the roster entries.")
    return brief.problem(pointer, message, fix, severity="info", check="stale-data")


# --- age ---------------------------------------------------------------------------------------


def _age(
    brief: Brief, pointer: str, handle: Plain, audience: Mapping[str, Any], goal: _Target
) -> Iterator[Problem]:
    buckets = _mapping(audience, "age")
    if goal.age is None or not buckets or not _all_numbers(buckets):
        return
    target_min, target_max = goal.age
    minimum = goal.min_age
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
        f"{pointer}/audience/age",
        message,
        Deferred(partial(_age_fix, buckets, target_min, target_max, minimum)),
        check="age",
    )


def _age_fix(
    buckets: Mapping[str, Any], target_min: int, target_max: int, minimum: float
) -> Message:
    target = Plain(f"{target_min}-{target_max}")
    all_buckets = buckets
    if target_min >= ADULT_AGE:
        # Never advise an adult campaign to target minors (TikTok ad policy, EU DSA art. 28).
        buckets = {
            label: share
            for label, share in buckets.items()
            if (bounds := parse_age_bucket(label)) is None or bounds[0] >= ADULT_AGE
        }
    largest = _largest_age_group(all_buckets)
    window = _densest_age_window(buckets, minimum)
    if window is not None and largest is not None and not _inside(largest[0], window[0]):
        window = None  # a range that leaves out the audience's largest group misleads
    if window is None and largest is not None:
        (group_low, group_high), group_share = largest
        if target_min >= ADULT_AGE and group_low < ADULT_AGE:
            return _(
                "Choose creators whose audience is mostly aged {target}; the largest group of"
                " this audience ({group_share}) is under 18, which an adult campaign must not"
                " target.",
                target=target,
                group_share=Percent(group_share),
            )
        return _(
            "Choose creators whose audience is mostly aged {target}; this audience's largest"
            " group is aged {group} ({group_share}).",
            target=target,
            group=Plain(f"{group_low}-{group_high}"),
            group_share=Percent(group_share),
        )
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


def _largest_age_group(buckets: Mapping[str, Any]) -> tuple[tuple[int, int], float] | None:
    groups = [
        (parsed, float(value))
        for label, value in buckets.items()
        if (parsed := parse_age_bucket(label)) is not None and is_number(value)
    ]
    return max(groups, key=lambda group: group[1]) if groups else None


def _inside(group: tuple[int, int], window: tuple[int, int]) -> bool:
    return window[0] <= group[0] and group[1] <= window[1]


def _narrower_or_denser(
    window: tuple[int, int], share: float, best: tuple[tuple[int, int], float]
) -> bool:
    width = window[1] - window[0]
    best_width = best[0][1] - best[0][0]
    return width < best_width or (width == best_width and share > best[1])


# --- gender ------------------------------------------------------------------------------------


def _gender(
    brief: Brief, pointer: str, handle: Plain, audience: Mapping[str, Any], goal: _Target
) -> Iterator[Problem]:
    wanted = goal.genders
    if wanted is None:
        return
    shares = _shares(_mapping(audience, "gender"), _gender_key)
    if not shares:
        return
    minimum = goal.min_gender
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
        check="gender",
    )


def _gender_key(text: str) -> str:
    key = fold(text.strip())
    return _GENDER_NAMES.get(key, key)


# --- locations and languages -------------------------------------------------------------------


def _named_shares(
    brief: Brief, pointer: str, handle: Plain, audience: Mapping[str, Any], named: _Named
) -> Iterator[Problem]:
    dimension, wanted, targets, minimum = named
    key = _language_key if dimension == "languages" else _name_key
    shares = _shares(_mapping(audience, dimension), key)
    if not shares:
        return
    share = sum(value for key, (_label, value) in shares.items() if key in wanted)
    if share >= minimum:
        return
    if dimension == "locations":
        message = _(
            "{handle}: {share} of the audience is in {targets} (the target locations; needs at"
            " least {minimum}).",
            handle=handle,
            share=Percent(share),
            targets=targets,
            minimum=Percent(minimum),
        )
        fix: Message = Deferred(partial(_location_fix, shares, targets))
    else:
        message = _(
            "{handle}: {share} of the audience speaks {targets} (the target languages; needs at"
            " least {minimum}).",
            handle=handle,
            share=Percent(share),
            targets=[Language(target) for target in targets],
            minimum=Percent(minimum),
        )
        fix = Deferred(partial(_language_fix, shares, targets))
    yield brief.problem(f"{pointer}/audience/{dimension}", message, fix, check=dimension)


def _location_fix(shares: Mapping[str, tuple[str, float]], targets: list[str]) -> Message:
    return _(
        "Choose creators with more of their audience in {targets}; where most of this"
        " audience is: {top} ({top_share}).",
        targets=targets,
        **_top_entry(shares),
    )


def _language_fix(shares: Mapping[str, tuple[str, float]], targets: list[str]) -> Message:
    return _(
        "Choose creators whose audience speaks {targets}; the language most of this audience"
        " speaks is {top} ({top_share}).",
        targets=[Language(target) for target in targets],
        **_top_entry(shares, Language),
    )


def _name_key(text: str) -> str:
    return " ".join(fold(text).split())


def _language_key(text: str) -> str:
    """``en-GB`` and ``EN`` match ``en``, as the schema accepts them."""
    return language_code(text) or _name_key(text)


# --- shared ------------------------------------------------------------------------------------


def _mapping(audience: Mapping[str, Any], dimension: str) -> dict[str, Any] | None:
    value = audience.get(dimension)
    return value if isinstance(value, dict) else None


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
    return _label(brief.get(pointer), pointer)


def _label(influencer: Any, pointer: str) -> Plain:
    return Plain(influencer_label(influencer, int(pointer.rsplit("/", 1)[-1])))
