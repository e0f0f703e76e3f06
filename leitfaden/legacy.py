"""The page behind the addresses printed in old brochures: ``devopsguide-de.html#<chapter-id>``.

The old guide was one page with an anchor per chapter; today every chapter has its own page.
The generated page lists every chapter under its old anchor id (so it works without
JavaScript), and assets/javascripts/legacy.js forwards a known anchor to the chapter's page.
"""

from __future__ import annotations

from .model import Guide
from .templating import render

#: Site path of the old single-page guide; it is printed and must never change.
LEGACY_PAGE = "devopsguide-de.html"


def legacy_page(guide: Guide) -> str:
    """The HTML of LEGACY_PAGE (served as it is: MkDocs copies .html files unchanged)."""
    return render("legacy.html.j2", guide=guide)
