"""The real content file loads, keeps its permanent ids, and its schema is current."""

from __future__ import annotations

import json
import re

from leitfaden.model import PRINTED_CHAPTER_IDS, SLUG_PATTERN, Guide, StandardOffer
from leitfaden.schema import SCHEMA_PATH, render_schema, schema_is_current

from .conftest import ROOT


def test_chapters_keep_their_printed_ids_in_order(guide: Guide) -> None:
    assert tuple(chapter.id for chapter in guide.chapters) == PRINTED_CHAPTER_IDS


def test_every_question_has_a_unique_slug_id(guide: Guide) -> None:
    for chapter in guide.chapters:
        ids = [question.id for question in chapter.questions]
        assert len(ids) == len(set(ids)), chapter.id
        assert all(re.fullmatch(SLUG_PATTERN, question_id) for question_id in ids)


def test_the_whole_brochure_is_there(guide: Guide) -> None:
    assert guide.title == "Der Flying Circus Projektleitfaden"
    assert guide.foreword.signature.name == "Christian Theune"
    assert guide.foreword.signature.role == "CEO im Flying Circus"
    assert len(guide.foreword.paragraphs) == 5
    assert [len(chapter.questions) for chapter in guide.chapters] == [5, 5, 6, 8, 9, 8, 8, 6, 9, 12]
    assert guide.contact.email == "mail@flyingcircus.io"
    assert guide.contact.address == ["Leipziger Str. 70/71", "06108 Halle (Saale)", "Deutschland"]


def test_fill_in_tables(guide: Guide) -> None:
    contact_columns = ["Name", "Organisation", "Kontaktdaten (E-Mail, Telefon)", "Funktion oder Rolle"]
    tables = [q.table for q in guide.chapter("team").questions if q.table]
    assert len(tables) == 4 and all(table.columns == contact_columns for table in tables)
    schedule = guide.chapter("zeitplan").question("zeitplan").table
    assert schedule is not None and schedule.columns == ["Was", "Bis wann"]
    assert [row[0] for row in schedule.rows] == [
        "Entwicklungsumgebung",
        "Staging-Umgebung",
        "Produktionsumgebung",
        "Ready-to-Launch",
        "Livegang (Migration)",
    ]
    further = guide.chapter("zeitplan").question("weitere-termine").table
    assert further is not None and further.rows == [] and further.blank_rows > 0


def test_standard_offers_are_marked(guide: Guide) -> None:
    def offers(chapter_id: str, question_id: str) -> str:
        question = guide.chapter(chapter_id).question(question_id)
        return " ".join(p.standard for p in question.help if isinstance(p, StandardOffer))

    assert "7 Tage, 4 Wochen und 3 Monate" in offers("sicherheit", "backups")
    assert "Halle" in offers("sicherheit", "offsite-backups")
    assert "Let's-Encrypt" in offers("sicherheit", "ssl-zertifikate")
    assert "22 Uhr und 5 Uhr" in offers("monitoring", "wartungsfenster")
    assert "Guided und Managed" in offers("monitoring", "service-level")
    assert "3h Reaktionszeit" in offers("monitoring", "service-level")
    assert "100 GiB" in offers("kapazitaetsplanung", "traffic-volumen")


def test_obvious_typos_of_the_brochure_are_fixed(guide: Guide) -> None:
    text = json.dumps(guide.model_dump(), ensure_ascii=False)
    for typo in (
        "Livengang",
        "neu geparkt",
        "Wie wir mit Vorgängen umgegangen",
        "Viel Fragen",
        "Kontakt Daten",
    ):
        assert typo not in text
    assert "Kund*innen" in text  # the gender star stays


def test_committed_schema_is_current() -> None:
    assert schema_is_current(), "content/questions.schema.json is stale: run `make schema`"


def test_schema_rejects_unknown_keys_and_requires_printed_chapters() -> None:
    schema = json.loads(render_schema())
    assert schema["additionalProperties"] is False
    constraints = schema["properties"]["chapters"]["allOf"]
    assert [c["contains"]["properties"]["id"]["const"] for c in constraints] == list(PRINTED_CHAPTER_IDS)


def test_content_file_points_editors_at_the_schema() -> None:
    first_line = (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={SCHEMA_PATH.name}"
