"""Where the guide lives: its base URL and the files the website is made of."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime

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
        raise ValueError(f"SITE_URL muss mit http:// oder https:// beginnen, nicht {url!r}")
    return url if url.endswith("/") else url + "/"


def source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH (reproducible builds) as a UTC time, or None when it is unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            f"SOURCE_DATE_EPOCH muss eine Zahl von Sekunden seit 1970 sein, nicht {value!r}"
        ) from None
