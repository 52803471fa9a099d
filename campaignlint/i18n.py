"""Translatable messages.

Rules never build final strings. They return a :class:`Message`: an English template (the
gettext msgid) and typed arguments. The message is rendered in the user's language at the end of
the run: the template through the gettext catalog, numbers, percentages, money and dates through
Babel, so ``85000`` reads ``85,000`` in English and ``85.000`` in Turkish.

Mark every user-facing template with :func:`_` so it is extracted into the catalog.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import gettext

SUPPORTED_LANGUAGES = ("en", "tr")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Percent:
    """A percentage given as 0-100, rendered ``18%`` (en) or ``%18`` (tr)."""

    value: float


@dataclass(frozen=True)
class Money:
    """An amount in an ISO 4217 currency, rendered ``TRY 30,000`` (en) or ``30.000 ₺`` (tr)."""

    amount: float
    currency: str


@dataclass(frozen=True)
class Plain:
    """A value shown as written, never localised (a year, an id, a raw number)."""

    value: Any


@dataclass(frozen=True)
class Message:
    """An English template with named ``{placeholders}`` and typed arguments."""

    template: str
    args: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        translated = translate(self.template, lang)
        values = {name: format_value(value, lang) for name, value in self.args}
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the finding: fall back to English.
            return self.template.format(**values)

    def __str__(self) -> str:
        return self.render(DEFAULT_LANGUAGE)


def _(template: str, /, **args: Any) -> Message:
    """Mark ``template`` for translation and bind its arguments."""
    return Message(template, tuple(args.items()))


def normalize_language(value: str | None) -> str | None:
    """``tr_TR.UTF-8`` -> ``tr``; None for languages campaignlint does not speak."""
    if not value:
        return None
    code = value.split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in SUPPORTED_LANGUAGES else None


def language_from_environment() -> str | None:
    """The language the locale variables ask for, if campaignlint speaks it."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return normalize_language(value)
    return None


@lru_cache(maxsize=8)
def _catalog(lang: str) -> gettext.NullTranslations:
    import gettext

    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    from importlib.resources import files

    localedir = files("campaignlint.locale")
    return gettext.translation(
        "campaignlint", localedir=str(localedir), languages=[lang], fallback=True
    )


def translate(template: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The template in ``lang``, or the English template when there is no translation."""
    if lang == DEFAULT_LANGUAGE:
        return template
    return _catalog(lang).gettext(template)


def format_number(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    from decimal import Decimal

    from babel.numbers import format_decimal

    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, float):
        return str(format_decimal(Decimal(str(round(value, 2))), locale=lang))
    return str(format_decimal(value, locale=lang))


def format_percent(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    from decimal import Decimal

    from babel.numbers import format_percent as babel_percent

    share = Decimal(str(round(float(value), 1))).normalize() / 100
    return str(babel_percent(share, locale=lang, decimal_quantization=False))


_MONEY_PATTERNS = {"tr": "#,##0.## ¤", "en": "¤ #,##0.##"}


def format_money(amount: float, currency: str, lang: str = DEFAULT_LANGUAGE) -> str:
    from babel.numbers import format_currency

    code = currency.upper()
    pattern = _MONEY_PATTERNS.get(lang, _MONEY_PATTERNS["en"])
    if lang == "en":
        # An English reader knows ISO codes better than foreign symbols: "TRY 30,000".
        return f"{code} {format_number(amount, lang)}"
    try:
        return str(
            format_currency(amount, code, format=pattern, locale=lang, currency_digits=False)
        )
    except Exception:  # an unknown currency code: show it as written
        return f"{format_number(amount, lang)} {currency}"


def format_date(value: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    from babel.dates import format_date as babel_date

    return str(babel_date(value, format="long", locale=lang))


def format_value(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """Render one message argument for ``lang``."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Plain):
        return str(value.value)
    if isinstance(value, Percent):
        return format_percent(value.value, lang)
    if isinstance(value, Money):
        return format_money(value.amount, value.currency, lang)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, list | tuple):
        return ", ".join(format_value(item, lang) for item in value)
    return str(value)
