"""Nothing on a reader's page moves while it loads, on a phone and on a desktop screen.

Lighthouse counts such moves (cumulative layout shift) in its performance score, which
`make bench` reports; this test asks the browser itself, which is deterministic: a shift
happens when a block in view changes its size after it was painted, however fast the machine.
Two things could cause one here. A script that adds to the page (the answer fields, Material's
table wrappers), and a block in the first screen that is laid out only when in view
(content-visibility in leitfaden.css) and painted with its placeholder height first.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import READER_PAGES, page_id

pytestmark = pytest.mark.browser

#: Lighthouse's phone (its mobile preset) and a common desktop window.
PHONE = {"is_mobile": True, "has_touch": True, "device_scale_factor": 1.75}
SCREENS = {
    "Telefon": {"viewport": {"width": 412, "height": 823}, **PHONE},
    "Desktop": {"viewport": {"width": 1350, "height": 940}},
}
#: Collects every layout shift of the page from its start, with the element that moved.
RECORD_SHIFTS = """
window.lfShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const moved = entry.sources.map((source) => source.node && source.node.nodeType === 1
      ? source.node.outerHTML.slice(0, 100) : String(source.node && source.node.nodeName));
    window.lfShifts.push({ value: entry.value, moved: moved });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture(params=sorted(SCREENS), ids=str)
def screen_page(request: pytest.FixtureRequest, browser: Browser, site_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site_server, locale="de-DE", **SCREENS[request.param])
    context.add_init_script(RECORD_SHIFTS)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", READER_PAGES, ids=page_id)
def test_nothing_moves_while_the_page_loads(screen_page: Page, path: str) -> None:
    screen_page.goto(path)
    screen_page.wait_for_load_state("networkidle")
    assert screen_page.evaluate("document.querySelector('article h1') !== null")
    assert screen_page.evaluate("window.lfShifts") == []
