"""A chapter page printed from the browser: the content, without the site around it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from leitfaden.model import Chapter
from tests.browser.conftest import CHAPTERS

pytestmark = pytest.mark.browser

#: The site's chrome: header with search, both sidebars (navigation, contents), footer.
CHROME = [".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]
#: The closing ticket section: its heading, its text, the format tabs and the copy buttons.
TICKETS = ["#als_ticket", "#als_ticket ~ p", ".tabbed-set", "button.md-code__button[data-md-type=copy]"]


def visible(page: Page, selector: str) -> bool:
    elements = page.locator(selector)
    return any(elements.nth(index).is_visible() for index in range(elements.count()))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda chapter: chapter.id)
def test_print_shows_the_content_only(page: Page, chapter: Chapter) -> None:
    page.emulate_media(media="screen")
    page.goto(f"{chapter.id}/")
    page.wait_for_load_state("networkidle")
    # Material adds a code block's copy button once the block is on screen (content.lazy).
    page.locator("#als_ticket ~ .tabbed-set").scroll_into_view_if_needed()
    page.locator(TICKETS[-1]).first.wait_for()
    for selector in [*CHROME, *TICKETS]:  # all there on screen, so hiding them means something
        assert visible(page, selector), f"{selector} fehlt am Bildschirm"
    assert not visible(page, ".lf-qr"), "QR-Code gehört nur aufs Papier"

    page.emulate_media(media="print")
    for selector in [*CHROME, *TICKETS]:
        assert not visible(page, selector), f"{selector} wird mitgedruckt"
    assert page.locator("article h1").is_visible()
    for question in chapter.questions:
        assert page.locator(f"article h2#{question.id}").is_visible(), question.id
    qr = page.locator(".lf-qr img")
    assert qr.is_visible(), "QR-Code fehlt im Druck"
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", qr.element_handle())
    assert page.locator(".lf-qr figcaption").inner_text().strip() == f"{page.url}"


def test_print_uses_the_whole_width(page: Page) -> None:
    page.set_viewport_size({"width": 1000, "height": 1400})
    page.goto("sicherheit/")
    page.emulate_media(media="print")
    content = page.locator(".md-content").bounding_box()
    assert content is not None
    assert content["width"] > 0.85 * 1000
