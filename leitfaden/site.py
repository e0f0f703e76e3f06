"""Where the guide lives: its base URL and the files the website is made of."""

from __future__ import annotations

import os
from dataclasses import dataclass

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
