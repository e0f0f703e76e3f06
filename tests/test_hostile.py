"""Hostile content (issue 9): every payload of tests/hostile/ stays literal text, or is refused.

The literal payloads are spread over every text field of a copy of the real guide (each
field gets one, each payload lands in several fields), and that copy is built once,
strictly, like the real one. Then every page is parsed with a real HTML parser and compared
with the build of the real guide: the same elements with the same attributes, apart from
what allowed inline Markdown makes (strong, em, code, links to allowed targets), and each
payload readable as itself. The Markdown tickets go through cmark-gfm the same way.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import cmarkgfm
import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from leitfaden.brochure import render_html
from leitfaden.loader import ContentError, load_guide
from leitfaden.markup import plain
from leitfaden.markup.text import parse
from leitfaden.model import Guide
from leitfaden.pages import _qr_figure
from leitfaden.site import SiteUrl

from .conftest import ROOT, TEST_SITE_URL, build_with_content
from .test_inline import site_markdown

CORPUS = yaml.safe_load((Path(__file__).parent / "hostile" / "payloads.yaml").read_text(encoding="utf-8"))
SOURCE = (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8")
SITE_NAME = "Der Flying Circus Projektleitfaden"

#: What an editor may write makes these elements, and only links carry an attribute.
INLINE_TAGS = {"strong": set(), "em": set(), "code": set(), "a": {"href"}}
#: Fields that are no content text.
NOT_TEXT = {"id", "version", "email"}

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Literal:
    payload: str
    links: bool = False


LITERALS = [Literal(**case) if isinstance(case, dict) else Literal(case) for case in CORPUS["literal"]]


def test_the_corpus_is_large_enough() -> None:
    assert len(LITERALS) + len(CORPUS["error"]) >= 60


# --- Refused payloads: one German line with file, line and field ------------------------

#: A field: its line in the real file, that line with ``{}`` for the payload, its path.
ERROR_FIELDS = {
    "question": ("        text: Wie heißt das Projekt?", "        text: {}", "chapters[0].questions[0].text"),
    "chapter-title": ("    title: Das Projekt", "    title: {}", "chapters[0].title"),
    "phone": ("  phone: +49 345 219 401 0", "  phone: {}", "contact.phone"),
    "table-cell": (
        '            - [Entwicklungsumgebung, ""]',
        '            - [{}, ""]',
        "chapters[2].questions[2].table.rows[0][0]",
    ),
}


@pytest.mark.parametrize("case", CORPUS["error"], ids=lambda case: repr(case["payload"])[:40])
def test_refused_with_its_message(case: dict[str, str], tmp_path: Path) -> None:
    line, replacement, path = ERROR_FIELDS[case.get("field", "question")]
    path_file = tmp_path / "questions.yaml"
    # JSON strings are YAML double-quoted scalars: every control character as an escape.
    payload = json.dumps(case["payload"])
    path_file.write_text(SOURCE.replace(line, replacement.format(payload), 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guide(path_file)
    line_number = SOURCE.splitlines().index(line) + 1
    assert caught.value.messages == [f"{os.path.relpath(path_file)}:{line_number}: {path}: {case['message']}"]


# --- Literal payloads: one build of a guide full of them --------------------------------


def visible(text: str) -> str:
    """What a reader sees of a content text: its spans' text, whitespace collapsed."""
    return " ".join("".join(span.text for span in parse(text)).split())


def normalised(text: str) -> str:
    return " ".join(text.split())


def ticket_visible(text: str) -> str:
    """Ticket text as a reader sees it: the invisible U+2060 WORD JOINER that stops GFM's
    autolink of a mail address (leitfaden/markup/markdown.py) left out, on both sides."""
    return normalised(text.replace("\u2060", ""))


def text_fields(data: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TEXT:
                yield from text_fields(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_fields(value, (*path, index))
    elif isinstance(data, str):
        yield path


def allows_links(path: FieldPath) -> bool:
    return path[-1] not in ("title", "phone")


def fits(path: FieldPath, literal: Literal) -> bool:
    """Whether the model takes the payload in this field; where it does not, it is an ``error`` case.

    Jira cannot show "|" in a table cell, nor "|", "[" or "]" in a chapter title (the label
    of a link in its ticket).
    """
    if literal.links and not allows_links(path):
        return False
    if "table" in path:
        return "|" not in literal.payload
    is_chapter_title = path[0] == "chapters" and path[2:] == ("title",)
    return not (is_chapter_title and set("|[]") & set(literal.payload))


def set_field(data: Any, path: FieldPath, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@dataclass(frozen=True)
class HostileBuild:
    site: Path
    clean: Path
    placed: list[tuple[FieldPath, Literal]]
    data: Any

    def page(self, path: FieldPath) -> str:
        """The page a field shows up on (``tip`` is the brochure's: see on_site)."""
        if path[0] == "chapters":
            return f"{self.data['chapters'][path[1]]['id']}/index.html"
        if path[0] == "changes":
            return "aenderungen/index.html"
        return "kontakt/index.html" if path[0] == "contact" else "index.html"


def on_site(path: FieldPath) -> bool:
    """The brochure's tip is not on the website (the home page shows ``tip_web``)."""
    return path[0] != "tip"


def in_brochure(path: FieldPath) -> bool:
    """The website's tip and the change log are not in the brochure."""
    return path[0] not in ("tip_web", "changes")


def spread(data: Any) -> list[tuple[FieldPath, Literal]]:
    """Every text field gets the next payload that fits it; the corpus is cycled through."""
    fields = list(text_fields(data))
    assert len(fields) > len(LITERALS)
    placed: list[tuple[FieldPath, Literal]] = []
    queue = iter(LITERALS * (len(fields) // len(LITERALS) + 2))
    for path in fields:
        literal = next(queue)
        while not fits(path, literal):
            literal = next(queue)
        set_field(data, path, literal.payload)
        placed.append((path, literal))
    return placed


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> HostileBuild:
    """The guide full of payloads, built like the real one (``built_site``, the clean reference)."""
    # Through JSON: the file's YAML aliases would otherwise share one table between chapters.
    data = json.loads(json.dumps(yaml.safe_load(SOURCE)))
    placed = spread(data)
    content = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    directory = tmp_path_factory.mktemp("hostile")
    result = build_with_content(directory, content)
    assert result.returncode == 0, result.stderr
    return HostileBuild(directory / "site", built_site, placed, data)


def test_every_payload_is_placed(hostile: HostileBuild) -> None:
    assert {literal for _, literal in hostile.placed} == set(LITERALS)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def skeleton(page: BeautifulSoup) -> Counter[tuple[str, tuple[str, ...]]]:
    """Every element with its attribute names, except those inline Markdown makes."""
    return Counter(
        (tag.name, tuple(sorted(tag.attrs))) for tag in page.find_all(True) if tag.name not in INLINE_TAGS
    )


def html_pages(site: Path) -> list[str]:
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


def test_no_page_gains_an_element_or_attribute(hostile: HostileBuild) -> None:
    assert html_pages(hostile.site) == html_pages(hostile.clean)
    for name in html_pages(hostile.site):
        assert skeleton(soup(hostile.site / name)) == skeleton(soup(hostile.clean / name)), name


def inline_problems(page: BeautifulSoup, allowed: dict[str, set[str]]) -> list[str]:
    problems = []
    for tag in page.find_all(list(INLINE_TAGS)):
        extra = set(tag.attrs) - allowed[tag.name] - INLINE_TAGS[tag.name]
        if extra:
            problems.append(f"<{tag.name}> mit {sorted(extra)}")
        href = str(tag.get("href", ""))
        if tag.name == "a" and (href.startswith("//") or href.split(":")[0].lower() in BAD_SCHEMES):
            problems.append(f"<a href={href!r}>")
    return problems


BAD_SCHEMES = {"javascript", "data", "vbscript", "file"}


def attributes_in(*pages: BeautifulSoup) -> dict[str, set[str]]:
    """The attribute names each inline element has anywhere in clean pages (theme markup included)."""
    allowed: dict[str, set[str]] = {name: set() for name in INLINE_TAGS}
    for page in pages:
        for tag in page.find_all(list(INLINE_TAGS)):
            allowed[tag.name] |= set(tag.attrs)
    return allowed


def test_inline_elements_carry_no_new_attribute_or_target(hostile: HostileBuild) -> None:
    allowed = attributes_in(*(soup(hostile.clean / name) for name in html_pages(hostile.clean)))
    for name in html_pages(hostile.site):
        assert inline_problems(soup(hostile.site / name), allowed) == [], name


def test_every_payload_reads_as_itself(hostile: HostileBuild) -> None:
    texts: dict[str, str] = {}
    missing = []
    for path, literal in filter(lambda placed: on_site(placed[0]), hostile.placed):
        page = hostile.page(path)
        if page not in texts:
            article = soup(hostile.site / page).find("article")
            assert isinstance(article, Tag)
            texts[page] = normalised(article.get_text(""))
        if visible(literal.payload) not in texts[page]:
            missing.append(f"{page}: {literal.payload!r}")
    assert missing == []


def test_titles_navigation_and_descriptions_are_text(hostile: HostileBuild) -> None:
    for index, chapter in enumerate(hostile.data["chapters"]):
        page = soup(hostile.site / chapter["id"] / "index.html")
        title = visible(chapter["title"])
        assert page.title is not None and page.title.string == f"{title} - {SITE_NAME}"
        nav = {normalised(link.get_text("")) for link in page.select("nav.md-nav--primary a.md-nav__link")}
        assert title in nav, index
        if index > 0:  # the footer's aria-label goes through |e: still escaped only once
            previous = page.select_one("a.md-footer__link--prev")
            assert previous is not None
            assert str(previous["aria-label"]).endswith(
                ": " + visible(hostile.data["chapters"][index - 1]["title"])
            )
        description = page.find("meta", attrs={"name": "description"})
        assert isinstance(description, Tag)
        expected = normalised(plain.inline(chapter["intro"][0]))
        assert expected.startswith(normalised(str(description["content"])).removesuffix("…"))


def test_legacy_page_lists_the_titles_as_text(hostile: HostileBuild) -> None:
    page = soup(hostile.site / "devopsguide-de.html")
    titles = [normalised(item.get_text("")) for item in page.select("li[data-chapter] a")]
    assert titles == [visible(chapter["title"]) for chapter in hostile.data["chapters"]]


def search_skeletons(site: Path) -> dict[str, list[Counter[tuple[str, tuple[str, ...]]]]]:
    """Per indexed section, the elements of its title and text (Material shows both as HTML)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {
        doc["location"]: [skeleton(BeautifulSoup(doc[key], "html.parser")) for key in ("title", "text")]
        for doc in index["docs"]
    }


@pytest.mark.filterwarnings("ignore::bs4.MarkupResemblesLocatorWarning")
def test_search_index_gains_no_element(hostile: HostileBuild) -> None:
    assert search_skeletons(hostile.site) == search_skeletons(hostile.clean)


# --- The Markdown tickets through cmark-gfm, and the issue-template zips ----------------


def ticket_html(site: Path, chapter_id: str) -> BeautifulSoup:
    markdown = (site / "vorlagen" / f"{chapter_id}.md").read_text(encoding="utf-8")
    return BeautifulSoup(cmarkgfm.github_flavored_markdown_to_html(markdown), "html.parser")


def test_markdown_tickets_gain_no_element(hostile: HostileBuild) -> None:
    for chapter in hostile.data["chapters"]:
        page = ticket_html(hostile.site, chapter["id"])
        assert skeleton(page) == skeleton(ticket_html(hostile.clean, chapter["id"])), chapter["id"]
        assert inline_problems(page, {name: set() for name in INLINE_TAGS}) == []


def test_markdown_tickets_read_as_the_payloads(hostile: HostileBuild) -> None:
    missing = []
    for path, literal in hostile.placed:
        if path[0] != "chapters" or path[2] == "title":
            continue  # the ticket holds the chapter's intro and questions; the title is the issue's
        text = ticket_visible(ticket_html(hostile.site, hostile.data["chapters"][path[1]]["id"]).get_text(""))
        if ticket_visible(visible(literal.payload)) not in text:
            missing.append(f"{path}: {literal.payload!r}")
    assert missing == []


def test_issue_template_front_matter_is_the_plain_title(hostile: HostileBuild) -> None:
    archive = zipfile.ZipFile(
        io.BytesIO((hostile.site / "vorlagen" / "github-issue-templates.zip").read_bytes())
    )
    for number, chapter in enumerate(hostile.data["chapters"], 1):
        text = archive.read(f".github/ISSUE_TEMPLATE/{number:02d}-{chapter['id']}.md").decode("utf-8")
        front = yaml.safe_load(text.removeprefix("---\n").split("\n---\n", 1)[0])
        assert front["title"] == "Projektstart: " + plain.inline(chapter["title"])
        assert set(front) == {"name", "about", "title"}


INTERNAL_LINKS = Literal("[Kapitel](sicherheit) und [Frage](projekt#projektname)", links=True)
INTERNAL_TARGETS = {"Kapitel": "sicherheit/", "Frage": "projekt/#projektname"}


def test_internal_links_are_relative_on_pages_and_absolute_in_tickets(hostile: HostileBuild) -> None:
    places = [path for path, literal in hostile.placed if literal == INTERNAL_LINKS and on_site(path)]
    assert places
    for path in places:
        page = hostile.page(path)
        base = TEST_SITE_URL + page.removesuffix("index.html")
        for label, target in INTERNAL_TARGETS.items():
            hrefs = [str(a["href"]) for a in soup(hostile.site / page).find_all("a", string=label)]
            assert hrefs, (path, label)
            assert all(not href.startswith("http") for href in hrefs), (path, hrefs)
            assert {urljoin(base, href) for href in hrefs} == {TEST_SITE_URL + target}
    markdown = (hostile.site / "vorlagen" / "projektleitfaden.md").read_text(encoding="utf-8")
    assert f"[Kapitel]({TEST_SITE_URL}sicherheit/)" in markdown


# --- The brochure's HTML and the QR captions --------------------------------------------


def test_brochure_html_gains_no_element(hostile: HostileBuild) -> None:
    site = SiteUrl(TEST_SITE_URL, is_default=False)
    hostile_html = BeautifulSoup(render_html(Guide.model_validate(hostile.data), site), "html.parser")
    clean_html = BeautifulSoup(render_html(load_guide(), site), "html.parser")
    assert skeleton(hostile_html) == skeleton(clean_html)
    assert inline_problems(hostile_html, attributes_in(clean_html)) == []
    text = normalised(hostile_html.get_text(""))
    shown = [literal for path, literal in hostile.placed if in_brochure(path)]
    assert [literal.payload for literal in shown if visible(literal.payload) not in text] == []


QR_SITE = SiteUrl("https://example.org/a_b_/*x*/`c`/{.d}/<b>&amp;/", is_default=False)


def test_qr_caption_and_alt_text_show_the_url_as_it_is(guide: Guide) -> None:
    figure = BeautifulSoup(site_markdown(_qr_figure(guide.chapters[0], QR_SITE)), "html.parser")
    url = QR_SITE.chapter(guide.chapters[0].id)
    image, caption = figure.find("img"), figure.find("figcaption")
    assert isinstance(image, Tag) and isinstance(caption, Tag)
    assert image["alt"] == f"QR-Code: {url}"
    assert caption.get_text() == url
    assert skeleton(figure) == Counter(
        {
            ("figure", ("class",)): 1,
            ("p", ()): 1,
            ("img", ("alt", "height", "src", "width")): 1,
            ("figcaption", ()): 1,
        }
    )
