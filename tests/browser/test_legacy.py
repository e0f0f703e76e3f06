"""The address printed in old brochures, devopsguide-de.html#<chapter-id>, still leads there."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from leitfaden.legacy import LEGACY_PAGE
from leitfaden.model import PRINTED_CHAPTER_IDS, Guide

pytestmark = pytest.mark.browser


#: Records, in the page, every navigation it starts, and stops it there: the Navigation API's
#: "navigate" event fires synchronously on location.replace, so "no redirect" needs no waiting.
RECORD_NAVIGATIONS = """
window.__navigations = [];
navigation.addEventListener("navigate", event => {
  window.__navigations.push(event.destination.url);
  event.preventDefault();
});
"""


def test_every_printed_anchor_lands_on_its_chapter_page(page: Page, site_server: str) -> None:
    for chapter_id in PRINTED_CHAPTER_IDS:
        page.goto(f"{LEGACY_PAGE}#{chapter_id}")
        page.wait_for_url(f"{site_server}{chapter_id}/")
        assert page.locator("h1").count() == 1, chapter_id


@pytest.mark.parametrize("fragment", ["", "#", "#gibt-es-nicht", "#%E0%A4%A", "#backups"])
def test_unknown_or_missing_anchor_stays_on_the_list(page: Page, site_server: str, fragment: str) -> None:
    page.add_init_script(RECORD_NAVIGATIONS)
    page.goto(LEGACY_PAGE + fragment)  # waits for "load": the deferred script has run
    assert page.evaluate("window.__navigations") == []
    assert page.url.split("#")[0] == site_server + LEGACY_PAGE
    assert page.locator("li[data-chapter] a").count() >= len(PRINTED_CHAPTER_IDS)


def test_the_navigation_record_sees_a_redirect(page: Page, site_server: str) -> None:
    """The check above can fail: a known anchor's redirect is recorded (and held)."""
    page.add_init_script(RECORD_NAVIGATIONS)
    page.goto(f"{LEGACY_PAGE}#sicherheit")
    assert page.evaluate("window.__navigations") == [f"{site_server}sicherheit/"]


def test_without_javascript_the_page_links_every_chapter(
    browser: Browser, site_server: str, guide: Guide
) -> None:
    context = browser.new_context(base_url=site_server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{LEGACY_PAGE}#sicherheit")
        assert page.url == f"{site_server}{LEGACY_PAGE}#sicherheit"
        assert page.locator("html").get_attribute("lang") == "de"
        entries = page.locator("li[data-chapter]")
        assert entries.count() == len(guide.chapters)
        for index, chapter in enumerate(guide.chapters):
            entry = entries.nth(index)
            assert entry.get_attribute("id") == chapter.id  # the old anchor scrolls to its entry
            link = entry.locator("a")
            assert link.get_attribute("href") == f"{chapter.id}/"
            assert link.inner_text().strip() != ""
        page.locator("li#monitoring a").click()
        page.wait_for_url(f"{site_server}monitoring/")
    finally:
        context.close()
