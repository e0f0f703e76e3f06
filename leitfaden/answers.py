"""The answers file („projektleitfaden-antworten“, version 1): its model, schema and loader.

A reader's answers leave the site as this JSON file (export on a chapter page), and the
same file drives the filled tickets and the filled brochure of the core. Its shape is
defined once, by :class:`AnswersFile`; ``content/answers.schema.json`` is generated from it.

Answers are keyed ``kapitel-id/frage-id``. Ids are permanent, so a file from an older guide
version imports into a newer one; ids this guide does not know are named and kept (an
export writes them back), never dropped silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from .loader import display_name
from .model import Guide, Question

FORMAT_NAME: Final = "projektleitfaden-antworten"
FORMAT_VERSION: Final = 1

#: Far more than anyone types into the guide, but a bound on what is built from a file.
MAX_FILE_BYTES: Final = 2_000_000
MAX_ANSWER_CHARS: Final = 20_000
MAX_CELL_CHARS: Final = 2_000
MAX_ROWS: Final = 200

KEY_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$"

AnswerKey = Annotated[
    str,
    StringConstraints(pattern=KEY_PATTERN, max_length=121),
    Field(description="Kapitel-ID und Frage-ID, z. B. „projekt/projektname“."),
]
TextAnswer = Annotated[
    str,
    Field(max_length=MAX_ANSWER_CHARS, description="Die Antwort auf eine Frage; Zeilenumbrüche erlaubt."),
]
Cell = Annotated[str, Field(max_length=MAX_CELL_CHARS, description="Eine Zelle, eine Zeile Text.")]


class TableAnswer(BaseModel):
    """The rows of a fill-in table, its pre-filled rows included, one cell per column."""

    model_config = ConfigDict(
        extra="forbid",
        title="Tabellenantwort",
        json_schema_extra={"description": "Alle Zeilen der Tabelle, vorausgefüllte eingeschlossen."},
    )
    rows: list[list[Cell]] = Field(max_length=MAX_ROWS, description="Die Zeilen der Tabelle.")


Answer = TextAnswer | TableAnswer


class AnswersFile(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        title="Antworten zum Flying Circus Projektleitfaden",
        json_schema_extra={"$id": "answers.schema.json"},
    )

    format: Literal["projektleitfaden-antworten"] = Field(description="Immer „projektleitfaden-antworten“.")
    version: Literal[1] = Field(description="Version dieses Dateiformats.")
    guide_version: Annotated[
        str,
        StringConstraints(pattern=r"^\d{4}\.\d+$"),
        Field(description="Version des Leitfadens, mit der die Antworten geschrieben wurden, z. B. 2026.1."),
    ]
    answers: dict[AnswerKey, Answer] = Field(
        description='Die Antworten: ein Text, oder für Tabellenfragen {"rows": [[…]]}.'
    )


class AnswersError(Exception):
    """The answers file is unusable: one German line."""


@dataclass(frozen=True)
class Answers:
    """A loaded answers file, split into what this guide can use and what it keeps aside."""

    guide_version: str
    #: ``kapitel-id/frage-id`` → text or table rows, for questions of this guide.
    known: dict[str, str | list[list[str]]]
    #: Answers this guide has no place for (unknown id, or text for a table): kept, named.
    kept: dict[str, object] = field(default_factory=dict)

    def for_chapter(self, chapter_id: str) -> dict[str, str | list[list[str]]]:
        """The answers of one chapter, keyed by question id."""
        prefix = f"{chapter_id}/"
        return {
            key.removeprefix(prefix): value for key, value in self.known.items() if key.startswith(prefix)
        }

    def notes(self, guide: Guide) -> list[str]:
        """German lines on what was kept aside and from which guide version the file is."""
        lines = []
        if self.kept:
            lines.append(
                "nicht zugeordnet (in der Datei behalten, hier nicht verwendet): "
                + ", ".join(sorted(self.kept))
            )
        if self.guide_version != guide.version:
            lines.append(
                f"Antworten aus Version {self.guide_version}, dieser Leitfaden ist Version {guide.version}"
            )
        return lines


def load_answers(path: Path, guide: Guide) -> Answers:
    """Read and validate an answers file. Raises :class:`AnswersError` with one German line."""
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise AnswersError(f"{name}: kann nicht gelesen werden ({error.strerror})") from None
    return parse_answers(raw, guide, name)


def parse_answers(raw: bytes, guide: Guide, name: str = "antworten.json") -> Answers:
    if len(raw) > MAX_FILE_BYTES:
        raise AnswersError(f"{name}: die Datei ist größer als {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise AnswersError(f"{name}: die Datei ist nicht in UTF-8 geschrieben") from None
    except json.JSONDecodeError as error:
        raise AnswersError(f"{name}:{error.lineno}: kein gültiges JSON (Spalte {error.colno})") from None
    try:
        parsed = AnswersFile.model_validate(data, strict=True)
    except ValidationError as error:
        deepest = max(error.errors(), key=lambda detail: len(detail["loc"]))
        raise AnswersError(f"{name}: {_describe(deepest)}") from None
    known: dict[str, str | list[list[str]]] = {}
    kept: dict[str, object] = {}
    for key, answer in parsed.answers.items():
        question = _question(guide, key)
        fitted = _fit(question, answer) if question is not None else None
        if fitted is None:
            kept[key] = answer if isinstance(answer, str) else answer.model_dump()
        else:
            known[key] = fitted
    return Answers(parsed.guide_version, known, kept)


def _question(guide: Guide, key: str) -> Question | None:
    chapter_id, question_id = key.split("/")
    for chapter in guide.chapters:
        if chapter.id == chapter_id:
            return next((q for q in chapter.questions if q.id == question_id), None)
    return None


def _fit(question: Question, answer: str | TableAnswer) -> str | list[list[str]] | None:
    """The answer in the question's shape, or None when it does not fit (kept aside)."""
    if question.table is None:
        return answer if isinstance(answer, str) else None
    if isinstance(answer, str):
        return None
    width = len(question.table.columns)
    if any(len(row) > width for row in answer.rows):
        return None
    return [row + [""] * (width - len(row)) for row in answer.rows]


_MESSAGES: Final = {
    "missing": "fehlt",
    "extra_forbidden": "unbekanntes Feld",
    "literal_error": "unerwarteter Wert",
    "string_type": "muss ein Text sein",
    "string_pattern_mismatch": "hat nicht die Form „kapitel-id/frage-id“ bzw. „2026.1“",
    "string_too_long": "ist zu lang",
    "too_long": "hat zu viele Einträge",
    "list_type": "muss eine Liste sein",
    "dict_type": "muss ein Objekt sein",
    "model_type": "muss ein Objekt sein",
    "int_type": "muss eine Zahl sein",
}


#: How pydantic names the two shapes of an answer in an error's location.
_UNION_BRANCHES: Final = ("str", "constrained-str", "TableAnswer")


def _describe(error: ErrorDetails) -> str:
    loc = [part for part in error["loc"] if part not in (*_UNION_BRANCHES, "[key]")]
    path = ".".join(str(part) for part in loc) or "(Datei)"
    if error["type"] == "literal_error" and loc == ["format"]:
        return f"format: keine Antwortdatei des Projektleitfadens (erwartet „{FORMAT_NAME}“)"
    if error["type"] == "literal_error" and loc == ["version"]:
        return f"version: dieses Dateiformat kennt nur Version {FORMAT_VERSION}"
    if error["loc"][-1:] and error["loc"][-1] in _UNION_BRANCHES:
        return f'{path}: eine Antwort ist ein Text oder {{"rows": [[…]]}}'
    return f"{path}: {_MESSAGES.get(error['type'], 'ungültiger Wert')}"
