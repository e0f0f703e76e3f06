"""What nginx with deploy/nginx.conf sends: compression, caching, types and security headers.

Plain HTTP requests straight to the test process's nginx (its own address, not the site's).
"""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from tests.browser.conftest import Served

pytestmark = pytest.mark.browser

IMMUTABLE = "public, max-age=31536000, immutable"
#: Directives a page needs; every source is the site itself (or a data: icon in the CSS).
EXPECTED_CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
#: Downloads offered under vorlagen/ and their types; templates show as text in the browser.
DOWNLOAD_TYPES = {
    "probe.md": "text/plain; charset=utf-8",
    "probe.textile": "text/plain; charset=utf-8",
    "probe.jira.txt": "text/plain; charset=utf-8",
    "probe.csv": "text/csv; charset=utf-8",
    "probe.svg": "image/svg+xml; charset=utf-8",
    "probe.zip": "application/zip",
    "probe.pdf": "application/pdf",
}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, gzip_ok: bool = True) -> tuple[int, Message, bytes]:
    """Status, headers and raw (still compressed) body; redirects are not followed."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def one(site_dir: Path, pattern: str) -> str:
    matches = sorted(site_dir.glob(pattern))
    assert len(matches) == 1, f"{pattern}: {matches}"
    return matches[0].relative_to(site_dir).as_posix()


def test_pages_are_compressed_and_revalidated(served: Served) -> None:
    for path in ("", "sicherheit/", "devopsguide-de.html", "search/search_index.json"):
        status, headers, body = fetch(served.url + path)
        assert status == 200, path
        assert headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in headers["Vary"], path
        assert headers["Cache-Control"] == "no-cache", path
        assert headers["ETag"] and headers["Last-Modified"], path  # no-cache → cheap 304s
        assert gzip.decompress(body), path


def test_html_type_and_a_304_on_revalidation(served: Served) -> None:
    status, headers, _ = fetch(served.url + "kontakt/")
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    request = urllib.request.Request(served.url + "kontakt/", headers={"If-None-Match": headers["ETag"]})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=60)
    assert answer.value.code == 304


def test_hashed_theme_assets_are_immutable_and_the_rest_is_not(served: Served, built_site: Path) -> None:
    hashed = [
        one(built_site, "assets/stylesheets/main.*.min.css"),
        one(built_site, "assets/stylesheets/palette.*.min.css"),
        one(built_site, "assets/javascripts/bundle.*.min.js"),
        one(built_site, "assets/javascripts/workers/search.*.min.js"),
    ]
    for path in hashed:
        _, headers, _ = fetch(served.url + path)
        assert headers["Cache-Control"] == IMMUTABLE, path
        assert headers["Content-Encoding"] == "gzip", path
    unhashed = [
        "assets/stylesheets/leitfaden.css",
        "assets/javascripts/leitfaden.js",
        "assets/javascripts/lunr/min/lunr.de.min.js",  # no hash in the name: may change
        "assets/images/favicon.svg",
    ]
    for path in unhashed:
        status, headers, _ = fetch(served.url + path)
        assert status == 200, path
        assert headers["Cache-Control"] == "no-cache", path


def test_script_and_style_types(served: Served) -> None:
    _, css, _ = fetch(served.url + "assets/stylesheets/leitfaden.css")
    assert css["Content-Type"] == "text/css; charset=utf-8"
    _, js, _ = fetch(served.url + "assets/javascripts/leitfaden.js")
    assert js["Content-Type"] == "application/javascript; charset=utf-8"


@pytest.fixture
def downloads(served: Served) -> Iterator[Path]:
    """Probe files of every download type under vorlagen/ of the served copy (removed afterwards)."""
    folder = served.root / "vorlagen" / "_probe"
    folder.mkdir()
    for name in DOWNLOAD_TYPES:
        (folder / name).write_bytes(b"# Projektstart\n\n" + "Frage für Frage, ".encode() * 40)
    yield folder
    for name in DOWNLOAD_TYPES:
        (folder / name).unlink()
    folder.rmdir()


def test_download_types(served: Served, downloads: Path) -> None:
    for name, content_type in DOWNLOAD_TYPES.items():
        status, headers, _ = fetch(f"{served.url}vorlagen/_probe/{name}", gzip_ok=False)
        assert status == 200, name
        assert headers["Content-Type"] == content_type, name
    _, text, _ = fetch(f"{served.url}vorlagen/_probe/probe.md")
    assert text["Content-Encoding"] == "gzip"


def test_security_headers_on_every_response(served: Served) -> None:
    for path, expected_status in (("sicherheit/", 200), ("gibt-es-nicht/", 404)):
        status, headers, _ = fetch(served.url + path)
        assert status == expected_status, path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "same-origin", path
        policy = {}
        for directive in headers["Content-Security-Policy"].split(";"):
            name, *sources = directive.split()
            policy[name] = sources
        assert policy == EXPECTED_CSP, path


def test_not_found_serves_the_themed_404_page(served: Served) -> None:
    status, headers, body = fetch(served.url + "gibt-es-nicht/", gzip_ok=False)
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'<html lang="de"' in body


def test_directory_redirect_is_relative(served: Served) -> None:
    """Behind a TLS proxy an absolute http://host:port/ redirect would be wrong; a path is right."""
    status, headers, _ = fetch(served.url + "sicherheit")
    assert status == 301
    assert headers["Location"] == "/sicherheit/"
