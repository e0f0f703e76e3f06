"""The print brochure as a reader gets it: the real PDF, read back with poppler and zbar.

The PDF is built once per session through the command line, the way `make build` does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from leitfaden import __main__ as cli
from leitfaden.markup import text as content_text
from leitfaden.model import Chapter, Guide
from leitfaden.pdf import BrochureHtml
from leitfaden.site import SiteUrl

from .conftest import SOURCE_DATE_EPOCH, TEST_SITE_URL
from .test_qr import qr_codes_on_page, run, tool

FONT_FAMILY = "Source-Sans-3"
A4_HEIGHT_PT = 841.89
TYPE_AREA_MARGIN_MM = 23


def normalise(text: str) -> str:
    """One space for any whitespace; a line broken after a hyphen joined again."""
    text = re.sub(r"\s+", " ", text.replace("\u00ad", ""))
    return re.sub(r"(?<=\w)[-\u2010] (?=\w)", "-", text)


def reader_text(text: str) -> str:
    """A content text as printed: the inline Markdown's text without its markup."""
    return "".join(span.text for span in content_text.parse(text))


def title_pattern(title: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(normalise(reader_text(title))) + r"(?!\w)")


@pytest.fixture(scope="session")
def brochure(built_site: Path) -> Path:
    """site/projektleitfaden.pdf, where the home page's link "Leitfaden als PDF" points."""
    return built_site / "projektleitfaden.pdf"


def page_texts(pdf: Path, *crop: str) -> list[str]:
    """The text of every page in drawing order, whitespace-normalised; [0] is page 1."""
    text = run(tool("pdftotext"), "-raw", *crop, str(pdf), "-")
    return [normalise(page) for page in text.split("\f")[:-1]]


@pytest.fixture(scope="session")
def pages(brochure: Path) -> list[str]:
    return page_texts(brochure)


@pytest.fixture(scope="session")
def body_text(brochure: Path) -> str:
    """All pages' text without the running header and footer, so a paragraph broken across
    pages reads as one. The cut lies inside the 24 mm page margins of brochure.css."""
    margin = round(TYPE_AREA_MARGIN_MM / 25.4 * 72)
    crop = ("-x", "0", "-y", str(margin), "-W", "1000", "-H", str(round(A4_HEIGHT_PT) - 2 * margin))
    return " ".join(page_texts(brochure, *crop))


@pytest.fixture(scope="session")
def contents(pages: list[str], guide: Guide) -> tuple[int, dict[str, int]]:
    """The contents page (1-based) and the page number it prints for each chapter and Kontakt."""
    entries = {chapter.id: chapter.title for chapter in guide.chapters} | {"kontakt": "Kontakt"}
    for number, text in enumerate(pages, start=1):
        printed = {}
        for key, title in entries.items():
            match = re.search(title_pattern(title).pattern + r"(?: \.)+ (\d+)", text)
            if match:
                printed[key] = int(match[1])
        if printed:
            assert printed.keys() == entries.keys(), f"Inhalt auf Seite {number} unvollständig: {printed}"
            return number, printed
    pytest.fail("kein Inhaltsverzeichnis mit Seitenzahlen gefunden")


def start_page(pages: list[str], after: int, title: str) -> int:
    """The first page after ``after`` on which ``title`` appears."""
    pattern = title_pattern(title)
    for number in range(after + 1, len(pages) + 1):
        if pattern.search(pages[number - 1]):
            return number
    pytest.fail(f"{title!r} steht auf keiner Seite nach dem Inhalt")


def chapter_pages(pages: list[str], contents: tuple[int, dict[str, int]], guide: Guide) -> dict[str, int]:
    return {chapter.id: start_page(pages, contents[0], chapter.title) for chapter in guide.chapters}


def test_contents_page_numbers_are_the_pages_the_chapters_start_on(
    pages: list[str], contents: tuple[int, dict[str, int]], guide: Guide
) -> None:
    contents_page, printed = contents
    actual = chapter_pages(pages, contents, guide)
    actual["kontakt"] = start_page(pages, contents_page, "Kontakt")
    assert printed == actual
    assert list(actual.values()) == sorted(set(actual.values())), "jedes Kapitel beginnt auf neuer Seite"
    assert actual["kontakt"] == len(pages), "der Kontakt ist die letzte Seite"
    for number in actual.values():  # the footer prints the same number
        assert pages[number - 1].rstrip().endswith(f" {number}")


def test_every_chapter_page_carries_its_qr_code(
    brochure: Path,
    pages: list[str],
    contents: tuple[int, dict[str, int]],
    guide: Guide,
    tmp_path: Path,
) -> None:
    site = SiteUrl(TEST_SITE_URL, is_default=False)
    for chapter_id, page in chapter_pages(pages, contents, guide).items():
        url = site.chapter(chapter_id)
        assert qr_codes_on_page(brochure, page, tmp_path) == {url}, f"Seite {page}"
        # printed beneath the code, maybe broken after a "/"
        assert url in pages[page - 1].replace(" ", ""), f"Seite {page}: {url} fehlt"


def chapter_texts(chapter: Chapter) -> Iterator[str]:
    yield chapter.title
    yield from chapter.intro
    for question in chapter.questions:
        yield question.text
        for block in question.help_blocks():
            yield from block.paragraphs
        if question.table:
            yield from question.table.columns
            yield from (cell for row in question.table.rows for cell in row if cell)


def test_every_question_help_text_and_table_is_printed(body_text: str, guide: Guide) -> None:
    texts = [reader_text(text) for chapter in guide.chapters for text in chapter_texts(chapter)]
    assert len(texts) > sum(len(chapter.questions) for chapter in guide.chapters)
    assert [text for text in texts if normalise(text) not in body_text] == []


def test_standard_offers_are_set_apart(pages: list[str], guide: Guide) -> None:
    boxes = sum(
        block.is_standard
        for chapter in guide.chapters
        for q in chapter.questions
        for block in q.help_blocks()
    )
    assert boxes > 0
    assert len(re.findall(r"\bUnser Standard\b", " ".join(pages), re.IGNORECASE)) == boxes


def test_foreword_tip_and_contact_are_printed(pages: list[str], body_text: str, guide: Guide) -> None:
    text = body_text
    for item in (guide.title, guide.subtitle, *guide.foreword.paragraphs, guide.tip):
        assert normalise(reader_text(item)) in text
    signature = guide.foreword.signature
    assert f"{signature.name} {signature.role}" in text
    contact = guide.contact
    for item in (contact.question, contact.hotline, contact.company, *contact.address):
        assert normalise(item) in pages[-1]
    for item in (contact.email, contact.phone, contact.fax):
        assert item in pages[-1]


def test_bookmarks_lead_to_every_chapter(
    brochure: Path, pages: list[str], contents: tuple[int, dict[str, int]], guide: Guide
) -> None:
    xml = run(tool("pdftohtml"), "-xml", "-stdout", "-i", "-q", str(brochure))
    outline = ET.fromstring(xml).find("outline")
    assert outline is not None, "die PDF hat keine Lesezeichen"
    top = {item.text: int(item.get("page", "0")) for item in outline.findall("item")}
    expected = {
        reader_text(c.title): page
        for c, page in zip(guide.chapters, chapter_pages(pages, contents, guide).values(), strict=True)
    }
    assert expected.items() <= top.items()
    assert top["Kontakt"] == len(pages)
    questions = [item.text for nested in outline.findall("outline") for item in nested.findall("item")]
    assert questions == [reader_text(q.text) for c in guide.chapters for q in c.questions]


def test_metadata(brochure: Path, guide: Guide) -> None:
    info = dict(line.split(":", 1) for line in run(tool("pdfinfo"), "-isodates", str(brochure)).splitlines())
    info = {key.strip(): value.strip() for key, value in info.items()}
    assert info["Title"] == reader_text(guide.title)
    assert info["Author"] == guide.contact.company
    assert info["Page size"].endswith("(A4)")
    created = datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert info["CreationDate"] == info["ModDate"] == created
    assert b"/Lang (de)" in b"".join(inflated_streams(brochure.read_bytes()))


def inflated_streams(pdf: bytes) -> list[bytes]:
    """The PDF's raw objects and its Flate-compressed streams (object streams hold the catalog)."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match[1]))
        except zlib.error:
            continue
    return chunks


def test_only_the_shipped_fonts_are_used_and_all_are_embedded(brochure: Path) -> None:
    rows = run(tool("pdffonts"), str(brochure)).splitlines()[2:]
    assert rows, "keine Schriften in der PDF"
    for row in rows:
        name, emb, sub = row.split()[0], *row.split()[-5:-3]
        assert name.split("+", 1)[-1].startswith(FONT_FAMILY), row
        assert (emb, sub) == ("yes", "yes"), f"nicht (als Teilmenge) eingebettet: {row}"


def test_pdf_stays_small(brochure: Path) -> None:
    assert brochure.stat().st_size < 1_000_000


def test_warns_on_stderr_without_site_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    written: list[tuple[str, Path]] = []

    def record(html: Callable[[], BrochureHtml], path: Path) -> tuple[Path, Path]:
        written.append((html().document, path))
        return path, path.with_name("out-druck.pdf")

    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr("leitfaden.pdf.write_editions", record)
    assert cli.main(["brochure", str(tmp_path / "out.pdf")]) == 0
    default = SiteUrl.from_env()
    assert default.is_default
    [(html, path)] = written
    assert path == tmp_path / "out.pdf"
    assert f"{default.base}projekt/" in html  # the QR codes' captions
    assert capsys.readouterr().err.strip() == f"WARNUNG - {default.warning}"


def test_an_invalid_site_url_fails_cleanly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("SITE_URL", "ftp://leitfaden.example/")
    assert cli.main(["brochure", str(tmp_path / "out.pdf")]) == 1
    assert capsys.readouterr().err.strip() == (
        "SITE_URL muss mit http:// oder https:// beginnen, nicht „ftp://leitfaden.example/“"
    )
    assert not (tmp_path / "out.pdf").exists()


def test_content_error_fails_cleanly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "questions.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    assert cli.main(["brochure", str(tmp_path / "out.pdf"), str(broken)]) == 1
    assert "questions.yaml" in capsys.readouterr().err
    assert not (tmp_path / "out.pdf").exists()


def test_chapter_ids_are_the_pdf_anchors(brochure: Path, guide: Guide) -> None:
    """projektleitfaden.pdf#<chapter-id> opens the chapter, like the old devopsguide-de.html#<id>."""
    names = b"".join(inflated_streams(brochure.read_bytes()))
    for chapter in guide.chapters:
        assert f"({chapter.id})".encode() in names, chapter.id
