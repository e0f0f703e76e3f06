"""Answer fields in Chromium (issue 11): they keep what the reader types, send nothing, copy
the same filled ticket the core writes for the exported file, and import it again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from leitfaden.answering import MESSAGES, templates_path
from leitfaden.answers import parse_answers
from leitfaden.model import Guide
from leitfaden.site import SiteUrl
from leitfaden.tickets import FORMATS
from leitfaden.tickets.render import filled_ticket
from tests.browser.conftest import Recording
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_clipboard import copy, same_up_to_final_newline
from tests.conftest import TEST_SITE_URL
from tests.test_qr import run, tool

pytestmark = pytest.mark.browser

CHAPTER = "team"
#: Lines that would be markup in every tracker format, and a plain one.
HOSTILE = "<b>fett</b> & *stern* | `code`\n- keine Liste\n\n# kein Titel [x](javascript:alert(1))"


def fill_in(page: Page, guide: Guide) -> dict[str, object]:
    """Answer every question of the chapter; what was typed, keyed as in the answers file."""
    chapter = guide.chapter(CHAPTER)
    page.wait_for_load_state("networkidle")  # the templates the page fetches for its tickets
    typed: dict[str, object] = {}
    for number, question in enumerate(chapter.questions):
        box = page.locator(f".lf-answer[data-lf-question='{question.id}']")
        if question.table is None:
            text = f"Antwort {number}: {HOSTILE}"
            box.locator("textarea").fill(text)
            typed[question.id] = text
        else:
            box.locator("button.lf-answer__add").click()
            inputs = box.locator("input")
            for index in range(inputs.count()):
                inputs.nth(index).fill(f"Zelle {number}.{index} <i>|</i>")
            width = len(question.table.columns)
            cells = [f"Zelle {number}.{index} <i>|</i>" for index in range(inputs.count())]
            typed[question.id] = {"rows": [cells[i : i + width] for i in range(0, len(cells), width)]}
    return typed


def test_answers_survive_a_reload_and_send_nothing(page: Page, recording: Recording, guide: Guide) -> None:
    page.goto(f"{CHAPTER}/")
    page.wait_for_load_state("networkidle")
    before = len(recording.requests)
    typed = fill_in(page, guide)
    # Nothing is sent while filling in: the one request fetches the chapter's templates.
    chapter = guide.chapter(CHAPTER)
    assert set(recording.requests[before:]) == {TEST_SITE_URL + templates_path(chapter)}
    assert recording.sending == []
    page.reload()
    for question_id, value in typed.items():
        box = page.locator(f".lf-answer[data-lf-question='{question_id}']")
        if isinstance(value, str):
            assert box.locator("textarea").input_value() == value
        else:
            cells = [box.locator("input").nth(i).input_value() for i in range(box.locator("input").count())]
            assert cells == [cell for row in value["rows"] for cell in row]  # type: ignore[index]
    total = len(typed)
    assert page.locator(".lf-answers__progress").inner_text() == f"{total} von {total} beantwortet"
    page.goto("")
    assert f"{total} von {total} beantwortet" in page.locator(f"[data-lf-progress='{CHAPTER}']").inner_text()
    assert recording.console_errors() == [] and recording.page_errors == []


def test_copied_ticket_is_what_the_core_writes_for_the_exported_file(
    page: Page, site_server: str, guide: Guide, tmp_path: Path
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    page.goto(f"{CHAPTER}/")
    fill_in(page, guide)
    with page.expect_download() as download:
        page.locator("[data-lf-action='export']").click()
    exported = tmp_path / "antworten.json"
    download.value.save_as(exported)
    answers = parse_answers(exported.read_bytes(), guide)
    chapter = guide.chapter(CHAPTER)
    site = SiteUrl(site_server, False)
    tabs = page.locator("#als_ticket ~ div.tabbed-set").first
    for index, fmt in enumerate(FORMATS):
        tabs.locator(".tabbed-labels > label", has_text=fmt.label).click()
        block = tabs.locator(".tabbed-content > .tabbed-block").nth(index)
        expected = filled_ticket(guide, chapter, site, fmt, answers.for_chapter(CHAPTER))
        assert same_up_to_final_newline(copy(page, block.locator("div.highlight")), expected), fmt.label
    assert "[x]" in expected


def test_the_switch_shows_the_blank_ticket_and_back(page: Page, site_server: str, guide: Guide) -> None:
    """„Leeres Ticket zeigen“ puts the ticket as the page was built back into every block."""
    page.goto(f"{CHAPTER}/")
    blocks = page.locator("#als_ticket ~ div.tabbed-set").first.locator(".tabbed-block pre code")
    blank = blocks.all_text_contents()
    typed = fill_in(page, guide)
    mine = {key: value if isinstance(value, str) else value["rows"] for key, value in typed.items()}  # type: ignore[index]
    chapter = guide.chapter(CHAPTER)
    site = SiteUrl(site_server, False)
    filled = [filled_ticket(guide, chapter, site, fmt, mine) for fmt in FORMATS]
    assert blocks.all_text_contents() == filled != blank
    switch = page.get_by_label("Leeres Ticket zeigen (ohne Ihre Antworten)")
    switch.check()
    assert blocks.all_text_contents() == blank
    switch.uncheck()
    assert blocks.all_text_contents() == filled


def test_a_download_clicked_before_the_templates_arrive_carries_the_answers(
    page: Page, site_server: str, guide: Guide
) -> None:
    """The page fetches its templates once it is up; a ticket file clicked before they are
    there is written once they arrive, with the answers, as the core writes it."""
    chapter = guide.chapter(CHAPTER)
    held: list[Route] = []
    page.goto(f"{CHAPTER}/")
    page.wait_for_load_state("networkidle")
    question = chapter.questions[0]
    page.locator(f"#lf-a-{question.id}").fill("Meine Antwort")
    page.route(f"**/{templates_path(chapter)}", lambda route: held.append(route))
    with page.expect_request(f"**/{templates_path(chapter)}"):
        page.reload()  # the answer is stored: the templates are wanted, and held back
    tabs = page.locator("#als_ticket ~ div.tabbed-set").first
    link = tabs.locator(".tabbed-block").first.locator("a[href]").first
    with page.expect_download() as download:
        link.click()  # the click waits for the templates …
        held[0].continue_()  # … which arrive now
    site = SiteUrl(site_server, False)
    expected = filled_ticket(guide, chapter, site, FORMATS[0], {question.id: "Meine Antwort"})
    assert Path(download.value.path()).read_text(encoding="utf-8") == expected
    assert download.value.suggested_filename == link.inner_text()
    blocks = tabs.locator(".tabbed-block pre code")
    expect(blocks.first).to_have_text(expected)


def test_without_its_templates_the_page_keeps_the_answers_and_says_why(page: Page, guide: Guide) -> None:
    """Should the templates not load, the fields still keep every answer; the ticket blocks
    keep the blank tickets they were built with, and the answers bar says so."""
    chapter = guide.chapter(CHAPTER)
    page.route(f"**/{templates_path(chapter)}", lambda route: route.fulfill(status=404))
    page.goto(f"{CHAPTER}/")
    blocks = page.locator("#als_ticket ~ div.tabbed-set").first.locator(".tabbed-block pre code")
    blank = blocks.all_text_contents()
    typed = fill_in(page, guide)
    expect(page.locator(".lf-answers__message")).to_have_text(MESSAGES["no_templates"])
    assert page.locator(".lf-answers__progress").inner_text() == f"{len(typed)} von {len(typed)} beantwortet"
    assert blocks.all_text_contents() == blank


def test_reading_loads_no_templates_answering_loads_them_once(
    page: Page, recording: Recording, guide: Guide
) -> None:
    """The templates are fetched for the first answer, not for a reader who only reads."""
    chapter = guide.chapter(CHAPTER)

    def fetched() -> list[str]:
        return [url for url in recording.requests if url.endswith(templates_path(chapter))]

    page.goto(f"{CHAPTER}/")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 4000)  # scrolled through, the copy buttons there
    page.wait_for_load_state("networkidle")
    assert fetched() == []
    fill_in(page, guide)
    page.wait_for_load_state("networkidle")
    assert len(fetched()) == 1


def test_export_then_import_into_a_fresh_profile_restores_every_field(
    page: Page, browser: Browser, site_server: str, guide: Guide, tmp_path: Path
) -> None:
    page.goto(f"{CHAPTER}/")
    typed = fill_in(page, guide)
    with page.expect_download() as download:
        page.locator("[data-lf-action='export']").click()
    exported = tmp_path / "antworten.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["answers"]["weg/unbekannt"] = "bleibt"
    exported.write_text(json.dumps(data), encoding="utf-8")

    fresh = browser.new_context(base_url=site_server)
    other = fresh.new_page()
    other.goto(f"{CHAPTER}/")
    other.locator("input[data-lf-action='import']").set_input_files(str(exported))
    message = other.locator(".lf-answers__message")
    message.filter(has_text="übernommen").wait_for()
    assert "weg/unbekannt" in message.inner_text()
    for question_id, value in typed.items():
        box = other.locator(f".lf-answer[data-lf-question='{question_id}']")
        if isinstance(value, str):
            assert box.locator("textarea").input_value() == value
    with other.expect_download() as again:
        other.locator("[data-lf-action='export']").click()
    assert json.loads(Path(again.value.path()).read_text(encoding="utf-8"))["answers"] == data["answers"]
    fresh.close()


def test_a_malformed_file_changes_nothing(page: Page, tmp_path: Path) -> None:
    page.goto(f"{CHAPTER}/")
    field = page.locator("textarea").first
    field.fill("bleibt")
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"format": "projektleitfaden-antworten", "version": 1, "answers": {"team/x": 5}}')
    page.locator("input[data-lf-action='import']").set_input_files(str(broken))
    page.locator(".lf-answers__message").filter(has_text="nichts geändert").wait_for()
    page.reload()
    assert page.locator("textarea").first.input_value() == "bleibt"


def test_axe_finds_nothing_with_the_fields_in_place(browser: Browser, site_server: str, guide: Guide) -> None:
    context = browser.new_context(base_url=site_server, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{CHAPTER}/")
    page.wait_for_load_state("networkidle")
    fill_in(page, guide)
    assert axe_violations(page) == []
    context.close()


def test_the_printed_table_gives_way_to_the_editable_one(page: Page, guide: Guide) -> None:
    """A question with a table to fill in shows one table: the editable one. The printed one
    (the brochure's empty table, wrapped by Material) is hidden, not shown above it."""
    chapter = guide.chapter(CHAPTER)
    tables = [question for question in chapter.questions if question.table is not None]
    assert tables
    page.goto(f"{CHAPTER}/")
    for question in tables:
        box = page.locator(f".lf-answer[data-lf-question='{question.id}']")
        box.scroll_into_view_if_needed()
        expect(box.locator("table.lf-answer__table")).to_be_visible()
        expect(box.locator("xpath=preceding-sibling::*[1]")).to_be_hidden()


#: The page's headings down to the first fill-in table (answers.js swaps the printed table
#: for an editable one, which is taller), as distances from the top of the page.
HEADING_TOPS = """() => {
  const table = document.querySelector(".lf-answer[data-lf-table]");
  return [...document.querySelectorAll(".md-content h1, .md-content h2")]
    .filter((heading) => !table || heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING)
    .map((heading) => heading.getBoundingClientRect().top + scrollY);
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_moves_when_the_answer_fields_arrive(browser: Browser, site_server: str, width: int) -> None:
    """The answers bar is in the page and each text answer's room is kept before answers.js
    runs, so what a reader sees first stays where it is (Lighthouse's layout shift)."""
    tops = {}
    for script in ("ohne answers.js", "mit answers.js"):
        context = browser.new_context(base_url=site_server, viewport={"width": width, "height": 900})
        if script == "ohne answers.js":
            context.route("**/answers.js", lambda route: route.abort())
        page = context.new_page()
        page.goto("projekt/")
        page.wait_for_load_state("networkidle")
        tops[script] = page.evaluate(HEADING_TOPS)
        if script == "mit answers.js":
            assert page.locator(".lf-answer textarea").count() > 3  # the fields did arrive
        context.close()
    assert len(tops["mit answers.js"]) > 3
    assert tops["ohne answers.js"] == pytest.approx(tops["mit answers.js"], abs=0.5), tops


def test_without_scripting_there_is_no_answers_bar(browser: Browser, site_server: str) -> None:
    """Its buttons need answers.js: without it the bar and the kept room stay away."""
    context = browser.new_context(base_url=site_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("projekt/")
    assert page.locator(".lf-answers").count() == 1
    assert not page.locator(".lf-answers").is_visible()
    assert page.locator(".lf-answer").first.evaluate("box => box.getBoundingClientRect().height") == 0
    assert page.locator(".lf-answers__switch").count() == 1
    assert not page.locator(".lf-answers__switch").is_visible()
    context.close()


def test_printing_the_page_prints_the_answers(page: Page, guide: Guide, tmp_path: Path) -> None:
    page.goto(f"{CHAPTER}/")
    typed = fill_in(page, guide)
    page.emulate_media(media="print")
    assert not page.locator(".lf-answers").is_visible()  # no buttons on paper
    assert not page.locator("button.lf-answer__add").first.is_visible()
    pdf = tmp_path / "seite.pdf"
    pdf.write_bytes(page.pdf())
    text = " ".join(run(tool("pdftotext"), str(pdf), "-").split())
    for value in typed.values():
        words = value.split("\n")[0] if isinstance(value, str) else value["rows"][0][0]  # type: ignore[index]
        assert " ".join(str(words).split()) in text
