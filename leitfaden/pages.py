"""The website's pages as Markdown, one renderer per page kind (MkDocs turns them into HTML)."""

from __future__ import annotations

from typing import Final

import yaml

from . import answering, oneclick, qr, tickets
from .markup import html, plain
from .markup.markdown import MarkdownMarkup
from .markup.text import ContentText
from .model import Chapter, Guide
from .site import SiteUrl
from .templating import render

DESCRIPTION_LIMIT = 155
#: The pages besides the home page and the chapters, in navigation order: title → source
#: path below docs/. „Über diesen Leitfaden“ is written by hand in docs/ueber.md.
MORE_PAGES: Final = {
    "Vorlagen": "vorlagen.md",
    "Änderungen": "aenderungen.md",
    "Über diesen Leitfaden": "ueber.md",
    "Kontakt": "kontakt.md",
}
_PAGE_MARKUP = MarkdownMarkup(for_page=True)


def home_page(guide: Guide) -> str:
    return _with_front_matter(
        guide.title,
        guide.subtitle + ". " + guide.foreword.paragraphs[0],
        render("home.md.j2", guide=guide, more_pages=MORE_PAGES, answers_home=answering.home_panel(guide)),
        hide=("toc",),  # its only heading is „Inhalt“: the contents list is the page itself
    )


def chapter_page(guide: Guide, chapter: Chapter, site: SiteUrl) -> str:
    body = render(
        "chapter.md.j2",
        guide=guide,
        chapter=chapter,
        markdown_table=_PAGE_MARKUP.table,  # the tickets' GFM table writer, with the page's links
        qr_figure=_qr_figure(chapter, site),
        ticket_section=_ticket_section(guide, chapter, site),
        answers_panel=answering.chapter_panel(guide, chapter),
        changed=_changed_in_chapter(guide, chapter),
    )
    return _with_front_matter(chapter.title, chapter.intro[0], body)


def contact_page(guide: Guide) -> str:
    contact = guide.contact
    return _with_front_matter(
        "Kontakt", f"{contact.question} {contact.hotline}", render("contact.md.j2", contact=contact)
    )


def templates_page(guide: Guide, site: SiteUrl) -> str:
    """The Vorlagen page: how to get the tickets into each tracker, and every download."""
    guide_size, guide_fits = tickets.guide_fits(guide, site)
    return render(
        "vorlagen.md.j2",
        formats_table=tickets.formats_markdown(),
        oneclick=oneclick.templates_section(guide),
        answers=answering.templates_panel(guide),
        downloads_list=tickets.downloads_markdown(guide),
        csv_formats=tickets.FORMATS,
        chapter_count=len(guide.chapters),
        guide_size=guide_size,
        guide_fits=guide_fits,
    )


def changes_page(guide: Guide) -> str:
    """„Änderungen“: what each edition changed, newest first, for holders of an older brochure."""
    return _with_front_matter(
        "Änderungen",
        f"Was sich in den Ausgaben des Leitfadens geändert hat, bis zur aktuellen Ausgabe {guide.version}.",
        render("changes.md.j2", guide=guide, question_title=_question_title(guide)),
    )


def _question_title(guide: Guide) -> dict[str, ContentText]:
    """``kapitel#frage`` → the question's text, for every question in the guide."""
    return {f"{c.id}#{q.id}": ContentText(q.text) for c in guide.chapters for q in c.questions}


def _changed_in_chapter(guide: Guide, chapter: Chapter) -> dict[str, str]:
    """Question id → „neu“ or „geändert“ for the chapter's questions this edition changed."""
    prefix = f"{chapter.id}#"
    changed = guide.changed_questions().items()
    return {ref.removeprefix(prefix): kind for ref, kind in changed if ref.startswith(prefix)}


def _qr_figure(chapter: Chapter, site: SiteUrl) -> str:
    """The chapter's QR code for a printed page; ``src`` is relative to docs/ (MkDocs rewrites it)."""
    return render("qr_figure.md.j2", url=site.chapter(chapter.id), src=qr.site_path(chapter.id))


def _ticket_section(guide: Guide, chapter: Chapter, site: SiteUrl) -> str:
    buttons, switch = oneclick.chapter_buttons(chapter), answering.blank_switch()
    return tickets.ticket_section(guide, chapter, site, buttons, switch)


def _with_front_matter(title: str, description: str, body: str, hide: tuple[str, ...] = ()) -> str:
    """The page with its title and meta description, escaped for the theme (it inserts them as they are)."""
    meta: dict[str, object] = {
        "title": str(html.theme_text(title)),
        "description": str(html.theme_escape(_shorten(plain.inline(description)))),
    }
    if hide:
        meta["hide"] = list(hide)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n\n{body}"


def _shorten(text: str) -> str:
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    cut = text[: DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"
