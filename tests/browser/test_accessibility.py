"""axe-core on every page, on a phone and a desktop screen: zero violations (WCAG 2.1 AA and
axe's best practices), also with the search dialog open and the navigation drawer out.

axe is injected as a script tag, which the site's CSP rightly forbids; these contexts
bypass the CSP for that (the policy itself is tested in test_pages.py and test_server.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import PAGES, page_id
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"Handy": {"width": 412, "height": 823}, "Desktop": {"width": 1280, "height": 900}}


def axe_violations(page: Page) -> list[str]:
    """axe's violations on the current page state, one readable line per rule."""
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core fehlt: `npm ci` installiert es (.ci/run tut das)")
    # colours are measured as they end up, not halfway through a transition
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert result["testEngine"]["name"] == "axe-core"
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + json.dumps([node["target"] for node in violation["nodes"][:5]], ensure_ascii=False)
        for violation in result["violations"]
    ]


@pytest.fixture(params=list(VIEWPORTS))
def axe_page(request: pytest.FixtureRequest, browser: Browser, site_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site_server, bypass_csp=True, viewport=VIEWPORTS[request.param])
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_violations(axe_page: Page, path: str) -> None:
    axe_page.goto(path)
    axe_page.wait_for_load_state("networkidle")
    assert axe_violations(axe_page) == []


def test_no_violations_with_search_results_open(axe_page: Page) -> None:
    axe_page.goto("sicherheit/")
    axe_page.wait_for_load_state("networkidle")
    search = axe_page.get_by_role("textbox", name="Suche")
    if not search.is_visible():  # on a phone the search opens from the header button
        axe_page.locator("label.md-header__button[for=__search]").click()
    search.press_sequentially("Backup")
    axe_page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert axe_violations(axe_page) == []


def test_no_violations_with_navigation_drawer_open(axe_page: Page) -> None:
    axe_page.goto("sicherheit/")
    axe_page.wait_for_load_state("networkidle")
    axe_page.evaluate("document.getElementById('__drawer').checked = true")
    assert axe_violations(axe_page) == []


def test_axe_finds_a_violation(axe_page: Page) -> None:
    """The check can fail: an unlabelled image and grey-on-grey text are reported."""
    axe_page.goto("kontakt/")
    axe_page.evaluate(
        "() => { const p = document.createElement('p'); p.textContent = 'blass';"
        " p.style.color = '#ccc'; document.querySelector('article').append(p);"
        " document.querySelector('article').append(document.createElement('img')); }"
    )
    found = {line.split(" ")[0] for line in axe_violations(axe_page)}
    assert {"color-contrast", "image-alt"} <= found
