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
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from campaignlint.frozen import FrozenValue

if TYPE_CHECKING:
    import gettext
    from collections.abc import Callable

SUPPORTED_LANGUAGES = ("en", "tr")
DEFAULT_LANGUAGE = "en"


class Percent(FrozenValue):
    """A percentage given as 0-100, rendered ``18%`` (en) or ``%18`` (tr)."""

    _fields = ("value",)
    value: float

    def __init__(self, value: float) -> None:
        object.__setattr__(self, "value", value)


class Money(FrozenValue):
    """An amount in an ISO 4217 currency, rendered ``TRY 30,000`` (en) or ``30.000 ₺`` (tr)."""

    _fields = ("amount", "currency")
    amount: float
    currency: str

    def __init__(self, amount: float, currency: str) -> None:
        object.__setattr__(self, "amount", amount)
        object.__setattr__(self, "currency", currency)


class Plain(FrozenValue):
    """A value shown as written, never localised (a year, an id, a raw number)."""

    _fields = ("value",)
    value: Any

    def __init__(self, value: Any) -> None:
        object.__setattr__(self, "value", value)


class Term(FrozenValue):
    """A value a brief picks from a fixed list (objective, tier, gender, format, day, model...)
    shown to a person: rendered by its name in the reader's language (``sales`` -> ``satış``,
    ``per_follower`` -> ``per follower``), never as the raw YAML value. A value campaignlint
    has no name for is shown as written. A value the reader is told to *type* is ``typed``: its
    name, then the value to write in parentheses when the two differ (``dönüşüm (conversions)``).
    """

    _fields = ("value", "typed")
    value: Any
    typed: bool

    def __init__(self, value: Any, typed: bool = False) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "typed", typed)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        name = term_name(self.value, lang)
        written = str(self.value)
        if not self.typed or name.casefold() == written.replace("_", " ").casefold():
            return name
        return f"{name} ({written})"


class Language(FrozenValue):
    """A language as a brief writes it, ISO 639-1 (``tr``), shown by its name in the reader's
    language (``Turkish``, ``Türkçe``); a value that is not a known code is shown as written."""

    _fields = ("value",)
    value: Any

    def __init__(self, value: Any) -> None:
        object.__setattr__(self, "value", value)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return language_name(self.value, lang)


class Catalogued(FrozenValue):
    """A whole text looked up in the catalog as it is, never a template: a schema's
    ``description`` shown in a hint. It may hold braces (``{amount, currency}``), so it is never
    passed through ``str.format``."""

    _fields = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        object.__setattr__(self, "text", text)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.text, lang) if self.text else self.text


def language_name(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    code = str(value).strip()
    if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha()):
        return str(value)
    from babel import Locale  # only when a language is named: English output stays Babel-free

    try:
        name = Locale.parse(lang).languages.get(code.lower())
    except (ValueError, LookupError):
        name = None
    return str(name) if name else str(value)


class Message(FrozenValue):
    """An English template with named ``{placeholders}`` and typed arguments."""

    _fields = ("template", "args")
    template: str
    args: tuple[tuple[str, Any], ...]

    def __init__(self, template: str, args: tuple[tuple[str, Any], ...] = ()) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "args", args)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        template = self.template
        translated = template if lang == DEFAULT_LANGUAGE else translate(template, lang)
        values = {name: format_value(value, lang) for name, value in self.args}
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the finding: fall back to English.
            return self.template.format(**values)

    def __str__(self) -> str:
        return self.render(DEFAULT_LANGUAGE)


class Deferred(Message):
    """A message worked out by ``build`` only when it is first rendered or read: a hint that
    costs a rule some work is not built for the findings past ``max_findings_per_file``.
    Equal to, and pickled as, the message it builds."""

    def __init__(self, build: Callable[[], Message]) -> None:
        object.__setattr__(self, "_build", build)

    def built(self) -> Message:
        message: Message | None = self.__dict__.get("_message")
        if message is None:
            message = self._build()
            object.__setattr__(self, "_message", message)
        return message

    def __getattr__(self, name: str) -> Any:  # template and args, from the built message
        if name in Message._fields:
            return getattr(self.built(), name)
        raise AttributeError(name)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.built().render(lang)

    def __eq__(self, other: object) -> bool:
        return self.built() == (other.built() if isinstance(other, Deferred) else other)

    def __hash__(self) -> int:
        return hash(self.built())

    def __repr__(self) -> str:
        return repr(self.built())

    def __reduce__(self) -> tuple[Any, ...]:
        return (_itself, (self.built(),))


def _itself(message: Message) -> Message:
    return message


def _(template: str, /, **args: Any) -> Message:
    """Mark ``template`` for translation and bind its arguments."""
    return Message(template, tuple(args.items()))


def plural(count: int, one: Message, other: Message) -> Message:
    """English's two forms, chosen by ``count``; each is its own catalog entry, so a language
    with one form (Turkish) translates both the same."""
    return one if count == 1 else other


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


_EXTRA_CATALOGS: list[tuple[str, str]] = []  # (localedir, domain) of plugins' translations


def add_translations(localedir: str, domain: str) -> None:
    """Add a plugin's catalog (``localedir/<lang>/LC_MESSAGES/<domain>.mo``): messages not in
    campaignlint's own catalog are looked up there."""
    if (localedir, domain) not in _EXTRA_CATALOGS:
        _EXTRA_CATALOGS.append((localedir, domain))
        _catalog.cache_clear()
        _text_term_name.cache_clear()


@lru_cache(maxsize=8)
def _catalog(lang: str) -> gettext.NullTranslations:
    import gettext

    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    from importlib.resources import files

    localedir = files("campaignlint.locale")
    catalog = gettext.translation(
        "campaignlint", localedir=str(localedir), languages=[lang], fallback=True
    )
    for extra_dir, domain in _EXTRA_CATALOGS:
        catalog.add_fallback(
            gettext.translation(domain, localedir=extra_dir, languages=[lang], fallback=True)
        )
    return catalog


def translate(template: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The template in ``lang``, or the English template when there is no translation."""
    if lang == DEFAULT_LANGUAGE:
        return template
    translated = _catalog(lang).gettext(template)
    if translated is template and "\n\n" in template.strip() and len(doc_blocks(template)) > 1:
        # Documentation of several paragraphs is catalogued paragraph by paragraph.
        return translate_doc(template, lang)
    return translated


_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _english_number(value: float, decimals: int) -> str:
    """``1,234.5``: what Babel gives for English, without its ~8 ms import on every run."""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_number(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if lang == DEFAULT_LANGUAGE:
        return f"{value:,}" if isinstance(value, int) else _english_number(value, 2)
    from decimal import Decimal

    from babel.numbers import format_decimal

    if isinstance(value, float):
        return str(format_decimal(Decimal(str(round(value, 2))), locale=lang))
    return str(format_decimal(value, locale=lang))


def percent_decimals(value: float) -> int:
    """One decimal, or two where one would round to a whole number the value is not.

    Thresholds are whole numbers: 1.96 must read "1.96%", not "2%", beside "the floor of 2%".
    """
    one = round(float(value), 1)
    return 2 if one.is_integer() and round(float(value), 2) != one else 1


@lru_cache(maxsize=1024)  # thresholds and shares recur in many findings
def format_percent(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    decimals = percent_decimals(value)
    if lang == DEFAULT_LANGUAGE:
        return _english_number(round(float(value), decimals), decimals) + "%"
    from decimal import Decimal

    from babel.numbers import format_percent as babel_percent

    share = Decimal(str(round(float(value), decimals))).normalize() / 100
    return str(babel_percent(share, locale=lang, decimal_quantization=False))


_MONEY_PATTERNS = {"tr": "#,##0 ¤", "en": "¤ #,##0"}


def format_money(amount: float, currency: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``TRY 30,000`` / ``USD 1,500.50`` (en); ``30.000 ₺`` / ``1.500,50 $`` (tr).

    Whole amounts show no decimals, others always two, as a price is written.
    """
    code = currency.upper()
    whole = float(amount).is_integer()
    digits = "" if whole else ".00"
    if lang == "en":
        # An English reader knows ISO codes better than foreign symbols: "TRY 30,000".
        return f"{code} {float(amount):,.{0 if whole else 2}f}"
    from babel.numbers import format_currency, format_decimal

    pattern = _MONEY_PATTERNS.get(lang, _MONEY_PATTERNS["en"]).replace("0 ", "0" + digits + " ")
    try:
        return str(
            format_currency(amount, code, format=pattern, locale=lang, currency_digits=False)
        )
    except Exception:  # an unknown currency code: show it as written
        number = format_decimal(amount, format="#,##0" + digits, locale=lang)
        return f"{number} {currency}"


def format_date(value: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    if lang == DEFAULT_LANGUAGE:
        return f"{_ENGLISH_MONTHS[value.month - 1]} {value.day}, {value.year}"
    from babel.dates import format_date as babel_date

    return str(babel_date(value, format="long", locale=lang))


def format_value(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """Render one message argument for ``lang``."""
    if type(value) is str:  # the common cases, by exact type, ahead of a dozen isinstance checks
        return value
    kind = type(value)
    if kind is Percent:
        return format_percent(value.value, lang)
    if kind is Plain:
        return str(value.value)
    if kind is Message or kind is Term:
        rendered: str = value.render(lang)
        return rendered
    if kind is list:
        return ", ".join([format_value(item, lang) for item in value])
    if kind is int or kind is float:
        return format_number(value, lang)
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, BaseException):
        render = getattr(value, "render", None)
        if callable(render):
            return str(render(lang))  # a CampaignlintError carrying a Message
    if isinstance(value, Plain):
        return str(value.value)
    if isinstance(value, Term | Language | Catalogued):
        return value.render(lang)
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


# --- documentation -------------------------------------------------------------------------


def doc_blocks(text: str) -> list[str]:
    """Split Markdown prose into its translatable units: paragraphs and whole fenced code blocks.

    Each unit is one catalog msgid, so rule docstrings translate paragraph by paragraph and a
    reworded paragraph only needs its own translation redone.
    """
    blocks: list[str] = []
    current: list[str] = []
    fenced = False
    for line in text.strip("\n").splitlines():
        if line.lstrip().startswith("```"):
            if not fenced and current:
                blocks.append("\n".join(current))
                current = []
            current.append(line)
            fenced = not fenced
            if not fenced:
                blocks.append("\n".join(current))
                current = []
            continue
        if not fenced and not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def translate_doc(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Markdown ``text`` in ``lang``, translated block by block (see :func:`doc_blocks`)."""
    if lang == DEFAULT_LANGUAGE or not text.strip():
        return text
    return "\n\n".join(translate(block, lang) for block in doc_blocks(text))


# Names shown for identifiers that stay English in config files and JSON (severity, area).
SEVERITY_NAMES = {"error": _("error"), "warning": _("warning"), "info": _("info")}
AREA_NAMES = {
    "integrity": _("integrity"),
    "audience": _("audience"),
    "money": _("money"),
    "contract": _("contract"),
    "content": _("content"),
    "measurement": _("measurement"),
    "timing": _("timing"),
}


# Turkish pairs its dotted and dotless i: i <-> İ, ı <-> I (Python's str.upper/lower do not).
_TURKISH_UPPER = {"i": "İ", "ı": "I"}
_TURKISH_LOWER = {"İ": "i", "I": "ı"}


def upper_first(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``text`` with its first letter upper-cased, the Turkish way in Turkish (``içerik`` ->
    ``İçerik``, ``ılık`` -> ``Ilık``). The one capitaliser of messages, headings and reports."""
    if not text:
        return text
    first = text[0]
    head = _TURKISH_UPPER.get(first) if lang == "tr" else None
    return (head or first.upper()) + text[1:]


def lower_first(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``text`` with its first letter lower-cased, the Turkish way in Turkish (``İçerik`` ->
    ``içerik``, ``Işık`` -> ``ışık``): a heading used inside a sentence."""
    if not text:
        return text
    first = text[0]
    head = _TURKISH_LOWER.get(first) if lang == "tr" else None
    return (head or first.lower()) + text[1:]


def severity_name(severity: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``error`` -> ``hata`` in Turkish; the identifier itself when it has no name."""
    name = SEVERITY_NAMES.get(str(severity))
    return name.render(lang) if name else str(severity)


def area_name(area: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``audience`` -> ``hedef kitle`` in Turkish; the identifier itself when it has no name."""
    name = AREA_NAMES.get(area)
    return name.render(lang) if name else area


# The names of the values a brief picks from a fixed list (the schema's enums, the measurable
# KPI metrics, the tracking methods, the contract's sections and the age themes), as a person
# reads them. One name per value, whatever the field: the values never mean two things.
TERM_NAMES: dict[str, Message] = {
    # campaign.objective
    "awareness": _("awareness"),
    "engagement": _("engagement"),
    "traffic": _("traffic"),
    "sales": _("sales"),
    "app_installs": _("app installs"),
    "ugc": _("user-generated content"),
    # target_audience.genders
    "all": _("all genders"),
    "female": _("female"),
    "male": _("male"),
    "non_binary": _("non-binary"),
    # influencers[].tier
    "nano": _("nano"),
    "micro": _("micro"),
    "mid": _("mid-size"),
    "macro": _("macro"),
    "mega": _("mega"),
    # compensation.model and .basis
    "flat_fee": _("flat fee"),
    "per_follower": _("per follower"),
    "cpm": _("CPM"),
    "revenue_share": _("revenue share"),
    "hybrid": _("hybrid (fee and revenue share)"),
    "product_only": _("product only"),
    "none": _("no compensation"),
    "audience_fit": _("audience fit"),
    "followers": _("followers"),
    "views": _("views"),
    "negotiated": _("negotiated"),
    # deliverables[].format
    "video": _("video"),
    "live": _("live"),
    "story": _("story"),
    "photo_carousel": _("photo carousel"),
    "reel": _("reel"),
    "post": _("post"),
    "carousel": _("carousel"),
    "short": _("short"),
    "community_post": _("community post"),
    # campaign.kind
    "paid": _("paid"),
    "gifted": _("gifted"),
    "affiliate": _("affiliate"),
    "non_commercial": _("non-commercial"),
    # campaign.platforms
    "tiktok": _("TikTok"),
    "instagram": _("Instagram"),
    "youtube": _("YouTube"),
    # posting_windows[].days
    "mon": _("Mon"),
    "tue": _("Tue"),
    "wed": _("Wed"),
    "thu": _("Thu"),
    "fri": _("Fri"),
    "sat": _("Sat"),
    "sun": _("Sun"),
    "weekdays": _("weekdays"),
    "weekends": _("weekends"),
    # reporting_cadence and kpis[].window
    "daily": _("daily"),
    "weekly": _("weekly"),
    "biweekly": _("every two weeks"),
    "monthly": _("monthly"),
    "quarterly": _("quarterly"),
    "campaign": _("the whole campaign"),
    "end_of_campaign": _("end of campaign"),
    # content.disclosure.placement
    "start_of_caption": _("start of the caption"),
    "on_screen": _("on screen"),
    "end_of_caption": _("end of the caption"),
    "comments": _("comments"),
    # usage_rights.duration_months, rounds
    "perpetual": _("perpetual"),
    "unlimited": _("unlimited"),
    # kpis[].metric (the measurable list)
    "reach": _("reach"),
    "impressions": _("impressions"),
    "follower_growth": _("follower growth"),
    "likes": _("likes"),
    "shares": _("shares"),
    "saves": _("saves"),
    "engagement_rate": _("engagement rate"),
    "watch_time": _("watch time"),
    "completion_rate": _("completion rate"),
    "clicks": _("clicks"),
    "ctr": _("click-through rate"),
    "conversions": _("conversions"),
    "conversion_rate": _("conversion rate"),
    "revenue": _("revenue"),
    "roas": _("ROAS"),
    "cpa": _("CPA"),
    "cpc": _("CPC"),
    "installs": _("installs"),
    "promo_code_uses": _("promo-code uses"),
    "ugc_posts": _("user-generated posts"),
    # tracking.methods
    "promo_code": _("promo codes"),
    "utm_links": _("UTM links"),
    "affiliate_links": _("affiliate links"),
    "tiktok_pixel": _("TikTok Pixel"),
    "landing_page": _("landing page"),
    "tiktok_analytics": _("TikTok Analytics"),
    "affiliate_dashboard": _("affiliate dashboard"),
    "meta_pixel": _("Meta Pixel"),
    "instagram_insights": _("Instagram Insights"),
    "youtube_analytics": _("YouTube Analytics"),
    "brand_lift_study": _("brand lift study"),
    "manual_reporting": _("manual reporting"),
    # contract sections
    "duties": _("duties"),
    "term": _("term"),
    "payment": _("payment"),
    "usage_rights": _("usage rights"),
    "termination": _("termination"),
    # age themes (rules/age_content_fit.json)
    "dance": _("dance"),
    "music": _("music"),
    "challenges": _("challenges"),
    "fashion": _("fashion"),
    "beauty": _("beauty"),
    "social issues": _("social issues"),
    "career": _("career"),
    "healthy living": _("healthy living"),
    "comedy": _("comedy"),
    "family": _("family"),
    "travel": _("travel"),
    "education": _("education"),
    "motivation": _("motivation"),
}


def term_key(value: Any) -> str:
    """``Photo-Carousel`` / ``photo carousel`` -> ``photo_carousel``: how a brief's value is
    looked up (case, spaces and hyphens ignored, as the rules compare them)."""
    key = str(value).strip()
    if key in TERM_NAMES:
        return key
    folded = "_".join(key.replace("-", " ").split()).lower()
    return folded if folded in TERM_NAMES else folded.replace("_", " ")


def term_name(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """The name of an enum value in ``lang`` (``weekdays`` -> ``hafta içi``); the value as
    written when campaignlint has no name for it."""
    if type(value) is str:  # findings name the same few values again and again
        return _text_term_name(value, lang)
    name = TERM_NAMES.get(term_key(value))
    return name.render(lang) if name is not None else str(value)


@lru_cache(maxsize=1024)
def _text_term_name(value: str, lang: str) -> str:
    name = TERM_NAMES.get(term_key(value))
    return name.render(lang) if name is not None else value


# --- PyYAML's own phrases ------------------------------------------------------------------
# The YAML parser explains syntax errors in English. Its usual phrases are marked here so the
# catalog carries them; a phrase not listed is shown as PyYAML wrote it.
_YAML_PHRASES = (
    _("mapping values are not allowed here"),
    _("could not find expected ':'"),
    _("did not find expected key"),
    _("did not find expected '-' indicator"),
    _("did not find expected node content"),
    _("found unexpected end of stream"),
    _("found undefined alias"),
    _("found a tab character that violates indentation"),
    _("found a tab character where an indentation space is expected"),
    _("found unknown escape character"),
    _("while scanning a simple key"),
    _("while scanning a quoted scalar"),
    _("while scanning a plain scalar"),
    _("while scanning a block scalar"),
    _("while scanning an alias"),
    _("while scanning an anchor"),
    _("while scanning a directive"),
    _("while scanning a tag"),
    _("while scanning for the next token"),
    _("while parsing a block mapping"),
    _("while parsing a block collection"),
    _("while parsing a block node"),
    _("while parsing a flow mapping"),
    _("while parsing a flow sequence"),
    _("while parsing a flow node"),
    _("while parsing a node"),
)
_YAML_PATTERNS = (
    (r"^did not find expected (?P<what>.+)$", _("did not find expected {what}")),
    (r"^could not find expected (?P<what>.+)$", _("could not find expected {what}")),
    (
        r"^expected (?P<expected>.+), but found (?P<found>.+)$",
        _("expected {expected}, but found {found}"),
    ),
    (
        r"^expected (?P<expected>.+), but got (?P<found>.+)$",
        _("expected {expected}, but got {found}"),
    ),
    (
        r"^found character (?P<character>.+) that cannot start any token$",
        _("found character {character} that cannot start any token"),
    ),
    (
        r"^found duplicate anchor (?P<anchor>.+); first occurrence$",
        _("found duplicate anchor {anchor}; first occurrence"),
    ),
)


def yaml_problem(text: str) -> Message | Plain:
    """PyYAML's explanation ``text`` as a translatable message when it is one of its usual
    phrases, else as written."""
    import re

    for phrase in _YAML_PHRASES:
        if phrase.template == text:
            return phrase
    for pattern, message in _YAML_PATTERNS:
        match = re.match(pattern, text)
        if match:
            args = tuple((name, Plain(value)) for name, value in match.groupdict().items())
            return Message(message.template, args)
    return Plain(text)
