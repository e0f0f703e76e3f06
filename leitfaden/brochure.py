"""The brochure: the whole guide as two A4 PDFs from one layout, rendered by WeasyPrint.

- the screen edition (``projektleitfaden.pdf``): tagged PDF/UA-1 with language, title,
  bookmarks and working links, for reading and for screen readers;
- the print edition (``projektleitfaden-druck.pdf``): PDF/X-4 for the print shop, with 3 mm
  bleed, crop marks and „Notizen“ pages that pad it to a multiple of 4 (saddle stitching).

The HTML comes from templates/brochure.html.j2, the layout from static/brochure.css (CSS
paged media), the fonts from static/fonts: nothing is fetched from the network and no
system font is used. The guide is laid out once; both editions are written from that one
layout (the costly step), the print edition with the Notizen pages appended and its pages
widened by the bleed, which the cover's colour band already reaches into. Output is
deterministic: dates come from SOURCE_DATE_EPOCH, the identifiers from the content.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import logging
import multiprocessing
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from . import qr
from .answers import Answers
from .buildinfo import build_info
from .markup import plain
from .model import Guide
from .site import SiteUrl, source_date
from .templating import render
from .tickets.filling import answer_lines, cell_line
from .weasy import FontConfiguration, URLFetcher, pydyf, weasyprint

STATIC_DIR: Final = Path(__file__).resolve().parent / "static"
STYLESHEET: Final = STATIC_DIR / "brochure.css"
FONTS: Final = STATIC_DIR / "fonts" / "fonts.css"
#: The package's own files and inline data only: a remote URL in a template is an error.
ALLOWED_PROTOCOLS: Final = ("file", "data")
#: Saddle stitching folds sheets of four pages.
PRINT_PAGE_MULTIPLE: Final = 4
#: Ruled lines on a „Notizen“ page: as many as fill its type area.
NOTES_LINES: Final = 28
#: The print edition's bleed on every side: 3 mm in PDF points.
BLEED_PT: Final = 3 / 25.4 * 72
#: Hairline crop marks (0.25 pt, black), 5 mm long, starting where the bleed ends.
CROP_MARK_WIDTH_PT: Final = 0.25
CROP_MARK_LENGTH_PT: Final = 5 / 25.4 * 72
#: PDF/X needs a date; without SOURCE_DATE_EPOCH the print edition takes this fixed one
#: (the date zip files use for "no date"), never the clock.
UNDATED: Final = "1980-01-01T00:00:00Z"


class BrochureError(Exception):
    """The brochure cannot be rendered cleanly; the message (German) says why."""


@dataclass(frozen=True)
class Edition:
    """One of the two PDFs written from the brochure's layout."""

    pdf_variant: str
    #: Appended to the file name's stem: projektleitfaden.pdf, projektleitfaden-druck.pdf.
    suffix: str

    def path(self, screen_path: Path) -> Path:
        return screen_path.with_name(f"{screen_path.stem}{self.suffix}{screen_path.suffix}")


SCREEN: Final = Edition(pdf_variant="pdf/ua-1", suffix="")
PRINT: Final = Edition(pdf_variant="pdf/x-4", suffix="-druck")


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


def write_pdf(
    guide: Guide, site: SiteUrl, path: Path, answers: FilledAnswers | None = None
) -> tuple[Path, Path]:
    """Write both editions: the screen edition to ``path``, the print edition beside it.

    Raises :class:`BrochureError` on any WeasyPrint warning.
    """
    renderer = _Renderer()
    with _fail_on_warnings():
        html = render_html(guide, site, answers)
        document = renderer.render(html)
        pages = list(document.pages)
        notes = -len(pages) % PRINT_PAGE_MULTIPLE
        if notes:
            pages += renderer.render(render_notes_html(notes)).pages
        # The two editions are written at once, the print edition in a forked process
        # that shares the layout: on two cores both take as long as the slower one.
        print_edition = _started_in_child(lambda: renderer.pdf(document.copy(pages), PRINT, html))
        outputs = {SCREEN.path(path): renderer.pdf(document, SCREEN, html), PRINT.path(path): print_edition()}
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, pdf in outputs.items():
        target.write_bytes(pdf)
    return SCREEN.path(path), PRINT.path(path)


def _started_in_child(job: Callable[[], bytes]) -> Callable[[], bytes]:
    """Start ``job`` in a forked copy of this process; the returned function waits for its
    result. The copy shares everything laid out so far, nothing is pickled but the bytes."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def run() -> None:
        try:
            with _fail_on_warnings():
                sender.send(("pdf", job()))
        except BrochureError as error:
            sender.send(("error", str(error)))

    process = context.Process(target=run, name="druckausgabe", daemon=True)
    process.start()
    sender.close()

    def result() -> bytes:
        try:
            kind, value = receiver.recv()
        except EOFError:
            kind, value = "error", "Die Druckausgabe brach ab, ohne ein Ergebnis zu liefern (siehe oben)"
        finally:
            process.join()
            receiver.close()
        if kind == "error":
            raise BrochureError(value)
        return value  # type: ignore[no-any-return]

    return result


class _Renderer:
    """Lays out HTML with one font configuration: the font faces are loaded only once."""

    def __init__(self) -> None:
        self.fetcher = URLFetcher(allowed_protocols=ALLOWED_PROTOCOLS)
        self.fonts = FontConfiguration()
        self.stylesheets = [
            weasyprint.CSS(filename=str(path), font_config=self.fonts, url_fetcher=self.fetcher)
            for path in (FONTS, STYLESHEET)
        ]

    def render(self, html: str) -> Any:
        document = weasyprint.HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=self.fetcher)
        return document.render(font_config=self.fonts, stylesheets=self.stylesheets, output_intent="srgb")

    def pdf(self, document: Any, edition: Edition, html: str) -> bytes:
        finishers = [_stable_document_id(html)]
        if edition is PRINT:
            if not document.metadata.created:  # a copy: the screen edition stays undated
                document.metadata = copy.copy(document.metadata)
                document.metadata.created = document.metadata.modified = UNDATED
            finishers.append(_add_bleed_and_crop_marks)
        return document.write_pdf(  # type: ignore[no-any-return]
            pdf_variant=edition.pdf_variant,
            # sRGB, the colours the CSS is written in, as the output intent (WeasyPrint's own profile)
            output_intent="srgb",
            # the /ID is a hash of the content, not a random number
            pdf_identifier=True,
            finisher=lambda document, pdf: [finish(document, pdf) for finish in finishers],
        )


def _add_bleed_and_crop_marks(_document: Any, pdf: Any) -> None:
    """Give every page the bleed around its A4 trim and crop marks outside the bleed, and
    drop its link annotations.

    TrimBox is the page as laid out, BleedBox 3 mm more on every side (the cover's colour
    band reaches into it), MediaBox adds room for the marks: at each corner a line on
    each trim line, from the bleed's edge outwards, so trimming never cuts into one.
    """
    kids = pdf.pages["Kids"]
    for number in kids[::3]:  # pydyf keeps the references flat: number, 0, "R"
        page = pdf.objects[number]
        left, bottom, right, top = (float(value) for value in page["MediaBox"])
        page["TrimBox"] = pydyf.Array([left, bottom, right, top])
        page["BleedBox"] = pydyf.Array([left - BLEED_PT, bottom - BLEED_PT, right + BLEED_PT, top + BLEED_PT])
        reach = BLEED_PT + CROP_MARK_LENGTH_PT
        page["MediaBox"] = pydyf.Array([left - reach, bottom - reach, right + reach, top + reach])
        marks = pydyf.Stream()
        marks.set_line_width(CROP_MARK_WIDTH_PT)
        for x, y in ((left, bottom), (left, top), (right, bottom), (right, top)):
            out_x = -1 if x == left else 1
            out_y = -1 if y == bottom else 1
            marks.move_to(x + out_x * BLEED_PT, y)
            marks.line_to(x + out_x * reach, y)
            marks.move_to(x, y + out_y * BLEED_PT)
            marks.line_to(x, y + out_y * reach)
        marks.stroke()
        pdf.add_object(marks)
        page["Contents"] = pydyf.Array([page["Contents"], marks.reference])
        # Paper has nothing to click; PDF/X wants no annotations on the printed area.
        page.pop("Annots", None)


def _stable_document_id(seed: str) -> Callable[[Any, Any], None]:
    """A finisher that replaces the random XMP DocumentID WeasyPrint writes for PDF/X-4 by
    one derived from ``seed`` (the HTML), so two builds of the same content are identical."""

    def finish(_document: Any, pdf: Any) -> None:
        if "Metadata" not in pdf.catalog:
            return
        metadata = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
        digest = hashlib.sha256(seed.encode("utf-8")).digest()
        stable = f"xmp.did:{uuid.UUID(bytes=digest[:16])}".encode()
        metadata.stream = [re.sub(rb"xmp\.did:[0-9a-f-]{36}", stable, chunk) for chunk in metadata.stream]

    return finish


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


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _fail_on_warnings() -> Iterator[None]:
    """Turn WeasyPrint's warnings (a missing font, image or CSS property) into an error."""
    logger = logging.getLogger("weasyprint")
    collector, level = _Collector(), logger.level
    logger.addHandler(collector)
    logger.setLevel(min(level, logging.WARNING) or logging.WARNING)
    try:
        yield
    finally:
        logger.removeHandler(collector)
        logger.setLevel(level)
    if collector.messages:
        raise BrochureError(
            "WeasyPrint meldet Probleme in der Broschüre:\n"
            + "\n".join(f"  {message}" for message in collector.messages)
        )
