"""The brochure's HTML: the whole guide, with a QR code per chapter, for pdf.py to lay out.

The HTML comes from templates/brochure.html.j2 and templates/brochure_notes.html.j2; its
relative URLs point into static/ (see pdf.py). Its date comes from SOURCE_DATE_EPOCH. With
answers from an answers file, they stand in place of the blank lines and table rows.
"""

from __future__ import annotations

import base64
import re
from typing import Final

from . import qr
from .answers import Answers
from .buildinfo import build_info
from .markup import plain
from .model import Guide
from .pdf import PRINT_PAGE_MULTIPLE, BrochureError, BrochureHtml
from .site import SiteUrl, source_date
from .templating import render
from .tickets.filling import answer_lines, cell_line

#: Ruled lines on a „Notizen“ page: as many as fill its type area.
NOTES_LINES: Final = 28


#: Filled-in answers for the brochure: ``kapitel-id/frage-id`` → the text's lines, or the table's rows.
FilledAnswers = dict[str, list[str] | list[list[str]]]


def filled_answers(guide: Guide, answers: Answers) -> FilledAnswers:
    """The answers as the brochure prints them: normalized as in the tickets, unanswered ones left out."""
    filled: FilledAnswers = {}
    for chapter in guide.chapters:
        for question_id, value in answers.for_chapter(chapter.id).items():
            table = chapter.question(question_id).table
            if isinstance(value, str) and answer_lines(value):
                filled[f"{chapter.id}/{question_id}"] = answer_lines(value)
            elif table is not None and not isinstance(value, str):
                rows = [[cell_line(cell) for cell in row] for row in value]
                if rows != [[cell_line(plain.inline(cell)) for cell in row] for row in table.all_rows]:
                    filled[f"{chapter.id}/{question_id}"] = rows
    return filled


def render_html(guide: Guide, site: SiteUrl, answers: FilledAnswers | None = None) -> str:
    """The brochure as one HTML document; relative URLs point into static/.

    With ``answers``, they stand in place of the blank lines and table rows.
    """
    return render(
        "brochure.html.j2",
        guide=guide,
        site=site,
        answers=answers or {},
        author=guide.contact.company,
        date=_source_date(),
        build=build_info(guide),
        qr_codes={chapter.id: _data_uri(qr.svg(site.chapter(chapter.id))) for chapter in guide.chapters},
        url_parts=_url_parts,
    )


def render_notes_html(pages: int) -> str:
    """``pages`` „Notizen“ pages with ruled lines, appended to the print edition."""
    return render("brochure_notes.html.j2", pages=pages, lines=NOTES_LINES)


def brochure_html(guide: Guide, site: SiteUrl, answers: FilledAnswers | None = None) -> BrochureHtml:
    """The brochure and every number of „Notizen“ pages the print edition may need."""
    notes = {pages: render_notes_html(pages) for pages in range(1, PRINT_PAGE_MULTIPLE)}
    return BrochureHtml(render_html(guide, site, answers), notes)


def _url_parts(url: str) -> list[str]:
    """``url`` cut after each "/", the only places its printed caption may break."""
    return re.findall(r"[^/]*/+|[^/]+$", url)


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _source_date() -> str | None:
    """SOURCE_DATE_EPOCH as a W3C date (UTC) for the PDF's creation date, or None."""
    try:
        moment = source_date()
    except ValueError as error:
        raise BrochureError(str(error)) from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None
