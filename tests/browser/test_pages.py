"""Every page in a real browser: nothing is loaded from anywhere but the site, nothing is logged.

The console check covers the Content-Security-Policy: a blocked inline script or style is
reported there (test_a_csp_violation_is_caught shows that the check sees one).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import PAGES, Recording, page_id, site_pages

pytestmark = pytest.mark.browser


def test_the_page_list_is_every_page_of_the_build(built_site: Path) -> None:
    """The browser tests go through PAGES, one test per page; it must name every page built."""
    assert sorted(PAGES) == sorted(site_pages(built_site))


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_the_page_stays_on_the_site_and_logs_nothing(
    page: Page, recording: Recording, site_server: str, path: str
) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    problems = [f"Konsole: {message}" for message in recording.console_errors()]
    problems += [f"Fehler: {error}" for error in recording.page_errors]
    problems += [f"Anfrage an Dritte: {url}" for url in recording.foreign_requests(site_server)]
    assert problems == [], "\n".join(problems)


#: What the search needs and a page loads only once the reader searches (leitfaden.js).
SEARCH_FILES = ("search/search_index.json", "assets/javascripts/workers/search.", "assets/javascripts/lunr/")


def search_requests(recording: Recording, site_server: str) -> list[str]:
    return [url for url in recording.requests if url.removeprefix(site_server).startswith(SEARCH_FILES)]


def test_search_runs_under_the_policy_and_loads_when_used(
    page: Page, recording: Recording, site_server: str
) -> None:
    page.goto("sicherheit/")
    page.wait_for_load_state("networkidle")
    assert search_requests(recording, site_server) == []  # not part of the page's first load
    page.get_by_role("textbox", name="Suche").press_sequentially("Backups")  # Material reacts to keys
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert results.count() > 0
    assert site_server + "search/search_index.json" in recording.requests
    assert any("/workers/search." in url for url in search_requests(recording, site_server))
    assert recording.console_errors() == []
    assert recording.page_errors == []
    assert recording.foreign_requests(site_server) == []


def test_search_opened_on_a_phone_and_from_a_result(
    page: Page, recording: Recording, site_server: str
) -> None:
    """The header's search button opens the search on a phone; a result's page (?h=) highlights."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("netzwerk/")
    page.wait_for_load_state("networkidle")
    assert search_requests(recording, site_server) == []
    page.locator("label.md-header__button[for=__search]").click()
    page.get_by_role("textbox", name="Suche").press_sequentially("Firewall")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.goto("sicherheit/?h=Backups")
    page.locator("mark[data-md-highlight]").first.wait_for(state="attached")
    assert recording.console_errors() == []


def test_material_scripts_run_under_the_policy(page: Page, recording: Recording) -> None:
    """Material's JavaScript runs although its inline scripts are gone (moved to leitfaden.js)."""
    page.goto("sicherheit/")
    page.wait_for_load_state("networkidle")
    classes = (page.locator("html").get_attribute("class") or "").split()
    assert "no-js" not in classes and "js" in classes  # the bundle started
    assert page.evaluate("__md_scope.href") == page.url.removesuffix("sicherheit/")
    assert recording.console_errors() == []


def test_the_checks_can_fail(page: Page, recording: Recording, site_server: str) -> None:
    """An inline script is blocked by nginx's policy and logged; a foreign request is recorded."""
    page.goto("sicherheit/")
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.inlineRan = true'; document.body.append(s); }"
        )
    assert page.evaluate("window.inlineRan === undefined")
    assert any("Content Security Policy" in message for message in recording.console_errors())
    with pytest.raises(Exception, match="invalid"):
        page.goto("https://fonts.example.invalid/css")
    assert recording.foreign_requests(site_server) == ["https://fonts.example.invalid/css"]
