"""Tickets as templates with answer slots, and the one way to fill them.

A ticket is a sequence of literal parts and slots (:class:`TicketTemplate`): a check
marker per question, an answer block under it, and the rows of a fill-in table. Each
slot holds its blank text, so filling a template without answers gives exactly the blank
ticket. The page script (docs/assets/javascripts/answers.js) receives the same template
and the same :class:`AnswerRules` as JSON and applies them step by step as
:func:`fill` does, so the site and the CLI write the same bytes.

An answer is reader text, not content: every character stays literal. The rules are data
that Python and JavaScript read alike: regular expressions made of character classes,
``^`` and lookaheads only (no flags, no lookbehind, no ``\\w``), and plain strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Final, Literal

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
class AnswerRules:
    """How one markup writes reader text literally, and where an answer goes."""

    #: Every character this matches is escaped.
    escape: str
    #: When a line (or, for ``cell_start``, a cell) matches, its first character is escaped too.
    line_start: str
    cell_start: str
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


RULES: Final[dict[str, AnswerRules]] = {
    # CommonMark decodes numeric references everywhere, GFM splits cells before it does.
    # GFM links bare addresses ("https://…", "www.…") and takes a reference right after
    # one into the address, so their ":" and first "w" are escaped: they stay text.
    "markdown": AnswerRules(
        escape=r"[\\`*_\[\]~$|<&]|:(?=//)|w(?=ww\.)",
        line_start=r"^(?:[#>+=-]|[0-9]+[.)])",
        cell_start=r"^(?:[#>+=-]|[0-9]+[.)])",  # Jira Cloud's paste path reads lists in cells
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
    # Atlassian's parser shows references literally, so Jira escapes with a backslash.
    "jira": AnswerRules(
        # "\\" before a letter stays visible, so "h2." and "bq." (no block inside a paragraph
        # for Atlassian's parser) are left alone; "!" is an image only before text.
        escape=r"[|*_\[\]{}+^~?()#-]|!(?=[^ ])",
        line_start=r"^$",
        cell_start=r"^$",
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
    # Textile has no escape character: references, which RedCloth passes to the HTML.
    "textile": AnswerRules(
        # Redmine links bare addresses and takes references after them into the address.
        escape=r"[<>&|*_+^~@%!?=\"\[\](){}-]|:(?=//)|w(?=ww\.)",
        line_start=r"^(?:[#;:]|(?:bq|bc|fn[0-9]+|h[1-6]|notextile|p|pre|table|dl)[^ .]*\.)",
        cell_start=r"^[\\/][0-9]",
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
        lines = (_escape_line(line, rules.line_start, rules) if line else "" for line in answer_lines(answer))
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
    written = [_escape_line(cell, rules.cell_start, rules) if cell else rules.blank_cell for cell in cells]
    return rules.row_start + rules.cell_join.join(written) + rules.row_end


def _escape_line(line: str, start: str, rules: AnswerRules) -> str:
    escaped = re.sub(rules.escape, lambda match: _escape_char(match[0], rules), line)
    if re.search(rules.escape, line[0]) is None and re.search(start, line) is not None:
        escaped = _escape_char(line[0], rules) + escaped[1:]
    return escaped


def _escape_char(char: str, rules: AnswerRules) -> str:
    return f"&#{ord(char)};" if rules.style == "reference" else "\\" + char
