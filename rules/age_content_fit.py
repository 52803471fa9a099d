"""The content's themes suit another age group than the one the campaign targets.

## What it does
Reads the campaign's `content.topics` and each creator's `content_style`, and matches them against
the content themes that the article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl
Belirleyebilirsiniz?" gives for each age group, in English and Turkish:

- 18-24: dance, music, challenges, fashion, beauty;
- 25-34: social issues, career, healthy living, comedy;
- 35-44: family, travel, education, motivation.

The target's dominant group is the one most of `target_audience.age` falls in (18-30 → 18-24).
When the topics and styles match themes of other groups only, and none of the dominant group's,
it reports one `info` finding at `content.topics` when a topic matches a theme, else at the
first `content_style` that does. Keywords match whole words or word stems, ignoring case and accents
with Turkish rules: `Dans`, `dansı` and `DANS CHALLENGE` all mean dance. Targets outside these
groups (under 18, 45 and over) are not checked.

## Why it matters
The article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl Belirleyebilirsiniz?" pairs
each age group with the content it watches: a campaign for 35-44-year-olds built on dance challenges
speaks to the wrong generation, however well it is targeted. It is an `info` finding because themes
are a heuristic: check that the content and the target age were chosen together.

## Example
```yaml
target_audience:
  age: {min: 35, max: 44}
content:
  topics: [dance challenge, lip sync with the product]   # 18-24 themes, none of 35-44
influencers:
  - handle: "@ayse.glow"
    followers: 85000
    content_style: [dance, fashion]
```

## How to fix
Add topics the target age group follows (for 35-44: family, travel, education, motivation), or
correct the target age if the content is right. Extend or replace the keyword lists with the
`themes` option when your market uses other words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from campaignlint.api import (
    Brief,
    Option,
    PhraseSet,
    Plain,
    Problem,
    Term,
    _,
    fold,
    load_beside,
    parse_age_bucket,
)

ID = "age-content-fit"
SEVERITY = "info"
AREA = "audience"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında Doğru Hedef Kitleyi Nasıl '
    'Belirleyebilirsiniz?": content that fits each age group — 18-24 dance, music, '
    "challenges, fashion and beauty; 25-34 social issues, career, healthy living, comedy; "
    "35-44 family, travel, education, motivation."
)
OPTIONS = {
    "themes": Option.mapping(
        {},
        "Extra or replacement themes: {age group: {theme: [keywords]}}. A theme given here"
        " replaces the built-in theme of that name; an empty list removes it; new groups"
        ' (e.g. "45-54") are added. A keyword ending in * matches word stems.',
        {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    ),
    "builtin_themes": Option.boolean(
        True, "Use the built-in age-group themes; false uses only the `themes` option."
    ),
}

Themes = dict[str, dict[str, list[str]]]


# NamedTuple's functional form: types as objects, which typing need not compile (see brief.py)
_Theme = NamedTuple(  # noqa: UP014
    "_Theme", [("name", str), ("keywords", tuple[str, ...])]
)
_Group = NamedTuple(  # noqa: UP014
    "_Group", [("label", str), ("low", int), ("high", int), ("themes", tuple[_Theme, ...])]
)


@lru_cache(maxsize=1)
def builtin_themes() -> Themes:
    """The built-in age-group themes, from ``age_content_fit.json`` beside this module."""
    raw = load_beside(__file__, "age_content_fit.json")
    return {group: themes for group, themes in raw.items() if isinstance(themes, dict)}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    low = brief.number("/target_audience/age/min")
    high = brief.number("/target_audience/age/max")
    if low is None or high is None or high < low:
        return
    groups = _groups(options)
    targets = _dominant_groups(groups, int(low), int(high))
    if not targets:
        return
    matched, pointer = _matched_groups(brief, groups)
    others = [group for group in groups if group.label in matched and group not in targets]
    if not others or any(group.label in matched for group in targets) or pointer is None:
        return
    yield _finding(brief, pointer, targets, others, matched, f"{int(low)}-{int(high)}")


def _finding(
    brief: Brief,
    pointer: str,
    targets: list[_Group],
    others: list[_Group],
    matched: Mapping[str, list[str]],
    target_range: str,
) -> Problem:
    target_labels = [Plain(group.label) for group in targets]
    target_themes = [Term(theme.name) for group in targets for theme in group.themes]
    return brief.problem(
        pointer,
        _(
            "The content matches themes of ages {groups} ({themes}) but none of ages {target},"
            " where most of the target audience ({range}) is.",
            groups=[Plain(group.label) for group in others],
            themes=[Term(theme) for group in others for theme in matched[group.label]],
            target=target_labels,
            range=Plain(target_range),
        ),
        _(
            "Add topics that ages {target} follow ({target_themes}), or check that the target"
            " age {range} is right for this content.",
            target=target_labels,
            target_themes=target_themes,
            range=Plain(target_range),
        ),
    )


def _matched_groups(
    brief: Brief, groups: tuple[_Group, ...]
) -> tuple[dict[str, list[str]], str | None]:
    """Age group -> themes matched by topics or styles; and where to point."""
    matcher = _matcher(groups)
    found = matcher.found_in(text for _p, text in brief.strings("/content/topics"))
    pointer = "/content/topics" if found else None
    for influencer, item in brief.mappings("/influencers"):
        style = Brief.strings_of(f"{influencer}/content_style", item.get("content_style"))
        styles = matcher.found_in(text for _p, text in style)
        if pointer is None and styles:
            pointer = f"{influencer}/content_style"
        found |= styles
    return matcher.by_group(found), pointer


_CACHED_TEXTS = 4096  # folded texts whose themes a matcher remembers (short ones only)
_CACHED_TEXT_LENGTH = 256


class _Matcher:
    """Which themes of ``groups`` (as indices into them, group by group) each folded text
    matches: a keyword of a theme occurs in it (whole words, joined by spaces, ``_``, ``-`` or
    nothing; stems for keywords ending in ``*``). Texts are matched one at a time, so a list's
    themes are the union of its texts'; a short text's themes are remembered."""

    def __init__(self, groups: tuple[_Group, ...]) -> None:
        self.groups = groups
        themes_of: dict[str, set[int]] = {}
        themes = [theme for group in groups for theme in group.themes]
        for index, theme in enumerate(themes):
            for keyword in theme.keywords:
                themes_of.setdefault(keyword.strip().lstrip("* "), set()).add(index)
        self._keywords = PhraseSet(themes_of, compound=True)
        self._themes_of = {keyword: frozenset(found) for keyword, found in themes_of.items()}
        self._found: dict[str, frozenset[int]] = {}

    def found_in(self, texts: Iterable[str]) -> set[int]:
        """The themes that the texts match (each text as written, folded here)."""
        found: set[int] = set()
        for text in texts:
            found |= self._found_in_folded(fold(text))
        return found

    def _found_in_folded(self, folded: str) -> frozenset[int]:
        found = self._found.get(folded)
        if found is not None:
            return found
        themes: set[int] = set()
        for keyword, phrase in self._keywords.candidates(folded):
            if not self._themes_of[keyword] <= themes and phrase.search(folded) is not None:
                themes |= self._themes_of[keyword]
        found = frozenset(themes)
        if len(folded) <= _CACHED_TEXT_LENGTH:
            if len(self._found) >= _CACHED_TEXTS:
                self._found.clear()  # memory stays flat over many briefs
            self._found[folded] = found
        return found

    def by_group(self, found: set[int]) -> dict[str, list[str]]:
        """Age group -> names of the matched themes, for the groups with any."""
        matched: dict[str, list[str]] = {}
        index = 0
        for group in self.groups:
            names = []
            for theme in group.themes:
                if index in found:
                    names.append(theme.name)
                index += 1
            if names:
                matched[group.label] = names
        return matched


@lru_cache(maxsize=8)
def _matcher(groups: tuple[_Group, ...]) -> _Matcher:
    return _Matcher(groups)


def _dominant_groups(groups: Sequence[_Group], low: int, high: int) -> list[_Group]:
    """The groups holding most years of the target range (several on a tie)."""
    years = {group.label: min(group.high, high) - max(group.low, low) + 1 for group in groups}
    most = max(years.values(), default=0)
    if most <= 0:
        return []
    return [group for group in groups if years[group.label] == most]


def _groups(options: Mapping[str, Any]) -> tuple[_Group, ...]:
    if not options.get("themes"):
        return _builtin_groups(bool(options.get("builtin_themes", True)))
    return _groups_of(_merged_themes(options))


@lru_cache(maxsize=2)
def _builtin_groups(builtin: bool) -> tuple[_Group, ...]:
    return _groups_of(_merged_themes({"builtin_themes": builtin}))


def _groups_of(themes: Themes) -> tuple[_Group, ...]:
    groups = []
    for label, group_themes in themes.items():
        bounds = parse_age_bucket(label)
        if bounds is None:
            continue
        themes_of_group = tuple(
            _theme(name, tuple(keywords)) for name, keywords in group_themes.items() if keywords
        )
        groups.append(_Group(label.strip(), bounds[0], bounds[1], themes_of_group))
    return tuple(sorted(groups, key=lambda group: (group.low, group.high)))


def _merged_themes(options: Mapping[str, Any]) -> Themes:
    merged: Themes = {}
    if options.get("builtin_themes", True):
        merged = {group: dict(themes) for group, themes in builtin_themes().items()}
    for group, themes in dict(options.get("themes") or {}).items():
        merged.setdefault(group, {}).update(themes)
    return merged


@lru_cache(maxsize=256)
def _theme(name: str, keywords: tuple[str, ...]) -> _Theme:
    return _Theme(name, keywords)
