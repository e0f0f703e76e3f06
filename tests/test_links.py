"""Every internal link of the built site resolves: to a file, and a #fragment to an element id.

Checked on the files alone (no server, no network): href/src of a, link, script, img and
source elements in every HTML page, relative or absolute under the site's own URL.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.conftest import TEST_SITE_URL

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"))
EXTERNAL_SCHEMES = ("mailto:", "tel:", "http:", "https:")


def page_url(site_dir: Path, html: Path) -> str:
    relative = html.relative_to(site_dir).as_posix()
    return TEST_SITE_URL + relative.removesuffix("index.html")


def target_file(site_dir: Path, url: str) -> Path | None:
    """The file an internal URL is served from (directories via index.html), or None."""
    path = unquote(urlsplit(url).path)[len(urlsplit(TEST_SITE_URL).path) :]
    candidate = site_dir / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@cache
def element_ids(html: Path) -> frozenset[str]:
    page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in page.find_all(id=True))


def broken_links(site_dir: Path, html: Path) -> list[str]:
    base = page_url(site_dir, html)
    page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    problems = []
    for tag_name, attribute in LINK_ATTRIBUTES:
        for tag in page.find_all(tag_name, attrs={attribute: True}):
            reference = str(tag[attribute])
            if reference.startswith("javascript:"):
                problems.append(f"{reference}: kein Link (weder aufrufbar noch crawlbar)")
                continue
            url = urljoin(base, reference)
            if not url.startswith(TEST_SITE_URL):
                if not url.startswith(EXTERNAL_SCHEMES):
                    problems.append(f"{reference}: unbekanntes Schema")
                continue
            target = target_file(site_dir, url)
            if target is None:
                problems.append(f"{reference}: keine Datei {urlsplit(url).path}")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in element_ids(target):
                problems.append(
                    f"{reference}: kein Element mit id={fragment!r} in {target.relative_to(site_dir)}"
                )
    return [f"{html.relative_to(site_dir)}: {problem}" for problem in problems]


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10, "zu wenige Seiten: ist die Site gebaut?"
    problems = [problem for html in pages for problem in broken_links(built_site, html)]
    assert problems == [], "\n".join(problems)


def test_the_check_finds_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    """The checker itself: a broken link and a broken anchor are reported, good ones are not."""
    (tmp_path / "index.html").write_text(
        '<h2 id="da">Da</h2><a href="#da">gut</a><a href="#weg">Anker fehlt</a>'
        '<a href="fehlt/">Seite fehlt</a><a href="https://example.org/">extern</a>',
        encoding="utf-8",
    )
    problems = broken_links(tmp_path, tmp_path / "index.html")
    assert len(problems) == 2, problems
    assert "id='weg'" in problems[0]
    assert "fehlt/" in problems[1]
