"""Tickets as templates with answer slots, and the one way to fill them.

A ticket is a sequence of literal parts and slots (:class:`TicketTemplate`): a check
marker per question, an answer block under it, and the rows of a fill-in table. Each
slot holds its blank text, so filling a template without answers gives exactly the blank
ticket. The page script (docs/assets/javascripts/answers.js) receives the same template
and the same :class:`AnswerRules` as JSON and applies them step by step as
:func:`fill` does, so the site and the CLI write the same bytes.

An answer is reader text, not content: every character shows as typed, by the same
means the content's tickets use (leitfaden/markup/: escapes, invisible breaks, bare
addresses kept as text), with one documented stand-in where Jira has none: "|" in a
table cell (:data:`.jira.CELL_BAR`). The rules are data that Python and JavaScript read
alike: :class:`Rewrite` lists of regular expressions made of character classes, ``^``
and lookaheads only (no flags, no group, no lookbehind, no ``\\w``), and plain strings;
tests/trackers/test_answer_rules.py runs the page's function against :func:`written`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Final, Literal

from ..markup import jira, markdown

#: Applied to every answer first, in this order (pattern, replacement).
NORMALIZE: Final[tuple[tuple[str, str], ...]] = (
    (r"\r\n?", "\n"),
    (r"\t", " "),
    # Control characters and the bidi controls that reorder what a reader sees.
    (r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", ""),
)
_TRIM: Final = "^ +| +$"

AnswerValue = str | Sequence[Sequence[str]]


@dataclass(frozen=True)
class Rewrite:
    """One rule to write reader text: what ``pattern`` matches is written as ``write`` says.

    ``write`` is None for the markup's own escape of every matched character (its
    ``style``), or the text to write instead, ``{}`` standing for the match (``"\u200b{}"``
    puts an invisible break before it). A pattern never matches the empty string.
    """

    pattern: str
    write: str | None = None


@dataclass(frozen=True)
class AnswerRules:
    """How one markup writes reader text literally, and where an answer goes."""

    #: The rewrites of an answer's line and of a table cell, tried in this order at each
    #: character (the first that matches there wins); the rest of the text stays as it is.
    line: tuple[Rewrite, ...]
    cell: tuple[Rewrite, ...]
    #: ``reference``: ``&#42;``; ``backslash``: ``\\*``.
    style: Literal["reference", "backslash"]
    unchecked: str
    checked: str
    #: The answer block: ``before`` + lines (each non-empty one after ``indent``) + ``after``.
    before: str
    indent: str
    after: str
    #: A table row: ``row_start`` + cells joined by ``cell_join`` + ``row_end``;
    #: an empty cell is ``blank_cell``.
    row_start: str
    cell_join: str
    row_end: str
    blank_cell: str
    #: How many lines of the blank table are its header (the rest are its rows).
    header_lines: int


def _first_escaped(start: str) -> Rewrite:
    """The first character escaped when the line (or cell) starts with ``start``."""
    return Rewrite(f"^(?={start}).")


# --- Markdown: CommonMark decodes numeric references everywhere, GFM splits cells before
# it does. GFM links bare addresses ("https://…", "www.…", "name@domain.de") and takes a
# reference right after one into the address; as in the content's tickets
# (markdown.unlinked_urls), the ":" and the first "w" are escaped and an invisible
# WORD JOINER goes before the "@": they stay text.
_MARKDOWN_TEXT: Final = (
    Rewrite(r"[\\`*_\[\]~$|<&]|:(?=//)|w(?=ww\.)"),
    Rewrite(r"@(?=[0-9A-Za-z_-]+\.)", markdown.WORD_JOINER + "{}"),
)
# A heading, quote, list, setext line or ordered list would start here; Jira Cloud's paste
# path reads lists in cells too.
_MARKDOWN_START: Final = _first_escaped(r"[#>+=-]|[0-9]+[.)]")

# --- Jira: Atlassian's parser shows references literally, so Jira escapes with a
# backslash ("\\" before a letter stays visible); "!" is an image only before text. Where
# it honours no escape, the invisible jira.BREAK goes into the sequence, as in content:
# a bare address it would link, the emoticons ":D" and ":P", two backslashes (a line
# break; also a reader's backslash before an escaped character) and "h2."/"bq." at the
# start of a line or cell. In a table cell no escape keeps "|" from ending the cell, and an
# answer cannot be refused as content is: the reader's "|" is written as the look-alike
# jira.CELL_BAR there (README, „Escaping“).
_JIRA_ESCAPED: Final = r"[|*_\[\]{}+^~?()#-]"
_JIRA_TEXT: Final = (
    Rewrite(jira.BARE_ADDRESS, jira.BREAK + "{}"),
    Rewrite(jira.MAILTO, "{}" + jira.BREAK),
    Rewrite(r":(?=-?[DP])", "{}" + jira.BREAK),
    Rewrite(rf"\\(?={jira.AFTER_BACKSLASH})", "{}" + jira.BREAK),
    Rewrite(rf"{_JIRA_ESCAPED}|!(?=[^ ])"),
)
_JIRA_START: Final = Rewrite(rf"^(?={jira.BLOCK_WORD}).", jira.BREAK + "{}")

# --- Textile has no escape character: references, which RedCloth passes to the HTML.
# Redmine links bare addresses and takes references after them into the address.
_TEXTILE_TEXT: Final = (Rewrite(r"[<>&|*_+^~@%!?=\"\[\](){}-]|:(?=//)|w(?=ww\.)"),)

RULES: Final[dict[str, AnswerRules]] = {
    "markdown": AnswerRules(
        line=(_MARKDOWN_START, *_MARKDOWN_TEXT),
        cell=(_MARKDOWN_START, *_MARKDOWN_TEXT),
        style="reference",
        unchecked="[ ]",
        checked="[x]",
        before="\n\n",
        # A paragraph of its own after the question: Jira Cloud's paste path drops an
        # indented one's escaped first character.
        indent="",
        after="\n",
        row_start="| ",
        cell_join=" | ",
        row_end=" |",
        blank_cell=" ",
        header_lines=2,
    ),
    "jira": AnswerRules(
        line=(_JIRA_START, *_JIRA_TEXT),
        cell=(Rewrite(r"\|", jira.CELL_BAR), _JIRA_START, *_JIRA_TEXT),
        style="backslash",
        unchecked="\\[ \\]",
        checked="\\[x\\]",
        before="\n\n",
        indent="",
        after="\n",
        row_start="|",
        cell_join="|",
        row_end="|",
        blank_cell=" ",
        header_lines=1,
    ),
    "textile": AnswerRules(
        line=(
            _first_escaped(r"[#;:]|(?:bq|bc|fn[0-9]+|h[1-6]|notextile|p|pre|table|dl)[^ .]*\."),
            *_TEXTILE_TEXT,
        ),
        cell=(_first_escaped(r"[\\/][0-9]"), *_TEXTILE_TEXT),
        style="reference",
        unchecked="[ ]",
        checked="[x]",
        before="\n\n",
        indent="",
        after="\n",
        row_start="|",
        cell_join="|",
        row_end="|",
        blank_cell=" ",
        header_lines=1,
    ),
}

SlotKind = Literal["check", "answer", "table"]


@dataclass(frozen=True)
class Slot:
    kind: SlotKind
    question: str
    #: The text when the question has no answer: the blank ticket's own.
    blank: str
    #: For a table: its rows as a reader first sees them (plain text), to tell an answer from them.
    initial: tuple[tuple[str, ...], ...] = ()


Part = str | Slot


@dataclass(frozen=True)
class TicketTemplate:
    format: str
    parts: tuple[Part, ...]

    def to_data(self) -> list[object]:
        """JSON data: a string is literal, an object a slot."""
        return [part if isinstance(part, str) else _slot_data(part) for part in self.parts]


def _slot_data(slot: Slot) -> dict[str, object]:
    data: dict[str, object] = {"slot": slot.kind, "question": slot.question, "blank": slot.blank}
    if slot.initial:
        data["initial"] = [list(row) for row in slot.initial]
    return data


def rules_data() -> dict[str, object]:
    """The rules for the page script."""
    return {"normalize": [list(pair) for pair in NORMALIZE], "trim": _TRIM} | {
        key: asdict(rules) for key, rules in RULES.items()
    }


def fill(template: TicketTemplate, answers: Mapping[str, AnswerValue]) -> str:
    """The ticket with ``answers`` (question id → text or table rows) in its slots."""
    rules = RULES[template.format]
    return "".join(
        part if isinstance(part, str) else _fill_slot(part, answers.get(part.question), rules)
        for part in template.parts
    )


def _fill_slot(slot: Slot, answer: AnswerValue | None, rules: AnswerRules) -> str:
    if not is_answered(slot, answer):
        return slot.blank
    if slot.kind == "check":
        return rules.checked
    if isinstance(answer, str):
        lines = (written(line, rules.line, rules.style) for line in answer_lines(answer))
        return rules.before + "\n".join(rules.indent + line if line else "" for line in lines) + rules.after
    assert answer is not None
    return "".join("\n" + _row(row, rules) for row in answer)


def is_answered(slot: Slot, answer: AnswerValue | None) -> bool:
    if answer is None:
        return False
    if (slot.kind == "answer" and not isinstance(answer, str)) or (
        slot.kind == "table" and isinstance(answer, str)
    ):
        return False  # an answer of the other shape (a question turned into a table or back)
    if isinstance(answer, str):
        return bool(answer_lines(answer))
    return [[cell_line(cell) for cell in row] for row in answer] != [
        [cell_line(cell) for cell in row] for row in slot.initial
    ]


def answer_lines(text: str) -> list[str]:
    """The answer's lines: normalized, trimmed, no blank line at either end nor two in a row."""
    for pattern, replacement in NORMALIZE:
        text = re.sub(pattern, replacement, text)
    lines: list[str] = []
    for line in text.split("\n"):
        line = re.sub(_TRIM, "", line)
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def cell_line(text: str) -> str:
    """A cell's text on one line."""
    return " ".join(line for line in answer_lines(text) if line)


def _row(row: Sequence[str], rules: AnswerRules) -> str:
    cells = [cell_line(cell) for cell in row]
    text = [written(cell, rules.cell, rules.style) if cell else rules.blank_cell for cell in cells]
    return rules.row_start + rules.cell_join.join(text) + rules.row_end


def written(text: str, rewrites: Sequence[Rewrite], style: Literal["reference", "backslash"]) -> str:
    """``text`` with each rewrite applied where it matches (one pass, the first rule wins)."""
    combined = "|".join(f"({rewrite.pattern})" for rewrite in rewrites)

    def write(match: re.Match[str]) -> str:
        rewrite = rewrites[(match.lastindex or 0) - 1]
        if rewrite.write is not None:
            return rewrite.write.replace("{}", match[0])
        return "".join(f"&#{ord(char)};" if style == "reference" else "\\" + char for char in match[0])

    return re.sub(combined, write, text)
