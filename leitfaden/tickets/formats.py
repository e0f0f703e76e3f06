"""The ticket formats: one renderer per tracker markup, and the typed registry of them.

A ticket is made of a few kinds of blocks (paragraph, task, note, table, link); each
markup's module in :mod:`leitfaden.markup` writes them in its syntax, string in, string
out. Adding a format means adding a markup module and one registry entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from ..markup.jira import JiraMarkup
from ..markup.markdown import MarkdownMarkup
from ..markup.textile import TextileMarkup
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


@dataclass(frozen=True)
class CsvColumns:
    """Column names of a CSV import: every importer that reads the file maps them without help.

    GitLab reads "title" and "description" (before GitLab 12.10 by position, as the first
    two columns); Redmine maps its field keys ("subject", "description") in every language;
    Jira's CSV wizard maps columns named like its fields ("Summary", "Description", "Issue
    Type").
    """

    title: str
    description: str
    #: More columns holding the title, for importers that call it differently.
    title_again: tuple[str, ...] = ()
    #: Further columns with one value for every row, e.g. Jira's issue type.
    fixed: tuple[tuple[str, str], ...] = ()

    @property
    def header(self) -> list[str]:
        return [self.title, self.description, *self.title_again, *(name for name, _ in self.fixed)]

    def row(self, title: str, description: str) -> list[str]:
        return [title, description, *(title for _ in self.title_again), *(value for _, value in self.fixed)]


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
    #: The CSV's header: names each importer maps on its own (see CsvColumns).
    csv_columns: CsvColumns
    markup: Markup


FORMATS: Final[tuple[TicketFormat, ...]] = (
    TicketFormat(
        "markdown",
        "Markdown",
        "GitHub, GitLab, YouTrack, Jira Cloud und Redmine mit CommonMark",
        ".md",
        "projektleitfaden.csv",
        "GitLab, YouTrack und Redmine mit CommonMark",
        CsvColumns("title", "description", title_again=("subject",)),
        MarkdownMarkup(),
    ),
    TicketFormat(
        "jira",
        "Jira-Wiki-Markup",
        "Jira Data Center und Jira Server",
        ".jira.txt",
        "projektleitfaden.jira.csv",
        "Jira Cloud, Jira Data Center und Jira Server",
        CsvColumns("Summary", "Description", fixed=(("Issue Type", "Task"),)),
        JiraMarkup(),
    ),
    TicketFormat(
        "textile",
        "Textile",
        "Redmine mit Textile",
        ".textile",
        "projektleitfaden.textile.csv",
        "Redmine mit Textile",
        CsvColumns("subject", "description"),
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
