"""What ``make serve`` shows while the content has errors: one page listing them."""

from __future__ import annotations

from pathlib import Path

from .templating import render

#: Written over the home page and as the dev server's 404 page, so every address shows it.
ERROR_PAGES = ("index.html", "404.html")


def error_page(problems: list[str]) -> str:
    """A standalone German HTML page listing ``problems`` (escaped by the template)."""
    return render("content_error.html.j2", problems=problems)


def write_error_pages(site_dir: Path, problems: list[str]) -> None:
    page = error_page(problems)
    for name in ERROR_PAGES:
        (site_dir / name).write_text(page, encoding="utf-8")
