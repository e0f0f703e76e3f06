"""The two brochure editions read back as a printer and a screen reader get them.

Both PDFs come from the session's `make build` (``built_site``); a second build without
SITE_URL and without SOURCE_DATE_EPOCH, made twice, checks the preview marking and that
the output does not depend on the clock. The PDFs are read with PyMuPDF and poppler.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from leitfaden.brochure import brochure_html
from leitfaden.loader import load_guide
from leitfaden.model import Guide
from leitfaden.pdf import BLEED_PT, PRINT_PAGE_MULTIPLE, write_editions
from leitfaden.site import DEFAULT_SITE_URL, SiteUrl

from .conftest import ROOT, TEST_SITE_URL, build_env, shared_folder
from .test_brochure import normalise, reader_text
from .test_qr import qr_codes_on_page, run, tool

A4_PT = (595.28, 841.89)
MM = 72 / 25.4
#: The brochure's page margins (brochure.css): the type area is where content may go.
TYPE_AREA_TOP, TYPE_AREA_BOTTOM = 24 * MM, 24 * MM
#: The colour of the ruled answer lines (brochure.css, .answer-line).
ANSWER_LINE_RGB = (0xB9, 0xBD, 0xCC)
COVER_BLUE_RGB = (0x28, 0x35, 0x93)
PREVIEW = "Vorschau: Links und QR-Codes führen zur lokalen Adresse"


@pytest.fixture(scope="session")
def screen(built_site: Path) -> pymupdf.Document:
    return pymupdf.open(built_site / "projektleitfaden.pdf")


@pytest.fixture(scope="session")
def printed(built_site: Path) -> pymupdf.Document:
    return pymupdf.open(built_site / "projektleitfaden-druck.pdf")


@pytest.fixture(scope="session", params=["projektleitfaden.pdf", "projektleitfaden-druck.pdf"])
def edition(request: pytest.FixtureRequest, built_site: Path) -> pymupdf.Document:
    return pymupdf.open(built_site / request.param)


def build_without_site_url(out: Path) -> subprocess.CompletedProcess[str]:
    """`python -m leitfaden brochure` as a plain `make build` runs it: no SITE_URL, no date."""
    env = {key: value for key, value in build_env().items() if key not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    return subprocess.run(
        [sys.executable, "-m", "leitfaden", "brochure", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def previews(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two preview builds, at least a second apart (the clock's resolution in fonts and dates),
    made once per test run."""
    folders = (Path("preview1"), Path("preview2"))

    def make(shared: Path) -> None:
        for folder in folders:
            (shared / folder).mkdir()
            started = time.monotonic()
            result = build_without_site_url(shared / folder / "projektleitfaden.pdf")
            assert result.returncode == 0, result.stderr
            time.sleep(max(0.0, 1.1 - (time.monotonic() - started)))

    shared = shared_folder(tmp_path_factory, "previews", make)
    return shared / folders[0], shared / folders[1]


def destinations(document: pymupdf.Document) -> dict[str, int]:
    """Named destination (an element id of the HTML) → 0-based page."""
    return {name: target["page"] for name, target in document.resolve_names().items()}


def page_text(page: pymupdf.Page) -> str:
    return normalise(page.get_text().replace("\u200b", "")).strip()


def answer_lines(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """The ruled answer lines drawn on a page, top to bottom."""
    colour = tuple(round(channel / 255, 2) for channel in ANSWER_LINE_RGB)
    lines = [
        drawing["rect"]
        for drawing in page.get_drawings()
        if drawing.get("fill") and tuple(round(c, 2) for c in drawing["fill"]) == colour
    ]
    return sorted(lines, key=lambda rect: rect.y1)


def question_ids(guide: Guide) -> Iterator[tuple[str, str, str]]:
    for chapter in guide.chapters:
        for question in chapter.questions:
            yield f"{chapter.id}.{question.id}", question.text, question.id


def test_every_question_shares_its_page_with_its_answer_space(
    edition: pymupdf.Document, guide: Guide
) -> None:
    """A question, its hints, boxes and its answer lines or table never break across pages."""
    pages = destinations(edition)
    split = []
    for anchor, text, _ in question_ids(guide):
        start, answer = pages[anchor], pages[f"{anchor}.antwort"]
        if start != answer or normalise(reader_text(text)) not in page_text(edition[start]):
            split.append(f"{anchor}: Frage auf Seite {start + 1}, Antwort auf Seite {answer + 1}")
    assert split == []


def test_every_answer_has_the_lines_its_question_asks_for(screen: pymupdf.Document, guide: Guide) -> None:
    pages = destinations(screen)
    expected: Counter[int] = Counter()
    for chapter in guide.chapters:
        for question in chapter.questions:
            expected[pages[f"{chapter.id}.{question.id}.antwort"]] += question.answer_line_count
    assert sum(expected.values()) > len(expected)
    drawn = {number: len(answer_lines(screen[number])) for number in expected}
    assert drawn == dict(expected)


def test_answer_space_follows_answer_lines(guide: Guide) -> None:
    sizes = Counter(q.answer_line_count for c in guide.chapters for q in c.questions if not q.table)
    assert sizes[1] >= 3 and max(sizes) >= 6, f"alle Fragen gleich viel Platz? {sizes}"


def test_no_page_is_more_than_half_empty_but_a_chapters_last(screen: pymupdf.Document, guide: Guide) -> None:
    pages = destinations(screen)
    starts = sorted(pages[chapter.id] for chapter in guide.chapters) + [pages["kontakt"]]
    empty = []
    for start, end in itertools.pairwise(starts):
        for number in range(start, end - 1):  # the chapter's last page may be short
            fill = page_fill(screen[number])
            if fill < 0.5:
                empty.append(f"Seite {number + 1}: {fill:.0%} gefüllt")
    assert empty == []


def page_fill(page: pymupdf.Page) -> float:
    """How far down the type area the page's text and drawings reach (0 to 1)."""
    top, bottom = page.rect.y0 + TYPE_AREA_TOP, page.rect.y1 - TYPE_AREA_BOTTOM
    lowest = [block[3] for block in page.get_text("blocks") if top <= block[1] and block[3] <= bottom]
    lowest += [d["rect"].y1 for d in page.get_drawings() if top <= d["rect"].y0 and d["rect"].y1 <= bottom]
    return (max(lowest) - top) / (bottom - top) if lowest else 0.0


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[pymupdf.Document, pymupdf.Document]:
    """Both editions of the guide with one table grown by 15 rows, longer than a page
    (made once per test run)."""

    def make(folder: Path) -> None:
        source = (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8")
        short = "columns: [Was, Bis wann]\n          blank_rows: 5"
        assert source.count(short) == 1
        content = folder / "questions.yaml"
        content.write_text(source.replace(short, short.replace("5", "20")), encoding="utf-8")
        site = SiteUrl(TEST_SITE_URL, is_default=False)
        write_editions(lambda: brochure_html(load_guide(content), site), folder / "x.pdf")

    folder = shared_folder(tmp_path_factory, "grown", make)
    return pymupdf.open(folder / "x.pdf"), pymupdf.open(folder / "x-druck.pdf")


@pytest.mark.slow
def test_a_table_longer_than_a_page_repeats_its_header(
    grown: tuple[pymupdf.Document, pymupdf.Document],
) -> None:
    """No table spans two pages today; one that grows does, and keeps its header row."""
    document = grown[0]
    first = destinations(document)["zeitplan.weitere-termine.antwort"]
    for number in (first, first + 1):
        header = document[number].search_for("Bis wann")
        assert len(header) == 1, f"Seite {number + 1}: Kopfzeile {len(header)}-mal"
    # on the next page the header row is the first thing below the running header
    top_of_text = min(
        block[1] for block in document[first + 1].get_text("blocks") if block[1] > TYPE_AREA_TOP
    )
    assert document[first + 1].search_for("Bis wann")[0].y0 < top_of_text + 10


def test_notes_pages_pad_a_longer_guide_to_a_multiple_of_four(
    grown: tuple[pymupdf.Document, pymupdf.Document],
) -> None:
    screen, printed = grown
    assert screen.page_count % PRINT_PAGE_MULTIPLE, "die Vorlage braucht hier Notizseiten"
    assert printed.page_count == screen.page_count + (-screen.page_count % PRINT_PAGE_MULTIPLE)
    assert page_text(printed[screen.page_count - 1]).startswith("Kontakt")
    for number in range(screen.page_count, printed.page_count):
        assert page_text(printed[number]) == "Notizen", f"Seite {number + 1}"
        assert len(answer_lines(printed[number])) > 20


def test_print_edition_is_padded_with_notes_to_a_multiple_of_four(
    screen: pymupdf.Document, printed: pymupdf.Document
) -> None:
    assert printed.page_count % PRINT_PAGE_MULTIPLE == 0
    added = printed.page_count - screen.page_count
    assert 0 <= added < PRINT_PAGE_MULTIPLE
    for number in range(screen.page_count):
        assert page_text(printed[number]) == page_text(screen[number]), f"Seite {number + 1}"
    assert [page_text(printed[n]) for n in range(screen.page_count, printed.page_count)] == [
        "Notizen"
    ] * added


def box(page: pymupdf.Page, name: str) -> tuple[float, ...]:
    """A page box as the PDF writes it: (left, bottom, right, top) in points."""
    kind, value = page.parent.xref_get_key(page.xref, name)
    assert kind == "array", f"Seite {page.number + 1} hat keine {name}"
    return tuple(float(number) for number in value.strip("[]").split())


def test_screen_pages_are_a4_without_bleed(screen: pymupdf.Document) -> None:
    for page in screen:
        media = box(page, "MediaBox")
        assert media == box(page, "TrimBox") == box(page, "BleedBox")
        assert (round(media[2] - media[0], 2), round(media[3] - media[1], 2)) == A4_PT


def test_print_pages_have_3mm_bleed_around_the_a4_trim(printed: pymupdf.Document) -> None:
    assert pytest.approx(3 * MM) == BLEED_PT
    for page in printed:
        trim, bleed, media = box(page, "TrimBox"), box(page, "BleedBox"), box(page, "MediaBox")
        assert (round(trim[2] - trim[0], 2), round(trim[3] - trim[1], 2)) == A4_PT
        outwards = (-1, -1, 1, 1)
        assert [(b - t) * o for b, t, o in zip(bleed, trim, outwards, strict=True)] == pytest.approx(
            [BLEED_PT] * 4, abs=0.01
        )
        assert all((m - b) * o > 0 for m, b, o in zip(media, bleed, outwards, strict=True)), (
            "kein Platz für Marken"
        )


def test_print_pages_have_crop_marks_outside_the_bleed(printed: pymupdf.Document) -> None:
    """At each corner a mark on either trim line, from the bleed's edge outwards."""
    for page in printed:
        left, bottom, right, top = box(page, "TrimBox")
        to_pdf = ~page.transformation_matrix
        marks = set()
        for drawing in page.get_drawings():
            for item in drawing["items"]:
                if item[0] != "l":
                    continue
                start, end = (pymupdf.Point(point) * to_pdf for point in item[1:3])
                on_trim_line = round(start.x, 2) == round(end.x, 2) in (round(left, 2), round(right, 2)) or (
                    round(start.y, 2) == round(end.y, 2) in (round(bottom, 2), round(top, 2))
                )
                outside_bleed = all(
                    not (left - BLEED_PT + 0.01 < point.x < right + BLEED_PT - 0.01)
                    or not (bottom - BLEED_PT + 0.01 < point.y < top + BLEED_PT - 0.01)
                    for point in (start, end)
                )
                if on_trim_line and outside_bleed:
                    marks.add((round(start.x), round(start.y), round(end.x), round(end.y)))
        assert len(marks) == 8, f"Seite {page.number + 1}: {sorted(marks)}"


def test_cover_colour_runs_into_the_bleed(printed: pymupdf.Document) -> None:
    """The cover's blue fills the bleed above and beside the trim: no white edge after trimming."""
    page = printed[0]
    left, bottom, right, top = box(page, "TrimBox")
    pixels = page.get_pixmap(dpi=72)
    to_pixels = page.transformation_matrix

    def is_colour(x: float, y: float, rgb: tuple[int, int, int]) -> bool:
        """Whether the pixel at PDF point (x, y) has the colour, give or take the renderer's rounding."""
        point = pymupdf.Point(x, y) * to_pixels
        found = pixels.pixel(int(point.x), int(point.y))
        return max(abs(a - b) for a, b in zip(found, rgb, strict=True)) <= 4

    white = (255, 255, 255)
    in_the_bleed = BLEED_PT / 2
    for x, y in (
        (left - in_the_bleed, top + in_the_bleed),
        ((left + right) / 2, top + in_the_bleed),
        (right + in_the_bleed, top + in_the_bleed),
        (left - in_the_bleed, top - 100 * MM),
        (right + in_the_bleed, top - 100 * MM),
    ):
        assert is_colour(x, y, COVER_BLUE_RGB), (x, y)
    assert is_colour((left + right) / 2, bottom - in_the_bleed, white), "unten bleibt das Blatt weiß"
    assert is_colour(left - BLEED_PT - 2 * MM, top - 100 * MM, white), "außerhalb des Beschnitts weiß"


def test_each_chapter_has_one_link_button_to_its_page(screen: pymupdf.Document, guide: Guide) -> None:
    pages = destinations(screen)
    chapter_urls = {f"{TEST_SITE_URL}{chapter.id}/" for chapter in guide.chapters}
    links: Counter[tuple[str, int]] = Counter()
    for page in screen:
        for link in page.get_links():
            if link.get("uri") in chapter_urls:
                links[(link["uri"], page.number)] += 1
                assert "Online öffnen" in page.get_textbox(link["from"]), link
    expected = {(f"{TEST_SITE_URL}{chapter.id}/", pages[chapter.id]): 1 for chapter in guide.chapters}
    assert dict(links) == expected


def test_print_edition_has_no_annotations(printed: pymupdf.Document) -> None:
    assert [page.number for page in printed if list(page.annots()) or page.get_links()] == []


def test_qr_codes_decode_in_the_print_edition(
    built_site: Path, printed: pymupdf.Document, guide: Guide, tmp_path: Path
) -> None:
    pages = destinations(printed)
    for chapter in guide.chapters:
        page = pages[chapter.id] + 1
        found = qr_codes_on_page(built_site / "projektleitfaden-druck.pdf", page, tmp_path)
        assert found == {f"{TEST_SITE_URL}{chapter.id}/"}, f"Seite {page}"


def test_url_caption_breaks_only_after_a_slash(screen: pymupdf.Document, guide: Guide) -> None:
    pages = destinations(screen)
    for chapter in guide.chapters:
        url = f"{TEST_SITE_URL}{chapter.id}/"
        lines = [
            line.replace("\u200b", "").strip() for line in screen[pages[chapter.id]].get_text().splitlines()
        ]
        start = next(index for index, line in enumerate(lines) if line.startswith("http"))
        pieces = []
        while "".join(pieces) != url:
            pieces.append(lines[start + len(pieces)])
            assert url.startswith("".join(pieces)), pieces
        assert all(piece.endswith("/") for piece in pieces), pieces


def test_screen_edition_is_tagged_pdf_ua(screen: pymupdf.Document, guide: Guide) -> None:
    catalog = screen.pdf_catalog()
    assert screen.xref_get_key(catalog, "StructTreeRoot")[0] == "xref"
    assert screen.xref_get_key(catalog, "MarkInfo/Marked") == ("bool", "true")
    assert screen.xref_get_key(catalog, "Lang") == ("string", "de")
    assert screen.xref_get_key(catalog, "ViewerPreferences/DisplayDocTitle") == ("bool", "true")
    assert 'pdfuaid:part="1"' in screen.get_xml_metadata()
    assert screen.metadata is not None and screen.metadata["title"] == reader_text(guide.title)
    titles = [title for level, title, _ in screen.get_toc() if level == 1]
    assert [reader_text(chapter.title) for chapter in guide.chapters] == titles[2:-1]


def test_print_edition_is_pdf_x4(printed: pymupdf.Document) -> None:
    catalog = printed.pdf_catalog()
    assert printed.xref_get_key(catalog, "OutputIntents")[0] == "array"
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in printed.get_xml_metadata()
    assert printed.xref_get_key(catalog, "StructTreeRoot")[0] == "null"


@pytest.mark.slow
def test_builds_without_source_date_epoch_are_byte_identical(previews: tuple[Path, Path]) -> None:
    """Fonts, dates and ids come from the content, never from the clock."""
    for name in ("projektleitfaden.pdf", "projektleitfaden-druck.pdf"):
        first, second = (folder / name for folder in previews)
        assert first.read_bytes() == second.read_bytes(), name


def test_preview_is_marked_on_the_cover_and_at_every_qr_code(
    previews: tuple[Path, Path], guide: Guide
) -> None:
    for name in ("projektleitfaden.pdf", "projektleitfaden-druck.pdf"):
        document = pymupdf.open(previews[0] / name)
        pages = destinations(document)
        cover = page_text(document[0])
        assert "Vorschau – nicht drucken" in cover and DEFAULT_SITE_URL in cover, name
        for chapter in guide.chapters:
            text = page_text(document[pages[chapter.id]])
            assert f"{PREVIEW} {DEFAULT_SITE_URL}" in text, f"{name}: {chapter.id}"


def test_no_preview_marking_with_site_url(edition: pymupdf.Document) -> None:
    assert [page.number + 1 for page in edition if "Vorschau" in page.get_text()] == []


def test_poppler_reads_the_print_edition(built_site: Path, printed: pymupdf.Document) -> None:
    """The boxes and marks added after WeasyPrint leave a PDF that poppler reads cleanly."""
    pdf = str(built_site / "projektleitfaden-druck.pdf")
    result = subprocess.run([tool("pdfinfo"), "-box", pdf], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert f"Pages:           {printed.page_count}" in result.stdout
    assert run(tool("pdftotext"), pdf, "-").count("\f") == printed.page_count
