"""The CSV files through Redmine's own import, and against GitLab's and Jira's column rules.

Redmine runs its import wizard's steps for real (upload, guessed settings, the automatic
column mapping of its mapping page, run) in the German and the English interface.
GitLab and Jira cannot run here; their documented rules are checked instead: GitLab reads
the columns "title" and "description" (case-insensitive), Jira's CSV wizard maps a column
named like a field (Summary, Description, Issue Type) to that field by itself.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from leitfaden.model import Guide
from leitfaden.site import SiteUrl
from leitfaden.tickets import FORMATS, ticket, ticket_title
from leitfaden.tickets.downloads import tickets_csv

from .servers import Redmine

SITE = SiteUrl("https://projektleitfaden.example.org/", is_default=False)
FORMAT = {fmt.key: fmt for fmt in FORMATS}


def header(raw: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


@pytest.mark.parametrize(("fmt_key", "locale"), [("markdown", "de"), ("markdown", "en"), ("textile", "de")])
def test_redmine_imports_ten_issues_without_manual_mapping(
    guide: Guide, redmine: Redmine, tmp_path: Path, fmt_key: str, locale: str
) -> None:
    fmt = FORMAT[fmt_key]
    path = tmp_path / fmt.csv_name
    path.write_bytes(tickets_csv(guide, SITE, fmt))
    result = redmine.harness("import", {"path": str(path), "locale": locale})
    assert result["errors"] == []
    assert {"subject", "description"} <= set(result["auto_mapping"])
    issues = result["issues"]
    assert [issue["subject"] for issue in issues] == [ticket_title(chapter) for chapter in guide.chapters]
    for issue, chapter in zip(issues, guide.chapters, strict=True):
        description = redmine.issue(issue["id"])["description"].replace("\r\n", "\n")
        assert description.rstrip("\n") == ticket(guide, chapter, SITE, fmt).rstrip("\n"), chapter.id


def test_gitlab_finds_title_and_description(guide: Guide) -> None:
    # By name since GitLab 12.10, by position (first two columns) before.
    assert header(tickets_csv(guide, SITE, FORMAT["markdown"]))[:2] == ["title", "description"]


def test_jira_maps_summary_description_and_issue_type(guide: Guide) -> None:
    raw = tickets_csv(guide, SITE, FORMAT["jira"])
    assert header(raw)[:3] == ["Summary", "Description", "Issue Type"]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert {row["Issue Type"] for row in rows} == {"Task"}
    assert [row["Summary"] for row in rows] == [ticket_title(chapter) for chapter in guide.chapters]
