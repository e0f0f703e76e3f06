"""What a build is made of: the guide's version, the commit and the date (footer, PDF, /build-info.json).

The date is :func:`~leitfaden.site.source_date` (SOURCE_DATE_EPOCH, else the last commit's
time), never the clock: two builds of the same commit stay identical.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from .model import Guide
from .site import source_commit, source_date

#: The file for whoever runs the site, at the site's root.
BUILD_INFO_FILE: Final = "build-info.json"


@dataclass(frozen=True)
class BuildInfo:
    version: str
    #: Full commit hash, or None outside a git checkout.
    commit: str | None
    #: ISO 8601 (UTC), or None when there is neither SOURCE_DATE_EPOCH nor a git checkout.
    date: str | None
    #: The date as a German reader writes it (26.11.2026), or None.
    date_text: str | None

    @property
    def summary(self) -> str:
        """One line for the footer and the brochure's imprint."""
        parts = [f"Ausgabe {self.version}"]
        if self.date_text:
            parts.append(f"Stand {self.date_text}")
        if self.commit:
            parts.append(f"Commit {self.commit[:12]}")
        return " · ".join(parts)

    def as_json(self) -> bytes:
        data = {"version": self.version, "commit": self.commit, "date": self.date}
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build_info(guide: Guide) -> BuildInfo:
    """This build's information; a malformed SOURCE_DATE_EPOCH raises ValueError (German)."""
    moment = source_date()
    return BuildInfo(
        version=guide.version,
        commit=source_commit(),
        date=moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None,
        date_text=moment.strftime("%d.%m.%Y") if moment else None,
    )
