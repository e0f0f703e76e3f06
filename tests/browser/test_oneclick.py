"""„Mein Ticketsystem“ and „In <System> anlegen“ in headless Chromium (issue 12).

The real page script builds every link; the tests parse and decode the links and compare
them with the tickets of the core. Whatever the buttons open is answered inside the browser
context (``tracker_pages``), so no request leaves the machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from leitfaden.answering import MESSAGES as ANSWER_MESSAGES
from leitfaden.markup import plain
from leitfaden.model import Chapter, Guide
from leitfaden.oneclick import MESSAGES
from leitfaden.site import SiteUrl
from leitfaden.tickets import FORMATS, TicketFormat, ticket, ticket_title
from leitfaden.tickets.render import filled_ticket
from leitfaden.trackers import DESCRIPTION, TITLE, TRACKERS, TrackerType, tracker
from tests.browser.conftest import Recording
from tests.browser.test_accessibility import axe_page, axe_violations  # noqa: F401 (fixture)
from tests.conftest import TEST_SITE_URL

pytestmark = pytest.mark.browser

STORAGE_KEY = "projektleitfaden.ticketsystem"
#: What a reader might type for each tracker type (addresses on purpose with a final slash).
SETTINGS: dict[str, dict[str, str]] = {
    "github": {"address": "https://github.com/firma/webshop/"},
    "gitlab": {"address": "https://gitlab.example.org/firma/team/webshop"},
    "gitea": {"address": "https://codeberg.org/firma/webshop"},
    "redmine-textile": {"address": "https://redmine.example.org/projects/web-shop_2"},
    "redmine-commonmark": {"address": "https://example.org/redmine/projects/webshop"},
    "youtrack": {"address": "https://firma.youtrack.cloud/", "project": "WEB"},
    "jira-server": {"address": "https://jira.example.org/jira", "pid": "10000", "issuetype": "10002"},
    "jira-cloud": {"address": "https://firma.atlassian.net", "pid": "10001", "issuetype": "3"},
}
SITE = SiteUrl(TEST_SITE_URL, False)
#: What encodeURIComponent leaves as it is (besides letters and digits).
UNRESERVED = "!'()*-._~"


@pytest.fixture
def tracker_pages(page: Page, site_server: str) -> Iterator[list[str]]:
    """Every request off the site is answered with an empty page in the browser; their URLs."""
    answered: list[str] = []

    def answer(route: Route) -> None:
        answered.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Formular</title>")

    page.context.route(lambda url: not url.startswith(site_server), answer)
    yield answered


def configure(page: Page, key: str, values: dict[str, str]) -> None:
    page.locator(".lf-oneclick__settings").evaluate("details => { details.open = true }")
    page.select_option("#lf-ts-type", key)
    for name, value in values.items():
        page.fill(f"#lf-ts-{key}-{name}", value)
    page.locator(".lf-oneclick__form button[type='submit']").click()


def stored(page: Page) -> object:
    return page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")


def fmt_of(entry: TrackerType) -> TicketFormat:
    return next(fmt for fmt in FORMATS if fmt.key == entry.format)


def expected_query(
    entry: TrackerType, chapter: Chapter, guide: Guide, with_description: bool
) -> list[tuple[str, str]]:
    sources = {
        **SETTINGS[entry.key],
        TITLE: ticket_title(chapter),
        DESCRIPTION: ticket(guide, chapter, SITE, fmt_of(entry)),
    }
    return [
        (name, sources[source]) for name, source in entry.query if with_description or source != DESCRIPTION
    ]


def full_length(entry: TrackerType, chapter: Chapter, guide: Guide) -> int:
    """The length of the complete link, percent-encoded as encodeURIComponent does."""
    query = "&".join(
        quote(name, safe=UNRESERVED) + "=" + quote(value, safe=UNRESERVED)
        for name, value in expected_query(entry, chapter, guide, True)
    )
    return len(SETTINGS[entry.key]["address"].rstrip("/") + entry.path + "?" + query)


def check_link(href: str, entry: TrackerType, chapter: Chapter, guide: Guide) -> bool:
    """The link opens the tracker's form with the ticket; True if it left out the description."""
    parts = urlsplit(href)
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}"
        == SETTINGS[entry.key]["address"].rstrip("/") + entry.path
    )
    assert "+" not in parts.query  # spaces are %20: every tracker decodes that alike
    query = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True)
    long = full_length(entry, chapter, guide) > entry.limit
    assert query == expected_query(entry, chapter, guide, not long), (entry.key, chapter.id)
    assert len(href) <= entry.limit
    return long


@pytest.mark.parametrize("entry", TRACKERS, ids=lambda entry: entry.key)
def test_every_link_round_trips_to_the_ticket(
    page: Page, recording: Recording, site_server: str, guide: Guide, entry: TrackerType
) -> None:
    page.goto("vorlagen/")
    page.wait_for_load_state("networkidle")
    fetched = [url for url in recording.requests if "/vorlagen/" in url and url != page.url]
    assert fetched == []  # no tracker set, no ticket loaded
    configure(page, entry.key, SETTINGS[entry.key])
    buttons = page.locator(".lf-oneclick__open")
    expect(buttons).to_have_count(len(guide.chapters))  # once the tickets of its format are fetched
    long_ones = []
    for index, chapter in enumerate(guide.chapters):
        button = buttons.nth(index)
        assert button.get_attribute("data-lf-chapter") == chapter.id
        assert button.inner_text() == f"In {entry.label} anlegen"
        if check_link(str(button.get_attribute("href")), entry, chapter, guide):
            long_ones.append(chapter.id)
            note = page.locator(f"[data-lf-note='{chapter.id}']")
            assert note.is_visible() and "Zwischenablage" in note.inner_text()
    # Both ways are exercised: the short chapters go whole, the long ones via the clipboard.
    assert 0 < len(long_ones) < len(guide.chapters), long_ones
    assert recording.foreign_requests(site_server) == []


def test_a_long_ticket_reaches_the_tracker_through_the_clipboard(
    page: Page, site_server: str, guide: Guide, tracker_pages: list[str]
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    entry = tracker("github")
    chapter = max(guide.chapters, key=lambda c: full_length(entry, c, guide))
    assert full_length(entry, chapter, guide) > entry.limit
    page.goto(f"{chapter.id}/")
    configure(page, entry.key, SETTINGS[entry.key])
    page.evaluate("() => navigator.clipboard.writeText('(vorher)')")
    with page.context.expect_page() as opened:
        page.locator(".lf-oneclick__open").click()
    form = opened.value
    assert check_link(form.url, entry, chapter, guide)  # the title only
    assert tracker_pages == [form.url]
    description = ticket(guide, chapter, SITE, fmt_of(entry))
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t !== '(vorher)')", timeout=5000)
    assert page.evaluate("() => navigator.clipboard.readText()") == description
    status = page.locator(".lf-oneclick__status")
    told = MESSAGES["copied"].format(tracker=entry.label, chapter=plain.inline(chapter.title))
    assert status.inner_text() == told
    assert page.locator(f"[data-lf-note='{chapter.id}']").inner_text() == told  # next to the button


def test_a_short_ticket_opens_the_form_whole(page: Page, guide: Guide, tracker_pages: list[str]) -> None:
    entry = tracker("jira-server")
    chapter = min(guide.chapters, key=lambda c: full_length(entry, c, guide))
    page.goto(f"{chapter.id}/")
    configure(page, entry.key, SETTINGS[entry.key])
    with page.context.expect_page() as opened:
        page.locator(".lf-oneclick__open").click()
    assert not check_link(opened.value.url, entry, chapter, guide)
    assert tracker_pages == [opened.value.url]


def link_description(href: str, entry: TrackerType) -> str:
    [parameter] = [name for name, source in entry.query if source == DESCRIPTION]
    [description] = [value for name, value in parse_qsl(urlsplit(href).query) if name == parameter]
    return description


#: The tracker and the answer of the tests with the reader's answers in a ticket.
ANSWERING = tracker("github")
ANSWER = "Neuer Shop mit *Sternchen*\nund | Strich"


def answer_a_chapter(page: Page, guide: Guide) -> tuple[Chapter, str, str]:
    """On the shortest chapter's page: ANSWERING set as the tracker and ANSWER typed into the
    first question's field. The chapter, the question's id, and the ticket with that answer."""
    chapter = min(guide.chapters, key=lambda c: full_length(ANSWERING, c, guide))
    question = chapter.questions[0]
    page.goto(f"{chapter.id}/")
    configure(page, ANSWERING.key, SETTINGS[ANSWERING.key])
    page.fill(f"#lf-a-{question.id}", ANSWER)
    return chapter, question.id, filled_ticket(guide, chapter, SITE, fmt_of(ANSWERING), {question.id: ANSWER})


def test_the_button_sends_the_readers_answers_or_the_blank_ticket(
    page: Page, guide: Guide, tracker_pages: list[str]
) -> None:
    """The button sends what the ticket blocks show: the answers, or the blank ticket on request."""
    entry = ANSWERING
    chapter, question_id, filled = answer_a_chapter(page, guide)
    button = page.locator(".lf-oneclick__open")
    expect(button).to_have_attribute("href", re.compile(".+"))
    assert link_description(str(button.get_attribute("href")), entry) == filled
    with page.context.expect_page() as opened:
        button.click()
    assert link_description(opened.value.url, entry) == filled
    assert page.locator(f"#lf-a-{question_id}").input_value() == ANSWER  # the page is still there
    page.get_by_label(ANSWER_MESSAGES["blank"]).check()
    blank = ticket(guide, chapter, SITE, fmt_of(entry))
    assert link_description(str(button.get_attribute("href")), entry) == blank


@pytest.mark.parametrize("templates_load", [True, False], ids=["filled", "templates-missing"])
def test_the_vorlagen_buttons_send_the_answers_as_the_chapter_page_does(
    page: Page, recording: Recording, guide: Guide, templates_load: bool
) -> None:
    """On the Vorlagen page an answered chapter's button sends the ticket its own page's
    button would, filled from the chapter's templates (fetched for that chapter only); every
    other chapter sends its download. Should the templates not load: the download too."""
    entry = ANSWERING
    chapter, _question_id, expected = answer_a_chapter(page, guide)
    if not templates_load:
        page.route(f"**/vorlagen/antworten/{chapter.id}.json", lambda route: route.fulfill(status=404))
        expected = ticket(guide, chapter, SITE, fmt_of(entry))
    before = len(recording.requests)
    page.goto("vorlagen/")
    buttons = page.locator(".lf-oneclick__open")
    expect(buttons).to_have_count(len(guide.chapters))
    for other in guide.chapters:
        href = str(buttons.and_(page.locator(f"[data-lf-chapter='{other.id}']")).get_attribute("href"))
        if other is chapter:
            assert link_description(href, entry) == expected
        else:
            check_link(href, entry, other, guide)
    requests = recording.requests[before:]
    fetched = [url.removeprefix(TEST_SITE_URL) for url in requests if "/vorlagen/antworten/" in url]
    assert fetched == [f"vorlagen/antworten/{chapter.id}.json"]
    assert recording.page_errors == []


def test_settings_are_checked_with_german_messages(page: Page) -> None:
    page.goto("projekt/")
    assert page.locator(".lf-oneclick__settings").get_attribute("open") is not None  # not set: open
    assert not page.locator(".lf-oneclick__open").is_visible()
    page.locator(".lf-oneclick__form button[type='submit']").click()
    assert page.locator("#lf-ts-type-error").inner_text() == MESSAGES["type"]
    cases = [
        ("github", "address", "github.com/firma/webshop", MESSAGES["url"]),
        ("github", "address", "https://github.com/firma/webshop?tab=issues", MESSAGES["url"]),
        ("github", "address", "https://github.com/firma", tracker("github").settings[0].message),
        (
            "redmine-textile",
            "address",
            "https://redmine.example.org/projects/Web",
            tracker("redmine-textile").settings[0].message,
        ),
        ("jira-server", "pid", "WEB", tracker("jira-server").settings[1].message),
        ("youtrack", "project", "", MESSAGES["required"]),
    ]
    for key, name, value, message in cases:
        configure(page, key, {**SETTINGS[key], name: value})
        field = page.locator(f"#lf-ts-{key}-{name}")
        assert page.locator(f"#lf-ts-{key}-{name}-error").inner_text() == message, (key, value)
        assert field.get_attribute("aria-invalid") == "true"
        assert page.locator(".lf-oneclick__status").inner_text() == MESSAGES["invalid"]
        assert stored(page) is None
    assert not page.locator(".lf-oneclick__open").is_visible()


def test_settings_stay_in_this_browser_until_removed(
    page: Page, recording: Recording, site_server: str, guide: Guide
) -> None:
    page.goto("projekt/")
    page.wait_for_load_state("networkidle")
    requests_before = len(recording.requests)
    configure(page, "youtrack", SETTINGS["youtrack"])
    assert page.locator(".lf-oneclick__status").inner_text() == MESSAGES["saved"].format(tracker="YouTrack")
    # Setting up sends nothing: the one request fetches the chapter's tickets for the button.
    assert recording.requests[requests_before:] == [TEST_SITE_URL + "vorlagen/antworten/projekt.json"]
    assert recording.sending == []
    assert stored(page) == {
        "type": "youtrack",
        "values": {"address": "https://firma.youtrack.cloud", "project": "WEB"},
    }

    page.goto(f"{guide.chapters[-1].id}/")  # another page, a new load: still set
    button = page.locator(".lf-oneclick__open")
    # As a reader sees it, in view: below the first screen the block is laid out only once it
    # comes near (content-visibility), and until then its innerText reads empty.
    button.scroll_into_view_if_needed()
    expect(button).to_be_visible()
    expect(button).to_have_text("In YouTrack anlegen", use_inner_text=True)
    assert page.locator("#lf-ts-type").input_value() == "youtrack"
    assert page.locator("#lf-ts-youtrack-project").input_value() == "WEB"
    assert page.locator(".lf-oneclick__settings").get_attribute("open") is None
    assert page.locator(".lf-oneclick__settings summary").inner_text() == MESSAGES["summary_set"].format(
        tracker="YouTrack"
    )

    page.locator(".lf-oneclick__settings summary").click()
    page.locator(".lf-oneclick__remove").click()
    assert stored(page) is None
    assert page.locator(".lf-oneclick__status").inner_text() == MESSAGES["removed"]
    assert not button.is_visible()
    assert page.locator("#lf-ts-type").input_value() == ""
    page.reload()
    assert not page.locator(".lf-oneclick__open").is_visible()
    assert recording.foreign_requests(site_server) == []
    assert recording.console_errors() == [] and recording.page_errors == []


def test_a_tampered_setting_is_ignored(page: Page) -> None:
    page.goto("projekt/")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, JSON.stringify(value))",
        [STORAGE_KEY, {"type": "github", "values": {"address": "javascript:alert(1)"}}],
    )
    page.reload()
    assert not page.locator(".lf-oneclick__open").is_visible()
    assert page.locator("#lf-ts-type").input_value() == ""


def test_form_and_buttons_pass_axe(axe_page: Page) -> None:  # noqa: F811
    """The states the page-wide axe test does not see: a refused setting, and buttons shown."""
    problems = []
    for path in ("vorlagen/", "deployment/"):
        axe_page.goto(path)
        configure(axe_page, "jira-cloud", {**SETTINGS["jira-cloud"], "pid": "WEB"})
        problems += [f"{path} (Fehler): {violation}" for violation in axe_violations(axe_page)]
        configure(axe_page, "jira-cloud", SETTINGS["jira-cloud"])
        # on Vorlagen the buttons appear once the tickets of the tracker's format are fetched
        expect(axe_page.locator(".lf-oneclick__open").first).to_be_visible()
        problems += [f"{path} (eingestellt): {violation}" for violation in axe_violations(axe_page)]
    assert problems == [], "\n".join(problems)
