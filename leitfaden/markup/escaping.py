"""Helpers shared by the tracker markups that escape character by character."""

from __future__ import annotations

import re
from collections.abc import Callable

from .text import Span

# Jira and Textile mark a phrase with one character on each side: *strong*, _em_,
# -deleted-, +inserted+, ^sup^, ~sub~ (Textile also @code@ and %span%). A marker opens only
# after a non-word character and before a non-space, and closes only after a non-space
# and before a non-word character (Jira's renderer, RedCloth and python-textile agree on
# this), so markers elsewhere are plain text: "S3-kompatibel", "8-16 Uhr".


def may_delimit(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens = not before.isalnum() and not after.isspace()
    closes = not before.isspace() and not after.isalnum()
    return opens or closes


def escape_each(text: str, escape: Callable[[str, int], str | None], candidates: re.Pattern[str]) -> str:
    """Apply ``escape`` at each character ``candidates`` matches; all others stay as they are."""
    parts: list[str] = []
    position = 0
    for match in candidates.finditer(text):
        index = match.start()
        parts += [text[position:index], escape(text, index) or text[index]]
        position = index + 1
    parts.append(text[position:])
    return "".join(parts)


def reference(char: str) -> str:
    """A numeric character reference, e.g. ``&#124;`` for "|"."""
    return f"&#{ord(char)};"


def cell_text(cell: str) -> str:
    """A table cell on one line: a table row is one line in every markup."""
    return " ".join(cell.split())


def unbold(span: Span) -> Span:
    """A bold span as plain text, for text that a ticket sets bold as a whole (a question)."""
    return Span("text", span.text) if span.kind == "strong" else span


def unlink(span: Span) -> Span:
    """A link as plain text, for the label of a link (a link cannot hold another)."""
    return Span("text", span.text) if span.kind == "link" else span
