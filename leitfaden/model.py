"""The guide's data model: the one definition of what content/questions.yaml may hold.

The pydantic models below are the schema (content/questions.schema.json is generated
from them). Everything is frozen and forbids unknown keys, so a typo such as ``titel:``
is an error instead of a silently missing text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from .markup.text import ContentText, internal_target, link_problem, link_targets

SLUG_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

#: Ruled lines for the answer in the brochure when a question does not set ``answer_lines``.
DEFAULT_ANSWER_LINES: Final = 3

#: Chapter ids printed in brochures (QR codes and ``devopsguide-de.html#<id>`` anchors).
#: They are URLs in the wild and must never change.
PRINTED_CHAPTER_IDS: Final = (
    "projekt",
    "team",
    "zeitplan",
    "sicherheit",
    "architektur",
    "deployment",
    "kapazitaetsplanung",
    "skalierung",
    "netzwerk",
    "monitoring",
)

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=60),
    Field(description="Stabile Kennung: Kleinbuchstaben, Ziffern und Bindestriche (ASCII)."),
]
#: Bidirectional embeddings, overrides and isolates: they reorder what a reader sees
#: ("Trojan Source"). The marks U+200E/U+200F and other invisible characters (zero-width
#: space and joiners, soft hyphen) are allowed: they only ever show as themselves.
_BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS: Final = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


#: A link's label as the editor means it: "[…]" right before "(" (read like link_targets).
_LINK_LABEL: Final = re.compile(r"\[([^\[\]]*)\]\(")
# Jira wiki markup has no escape for these spots (leitfaden/markup/jira.py): its parser
# ends a table cell at every "|", and a link's label at "|", "[" and "]", first of all.
_IN_CELL: Final = ("in einer Tabellenzelle", "jedes „|“ beginnt dort eine neue Zelle, auch im Code")
_IN_TITLE: Final = (
    "im Kapiteltitel",
    "er ist im Ticket Text des Links „Kapitel „…“ online lesen“, den dort „|“, „[“ und „]“ beenden",
)


def _jira_cannot(char: str, where: tuple[str, str]) -> str:
    instead = {"|": "„/“ oder „–“", "[": "„(“", "]": "„)“"}[char]
    return f"„{char}“ lässt sich {where[0]} in Jira nicht darstellen ({where[1]}): {instead} schreiben"


def _one_line(value: str) -> ContentText:
    """A content text: one line, no control characters, only allowed link targets, no "|" in a label."""
    for char in value:
        if char in _LINE_BREAKS:
            raise ValueError(
                "ein Text ist eine Zeile ohne Zeilenumbruch: für einen neuen Absatz einen neuen "
                "Listeneintrag anlegen, lange Zeilen mit „>-“ umbrechen"
            )
        if char in _BIDI_CONTROLS or unicodedata.category(char) == "Cc":
            raise ValueError(f"unzulässiges Steuerzeichen U+{ord(char):04X} im Text")
    for url in link_targets(value):
        problem = link_problem(url)
        if problem is not None:
            raise ValueError(problem)
    if any("|" in label for label in _LINK_LABEL.findall(value)):
        raise ValueError(_jira_cannot("|", ("im Text eines Links", "es trennt dort Text und Ziel")))
    return ContentText(value)


def _no_bar_in_cell(value: str) -> str:
    if "|" in value:
        raise ValueError(_jira_cannot("|", _IN_CELL))
    return value


def _fits_link_label(value: ContentText) -> ContentText:
    for char in "|[]":
        if char in value:
            raise ValueError(_jira_cannot(char, _IN_TITLE))
    return value


def _no_link(value: ContentText) -> ContentText:
    if link_targets(value):
        raise ValueError("hier ist kein Link erlaubt: der Text steht selbst in einem Verweis oder im Menü")
    return value


_TEXT_RULE: Final = (
    "Eine Zeile Inline-Markdown: **fett**, *kursiv*, `Code` und [Link](Ziel) mit dem Ziel "
    "https://…, http://…, mailto:…, kapitel-id oder kapitel-id#frage-id. Alles andere bleibt "
    "wörtlich stehen (HTML, {…}, #, |, ~ …); nur im Linktext ist kein „|“ möglich (Jira). "
    "Ein Sternchen zwischen zwei Buchstaben ist der Gender-Stern."
)
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_one_line),
    Field(description=_TEXT_RULE),
]
LinklessText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_one_line),
    AfterValidator(_no_link),
    Field(description="Wie ein Text, aber ohne Link (ein Titel, eine Telefonnummer)."),
]
Cell = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_one_line),
    AfterValidator(_no_bar_in_cell),
    Field(description="Eine Tabellenzelle: wie ein Text, ohne „|“ (Jira), darf leer sein."),
]
Column = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_one_line),
    AfterValidator(_no_bar_in_cell),
    Field(description="Eine Spaltenüberschrift: wie ein Text, ohne „|“ (Jira)."),
]
ChapterTitle = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_one_line),
    AfterValidator(_no_link),
    AfterValidator(_fits_link_label),
    Field(description="Wie ein Text, aber ohne Link und ohne „|“, „[“, „]“ (im Jira-Ticket ein Linktext)."),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)


class StandardOffer(_Model):
    """A paragraph describing what Flying Circus provides by default."""

    standard: Text = Field(description="Ein Absatz zu unserem Standardangebot.")


def _paragraph_kind(value: object) -> str:
    return "offer" if isinstance(value, dict | StandardOffer) else "hint"


Paragraph = Annotated[
    Annotated[Text, Tag("hint")] | Annotated[StandardOffer, Tag("offer")],
    Discriminator(_paragraph_kind),
    Field(description="Ein Hinweisabsatz oder, als {standard: …}, ein Absatz zum Standardangebot."),
]


@dataclass(frozen=True)
class HelpBlock:
    """Consecutive help paragraphs: hints, or (``is_standard``) our standard offer."""

    is_standard: bool
    paragraphs: tuple[str, ...]


class Table(_Model):
    """A fill-in table: fixed columns, optional pre-filled rows, room to write."""

    columns: list[Column] = Field(min_length=1)
    rows: list[list[Cell]] = Field(
        default_factory=list,
        description="Vorausgefüllte Zeilen; leere Zellen sind leere Zeichenketten.",
    )
    blank_rows: int = Field(default=1, ge=0, le=20, description="Zusätzliche leere Zeilen zum Ausfüllen.")

    @property
    def all_rows(self) -> list[list[str]]:
        """Pre-filled rows followed by the blank rows left for writing."""
        blank: list[str] = [ContentText("")] * len(self.columns)
        return [list(row) for row in self.rows] + [blank] * self.blank_rows

    @model_validator(mode="after")
    def _rows_match_columns(self) -> Table:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"rows[{index}] hat {len(row)} Zellen, die Tabelle aber {len(self.columns)} Spalten"
                )
        return self


class Question(_Model):
    id: Slug
    text: Text = Field(description="Die Frage (oder das auszufüllende Feld).")
    help: list[Paragraph] = Field(default_factory=list, description="Hinweise zur Frage.")
    table: Table | None = None
    answer_lines: int | None = Field(
        default=None,
        ge=1,
        le=20,
        description=(
            "Linien für die Antwort in der gedruckten Broschüre (1–20), passend zur Frage: "
            "1 für einen Namen oder eine Zahl, mehr für eine Beschreibung. Ohne Angabe "
            f"{DEFAULT_ANSWER_LINES}. Nicht zusammen mit „table“: dort gibt „blank_rows“ den Platz."
        ),
    )

    @property
    def answer_line_count(self) -> int:
        """How many ruled lines the brochure leaves for the answer (0 under a table)."""
        if self.table:
            return 0
        return self.answer_lines or DEFAULT_ANSWER_LINES

    @model_validator(mode="after")
    def _answer_space_is_lines_or_table(self) -> Question:
        if self.table and self.answer_lines is not None:
            raise _PathError(
                ("answer_lines",),
                "„answer_lines“ und „table“ schließen sich aus: unter einer Tabelle gibt "
                "„blank_rows“ den Platz zum Schreiben",
            )
        return self

    def help_blocks(self) -> list[HelpBlock]:
        """The help paragraphs, consecutive ones of the same kind grouped into one block."""
        blocks: list[HelpBlock] = []
        for paragraph in self.help:
            is_standard = isinstance(paragraph, StandardOffer)
            text = paragraph.standard if isinstance(paragraph, StandardOffer) else paragraph
            if blocks and blocks[-1].is_standard == is_standard:
                blocks[-1] = HelpBlock(is_standard, blocks[-1].paragraphs + (text,))
            else:
                blocks.append(HelpBlock(is_standard, (text,)))
        return blocks


class Chapter(_Model):
    id: Slug
    title: ChapterTitle
    intro: list[Text] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)

    @property
    def ticket_title(self) -> str:
        return f"Projektstart: {self.title}"

    @model_validator(mode="after")
    def _unique_question_ids(self) -> Chapter:
        index = _first_repeated([question.id for question in self.questions])
        if index is not None:
            raise _PathError(
                ("questions", index, "id"),
                f"die Frage-ID „{self.questions[index].id}“ kommt in diesem Kapitel doppelt vor",
            )
        return self

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


class Signature(_Model):
    name: Text
    role: Text


class Foreword(_Model):
    paragraphs: list[Text] = Field(min_length=1)
    signature: Signature


class Contact(_Model):
    question: Text
    hotline: Text
    company: Text
    address: list[Text] = Field(min_length=1)
    email: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}$")]
    phone: LinklessText
    fax: Text

    @property
    def phone_uri(self) -> str:
        """The phone number as a ``tel:`` link: its digits and a leading "+"."""
        return _tel_uri(self.phone)

    @property
    def hotline_parts(self) -> HotlineParts:
        """The hotline sentence split before the phone number it ends with (to link that number)."""
        match = _NUMBER_AT_END.fullmatch(self.hotline)
        if match is None:
            return HotlineParts(ContentText(self.hotline), None, None)
        number = match["number"]
        return HotlineParts(ContentText(match["lead"]), ContentText(number), _tel_uri(number))


@dataclass(frozen=True)
class HotlineParts:
    """The hotline text before its number, the number, and the number's ``tel:`` link."""

    lead: ContentText
    number: ContentText | None
    uri: str | None


#: A phone number at the end of a text: digits with spaces, slashes or hyphens, maybe a "+".
_NUMBER_AT_END: Final = re.compile(r"(?P<lead>.*?)(?P<number>\+?\d[\d /-]{4,}\d)")


def _tel_uri(number: str) -> str:
    digits = "".join(char for char in number if char.isdigit() and char.isascii())
    return "tel:" + ("+" if number.startswith("+") else "") + digits


Version = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}\.\d+$"),
    Field(description="Ausgabe des Leitfadens: Jahr, Punkt, Nummer, z. B. 2026.1."),
]
QuestionRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Field(description="Eine Frage als kapitel-id#frage-id, z. B. sicherheit#backups."),
]


class RemovedQuestion(_Model):
    id: QuestionRef
    text: Text = Field(description="Die Frage, wie sie in der Ausgabe davor lautete.")


class Edition(_Model):
    """What one edition of the guide changed against the edition before it."""

    version: Version
    notes: list[Text] = Field(default_factory=list, description="Weitere Änderungen, je ein Satz.")
    new: list[QuestionRef] = Field(default_factory=list, description="Fragen, die neu hinzukamen.")
    reworded: list[QuestionRef] = Field(
        default_factory=list, description="Fragen oder Hinweise, deren Wortlaut sich geändert hat."
    )
    removed: list[RemovedQuestion] = Field(default_factory=list, description="Fragen, die weggefallen sind.")


class Guide(_Model):
    model_config = ConfigDict(
        title="Der Flying Circus Projektleitfaden",
        json_schema_extra={"$id": "questions.schema.json"},
    )

    title: LinklessText
    subtitle: Text
    version: Annotated[
        Version,
        Field(description="Version des Leitfadens, z. B. 2026.1; steht in jedem Ticket."),
    ]
    foreword: Foreword
    tip: Text = Field(
        description=(
            "Der Tipp zu den Vorlagen für Ticketsysteme in der Broschüre (PDF und Druck): "
            "Link-Button im PDF, QR-Code auf Papier."
        )
    )
    tip_web: Text = Field(
        description=(
            "Derselbe Tipp für die Startseite der Website: dort gibt es keinen Link-Button "
            "und keinen QR-Code, sondern auf jeder Kapitelseite den Abschnitt „Als Ticket übernehmen“."
        )
    )
    chapters: list[Chapter] = Field(
        min_length=1,
        json_schema_extra={
            "allOf": [
                {"contains": {"properties": {"id": {"const": chapter_id}}, "required": ["id"]}}
                for chapter_id in PRINTED_CHAPTER_IDS
            ]
        },
    )
    contact: Contact
    changes: list[Edition] = Field(
        default_factory=list,
        description=(
            "Was sich je Ausgabe geändert hat, die neueste zuerst; die erste ist die aktuelle "
            "(„version“). Fragen stehen als kapitel-id#frage-id: neue und umformulierte muss es "
            "geben (oder eine spätere Ausgabe entfernt sie), entfernte nicht mehr."
        ),
    )

    @model_validator(mode="after")
    def _chapter_ids(self) -> Guide:
        ids = [chapter.id for chapter in self.chapters]
        index = _first_repeated(ids)
        if index is not None:
            raise _PathError(("chapters", index, "id"), f"die Kapitel-ID „{ids[index]}“ kommt doppelt vor")
        for printed in PRINTED_CHAPTER_IDS:
            if printed not in ids:
                raise _PathError(
                    ("chapters",),
                    f"das Kapitel „{printed}“ fehlt; seine ID ist in Broschüren gedruckt "
                    "(QR-Codes, devopsguide-de.html#" + printed + ") und darf nie wegfallen "
                    "oder umbenannt werden",
                )
        return self

    @model_validator(mode="after")
    def _internal_links(self) -> Guide:
        for path, text in _texts(self, ()):
            for url in link_targets(text):
                target = internal_target(url)
                if target is not None and not self._has_target(target.chapter, target.question):
                    raise _PathError(path, f"das Linkziel „{url}“ gibt es im Leitfaden nicht")
        return self

    @model_validator(mode="after")
    def _change_log(self) -> Guide:
        versions = [edition.version for edition in self.changes]
        for index, version in enumerate(versions):
            if index == 0 and version != self.version:
                raise _PathError(
                    ("changes", 0, "version"),
                    f"die neueste Ausgabe im Änderungsverlauf ist „{version}“, der Leitfaden aber "
                    f"„{self.version}“: die Änderungen der aktuellen Ausgabe gehören an den Anfang",
                )
            if index and _version_key(version) >= _version_key(versions[index - 1]):
                raise _PathError(
                    ("changes", index, "version"),
                    f"„{version}“ steht nach „{versions[index - 1]}“: "
                    "die neueste Ausgabe zuerst, jede nur einmal",
                )
        for index, edition in enumerate(self.changes):
            later_removed = {removed.id for newer in self.changes[:index] for removed in newer.removed}
            for kind in ("new", "reworded"):
                for position, ref in enumerate(getattr(edition, kind)):
                    if not self._has_ref(ref) and ref not in later_removed:
                        raise _PathError(
                            ("changes", index, kind, position),
                            f"die Frage „{ref}“ gibt es im Leitfaden nicht "
                            "(und keine spätere Ausgabe entfernt sie)",
                        )
            for position, removed in enumerate(edition.removed):
                if self._has_ref(removed.id):
                    raise _PathError(
                        ("changes", index, "removed", position, "id"),
                        f"die Frage „{removed.id}“ gibt es noch: "
                        "eine entfernte Frage steht nicht mehr im Leitfaden",
                    )
        return self

    def _has_ref(self, ref: str) -> bool:
        chapter_id, question_id = ref.split("#")
        return self._has_target(chapter_id, question_id)

    def changed_questions(self) -> dict[str, str]:
        """``kapitel#frage`` → „neu“ or „geändert“ for this edition's new and reworded questions."""
        current = self.changes[0] if self.changes else None
        if current is None:
            return {}
        return {ref: "geändert" for ref in current.reworded} | {ref: "neu" for ref in current.new}

    def _has_target(self, chapter_id: str, question_id: str | None) -> bool:
        chapter = next((chapter for chapter in self.chapters if chapter.id == chapter_id), None)
        if chapter is None or question_id is None:
            return chapter is not None
        return any(question.id == question_id for question in chapter.questions)

    def chapter(self, chapter_id: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise KeyError(chapter_id)


def _version_key(version: str) -> tuple[int, int]:
    year, number = version.split(".")
    return int(year), int(number)


def _texts(value: object, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], ContentText]]:
    """Every content text below ``value`` with its field path."""
    if isinstance(value, ContentText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _first_repeated(ids: list[str]) -> int | None:
    """The index of the first id that already came before, or None."""
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            return index
        seen.add(item)
    return None


class _PathError(ValueError):
    """A validation error that knows the field path below the model that raised it."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
