"""The creators' fees do not fit the campaign budget, or an offer is likely to be refused.

## What it does
Adds up the creators' fees (`influencers[].compensation.fee`) and compares them with
`campaign.budget`:

- the fees in the budget's currency add up to more than the budget (error, at the budget
  amount, with the sum, the budget and the overrun);
- a fee in another currency than the budget (info, at that fee: it cannot be checked without
  an exchange rate, and is left out of the sum);
- `model: product_only` for a mid, macro or mega creator (warning: likely refused); the tier is
  the stated `tier`, or the one the follower count gives;
- a flat fee of 0 (error): `model: flat_fee` (or no model) with a fee amount of 0.

On a campaign whose `campaign.kind` is not `paid` (gifted, affiliate, non_commercial) the fees
are not checked (no sum, no flat fee of 0, no currency), and on a `gifted` campaign product-only
creators of any tier are expected.

Several creators of one tier offered product only are one finding naming them, and so are
several flat fees of 0, with the other creators as related locations.

Currency codes compare case-insensitively (`try` is `TRY`); a fee without a currency counts in
the budget's currency.

## Why it matters
The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?" (mistake 5) puts
wrong pricing among the most common mistakes of TikTok influencer campaigns: a budget spent on fees
that do not fit wastes money, and an offer that is too low is simply rejected. Fees that add up to
more than the budget mean the plan cannot be paid as written — someone will cut a creator or a
deliverable late, when contracts are already signed. Creators from about 100,000 followers live from
their fees and rarely post for product alone, and a fee of 0 on a flat-fee deal is a contract with
no payment.

## Example
```yaml
campaign:
  budget: {amount: 50000, currency: TRY}
influencers:
  - handle: "@ayse.glow"
    compensation: {model: flat_fee, fee: {amount: 60000, currency: TRY}}
  - handle: "@mert.fit"
    followers: 250000
    compensation: {model: product_only}
  - handle: "@john.travels"
    compensation: {model: flat_fee, fee: {amount: 1500, currency: USD}}
```

## How to fix
Raise the budget to at least the sum of the fees, or cut fees or creators until they fit (the
message says by how much). State every fee in the budget's currency, converted at the rate the
finance team uses. Offer mid-size and larger creators a paid fee (or a hybrid with a revenue
share), keep product-only deals for nano and micro creators, and write the real amount of each
flat fee.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from campaignlint.api import (
    GIFTED,
    Brief,
    Money,
    Option,
    Plain,
    Problem,
    Severity,
    Term,
    _,
    effective_tier,
    influencer_label,
    is_number,
    keyword,
)

ID = "budget-fit"
SEVERITY = "error"
AREA = "money"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    " 5 (wrong pricing: a budget too high for unfit creators wastes money, too low gets the "
    "offer rejected)."
)
OPTIONS = {
    "product_only_tiers": Option.strings(
        ["mid", "macro", "mega"],
        "Creator tiers for whom a product-only deal is likely refused.",
    ),
}
CHECKS = {
    "over-budget": "The creators' fees add up to more than the campaign budget.",
    "currency": "A fee is in another currency than the budget.",
    "product-only": "A larger creator is offered product only.",
    "zero-fee": "A flat fee of 0.",
}


# A creator's fee as read from the brief; currency upper case, None when the fee states none.
# (NamedTuple's functional form: types as objects, which typing need not compile: brief.py)
Fee = NamedTuple(  # noqa: UP014
    "Fee", [("pointer", str), ("handle", str), ("amount", float), ("currency", str | None)]
)


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    budget_amount = brief.number("/campaign/budget/amount")
    budget_currency = _currency(brief.get("/campaign/budget/currency"))
    product_only_tiers = {keyword(tier) for tier in options["product_only_tiers"]}
    counted: list[Fee] = []
    refused: dict[str, list[tuple[str, str]]] = {}  # tier -> (model pointer, handle)
    unpaid: list[Fee] = []  # flat fees of 0
    for index, (pointer, influencer) in enumerate(brief.mappings("/influencers")):
        # the creator's fields are read from its mapping: what brief.get(f"{pointer}/...") gives
        compensation = f"{pointer}/compensation"
        terms = influencer.get("compensation")
        if not isinstance(terms, dict):
            continue
        handle = influencer_label(influencer, index)
        model = keyword(terms.get("model"))
        if model == "product_only" and brief.kind != GIFTED:
            tier = effective_tier(influencer.get("tier"), influencer.get("followers"))
            if tier is not None and tier in product_only_tiers:
                refused.setdefault(tier, []).append((f"{compensation}/model", handle))
        fee = _read_fee(terms, compensation, handle)
        if fee is None or not brief.is_paid:
            continue  # gifted, affiliate and cause campaigns have no fee plan to check
        if model in ("flat_fee", None) and fee.amount == 0:
            unpaid.append(fee)
        if budget_currency is None:
            continue
        if fee.currency not in (None, budget_currency):
            yield _other_currency(brief, fee, budget_currency)
        else:
            counted.append(fee)
    for tier, creators in refused.items():
        yield _product_only(brief, tier, creators)
    if unpaid:
        yield _zero_fee(brief, unpaid)
    if budget_amount is not None and budget_currency is not None:
        yield from _over_budget(brief, counted, budget_amount, budget_currency)


def _currency(value: Any) -> str | None:
    return value.strip().upper() if isinstance(value, str) and value.strip() else None


def _read_fee(terms: Mapping[str, Any], compensation: str, handle: str) -> Fee | None:
    """The fee of a creator's ``terms`` (its compensation mapping, at ``compensation``)."""
    pointer = f"{compensation}/fee"
    value: Any = terms.get("fee")
    if is_number(value):
        return Fee(pointer, handle, float(value), None)
    if not isinstance(value, dict):
        return None
    amount: Any = value.get("amount")
    if not is_number(amount):
        return None
    return Fee(pointer, handle, amount, _currency(value.get("currency")))


def _over_budget(brief: Brief, fees: list[Fee], budget: float, currency: str) -> Iterator[Problem]:
    total = sum(fee.amount for fee in fees)
    if total <= budget:
        return
    overrun = total - budget
    # Built before the call: Babel 2.19 no longer extracts a _() inside a comprehension argument.
    each_fee = [
        _("{handle} {amount}", handle=Plain(fee.handle), amount=Money(fee.amount, currency))
        for fee in fees
        if fee.amount
    ]
    yield brief.problem(
        "/campaign/budget/amount",
        _(
            "The creators' fees add up to {total}, above the campaign budget of {budget} by"
            " {overrun}.",
            total=Money(total, currency),
            budget=Money(budget, currency),
            overrun=Money(overrun, currency),
        ),
        _(
            "Raise the budget to at least {total}, or cut fees or creators by {overrun} in"
            " total (fees: {fees}).",
            total=Money(total, currency),
            overrun=Money(overrun, currency),
            fees=each_fee,
        ),
        check="over-budget",
    )


def _other_currency(brief: Brief, fee: Fee, budget_currency: str) -> Problem:
    return brief.problem(
        fee.pointer,
        _(
            "{handle}: the fee of {fee} is in another currency than the budget ({currency}), so"
            " it cannot be checked against the budget.",
            handle=Plain(fee.handle),
            fee=Money(fee.amount, fee.currency or budget_currency),
            currency=Plain(budget_currency),
        ),
        _(
            "State the fee in {currency}, converted at the rate the finance team uses, or budget"
            " it separately.",
            currency=Plain(budget_currency),
        ),
        severity=Severity.INFO,
        check="currency",
    )


def _product_only(brief: Brief, tier: str, creators: list[tuple[str, str]]) -> Problem:
    """Creators of one tier offered product only: one finding naming them (the same finding
    but for the creator named is one finding, one finding per problem)."""
    handles = [Plain(handle) for _pointer, handle in creators]
    if len(creators) == 1:
        message = _(
            "{handle} is a {tier} creator offered product only; creators of this size usually"
            " refuse to post for product alone.",
            handle=handles[0],
            tier=Term(tier),
        )
    else:
        message = _(
            "{handles} are {tier} creators offered product only; creators of this size usually"
            " refuse to post for product alone.",
            handles=handles,
            tier=Term(tier),
        )
    return brief.problem(
        creators[0][0],
        message,
        _(
            "Offer {handle} a paid fee, or a hybrid deal with a revenue share; keep product-only"
            " deals for nano and micro creators.",
            handle=handles,
        ),
        severity=Severity.WARNING,
        related=[pointer for pointer, _handle in creators[1:]],
        check="product-only",
    )


def _fee_place(brief: Brief, fee: Fee) -> str:
    amount_pointer = f"{fee.pointer}/amount"
    return amount_pointer if brief.has(amount_pointer) else fee.pointer


def _zero_fee(brief: Brief, fees: list[Fee]) -> Problem:
    if len(fees) == 1:
        message = _(
            "{handle} has a flat fee of 0: the deal pays the creator nothing.",
            handle=Plain(fees[0].handle),
        )
    else:
        message = _(
            "{handles} have a flat fee of 0: the deals pay the creators nothing.",
            handles=[Plain(fee.handle) for fee in fees],
        )
    return brief.problem(
        _fee_place(brief, fees[0]),
        message,
        _(
            "Write the agreed fee; if the creator is paid in product or by commission, use model"
            " product_only or revenue_share instead."
        ),
        related=[_fee_place(brief, fee) for fee in fees[1:]],
        check="zero-fee",
    )
