"""The rule author's API: everything a rule needs, from one module that stays stable.

campaignlint's own rules import only from here; a plugin should too, so that the modules behind
it can change without breaking anyone::

    from campaignlint.api import Brief, Option, Problem, _, Plain

What it exports:

- the brief as rules read it: :class:`Brief` (typed accessors that return None for what cannot
  be read, JSON pointers, positions, ``brief.problem(...)`` and ``brief.missing(...)``), and
  :func:`join_pointer` to build pointers;
- what a rule yields: :class:`Problem`, :class:`Edit` (a safe fix), :class:`Related` (another
  place of a grouped problem), :class:`Severity`, :class:`Position`; :func:`replace` copies a
  Problem with changes (``dataclasses.replace``, without importing dataclasses);
- a rule's options: :class:`Option`;
- translatable messages: :func:`_` marks an English template for the catalog; :class:`Plain`,
  :class:`Percent` and :class:`Money` are arguments rendered as written, as a percentage and as
  an amount in the reader's language; :class:`Term` is a value picked from a fixed list (an
  objective, a tier, a format) and :class:`Language` an ISO 639-1 code, both shown by their name
  in the reader's language; :class:`Message` is what ``_`` returns, and :class:`Deferred` a
  message built only when it is shown (a costly fix hint past ``max_findings_per_file`` is not);
  :func:`plural` picks a message's singular or plural form by a count;
- domain helpers shared by the rules: tiers and engagement (:func:`effective_tier`,
  :func:`engagement_rate`, :func:`tier_for_followers`), ages (:func:`parse_age_bucket`,
  :func:`age_overlap`), values (:func:`is_number`, :func:`is_blank`, :func:`keyword`,
  :func:`parse_date`, :func:`parse_time`, :func:`influencer_label`), stated tiers and their
  ranges (:func:`stated_tier`, :func:`tier_follower_range`), the tables behind them
  (:data:`TIER_ENGAGEMENT_FLOORS`, :data:`IMPLAUSIBLE_ENGAGEMENT_RATE`,
  :data:`ATTRIBUTABLE_METHODS`), the campaign kinds (:data:`PAID`, :data:`GIFTED`,
  :data:`AFFILIATE`, :data:`NON_COMMERCIAL`), ISO language codes (:func:`language_code`) and
  markets as every rule compares them (:func:`market_code`: ``uk`` -> ``GB``, ``EL`` -> ``GR``);
- time zones of markets: :func:`is_valid_zone`, :func:`suggest_zone` (the likely meant zone),
  :func:`primary_zone` (a market's main zone) and :func:`zone_in_markets`;
- field names for messages: :func:`pointer_label` turns a JSON pointer into the field as a
  reader writes it (``/contract/clauses/0`` -> ``contract.clauses[0]``);
- placeholder text: :func:`find_placeholders`, :func:`may_contain_placeholder` (a fast
  whole-text pre-check) and :func:`placeholder_holders` (which of many texts may hold one),
  with the default :data:`PLACEHOLDER_MARKERS` and :data:`UPPER_CASE_PLACEHOLDER_MARKERS`;
- text matching with Turkish case rules: :func:`fold`, :func:`same_text`, :func:`contains_text`,
  :func:`normalize_handle`, :func:`fold_with_offsets` (folded text with each character's
  offset in the original, to point at a match), and phrases of a word list found as words
  (:class:`Phrase`, :func:`phrase_matcher`, :class:`PhraseSet`: the matcher the built-in rules use,
  whose docstring says what matches) with their parts :class:`WordSequence` and
  :class:`PhraseFilter`;
- a rule's own data: :func:`load_beside` reads a JSON or YAML file next to the rule's module
  (``load_beside(__file__, "keywords.json")``); :func:`load_json` reads campaignlint's own data;
- portfolio rules (``SCOPE = "portfolio"``): :class:`Portfolio` and :class:`PortfolioProblem`;
  a portfolio's :class:`PortfolioBrief` items, their :class:`Booking` and :class:`Delivery`
  entries, the comparisons :func:`same_platform`, :func:`shared_category`,
  :func:`different_brands` and :func:`exclusivity_conflicts`, and :func:`shown_path` for a brief's
  path as messages show it.

Names are imported on first use, so importing this module costs nothing until a rule runs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each name's home module; "module:attribute" when the API name differs from the home's.
_HOMES = {
    "Brief": "campaignlint.brief",
    "join_pointer": "campaignlint.pointers",
    "Problem": "campaignlint.model",
    "replace": "campaignlint.frozen",
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
    "Deferred": "campaignlint.i18n",
    "plural": "campaignlint.i18n",
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
    "Phrase": "campaignlint.text",
    "PhraseSet": "campaignlint.text",
    "phrase_matcher": "campaignlint.text",
    "load_json": "campaignlint.data",
    "load_beside": "campaignlint.data",
    "Portfolio": "campaignlint.portfolio",
    "PortfolioProblem": "campaignlint.portfolio",
    "PortfolioBrief": "campaignlint.portfolio",
    "Booking": "campaignlint.portfolio",
    "Delivery": "campaignlint.portfolio",
    "shown_path": "campaignlint.portfolio",
    "same_platform": "campaignlint.portfolio",
    "shared_category": "campaignlint.portfolio",
    "different_brands": "campaignlint.portfolio",
    "exclusivity_conflicts": "campaignlint.portfolio",
    "Term": "campaignlint.i18n",
    "Language": "campaignlint.i18n",
    "PAID": "campaignlint.campaign",
    "GIFTED": "campaignlint.campaign",
    "AFFILIATE": "campaignlint.campaign",
    "NON_COMMERCIAL": "campaignlint.campaign",
    "ATTRIBUTABLE_METHODS": "campaignlint.domain",
    "IMPLAUSIBLE_ENGAGEMENT_RATE": "campaignlint.domain",
    "TIER_ENGAGEMENT_FLOORS": "campaignlint.domain",
    "stated_tier": "campaignlint.domain",
    "tier_follower_range": "campaignlint.domain",
    "language_code": "campaignlint.codes",
    "market_code": "campaignlint.codes",
    "fold_with_offsets": "campaignlint.text",
    "pointer_label": "campaignlint.validation",
    "is_valid_zone": "campaignlint.timezones",
    "primary_zone": "campaignlint.timezones",
    "suggest_zone": "campaignlint.timezones",
    "zone_in_markets": "campaignlint.timezones",
    "PLACEHOLDER_MARKERS": "campaignlint.placeholders:MARKERS",
    "UPPER_CASE_PLACEHOLDER_MARKERS": "campaignlint.placeholders:UPPER_CASE_MARKERS",
    "may_contain_placeholder": "campaignlint.placeholders:may_contain",
    "find_placeholders": "campaignlint.placeholders:find",
    "placeholder_holders": "campaignlint.placeholders:holders",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'campaignlint.api' has no attribute {name!r}")
    module, _colon, attribute = home.partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from campaignlint.brief import Brief as Brief
    from campaignlint.campaign import AFFILIATE as AFFILIATE
    from campaignlint.campaign import GIFTED as GIFTED
    from campaignlint.campaign import NON_COMMERCIAL as NON_COMMERCIAL
    from campaignlint.campaign import PAID as PAID
    from campaignlint.codes import language_code as language_code
    from campaignlint.codes import market_code as market_code
    from campaignlint.data import load_beside as load_beside
    from campaignlint.data import load_json as load_json
    from campaignlint.domain import ATTRIBUTABLE_METHODS as ATTRIBUTABLE_METHODS
    from campaignlint.domain import IMPLAUSIBLE_ENGAGEMENT_RATE as IMPLAUSIBLE_ENGAGEMENT_RATE
    from campaignlint.domain import TIER_ENGAGEMENT_FLOORS as TIER_ENGAGEMENT_FLOORS
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
    from campaignlint.domain import stated_tier as stated_tier
    from campaignlint.domain import tier_follower_range as tier_follower_range
    from campaignlint.domain import tier_for_followers as tier_for_followers
    from campaignlint.frozen import replace as replace
    from campaignlint.i18n import Deferred as Deferred
    from campaignlint.i18n import Language as Language
    from campaignlint.i18n import Message as Message
    from campaignlint.i18n import Money as Money
    from campaignlint.i18n import Percent as Percent
    from campaignlint.i18n import Plain as Plain
    from campaignlint.i18n import Term as Term
    from campaignlint.i18n import _ as _
    from campaignlint.i18n import plural as plural
    from campaignlint.model import Edit as Edit
    from campaignlint.model import Position as Position
    from campaignlint.model import Problem as Problem
    from campaignlint.model import Related as Related
    from campaignlint.model import Severity as Severity
    from campaignlint.pointers import join_pointer as join_pointer
    from campaignlint.portfolio import Booking as Booking
    from campaignlint.portfolio import Delivery as Delivery
    from campaignlint.portfolio import Portfolio as Portfolio
    from campaignlint.portfolio import PortfolioBrief as PortfolioBrief
    from campaignlint.portfolio import PortfolioProblem as PortfolioProblem
    from campaignlint.portfolio import different_brands as different_brands
    from campaignlint.portfolio import exclusivity_conflicts as exclusivity_conflicts
    from campaignlint.portfolio import same_platform as same_platform
    from campaignlint.portfolio import shared_category as shared_category
    from campaignlint.portfolio import shown_path as shown_path
    from campaignlint.rule import Option as Option
    from campaignlint.text import Phrase as Phrase
    from campaignlint.text import PhraseFilter as PhraseFilter
    from campaignlint.text import PhraseSet as PhraseSet
    from campaignlint.text import WordSequence as WordSequence
    from campaignlint.text import contains_text as contains_text
    from campaignlint.text import fold as fold
    from campaignlint.text import fold_with_offsets as fold_with_offsets
    from campaignlint.text import normalize_handle as normalize_handle
    from campaignlint.text import phrase_matcher as phrase_matcher
    from campaignlint.text import same_text as same_text
    from campaignlint.timezones import is_valid_zone as is_valid_zone
    from campaignlint.timezones import primary_zone as primary_zone
    from campaignlint.timezones import suggest_zone as suggest_zone
    from campaignlint.timezones import zone_in_markets as zone_in_markets
    from campaignlint.validation import pointer_label as pointer_label
