"""The contract is missing, incomplete, unbalanced in its payment plan, or unsigned too late.

## What it does
Checks the `contract` section of the brief:

- no `contract` at all (error);
- each of `duties` and `payment` missing or empty (error), and each of `term`, `usage_rights`
  and `termination` missing or empty (warning);
- the percents of `payment.schedule` not adding up to 100 (error; the message gives the sum);
- on a campaign whose `campaign.kind` is not `paid`: no contract is a warning, `payment` is not
  required (a gifted, affiliate or cause campaign pays no fee; an affiliate's commission is
  checked by `unfair-revenue-share`), and on an `affiliate` program missing `usage_rights` is
  info;
- `signed: false` when `campaign.start` is `sign_by_days` (default 7) days away or less
  (warning). A campaign that has already started is not checked.

## Why it matters
A missing contract is one of the most common mistakes in influencer marketing (mistake 3 in the
article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?"): the parties' duties,
the duration, whether the content is an advertisement and how the product is shown, a fair payment
plan and each side's rights must be written down before anyone films. Without duties nobody can say
whether a video was delivered; without a payment plan the creator carries all the risk; without
usage rights and a termination clause every disagreement becomes a negotiation. A payment plan that
adds up to 80 % or 120 % is a dispute waiting to happen, and a contract still unsigned a week before
launch usually means a late or cancelled campaign. The usual market practice: net 30 payment, often
50 % on signing; usage rights 6-12 months organic.

## Example
```yaml
campaign:
  start: 2027-03-01
contract:
  signed: false
  duties: Three 30-second videos.
  payment:
    schedule:
      - {milestone: signing, percent: 50}
      - {milestone: final_delivery, percent: 30}   # 80 % in total
```

## How to fix
Add the missing sections: `duties` (what is delivered, when, where), `term` (start and end
covering the campaign), `payment` (a `schedule` whose percents add up to 100, `net_days`),
`usage_rights` (channels, months, territory, paid ads) and `termination` (notice and what is
paid). Get the contract signed at least `sign_by_days` days before the campaign starts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import (
    AFFILIATE,
    Brief,
    Option,
    Percent,
    Position,
    Problem,
    Severity,
    Term,
    _,
    is_blank,
    is_number,
    replace,
)

ID = "missing-contract-terms"
SEVERITY = "error"
AREA = "contract"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    " 3 (missing contract: duties, duration, advertising, payment plan, rights); market "
    "practice: payment net 30, often 50 % on signing."
)
OPTIONS = {
    "sign_by_days": Option.integer(
        7,
        "Warn when the contract is unsigned and the campaign starts within this many days.",
        minimum=0,
    ),
}
FIXABLE = False
CHECKS = {
    "no-contract": "The brief has no contract section.",
    "missing-term": "The contract lacks duties, term, payment, usage rights or termination.",
    "payment-schedule": "The payment schedule lists no payments or does not add up to 100%.",
    "unsigned": "The contract is unsigned and the campaign starts soon.",
}

# (field, severity, what it should say): the terms every contract needs.
REQUIRED_TERMS: tuple[tuple[str, Severity], ...] = (
    ("duties", Severity.ERROR),
    ("term", Severity.WARNING),
    ("payment", Severity.ERROR),
    ("usage_rights", Severity.WARNING),
    ("termination", Severity.WARNING),
)

_TOLERANCE = 0.01


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    if not isinstance(brief.data, dict):
        return  # not a brief at all: the schema reports it
    contract = brief.get("/contract")
    if contract is None:
        yield _no_contract(brief, Severity.ERROR if brief.is_paid else Severity.WARNING)
        return
    if not isinstance(contract, dict):
        return  # a wrong type: the schema reports it
    yield from _missing_terms(brief, contract)
    yield from _payment_schedule(brief)
    yield from _unsigned(brief, int(options["sign_by_days"]))


def _no_contract(brief: Brief, severity: Severity) -> Problem:
    fix = (
        _(
            "Add a 'contract:' section with duties, term, payment, usage_rights and"
            " termination, and get it signed before the campaign starts."
        )
        if brief.is_paid
        else _(
            "Add a 'contract:' section with duties, term, usage_rights and termination, and get"
            " it signed before the campaign starts."
        )
    )
    problem = brief.problem(
        "/contract",
        _("the brief has no contract section"),
        fix,
        severity=severity,
        check="no-contract",
    )
    if brief.has("/contract"):  # `contract:` with nothing under it
        return replace(problem, position=brief.key_position("/contract"))
    return replace(problem, position=_end_of_top_level(brief))


def _end_of_top_level(brief: Brief) -> Position:
    """Where a new top-level section would go: the line after the last one, within the text."""
    root_end = brief.position("")[2]
    line_count = max(1, len(brief.document.text.splitlines()))
    line = min(root_end, line_count) if brief.data else 1
    return (line, 1, line, 1)


def _missing_terms(brief: Brief, contract: dict[str, Any]) -> Iterator[Problem]:
    contract_key = brief.key_position("/contract")
    for name, severity in REQUIRED_TERMS:
        if not is_blank(contract.get(name)):
            continue
        if name == "payment" and not brief.is_paid:
            continue  # no fee to pay (an affiliate's commission is unfair-revenue-share's)
        if name == "usage_rights" and brief.kind == AFFILIATE:
            severity = Severity.INFO
        problem = brief.problem(
            f"/contract/{name}",
            _("the contract has no {name} section", name=Term(name)),
            _TERM_FIXES[name],
            severity=severity,
            check="missing-term",
        )
        yield replace(problem, position=contract_key)


_TERM_FIXES = {
    "duties": _(
        "Add 'duties:': what the creator delivers (format, count, length, dates, account)"
        " and what the brand provides."
    ),
    "term": _("Add 'term:' with a start and an end date that cover the campaign."),
    "payment": _(
        "Add 'payment:' with a schedule whose percents add up to 100 (for example 50 on"
        " signing, 50 on final delivery) and net_days."
    ),
    "usage_rights": _(
        "Add 'usage_rights:' with channels, duration_months (usually 6-12 organic, 3-6 paid),"
        " territory and whether paid ads are allowed."
    ),
    "termination": _(
        "Add 'termination:': the notice period and what is paid for work already delivered."
    ),
}


def _payment_schedule(brief: Brief) -> Iterator[Problem]:
    pointer = "/contract/payment/schedule"
    schedule = brief.get(pointer)
    if not isinstance(schedule, list):
        return
    if not schedule:
        yield brief.problem(
            pointer,
            _("contract.payment.schedule lists no payments"),
            _("List the payments with percents that add up to 100."),
            check="payment-schedule",
        )
        return
    raw: list[Any] = [item.get("percent") if isinstance(item, dict) else None for item in schedule]
    if not all(is_number(percent) for percent in raw):
        return  # an unreadable share: the sum cannot be checked
    total = 0.0
    for percent in raw:
        total += float(percent)
    if abs(total - 100.0) <= _TOLERANCE:
        return
    difference = 100.0 - total
    fix = (
        _("Add the missing {missing} to a milestone.", missing=Percent(difference))
        if difference > 0
        else _("Remove {extra} from the milestones.", extra=Percent(-difference))
    )
    yield brief.problem(
        pointer,
        _(
            "the payment schedule adds up to {total}, not 100%",
            total=Percent(total),
        ),
        fix,
        at_key=True,
        check="payment-schedule",
    )


def _unsigned(brief: Brief, sign_by_days: int) -> Iterator[Problem]:
    if brief.boolean("/contract/signed") is not False:
        return
    start = brief.date("/campaign/start")
    if start is None:
        return
    days_left = (start - brief.today).days
    if days_left < 0 or days_left > sign_by_days:
        return
    if days_left == 0:
        message = _(
            "the contract is not signed and the campaign starts today ({start})", start=start
        )
    elif days_left == 1:
        message = _(
            "the contract is not signed and the campaign starts tomorrow ({start})", start=start
        )
    else:
        message = _(
            "the contract is not signed and the campaign starts in {days} days ({start})",
            days=days_left,
            start=start,
        )
    yield brief.problem(
        "/contract/signed",
        message,
        _(
            "Get the contract signed before anything is filmed, or move the start date;"
            " aim for at least {days} days before the start.",
            days=sign_by_days,
        ),
        severity=Severity.WARNING,
        check="unsigned",
    )
