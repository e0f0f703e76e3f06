"""End to end in Chromium against a real Redmine 5 (issue 12): set „Mein Ticketsystem“ to it,
click „In Redmine anlegen“, find subject and description filled in exactly, submit, and the
new issue shows the chapter. Redmine is the tracker tests' session fixture (tests/trackers).

The harness serves Redmine with WEBrick, which refuses request lines from 2083 bytes on, far
below what nginx or Apache in front of a real Redmine accept (8 KB): the whole-link test uses
a chapter that fits; the clipboard test a chapter too long for any link.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from leitfaden.markup import plain
from leitfaden.model import Chapter, Guide
from leitfaden.site import SiteUrl
from leitfaden.tickets import FORMATS, ticket, ticket_title
from leitfaden.tickets.render import filled_ticket
from leitfaden.trackers import TrackerType, tracker
from tests.browser.test_oneclick import configure
from tests.conftest import TEST_SITE_URL
from tests.trackers.conftest import progress, redmine  # noqa: F401 (the session's Redmine)
from tests.trackers.servers import Redmine

pytestmark = pytest.mark.browser

SITE = SiteUrl(TEST_SITE_URL, False)
#: WEBrick::HTTPRequest::MAX_URI_LENGTH: the request line must stay below it.
WEBRICK_LIMIT = 2083
#: Redmine's own name for each text formatting.
FORMATTING = {"redmine-textile": "textile", "redmine-commonmark": "common_mark"}
ADMIN = ("admin", "admin")  # Redmine's default administrator (the harness keeps its password)


@pytest.fixture
def redmine_page(page: Page, redmine: Redmine, site_server: str) -> Iterator[Page]:  # noqa: F811
    """The guide's page, logged in to Redmine in the same browser context (new issues need it)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=redmine.base)
    page.goto(f"{redmine.base}/login")
    page.fill("#username", ADMIN[0])
    page.fill("#password", ADMIN[1])
    page.click("#login-submit")
    page.wait_for_url(lambda url: "/login" not in url)
    yield page


def description(guide: Guide, chapter: Chapter, entry: TrackerType) -> str:
    fmt = next(fmt for fmt in FORMATS if fmt.key == entry.format)
    return ticket(guide, chapter, SITE, fmt)


def open_form(
    page: Page,
    redmine: Redmine,  # noqa: F811
    entry: TrackerType,
    chapter: Chapter,
    answers: dict[str, str] | None = None,
) -> Page:
    """Redmine's new-issue form as the chapter's button opens it, after the reader's ``answers``."""
    redmine.set_text_formatting(FORMATTING[entry.key])
    page.goto(f"{SITE.base}{chapter.id}/")
    configure(page, entry.key, {"address": f"{redmine.base}/projects/{redmine.project}"})
    for question_id, answer in (answers or {}).items():
        page.fill(f"#lf-a-{question_id}", answer)
    with page.context.expect_page() as opened:
        page.locator(".lf-oneclick__open").click()
    form = opened.value
    form.wait_for_load_state()
    assert form.url.startswith(f"{redmine.base}/projects/{redmine.project}/issues/new?"), form.url
    return form


def submit_and_check(form: Page, redmine: Redmine, guide: Guide, chapter: Chapter, text: str) -> None:  # noqa: F811
    """Submit Redmine's form; the issue holds the ticket and its page shows the chapter."""
    form.locator("#issue-form input[name='commit']").click()
    form.wait_for_url(lambda url: "/issues/new" not in url and "/issues/" in url)
    issue_id = int(form.url.rstrip("/").rsplit("/", 1)[1])
    issue = redmine.issue(issue_id)
    assert issue["subject"] == ticket_title(chapter)
    assert issue["description"].replace("\r\n", "\n") == text
    html = BeautifulSoup(redmine.issue_page(issue_id), "html.parser")
    shown = html.select_one("div.issue div.description div.wiki")
    assert shown is not None
    visible = " ".join(shown.get_text(" ").split())
    for question in chapter.questions:
        assert " ".join(plain.inline(question.text).split()) in visible, question.id
    assert [a["href"] for a in shown.select("a") if a["href"] == SITE.chapter(chapter.id)], "Link zum Kapitel"


@pytest.mark.parametrize("key", FORMATTING)
def test_one_click_fills_redmines_new_issue_form_exactly(
    redmine_page: Page,
    redmine: Redmine,  # noqa: F811
    guide: Guide,
    key: str,
) -> None:
    entry = tracker(key)
    chapter = min(guide.chapters, key=lambda c: len(description(guide, c, entry)))
    form = open_form(redmine_page, redmine, entry, chapter)
    assert len(form.url) < WEBRICK_LIMIT - len("GET  HTTP/1.1")
    text = description(guide, chapter, entry)
    assert form.locator("#issue_subject").input_value() == ticket_title(chapter)
    assert form.locator("#issue_description").input_value() == text
    submit_and_check(form, redmine, guide, chapter, text)


def test_a_long_ticket_reaches_redmine_whole_through_the_clipboard(
    redmine_page: Page,
    redmine: Redmine,  # noqa: F811
    guide: Guide,
) -> None:
    entry = tracker("redmine-textile")
    chapter = max(guide.chapters, key=lambda c: len(description(guide, c, entry)))
    form = open_form(redmine_page, redmine, entry, chapter)
    assert form.locator("#issue_subject").input_value() == ticket_title(chapter)
    assert form.locator("#issue_description").input_value() == ""
    text = description(guide, chapter, entry)
    redmine_page.wait_for_function("t => navigator.clipboard.readText().then(c => c === t)", arg=text)
    form.locator("#issue_description").focus()
    form.keyboard.press("Control+V")  # what the page tells the reader to do
    assert form.locator("#issue_description").input_value() == text
    submit_and_check(form, redmine, guide, chapter, text)


def test_the_readers_answers_reach_redmine(
    redmine_page: Page,
    redmine: Redmine,  # noqa: F811
    guide: Guide,
) -> None:
    """Answered on the page, the ticket goes to Redmine with the answers, as the page shows it."""
    entry = tracker("redmine-textile")
    fmt = next(fmt for fmt in FORMATS if fmt.key == entry.format)
    chapter = min(guide.chapters, key=lambda c: len(description(guide, c, entry)))
    question = next(q for q in chapter.questions if q.table is None)
    answers = {question.id: "Der *neue* Shop – mit Zeile\nund noch einer"}
    form = open_form(redmine_page, redmine, entry, chapter, answers)
    assert len(form.url) < WEBRICK_LIMIT - len("GET  HTTP/1.1")
    text = filled_ticket(guide, chapter, SITE, fmt, answers)
    assert form.locator("#issue_description").input_value() == text
    submit_and_check(form, redmine, guide, chapter, text)
    issue_id = int(form.url.rstrip("/").rsplit("/", 1)[1])
    shown = BeautifulSoup(redmine.issue_page(issue_id), "html.parser").select_one("div.issue div.wiki")
    assert shown is not None
    assert "Der *neue* Shop – mit Zeile" in shown.get_text(), "die Antwort, wörtlich"
