"""The print brochure: the whole guide as one A4 PDF, rendered by WeasyPrint.

The HTML comes from templates/brochure.html.j2, the layout from static/brochure.css (CSS
paged media), the fonts from static/fonts: nothing is fetched from the network and no
system font is used. Output is deterministic: the PDF carries the date of
SOURCE_DATE_EPOCH (or none at all) and an identifier derived from its own content.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

import weasyprint  # type: ignore[import-untyped]  # WeasyPrint ships no type hints
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from . import qr
from .model import Guide
from .site import SiteUrl, source_date
from .templating import render

STATIC_DIR: Final = Path(__file__).resolve().parent / "static"
STYLESHEET: Final = "brochure.css"
#: The package's own files and inline data only: a remote URL in a template is an error.
ALLOWED_PROTOCOLS: Final = ("file", "data")


class BrochureError(Exception):
    """The brochure cannot be rendered cleanly; the message (German) says why."""


def render_html(guide: Guide, site: SiteUrl) -> str:
    """The brochure as one HTML document; relative URLs point into static/."""
    return render(
        "brochure.html.j2",
        guide=guide,
        site=site,
        author=guide.contact.company,
        date=_source_date(),
        stylesheet=STYLESHEET,
        qr_codes={chapter.id: _data_uri(qr.svg(site.chapter(chapter.id))) for chapter in guide.chapters},
    )


def write_pdf(guide: Guide, site: SiteUrl, path: Path) -> None:
    """Render the brochure to ``path``. Raises :class:`BrochureError` on any WeasyPrint warning."""
    document = weasyprint.HTML(
        string=render_html(guide, site),
        base_url=STATIC_DIR.as_uri() + "/",
        url_fetcher=URLFetcher(allowed_protocols=ALLOWED_PROTOCOLS),
    )
    with _fail_on_warnings():
        # pdf_identifier=True: the /ID is a hash of the content, not a random number.
        pdf = document.write_pdf(font_config=FontConfiguration(), pdf_identifier=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)


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
