"""The brochure: the whole guide as two A4 PDFs from one HTML document, rendered by WeasyPrint.

- the screen edition (``projektleitfaden.pdf``): tagged PDF/UA-1 with language, title,
  bookmarks and working links, for reading and for screen readers;
- the print edition (``projektleitfaden-druck.pdf``): PDF/X-4 for the print shop, with 3 mm
  bleed, crop marks and „Notizen“ pages that pad it to a multiple of 4 (saddle stitching).

The HTML comes from templates/brochure.html.j2, the layout from static/brochure.css (CSS
paged media); its ``@media print`` part is what only the print edition gets. Fonts come
from static/fonts: nothing is fetched from the network and no system font is used. Both
editions share one font configuration and one parsed set of font faces, so the fonts are
loaded once. Output is deterministic: dates come from SOURCE_DATE_EPOCH, the identifiers
are derived from the content.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import weasyprint  # type: ignore[import-untyped]  # WeasyPrint ships no type hints
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from . import qr
from .model import Guide
from .site import SiteUrl, source_date
from .templating import render

STATIC_DIR: Final = Path(__file__).resolve().parent / "static"
STYLESHEET: Final = STATIC_DIR / "brochure.css"
FONTS: Final = STATIC_DIR / "fonts" / "fonts.css"
#: The package's own files and inline data only: a remote URL in a template is an error.
ALLOWED_PROTOCOLS: Final = ("file", "data")
#: Saddle stitching folds sheets of four pages.
PRINT_PAGE_MULTIPLE: Final = 4
#: Ruled lines on a „Notizen“ page: as many as fill its type area.
NOTES_LINES: Final = 28
#: PDF/X needs a date; without SOURCE_DATE_EPOCH the print edition takes this fixed one
#: (the date zip files use for "no date"), never the clock.
UNDATED: Final = "1980-01-01T00:00:00Z"


class BrochureError(Exception):
    """The brochure cannot be rendered cleanly; the message (German) says why."""


@dataclass(frozen=True)
class Edition:
    """One of the two PDFs made from the brochure's HTML."""

    #: CSS media type: ``print`` adds the print shop's rules (bleed, crop marks, Notizen).
    media: str
    pdf_variant: str
    #: Appended to the file name's stem: projektleitfaden.pdf, projektleitfaden-druck.pdf.
    suffix: str

    def path(self, screen_path: Path) -> Path:
        return screen_path.with_name(f"{screen_path.stem}{self.suffix}{screen_path.suffix}")


SCREEN: Final = Edition(media="screen", pdf_variant="pdf/ua-1", suffix="")
PRINT: Final = Edition(media="print", pdf_variant="pdf/x-4", suffix="-druck")


def render_html(guide: Guide, site: SiteUrl, notes_pages: int = 0) -> str:
    """The brochure as one HTML document; ``notes_pages`` „Notizen“ pages precede the contact."""
    return render(
        "brochure.html.j2",
        guide=guide,
        site=site,
        author=guide.contact.company,
        date=_source_date(),
        notes_pages=notes_pages,
        notes_lines=NOTES_LINES,
        qr_codes={chapter.id: _data_uri(qr.svg(site.chapter(chapter.id))) for chapter in guide.chapters},
        url_parts=_url_parts,
    )


def write_pdf(guide: Guide, site: SiteUrl, path: Path) -> tuple[Path, Path]:
    """Write both editions: the screen edition to ``path``, the print edition beside it.

    Raises :class:`BrochureError` on any WeasyPrint warning.
    """
    renderer = _Renderer()
    with _fail_on_warnings():
        screen_html = render_html(guide, site)
        screen = renderer.render(screen_html, SCREEN)
        print_html = render_html(guide, site, notes_pages=-len(screen.pages) % PRINT_PAGE_MULTIPLE)
        printed = renderer.render(print_html, PRINT)
        if len(printed.pages) % PRINT_PAGE_MULTIPLE:
            raise BrochureError(
                f"Die Druckausgabe hat {len(printed.pages)} Seiten, keine durch "
                f"{PRINT_PAGE_MULTIPLE} teilbare Zahl (Rückstichheftung)"
            )
        outputs = {
            SCREEN.path(path): renderer.pdf(screen, SCREEN, screen_html),
            PRINT.path(path): renderer.pdf(printed, PRINT, print_html),
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, pdf in outputs.items():
        target.write_bytes(pdf)
    return SCREEN.path(path), PRINT.path(path)


class _Renderer:
    """Renders editions with one font configuration: the font faces are loaded only once."""

    def __init__(self) -> None:
        self.fetcher = URLFetcher(allowed_protocols=ALLOWED_PROTOCOLS)
        self.fonts = FontConfiguration()
        self.font_faces = weasyprint.CSS(
            filename=str(FONTS), font_config=self.fonts, url_fetcher=self.fetcher
        )

    def render(self, html: str, edition: Edition) -> Any:
        layout = weasyprint.CSS(
            filename=str(STYLESHEET),
            media_type=edition.media,
            font_config=self.fonts,
            url_fetcher=self.fetcher,
        )
        document = weasyprint.HTML(
            string=html,
            base_url=STATIC_DIR.as_uri() + "/",
            url_fetcher=self.fetcher,
            media_type=edition.media,
        )
        return document.render(
            font_config=self.fonts,
            stylesheets=[self.font_faces, layout],
            pdf_variant=edition.pdf_variant,
            output_intent="srgb",
        )

    def pdf(self, document: Any, edition: Edition, html: str) -> bytes:
        if edition.pdf_variant.startswith("pdf/x") and not document.metadata.created:
            document.metadata.created = document.metadata.modified = UNDATED
        return document.write_pdf(  # type: ignore[no-any-return]
            pdf_variant=edition.pdf_variant,
            # sRGB, the colours the CSS is written in, as the output intent (WeasyPrint's own profile)
            output_intent="srgb",
            # the /ID is a hash of the content, not a random number
            pdf_identifier=True,
            finisher=_stable_document_id(html),
        )


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
