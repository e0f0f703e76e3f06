"""Every chapter, full and compact, in every format, in the real tracker that reads it.

Each tracker must show what GitHub shows of the Markdown ticket: the same visible text
(checkboxes read as "[ ]"), no markup left as text, the same tables cell by cell, the
same links, the same bold text, and each hint as one quote.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from bs4 import Tag

from leitfaden.model import Guide
from leitfaden.site import SiteUrl
from leitfaden.tickets import FORMATS, VARIANTS, Variant, ticket

from . import readers
from .readers import TRACKERS, Tracker
from .servers import Atlassian, Progress, Redmine

SITE = SiteUrl("https://projektleitfaden.example.org/", is_default=False)
FORMAT = {fmt.key: fmt for fmt in FORMATS}


@dataclass(frozen=True)
class Shown:
    """A ticket as GitHub shows its Markdown, and as one tracker shows it in the tracker's format."""

    chapter: str
    variant: Variant
    github: Tag
    tracker: Tag


Key = tuple[str, str]  # tracker, variant


@pytest.fixture(scope="module")
def shown(guide: Guide, redmine: Redmine, atlassian: Atlassian, progress: Progress) -> dict[Key, list[Shown]]:
    results: dict[Key, list[Shown]] = {}
    for variant in VARIANTS:
        markdown = [ticket(guide, chapter, SITE, FORMAT["markdown"], variant) for chapter in guide.chapters]
        github = [readers.soup(readers.github_html(text)) for text in markdown]
        for tracker in TRACKERS:
            progress(f"{len(guide.chapters)} Tickets ({variant.label}) in {tracker.key} …")
            fmt = FORMAT[tracker.format_key]
            texts = [ticket(guide, chapter, SITE, fmt, variant) for chapter in guide.chapters]
            html = readers.render_all(tracker, texts, redmine, atlassian)
            results[tracker.key, variant.key] = [
                Shown(chapter.id, variant, reference, readers.soup(rendered))
                for chapter, reference, rendered in zip(guide.chapters, github, html, strict=True)
            ]
    return results


CASES = [(tracker, variant) for tracker in TRACKERS for variant in VARIANTS]


def case_id(case: tuple[Tracker, Variant]) -> str:
    return f"{case[0].key}-{case[1].key or 'voll'}"


@pytest.fixture(params=CASES, ids=case_id)
def tickets(request: pytest.FixtureRequest, shown: dict[Key, list[Shown]]) -> list[Shown]:
    tracker, variant = request.param
    return shown[tracker.key, variant.key]


def test_github_shows_no_markup_as_text(shown: dict[Key, list[Shown]]) -> None:
    for variant in VARIANTS:
        for result in shown[TRACKERS[0].key, variant.key]:
            assert readers.literal_markup(result.github) == [], result.chapter
            assert readers.stray_elements(result.github) == [], result.chapter


def test_visible_text_equals_githubs(tickets: list[Shown]) -> None:
    for result in tickets:
        assert readers.visible(result.tracker) == readers.visible(result.github), result.chapter


def test_no_markup_is_left_as_text(tickets: list[Shown]) -> None:
    for result in tickets:
        assert readers.literal_markup(result.tracker) == [], result.chapter
        assert readers.stray_elements(result.tracker) == [], result.chapter


def test_tables_keep_every_row_and_column(tickets: list[Shown]) -> None:
    for result in tickets:
        assert readers.tables(result.tracker) == readers.tables(result.github), result.chapter


def test_links_are_links(tickets: list[Shown]) -> None:
    for result in tickets:
        found = readers.links(result.tracker)
        assert found == readers.links(result.github), result.chapter
        assert found, result.chapter  # every ticket links back to its chapter


def test_questions_and_labels_are_bold_and_nothing_else(tickets: list[Shown]) -> None:
    for result in tickets:
        assert readers.emphasis(result.tracker) == readers.emphasis(result.github), result.chapter


def test_each_hint_is_one_quote(tickets: list[Shown]) -> None:
    for result in tickets:
        assert readers.quotes(result.tracker) == readers.quotes(result.github), result.chapter
