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
from .escaping import cell_text, escape_each, may_delimit, unlink
from .text import Span, parse, render

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
        char in "|*_[]{}"  # table cell, strong and emphasis (gender star), link, macro ("{quote}")
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


Token = tuple[str, bool]  # written markup, and whether it may stand inside a mark


def _tokens(text: str) -> list[Token]:
    """The characters of ``text``, written for the inside of a mark where they can be.

    Atlassian's parser reads the inside of a mark a second time and honours no escape
    there but the mark's own ("*Kund\\*innen*"). So the other characters that need an
    escape must stand outside the mark.
    """
    tokens: list[Token] = []
    if _BLOCK_START.match(text):  # "- x" inside a mark would become a list
        tokens.append(("\\" + text[0], False))
        text = text[1:]
    escapes = [
        _escape_at(text, index) if _CANDIDATES.match(char) else None for index, char in enumerate(text)
    ]
    escaped_chars = [char for char, escaped in zip(text, escapes, strict=True) if escaped]
    for char, escaped in zip(text, escapes, strict=True):
        # A lone "-" ("IT- und") is no markup even read again; a pair ("-x-") would be.
        pairs = char in "-+^~_?" and escaped_chars.count(char) > 1
        inside = escaped is None or char == "*" or (char in "-+^~_?" and not pairs)
        tokens.append((escaped or char, inside))
    return tokens


def _marked(mark: str, tokens: list[Token]) -> str:
    """The tokens inside ``mark`` (``*`` or ``_``).

    If all of them may stand inside, that is ``*…*``. Otherwise each run between the others
    gets its own ``{*}…{*}`` (the braces let a mark start and end right next to them); an
    escaped mark character then stays outside too, since the braces do not survive it.
    """
    if all(inside for _, inside in tokens):
        return _wrapped(mark, "".join(written for written, _ in tokens), braces=False)
    pieces: list[str] = []
    run = ""
    for written, inside in tokens:
        if inside and written != "\\*":
            run += written
        else:
            pieces.append(_wrapped(mark, run) + written)
            run = ""
    return "".join(pieces) + _wrapped(mark, run)


def _wrapped(mark: str, plain: str, braces: bool = True) -> str:
    core = plain.strip()
    if not core:
        return plain
    start = plain.index(core[0])
    marker = f"{{{mark}}}" if braces else mark
    return f"{plain[:start]}{marker}{core}{marker}{plain[start + len(core) :]}"


def _span(span: Span) -> str:
    if span.kind == "strong":
        return _marked("*", _tokens(span.text))
    if span.kind == "em":
        return _marked("_", _tokens(span.text))
    if span.kind == "code":
        return "{{" + _escape(span.text) + "}}"
    if span.kind == "link":
        return link(span.text, span.url)
    return _escape(span.text)


def bold(text: str) -> str:
    """A text set bold as a whole (a question): its links, code and emphasis inside the bold."""
    tokens: list[Token] = []
    for span in parse(text):
        if span.kind in ("text", "strong"):
            tokens += _tokens(span.text)
        else:
            tokens.append((_span(span), True))
    return _marked("*", tokens)


def inline(text: str) -> str:
    """Jira wiki markup: the text's markup converted, every other character literal."""
    jira = render(text, _span)
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
        return "* \\[ \\] " + bold(text)

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
