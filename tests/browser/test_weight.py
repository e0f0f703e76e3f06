"""Issue 14: every reader's page weighs at most 100 KiB on its first load, search included.

Deterministic, unlike the performance score: Chromium loads the page with an empty cache and
waits until the network is quiet; every request it made is then fetched once more from the
test's nginx as a browser asks for it (gzip), and its compressed body and headers are
counted. Counting the bodies ourselves also counts what a worker loads, which Chromium's own
transfer sizes (and so Lighthouse's total-byte-weight) leave out. On failure the message
says what the weight is made of (HTML, Material, search, fonts, own CSS/JS, images).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import READER_PAGES, Recording, Served, page_id
from tests.browser.test_server import fetch
from tests.browser.weight import PAGE, by_group, kib

pytestmark = pytest.mark.browser

MAX_BYTES = 100 * 1024


def response_bytes(url: str) -> int:
    """What nginx sends for ``url`` to a browser: status line, headers, compressed body."""
    status, headers, body = fetch(url)
    assert status == 200, url
    return len(f"HTTP/1.1 {status} OK\r\n") + len(str(headers).replace("\n", "\r\n")) + len(body)


def requested(recording: Recording, site_server: str) -> list[str]:
    """Every path below the site root the browser asked for so far (no data: or blob: URLs)."""
    assert recording.foreign_requests(site_server) == []
    paths = {url.removeprefix(site_server).split("#")[0] for url in recording.requests}
    return sorted(path for path in paths if not path.startswith(("data:", "blob:")))


@pytest.mark.parametrize("path", READER_PAGES, ids=page_id)
def test_first_load_is_at_most_100_kib(
    page: Page, recording: Recording, site_server: str, served: Served, path: str
) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    sizes = {each: response_bytes(served.url + each) for each in requested(recording, site_server)}
    groups = by_group(sizes.items(), path)
    assert groups[PAGE] > 2 * 1024, "die Seite selbst fehlt in der Messung"
    total = sum(sizes.values())
    parts = ", ".join(f"{name} {kib(size)}" for name, size in groups.items() if size)
    assert total <= MAX_BYTES, f"/{path}: {kib(total)} KiB beim ersten Laden ({parts})"


def test_the_measure_counts_what_a_worker_loads(
    page: Page, recording: Recording, site_server: str, served: Served
) -> None:
    """Opening the search loads Material's worker and the index: the measure counts their bodies."""
    page.goto("sicherheit/")
    page.wait_for_load_state("networkidle")
    first = requested(recording, site_server)
    page.get_by_role("textbox", name="Suche").press_sequentially("Backups")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    added = {each: response_bytes(served.url + each) for each in requested(recording, site_server)}
    for each in first:
        del added[each]
    [worker] = [each for each in added if each.startswith("assets/javascripts/workers/search.")]
    assert added[worker] > 10 * 1024  # its body, not only its headers
    assert by_group(added.items(), "sicherheit/")["Suche"] > 30 * 1024, added
