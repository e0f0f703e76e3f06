"""The answers file and the filled tickets and brochure (issue 11).

The loader's messages, the ticket templates (blank = the ticket as its blocks make it,
filled = every answer literal in GitHub's renderer), and both CLI commands.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import cast

import cmarkgfm
import pytest
from bs4 import BeautifulSoup

from leitfaden import __main__ as cli
from leitfaden import answering
from leitfaden.answers import AnswersError, parse_answers
from leitfaden.markup import plain
from leitfaden.markup.markdown import WORD_JOINER
from leitfaden.model import Chapter, Guide
from leitfaden.schema import ANSWERS_SCHEMA_PATH, render_answers_schema
from leitfaden.site import SiteUrl
from leitfaden.tickets import FORMATS, MARKDOWN, VARIANTS, chapter_file, ticket
from leitfaden.tickets.render import HINT_LABEL, STANDARD_LABEL, filled_ticket, ticket_template

from .conftest import ROOT, build_env
from .test_qr import run, tool

SITE = SiteUrl("https://leitfaden.example/", False)
#: Reader text that is markup in some tracker: every line must come out as typed.
HOSTILE_LINES = [
    "<script>alert(1)</script> & &amp; &#60;",
    "- keine Liste",
    "1. keine Aufzählung",
    "# kein Titel",
    "> kein Zitat",
    "**nicht fett** _nicht kursiv_ ~~nicht durch~~ `kein Code` $x$",
    "[kein Link](javascript:alert(1)) ![kein Bild](x.png) <https://evil.example/>",
    "| keine | Tabelle |",
    "===",
    "\\*Backslash\\*",
]


def answers_file(answers: dict[str, object], guide_version: str = "2026.1") -> bytes:
    data = {"format": "projektleitfaden-antworten", "version": 1, "guide_version": guide_version}
    return json.dumps(data | {"answers": answers}).encode()


# --- the file ------------------------------------------------------------------------


def test_committed_answers_schema_is_current() -> None:
    assert ANSWERS_SCHEMA_PATH.read_text(encoding="utf-8") == render_answers_schema()


def test_unknown_ids_and_misfits_are_named_and_kept(guide: Guide) -> None:
    answers = parse_answers(
        answers_file(
            {
                "projekt/projektname": "Shop",
                "team/weitere-personen": {"rows": [["Ada", "ACME"]]},
                "weg/frage": "alt",
                "projekt/projektname-alt": "alt",
                "team/projektverantwortung": "Text für eine Tabelle",
            },
            guide_version="2025.3",
        ),
        guide,
    )
    assert answers.known == {
        "projekt/projektname": "Shop",
        "team/weitere-personen": [["Ada", "ACME", "", ""]],
    }
    assert set(answers.kept) == {"weg/frage", "projekt/projektname-alt", "team/projektverantwortung"}
    notes = answers.notes(guide)
    assert "weg/frage" in notes[0] and "projekt/projektname-alt" in notes[0]
    assert "2025.3" in notes[1]  # an older guide version imports, and says so


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"format": ', "antworten.json:1: kein gültiges JSON"),
        (b"\xff\xfe", "nicht in UTF-8"),
        (
            b'{"format": "x", "version": 1, "guide_version": "2026.1", "answers": {}}',
            "format: keine Antwortdatei",
        ),
        (answers_file({}).replace(b'"version": 1', b'"version": 2'), "version: dieses Dateiformat kennt nur"),
        (
            answers_file({"projekt/projektname": 5}),
            "answers.projekt/projektname: eine Antwort ist ein Text oder",
        ),
        (
            answers_file({"projekt/projektname": {"rows": [[1]]}}),
            "answers.projekt/projektname.rows.0.0: muss ein Text",
        ),
        (answers_file({"Projekt Name": "x"}), "hat nicht die Form"),
        (answers_file({}).replace(b', "guide_version": "2026.1"', b""), "guide_version: fehlt"),
    ],
)
def test_malformed_files_get_one_german_line(guide: Guide, raw: bytes, message: str) -> None:
    with pytest.raises(AnswersError) as error:
        parse_answers(raw, guide)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


# --- the tickets ---------------------------------------------------------------------


def composed_ticket(guide: Guide, chapter: Chapter, fmt_index: int, with_help: bool) -> str:
    """The ticket as its blocks make it: intro, per question its task, hints and table, footer."""
    markup = FORMATS[fmt_index].markup
    text = "\n\n".join(markup.inline(paragraph) for paragraph in chapter.intro)
    bare = False
    for question in chapter.questions:
        blocks = [markup.task(question.text)]
        if with_help:
            blocks += [
                markup.note(STANDARD_LABEL if block.is_standard else HINT_LABEL, block.paragraphs)
                for block in question.help_blocks()
            ]
        if question.table is not None:
            blocks.append(markup.table(question.table))
        text += ("\n" if bare else "\n\n") + "\n\n".join(blocks)
        bare = len(blocks) == 1
    source = markup.inline(f"Aus „{guide.title}“, Version {guide.version}: ")
    link = markup.link(f"Kapitel „{chapter.title}“ online lesen", SITE.chapter(chapter.id))
    return text + "\n\n" + source + link + "\n"


def test_blank_template_is_the_ticket_for_every_chapter_format_and_variant(guide: Guide) -> None:
    for each in guide.chapters:
        for index, fmt in enumerate(FORMATS):
            for variant in VARIANTS:
                blank = filled_ticket(guide, each, SITE, fmt, {}, variant)
                assert blank == ticket(guide, each, SITE, fmt, variant)
                assert blank == composed_ticket(guide, each, index, variant.with_help), (each.id, fmt.key)


def test_template_slots_are_data_for_the_page(guide: Guide) -> None:
    template = ticket_template(guide, guide.chapter("team"), SITE, MARKDOWN)
    data = template.to_data()
    slots = [part for part in data if isinstance(part, dict)]
    assert {slot["slot"] for slot in slots} == {"check", "answer", "table"}
    assert "".join(part if isinstance(part, str) else part["blank"] for part in data) == ticket(
        guide, guide.chapter("team"), SITE, MARKDOWN
    )


def test_a_chapter_page_carries_the_field_texts_of_its_own_questions_only(guide: Guide) -> None:
    """Every chapter's ids (import, progress) on each page, but question and column texts only
    where the fields show them: the other chapters' would be bytes no reader needs there."""
    projekt, team = guide.chapter("projekt"), guide.chapter("team")
    data = answering.chapter_data(guide, projekt)
    questions = cast(dict[str, list[dict[str, object]]], data["chapters"])
    assert list(questions) == [each.id for each in guide.chapters]
    assert [q["text"] for q in questions["projekt"]] == [plain.inline(q.text) for q in projekt.questions]
    assert [q["id"] for q in questions["team"]] == [q.id for q in team.questions]
    assert not any("text" in q or "columns" in q for q in questions["team"])
    assert any("initial" in q for q in questions["team"])  # a table left as printed is no answer
    home = cast(dict[str, list[dict[str, object]]], answering.home_data(guide)["chapters"])
    assert not any("text" in q for questions in home.values() for q in questions)


def test_each_page_carries_the_messages_its_script_says_only(guide: Guide) -> None:
    """The chapter page says everything, the home page only the progress, the Vorlagen page
    nothing: the messages were 0.4 KB of the Vorlagen page's compressed HTML."""
    assert answering.chapter_data(guide, guide.chapter("projekt"))["messages"] == answering.MESSAGES
    assert answering.home_data(guide)["messages"] == {"progress": answering.MESSAGES["progress"]}
    assert "messages" not in answering.templates_data(guide)


def test_filled_markdown_ticket_shows_every_answer_literally_in_github(guide: Guide) -> None:
    projekt = guide.chapter("projekt")
    question = projekt.questions[0]
    typed = "\n".join(HOSTILE_LINES) + "\n\n" + "\tzweiter Absatz\r\n"
    html = cmarkgfm.github_flavored_markdown_to_html(
        filled_ticket(guide, projekt, SITE, MARKDOWN, {question.id: typed})
    )
    soup = BeautifulSoup(html, "html.parser")
    question_list = soup.find("ul")
    assert question_list is not None
    checkbox = question_list.find("input")
    assert checkbox is not None and checkbox.has_attr("checked")
    answer = question_list.find_next_siblings(["p", "ul"])[:2]  # two paragraphs, then the next question
    assert [paragraph.name for paragraph in answer] == ["p", "p"]
    assert answer[0].get_text() == "\n".join(HOSTILE_LINES)
    assert answer[1].get_text() == "zweiter Absatz"
    for paragraph in answer:
        assert not paragraph.find_all(True)  # no element at all: text only
    assert soup.find_all("li")[1].find("input").has_attr("checked") is False


def test_filled_table_shows_every_cell_literally_in_github(guide: Guide) -> None:
    team = guide.chapter("team")
    rows = [["Ada | Lovelace", "<b>ACME</b>", "`a@b.example`", "- Chefin"], ["", "", "", ""]]
    html = cmarkgfm.github_flavored_markdown_to_html(
        filled_ticket(guide, team, SITE, MARKDOWN, {"weitere-personen": rows})
    )
    table = BeautifulSoup(html, "html.parser").find_all("table")[2]
    # The invisible WORD JOINER before "@" keeps GFM from linking the address (as in content).
    cells = [
        [cell.get_text().replace(WORD_JOINER, "") for cell in row.find_all("td")]
        for row in table.find_all("tr")[1:]
    ]
    assert cells == rows
    assert not table.find_all(["a", "b", "code"])


def test_unchanged_table_leaves_the_ticket_blank(guide: Guide) -> None:
    zeitplan = guide.chapter("zeitplan")
    table = zeitplan.question("zeitplan").table
    assert table is not None
    untouched = [list(row) for row in table.all_rows]
    for fmt in FORMATS:
        filled = filled_ticket(guide, zeitplan, SITE, fmt, {"zeitplan": untouched, "charakter": " \n\t"})
        assert filled == ticket(guide, zeitplan, SITE, fmt)


# --- the commands --------------------------------------------------------------------


def test_tickets_command_writes_every_filled_ticket(guide: Guide, tmp_path: Path) -> None:
    answers = tmp_path / "antworten.json"
    answers.write_bytes(answers_file({"projekt/projektname": "Shop <neu>", "weg/frage": "x"}))
    result = subprocess.run(
        [sys.executable, "-m", "leitfaden", "tickets", "--answers", str(answers), str(tmp_path / "out")],
        cwd=ROOT,
        env=build_env(SITE_URL=SITE.base),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "weg/frage" in result.stderr  # named, not dropped silently
    files = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert files == sorted(
        chapter_file(each, fmt, variant) for each in guide.chapters for fmt in FORMATS for variant in VARIANTS
    )
    projekt = guide.chapter("projekt")
    for fmt in FORMATS:
        written = (tmp_path / "out" / chapter_file(projekt, fmt, VARIANTS[0])).read_text(encoding="utf-8")
        assert written == filled_ticket(guide, projekt, SITE, fmt, {"projektname": "Shop <neu>"})
        assert written != ticket(guide, projekt, SITE, fmt)


def test_tickets_command_refuses_a_malformed_file_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "antworten.json"
    answers.write_text("[]", encoding="utf-8")
    assert cli.main(["tickets", "--answers", str(answers), str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err.strip()
    assert error.endswith("(Datei): muss ein Objekt sein") and "\n" not in error
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_brochure_command_prints_every_answer(guide: Guide, tmp_path: Path) -> None:
    answers: dict[str, object] = {}
    expected: list[str] = []
    for each in guide.chapters:
        for number, question in enumerate(each.questions):
            word = f"Antwort-{each.id}-{number}"
            if question.table is None:
                answers[f"{each.id}/{question.id}"] = f"{word} <b>&amp;</b>\nzweite Zeile {number}"
                expected += [f"{word} <b>&amp;</b>", f"zweite Zeile {number}"]
            else:
                cells = [f"Z{number}{each.id[:3]}{column}" for column in range(len(question.table.columns))]
                answers[f"{each.id}/{question.id}"] = {"rows": [cells]}
                expected += cells
    file = tmp_path / "antworten.json"
    file.write_bytes(answers_file(answers))
    out = tmp_path / "gefuellt.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "leitfaden", "brochure", "--answers", str(file), str(out)],
        cwd=ROOT,
        env=build_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    text = " ".join(run(tool("pdftotext"), str(out), "-").split())
    missing = [answer for answer in expected if answer not in text]
    assert missing == []
