"""`check` makes every content check the build makes, each problem one German line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leitfaden import checks
from leitfaden.loader import ContentError, load_source
from leitfaden.site import SiteUrl

from .conftest import ROOT

SOURCE = (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8")
SITE = SiteUrl("https://projektleitfaden.example.org/", is_default=False)
QUESTION = "        text: Wie heißt das Projekt?"
LINE = SOURCE.splitlines().index(QUESTION) + 1


def problems_with(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in SOURCE
    path = tmp_path / "questions.yaml"
    path.write_text(SOURCE.replace(old, new, 1), encoding="utf-8")
    prefix = f"{os.path.relpath(path)}:"
    found = checks.problems(load_source(path), SITE)
    assert all(problem.startswith(prefix) and "\n" not in problem for problem in found)
    return [problem.removeprefix(prefix) for problem in found]


def test_the_real_guide_passes() -> None:
    assert checks.problems(load_source(), SITE) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Wie heißt das Projekt? 😀", "„😀“ (U+1F600 GRINNING FACE)"),
        ("Wie heißt das 項目?", "„項“ (U+9805 CJK UNIFIED IDEOGRAPH-9805)"),
        ("Wie heißt das प्रोजेक्ट?", "„प“ (U+092A DEVANAGARI LETTER PA)"),
        ('"Wie hei\\u200dßt das Projekt?"', "U+200D ZERO WIDTH JOINER"),
    ],
    ids=["emoji", "cjk", "devanagari", "zero-width-joiner"],
)
def test_a_character_the_brochure_cannot_set(tmp_path: Path, text: str, message: str) -> None:
    assert problems_with(tmp_path, QUESTION, f"        text: {text}") == [
        f"{LINE}: chapters[0].questions[0].text: die Broschürenschrift (Source Sans 3) hat kein Zeichen "
        f"{message}: bitte ersetzen oder löschen"
    ]


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("projket", "das Linkziel „projket“ gibt es im Leitfaden nicht"),
        ("team#gibtsnicht", "das Linkziel „team#gibtsnicht“ gibt es im Leitfaden nicht"),
    ],
)
def test_a_link_inside_the_guide_that_leads_nowhere(tmp_path: Path, link: str, message: str) -> None:
    """The model refuses it while loading, so `check` reports it before any other check."""
    path = tmp_path / "questions.yaml"
    path.write_text(SOURCE.replace(QUESTION, f"        text: Wie heißt [das Projekt]({link})?", 1), "utf-8")
    with pytest.raises(ContentError) as refused:
        load_source(path)
    assert refused.value.messages == [
        f"{os.path.relpath(path)}:{LINE}: chapters[0].questions[0].text: {message}"
    ]


@pytest.mark.parametrize("link", ["team#kundendaten", "team", "https://example.org/#x"])
def test_links_that_lead_somewhere_pass(tmp_path: Path, link: str) -> None:
    assert problems_with(tmp_path, QUESTION, f"        text: Wie heißt [das Projekt]({link})?") == []


def test_a_ticket_over_the_tracker_limit_fails_check_not_only_the_build(tmp_path: Path) -> None:
    found = problems_with(
        tmp_path, QUESTION, QUESTION + "\n        help:\n          - " + "Sehr lang. " * 3500
    )
    chapter = SOURCE.splitlines().index("  - id: projekt") + 1
    assert len(found) == 1
    assert found[0].startswith(
        f"{chapter}: chapters[0]: Kapitel „projekt“: das Ticket im Format Markdown (vollständig)"
    )


def test_check_command_runs_them(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(SOURCE.replace(QUESTION, QUESTION + " ☃️", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "leitfaden", "check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"{os.path.relpath(path)}:{LINE}: chapters[0].questions[0].text: "
        "die Broschürenschrift (Source Sans 3) hat kein Zeichen „☃“ (U+2603 SNOWMAN): "
        "bitte ersetzen oder löschen\n"
    )
