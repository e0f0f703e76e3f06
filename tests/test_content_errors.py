"""Every kind of bad content fails with one line naming file, line and field, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leitfaden.loader import ContentError, load_guide

from .conftest import ROOT, build_with_content

SOURCE = (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8")


def variant(tmp_path: Path, old: str, new: str) -> Path:
    assert SOURCE.count(old) >= 1, f"fixture text not found: {old!r}"
    path = tmp_path / "questions.yaml"
    path.write_text(SOURCE.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(text: str) -> int:
    return SOURCE.splitlines().index(text) + 1


def problems(path: Path) -> list[str]:
    """The messages without their (checked) ``<file>:`` prefix."""
    with pytest.raises(ContentError) as caught:
        load_guide(path)
    name = os.path.relpath(path)
    messages = caught.value.messages
    assert messages and all("\n" not in message for message in messages)
    assert all(message.startswith(f"{name}:") for message in messages)
    return [message.removeprefix(f"{name}:") for message in messages]


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = variant(tmp_path, "    title: Das Projekt\n", "    title: Das: Projekt\n")
    assert problems(path) == [
        f"{line_of('    title: Das Projekt')}: YAML-Syntaxfehler in Spalte 15: "
        "ein Doppelpunkt mit Leerzeichen („: “) ist hier nicht erlaubt – Tipp: Steht „: “ im Text, "
        "den ganzen Text in Anführungszeichen setzen; sonst die Einrückung prüfen"
    ]


def test_wrong_type(tmp_path: Path) -> None:
    old = "        text: Wie heißt das Projekt?"
    path = variant(tmp_path, old, "        text: [Wie, heißt]")
    assert problems(path) == [
        f"{line_of(old)}: chapters[0].questions[0].text: erwartet Text, nicht eine Liste "
        "(beginnt ein Text mit „[“, den ganzen Text in Anführungszeichen setzen)"
    ]


def test_number_where_text_belongs(tmp_path: Path) -> None:
    old = "        text: Wie heißt das Projekt?"
    path = variant(tmp_path, old, "        text: 42")
    assert problems(path) == [
        f"{line_of(old)}: chapters[0].questions[0].text: erwartet Text, nicht die Zahl 42 "
        '(als Text in Anführungszeichen: "42")'
    ]


def test_missing_required_field(tmp_path: Path) -> None:
    path = variant(tmp_path, "        text: Wer sind die Nutzer*innen?\n", "")
    line = line_of("      - id: nutzerinnen")
    assert problems(path) == [f"{line}: chapters[0].questions[2].text: Pflichtfeld fehlt"]


def test_unknown_key_is_not_ignored(tmp_path: Path) -> None:
    old = "    title: Architektur und Handwerkliches"
    path = variant(tmp_path, old, "    titel: Architektur und Handwerkliches")
    assert f"{line_of(old)}: chapters[4].titel: unbekanntes Feld (Tippfehler?)" in problems(path)


def test_unknown_key_in_a_standard_offer(tmp_path: Path) -> None:
    old = "          - standard: >-\n              100 GiB"
    path = variant(tmp_path, old, "          - standart: >-\n              100 GiB")
    line = SOURCE[: SOURCE.index(old)].count("\n") + 1
    assert f"{line}: chapters[6].questions[4].help[1].standart: unbekanntes Feld (Tippfehler?)" in problems(
        path
    )


def test_duplicate_question_id(tmp_path: Path) -> None:
    path = variant(tmp_path, "id: worum-geht-es", "id: projektname")
    line = line_of("      - id: worum-geht-es")
    assert problems(path) == [
        f"{line}: chapters[0].questions[1].id: die Frage-ID „projektname“ kommt in diesem Kapitel doppelt vor"
    ]


def test_duplicate_chapter_id(tmp_path: Path) -> None:
    path = variant(tmp_path, "  - id: netzwerk\n", "  - id: projekt\n")
    assert problems(path) == [
        f"{line_of('  - id: netzwerk')}: chapters[8].id: die Kapitel-ID „projekt“ kommt doppelt vor"
    ]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    old = "    title: Das Projekt\n"
    path = variant(tmp_path, old, old + old)
    assert problems(path) == [
        f"{line_of('    title: Das Projekt') + 1}: chapters[0].title: "
        "der Schlüssel steht in diesem Abschnitt doppelt"
    ]


def test_id_that_is_not_a_slug(tmp_path: Path) -> None:
    path = variant(tmp_path, "id: worum-geht-es", "id: Worum_geht's")
    [message] = problems(path)
    assert message.startswith(f"{line_of('      - id: worum-geht-es')}: chapters[0].questions[1].id: ")
    assert "keine gültige ID" in message


def test_missing_printed_chapter_id(tmp_path: Path) -> None:
    path = variant(tmp_path, "  - id: netzwerk\n", "  - id: netze\n")
    [message] = problems(path)
    assert message.startswith(f"{line_of('chapters:')}: chapters: das Kapitel „netzwerk“ fehlt")
    assert "in Broschüren gedruckt" in message


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_bytes(
        SOURCE.encode("utf-8").replace(b"title: Der Flying", "title: Der Flügel".encode("latin-1"), 1)
    )
    [message] = problems(path)
    assert message.startswith(
        f"{line_of('title: Der Flying Circus Projektleitfaden')}: die Datei ist nicht UTF-8-kodiert"
    )


@pytest.mark.parametrize("content", ["", "\n\n", "# nur ein Kommentar\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(content, encoding="utf-8")
    assert problems(path) == ["1: die Datei ist leer"]


def test_table_row_with_wrong_cell_count(tmp_path: Path) -> None:
    path = variant(tmp_path, '[Ready-to-Launch, ""]', "[Ready-to-Launch]")
    line = SOURCE.splitlines().index("      - id: zeitplan") + 3  # its "table:" key
    assert problems(path) == [
        f"{line}: chapters[2].questions[2].table: rows[3] hat 1 Zellen, die Tabelle aber 2 Spalten"
    ]


def test_bad_content_fails_the_build_with_one_clear_line(tmp_path: Path) -> None:
    old = "        text: Wie heißt das Projekt?"
    result = build_with_content(tmp_path, SOURCE.replace(old, "        text: 42"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (
        f"content/questions.yaml:{line_of(old)}: chapters[0].questions[0].text: "
        "erwartet Text, nicht die Zahl 42" in result.stderr
    )


def test_check_command_reports_and_fails(tmp_path: Path) -> None:
    path = variant(tmp_path, "id: worum-geht-es", "id: projektname")
    result = subprocess.run(
        [sys.executable, "-m", "leitfaden", "check", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"{os.path.relpath(path)}:{line_of('      - id: worum-geht-es')}: chapters[0].questions[1].id: "
        "die Frage-ID „projektname“ kommt in diesem Kapitel doppelt vor"
    ]


def test_check_command_accepts_the_real_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "leitfaden", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "10 Kapitel" in result.stdout
