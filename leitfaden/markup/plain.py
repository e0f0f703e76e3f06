"""Plain text: what a reader sees, without markup (titles, meta descriptions, CSV titles)."""

from __future__ import annotations

from .text import parse


def inline(text: str) -> str:
    """The text as a reader sees it; a link keeps its address in parentheses."""
    return "".join(span.text if span.kind != "link" else f"{span.text} ({span.url})" for span in parse(text))
