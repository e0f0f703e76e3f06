"""What a page's first load is made of: its requests in groups, shared by test_weight.py and
`make bench` (scripts/bench_pages.py), which read the bytes in different ways.

The groups are the parts issue 14 asks about: the page's HTML, Material's bundle and styles,
the search (index, worker, language files), fonts, the site's own CSS and JavaScript, and
images (the favicon, a chapter's QR code for print).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

#: Group name → path prefixes below the site root, tried in this order.
GROUPS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("Material", ("assets/javascripts/bundle.", "assets/stylesheets/main.", "assets/stylesheets/palette.")),
    ("Suche", ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/")),
    ("eigenes CSS/JS", ("assets/javascripts/", "assets/stylesheets/")),
    ("Bilder", ("assets/images/", "qr/")),
)
FONT_SUFFIXES: Final = (".woff2", ".woff", ".ttf", ".otf")
PAGE: Final = "HTML"
FONTS: Final = "Schriften"
OTHER: Final = "Sonstiges"
#: Every group, in the order a report shows them.
GROUP_NAMES: Final = (PAGE, GROUPS[0][0], GROUPS[1][0], FONTS, GROUPS[2][0], GROUPS[3][0], OTHER)


def group_of(path: str, page_path: str) -> str:
    """The group of a request for ``path`` (below the site root) on the page at ``page_path``."""
    if path == page_path:
        return PAGE
    if path.endswith(FONT_SUFFIXES):
        return FONTS
    for name, prefixes in GROUPS:
        if path.startswith(prefixes):
            return name
    return OTHER


def by_group(sizes: Iterable[tuple[str, int]], page_path: str) -> dict[str, int]:
    """Bytes per group (every group, empty ones as 0) of (path, bytes) pairs."""
    totals = dict.fromkeys(GROUP_NAMES, 0)
    for path, size in sizes:
        totals[group_of(path, page_path)] += size
    return totals


def kib(size: float) -> str:
    return f"{size / 1024:.1f}"
