"""Answers in the filled tickets, through every real tracker (issue 11).

A reader's answer is text, never markup: each hostile payload is the answer to a question
and a cell of a filled table; GitHub must show it exactly as typed, and every tracker
must show what GitHub shows.
"""

from __future__ import annotations

import pytest

from leitfaden.loader import load_guide
from leitfaden.model import Chapter
from leitfaden.site import SiteUrl
from leitfaden.tickets import COMPACT, FORMATS
from leitfaden.tickets.render import filled_ticket

from . import readers
from .conftest import Rendered, RenderOnce
from .readers import TRACKERS, Tracker
from .servers import Atlassian, Progress, Redmine
from .test_payloads_in_trackers import PAYLOADS

SITE = SiteUrl("https://leitfaden.example/", False)
FORMAT = {fmt.key: fmt for fmt in FORMATS}
#: The team chapter: a text question first, then fill-in tables.
CHAPTER_ID = "team"


def team() -> Chapter:
    return next(chapter for chapter in load_guide().chapters if chapter.id == CHAPTER_ID)


def filled(format_key: str, payload: str) -> str:
    chapter = team()
    text_question, table_question = chapter.questions[0], chapter.questions[1]
    assert text_question.table is None and table_question.table is not None
    width = len(table_question.table.columns)
    answers = {text_question.id: payload, table_question.id: [[payload] + [""] * (width - 1)]}
    return filled_ticket(load_guide(), chapter, SITE, FORMAT[format_key], answers, COMPACT)


@pytest.fixture(scope="module")
def shown(render_once: RenderOnce, progress: Progress) -> Rendered:
    def render(redmine: Redmine, atlassian: Atlassian) -> Rendered:
        results = {"github": [readers.github_html(filled("markdown", payload)) for payload in PAYLOADS]}
        for tracker in TRACKERS:
            progress(f"{len(PAYLOADS)} Antworten in {tracker.key} …")
            texts = [filled(tracker.format_key, payload) for payload in PAYLOADS]
            results[tracker.key] = readers.render_all(tracker, texts, redmine, atlassian)
        return results

    return render_once("answers", render)


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=lambda i: f"{i:02d}")
def test_github_shows_the_answer_as_typed(shown: Rendered, index: int) -> None:
    github = readers.soup(shown["github"][index])
    question_list = github.find("ul")
    assert question_list is not None and question_list.get_text().strip().startswith("[x] ")
    answer = question_list.find_next_sibling("p")
    assert answer is not None and answer.get_text() == PAYLOADS[index]
    cell = github.find_all("table")[0].find_all("td")[0]
    assert cell.get_text() == PAYLOADS[index]
    assert readers.stray_elements(github) == []


_EMAIL = "GitHub links a bare e-mail address in an answer, this tracker does not"
#: Where an answer does not yet come out as GitHub shows it (strict: a fix makes them fail).
KNOWN_GAPS: dict[tuple[str, int], str] = {
    ("redmine-textile", 11): _EMAIL,
    ("jira-cloud", 11): _EMAIL,
    ("jira-data-center", 11): _EMAIL,
    ("redmine-textile", 30): _EMAIL,
    ("jira-cloud", 30): _EMAIL,
    ("jira-data-center", 30): _EMAIL,
    ("jira-data-center", 2): "Jira's emoticons :D and :P: a backslash before ':' stays visible",
    ("jira-data-center", 3): "Jira ends a table cell at '|' even when escaped",
    ("jira-data-center", 6): "Jira links a bare address and shows the escapes inside it",
    ("jira-data-center", 7): "Jira links a bare address and shows the escapes inside it",
    ("jira-data-center", 10): "Jira links a bare address and shows the escapes inside it",
    ("jira-data-center", 29): "Jira links bare addresses that the Markdown ticket keeps as text",
    ("jira-data-center", 12): "'h2.' starts a heading in Jira; a backslash before a letter stays visible",
    ("jira-data-center", 13): "'bq.' starts a quote in Jira; a backslash before a letter stays visible",
    ("jira-data-center", 20): "two backslashes are Jira's line break",
}


@pytest.mark.parametrize(("tracker", "index"), readers.cases(len(PAYLOADS), KNOWN_GAPS))
def test_every_tracker_shows_the_answer_as_github_does(shown: Rendered, tracker: Tracker, index: int) -> None:
    github, found = readers.soup(shown["github"][index]), readers.soup(shown[tracker.key][index])
    assert readers.visible(found) == readers.visible(github)
    assert readers.tables(found) == readers.tables(github)
    assert readers.links(found) == readers.links(github)
    assert readers.stray_elements(found) == []
