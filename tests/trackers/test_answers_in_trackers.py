"""Answers in the filled tickets, through every real tracker (issue 11).

A reader's answer is text, never markup: each hostile payload is the answer to a question
and a cell of a filled table; GitHub must show it exactly as typed (invisible characters
aside), and every tracker must show what GitHub shows – but for the one documented
stand-in: Jira cannot show "|" in a table cell, so a reader's "|" there is written as
the look-alike jira.CELL_BAR (README, „Escaping“).
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from leitfaden.loader import load_guide
from leitfaden.markup import jira
from leitfaden.model import Chapter
from leitfaden.site import SiteUrl
from leitfaden.tickets import COMPACT, FORMATS
from leitfaden.tickets.render import filled_ticket

from . import readers
from .conftest import Rendered, RenderOnce
from .readers import Tracker
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
        return readers.render_everywhere(filled, PAYLOADS, "Antworten", redmine, atlassian, progress)

    return render_once("answers", render)


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=lambda i: f"{i:02d}")
def test_github_shows_the_answer_as_typed(shown: Rendered, index: int) -> None:
    github = readers.soup(shown["github"][index])
    question_list = github.find("ul")
    assert question_list is not None and question_list.get_text().strip().startswith("[x] ")
    answer = question_list.find_next_sibling("p")
    assert answer is not None and readers.INVISIBLE.sub("", answer.get_text()) == PAYLOADS[index]
    cell = github.find_all("table")[0].find_all("td")[0]
    assert readers.INVISIBLE.sub("", cell.get_text()) == PAYLOADS[index]
    assert readers.stray_elements(github) == []


def as_documented(tracker: Tracker, github: BeautifulSoup) -> BeautifulSoup:
    """GitHub's rendering with the tracker's documented stand-ins: Jira's "|" in a table cell."""
    if tracker is readers.JIRA_DATA_CENTER:
        for cell in github.find_all("td"):
            for text in cell.find_all(string=True):
                text.replace_with(text.replace("|", jira.CELL_BAR))
    return github


@pytest.mark.parametrize(("tracker", "index"), readers.cases(len(PAYLOADS), {}))
def test_every_tracker_shows_the_answer_as_github_does(shown: Rendered, tracker: Tracker, index: int) -> None:
    github = as_documented(tracker, readers.soup(shown["github"][index]))
    found = readers.soup(shown[tracker.key][index])
    assert readers.visible(found) == readers.visible(github)
    assert readers.tables(found) == readers.tables(github)
    assert readers.links(found) == readers.links(github)
    assert readers.stray_elements(found) == []
