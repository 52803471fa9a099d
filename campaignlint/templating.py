"""The one Jinja environment of campaignlint: the review reports and the rule docs.

The templates (``campaignlint/templates``) only lay out a model computed in Python: the review
(:mod:`campaignlint.review`) and the rule docs (:mod:`campaignlint.docs`). HTML templates
(``*.html.j2``) are autoescaped. Any other template prints each value through the
``escape_value`` function its renderer puts in the context, when there is one: the Markdown
report escapes Markdown that way, while the rule docs print their Markdown as written.

Imported only to render a report or the docs: Jinja costs time to import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from typing import Any

import jinja2

from campaignlint.i18n import (
    Message,
    format_date,
    format_money,
    format_number,
    format_percent,
    term_name,
)

ESCAPE_VALUE = "escape_value"  # the context entry a renderer sets to escape what it prints
MISSING = "—"  # an empty cell


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: Any) -> Any:
    escape = context.get(ESCAPE_VALUE)
    return value if escape is None else escape(value)


def _load(name: str) -> str:
    from importlib.resources import files

    return (files("campaignlint.templates") / name).read_text(encoding="utf-8")


@cache
def environment() -> jinja2.Environment:
    """The environment every template is rendered in (one per process: templates compile once)."""
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(name: str, **context: Any) -> str:
    """Template ``name`` rendered with ``context``."""
    return environment().get_template(name).render(**context)


def generate(name: str, **context: Any) -> Iterator[str]:
    """Template ``name`` rendered with ``context``, piece by piece (a long report is never
    held whole)."""
    return environment().get_template(name).generate(**context)


def formatters(lang: str) -> dict[str, Any]:
    """The translation and formatting functions the report templates call, in ``lang``."""
    from campaignlint.review import keep_amounts_together

    def t(template: str, **args: Any) -> str:
        return Message(template, tuple(args.items())).render(lang)

    def number(value: float | None) -> str:
        return MISSING if value is None else format_number(value, lang)

    def percent(value: float | None) -> str:
        return MISSING if value is None else format_percent(value, lang)

    def money(amount: float | None, currency: str | None) -> str:
        if amount is None:
            return MISSING
        text = format_money(amount, currency, lang) if currency else format_number(amount, lang)
        return keep_amounts_together(text)

    def date(value: dt.date | None) -> str:
        return MISSING if value is None else format_date(value, lang)

    def term(value: Any) -> str:
        return MISSING if value is None else term_name(value, lang)

    def terms(values: Any) -> str:
        return ", ".join(term(value) for value in values)

    return {
        "t": t,
        "number": number,
        "percent": percent,
        "money": money,
        "date": date,
        "term": term,
        "terms": terms,
        "missing": MISSING,
    }
