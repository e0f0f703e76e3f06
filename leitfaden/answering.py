"""Issue 11: answer fields on the chapter pages, progress on the home page, and the
reader's answers in what the Vorlagen page's buttons send.

The page script (docs/assets/javascripts/answers.js) only interprets what this module
puts into one ``data-lf-answers`` attribute per page: the questions, the rules to fill a
ticket and the German messages, and where the chapter's tickets are, as templates with
answer slots (:mod:`leitfaden.tickets.filling`), one JSON file per chapter. Data in an
attribute, not in a ``<script>`` block, stays out of the search index, as the one-click
data does. The templates stay out of the page: they would be a third of a chapter page's
HTML, which the browser loads and parses before it shows anything (with them the longest
pages no longer fit into the first round trip), and the blocks already show the blank
tickets. The script fetches them only when something needs them: answers to show in the
tickets, or the one-click button.
"""

from __future__ import annotations

import json
from typing import Final

from .answers import FORMAT_NAME, FORMAT_VERSION
from .markup import plain
from .model import Chapter, Guide, Question
from .site import SiteUrl
from .templating import render
from .tickets import FORMATS, VARIANTS, chapter_file, ticket_title
from .tickets.filling import rules_data
from .tickets.render import ticket_template

#: What the script tells the reader; {n}, {total}, {ids}, {version} are filled in.
MESSAGES: Final[dict[str, str]] = {
    "field": "Ihre Antwort",
    "cell": "{column}, Zeile {row}",
    "add_row": "Zeile hinzufügen",
    "remove_row": "Zeile {row} entfernen",
    "progress": "{n} von {total} beantwortet",
    "confirm_chapter": "Alle Antworten dieses Kapitels in diesem Browser löschen?",
    "confirm_all": "Alle Antworten aller Kapitel in diesem Browser löschen?",
    "cleared": "Antworten gelöscht.",
    "imported": "{n} Antworten übernommen.",
    "unknown": "Nicht zugeordnet, aber behalten: {ids}.",
    "older": "Die Datei stammt aus Version {version} des Leitfadens.",
    "bad_json": "Die Datei ist keine gültige JSON-Datei: Es wurde nichts geändert.",
    "bad_format": "Das ist keine Antwortdatei des Projektleitfadens: Es wurde nichts geändert.",
    "bad_answer": "Die Antwort „{ids}“ ist weder ein Text noch eine Tabelle: Es wurde nichts geändert.",
    "blank": "Leeres Ticket zeigen (ohne Ihre Antworten)",
    "no_templates": "Die Tickets zeigen Ihre Antworten nicht: Ihre Vorlagen ließen sich nicht laden. "
    "Laden Sie die Seite neu, um es noch einmal zu versuchen.",
    "file_name": "projektleitfaden-antworten.json",
}


def _question_data(question: Question, with_fields: bool) -> dict[str, object]:
    """A question's id and, for a table, its rows as printed (an unchanged table is no answer);
    ``with_fields`` adds what its answer field shows: the question and the table's columns."""
    data: dict[str, object] = {"id": question.id}
    if with_fields:
        data["text"] = plain.inline(question.text)
    if question.table is not None:
        data["initial"] = [[plain.inline(cell) for cell in row] for row in question.table.all_rows]
        if with_fields:
            data["columns"] = [plain.inline(column) for column in question.table.columns]
    return data


def _guide_data(guide: Guide, fields_of: str | None = None) -> dict[str, object]:
    """What every page with answers needs: every chapter's questions for the progress and the
    import, with the fields' texts only for the chapter ``fields_of`` (its page shows them).
    The messages each page adds itself: only a chapter page says more than the progress."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "guide_version": guide.version,
        "rules": rules_data(),
        "chapters": {
            chapter.id: [_question_data(q, chapter.id == fields_of) for q in chapter.questions]
            for chapter in guide.chapters
        },
    }


def chapter_data(guide: Guide, chapter: Chapter) -> dict[str, object]:
    """Everything the page script needs on a chapter page; its tickets it fetches."""
    return _guide_data(guide, fields_of=chapter.id) | {
        "messages": MESSAGES,
        "chapter": chapter.id,
        "title": ticket_title(chapter),
        "templates": {chapter.id: templates_path(chapter)},
    }


def _tickets_data(guide: Guide, chapter: Chapter, site: SiteUrl) -> list[dict[str, object]]:
    """Every ticket of the chapter, per format and variant, as a template with answer slots."""
    return [
        {
            "format": fmt.key,
            "variants": [
                {
                    "file": chapter_file(chapter, fmt, variant),
                    "parts": ticket_template(guide, chapter, site, fmt, variant).to_data(),
                }
                for variant in VARIANTS
            ],
        }
        for fmt in FORMATS
    ]


def templates_path(chapter: Chapter) -> str:
    """Where the page script finds the chapter's tickets with answer slots (site root)."""
    return f"vorlagen/antworten/{chapter.id}.json"


def template_files(guide: Guide, site: SiteUrl) -> dict[str, str]:
    """Path → the chapter's tickets with answer slots, for every chapter. A chapter page
    fetches its own; the Vorlagen page one only for a chapter the reader has answered, once
    a button needs it."""
    return {
        templates_path(chapter): _json({"tickets": _tickets_data(guide, chapter, site)}) + "\n"
        for chapter in guide.chapters
    }


def _json(data: dict[str, object]) -> str:
    """Compact JSON; the template's autoescape makes it a safe attribute value."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def chapter_panel(guide: Guide, chapter: Chapter) -> str:
    """The chapter page's answers bar: progress, privacy note, export, import, delete."""
    return render(
        "answers_panel.html.j2",
        data=_json(chapter_data(guide, chapter)),
        chapter=chapter.id,
        progress=MESSAGES["progress"].format(n=0, total=len(chapter.questions)),
    )


def blank_switch() -> str:
    """The chapter page's switch between the ticket with the reader's answers and the blank one."""
    return render("answers_switch.html.j2", label=MESSAGES["blank"])


def home_data(guide: Guide) -> dict[str, object]:
    """What the page script needs on the home page: the progress of every chapter."""
    return _guide_data(guide) | {"messages": {"progress": MESSAGES["progress"]}}


def home_panel(guide: Guide) -> str:
    """The home page's data for the progress of every chapter."""
    return render("answers_data.html.j2", data=_json(home_data(guide)))


def templates_data(guide: Guide) -> dict[str, object]:
    """What the page script needs on the Vorlagen page: where each chapter's templates are."""
    return _guide_data(guide) | {
        "templates": {chapter.id: templates_path(chapter) for chapter in guide.chapters}
    }


def templates_panel(guide: Guide) -> str:
    """The Vorlagen page's data: its buttons send a chapter with the reader's answers."""
    return render("answers_data.html.j2", data=_json(templates_data(guide)))
