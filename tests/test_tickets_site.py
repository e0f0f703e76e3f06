"""The tickets in the built site: the block on each chapter page is the downloadable file,
the tabs are the same on every page, and the Vorlagen page lists every download."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup, Tag

from leitfaden.answering import template_files
from leitfaden.model import Chapter, Guide
from leitfaden.site import SiteUrl
from leitfaden.tickets import COLLECTIONS, FORMATS, FULL, VARIANTS, chapter_file, download_files, ticket_title
from tests.conftest import SOURCE_DATE_EPOCH, TEST_SITE_URL


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ticket_section(built_site: Path, chapter: Chapter) -> tuple[Tag, Tag]:
    """The title's code block and the tab set of a chapter page's ticket section."""
    heading = soup(built_site / chapter.id / "index.html").find(id="als_ticket")
    assert heading is not None, chapter.id
    tabs = heading.find_next("div", class_="tabbed-set")
    title = heading.find_next("code")
    assert title is not None and tabs is not None and title not in tabs.find_all("code")
    return title, tabs


def test_ticket_title_stands_alone_in_a_code_block(built_site: Path, guide: Guide) -> None:
    for chapter in guide.chapters:
        title, _ = ticket_section(built_site, chapter)
        assert title.get_text() == ticket_title(chapter) + "\n"


def test_every_page_has_the_same_format_tabs(built_site: Path, guide: Guide) -> None:
    labels = [fmt.label for fmt in FORMATS]
    for chapter in guide.chapters:
        _, tabs = ticket_section(built_site, chapter)
        assert [label.get_text() for label in tabs.select(".tabbed-labels > label")] == labels


def test_page_block_is_the_downloaded_file_byte_for_byte(built_site: Path, guide: Guide) -> None:
    for chapter in guide.chapters:
        _, tabs = ticket_section(built_site, chapter)
        blocks = tabs.select(".tabbed-content > .tabbed-block")
        assert len(blocks) == len(FORMATS)
        for fmt, block in zip(FORMATS, blocks, strict=True):
            [code] = block.find_all("code")
            shown = code.get_text()
            assert code.find(True) is None  # no highlighting spans that could change the text
            file = built_site / "vorlagen" / chapter_file(chapter, fmt, FULL)
            downloaded = file.read_text(encoding="utf-8")
            assert shown == downloaded, f"{chapter.id} {fmt.label}"
            targets = {link["href"] for link in block.find_all("a")}
            assert {f"../vorlagen/{chapter_file(chapter, fmt, v)}" for v in VARIANTS} <= targets


def test_the_site_ships_the_core_downloads_unchanged(
    built_site: Path, guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)  # as the build had it (zip dates)
    expected = download_files(guide, SiteUrl(TEST_SITE_URL, is_default=False))
    for path, content in expected.items():
        assert (built_site / path).read_bytes() == content, path
    shipped = {p.relative_to(built_site).as_posix() for p in (built_site / "vorlagen").iterdir()}
    assert shipped - set(expected) == {"vorlagen/index.html", "vorlagen/antworten"}


def test_the_site_ships_each_chapters_templates_for_the_vorlagen_buttons(
    built_site: Path, guide: Guide
) -> None:
    """What answers.js fills on a chapter page and on the Vorlagen page: each chapter's
    tickets as templates, in a file of their own that both pages point to."""
    site = SiteUrl(TEST_SITE_URL, is_default=False)
    expected = template_files(guide, site)
    assert sorted(expected) == sorted(f"vorlagen/antworten/{chapter.id}.json" for chapter in guide.chapters)
    for chapter in guide.chapters:
        path = f"vorlagen/antworten/{chapter.id}.json"
        assert (built_site / path).read_text(encoding="utf-8") == expected[path]
        page_data = json.loads(
            soup(built_site / chapter.id / "index.html").find(attrs={"data-lf-answers": True})[
                "data-lf-answers"
            ]
        )
        assert page_data["templates"] == {chapter.id: path}
        assert "tickets" not in page_data  # a third of the page's HTML: fetched instead
    shipped = {p.name for p in (built_site / "vorlagen" / "antworten").iterdir()}
    assert shipped == {f"{chapter.id}.json" for chapter in guide.chapters}
    vorlagen = soup(built_site / "vorlagen" / "index.html").find(attrs={"data-lf-answers": True})
    assert json.loads(vorlagen["data-lf-answers"])["templates"] == {
        chapter.id: f"vorlagen/antworten/{chapter.id}.json" for chapter in guide.chapters
    }


@pytest.fixture(scope="module")
def vorlagen_links(built_site: Path) -> set[str]:
    page = soup(built_site / "vorlagen" / "index.html").find("article")
    return {unquote(urljoin("vorlagen/", link["href"])) for link in page.find_all("a", href=True)}


def test_vorlagen_page_links_every_download(built_site: Path, guide: Guide, vorlagen_links: set[str]) -> None:
    downloads = set(download_files(guide, SiteUrl(TEST_SITE_URL, is_default=False)))
    assert downloads <= vorlagen_links
    assert {f"vorlagen/{collection.name}" for collection in COLLECTIONS} <= vorlagen_links


def test_vorlagen_page_names_every_format(built_site: Path) -> None:
    text = soup(built_site / "vorlagen" / "index.html").find("article").get_text(" ")
    for fmt in FORMATS:
        assert fmt.label in text and fmt.suffix in text and fmt.trackers in text
