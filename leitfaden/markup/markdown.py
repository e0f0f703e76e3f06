"""Markdown: the site's pages (Python-Markdown) and the Markdown tickets (CommonMark / GFM)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import Table
from .escaping import cell_text, reference, unbold, unlink
from .text import ENTITY_LIKE, Span, render

# Only characters both Python-Markdown (with its tables extension) and CommonMark accept
# backslash-escaped: "{" and "}" (attr_list), "|" (tables), "`", "*", "[", "]" and "_"
# where it could delimit. "<" and an entity-like "&"
# become entities so raw HTML never reaches a page; so does "~" (GFM strikes through,
# Python-Markdown has no backslash escape for it) and a "!" right before a link (an image).
_SPECIAL = re.compile(r"[\\`*\[\]{}|]|(?<![^\W_])_|_(?![^\W_])")
_REFERENCES = re.compile(r"~|!$")
# A paragraph starting like this would be a heading, quote, list, rule, admonition ("!!!"),
# tab ("===") or ordered list ("1." / "1)"), whatever follows.
_BLOCK_START = re.compile(r"^(?:(?P<escape>[#>+\-!])|(?P<reference>=)|(?P<number>\d+)(?=[.)](?:\s|$)))")


def _escape(text: str) -> str:
    text = ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    text = _SPECIAL.sub(lambda m: "\\" + m[0], text)
    return _REFERENCES.sub(lambda m: reference(m[0]), text)


def _writer(target: Callable[[Span], str]) -> Callable[[Span], str]:

    def write(span: Span) -> str:
        if span.kind == "strong":
            return f"**{_escape(span.text)}**"
        if span.kind == "em":
            return f"*{_escape(span.text)}*"
        if span.kind == "code":
            return f"`{span.text}`"
        if span.kind == "link":
            return f"[{_escape(span.text)}]({target(span)})"
        return _escape(span.text)

    return write


def _paragraph(markdown: str) -> str:
    """The text kept a paragraph: a block start at its beginning becomes literal."""
    match = _BLOCK_START.match(markdown)
    if match is None:
        return markdown
    if match["escape"]:
        return "\\" + markdown
    if match["reference"]:
        return reference("=") + markdown[1:]
    return match["number"] + "\\" + markdown[len(match["number"]) :]


_TICKET = _writer(lambda span: span.url)
_PAGE = _writer(lambda span: span.page)


def inline(text: str) -> str:
    """Inline Markdown that renders the same in Python-Markdown and cmark-gfm; links absolute."""
    return _paragraph(render(text, _TICKET))


def page_inline(text: str) -> str:
    """:func:`inline` for a page of the site: links into the guide as ``kapitel.md#frage``."""
    return _paragraph(render(text, _PAGE))


def literal(text: str) -> str:
    """Any string (not a content text, e.g. a URL) as Markdown that shows exactly these characters."""
    return _paragraph(_escape(text))


# --- Tickets ---------------------------------------------------------------------------

# A ticket's Markdown is read by GitHub, GitLab, YouTrack, Redmine and Jira Cloud's paste
# path, which doubles every backslash before it converts Markdown. So tickets escape with
# numeric character references, which every CommonMark reader decodes, never with "\".
# Besides CommonMark's own characters: "~" (GFM strikethrough), "$" (GitLab's math),
# "|" (a table cell, also where a table could start).
_TICKET_SPECIAL = re.compile(r"[\\`*\[\]~$|<]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
# "!" right before a link makes it an image; "[" in text is always a reference, so "![" is that.
_IMAGE_START = re.compile(r"!(?=\[)")
_TICKET_BLOCK_START = re.compile(r"[#>+=@-]|\d+(?=[.)](?:\s|$))")


def _ticket_escape(text: str) -> str:
    text = _TICKET_SPECIAL.sub(lambda m: "&lt;" if m[0] == "<" else reference(m[0]), text)
    return unlinked_urls(text)


# Only [label](url) makes a link (the contract); GFM's and GLFM's autolinks would turn a
# bare "https://…", "www.…" or "name@domain.de" into one. A reference for its ":" or first
# "w" stops that in cmark-gfm, comrak and Atlassian's Markdown converter; each shows the
# character. An address is linked after references are decoded, so an invisible U+2060
# WORD JOINER before its "@" ends the name the autolink looks for. The site
# (Python-Markdown without magiclink) links no bare URL anyway.
_BARE_URL = re.compile(r"(?<=[A-Za-z]):(?=//)|(?<![\w.])w(?=ww\.)|(?<=[\w.+-])@(?=[\w-]+\.)")
WORD_JOINER = "\u2060"


def unlinked_urls(text: str) -> str:
    """The text with every bare URL and mail address kept as text (see above)."""
    return _BARE_URL.sub(lambda m: WORD_JOINER + "@" if m[0] == "@" else reference(m[0]), text)


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

    markdown = _IMAGE_START.sub(reference("!"), render(text, write))
    start = _TICKET_BLOCK_START.match(markdown)
    if start:  # a list, heading, quote or setext line would start here
        end = start.end()
        markdown = markdown[: end - 1] + reference(markdown[end - 1]) + markdown[end:]
    return markdown


class MarkdownMarkup:
    """Ticket blocks in CommonMark with GitHub's task lists and tables (GFM).

    ``for_page``: the blocks for a page of the site (links into the guide relative, see
    :func:`page_inline`), e.g. the fill-in tables, which pages and tickets share.
    """

    def __init__(self, for_page: bool = False) -> None:
        self._for_page = for_page

    def _text(self, text: str, bold: bool = False, in_link: bool = False, in_cell: bool = False) -> str:
        # Python-Markdown keeps a code span's "|" inside its cell; GFM needs it escaped.
        if self._for_page:
            return page_inline(text)
        return ticket_inline(text, bold=bold, in_link=in_link, in_cell=in_cell)

    def inline(self, text: str) -> str:
        return self._text(text)

    def heading(self, text: str) -> str:
        return "## " + self._text(text)

    def task(self, text: str) -> str:
        return f"- [ ] **{self._text(text, bold=True)}**"

    def note(self, label: str, paragraphs: Sequence[str]) -> str:
        first, *rest = paragraphs
        lines = [f"> **{label}** {self._text(first)}"]
        lines += [f">\n> {self._text(paragraph)}" for paragraph in rest]
        return "\n".join(lines)

    def table(self, table: Table) -> str:
        rows = [self._row(table.columns), "|" + "|".join(" --- " for _ in table.columns) + "|"]
        return "\n".join(rows + [self._row(row) for row in table.all_rows])

    def link(self, label: str, url: str) -> str:
        return f"[{self._text(label, in_link=True)}]({url})"

    def _row(self, cells: Sequence[str]) -> str:
        # A blank cell is one space: GFM keeps it as an empty <td>.
        return "| " + " | ".join(self._cell(cell) for cell in cells) + " |"

    def _cell(self, cell: str) -> str:
        text = cell_text(cell)
        return self._text(text, in_cell=True) if text else " "  # "|" is escaped everywhere
