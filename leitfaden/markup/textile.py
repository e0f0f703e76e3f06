"""Textile as Redmine renders it (its own RedCloth3 fork): inline escaping and ticket blocks."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence

from ..model import Table
from .escaping import cell_text, escape_each, may_delimit, reference, unbold
from .markdown import unlinked_urls
from .text import ENTITY_LIKE, Span, render

# Textile has no escape character: a special character becomes a numeric character
# reference, and only where it would be markup, so the raw text stays readable.
# ">" starts a quote in Redmine (its way of quoting mails).
_BLOCK_START = re.compile(r"[*#;:>-]+\s|>|(?:bq|bc|fn\d+|h[1-6]|notextile|p|pre|table|dl)[^\s.]*\.\.?\s")
_CANDIDATES = re.compile(r"[<&|*_\-+^~@%!?=\"\[(]")
#: Characters a link address keeps as they are.
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"
# Cell attributes ("_." header, "<." alignment, "\2." colspan …) at the start of a cell.
_CELL_ATTRIBUTES = re.compile(r"(?:_|[\\/]\d+|[<>=^~]|\([^)]*\)|\{[^}]*\}|\[[^\]]*\])*\.\s")


def _escape_at(text: str, index: int) -> str | None:
    char = text[index]
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if char == "<":
        return "&lt;"
    if char == "&":
        return "&amp;" if ENTITY_LIKE.match(text, index) else None
    special = (
        char == "|"  # table cell
        or (char in "*_-+^~@%" and may_delimit(text, index))
        or (char == "!" and after.strip() != "")  # !image.png!
        or (char in "?=" and char in (before, after))  # ??citation??, ==notextile==
        or (char == '"' and after == ":")  # "label":url
        or (char == "[" and after.isdigit())  # [1] footnote
        or (char == "(" and (before.isupper() or before.isdigit()))  # ABC(title) is an abbreviation
    )
    return reference(char) if special else None


def _escape(text: str) -> str:
    """Escaped text; a bare URL stays text (Redmine links it), see :func:`.markdown.unlinked_urls`."""
    return unlinked_urls(escape_each(text, _escape_at, _CANDIDATES))


def phrase(marker: str, textile: str) -> str:
    """``*strong*`` or ``_em_`` around Textile; a leading "(", "{" or "[" would be read as attributes."""
    if textile[:1] in ("(", "{", "["):
        textile = reference(textile[0]) + textile[1:]
    return f"{marker}{textile}{marker}"


def _span(span: Span) -> str:
    if span.kind == "strong":
        return phrase("*", _escape(span.text))
    if span.kind == "em":
        return phrase("_", _escape(span.text))
    if span.kind == "code":
        return f"@{_CODE_SPECIAL.sub(lambda m: reference(m[0]), span.text)}@"
    if span.kind == "link":
        return link(span.text, span.url)
    return _escape(span.text)


# Inside @code@ an "@" would end the span and a "|" the table cell; RedCloth passes the
# references through to the HTML, where they show as the characters.
_CODE_SPECIAL = re.compile(r"[@|&<]")


def link(label: str, url: str) -> str:
    """``"label":url``. Redmine shows the brackets of ``["label":url]`` literally.

    RedCloth reads no markup inside a link's label, "(…)" or "{…}" at its start or end as
    attributes, and a '"' as the label's end, so the label is plain text with those
    characters as references.
    """
    text = _escape(render(label, lambda span: span.text))
    for char in '(){"':
        text = text.replace(char, reference(char))
    if text[:1] == "[":
        text = reference("[") + text[1:]
    return f'"{text}":{urllib.parse.quote(url, safe=_URL_SAFE)}'


def inline(text: str, bold: bool = False) -> str:
    """Textile as Redmine renders it: the text's markup converted, every other character literal.

    ``bold`` for text set bold as a whole (a question): bold inside it stays plain.
    """
    textile = render(text, lambda span: _span(unbold(span) if bold else span))
    if _BLOCK_START.match(textile):
        textile = reference(textile[0]) + textile[1:]
    return textile


class TextileMarkup:
    """Ticket blocks in Textile. No checkboxes either: "[ ]" opens each question."""

    def inline(self, text: str) -> str:
        return inline(text)

    def heading(self, text: str) -> str:
        return "h2. " + inline(text)

    def task(self, text: str) -> str:
        return "* [ ] " + phrase("*", inline(text, bold=True))

    def note(self, label: str, paragraphs: Sequence[str]) -> str:
        """Redmine's "> " quote holds several paragraphs; ``bq.`` would quote only the first."""
        first, *rest = [inline(paragraph) for paragraph in paragraphs]
        return "\n>\n".join([f"> *{label}* {first}", *(f"> {paragraph}" for paragraph in rest)])

    def table(self, table: Table) -> str:
        header = "|" + "|".join(f"_. {self._cell(cell)}" for cell in table.columns) + "|"
        rows = ["|" + "|".join(self._cell(cell) or " " for cell in row) + "|" for row in table.all_rows]
        return "\n".join([header, *rows])

    def link(self, label: str, url: str) -> str:
        return link(label, url)

    def _cell(self, cell: str) -> str:
        text = inline(cell_text(cell))
        if _CELL_ATTRIBUTES.match(text):
            text = reference(text[0]) + text[1:]
        return text
