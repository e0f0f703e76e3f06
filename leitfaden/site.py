"""Where the guide lives: its base URL and the files the website is made of."""

from __future__ import annotations

import functools
import os
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

#: The checkout the guide is built from (its last commit dates the output).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The guide's content, the one source of the website, the tickets and the brochure.
CONTENT_PATH = PROJECT_ROOT / "content" / "questions.yaml"
#: Used when SITE_URL is unset: matches `make serve` (mkdocs' default dev address).
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class SiteUrl:
    base: str
    is_default: bool

    @classmethod
    def from_env(cls) -> SiteUrl:
        value = os.environ.get("SITE_URL", "").strip()
        return cls(normalise(value), False) if value else cls(DEFAULT_SITE_URL, True)

    def chapter(self, chapter_id: str) -> str:
        return f"{self.base}{chapter_id}/"

    @property
    def warning(self) -> str:
        return (
            f"SITE_URL ist nicht gesetzt: QR-Codes und absolute Links zeigen auf {self.base} "
            "(nur für die lokale Vorschau). Für die Veröffentlichung SITE_URL=https://… setzen."
        )


def normalise(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"SITE_URL muss mit http:// oder https:// beginnen, nicht „{url}“")
    return url if url.endswith("/") else url + "/"


def source_date() -> datetime | None:
    """The one time every generated file carries (PDF dates, zip entries), as UTC.

    SOURCE_DATE_EPOCH when it is set; otherwise the time of the last commit, so two builds
    of the same commit are identical without any setting; None outside a git checkout
    (an unpacked release), where the PDF carries no date and zip entries 1980-01-01.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or _last_commit_time()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            f"SOURCE_DATE_EPOCH muss eine Zahl von Sekunden seit 1970 sein, nicht „{value}“"
        ) from None


@functools.cache
def source_commit() -> str | None:
    """The commit the guide is built from (``git rev-parse HEAD``), or None outside a git checkout."""
    value = _git("rev-parse", "HEAD")
    return value if value and re.fullmatch(r"[0-9a-f]{40,64}", value) else None


@functools.cache
def _last_commit_time() -> str | None:
    """``git log -1 --format=%ct`` of this project, or None when it is no git checkout."""
    value = _git("log", "-1", "--format=%ct")
    return value if value and value.isdigit() else None


def _git(*args: str) -> str | None:
    """What ``git <args>`` prints in this project, or None: no checkout, no git, or an error."""
    if not (PROJECT_ROOT / ".git").exists():  # a worktree has a .git file, a clone a folder
        return None
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git installed
        return None
    return result.stdout.strip() if result.returncode == 0 else None
