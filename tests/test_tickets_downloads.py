"""The files under /vorlagen/: one per chapter, format and variant, the CSV imports, the
issue-template folders and the whole guide in one Markdown file."""

from __future__ import annotations

import csv
import io
import zipfile

import cmarkgfm
import pytest
import yaml
from bs4 import BeautifulSoup

from leitfaden import site
from leitfaden.loader import ContentError
from leitfaden.model import Guide
from leitfaden.site import SiteUrl
from leitfaden.tickets import (
    COLLECTIONS,
    FORMATS,
    GUIDE_LIMIT,
    MARKDOWN,
    VARIANTS,
    chapter_file,
    download_files,
    download_path,
    guide_markdown,
    ticket,
    ticket_title,
)
from leitfaden.tickets.downloads import csv_cell

SITE = SiteUrl("https://projektleitfaden.example.org/", is_default=False)


@pytest.fixture(scope="module")
def files(guide: Guide) -> dict[str, bytes]:
    return download_files(guide, SITE)


def test_every_ticket_is_a_file_named_by_chapter_format_variant(
    guide: Guide, files: dict[str, bytes]
) -> None:
    for chapter in guide.chapters:
        for fmt in FORMATS:
            for variant in VARIANTS:
                name = chapter_file(chapter, fmt, variant)
                assert name.startswith(chapter.id + ".") and name.endswith(fmt.suffix)
                content = files[download_path(name)].decode("utf-8")
                assert content == ticket(guide, chapter, SITE, fmt, variant)
                assert content.endswith("\n") and not content.endswith("\n\n")
    assert "vorlagen/architektur.md" in files and "vorlagen/architektur.kompakt.jira.txt" in files
    assert len(files) == len(guide.chapters) * len(FORMATS) * len(VARIANTS) + len(COLLECTIONS)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda fmt: fmt.key)
def test_csv_reads_back_as_one_issue_per_chapter(guide: Guide, files: dict[str, bytes], fmt) -> None:
    raw = files[download_path(fmt.csv_name)]
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""))
    rows = list(reader)
    columns = fmt.csv_columns
    assert reader.fieldnames == columns.header
    assert len(rows) == len(guide.chapters) == 10
    for name in (columns.title, *columns.title_again):
        assert [row[name] for row in rows] == [csv_cell(ticket_title(chapter)) for chapter in guide.chapters]
    expected = [csv_cell(ticket(guide, c, SITE, fmt)) for c in guide.chapters]
    assert [row[columns.description] for row in rows] == expected


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_csv_cell_never_starts_like_a_formula(start: str) -> None:
    assert csv_cell(f"{start}SUMME(A1:A2)") == f"'{start}SUMME(A1:A2)"
    assert csv_cell(f"Kosten {start}1") == f"Kosten {start}1"  # only the first character counts


def test_the_main_csv_holds_the_markdown_tickets(guide: Guide, files: dict[str, bytes]) -> None:
    raw = files["vorlagen/projektleitfaden.csv"]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    expected = [csv_cell(ticket(guide, c, SITE, MARKDOWN)) for c in guide.chapters]
    assert [row["description"] for row in rows] == expected
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM before "title"


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    assert text.startswith("---\n"), text[:40]
    front, body = text.removeprefix("---\n").split("\n---\n", 1)
    return yaml.safe_load(front), body


def test_github_issue_templates(guide: Guide, files: dict[str, bytes]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(files["vorlagen/github-issue-templates.zip"]))
    folder = ".github/ISSUE_TEMPLATE/"
    names = [f"{folder}{number:02d}-{chapter.id}.md" for number, chapter in enumerate(guide.chapters, 1)]
    assert archive.namelist() == names + [f"{folder}config.yml"]  # sorted by name: chapter order
    for number, chapter in enumerate(guide.chapters, 1):
        front, body = split_front_matter(
            archive.read(f"{folder}{number:02d}-{chapter.id}.md").decode("utf-8")
        )
        assert set(front) == {"name", "about", "title"}
        assert front["name"] == f"{number:02d} {chapter.title}"  # what GitHub's picker shows
        assert front["title"] == ticket_title(chapter)
        assert isinstance(front["about"], str) and front["about"]
        assert body.lstrip("\n") == ticket(guide, chapter, SITE, MARKDOWN)
    config = yaml.safe_load(archive.read(f"{folder}config.yml"))
    assert config["blank_issues_enabled"] is True
    assert config["contact_links"][0]["url"] == SITE.base


def test_gitlab_issue_templates(guide: Guide, files: dict[str, bytes]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(files["vorlagen/gitlab-issue-templates.zip"]))
    folder = ".gitlab/issue_templates/"
    names = [f"{folder}{number:02d}-{chapter.id}.md" for number, chapter in enumerate(guide.chapters, 1)]
    assert archive.namelist() == names  # GitLab's picker lists them by name: chapter order
    for name, chapter in zip(names, guide.chapters, strict=True):
        template = archive.read(name).decode("utf-8")
        assert template == ticket(guide, chapter, SITE, MARKDOWN)


ZIPS = ["github-issue-templates.zip", "gitlab-issue-templates.zip"]


@pytest.mark.parametrize("name", ZIPS)
def test_zips_are_reproducible(guide: Guide, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(site, "_last_commit_time", lambda: None)  # as outside a git checkout
    first = download_files(guide, SITE)[download_path(name)]
    assert download_files(guide, SITE)[download_path(name)] == first
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767268800")  # 2026-01-01 12:00:00 UTC
    dated = download_files(guide, SITE)[download_path(name)]
    entries = zipfile.ZipFile(io.BytesIO(dated)).infolist()
    assert {entry.date_time for entry in entries} == {(2026, 1, 1, 12, 0, 0)}


def test_a_bad_source_date_epoch_fails_loudly(guide: Guide, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gestern")
    with pytest.raises(ContentError, match="SOURCE_DATE_EPOCH"):
        download_files(guide, SITE)


def test_the_whole_guide_is_one_markdown_document(guide: Guide, files: dict[str, bytes]) -> None:
    text = files["vorlagen/projektleitfaden.md"].decode("utf-8")
    assert text == guide_markdown(guide, SITE) and len(text) <= GUIDE_LIMIT
    page = BeautifulSoup(cmarkgfm.github_flavored_markdown_to_html(text), "html.parser")
    assert [" ".join(h.get_text().split()) for h in page.find_all("h2")] == [c.title for c in guide.chapters]
    checkboxes = page.find_all("input", attrs={"type": "checkbox"})
    assert len(checkboxes) == sum(len(chapter.questions) for chapter in guide.chapters)
    assert len(page.find_all("table")) == sum(1 for c in guide.chapters for q in c.questions if q.table)
