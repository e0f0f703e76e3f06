"""Every chapter's ticket, in every format and variant, read by the tracker's real renderer.

Markdown goes through cmark-gfm (GitHub's renderer), Jira wiki markup through pandoc's Jira
reader, Textile through the textile package. What each reader shows is compared with the
content: every question as a checklist item, every table with all its cells, the hints and
standard offers set apart (or absent in the compact variant), the footer link and version,
and no markup the content did not ask for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cmarkgfm
import pypandoc
import pytest
import textile
from bs4 import BeautifulSoup, Tag

from leitfaden.markup import html as html_markup
from leitfaden.model import Chapter, Guide
from leitfaden.site import SiteUrl
from leitfaden.tickets import FORMATS, VARIANTS, TicketFormat, Variant, ticket
from leitfaden.tickets.render import HINT_LABEL, STANDARD_LABEL

SITE = SiteUrl("https://projektleitfaden.example.org/", is_default=False)
#: Typographic replacements a renderer may make (Textile's "glyphs"); not a change of content.
GLYPHS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})


@dataclass(frozen=True)
class Reader:
    to_html: Callable[[str], str]
    #: Prefix of a question's list item (Markdown has a real checkbox instead).
    open_item: str
    #: A block of several hint paragraphs is one quote, or one quote per paragraph.
    quote_per_paragraph: bool


READERS: dict[str, Reader] = {
    "markdown": Reader(cmarkgfm.github_flavored_markdown_to_html, "", quote_per_paragraph=False),
    "jira": Reader(lambda text: pypandoc.convert_text(text, "html", format="jira"), "[ ] ", True),
    "textile": Reader(textile.textile, "[ ] ", True),
}


def test_every_format_has_a_reader() -> None:
    assert sorted(READERS) == sorted(fmt.key for fmt in FORMATS)


def visible(node: Tag | str) -> str:
    text = node.get_text() if isinstance(node, Tag) else BeautifulSoup(node, "html.parser").get_text()
    return " ".join(text.split()).translate(GLYPHS)


def expected(text: str) -> str:
    """What a reader should see of a content text: its HTML rendering, as text."""
    return visible(html_markup.inline(text))


@dataclass(frozen=True)
class Rendered:
    chapter: Chapter
    fmt: TicketFormat
    variant: Variant
    html: BeautifulSoup


@pytest.fixture(
    scope="module",
    params=[(fmt, variant) for fmt in FORMATS for variant in VARIANTS],
    ids=lambda p: f"{p[0].key}-{p[1].key or 'voll'}",
)
def rendered(request: pytest.FixtureRequest, guide: Guide) -> list[Rendered]:
    fmt, variant = request.param
    reader = READERS[fmt.key]
    results = []
    for chapter in guide.chapters:
        html = reader.to_html(ticket(guide, chapter, SITE, fmt, variant))
        results.append(Rendered(chapter, fmt, variant, BeautifulSoup(html, "html.parser")))
    return results


def question_items(result: Rendered) -> list[str]:
    reader = READERS[result.fmt.key]
    items = []
    for item in result.html.find_all("li"):
        text = visible(item)
        if not reader.open_item:
            checkbox = item.find("input", attrs={"type": "checkbox"})
            if checkbox is not None and not checkbox.has_attr("checked"):
                items.append(text)
        elif text.startswith(reader.open_item.strip()):
            items.append(text.removeprefix(reader.open_item.strip()).strip())
    return items


def test_every_question_is_an_open_checklist_item(rendered: list[Rendered]) -> None:
    for result in rendered:
        questions = [expected(question.text) for question in result.chapter.questions]
        assert question_items(result) == questions, result.chapter.id


def test_questions_are_bold_and_nothing_else_is_accidentally_marked_up(rendered: list[Rendered]) -> None:
    for result in rendered:
        questions = {expected(question.text) for question in result.chapter.questions}
        strong = {visible(tag) for tag in result.html.find_all(["strong", "b"])}
        assert strong <= questions | {HINT_LABEL, STANDARD_LABEL}, result.chapter.id
        # The content uses no emphasis, code or the formats' other effects; a gender star
        # or a "Mo.-Fr." taken for markup would show up here.
        stray = result.html.find_all(["em", "i", "del", "ins", "u", "sup", "sub", "cite", "code", "img"])
        assert stray == [], f"{result.chapter.id}: {stray}"


def test_intro_is_there_unchanged(rendered: list[Rendered]) -> None:
    for result in rendered:
        text = visible(result.html)
        for paragraph in result.chapter.intro:
            assert expected(paragraph) in text, result.chapter.id


def test_tables_are_real_tables_with_every_cell(rendered: list[Rendered]) -> None:
    for result in rendered:
        tables = [question.table for question in result.chapter.questions if question.table]
        found = result.html.find_all("table")
        assert len(found) == len(tables), result.chapter.id
        for table, html in zip(tables, found, strict=True):
            rows = html.find_all("tr")
            assert [visible(cell) for cell in rows[0].find_all("th")] == [expected(c) for c in table.columns]
            body = [[visible(cell) for cell in row.find_all("td")] for row in rows[1:]]
            # Blank cells survive as empty cells: every row keeps all its columns.
            assert body == [[expected(cell) if cell else "" for cell in row] for row in table.all_rows]


def test_hints_and_standard_offers_are_marked_or_left_out(rendered: list[Rendered]) -> None:
    for result in rendered:
        blocks = [block for question in result.chapter.questions for block in question.help_blocks()]
        quotes = result.html.find_all("blockquote")
        labels = [visible(tag) for tag in result.html.find_all("strong") if visible(tag).endswith(":")]
        if not result.variant.with_help:
            assert quotes == [] and labels == [], result.chapter.id
            continue
        per_paragraph = READERS[result.fmt.key].quote_per_paragraph
        paragraphs = [paragraph for block in blocks for paragraph in block.paragraphs]
        assert len(quotes) == (len(paragraphs) if per_paragraph else len(blocks)), result.chapter.id
        assert labels == [STANDARD_LABEL if block.is_standard else HINT_LABEL for block in blocks]
        quoted = " ".join(visible(quote) for quote in quotes)
        for paragraph in paragraphs:
            assert expected(paragraph) in quoted, result.chapter.id


def test_footer_links_to_the_chapter_and_names_the_version(rendered: list[Rendered], guide: Guide) -> None:
    for result in rendered:
        links = [a for a in result.html.find_all("a") if a.get("href") == SITE.chapter(result.chapter.id)]
        assert len(links) == 1, result.chapter.id
        footer = visible(links[0].find_parent("p"))
        assert f"Version {guide.version}" in footer
        assert expected(result.chapter.title) in visible(links[0])
