"""The guide quoted by id on hand-written pages in docs/ (the macros of hooks/macros.py).

Pure functions from the guide to Markdown: a link to a chapter or a question with its
current title, a chapter's questions, a ticket download, a QR code. An unknown id raises
:class:`UnknownId` with a German message; the macros add the page and line.
"""

from __future__ import annotations

from . import qr
from .markup import markdown, plain
from .model import Chapter, Guide, Question
from .tickets import FORMATS, FULL
from .tickets.downloads import chapter_file, download_path


class UnknownId(ValueError):
    """An id that names nothing in the guide (message in German)."""


def chapter_link(guide: Guide, chapter_id: str, root: str = "") -> str:
    """``[Titel](kapitel.md)``; ``root`` leads from the page's folder to docs/."""
    chapter = _chapter(guide, chapter_id)
    return f"[{_label(chapter.title)}]({root}{chapter.id}.md)"


def question_link(guide: Guide, ref: str, root: str = "") -> str:
    """``[Frage](kapitel.md#frage)`` for ``kapitel#frage``."""
    chapter, question = _question(guide, ref)
    return f"[{_label(question.text)}]({root}{chapter.id}.md#{question.id})"


def question_list(guide: Guide, chapter_id: str, root: str = "") -> str:
    """The chapter's questions as a numbered list of links, as a Markdown block."""
    chapter = _chapter(guide, chapter_id)
    items = [
        f"{number}. [{_label(question.text)}]({root}{chapter.id}.md#{question.id})"
        for number, question in enumerate(chapter.questions, start=1)
    ]
    return "\n" + "\n".join(items) + "\n"


def ticket_download(guide: Guide, chapter_id: str, format_key: str = "markdown", root: str = "") -> str:
    """A link to the chapter's full ticket file in one format (markdown, jira, textile)."""
    chapter = _chapter(guide, chapter_id)
    fmt = next((fmt for fmt in FORMATS if fmt.key == format_key), None)
    if fmt is None:
        keys = ", ".join(f"„{fmt.key}“" for fmt in FORMATS)
        raise UnknownId(f"unbekanntes Ticketformat „{format_key}“ (bekannt: {keys})")
    name = chapter_file(chapter, fmt, FULL)
    return f"[{markdown.literal(name)}]({root}{download_path(name)})"


def qr_code(guide: Guide, chapter_id: str, root: str = "") -> str:
    """The chapter's QR code (the one printed in the brochure) as an image."""
    chapter = _chapter(guide, chapter_id)
    alt = markdown.literal(f"QR-Code zum Kapitel „{plain.inline(chapter.title)}“")
    return f"![{alt}]({root}{qr.site_path(chapter.id)})"


def _label(text: str) -> str:
    """A content text as a link's label: its words without markup or links, Markdown-escaped."""
    return markdown.literal(plain.inline(text))


def _chapter(guide: Guide, chapter_id: str) -> Chapter:
    try:
        return guide.chapter(chapter_id)
    except KeyError:
        ids = ", ".join(chapter.id for chapter in guide.chapters)
        raise UnknownId(f"unbekannte Kapitel-ID „{chapter_id}“ (es gibt: {ids})") from None


def _question(guide: Guide, ref: str) -> tuple[Chapter, Question]:
    chapter_id, _, question_id = ref.partition("#")
    if not question_id:
        raise UnknownId(f"„{ref}“ ist keine Frage: kapitel-id#frage-id schreiben, z. B. „sicherheit#backups“")
    chapter = _chapter(guide, chapter_id)
    try:
        return chapter, chapter.question(question_id)
    except KeyError:
        raise UnknownId(
            f"unbekannte Frage „{ref}“: das Kapitel „{chapter_id}“ hat keine Frage-ID „{question_id}“"
        ) from None
