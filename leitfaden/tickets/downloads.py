"""The files under /vorlagen/: every ticket as a file, CSV imports, issue-template folders.

:data:`COLLECTIONS` is the registry of the files that hold all chapters; the Vorlagen page
lists it, so no file name is typed twice.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import yaml

from ..loader import ContentError
from ..markup import plain
from ..model import Chapter, Guide
from ..site import SiteUrl, source_date
from .formats import FORMATS, MARKDOWN, VARIANTS, TicketFormat, Variant
from .render import GUIDE_FILE, guide_markdown, ticket, ticket_title

DOWNLOAD_DIR: Final = "vorlagen"
#: The earliest time a zip entry can carry (MS-DOS date), used unless SOURCE_DATE_EPOCH is set.
ZIP_EPOCH: Final = (1980, 1, 1, 0, 0, 0)

Builder = Callable[[Guide, SiteUrl], bytes]


def chapter_file(chapter: Chapter, fmt: TicketFormat, variant: Variant) -> str:
    """The file name of a chapter's ticket, e.g. ``architektur.kompakt.jira.txt``."""
    middle = f".{variant.key}" if variant.key else ""
    return f"{chapter.id}{middle}{fmt.suffix}"


def download_path(name: str) -> str:
    """Where a download lives, relative to docs/ (and to the site root)."""
    return f"{DOWNLOAD_DIR}/{name}"


# --- CSV for the trackers' importers ---------------------------------------------------


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
CSV_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """The value, or with a leading "'" where a spreadsheet would take it for a formula."""
    return "'" + value if value.startswith(CSV_FORMULA_START) else value


def tickets_csv(guide: Guide, site: SiteUrl, fmt: TicketFormat) -> bytes:
    """One row per chapter, with the columns each importer of this format maps by itself."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    columns = fmt.csv_columns
    writer.writerow(columns.header)
    for chapter in guide.chapters:
        row = columns.row(ticket_title(chapter), ticket(guide, chapter, site, fmt))
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


# --- Issue-template folders ------------------------------------------------------------


def github_templates(guide: Guide, site: SiteUrl) -> bytes:
    folder = ".github/ISSUE_TEMPLATE"
    files = {
        f"{folder}/{template_file(guide, chapter)}": _github_template(guide, chapter, site)
        for chapter in guide.chapters
    }
    config = {
        "blank_issues_enabled": True,
        "contact_links": [
            {
                "name": plain.inline(guide.title),
                "url": site.base,
                "about": "Alle Kapitel mit Hinweisen online",
            }
        ],
    }
    files[f"{folder}/config.yml"] = _yaml(config)
    return _zip(files)


def template_file(guide: Guide, chapter: Chapter) -> str:
    """``01-projekt.md``: trackers list issue templates sorted by file name, so in chapter order."""
    return f"{guide.chapters.index(chapter) + 1:02d}-{chapter.id}.md"


def _github_template(guide: Guide, chapter: Chapter, site: SiteUrl) -> str:
    # GitHub's picker shows "name"; no labels, since a label the repository lacks is an error.
    front = {
        "name": f"{guide.chapters.index(chapter) + 1:02d} {plain.inline(chapter.title)}",
        "about": f"Die Fragen des Kapitels „{plain.inline(chapter.title)}“ als Ticket",
        "title": ticket_title(chapter),
    }
    return f"---\n{_yaml(front)}---\n\n{ticket(guide, chapter, site, MARKDOWN)}"


def gitlab_templates(guide: Guide, site: SiteUrl) -> bytes:
    folder = ".gitlab/issue_templates"
    return _zip(
        {
            f"{folder}/{template_file(guide, chapter)}": ticket(guide, chapter, site, MARKDOWN)
            for chapter in guide.chapters
        }
    )


def _yaml(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _zip(files: dict[str, str]) -> bytes:
    """A deterministic zip: sorted entries, one fixed timestamp, fixed permissions."""
    stamp = _zip_timestamp()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # Unix, whatever system builds
            entry.external_attr = 0o100644 << 16
            archive.writestr(entry, files[name].encode("utf-8"))
    return buffer.getvalue()


def _zip_timestamp() -> tuple[int, int, int, int, int, int]:
    try:
        moment = source_date()
    except ValueError as error:
        raise ContentError([str(error)]) from None
    if moment is None:
        return ZIP_EPOCH
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return max(stamp, ZIP_EPOCH)


# --- The registry ----------------------------------------------------------------------


@dataclass(frozen=True)
class Collection:
    """A download holding all chapters."""

    name: str
    #: What it is for (German, shown on the Vorlagen page; may use inline Markdown).
    description: str
    build: Builder


def _csv_builder(fmt: TicketFormat) -> Builder:
    return lambda guide, site: tickets_csv(guide, site, fmt)


COLLECTIONS: Final[tuple[Collection, ...]] = (
    Collection(
        GUIDE_FILE,
        "Alle Kapitel in einer Markdown-Datei, z. B. als ein einziges Issue oder zum Ablegen im Repository.",
        lambda guide, site: guide_markdown(guide, site).encode("utf-8"),
    ),
    *(
        Collection(
            fmt.csv_name,
            f"Alle Kapitel für den CSV-Import von {fmt.csv_importers}: Spalten "
            + ", ".join(f"`{name}`" for name in fmt.csv_columns.header)
            + f" (Beschreibung im Format {fmt.label}), UTF-8.",
            _csv_builder(fmt),
        )
        for fmt in FORMATS
    ),
    Collection(
        "github-issue-templates.zip",
        "Vorlagen für GitHub: der Ordner `.github/ISSUE_TEMPLATE/` mit einer Vorlage je Kapitel.",
        github_templates,
    ),
    Collection(
        "gitlab-issue-templates.zip",
        "Vorlagen für GitLab: der Ordner `.gitlab/issue_templates/` mit einer Vorlage je Kapitel.",
        gitlab_templates,
    ),
)


def download_files(guide: Guide, site: SiteUrl) -> dict[str, bytes]:
    """Path below docs/ → content of every download; bytes, since MkDocs must copy them as they are."""
    files: dict[str, bytes] = {}
    for chapter in guide.chapters:
        for fmt in FORMATS:
            for variant in VARIANTS:
                text = ticket(guide, chapter, site, fmt, variant)
                files[download_path(chapter_file(chapter, fmt, variant))] = text.encode("utf-8")
    for collection in COLLECTIONS:
        files[download_path(collection.name)] = collection.build(guide, site)
    return dict(sorted(files.items()))
