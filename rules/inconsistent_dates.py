"""The campaign, deliverable and contract dates contradict each other.

## What it does
Reads `campaign.start` and `campaign.end`, each deliverable's `due` date and `contract.term`, and
reports:

- a campaign that ends before it starts (error, at `campaign.end`);
- a deliverable due before the campaign starts or after it ends (error, at the deliverable's
  `due`); deliverables due on the same such date are one finding, at the first, with the others
  as related locations;
- a contract term that starts after the campaign starts or ends before it ends, so part of the
  campaign runs without a contract (warning, at `contract.term.start` or `contract.term.end`);
- a contract term that ends before it starts (warning, at `contract.term.end`): it covers
  none of the campaign.

Dates may be written quoted (`"2027-03-01"`) or unquoted (`2027-03-01`). A date that cannot be
read is left to the `schema` rule.

## Why it matters
A contract must fix the duration of the collaboration (mistake 3, missing contract, in the article
"TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?"). A post due outside the
campaign lands before the launch, when there is nothing to buy yet, or after the campaign ended,
when the budget, the tracking links and the promo codes are closed, and the creator is paid for
reach the brand cannot measure. A contract that ends before the campaign leaves the last posts,
their usage rights and the payment for them without a legal basis. These are typing slips far more
often than decisions, and they are cheap to catch before the brief is sent.

## Example
```yaml
campaign:
  start: 2027-03-01
  end: 2027-03-31
deliverables:
  - influencer: "@ayse.glow"
    due: 2027-04-05        # after the campaign ends
contract:
  term: {start: 2027-02-20, end: 2027-03-15}   # ends before the campaign does
```

## How to fix
Correct the typo, or move the date inside the campaign: a deliverable's `due` between
`campaign.start` and `campaign.end`, and a `contract.term` that starts on or before the campaign
start and ends on or after the campaign end (usually a few weeks later, to cover reporting and
payment). If posts are meant to go live after the campaign, extend `campaign.end` instead, or set
the `due_grace_days` option for the whole team.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from campaignlint.api import Brief, Message, Option, Plain, Problem, _, parse_date

ID = "inconsistent-dates"
SEVERITY = "error"
AREA = "integrity"
SOURCE = (
    'The article "TikTok Influencer Pazarlamasında En Çok Yapılan Hatalar Nelerdir?", mistake'
    " 3 (the contract must fix the duration), and plain consistency checks."
)
OPTIONS = {
    "due_grace_days": Option.integer(
        0,
        "Days a deliverable may be due before campaign.start or after campaign.end.",
        minimum=0,
    ),
    "check_contract_term": Option.boolean(
        True, "Report a contract.term that does not cover the campaign dates."
    ),
}
CHECKS = {
    "campaign-dates": "The campaign ends before it starts.",
    "due-date": "A deliverable is due outside the campaign dates.",
    "contract-term": "The contract term does not cover the campaign dates.",
}


def check(brief: Brief, options: Mapping[str, Any]) -> Iterator[Problem]:
    start = brief.date("/campaign/start")
    end = brief.date("/campaign/end")
    if start is not None and end is not None and end < start:
        yield brief.problem(
            "/campaign/end",
            _(
                "The campaign ends on {end}, before it starts on {start}.",
                end=end,
                start=start,
            ),
            _("Swap or correct the dates: campaign.end must be on or after {start}.", start=start),
            check="campaign-dates",
        )
        # With the campaign dates inverted, nothing else can be measured against them.
        return
    yield from _check_due_dates(brief, start, end, int(options["due_grace_days"]))
    if options["check_contract_term"]:
        yield from _check_contract_term(brief, start, end)


def _check_due_dates(
    brief: Brief, start: dt.date | None, end: dt.date | None, grace_days: int
) -> Iterator[Problem]:
    """Due dates outside the campaign; deliverables due on the same wrong date are one
    finding, at the first, the others related (different dates stay separate)."""
    grace = dt.timedelta(days=grace_days)
    groups: dict[tuple[str, dt.date], list[tuple[str, Plain | Message]]] = {}
    for pointer, deliverable in brief.mappings("/deliverables"):
        due = parse_date(deliverable.get("due"))  # what brief.date(f"{pointer}/due") gives
        if due is None:
            continue
        if start is not None and due < start - grace:
            side = "before"
        elif end is not None and due > end + grace:
            side = "after"
        else:
            continue
        groups.setdefault((side, due), []).append((f"{pointer}/due", _handle_of(deliverable)))
    for (side, due), places in groups.items():
        related = [pointer for pointer, _who in places[1:]]
        who = [name for _pointer, name in places]
        if side == "before":
            assert start is not None
            if len(places) == 1:
                message = _(
                    "The deliverable of {who} is due on {due}, before the campaign starts"
                    " on {start}.",
                    who=who[0],
                    due=due,
                    start=start,
                )
            else:
                message = _(
                    "{count} deliverables ({who}) are due on {due}, before the campaign starts"
                    " on {start}.",
                    count=len(places),
                    who=who,
                    due=due,
                    start=start,
                )
            fix = _("Move the due date to {start} or later.", start=start)
        else:
            assert end is not None
            if len(places) == 1:
                message = _(
                    "The deliverable of {who} is due on {due}, after the campaign ends on {end}.",
                    who=who[0],
                    due=due,
                    end=end,
                )
            else:
                message = _(
                    "{count} deliverables ({who}) are due on {due}, after the campaign ends on"
                    " {end}.",
                    count=len(places),
                    who=who,
                    due=due,
                    end=end,
                )
            fix = _(
                "Move the due date to {end} or earlier, or extend campaign.end to {due}.",
                end=end,
                due=due,
            )
        yield brief.problem(places[0][0], message, fix, related=related, check="due-date")


def _check_contract_term(
    brief: Brief, start: dt.date | None, end: dt.date | None
) -> Iterator[Problem]:
    if brief.mapping("/contract/term") is None:
        return  # a missing term is missing-contract-terms' finding
    term_start = brief.date("/contract/term/start")
    term_end = brief.date("/contract/term/end")
    if term_start is not None and term_end is not None and term_end < term_start:
        yield brief.problem(
            "/contract/term/end",
            _(
                "The contract term ends on {end}, before it starts on {start}.",
                end=term_end,
                start=term_start,
            ),
            _("Correct contract.term so that its end is on or after {start}.", start=term_start),
            severity="warning",
            check="contract-term",
        )
        return
    if start is not None and term_start is not None and term_start > start:
        yield brief.problem(
            "/contract/term/start",
            _(
                "The contract term starts on {term_start}, after the campaign starts on"
                " {start}: the first days of the campaign run without a contract.",
                term_start=term_start,
                start=start,
            ),
            _("Start contract.term on {start} or earlier.", start=start),
            severity="warning",
            check="contract-term",
        )
    if end is not None and term_end is not None and term_end < end:
        yield brief.problem(
            "/contract/term/end",
            _(
                "The contract term ends on {term_end}, before the campaign ends on {end}:"
                " the last days of the campaign run without a contract.",
                term_end=term_end,
                end=end,
            ),
            _(
                "End contract.term on {end} or later (a few weeks later leaves room for"
                " reporting and payment).",
                end=end,
            ),
            severity="warning",
            check="contract-term",
        )


def _handle_of(deliverable: Mapping[str, Any]) -> Plain | Message:
    handle = deliverable.get("influencer")
    if isinstance(handle, str) and handle.strip():
        return Plain(handle.strip())
    return _("an unnamed creator")
