"""A creator is paid by follower count instead of by fit with the target audience.

## What it does
For each influencer's `compensation`, reports (warnings):

- `model: per_follower` — the fee is a price per follower;
- `basis: followers` — the fee, whatever the model, was set on the follower count.

One finding per creator: when both are written, it points at the model. Creators paid the same
way (the same model, and the same follower count when given) are one finding naming them all,
with the others as related locations.

A value the schema does not know (`Per-Follower`) is the schema's finding, with a did-you-mean,
and is not read here. The models and bases that count as follower-based are options.

## Why it matters
The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?" (mistake 2) names
paying by follower count as one of the most common financing mistakes in TikTok influencer
marketing: followers are not the brand's audience, and very popular creators often bring lower
purchase rates. Follower counts are also the easiest number to inflate with bought followers, so a
per-follower price rewards exactly what a brand cannot verify. The fee should rest on how well the
creator's audience matches the target, and on the time and channel the deal covers.

## Example
```yaml
influencers:
  - handle: "@mert.fit"
    followers: 250000
    compensation:
      model: per_follower
      fee: {amount: 50000, currency: TRY}
      basis: followers
```

## How to fix
Set the fee on audience fit: compare the creator's audience insights (age, gender, location,
language) with the target audience and pay for the share that matches — as a negotiated flat
fee, a CPM on views, or a revenue share on tracked sales. Write `basis: audience_fit`,
`negotiated` or `views`, and bind the deal to a period and a channel.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import (
    Brief,
    Message,
    Option,
    Plain,
    Problem,
    Term,
    _,
    influencer_label,
    is_number,
    keyword,
)

ID = "follower-based-pricing"
SEVERITY = "warning"
AREA = "money"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    " 2 (wrong financing: paying by follower count instead of fit with the target audience; "
    "very popular creators often bring lower purchase rates)."
)
OPTIONS = {
    "models": Option.strings(
        ["per_follower"], "Compensation models that price a creator by follower count."
    ),
    "bases": Option.strings(
        ["followers"], "Values of compensation.basis that mean the fee was set on followers."
    ),
}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    found = list(_per_creator(brief, options))
    # Creators paid the same way (same model, same follower count when given) are one finding.
    yield from brief.merge_by_item(found, plurals=_PLURALS)


def _per_creator(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    models = _keys(options["models"])
    bases = _keys(options["bases"])
    for index, (pointer, influencer) in enumerate(brief.mappings("/influencers")):
        compensation = f"{pointer}/compensation"
        terms = influencer.get("compensation")  # read from the mapping, as brief.get would
        if not isinstance(terms, dict):
            continue
        handle = Plain(influencer_label(influencer, index))
        followers = influencer.get("followers")
        followers = followers if is_number(followers) else None
        model = terms.get("model")
        basis = terms.get("basis")
        if keyword(model) in models:  # one trigger ("model ..., or basis ..."): one finding
            yield _per_follower_model(brief, compensation, handle, followers, str(model))
        elif keyword(basis) in bases:
            yield _follower_basis(brief, compensation, handle, followers, str(basis))


def _keys(values: Any) -> set[str]:
    return {key for value in values if (key := keyword(value)) is not None}


def _per_follower_model(
    brief: Brief, compensation: str, handle: Plain, followers: float | None, model: str
) -> Problem:
    if followers is not None:
        message = _(
            "{handle} is paid by follower count (model {model}, {followers} followers),"
            " not by fit with the target audience.",
            handle=handle,
            model=Term(model),
            followers=followers,
        )
    else:
        message = _(
            "{handle} is paid by follower count (model {model}), not by fit with the target"
            " audience.",
            handle=handle,
            model=Term(model),
        )
    return brief.problem(f"{compensation}/model", message, _fix())


def _follower_basis(
    brief: Brief, compensation: str, handle: Plain, followers: float | None, basis: str
) -> Problem:
    if followers is not None:
        message = _(
            "{handle}: the fee was set on the follower count (basis {basis}, {followers}"
            " followers), not on fit with the target audience.",
            handle=handle,
            basis=Term(basis),
            followers=followers,
        )
    else:
        message = _(
            "{handle}: the fee was set on the follower count (basis {basis}), not on fit with"
            " the target audience.",
            handle=handle,
            basis=Term(basis),
        )
    return brief.problem(f"{compensation}/basis", message, _fix())


_PLURALS = {
    "{handle} is paid by follower count (model {model}, {followers} followers),"
    " not by fit with the target audience.": _(
        "{handle} are paid by follower count (model {model}, {followers} followers each),"
        " not by fit with the target audience."
    ),
    "{handle} is paid by follower count (model {model}), not by fit with the target audience.": _(
        "{handle} are paid by follower count (model {model}), not by fit with the target audience."
    ),
}


def _fix() -> Message:
    return _(
        "Set the fee on how much of the creator's audience matches the target (age, gender,"
        " location, language): a negotiated flat fee, a CPM on views or a revenue share on"
        " tracked sales, with basis audience_fit, negotiated or views."
    )
