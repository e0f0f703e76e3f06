"""Everything the website is generated from: its navigation and its generated files."""

from __future__ import annotations

from . import answering, legacy, pages
from .buildinfo import BUILD_INFO_FILE, build_info
from .markup import html
from .model import Guide
from .qr import site_files as qr_files
from .site import SiteUrl
from .tickets import download_files as ticket_files

NavItem = dict[str, str]


def nav(guide: Guide) -> list[NavItem]:
    """Navigation in chapter order. Material writes nav titles unescaped: they come escaped."""
    chapters: list[NavItem] = [{html.theme_text(c.title): f"{c.id}.md"} for c in guide.chapters]
    more = [{title: path} for title, path in pages.MORE_PAGES.items()]
    return [{"Startseite": "index.md"}, *chapters, *more]


def generated_files(guide: Guide, site: SiteUrl) -> dict[str, str | bytes]:
    """Source path (relative to docs/) → content of every file generated from the guide.

    ``str`` content is a source MkDocs processes (``*.md`` becomes a page); ``bytes`` are
    published verbatim, whatever the name (the ``*.md`` ticket downloads).
    """
    files: dict[str, str | bytes] = {
        "index.md": pages.home_page(guide),
        "kontakt.md": pages.contact_page(guide),
        "vorlagen.md": pages.templates_page(guide, site),
        "aenderungen.md": pages.changes_page(guide),
        BUILD_INFO_FILE: build_info(guide).as_json(),
        legacy.LEGACY_PAGE: legacy.legacy_page(guide),
    }
    for chapter in guide.chapters:
        files[f"{chapter.id}.md"] = pages.chapter_page(guide, chapter, site)
    files.update(qr_files(guide, site))  # /qr/<chapter-id>.svg, the codes printed in the brochure
    files.update(ticket_files(guide, site))  # /vorlagen/: every ticket as a file, CSV, issue templates
    files.update(answering.template_files(guide, site))  # /vorlagen/antworten/: for the buttons there
    return dict(sorted(files.items()))
