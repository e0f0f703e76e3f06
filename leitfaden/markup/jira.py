"""Jira wiki markup as Atlassian's own parser reads it: inline escaping and ticket blocks.

Atlassian's parser (Jira Cloud's editor, @atlaskit/editor-wikimarkup-transformer) escapes
with a backslash and shows character references such as "&#124;" literally, so every
special character is backslash-escaped, and "&" is never touched.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence

from ..model import Table
from .escaping import cell_text, escape_each, may_delimit, unbold, unlink
from .text import Span, render

# A paragraph starting like this would be a list, a rule or a quote.
_BLOCK_START = re.compile(r"[*#-]+\s|-{4}")
_CANDIDATES = re.compile(r"[|*_\[\]{}\-+^~!?()]")
# Emoticons: "(i)", "(x)", "(on)", "(*r)", ":)", ";-)", "B-)" … end with ")", ":(" ends with "(".
_EMOTICON_END = re.compile(r"(?:\(\*?[a-z!?/+*-]{1,7}|[:;]-?|B-)\)|:-?\(")
#: Characters a link address keeps as they are; "]", "|", "{", "}", "[" are percent-encoded.
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"


def _escape_at(text: str, index: int) -> str | None:
    char = text[index]
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    special = (
        char in "|*_[]{"  # table cell, strong and emphasis (gender star), link, macro
        or (char in "-+^~" and may_delimit(text, index))
        or (char == "!" and after.strip() != "")  # !image.png!
        or (char == "?" and "?" in (before, after))  # ??citation??
        or (char in "()" and _ends_emoticon(text, index))
    )
    return "\\" + char if special else None


def _ends_emoticon(text: str, index: int) -> bool:
    return any(
        match.end() == index + 1 for match in _EMOTICON_END.finditer(text, max(0, index - 8), index + 1)
    )


def _escape(text: str) -> str:
    return escape_each(text, _escape_at, _CANDIDATES)


def _span(span: Span) -> str:
    if span.kind == "strong":
        return f"*{_escape(span.text)}*"
    if span.kind == "em":
        return f"_{_escape(span.text)}_"
    if span.kind == "code":
        return "{{" + _escape(span.text) + "}}"
    if span.kind == "link":
        return link(span.text, span.url)
    return _escape(span.text)


def inline(text: str, bold: bool = False) -> str:
    """Jira wiki markup: the text's markup converted, every other character literal.

    ``bold`` for text set bold as a whole (a question): bold inside it stays plain.
    """
    jira = render(text, lambda span: _span(unbold(span) if bold else span))
    if _BLOCK_START.match(jira):
        jira = "\\" + jira
    return jira


def link(label: str, url: str) -> str:
    """``[label|url]``: a "]" or "|" in the address would end it early, so it is percent-encoded."""
    text = render(label, lambda span: _span(unlink(span)))
    return f"[{text}|{urllib.parse.quote(url, safe=_URL_SAFE)}]"


class JiraMarkup:
    """Ticket blocks in Jira wiki markup. It has no checkboxes: a question is a bullet starting with "[ ]"."""

    def inline(self, text: str) -> str:
        return inline(text)

    def heading(self, text: str) -> str:
        return "h2. " + inline(text)

    def task(self, text: str) -> str:
        return f"* \\[ \\] *{inline(text, bold=True)}*"

    def note(self, label: str, paragraphs: Sequence[str]) -> str:
        """One ``{quote}`` around all paragraphs: ``bq.`` would quote only the first."""
        body = "\n\n".join(inline(paragraph) for paragraph in paragraphs)
        return f"{{quote}}*{label}* {body}{{quote}}"

    def table(self, table: Table) -> str:
        header = "||" + "||".join(inline(cell_text(cell)) for cell in table.columns) + "||"
        # "||" would be a header cell, so a blank cell is "| |".
        rows = [
            "|" + "|".join(inline(cell_text(cell)) or " " for cell in row) + "|" for row in table.all_rows
        ]
        return "\n".join([header, *rows])

    def link(self, label: str, url: str) -> str:
        return link(label, url)
