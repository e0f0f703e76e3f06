"""The ticket formats: one renderer per tracker markup, and the typed registry of them.

A ticket is made of a few kinds of blocks (paragraph, task, note, table, link); each
markup class writes them in its syntax, string in, string out. Adding a format means
adding a class and one registry entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from .. import inline
from ..model import Table


class Markup(Protocol):
    """How one tracker markup writes the blocks of a ticket."""

    def inline(self, text: str) -> str:
        """A content text (inline Markdown) in this markup, every other character literal."""
        ...

    def heading(self, text: str) -> str: ...

    def task(self, text: str) -> str:
        """A question as an open checklist item."""
        ...

    def note(self, label: str, paragraphs: Sequence[str]) -> str:
        """Paragraphs set apart as a quote, the first one starting with ``label``."""
        ...

    def table(self, table: Table) -> str:
        """A fill-in table whose blank cells survive the tracker's renderer."""
        ...

    def link(self, label: str, url: str) -> str: ...


def _cell_text(cell: str) -> str:
    return " ".join(cell.split())  # a table row is one line in every markup


class MarkdownMarkup:
    """CommonMark with GitHub's task lists and tables (GFM)."""

    def inline(self, text: str) -> str:
        return inline.to_markdown(text)

    def heading(self, text: str) -> str:
        return "## " + inline.to_markdown(text)

    def task(self, text: str) -> str:
        return f"- [ ] **{inline.to_markdown(text)}**"

    def note(self, label: str, paragraphs: Sequence[str]) -> str:
        first, *rest = paragraphs
        lines = [f"> **{label}** {inline.to_markdown(first)}"]
        lines += [f">\n> {inline.to_markdown(paragraph)}" for paragraph in rest]
        return "\n".join(lines)

    def table(self, table: Table) -> str:
        rows = [self._row(table.columns), "|" + "|".join(" --- " for _ in table.columns) + "|"]
        return "\n".join(rows + [self._row(row) for row in table.all_rows])

    def link(self, label: str, url: str) -> str:
        return f"[{inline.to_markdown(label)}]({url})"

    def _row(self, cells: Sequence[str]) -> str:
        # A blank cell is one space: GFM keeps it as an empty <td>.
        return "| " + " | ".join(self._cell(cell) for cell in cells) + " |"

    def _cell(self, cell: str) -> str:
        text = _cell_text(cell)
        return inline.to_markdown(text).replace("|", "\\|") if text else " "


class JiraMarkup:
    """Jira wiki markup. It has no checkboxes: a question is a bullet starting with "[ ]"."""

    def inline(self, text: str) -> str:
        return inline.to_jira(text)

    def heading(self, text: str) -> str:
        return "h2. " + inline.to_jira(text)

    def task(self, text: str) -> str:
        return f"* \\[ \\] *{inline.to_jira(text)}*"

    def note(self, label: str, paragraphs: Sequence[str]) -> str:
        return _quoted_paragraphs(label, [inline.to_jira(paragraph) for paragraph in paragraphs])

    def table(self, table: Table) -> str:
        header = "||" + "||".join(inline.to_jira(_cell_text(cell)) for cell in table.columns) + "||"
        # "||" would be a header cell, so a blank cell is "| |".
        rows = [
            "|" + "|".join(inline.to_jira(_cell_text(cell)) or " " for cell in row) + "|"
            for row in table.all_rows
        ]
        return "\n".join([header, *rows])

    def link(self, label: str, url: str) -> str:
        return f"[{inline.to_jira(label).replace(']', '&#93;')}|{url}]"


# Cell attributes ("_." header, "<." alignment, "\2." colspan …) at the start of a cell.
_TEXTILE_CELL_ATTRIBUTES = re.compile(r"(?:_|[\\/]\d+|[<>=^~]|\([^)]*\)|\{[^}]*\}|\[[^\]]*\])*\.\s")


class TextileMarkup:
    """Textile as Redmine renders it. No checkboxes either: "[ ]" opens each question."""

    def inline(self, text: str) -> str:
        return inline.to_textile(text)

    def heading(self, text: str) -> str:
        return "h2. " + inline.to_textile(text)

    def task(self, text: str) -> str:
        return "* [ ] " + inline.textile_phrase("*", inline.to_textile(text))

    def note(self, label: str, paragraphs: Sequence[str]) -> str:
        return _quoted_paragraphs(label, [inline.to_textile(paragraph) for paragraph in paragraphs])

    def table(self, table: Table) -> str:
        header = "|" + "|".join(f"_. {self._cell(cell)}" for cell in table.columns) + "|"
        rows = ["|" + "|".join(self._cell(cell) or " " for cell in row) + "|" for row in table.all_rows]
        return "\n".join([header, *rows])

    def link(self, label: str, url: str) -> str:
        return f'["{inline.to_textile(label)}":{url}]'

    def _cell(self, cell: str) -> str:
        text = inline.to_textile(_cell_text(cell))
        if _TEXTILE_CELL_ATTRIBUTES.match(text):
            text = f"&#{ord(text[0])};{text[1:]}"
        return text


def _quoted_paragraphs(label: str, paragraphs: Sequence[str]) -> str:
    """Jira and Textile: ``bq.`` quotes one paragraph, so each paragraph gets its own."""
    first, *rest = paragraphs
    return "\n\n".join([f"bq. *{label}* {first}", *(f"bq. {paragraph}" for paragraph in rest)])


@dataclass(frozen=True)
class TicketFormat:
    key: str
    #: The tab label on every chapter page; identical everywhere, so a reader's choice holds.
    label: str
    #: Which trackers read this markup (German, shown to readers).
    trackers: str
    #: File name ending of a chapter's ticket, e.g. ``architektur.jira.txt``.
    suffix: str
    #: All chapters as one CSV file, and which trackers' CSV import reads it.
    csv_name: str
    csv_importers: str
    markup: Markup


FORMATS: Final[tuple[TicketFormat, ...]] = (
    TicketFormat(
        "markdown",
        "Markdown",
        "GitHub, GitLab, YouTrack, Redmine mit CommonMark und Jira Cloud",
        ".md",
        "projektleitfaden.csv",
        "GitLab, YouTrack und Redmine mit CommonMark",
        MarkdownMarkup(),
    ),
    TicketFormat(
        "jira",
        "Jira wiki markup",
        "Jira Server und Jira Data Center",
        ".jira.txt",
        "projektleitfaden.jira.csv",
        "Jira Cloud, Jira Server und Jira Data Center",
        JiraMarkup(),
    ),
    TicketFormat(
        "textile",
        "Textile",
        "Redmine mit Textile",
        ".textile",
        "projektleitfaden.textile.csv",
        "Redmine mit Textile",
        TextileMarkup(),
    ),
)
MARKDOWN: Final = FORMATS[0]


@dataclass(frozen=True)
class Variant:
    #: Part of the file name (``architektur.kompakt.md``); empty for the full ticket.
    key: str
    label: str
    with_help: bool


FULL: Final = Variant("", "vollständig", with_help=True)
COMPACT: Final = Variant("kompakt", "kompakt, ohne Hinweise", with_help=False)
VARIANTS: Final[tuple[Variant, ...]] = (FULL, COMPACT)
