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
    import pycountry

    path = Path(pycountry.LOCALES_DIR) / locale / "LC_MESSAGES" / f"{domain}.mo"
    english = _english_names(domain)
    try:
        found = _catalog_lookup(path.read_bytes(), _hashed_names(domain))
    except (OSError, UnicodeDecodeError):  # a damaged catalog: skip its names
        return {}
    if found is None:  # not a catalog the hash lookup reads: let gettext read all of it
        found = _gettext_lookup(path, english)
    names: dict[str, str] = {}
    for name, code in english.items():
        translated = found.get(name, name)
        if translated != name:
            names.setdefault(fold(translated), code)
    return names


def _gettext_lookup(path: Path, english: dict[str, str]) -> dict[str, str]:
    import gettext

    try:
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)
    except (OSError, UnicodeDecodeError):  # a damaged catalog: skip its names
        return {}
    return {name: catalog.gettext(name) for name in english}


# A rejected name is looked up in every locale's catalog (94 for languages, 159 for countries,
# 10 MB): reading each whole with gettext took ~0.5 s. The names sought are a few hundred of a
# catalog's thousands of entries, so they are found through the catalog's own hash table.
_MO_MAGIC = 0x950412DE


def _hashpjw(name: bytes) -> int:
    """The hash GNU gettext's .mo hash table is built with."""
    value = 0
    for byte in name:
        value = ((value << 4) + byte) & 0xFFFFFFFF
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
            value ^= high
    return value


@lru_cache(maxsize=2)
def _hashed_names(domain: str) -> tuple[tuple[str, bytes, int], ...]:
    return tuple(
        (name, encoded, _hashpjw(encoded))
        for name in _english_names(domain)
        for encoded in (name.encode("utf-8"),)
    )


def _catalog_lookup(
    data: bytes, names: tuple[tuple[str, bytes, int], ...]
) -> dict[str, str] | None:
    """The translations of ``names`` in the .mo catalog ``data``, found through its hash
    table; None for a catalog without one (or in another byte order or charset)."""
    import struct
    import sys

    if len(data) < 28 or sys.byteorder != "little":
        return None
    magic, _revision, count, originals, translations, size, table = struct.unpack_from("<7I", data)
    ends = (table + 4 * size, originals + 8 * count, translations + 8 * count)
    if magic != _MO_MAGIC or size < 3 or max(ends) > len(data):
        return None
    if b"charset=UTF-8" not in _entry(data, translations, 0, count):
        return None  # the header names another charset: gettext decodes it
    slots = memoryview(data)[table : table + 4 * size].cast("I")
    entries = memoryview(data)[originals : originals + 8 * count].cast("I")  # length, offset
    found: dict[str, str] = {}
    for name, encoded, hashed in names:
        index = hashed % size
        step = 1 + hashed % (size - 2)
        wanted = len(encoded)
        while (slot := slots[index]) != 0:
            number = slot - 1
            if number >= count:
                return None  # a damaged hash table: gettext reports what it can
            offset = entries[2 * number + 1]
            if entries[2 * number] == wanted and data[offset : offset + wanted] == encoded:
                found[name] = _entry(data, translations, number, count).decode("utf-8")
                break
            index = index + step - size if index >= size - step else index + step
    return found


def _entry(data: bytes, table: int, index: int, count: int) -> bytes:
    """String ``index`` of the .mo string table at offset ``table``."""
    import struct

    if index >= count:
        raise OSError("a damaged catalog")
    length, offset = struct.unpack_from("<2I", data, table + 8 * index)
    return data[offset : offset + length]
