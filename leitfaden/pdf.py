"""The brochure's two A4 PDFs, written by WeasyPrint from one layout of its HTML.

- the screen edition (``projektleitfaden.pdf``): tagged PDF/UA-1 with language, title,
  bookmarks and working links, for reading and for screen readers;
- the print edition (``projektleitfaden-druck.pdf``): PDF/X-4 for the print shop, with 3 mm
  bleed, crop marks and „Notizen“ pages that pad it to a multiple of 4 (saddle stitching).

The layout comes from static/brochure.css (CSS paged media), the fonts from static/fonts:
nothing is fetched from the network and no system font is used. The HTML is laid out once;
both editions are written from that one layout (the costly step), the print edition with
the Notizen pages appended and its pages widened by the bleed, which the cover's colour
band already reaches into. The identifiers are derived from the HTML, so two builds of the
same content are identical.

This module knows nothing of the guide (brochure.py makes the HTML), and it loads WeasyPrint
only when it writes: the command line renders the HTML in a forked process meanwhile.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, TypeVar

from .forking import started_in_child

STATIC_DIR: Final = Path(__file__).resolve().parent / "static"
STYLESHEET: Final = STATIC_DIR / "brochure.css"
FONTS: Final = STATIC_DIR / "fonts" / "fonts.css"
#: The package's own files and inline data only: a remote URL in a template is an error.
ALLOWED_PROTOCOLS: Final = ("file", "data")
#: Saddle stitching folds sheets of four pages.
PRINT_PAGE_MULTIPLE: Final = 4
#: The print edition's bleed on every side: 3 mm in PDF points.
BLEED_PT: Final = 3 / 25.4 * 72
#: Hairline crop marks (0.25 pt, black), 5 mm long, starting where the bleed ends.
CROP_MARK_WIDTH_PT: Final = 0.25
CROP_MARK_LENGTH_PT: Final = 5 / 25.4 * 72
#: PDF/X needs a date; without SOURCE_DATE_EPOCH the print edition takes this fixed one
#: (the date zip files use for "no date"), never the clock.
UNDATED: Final = "1980-01-01T00:00:00Z"

T = TypeVar("T")


class BrochureError(Exception):
    """The brochure cannot be rendered cleanly; the message (German) says why."""


@dataclass(frozen=True)
class BrochureHtml:
    """The brochure as HTML, relative URLs pointing into static/: the document, and the
    „Notizen“ pages that pad the print edition, by their number (1 to PRINT_PAGE_MULTIPLE - 1)."""

    document: str
    notes: Mapping[int, str]


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


def write_editions(html: Callable[[], BrochureHtml], path: Path) -> tuple[Path, Path]:
    """Write both editions of ``html()``: the screen edition to ``path``, the print edition beside it.

    ``html`` is called once WeasyPrint is loaded, so it may be a result still being made in
    another process (:func:`~leitfaden.forking.started_in_child`). Raises :class:`BrochureError` on any
    WeasyPrint warning.
    """
    renderer = _Renderer()
    brochure = html()
    with _fail_on_warnings():
        document = renderer.render(brochure.document)
        pages = list(document.pages)
        notes = -len(pages) % PRINT_PAGE_MULTIPLE
        if notes:
            pages += renderer.render(brochure.notes[notes]).pages
        # The two editions are written at once, the print edition in a forked process
        # that shares the layout: on two cores both take as long as the slower one.
        print_edition = started_in_child(
            _failing_on_warnings(lambda: renderer.pdf(document.copy(pages), PRINT, brochure.document)),
            "Die Druckausgabe",
            BrochureError,
        )
        outputs = {
            SCREEN.path(path): renderer.pdf(document, SCREEN, brochure.document),
            PRINT.path(path): print_edition(),
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, pdf in outputs.items():
        target.write_bytes(pdf)
    return SCREEN.path(path), PRINT.path(path)


class _Renderer:
    """Lays out HTML with one font configuration: the font faces are loaded only once."""

    def __init__(self) -> None:
        from .weasy import FontConfiguration, URLFetcher, weasyprint  # loaded on first use, see above

        self.weasyprint = weasyprint
        self.fetcher = URLFetcher(allowed_protocols=ALLOWED_PROTOCOLS)
        self.fonts = FontConfiguration()
        self.stylesheets = [
            weasyprint.CSS(filename=str(path), font_config=self.fonts, url_fetcher=self.fetcher)
            for path in (FONTS, STYLESHEET)
        ]

    def render(self, html: str) -> Any:
        base_url = STATIC_DIR.as_uri() + "/"
        document = self.weasyprint.HTML(string=html, base_url=base_url, url_fetcher=self.fetcher)
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
    from .weasy import pydyf  # loaded by then: this runs inside WeasyPrint's write_pdf

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


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _failing_on_warnings(job: Callable[[], T]) -> Callable[[], T]:
    """``job`` within :func:`_fail_on_warnings`: a forked copy has its own logging to watch."""

    def run() -> T:
        with _fail_on_warnings():
            return job()

    return run


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
