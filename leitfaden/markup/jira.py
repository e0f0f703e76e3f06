"""Jira wiki markup as Atlassian's own parser reads it: inline escaping and ticket blocks.

Atlassian's parser (Jira Cloud's editor, @atlaskit/editor-wikimarkup-transformer) escapes
with a backslash and shows character references such as "&#124;" literally, so every
special character is backslash-escaped, and "&" is never touched.

Where no escape works, an invisible U+200B ZERO WIDTH SPACE breaks the sequence the parser
would read as markup: emoticons (":D" – the parser ignores "\\:D"), a block start at the
beginning of a paragraph or table cell ("h2. ", "bq. ", "- ", "# "), a bare address
("https://…", "mailto:…": only ``[label|url]`` is a link), a backslash before a
backslash (a line break) or before a character the parser would take as escaped, and
pairs of phrase markers inside bold or italic, where the parser reads the text a second
time. A reader sees nothing of it; the tracker tests treat U+200B as invisible.

Nothing at all keeps "|" from ending a table cell ("\\|", "{|}", "&#124;", U+200B, a
code span: the parser splits first) nor "|", "[" or "]" from ending a link's label: the
model refuses them there (leitfaden/model.py). A reader's answer cannot be refused, so
the answer rules (leitfaden/tickets/filling.py) write its "|" in a table cell as the
look-alike :data:`CELL_BAR`. The patterns below are shared with those rules, which the
page runs in JavaScript too: character classes and lookaheads only.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from typing import Final

from ..model import Table
from .escaping import cell_text, escape_each, may_delimit, unlink
from .text import Span, parse, render

#: An invisible character that breaks a sequence Jira would read as markup (see above).
BREAK: Final = "\u200b"
#: What stands for "|" in a reader's answer in a table cell (U+2223 DIVIDES, see above).
CELL_BAR: Final = "\u2223"
#: Characters the parser takes as escaped after a backslash (its utils/escape.js, ported
#: from Jira's BackslashEscapeRendererComponent), and the backslash itself (a line break).
AFTER_BACKSLASH: Final = r"[\\\-#*_+?^~|%{}\[\]()!@]"
#: A heading or quote at the start of a paragraph, line or cell, whatever follows.
BLOCK_WORD: Final = r"h[1-6]\.|bq\."
#: The ":" of a bare address the parser would link: "https://…", "ftp://…"; and "mailto:".
BARE_ADDRESS: Final = r":(?=//)"
MAILTO: Final = r"mailto(?=:)"
# A paragraph or cell starting like this would be a list, a rule, a heading or a quote.
_BLOCK_START = re.compile(rf"[*#-]+\s|-{{4}}|{BLOCK_WORD}")
_AFTER_BACKSLASH, _BARE_ADDRESS, _MAILTO = map(re.compile, (AFTER_BACKSLASH, BARE_ADDRESS, MAILTO))
_CANDIDATES = re.compile(r"[|*_\[\]{}\-+^~!?()DP\\:]")
# Emoticons: "(i)", "(x)", "(on)", "(*r)", ":)", ";-)", "B-)" … end with ")", ":(" ends with
# "(", ":D" and ":P" with the letter.
_EMOTICON_END = re.compile(r"(?:\(\*?[a-z!?/+*-]{1,7}|[:;]-?|B-)\)|:-?[(DP]")
#: Phrase markers that inside bold or italic are broken by BREAK instead of a backslash.
_BROKEN_INSIDE = "-+^~_?!"
#: Characters a link address keeps as they are; "]", "|", "{", "}", "[" are percent-encoded.
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"


def _escape_at(text: str, index: int) -> str | None:
    char = text[index]
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if char in "()DP" and _ends_emoticon(text, index):
        return BREAK + char  # no escape stops an emoticon
    if char == "\\":  # "\\\\" is a line break, "\\(" hides the backslash (at a span's end: "\\_")
        return char + BREAK if not after or _AFTER_BACKSLASH.match(after) else None
    if char == ":":
        # A bare URL stays text, as in every ticket: only [label|url] is a link.
        bare = _BARE_ADDRESS.match(text, index) or _MAILTO.match(text, max(0, index - 6), index + 1)
        return BREAK + char if bare else None
    special = (
        char in "|*_[]{}"  # table cell, strong and emphasis (gender star), link, macro ("{quote}")
        or (char in "-+^~" and may_delimit(text, index))
        or (char == "!" and (after.strip() != "" or not after))  # !image.png!, "!" before a link
        or (char == "?" and "?" in (before, after))  # ??citation??
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
    there but the mark's own ("*Kund\\*innen*"), "\\[x\\]" and "\\|". Phrase markers and
    braces are broken with U+200B instead. Nothing keeps "[^2]" from being an attachment
    there, so the mark ends between "[" and "^" and starts again (an empty token that
    stands outside): Jira joins the two runs into one.
    """
    tokens: list[Token] = []
    if _BLOCK_START.match(text):  # "- x" inside a mark would become a list
        tokens.append((BREAK, True))
    escapes = [
        _escape_at(text, index) if _CANDIDATES.match(char) else None for index, char in enumerate(text)
    ]
    for index, (char, escaped) in enumerate(zip(text, escapes, strict=True)):
        if escaped and char in _BROKEN_INSIDE:
            escaped = BREAK + char  # read again, "\\-x\\-" would be struck through
        elif escaped and char in "{}":
            escaped = "{" + BREAK if char == "{" else BREAK + "}"  # read again, "\\{color}" is a macro
        tokens.append((escaped or char, True))
        if text.startswith("[^", index):
            tokens.append(("", False))
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
        # Inside bold the parser reads "\\}}}" again as "}}" and one "}" too many.
        return "{{" + _escape(span.text) + (BREAK if span.text.endswith("}") else "") + "}}"
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
        jira = BREAK + jira
    return jira


def link(label: str, url: str) -> str:
    """``[label|url]``: a "]" or "|" in the address would end it early, so it is percent-encoded."""
    text = render(label, lambda span: _span(unlink(span)))
    if _BLOCK_START.match(text):  # the label is read again on its own
        text = BREAK + text
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
