"""`answer_lines:` in questions.yaml: how much room the brochure leaves for an answer."""

from __future__ import annotations

from pathlib import Path

from leitfaden.model import DEFAULT_ANSWER_LINES, Guide

from .test_content_errors import line_of, problems, variant

NAME = "        text: Wie heißt das Projekt?\n        answer_lines: 1\n"
TABLE = "        text: Projektverantwortliche Person\n"


def test_a_question_without_answer_lines_gets_the_default(guide: Guide) -> None:
    question = guide.chapter("projekt").question("projektname")
    assert question.answer_lines == 1 and question.answer_line_count == 1
    unset = [q for c in guide.chapters for q in c.questions if q.answer_lines is None and not q.table]
    assert unset and {q.answer_line_count for q in unset} == {DEFAULT_ANSWER_LINES}


def test_a_table_leaves_no_answer_lines(guide: Guide) -> None:
    tables = [q for c in guide.chapters for q in c.questions if q.table]
    assert tables and {q.answer_line_count for q in tables} == {0}


def test_answer_lines_beside_a_table_are_refused(tmp_path: Path) -> None:
    path = variant(tmp_path, TABLE, TABLE + "        answer_lines: 4\n")
    line = line_of(TABLE.rstrip("\n")) + 1  # the inserted answer_lines
    assert problems(path) == [
        f"{line}: chapters[1].questions[1].answer_lines: „answer_lines“ und „table“ schließen sich "
        "aus: unter einer Tabelle gibt „blank_rows“ den Platz zum Schreiben"
    ]


def test_answer_lines_out_of_bounds_are_refused(tmp_path: Path) -> None:
    for value in ("0", "21"):
        path = variant(tmp_path, NAME, NAME.replace(": 1\n", f": {value}\n"))
        [message] = problems(path)
        assert message.startswith(
            f"{line_of('        answer_lines: 1')}: chapters[0].questions[0].answer_lines: "
        )
