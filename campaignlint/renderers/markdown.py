"""``--format markdown``: the review report for a person, in Markdown.

The review model (:mod:`campaignlint.review`, which describes the client review, the reviewer's
form ``markdown-reviewer``, the portfolio and the verdict rule) laid out by the template
``campaignlint/templates/report.md.j2``. Every value the template prints is escaped for Markdown
(so a brief's text can neither break a table nor inject markup; a ``@handle`` becomes a code
span, so it never pings a GitHub user and copies without invisible characters), and every label
goes through ``t()``, the translation catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from campaignlint.review import ReviewStream
from campaignlint.templating import MISSING

if TYPE_CHECKING:
    from campaignlint.renderers import Report

TEMPLATE = "report.md.j2"


# --- Markdown escaping -----------------------------------------------------------------------


class Raw(str):
    """Markdown the template builds itself (code spans): printed as is."""


_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$])")
_LEADING = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_MENTION = re.compile(r"(?<![\w.@`])@\w(?:[\w.]*\w)?")


def _escape_text(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def escape(text: str) -> str:
    """One line of Markdown showing ``text`` literally: inline markup, HTML, table pipes and
    line breaks neutralised. A ``@handle`` becomes a code span: GitHub does not turn it into a
    mention (no one is pinged by a PR comment) and it copies as written."""
    line = " ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text
    line = "".join(ch if ch.isprintable() or ch in " \u00a0" else " " for ch in line)
    parts, last = [], 0
    for match in _MENTION.finditer(line):
        parts.append(_escape_text(line[last : match.start()]))
        parts.append(f"`{match.group()}`")
        last = match.end()
    parts.append(_escape_text(line[last:]))
    return "".join(parts)


def block(text: str) -> Raw:
    """``text`` escaped to start a line: a leading ``-``, ``+``, ``1.`` or ``>`` stays text."""
    line = escape(text)
    return Raw(_LEADING.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line))


def heading(level: int) -> Raw:
    return Raw("#" * level)


def code(text: str) -> Raw:
    """``text`` as a Markdown code span, fenced by more backticks than it contains."""
    line = " ".join(text.split())
    runs = [len(run) for run in re.findall(r"`+", line)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return Raw(f"{fence}{pad}{line}{pad}{fence}" if line else "")


def markdown_value(value: Any) -> Any:
    """A value as the template prints it: escaped, ``—`` for nothing, built Markdown as is."""
    if isinstance(value, Raw):
        return value
    if value is None:
        return MISSING
    return escape(str(value))


class Stream(ReviewStream):
    """The report written as the results arrive (see :class:`ReviewStream`)."""

    def finish(self) -> None:
        from campaignlint.templating import formatters, generate

        try:
            review = self.builder.finish()
            pieces = generate(
                TEMPLATE,
                code=code,
                block=block,
                heading=heading,
                escape_value=markdown_value,
                **vars(review),
                **formatters(self.report.lang),
            )
            _write_tidy(pieces, self.write)
        finally:
            self.builder.close()


class ReviewerStream(Stream):
    """``--format markdown-reviewer``: the reviewer's form (see the module docstring)."""

    reviewer = True


_BLANK_LINES = re.compile(r"\n{3,}")
_PIECE = 1 << 16  # characters handed to ``write`` at once


def _write_tidy(pieces: Iterable[str], write: Callable[[str], Any]) -> None:
    """The template's text with no more than one blank line in a row, no blank space at either
    end and one final newline, written as it comes: the trailing blank space of a piece is held
    back until text follows it."""
    held, buffer, size, started = "", [], 0, False
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size < _PIECE:
            continue
        text = held + "".join(buffer)
        buffer, size = [], 0
        end = len(text.rstrip())
        if end == 0:
            held = text if started else ""
            continue
        out, held = text[:end], text[end:]
        if not started:
            out, started = out.lstrip(), True
        write(_BLANK_LINES.sub("\n\n", out))
    text = (held + "".join(buffer)).rstrip()
    if not started:
        text = text.lstrip()
    write(_BLANK_LINES.sub("\n\n", text) + "\n")


def render(report: Report, reviewer: bool = False) -> str:
    return (ReviewerStream if reviewer else Stream).render(report)


def render_reviewer(report: Report) -> str:
    """``--format markdown-reviewer``: the reviewer's form (see the module docstring)."""
    return render(report, reviewer=True)
