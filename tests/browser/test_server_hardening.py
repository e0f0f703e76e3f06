"""nginx with deploy/nginx.conf hides dot paths and serves at most one byte range."""

from __future__ import annotations

import http.client
import shutil
from collections.abc import Iterator
from email.message import Message
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import Served

pytestmark = pytest.mark.browser

#: Files a careless `rsync` of a checkout or a deploy script could leave in the web root.
SECRETS = {".git/config": "[core]\n", ".env": "PASSWORD=geheim\n", "vorlagen/.htpasswd": "admin:x\n"}
#: Headers every answer carries, an error page included.
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cache-Control")


def request(base_url: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers and body for ``path`` sent exactly as written (no URL normalising)."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@pytest.fixture
def secrets_in_web_root(served: Served) -> Iterator[None]:
    """Dot files really present in the served directory, so a 404 is nginx refusing them."""
    for name, text in SECRETS.items():
        (served.root / name).parent.mkdir(parents=True, exist_ok=True)
        (served.root / name).write_text(text, encoding="utf-8")
    yield
    shutil.rmtree(served.root / ".git")
    (served.root / ".env").unlink()
    (served.root / "vorlagen" / ".htpasswd").unlink()


@pytest.mark.usefixtures("secrets_in_web_root")
@pytest.mark.parametrize(
    "path",
    [
        "/.git/config",
        "/.git/",
        "/.git",
        "/.env",
        "/vorlagen/.htpasswd",
        "/%2egit/config",
        "/vorlagen/%2Ehtpasswd",
    ],
)
def test_dot_paths_are_not_found(served: Served, path: str) -> None:
    status, headers, body = request(served.url, path)
    assert status == 404
    assert b"geheim" not in body and b"[core]" not in body and b"admin:" not in body
    for name in SECURITY_HEADERS:
        assert headers[name], f"{name} fehlt auf der 404-Antwort"


def test_ordinary_pages_are_still_served(served: Served) -> None:
    status, headers, _ = request(served.url, "/sicherheit/")
    assert status == 200
    for name in SECURITY_HEADERS:
        assert headers[name], name


def test_a_single_range_is_served(served: Served) -> None:
    pdf = (served.root / "projektleitfaden.pdf").read_bytes()
    status, headers, body = request(served.url, "/projektleitfaden.pdf", {"Range": "bytes=0-7"})
    assert (status, body) == (206, pdf[:8])
    assert headers["Content-Range"] == f"bytes 0-7/{len(pdf)}"
    assert headers["Content-Security-Policy"]


def test_several_ranges_get_the_whole_file_once(served: Served) -> None:
    pdf = (served.root / "projektleitfaden.pdf").read_bytes()
    ranges = ",".join(f"{start}-{start}" for start in range(0, 200, 2))
    status, headers, body = request(served.url, "/projektleitfaden.pdf", {"Range": f"bytes={ranges}"})
    assert status == 200
    assert "multipart/byteranges" not in headers["Content-Type"]
    assert body == pdf
