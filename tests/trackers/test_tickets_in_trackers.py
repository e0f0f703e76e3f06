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
from .conftest import Rendered, RenderOnce
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
def shown(guide: Guide, render_once: RenderOnce, progress: Progress) -> dict[Key, list[Shown]]:
    def texts(format_key: str, variant: Variant) -> list[str]:
        return [ticket(guide, chapter, SITE, FORMAT[format_key], variant) for chapter in guide.chapters]

    def render(redmine: Redmine, atlassian: Atlassian) -> Rendered:
        rendered: Rendered = {}
        for variant in VARIANTS:
            rendered[f"github {variant.key}"] = list(map(readers.github_html, texts("markdown", variant)))
            for tracker in TRACKERS:
                progress(f"{len(guide.chapters)} Tickets ({variant.label}) in {tracker.key} …")
                html = readers.render_all(tracker, texts(tracker.format_key, variant), redmine, atlassian)
                rendered[f"{tracker.key} {variant.key}"] = html
        return rendered

    rendered = render_once("tickets", render)
    results: dict[Key, list[Shown]] = {}
    for variant in VARIANTS:
        github = [readers.soup(html) for html in rendered[f"github {variant.key}"]]
        for tracker in TRACKERS:
            html = rendered[f"{tracker.key} {variant.key}"]
            results[tracker.key, variant.key] = [
                Shown(chapter.id, variant, reference, readers.soup(shown_html))
                for chapter, reference, shown_html in zip(guide.chapters, github, html, strict=True)
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
