"""The strict build of the whole site: every generated page is there with its permanent anchors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from leitfaden.model import Guide

from .conftest import build_site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_home_page(built_site: Path, guide: Guide) -> None:
    page = soup(built_site / "index.html")
    assert page.html["lang"] == "de"
    assert next(page.h1.stripped_strings) == guide.title
    text = page.get_text(" ", strip=True)
    assert guide.foreword.signature.name in text
    for chapter in guide.chapters:
        assert page.find("a", href=f"{chapter.id}/"), chapter.id


def test_chapter_pages_have_every_question_as_anchored_heading(built_site: Path, guide: Guide) -> None:
    for chapter in guide.chapters:
        page = soup(built_site / chapter.id / "index.html")
        headings = {h["id"]: h for h in page.select("article h2[id]")}
        for question in chapter.questions:
            assert question.id in headings, f"{chapter.id}#{question.id}"
        meta = page.find("meta", attrs={"name": "description"})
        assert meta and meta["content"].startswith(chapter.intro[0][:40])


def test_standard_offers_are_set_apart(built_site: Path) -> None:
    page = soup(built_site / "sicherheit" / "index.html")
    offer = page.find(id="backups").find_next("div", class_="admonition")
    assert "standard" in offer["class"]
    assert offer.find(class_="admonition-title").get_text(strip=True) == "Unser Standard"


def test_contact_page(built_site: Path, guide: Guide) -> None:
    text = soup(built_site / "kontakt" / "index.html").get_text(" ", strip=True)
    for part in (guide.contact.company, guide.contact.email, guide.contact.phone, guide.contact.fax):
        assert part in text


@pytest.mark.slow
def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path) -> None:
    """Same content, SITE_URL and SOURCE_DATE_EPOCH: every file of the site is the same, both
    brochure editions included (test_brochure_editions.py checks them without the date too)."""
    again = build_site(tmp_path / "site")

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    first, second = files(built_site), files(again)
    assert sorted(first) == sorted(second)
    assert len(first) > 100 and {"projektleitfaden.pdf", "projektleitfaden-druck.pdf"} <= set(first)
    assert [name for name in first if first[name] != second[name]] == []


def test_no_script_holds_up_the_first_paint(built_site: Path) -> None:
    """Every script of every page is deferred (overrides/main.html), in the order they depend on:
    leitfaden.js sets up what Material's bundle expects, oneclick.js listens before answers.js
    hands it the filled tickets. A script without `defer` would delay the first paint of a short
    page by its download (Lighthouse counted 1.5 s instead of 1.1 s on a slow phone)."""
    for html in sorted(built_site.rglob("*.html")):
        scripts = soup(html).find_all("script", src=True)
        assert [s for s in scripts if not s.has_attr("defer")] == [], html.relative_to(built_site)
        names = [s["src"].rsplit("/", 1)[-1] for s in scripts]
        if "answers.js" in names:
            assert names[0] == "leitfaden.js" and names[1].startswith("bundle.")
            assert names[2:] == ["oneclick.js", "answers.js"], html.relative_to(built_site)


def test_the_search_settings_written_out_are_materials_own_for_german() -> None:
    """mkdocs.yml spells out what Material would look up for German on every build."""
    from mkdocs.config import load_config

    config = load_config(str(Path(__file__).parent.parent / "mkdocs.yml"))
    language = config.theme.get_env().get_template("partials/language.html", None, {"config": config})
    translate = language.module.t
    search = config.plugins["material/search"].config
    assert search.lang == [translate("search.config.lang")]
    assert search.separator == translate("search.config.separator")
    pipeline = re.split(r"\s*,\s*", translate("search.config.pipeline"))
    assert search.pipeline == [step for step in pipeline if step]
