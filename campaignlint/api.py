"""The rule author's API: everything a rule needs, from one module that stays stable.

campaignlint's own rules import only from here; a plugin should too, so that the modules behind
it can change without breaking anyone::

    from campaignlint.api import Brief, Option, Problem, _, Plain

What it exports:

- the brief as rules read it: :class:`Brief` (typed accessors that return None for what cannot
  be read, JSON pointers, positions, ``brief.problem(...)`` and ``brief.missing(...)``), and
  :func:`join_pointer` to build pointers;
- what a rule yields: :class:`Problem`, :class:`Edit` (a safe fix), :class:`Related` (another
  place of a grouped problem), :class:`Severity`, :class:`Position`;
- a rule's options: :class:`Option`;
- translatable messages: :func:`_` marks an English template for the catalog; :class:`Plain`,
  :class:`Percent` and :class:`Money` are arguments rendered as written, as a percentage and as
  an amount in the reader's language; :class:`Message` is what ``_`` returns;
- domain helpers shared by the rules: tiers and engagement (:func:`effective_tier`,
  :func:`engagement_rate`, :func:`tier_for_followers`), ages (:func:`parse_age_bucket`,
  :func:`age_overlap`), values (:func:`is_number`, :func:`is_blank`, :func:`keyword`,
  :func:`parse_date`, :func:`parse_time`, :func:`influencer_label`);
- text matching with Turkish case rules: :func:`fold`, :func:`same_text`, :func:`contains_text`,
  :func:`normalize_handle`, and the phrase matchers :class:`WordSequence` and
  :class:`PhraseFilter`;
- a rule's own data: :func:`load_beside` reads a JSON or YAML file next to the rule's module
  (``load_beside(__file__, "keywords.json")``); :func:`load_json` reads campaignlint's own data;
- portfolio rules (``SCOPE = "portfolio"``): :class:`Portfolio` and :class:`PortfolioProblem`.

Names are imported on first use, so importing this module costs nothing until a rule runs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Brief": "campaignlint.brief",
    "join_pointer": "campaignlint.loader",
    "Problem": "campaignlint.model",
    "Edit": "campaignlint.model",
    "Related": "campaignlint.model",
    "Severity": "campaignlint.model",
    "Position": "campaignlint.model",
    "Option": "campaignlint.rule",
    "_": "campaignlint.i18n",
    "Plain": "campaignlint.i18n",
    "Percent": "campaignlint.i18n",
    "Money": "campaignlint.i18n",
    "Message": "campaignlint.i18n",
    "effective_tier": "campaignlint.domain",
    "engagement_rate": "campaignlint.domain",
    "tier_for_followers": "campaignlint.domain",
    "parse_age_bucket": "campaignlint.domain",
    "age_overlap": "campaignlint.domain",
    "is_number": "campaignlint.domain",
    "is_blank": "campaignlint.domain",
    "keyword": "campaignlint.domain",
    "parse_date": "campaignlint.domain",
    "parse_time": "campaignlint.domain",
    "influencer_label": "campaignlint.domain",
    "fold": "campaignlint.text",
    "same_text": "campaignlint.text",
    "contains_text": "campaignlint.text",
    "normalize_handle": "campaignlint.text",
    "WordSequence": "campaignlint.text",
    "PhraseFilter": "campaignlint.text",
    "load_json": "campaignlint.data",
    "load_beside": "campaignlint.data",
    "Portfolio": "campaignlint.portfolio",
    "PortfolioProblem": "campaignlint.portfolio",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'campaignlint.api' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from campaignlint.brief import Brief as Brief
    from campaignlint.data import load_beside as load_beside
    from campaignlint.data import load_json as load_json
    from campaignlint.domain import age_overlap as age_overlap
    from campaignlint.domain import effective_tier as effective_tier
    from campaignlint.domain import engagement_rate as engagement_rate
    from campaignlint.domain import influencer_label as influencer_label
    from campaignlint.domain import is_blank as is_blank
    from campaignlint.domain import is_number as is_number
    from campaignlint.domain import keyword as keyword
    from campaignlint.domain import parse_age_bucket as parse_age_bucket
    from campaignlint.domain import parse_date as parse_date
    from campaignlint.domain import parse_time as parse_time
    from campaignlint.domain import tier_for_followers as tier_for_followers
    from campaignlint.i18n import Message as Message
    from campaignlint.i18n import Money as Money
    from campaignlint.i18n import Percent as Percent
    from campaignlint.i18n import Plain as Plain
    from campaignlint.i18n import _ as _
    from campaignlint.loader import join_pointer as join_pointer
    from campaignlint.model import Edit as Edit
    from campaignlint.model import Position as Position
    from campaignlint.model import Problem as Problem
    from campaignlint.model import Related as Related
    from campaignlint.model import Severity as Severity
    from campaignlint.portfolio import Portfolio as Portfolio
    from campaignlint.portfolio import PortfolioProblem as PortfolioProblem
    from campaignlint.rule import Option as Option
    from campaignlint.text import PhraseFilter as PhraseFilter
    from campaignlint.text import WordSequence as WordSequence
    from campaignlint.text import contains_text as contains_text
    from campaignlint.text import fold as fold
    from campaignlint.text import normalize_handle as normalize_handle
    from campaignlint.text import same_text as same_text
