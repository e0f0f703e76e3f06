"""Jira wiki markup (Jira Server / Data Center): inline escaping and ticket blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Table
from .escaping import cell_text, escape_each, may_delimit, quoted_paragraphs, reference
from .text import ENTITY_LIKE, Span, render

# Jira escapes with a backslash; "\\" is a line break, so a backslash itself, and the
# characters not every Jira parser unescapes (pandoc's), become numeric character references.
_REFERENCES = frozenset("\\|^~+]")
# A paragraph starting like this would be a list, a rule, a heading or a quote.
_BLOCK_START = re.compile(r"[*#-]+\s|-{4}|h[1-6]\.\s|bq\.\s")
_CANDIDATES = re.compile(r"[&\\|*_\[{\-+^~!?]")


def _escape_at(text: str, index: int) -> str | None:
    char = text[index]
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if char == "&":
        return "&amp;" if ENTITY_LIKE.match(text, index) else None  # "&lt;" stays literal
    special = (
        char in "\\|*_[{"  # line break, table cell, strong and emphasis (gender star), link, macro
        or (char in "-+^~" and may_delimit(text, index))
        or (char == "!" and after.strip() != "")  # !image.png!
        or (char == "?" and "?" in (before, after))  # ??citation??
    )
    if not special:
        return None
    return reference(char) if char in _REFERENCES else "\\" + char


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
        return f"[{_escape(span.text).replace(']', reference(']'))}|{span.url}]"
    return _escape(span.text)


def inline(text: str) -> str:
    """Jira wiki markup: the text's markup converted, every other character literal."""
    jira = render(text, _span)
    if _BLOCK_START.match(jira):
        jira = ("\\" + jira[0] if not jira[0].isalnum() else reference(jira[0])) + jira[1:]
    return jira


class JiraMarkup:
    """Ticket blocks in Jira wiki markup. It has no checkboxes: a question is a bullet starting with "[ ]"."""

    def inline(self, text: str) -> str:
        return inline(text)

    def heading(self, text: str) -> str:
        return "h2. " + inline(text)

    def task(self, text: str) -> str:
        return f"* \\[ \\] *{inline(text)}*"

    def note(self, label: str, paragraphs: Sequence[str]) -> str:
        return quoted_paragraphs(label, [inline(paragraph) for paragraph in paragraphs])

    def table(self, table: Table) -> str:
        header = "||" + "||".join(inline(cell_text(cell)) for cell in table.columns) + "||"
        # "||" would be a header cell, so a blank cell is "| |".
        rows = [
            "|" + "|".join(inline(cell_text(cell)) or " " for cell in row) + "|" for row in table.all_rows
        ]
        return "\n".join([header, *rows])

    def link(self, label: str, url: str) -> str:
        return f"[{inline(label).replace(']', '&#93;')}|{url}]"
