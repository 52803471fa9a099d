"""Country (ISO 3166-1 alpha-2) and language (ISO 639-1) codes as people write them in briefs.

The brief schema knows which codes exist (a pattern, so a valid brief imports nothing). The
readers here take a code the way the schema accepts it: any case (``tr`` = ``TR``), and a
language tag with a region (``en-GB``) as its language. Only for a value the schema rejected,
the ``suggest_*`` functions look the value up in the ISO data and its translations (pycountry
ships the iso-codes catalogs), so ``Almanya``, ``Deutschland`` and ``DEU`` all suggest ``DE``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from campaignlint.text import fold

# Market codes people write that are not ISO 3166-1 alpha-2: the EU's and the UK's own codes
# for Greece and the United Kingdom. The one table every reader of a market uses (disclosure
# tags, time zones, suggestions), so a market means the same country to every rule.
MARKET_ALIASES = {"UK": "GB", "EL": "GR"}

# Names people still write that the ISO data no longer (or never) lists: ISO renamed the country
# (Turkey, Swaziland, Macedonia) or lists only the formal name (Russian Federation, Rusya
# Federasyonu), or the name is a part or a popular name of the country (England, İngiltere,
# Holland, ABD). Keys are folded (see campaignlint.text.fold).
_OTHER_COUNTRY_NAMES = {
    "ingiltere": "GB",
    "abd": "US",
    "amerika": "US",
    "america": "US",
    "rusya": "RU",
    "turkey": "TR",
    "russia": "RU",
    "swaziland": "SZ",
    "macedonia": "MK",
    "ivory coast": "CI",
    "holland": "NL",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
}
_SUGGEST_CUTOFF = 0.8  # difflib ratio for a misspelt name ("Germnay")
_TAG_SEPARATOR = re.compile(r"[-_]")


def country_code(value: Any) -> str | None:
    """The upper-case code of a market as the schema accepts it (``tr`` -> ``TR``), or None."""
    if not isinstance(value, str):
        return None
    code = value.strip()
    return code.upper() if _two_letters(code) else None


def market_code(value: str) -> str:
    """A market as every rule compares it: upper case, aliases resolved (``uk`` -> ``GB``,
    ``EL`` -> ``GR``). Any text is accepted: the schema decides which codes exist."""
    code = value.strip().upper()
    return MARKET_ALIASES.get(code, code)


def language_code(value: Any) -> str | None:
    """The lower-case ISO 639-1 code of a language tag (``en-GB``, ``EN`` -> ``en``), or None."""
    if not isinstance(value, str):
        return None
    head = _TAG_SEPARATOR.split(value.strip(), maxsplit=1)[0]
    return head.lower() if _two_letters(head) else None


def _two_letters(text: str) -> bool:
    return len(text) == 2 and text.isascii() and text.isalpha()


# --- suggestions for rejected values (import pycountry only here) ----------------------------


def suggest_country(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code ``value`` most likely means: a reserved code (``UK`` ->
    ``GB``), an alpha-3 code, or a country name in English, Turkish or another language of the
    ISO translations (``Germany``, ``Almanya``, ``Deutschland`` -> ``DE``). None when unsure."""
    text = value.strip()
    if text.upper() in MARKET_ALIASES:
        return market_code(text)
    import pycountry

    if _two_letters(text) and pycountry.countries.get(alpha_2=text.upper()) is not None:
        return text.upper()  # a valid code with spaces around it
    key = fold(text)
    if key in _OTHER_COUNTRY_NAMES:
        return _OTHER_COUNTRY_NAMES[key]
    if len(text) == 3 and text.isascii() and text.isalpha():
        country = pycountry.countries.get(alpha_3=text.upper())
        if country is not None:
            return str(country.alpha_2)
    return _find_name(key, "iso3166-1", _country_names)


def suggest_language(value: str) -> str | None:
    """The ISO 639-1 code ``value`` most likely means: an ISO 639-2/3 code (``tur`` -> ``tr``)
    or a language name in English, Turkish or the language itself (``English``, ``İngilizce``,
    ``Deutsch``). None when unsure."""
    text = _TAG_SEPARATOR.split(value.strip(), maxsplit=1)[0] if " " not in value else value
    text = text.strip()
    import pycountry

    if _two_letters(text) and pycountry.languages.get(alpha_2=text.lower()) is not None:
        return text.lower()  # a valid code with spaces around it
    if len(text) == 3 and text.isascii() and text.isalpha():
        code = getattr(pycountry.languages.get(alpha_3=text.lower()), "alpha_2", None)
        if code:
            return str(code)
    return _find_name(fold(text), "iso639-3", _language_names)


def _find_name(key: str, domain: str, english: Any) -> str | None:
    """Look ``key`` up among the English names, then each translation, then near misses."""
    if len(key) < 3:
        return None
    names: dict[str, str] = english()
    if key in names:
        return names[key]
    for locale in _locales(domain):
        translated = _translated_names(domain, locale)
        if key in translated:
            return translated[key]
    import difflib

    close = difflib.get_close_matches(key, list(names), n=1, cutoff=_SUGGEST_CUTOFF)
    return names[close[0]] if close else None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                names.setdefault(fold(name), str(country.alpha_2))
    return names


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if code:
            for attribute in ("name", "common_name"):
                name = getattr(language, attribute, None)
                if name:
                    names.setdefault(fold(name), str(code))
    return names


@lru_cache(maxsize=2)
def _english_names(domain: str) -> dict[str, str]:
    """English name -> code, as the translation catalogs' message ids spell them."""
    import pycountry

    names: dict[str, str] = {}
    if domain == "iso3166-1":
        for country in pycountry.countries:
            for attribute in ("name", "common_name", "official_name"):
                name = getattr(country, attribute, None)
                if name:
                    names.setdefault(name, str(country.alpha_2))
    else:
        for language in pycountry.languages:
            code = getattr(language, "alpha_2", None)
            if code:
                names.setdefault(str(language.name), str(code))
    return names


@lru_cache(maxsize=2)
def _locales(domain: str) -> tuple[str, ...]:
    """Locales with a catalog for ``domain``: Turkish first, then the others by name (globbed
    once: ~4 ms a rejected code otherwise)."""
    import pycountry

    root = Path(pycountry.LOCALES_DIR)
    found = sorted(path.parent.parent.name for path in root.glob(f"*/LC_MESSAGES/{domain}.mo"))
    first = ["tr"] if "tr" in found else []
    return (*first, *(locale for locale in found if locale != "tr"))


@lru_cache(maxsize=512)
def _translated_names(domain: str, locale: str) -> dict[str, str]:
    """Folded translated name -> code for one locale's catalog."""
    import gettext

    import pycountry

    path = Path(pycountry.LOCALES_DIR) / locale / "LC_MESSAGES" / f"{domain}.mo"
    try:
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)
    except (OSError, UnicodeDecodeError):  # a damaged catalog: skip its names
        return {}
    names: dict[str, str] = {}
    for english, code in _english_names(domain).items():
        translated = catalog.gettext(english)
        if translated != english:
            names.setdefault(fold(translated), code)
    return names
