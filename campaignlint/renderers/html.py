"""``--format html``: the review report as one self-contained HTML page.

The same review as the Markdown report (:mod:`campaignlint.review`, which describes the client
review, the reviewer's form ``html-reviewer``, the portfolio and the verdict rule), laid out by
``templates/report.html.j2`` with the stylesheet ``templates/report.css`` inlined and the
charts (audience in the target ages per creator against the ``min_age_overlap`` threshold,
green or red; the budget split) drawn as inline SVG: no network, no scripts. Under 600 px every
table becomes one card per row; printed, headings stay with what follows them. Jinja
autoescaping escapes every value.
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from campaignlint.renderers import Report

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"
# Slice colours of the budget chart, then the colour of what is left unallocated.
PALETTE = ("#3b5bdb", "#0ca678", "#f08c00", "#ae3ec9", "#1098ad", "#e8590c", "#5c940d", "#c2255c")
REMAINDER = "#dee2e6"


def render(report: Report, reviewer: bool = False) -> str:
    import markupsafe

    from campaignlint.review import build_review
    from campaignlint.templating import formatters
    from campaignlint.templating import render as render_template

    css = (files("campaignlint.templates") / STYLESHEET).read_text(encoding="utf-8")
    return render_template(
        TEMPLATE,
        css=markupsafe.Markup(css.replace("</", "<\\/")),
        palette=PALETTE,
        remainder=REMAINDER,
        **vars(build_review(report, reviewer)),
        **formatters(report.lang),
    )


def render_reviewer(report: Report) -> str:
    """``--format html-reviewer``: the reviewer's form (see :mod:`campaignlint.review`)."""
    return render(report, reviewer=True)
