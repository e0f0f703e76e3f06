"""A chapter as a ticket in one format, and the whole guide as one Markdown document.

Every ticket text comes from :func:`ticket`, so the block on a chapter page, the
downloaded file, the CSV row and the issue template are the same text. Tickets that
outgrow what trackers accept fail the build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Generic, TypeVar

from ..loader import ContentError
from ..markup import plain
from ..model import Chapter, Guide, Question
from ..site import SiteUrl
from .filling import RULES, AnswerRules, AnswerValue, Part, Slot, TicketTemplate, fill
from .formats import FULL, MARKDOWN, Markup, TicketFormat, Variant

#: Jira's hard limit for a description (Cloud and Server/Data Center).
TICKET_LIMIT: Final = 32_767
#: GitHub's limit for an issue body; the whole guide must fit in one issue.
GUIDE_LIMIT: Final = 65_536
#: The longest description each tracker takes, in characters; the Vorlagen page says
#: where the whole guide fits (GitHub's and Jira's limits are the two above).
DESCRIPTION_LIMITS: Final[tuple[tuple[str, int], ...]] = (
    ("GitHub", GUIDE_LIMIT),
    ("GitLab", 1_048_576),
    ("Jira", TICKET_LIMIT),
)
GUIDE_FILE: Final = "projektleitfaden.md"

HINT_LABEL: Final = "Hinweis:"
STANDARD_LABEL: Final = "Unser Standard:"


def ticket_title(chapter: Chapter) -> str:
    """The issue title as plain text (title fields render no markup)."""
    return plain.inline(chapter.ticket_title)


def ticket(guide: Guide, chapter: Chapter, site: SiteUrl, fmt: TicketFormat, variant: Variant = FULL) -> str:
    """The chapter's ticket description in ``fmt``, ending with one newline."""
    text = fill(ticket_template(guide, chapter, site, fmt, variant), {})
    if len(text) > TICKET_LIMIT:
        raise ContentError(
            [
                f"Kapitel „{chapter.id}“: das Ticket im Format {fmt.label} ({variant.label}) hat "
                f"{_number(len(text))} Zeichen, Jira erlaubt höchstens {_number(TICKET_LIMIT)} "
                "pro Beschreibung: bitte die Hinweise kürzen oder das Kapitel teilen"
            ]
        )
    return text


def guide_markdown(guide: Guide, site: SiteUrl) -> str:
    """All chapters as one Markdown document, e.g. for a single issue."""
    parts = [f"# {MARKDOWN.markup.inline(guide.title)}", MARKDOWN.markup.inline(guide.subtitle)]
    sizes: dict[str, int] = {}
    for chapter in guide.chapters:
        body = ticket(guide, chapter, site, MARKDOWN)
        sizes[chapter.id] = len(body)
        parts += [MARKDOWN.markup.heading(chapter.title), body.removesuffix("\n")]
    text = "\n\n".join(parts) + "\n"
    if len(text) > GUIDE_LIMIT:
        longest = max(sizes, key=lambda chapter_id: sizes[chapter_id])
        raise ContentError(
            [
                f"{GUIDE_FILE}: alle Kapitel zusammen haben im Format {MARKDOWN.label} "
                f"{_number(len(text))} Zeichen, GitHub erlaubt höchstens {_number(GUIDE_LIMIT)} pro "
                f"Issue: bitte Texte kürzen (längstes Kapitel: „{longest}“ mit {_number(sizes[longest])})"
            ]
        )
    return text


@dataclass(frozen=True)
class Fit:
    tracker: str
    limit: str
    fits: bool


def guide_fits(guide: Guide, site: SiteUrl) -> tuple[str, list[Fit]]:
    """The whole guide's size, and in which trackers' descriptions it fits."""
    size = len(guide_markdown(guide, site))
    return _number(size), [Fit(name, _number(limit), size <= limit) for name, limit in DESCRIPTION_LIMITS]


_T = TypeVar("_T")


@dataclass(frozen=True, eq=False)
class _Same(Generic[_T]):
    """A cache key by identity (the models hold lists, so they are not hashable).

    The key keeps its object alive while cached, so its id cannot be reused meanwhile.
    """

    value: _T

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value


@dataclass
class _TemplateCache:
    """The ticket templates of the latest guide: each made once per build, however many use it.

    The page section, the files, the CSVs, the zips and the whole-guide file all use the
    same tickets. A build has one guide; a new guide (a rebuild under `mkdocs serve`)
    starts afresh, so no older guide is kept alive. Unbounded within a guide: a bounded
    cache thrashed at 100 chapters (the pages ask chapter by chapter, the downloads format
    by format), and every ticket was rendered again for each.
    """

    guide: Guide | None = None
    templates: dict[tuple[_Same[Chapter], SiteUrl, TicketFormat, bool], TicketTemplate] = field(
        default_factory=dict
    )

    def get(
        self, guide: Guide, chapter: Chapter, site: SiteUrl, fmt: TicketFormat, with_help: bool
    ) -> TicketTemplate:
        if self.guide is not guide:
            self.guide, self.templates = guide, {}
        key = (_Same(chapter), site, fmt, with_help)
        template = self.templates.get(key)
        if template is None:
            template = TicketTemplate(
                fmt.key, _template_parts(guide, chapter, site, fmt.markup, fmt.key, with_help)
            )
            self.templates[key] = template
        return template


_TEMPLATES = _TemplateCache()


def ticket_template(
    guide: Guide, chapter: Chapter, site: SiteUrl, fmt: TicketFormat, variant: Variant = FULL
) -> TicketTemplate:
    """The chapter's ticket with a slot for each answer: :func:`ticket` is it filled with none."""
    return _TEMPLATES.get(guide, chapter, site, fmt, variant.with_help)


def filled_ticket(
    guide: Guide,
    chapter: Chapter,
    site: SiteUrl,
    fmt: TicketFormat,
    answers: Mapping[str, AnswerValue],
    variant: Variant = FULL,
) -> str:
    """The chapter's ticket with ``answers`` (question id → text or rows) under their questions."""
    return fill(ticket_template(guide, chapter, site, fmt, variant), answers)


def _template_parts(
    guide: Guide, chapter: Chapter, site: SiteUrl, markup: Markup, key: str, with_help: bool
) -> tuple[Part, ...]:
    rules = RULES[key]
    parts: list[Part] = ["\n\n".join(markup.inline(paragraph) for paragraph in chapter.intro)]
    previous_is_bare_task = False
    for question in chapter.questions:
        blocks = _question_blocks(question, markup, with_help)
        # Questions without hints or table stay one list; anything else separates them.
        parts.append("\n" if previous_is_bare_task else "\n\n")
        parts += _question_parts(question, blocks, rules)
        previous_is_bare_task = len(blocks) == 1
    parts.append("\n\n" + _footer(guide, chapter, site, markup) + "\n")
    return _joined(parts)


def _question_parts(question: Question, blocks: list[str], rules: AnswerRules) -> list[Part]:
    """The question's blocks with slots: its check marker, its answer, its table's rows."""
    task, *rest = blocks
    marker = task.index(rules.unchecked)
    initial = _initial_rows(question)
    parts: list[Part] = [
        task[:marker],
        Slot("check", question.id, rules.unchecked, initial),
        task[marker + len(rules.unchecked) :],
    ]
    if question.table is None:
        parts.append(Slot("answer", question.id, ""))
    for block in rest[:-1] if question.table is not None else rest:
        parts.append("\n\n" + block)
    if question.table is not None:
        lines = rest[-1].split("\n")
        parts.append("\n\n" + "\n".join(lines[: rules.header_lines]))
        rows = "".join("\n" + line for line in lines[rules.header_lines :])
        parts.append(Slot("table", question.id, rows, initial))
    return parts


def _initial_rows(question: Question) -> tuple[tuple[str, ...], ...]:
    if question.table is None:
        return ()
    return tuple(tuple(plain.inline(cell) for cell in row) for row in question.table.all_rows)


def _joined(parts: list[Part]) -> tuple[Part, ...]:
    """Neighbouring literal parts as one."""
    joined: list[Part] = []
    for part in parts:
        if isinstance(part, str) and joined and isinstance(joined[-1], str):
            joined[-1] += part
        elif part != "":
            joined.append(part)
    return tuple(joined)


def _question_blocks(question: Question, markup: Markup, with_help: bool) -> list[str]:
    blocks = [markup.task(question.text)]
    if with_help:
        for block in question.help_blocks():
            label = STANDARD_LABEL if block.is_standard else HINT_LABEL
            blocks.append(markup.note(label, block.paragraphs))
    if question.table is not None:
        blocks.append(markup.table(question.table))
    return blocks


def _footer(guide: Guide, chapter: Chapter, site: SiteUrl, markup: Markup) -> str:
    source = markup.inline(f"Aus „{guide.title}“, Version {guide.version}: ")
    return source + markup.link(f"Kapitel „{chapter.title}“ online lesen", site.chapter(chapter.id))


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")
