"""The ticket section at the end of every chapter page, and the download list of the Vorlagen page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Chapter, Guide
from ..site import SiteUrl
from ..templating import render
from .downloads import COLLECTIONS, chapter_file, download_path
from .formats import FORMATS, VARIANTS, TicketFormat
from .render import ticket, ticket_title

_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class FileLink:
    label: str
    name: str
    path: str


@dataclass(frozen=True)
class FormatTab:
    format: TicketFormat
    #: The ticket without its final newline: the code block shows the file byte for byte.
    body: str
    fence: str
    files: tuple[FileLink, ...]


def ticket_section(
    guide: Guide, chapter: Chapter, site: SiteUrl, oneclick: str = "", above_tabs: str = ""
) -> str:
    """Markdown for the chapter page: title and description to copy, one tab per format.

    ``oneclick`` is the button „In <System> anlegen“ (leitfaden/oneclick.py), placed above
    them; ``above_tabs`` is HTML between the heading „Beschreibung“ and the tabs (the switch
    to the blank ticket, leitfaden/answering.py).
    """
    tabs = [
        FormatTab(fmt, body.removesuffix("\n"), _fence(body), _file_links(chapter, fmt))
        for fmt in FORMATS
        for body in [ticket(guide, chapter, site, fmt)]
    ]
    title = ticket_title(chapter)
    return render("ticket_section.md.j2", title=title, tabs=tabs, oneclick=oneclick, above_tabs=above_tabs)


def downloads_markdown(guide: Guide) -> str:
    """The Vorlagen page's list of every download (paths relative to docs/)."""
    chapters = [(chapter, [_file_links(chapter, fmt) for fmt in FORMATS]) for chapter in guide.chapters]
    collections = [(FileLink(c.description, c.name, download_path(c.name))) for c in COLLECTIONS]
    return render("ticket_downloads.md.j2", formats=FORMATS, chapters=chapters, collections=collections)


def formats_markdown() -> str:
    """The Vorlagen page's table of formats: which trackers read which file."""
    return render("ticket_formats.md.j2", formats=FORMATS)


def _file_links(chapter: Chapter, fmt: TicketFormat) -> tuple[FileLink, ...]:
    # The table cell names the variant (vollständig, kompakt); the file name is the link's title.
    names = [(variant.key or "vollständig", chapter_file(chapter, fmt, variant)) for variant in VARIANTS]
    return tuple(FileLink(label, name, download_path(name)) for label, name in names)


def _fence(text: str) -> str:
    """A code fence longer than any backtick run in the text, so nothing in it ends the block."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(3, longest + 1)
