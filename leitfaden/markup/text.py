"""The content texts' inline Markdown, parsed once into spans that every markup writes out.

Texts may use **bold**, *italics*, `code` and [links](https://…). Everything else is
literal text: raw HTML is escaped, and an asterisk between two letters is the German
gender star (``Kund*innen``), never emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

SpanKind = Literal["text", "strong", "em", "code", "link"]


@dataclass(frozen=True)
class Span:
    kind: SpanKind
    text: str
    url: str = ""


_TOKEN = re.compile(
    r"\*\*(?P<strong>\S(?:.*?\S)?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^\s*](?:[^*]*?[^\s*])?)\*(?![\w*])"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<label>[^\]]+)\]\((?P<url>(?:https?://|mailto:|/|#)[^)\s]*)\)"
)


def parse(text: str) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            spans.append(Span("text", text[position : match.start()]))
        if match["url"] is not None:
            spans.append(Span("link", match["label"], match["url"]))
        elif match["strong"] is not None:
            spans.append(Span("strong", match["strong"]))
        elif match["em"] is not None:
            spans.append(Span("em", match["em"]))
        else:
            spans.append(Span("code", match["code"]))
        position = match.end()
    if position < len(text):
        spans.append(Span("text", text[position:]))
    return spans


def render(text: str, write: Callable[[Span], str]) -> str:
    """The text with each of its spans written by ``write``."""
    return "".join(write(span) for span in parse(text))


#: An "&" that would start a character reference ("&amp;", "&#124;").
ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
