"""Browser fixtures: the built site served by nginx with deploy/nginx.conf, and Chromium.

Every test process (each pytest-xdist worker) runs its own nginx on a free port
(tests/browser/serving.py), over its own hard-linked copy of the one test build, so a test
that adds files to the served tree changes nobody else's. Chromium reaches that nginx under
the site's own address, TEST_SITE_URL. ``page`` is a fresh browser context per test; every
request URL, console message and uncaught error of it lands in ``recording``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright

from leitfaden.legacy import LEGACY_PAGE
from leitfaden.loader import load_guide
from tests.browser.serving import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Lighthouse,
    ServingError,
    check_nginx_config,
    find_program,
    host_mapping,
    lighthouse_runner,
    nginx_server,
)
from tests.conftest import TEST_SITE_URL

#: The chapters, known at collection time: many browser tests are one test per chapter.
CHAPTERS = load_guide().chapters
#: URL paths of the home page and every chapter page.
GUIDE_PAGES = ["", *(f"{chapter.id}/" for chapter in CHAPTERS)]
#: URL paths of every page of the site, known before the build so that each page can be a
#: test of its own (spread over the test processes); test_pages.py checks it against the build.
PAGES = [*GUIDE_PAGES, "kontakt/", "vorlagen/", "aenderungen/", "ueber/", LEGACY_PAGE, "404.html"]
#: Every page a reader reads; the forwarding page for old brochures and the 404 page are not.
READER_PAGES = [path for path in PAGES if path not in (LEGACY_PAGE, "404.html")]


def page_id(path: str) -> str:
    """A page's test id: its URL path from the site root."""
    return f"/{path}"


def require_program(name: str) -> str:
    """The absolute path of a system program the browser tests drive, or a clear failure."""
    try:
        return find_program(name)
    except ServingError as error:
        pytest.fail(str(error))


@dataclass(frozen=True)
class Served:
    """One nginx of this test process: the tree it serves and its real address."""

    root: Path
    port: int

    @property
    def url(self) -> str:
        """The server's own address, for plain HTTP clients (the browsers use TEST_SITE_URL)."""
        return f"http://127.0.0.1:{self.port}/"


@pytest.fixture(scope="session")
def served(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """nginx serving a private copy (hard links, no bytes copied) of the test build."""
    root = tmp_path_factory.mktemp("served") / "site"
    shutil.copytree(built_site, root, copy_function=os.link)
    prefix = tmp_path_factory.mktemp("nginx")
    try:
        warnings = check_nginx_config(prefix, root)
        assert "[warn]" not in warnings, f"nginx warnt bei deploy/nginx.conf:\n{warnings}"
        with nginx_server(root, prefix) as port:
            yield Served(root, port)
    except ServingError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def site_server(served: Served) -> str:
    """The base URL the browsers use: the site's own address, answered by this process's nginx."""
    return TEST_SITE_URL


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright, served: Served) -> Iterator[Browser]:
    """Debian's headless Chromium (Playwright cannot download its own browsers here)."""
    chromium = playwright.chromium.launch(
        executable_path=require_program(CHROMIUM), args=[*CHROMIUM_ARGS, host_mapping(served.port)]
    )
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def lighthouse(served: Served) -> Iterator[Lighthouse]:
    """Lighthouse in its own Node process, driving a second Chromium of this test process."""
    try:
        with lighthouse_runner(served.port) as runner:
            yield runner
    except ServingError as error:
        pytest.fail(str(error))


@dataclass
class Recording:
    """What one test's browser context did: requests, console output, uncaught errors."""

    requests: list[str] = field(default_factory=list)
    #: Requests that carry something: any method but GET, or a body.
    sending: list[str] = field(default_factory=list)
    console: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def add_request(self, request: Request) -> None:
        self.requests.append(request.url)
        if request.method != "GET" or request.post_data_buffer:
            self.sending.append(request.url)

    def console_errors(self) -> list[str]:
        return [
            f"{m.location.get('url', '')}: {m.text}" for m in self.console if m.type in ("error", "warning")
        ]

    def foreign_requests(self, base_url: str) -> list[str]:
        """Requests that left the local server (data: and blob: URLs never hit the network)."""
        return [url for url in self.requests if not url.startswith((base_url, "data:", "blob:"))]


@pytest.fixture
def recording() -> Recording:
    return Recording()


@pytest.fixture
def page(browser: Browser, site_server: str, recording: Recording) -> Iterator[Page]:
    """A new context + page with base_url = the site; relative goto() works."""
    context = browser.new_context(base_url=site_server, locale="de-DE")
    context.on("request", recording.add_request)
    context.on("console", lambda message: recording.console.append(message))
    context.on("weberror", lambda error: recording.page_errors.append(str(error.error)))
    page = context.new_page()
    yield page
    context.close()


def site_pages(site_dir: Path) -> list[str]:
    """URL paths (relative to the base URL) of every HTML page in the build."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths
