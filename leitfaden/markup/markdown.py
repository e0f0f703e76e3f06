"""Markdown: the site's pages (Python-Markdown) and the Markdown tickets (CommonMark / GFM)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Table
from .escaping import cell_text, reference, unbold, unlink
from .text import ENTITY_LIKE, Span, render

# Only characters both Python-Markdown and CommonMark accept backslash-escaped; "<" and
# an entity-like "&" become entities so raw HTML in the content never reaches a page.
_SPECIAL = re.compile(r"[\\`*\[\]]|(?<![^\W_])_|_(?![^\W_])")
_BLOCK_START = re.compile(r"^(?:(?=[#>+-])|(\d+)(?=[.)]\s))")


def _escape(text: str) -> str:
    text = ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    return _SPECIAL.sub(lambda m: "\\" + m[0], text)


def _span(span: Span) -> str:
    if span.kind == "strong":
        return f"**{_escape(span.text)}**"
    if span.kind == "em":
        return f"*{_escape(span.text)}*"
    if span.kind == "code":
        return f"`{span.text}`"
    if span.kind == "link":
        return f"[{_escape(span.text)}]({span.url})"
    return _escape(span.text)


def inline(text: str) -> str:
    """Inline Markdown that renders the same in Python-Markdown and cmark-gfm."""
    # A leading "-", "#", "1." would start a list or heading instead of a paragraph.
    return _BLOCK_START.sub(lambda m: (m[1] or "") + "\\", render(text, _span), count=1)


# --- Tickets ---------------------------------------------------------------------------

# A ticket's Markdown is read by GitHub, GitLab, YouTrack, Redmine and Jira Cloud's paste
# path, which doubles every backslash before it converts Markdown. So tickets escape with
# numeric character references, which every CommonMark reader decodes, never with "\".
# Besides CommonMark's own characters: "~" (GFM strikethrough), "$" (GitLab's math) and
# "|" (a table cell, also where a table could start).
_TICKET_SPECIAL = re.compile(r"[\\`*\[\]~$|<]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
_TICKET_BLOCK_START = re.compile(r"[#>+=@-]|\d+(?=[.)](?:\s|$))")


def _ticket_escape(text: str) -> str:
    return _TICKET_SPECIAL.sub(lambda m: "&lt;" if m[0] == "<" else reference(m[0]), text)


def _ticket_span(span: Span, in_cell: bool) -> str:
    if span.kind == "strong":
        return f"**{_ticket_escape(span.text)}**"
    if span.kind == "em":
        return f"*{_ticket_escape(span.text)}*"
    if span.kind == "code":
        # In a table cell even a code span's "|" ends the cell unless escaped (GFM).
        code = span.text.replace("|", "\\|") if in_cell else span.text
        return f"`{code}`"
    if span.kind == "link":
        return f"[{ticket_inline(span.text, in_link=True)}]({span.url})"
    return _ticket_escape(span.text)


def ticket_inline(text: str, bold: bool = False, in_link: bool = False, in_cell: bool = False) -> str:
    """Inline Markdown for tickets.

    ``bold`` for text set bold as a whole (no nested bold), ``in_link`` for a link's label
    (no nested link), ``in_cell`` for a table cell.
    """

    def write(span: Span) -> str:
        if bold:
            span = unbold(span)
        if in_link:
            span = unlink(span)
        return _ticket_span(span, in_cell)

    markdown = render(text, write)
    start = _TICKET_BLOCK_START.match(markdown)
    if start:  # a list, heading, quote or setext line would start here
        end = start.end()
        markdown = markdown[: end - 1] + reference(markdown[end - 1]) + markdown[end:]
    return markdown


class MarkdownMarkup:
    """Ticket blocks in CommonMark with GitHub's task lists and tables (GFM)."""

    def inline(self, text: str) -> str:
        return ticket_inline(text)

    def heading(self, text: str) -> str:
        return "## " + ticket_inline(text)

    def task(self, text: str) -> str:
        return f"- [ ] **{ticket_inline(text, bold=True)}**"

    def note(self, label: str, paragraphs: Sequence[str]) -> str:
        first, *rest = paragraphs
        lines = [f"> **{label}** {ticket_inline(first)}"]
        lines += [f">\n> {ticket_inline(paragraph)}" for paragraph in rest]
        return "\n".join(lines)

    def table(self, table: Table) -> str:
        rows = [self._row(table.columns), "|" + "|".join(" --- " for _ in table.columns) + "|"]
        return "\n".join(rows + [self._row(row) for row in table.all_rows])

    def link(self, label: str, url: str) -> str:
        return f"[{ticket_inline(label, in_link=True)}]({url})"

    def _row(self, cells: Sequence[str]) -> str:
        # A blank cell is one space: GFM keeps it as an empty <td>.
        return "| " + " | ".join(self._cell(cell) for cell in cells) + " |"

    def _cell(self, cell: str) -> str:
        text = cell_text(cell)
        return ticket_inline(text, in_cell=True) if text else " "  # "|" is already a reference
