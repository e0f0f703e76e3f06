"""The change log per edition, build information, typography warnings and the docs/ macros."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
from bs4 import BeautifulSoup

from leitfaden import buildinfo, pages, site
from leitfaden.checks import warnings
from leitfaden.loader import load_source
from leitfaden.model import Guide
from leitfaden.site import SiteUrl

from .conftest import ROOT, SOURCE_DATE_EPOCH, TEST_SITE_URL, build_env, build_with_content, build_with_files
from .test_content_errors import SOURCE, line_of, problems, variant

CURRENT = "  - version: '2026.2'\n    notes:\n"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- change log ----------------------------------------------------------------------


def with_change(guide: Guide, **change: object) -> Guide:
    """The guide whose current edition also lists ``change`` (validated like the file)."""
    data = guide.model_dump()
    data["changes"][0].update(change)
    return Guide.model_validate(data, strict=False)


def test_a_new_or_reworded_question_must_exist(tmp_path: Path) -> None:
    path = variant(
        tmp_path, CURRENT, CURRENT.replace("notes:", "new: [sicherheit#gibt-es-nicht]\n    notes:")
    )
    [message] = problems(path)
    assert message.endswith(
        "changes[0].new[0]: die Frage „sicherheit#gibt-es-nicht“ gibt es im Leitfaden nicht "
        "(und keine spätere Ausgabe entfernt sie)"
    )


def test_a_removed_question_must_be_gone(tmp_path: Path) -> None:
    removed = "    removed:\n      - id: sicherheit#backups\n        text: Gibt es Backups?\n"
    path = variant(tmp_path, CURRENT, CURRENT.replace("    notes:\n", removed + "    notes:\n"))
    [message] = problems(path)
    assert message.endswith(
        "changes[0].removed[0].id: die Frage „sicherheit#backups“ gibt es noch: "
        "eine entfernte Frage steht nicht mehr im Leitfaden"
    )


def test_an_old_edition_may_name_a_question_a_newer_one_removed(guide: Guide) -> None:
    data = guide.model_dump()
    data["changes"][1]["new"] = ["sicherheit#alte-frage"]
    data["changes"][0]["removed"] = [{"id": "sicherheit#alte-frage", "text": "Eine alte Frage?"}]
    Guide.model_validate(data, strict=False)  # existed: accepted


def test_the_newest_edition_is_the_guides_version(tmp_path: Path) -> None:
    path = variant(tmp_path, 'version: "2026.2"', 'version: "2026.3"')
    [message] = problems(path)
    assert "changes[0].version: die neueste Ausgabe im Änderungsverlauf ist „2026.2“" in message


def test_changed_questions_are_marked_on_their_chapter_page(guide: Guide) -> None:
    changed = with_change(guide, new=["sicherheit#backups"], reworded=["sicherheit#ssl-zertifikate"])
    chapter = changed.chapter("sicherheit")
    page = pages.chapter_page(changed, chapter, SiteUrl(TEST_SITE_URL, is_default=False))
    assert '<span class="lf-change__badge">neu in Ausgabe 2026.2</span>' in page.split("{ #backups }")[1]
    assert "geändert in Ausgabe 2026.2" in page.split("{ #ssl-zertifikate }")[1].split("\n## ")[0]
    assert page.count("lf-change__badge") == 2  # no other question is marked
    changes = pages.changes_page(changed)
    assert "(sicherheit.md#backups)" in changes and "**Neue Fragen**" in changes


def test_the_built_site_lists_every_edition(built_site: Path, guide: Guide) -> None:
    article = soup(built_site / "aenderungen" / "index.html").find("article")
    headings = [h2.get("id") for h2 in article.find_all("h2")]
    assert headings == [f"ausgabe-{edition.version.replace('.', '-')}" for edition in guide.changes]
    assert guide.changes[-1].version == "2026.1"  # a holder of the first printed brochure finds it


# --- build information ---------------------------------------------------------------


def test_build_info_json_names_version_commit_and_date(built_site: Path, guide: Guide) -> None:
    info = json.loads((built_site / "build-info.json").read_text(encoding="utf-8"))
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert info == {"version": guide.version, "commit": head.stdout.strip(), "date": "2026-01-01T00:00:00Z"}
    footer = soup(built_site / "index.html").select_one(".md-copyright .lf-build").get_text(" ", strip=True)
    assert footer == f"Ausgabe {guide.version} · Stand 01.01.2026 · Commit {head.stdout.strip()[:12]}"


def test_build_info_outside_git_has_no_commit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, guide: Guide
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setattr(site, "PROJECT_ROOT", tmp_path)
    site.source_commit.cache_clear()
    try:
        info = buildinfo.build_info(guide)
    finally:
        site.source_commit.cache_clear()
    assert info.commit is None and info.summary == f"Ausgabe {guide.version} · Stand 01.01.2026"
    assert json.loads(info.as_json())["commit"] is None


def test_the_brochure_imprint_names_its_edition(built_site: Path, guide: Guide) -> None:
    with pymupdf.open(built_site / "projektleitfaden.pdf") as document:
        text = " ".join(page.get_text() for page in document).replace("\n", " ")
    assert f"Ausgabe {guide.version} · Stand 01.01.2026 · Commit" in text


# --- typography ------------------------------------------------------------------------


def test_check_warns_about_straight_quotes_and_still_passes(tmp_path: Path) -> None:
    old = "        text: Wie heißt das Projekt?"
    path = variant(tmp_path, old, '        text: Wie heißt das "Projekt"?')
    result = subprocess.run(
        [sys.executable, "-m", "leitfaden", "check", str(path)],
        cwd=ROOT,
        env=build_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (
        f":{line_of(old)}: chapters[0].questions[0].text: Warnung: gerade Anführungszeichen" in result.stderr
    )


def test_the_guide_itself_has_no_typography_warning() -> None:
    assert warnings(load_source(ROOT / "content" / "questions.yaml")) == []
    assert '"' not in SOURCE.split("foreword:")[1].split("chapters:")[0]


# --- macros on hand-written pages --------------------------------------------------------


def test_ueber_page_quotes_the_guide_with_current_titles(built_site: Path, guide: Guide) -> None:
    article = soup(built_site / "ueber" / "index.html").find("article")
    links = {a["href"]: a.get_text() for a in article.find_all("a", href=True)}
    assert links["../monitoring/"] == guide.chapter("monitoring").title
    assert links["../sicherheit/#backups"] == guide.chapter("sicherheit").question("backups").text
    assert links["../vorlagen/sicherheit.md"] == "sicherheit.md"
    assert (built_site / "vorlagen" / "sicherheit.md").is_file()
    listed = [li.get_text() for li in article.find("ol").find_all("li")]
    assert listed == [question.text for question in guide.chapter("projekt").questions]
    assert article.find("img", src="../qr/netzwerk.svg") is not None


def build_with_page(tmp_path: Path, page: str) -> subprocess.CompletedProcess[str]:
    """A strict build of the project with ``page`` as docs/test-seite.md."""
    return build_with_files(tmp_path, {"docs/test-seite.md": page})


@pytest.mark.slow
def test_an_unknown_id_fails_the_build_with_page_and_line(tmp_path: Path) -> None:
    page = "---\nrender_macros: true\n---\n\n# Test\n\nSiehe {{ chapter_link('netzwerkk') }}.\n"
    result = build_with_page(tmp_path, page)
    assert result.returncode != 0
    assert "docs/test-seite.md:7: chapter_link: unbekannte Kapitel-ID „netzwerkk“" in result.stderr


@pytest.mark.slow
def test_a_template_error_fails_the_build_with_page_and_line(tmp_path: Path) -> None:
    page = "---\nrender_macros: true\n---\n\n# Test\n\nAusgabe {{ guide_versio }}.\n"
    result = build_with_page(tmp_path, page)
    assert result.returncode != 0
    assert "docs/test-seite.md:7: Fehler in der Vorlage: 'guide_versio' is undefined" in result.stderr


@pytest.mark.slow
def test_generated_pages_are_never_templates(tmp_path: Path) -> None:
    old = "        text: Wie heißt das Projekt?"
    result = build_with_content(
        tmp_path, SOURCE.replace(old, "        text: Wie heißt {{ guide_version }}?", 1)
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "projekt" / "index.html").read_text(encoding="utf-8")
    assert "Wie heißt {{ guide_version }}?" in html
