"""Trackers refuse long tickets: Jira 32,767 characters per description, GitHub 65,536 per
issue. A chapter that grows past them must stop the build with one clear German line."""

from __future__ import annotations

from pathlib import Path

import pytest

from leitfaden.loader import ContentError
from leitfaden.model import Guide, Question
from leitfaden.site import SiteUrl
from leitfaden.tickets import COMPACT, FORMATS, GUIDE_LIMIT, TICKET_LIMIT, guide_markdown, ticket
from tests.conftest import ROOT, build_with_content

SITE = SiteUrl("https://projektleitfaden.example.org/", is_default=False)
SENTENCE = "Ein Hinweis, der mit jeder Überarbeitung länger geworden ist. "


def grown(guide: Guide, chapter_ids: list[str], characters: int) -> Guide:
    """The guide with one more question, carrying a long hint, in each of the chapters."""
    hint = SENTENCE * (characters // len(SENTENCE) + 1)
    question = Question.model_validate({"id": "gewachsen", "text": "Eine gewachsene Frage?", "help": [hint]})
    chapters = [
        chapter.model_copy(update={"questions": [*chapter.questions, question]})
        if chapter.id in chapter_ids
        else chapter
        for chapter in guide.chapters
    ]
    return guide.model_copy(update={"chapters": chapters})


def test_the_real_tickets_fit(guide: Guide) -> None:
    for chapter in guide.chapters:
        for fmt in FORMATS:
            assert len(ticket(guide, chapter, SITE, fmt)) <= TICKET_LIMIT
    assert len(guide_markdown(guide, SITE)) <= GUIDE_LIMIT


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda fmt: fmt.key)
def test_a_grown_chapter_fails_naming_chapter_and_format(guide: Guide, fmt) -> None:
    big = grown(guide, ["architektur"], TICKET_LIMIT)
    with pytest.raises(ContentError) as caught:
        ticket(big, big.chapter("architektur"), SITE, fmt)
    [message] = caught.value.messages
    assert "\n" not in message
    assert "Kapitel „architektur“" in message and f"Format {fmt.label}" in message
    assert "32.767" in message
    # The compact variant leaves the hints out, so it still fits.
    assert len(ticket(big, big.chapter("architektur"), SITE, fmt, COMPACT)) <= TICKET_LIMIT


def test_chapters_that_fit_alone_can_still_overflow_the_whole_guide(guide: Guide) -> None:
    big = grown(guide, ["projekt", "team", "zeitplan"], 24_000)
    for chapter in big.chapters:
        ticket(big, chapter, SITE, FORMATS[0])  # each chapter alone is fine
    with pytest.raises(ContentError) as caught:
        guide_markdown(big, SITE)
    [message] = caught.value.messages
    assert message.startswith("projektleitfaden.md:") and "Markdown" in message and "65.536" in message
    assert "längstes Kapitel: „projekt“" in message or "längstes Kapitel: „zeitplan“" in message


def test_the_build_stops_with_one_clear_line(tmp_path: Path) -> None:
    question = "        text: Wie heißt das Projekt?\n"
    source = (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8")
    assert source.count(question) == 1
    hint = SENTENCE * (TICKET_LIMIT // len(SENTENCE) + 1)
    result = build_with_content(
        tmp_path, source.replace(question, f"{question}        help:\n          - {hint}\n")
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "Kapitel „projekt“" in line]
    assert len(lines) == 1, result.stderr
    assert "Format Markdown" in lines[0] and "Jira erlaubt höchstens 32.767" in lines[0]
