"""Issue 12: „Mein Ticketsystem“ and the buttons „In <System> anlegen“ on the pages.

Each page with buttons carries one ``data-lf-oneclick`` attribute: the tracker registry
(:mod:`leitfaden.trackers`), the reader-facing messages and, per chapter on the page, its
title. The page script (docs/assets/javascripts/oneclick.js) only interprets it. The
tickets themselves are not repeated there (they are the bulk of a page's bytes):

- on a chapter page, the button sends what the page's ticket blocks show – the ticket
  with the reader's answers, or the blank one – which answers.js fills from the templates
  in ``data-lf-answers`` (:mod:`leitfaden.answering`) and hands over;
- on the Vorlagen page, which lists every chapter, the data names each chapter's download
  per format (the same :func:`ticket` wrote it), and the script fetches the files of the
  reader's format once a tracker is set – a reader without one loads none. A chapter the
  reader has answered is filled by answers.js instead, from the chapter's templates
  (:func:`leitfaden.answering.template_files`), so it sends what its page would.

Data in an attribute, not in a ``<script>`` block, stays out of the search index.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from .markup import plain
from .model import Chapter, Guide
from .templating import render
from .tickets import FORMATS, FULL, chapter_file, download_path, ticket_title
from .trackers import TRACKERS, registry

#: What the script tells the reader; {tracker} is the button's tracker name, {chapter} the
#: chapter's title.
MESSAGES: Final[dict[str, str]] = {
    "button": "In {tracker} anlegen",
    "button_name": "In {tracker} anlegen: {chapter}",
    "url": "Bitte eine vollständige Adresse angeben, die mit https:// (oder http://) beginnt, "
    "ohne ? oder # darin",
    "required": "Bitte ausfüllen",
    "type": "Bitte zuerst die Art des Ticketsystems wählen",
    "invalid": "Bitte die markierten Angaben prüfen",
    "saved": "Gespeichert: Die Schaltflächen legen Tickets jetzt in {tracker} an.",
    "removed": "Entfernt: Dieser Browser kennt Ihr Ticketsystem nicht mehr.",
    "summary_set": "Mein Ticketsystem: {tracker} – ändern oder entfernen",
    "summary_unset": "Mein Ticketsystem einrichten",
    "long": "Dieses Ticket ist zu lang für einen Link zu {tracker}: Beim Klick öffnet sich das "
    "Formular nur mit dem Titel, die Beschreibung kommt in die Zwischenablage.",
    "copied": "Die Beschreibung von „{chapter}“ ist in der Zwischenablage: Bitte im Formular von "
    "{tracker} in das Feld „Beschreibung“ einfügen (Strg+V, auf dem Mac ⌘+V).",
    "copy_failed": "Die Zwischenablage ist nicht erreichbar: Bitte die Beschreibung von „{chapter}“ "
    "im Abschnitt „Als Ticket übernehmen“ der Kapitelseite kopieren und in {tracker} einfügen.",
}


@dataclass(frozen=True)
class ChapterLink:
    id: str
    title: str


def chapter_buttons(chapter: Chapter) -> str:
    """The chapter page's button and settings (Markdown: one raw HTML block)."""
    return render(
        "oneclick_chapter.html.j2",
        data=_data(page_data([chapter])),
        chapter=_link(chapter),
        trackers=TRACKERS,
    )


def templates_section(guide: Guide) -> str:
    """The Vorlagen page's section: settings, a button per chapter and the link limits (Markdown)."""
    return render(
        "oneclick_templates.md.j2",
        buttons=render(
            "oneclick_list.html.j2",
            data=_data(page_data(guide.chapters, with_files=True)),
            chapters=[_link(chapter) for chapter in guide.chapters],
            trackers=TRACKERS,
        ),
        trackers=TRACKERS,
    )


def page_data(chapters: Sequence[Chapter], with_files: bool = False) -> dict[str, object]:
    """What the page script reads: registry, messages, and per chapter its title and, with
    ``with_files``, its download (path from the site root) in each format a tracker reads."""
    return {
        "trackers": registry(),
        "messages": MESSAGES,
        "chapters": [_chapter_data(chapter, with_files) for chapter in chapters],
    }


def _chapter_data(chapter: Chapter, with_files: bool) -> dict[str, object]:
    data: dict[str, object] = {
        "id": chapter.id,
        "title": ticket_title(chapter),
        "name": plain.inline(chapter.title),
    }
    if with_files:
        used = {entry.format for entry in TRACKERS}
        data["files"] = {
            fmt.key: download_path(chapter_file(chapter, fmt, FULL)) for fmt in FORMATS if fmt.key in used
        }
    return data


def _data(data: dict[str, object]) -> str:
    """Compact JSON; the template's autoescape makes it a safe attribute value."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _link(chapter: Chapter) -> ChapterLink:
    return ChapterLink(chapter.id, plain.inline(chapter.title))
