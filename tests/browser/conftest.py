"""Browser fixtures: the built site served by nginx with deploy/nginx.conf, and Chromium.

``site_server`` runs nginx as a child process of the test session (no daemon, pid, logs and
temp files in a temporary prefix), so the headers the tests see are the ones a host sends.
``page`` is a fresh browser context per test; every request URL, console message and
uncaught error of it lands in ``recording``.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from tests.conftest import ROOT, TEST_SITE_URL

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
#: Flags for a quiet headless Chromium in a container: no sandbox, no GPU, no phoning home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT = 10.0
PORT_WAIT = 300.0


def require_program(name: str) -> str:
    """The absolute path of a system program the browser tests drive, or a clear failure."""
    path = shutil.which(name, path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin"]))
    if path is None:
        pytest.fail(f"{name} fehlt: .ci/run installiert es (Debian-Paket), dann erneut testen")
    return path


def nginx_main_config(prefix: Path, site_dir: Path, port: int) -> str:
    """A complete nginx.conf around deploy/nginx.conf: everything global lives under prefix."""
    server = NGINX_CONF.read_text(encoding="utf-8")
    for placeholder in ("@LISTEN@", "@SITE_ROOT@"):
        if placeholder not in server:
            raise AssertionError(f"{NGINX_CONF.name}: Platzhalter {placeholder} fehlt")
    server = server.replace("@LISTEN@", f"127.0.0.1:{port}").replace("@SITE_ROOT@", str(site_dir))
    # Started as root, nginx would switch its workers to "nobody", who cannot read the
    # private pytest temp dirs; stay the user who runs the tests instead.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    access_log {prefix / 'access.log'};\n{temp}\n{server}\n}}\n"
    )


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session")
def site_server(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx serving the test build on TEST_SITE_URL; yields that base URL."""
    nginx = require_program("nginx")
    port = urlsplit(TEST_SITE_URL).port
    assert port is not None, TEST_SITE_URL
    # Another test session (a second checkout, a colleague's run) may hold the fixed port:
    # wait for it instead of failing at once.
    deadline = time.monotonic() + PORT_WAIT
    while _port_open(port):
        if time.monotonic() > deadline:
            pytest.fail(
                f"Port {port} ist seit {PORT_WAIT:.0f} s belegt: "
                f"läuft ein anderer Server auf {TEST_SITE_URL}?"
            )
        time.sleep(0.5)
    prefix = tmp_path_factory.mktemp("nginx")
    config = prefix / "nginx.conf"
    config.write_text(nginx_main_config(prefix, built_site, port), encoding="utf-8")
    check = subprocess.run(
        [nginx, "-t", "-p", str(prefix), "-c", str(config)], capture_output=True, text=True
    )
    assert check.returncode == 0, f"nginx -t lehnt {NGINX_CONF.name} ab:\n{check.stderr}"
    assert "[warn]" not in check.stderr, f"nginx warnt bei {NGINX_CONF.name}:\n{check.stderr}"
    process = subprocess.Popen(
        [nginx, "-p", str(prefix), "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _port_open(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log = (
                    (prefix / "error.log").read_text(encoding="utf-8")
                    if (prefix / "error.log").exists()
                    else ""
                )
                pytest.fail(f"nginx startet nicht (Exit {process.poll()}):\n{log}")
            time.sleep(0.05)
        yield TEST_SITE_URL
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's headless Chromium (Playwright cannot download its own browsers here)."""
    chromium = playwright.chromium.launch(executable_path=require_program("chromium"), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@dataclass
class Recording:
    """What one test's browser context did: requests, console output, uncaught errors."""

    requests: list[str] = field(default_factory=list)
    console: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

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
    """A new context + page with base_url = the nginx server; relative goto() works."""
    context = browser.new_context(base_url=site_server, locale="de-DE")
    context.on("request", lambda request: recording.requests.append(request.url))
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
