"""Issue 4, "Copy into your tracker": every chapter as a ticket, in every tracker's markup.

``formats`` holds one renderer per markup and their registry, ``render`` the ticket text,
``downloads`` the files under /vorlagen/, ``section`` the Markdown shown on the pages.
"""

from __future__ import annotations

from .downloads import COLLECTIONS, chapter_file, download_files, download_path
from .formats import COMPACT, FORMATS, FULL, MARKDOWN, VARIANTS, TicketFormat, Variant
from .render import GUIDE_LIMIT, TICKET_LIMIT, guide_fits, guide_markdown, ticket, ticket_title
from .section import downloads_markdown, formats_markdown, ticket_section

__all__ = [
    "COLLECTIONS",
    "COMPACT",
    "FORMATS",
    "FULL",
    "GUIDE_LIMIT",
    "MARKDOWN",
    "TICKET_LIMIT",
    "VARIANTS",
    "TicketFormat",
    "Variant",
    "chapter_file",
    "download_files",
    "download_path",
    "downloads_markdown",
    "formats_markdown",
    "guide_fits",
    "guide_markdown",
    "ticket",
    "ticket_section",
    "ticket_title",
]
