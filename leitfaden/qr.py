"""QR codes that lead from the printed brochure back to the chapter pages.

One pure function with fixed parameters, so the same URL always gives the same SVG: the
brochure embeds it and the website publishes it at ``/qr/<chapter-id>.svg``.
"""

from __future__ import annotations

import functools
import io
from typing import Final

import segno

from .model import Guide
from .site import SiteUrl

#: Error correction level M restores up to 15 % of a damaged or smudged code.
ERROR_LEVEL: Final = "M"
#: The quiet zone around the symbol, in modules; 4 is what the QR standard requires.
BORDER: Final = 4
#: The data mask (pattern 3 of ISO/IEC 18004), fixed rather than chosen per code: choosing
#: scores all eight masks and was four fifths of the time a code took. Over the chapter
#: URLs of every site address we use, pattern 3 scores within 15 % of the best choice.
MASK: Final = 3
#: Where the website publishes the codes, relative to its root.
SITE_DIR: Final = "qr"


@functools.lru_cache(maxsize=256)
def svg(url: str) -> str:
    """The QR code of ``url`` as a standalone vector SVG that scales to any size.

    The error level is never raised automatically (``boost_error=False``) and the mask is
    fixed: fixed input, fixed parameters, byte-identical output. So a process makes each
    code once: a rebuild under `mkdocs serve` reuses it (a fifth of the content checks' time).
    """
    code = segno.make_qr(url, error=ERROR_LEVEL, boost_error=False, mask=MASK)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        border=BORDER,
        dark="#000",
        light="#fff",
        xmldecl=False,
        omitsize=True,  # a viewBox instead of a fixed size: the page decides how big
        svgclass=None,
        lineclass=None,
        nl=True,
    )
    return out.getvalue().decode("utf-8")


def site_path(chapter_id: str) -> str:
    """Path of a chapter's QR code below the site root (and below docs/)."""
    return f"{SITE_DIR}/{chapter_id}.svg"


def site_files(guide: Guide, site: SiteUrl) -> dict[str, str]:
    """Site path → SVG of every chapter's QR code, pointing at the chapter's absolute URL."""
    return {site_path(chapter.id): svg(site.chapter(chapter.id)) for chapter in guide.chapters}
