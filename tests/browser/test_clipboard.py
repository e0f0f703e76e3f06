"""The copy buttons in headless Chromium: each puts exactly the ticket file on the clipboard.

Material's copy button (feature content.code.copy) copies the text of a code block; this
checks that what a reader gets is the downloadable file, as plain text only, for the title
and every format tab of every chapter, and that a chosen tab holds across pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from leitfaden.model import Chapter, Guide
from leitfaden.tickets import FORMATS, FULL, chapter_file, ticket_title
from tests.browser.conftest import CHAPTERS, Recording

pytestmark = pytest.mark.browser

SENTINEL = "(Zwischenablage vor dem Klick)"
READ_CLIPBOARD = """async () => {
    const items = await navigator.clipboard.read();
    return {types: items.flatMap(item => item.types), text: await navigator.clipboard.readText()};
}"""


@pytest.fixture
def clipboard_page(page: Page, site_server: str) -> Page:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    return page


def copy(page: Page, block: Locator) -> str:
    """Click the copy button of a code block; the clipboard's text, checked to be plain text only."""
    page.evaluate("text => navigator.clipboard.writeText(text)", SENTINEL)
    block.hover()
    block.locator("button[data-md-type='copy']").click()
    page.wait_for_function("s => navigator.clipboard.readText().then(t => t !== s)", arg=SENTINEL)
    content = page.evaluate(READ_CLIPBOARD)
    assert content["types"] == ["text/plain"], content["types"]  # no HTML flavour on the clipboard
    return str(content["text"])


def same_up_to_final_newline(copied: str, file: str) -> bool:
    return copied.removesuffix("\n") == file.removesuffix("\n")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda chapter: chapter.id)
def test_copy_buttons_put_exactly_the_files_on_the_clipboard(
    clipboard_page: Page, recording: Recording, built_site: Path, chapter: Chapter
) -> None:
    page = clipboard_page
    page.goto(f"{chapter.id}/")
    title = page.locator("#als_ticket ~ div.highlight").first
    assert same_up_to_final_newline(copy(page, title), ticket_title(chapter))
    tabs = page.locator("#als_ticket ~ div.tabbed-set").first
    for index, fmt in enumerate(FORMATS):
        tabs.locator(".tabbed-labels > label", has_text=fmt.label).click()
        block = tabs.locator(".tabbed-content > .tabbed-block").nth(index)
        file = (built_site / "vorlagen" / chapter_file(chapter, fmt, FULL)).read_text(encoding="utf-8")
        assert same_up_to_final_newline(copy(page, block.locator("div.highlight")), file), fmt.label
    assert recording.console_errors() == [] and recording.page_errors == []


def test_chosen_format_tab_holds_on_the_next_chapter(page: Page, guide: Guide) -> None:
    first, second = guide.chapters[0], guide.chapters[1]
    chosen = FORMATS[-1].label
    page.goto(f"{first.id}/")
    page.locator("#als_ticket ~ div.tabbed-set .tabbed-labels > label", has_text=chosen).click()
    page.goto(f"{second.id}/")
    checked = page.locator("#als_ticket ~ div.tabbed-set > input:checked")
    label = page.locator(f"label[for='{checked.get_attribute('id')}']")
    assert label.inner_text() == chosen
