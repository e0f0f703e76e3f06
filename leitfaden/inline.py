"""Inline Markdown of the content texts, parsed once and written out per output format.

Texts may use **bold**, *italics*, `code` and [links](https://…). Everything else is
literal text: raw HTML is escaped, and an asterisk between two letters is the German
gender star (``Kund*innen``), never emphasis.
"""

from __future__ import annotations

import html
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


def _render(text: str, write: Callable[[Span], str]) -> str:
    return "".join(write(span) for span in parse(text))


# --- Markdown (CommonMark / GFM) -------------------------------------------------------

# Only characters both Python-Markdown and CommonMark accept backslash-escaped; "<" and
# an entity-like "&" become entities so raw HTML in the content never reaches a page.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]]|(?<![^\W_])_|_(?![^\W_])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(?:(?=[#>+-])|(\d+)(?=[.)]\s))")


def _escape_markdown(text: str) -> str:
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m[0], text)


def _markdown_span(span: Span) -> str:
    if span.kind == "strong":
        return f"**{_escape_markdown(span.text)}**"
    if span.kind == "em":
        return f"*{_escape_markdown(span.text)}*"
    if span.kind == "code":
        return f"`{span.text}`"
    if span.kind == "link":
        return f"[{_escape_markdown(span.text)}]({span.url})"
    return _escape_markdown(span.text)


def to_markdown(text: str) -> str:
    """Inline Markdown that renders the same in Python-Markdown and cmark-gfm."""
    # A leading "-", "#", "1." would start a list or heading instead of a paragraph.
    return _BLOCK_START.sub(lambda m: (m[1] or "") + "\\", _render(text, _markdown_span), count=1)


# --- HTML ------------------------------------------------------------------------------


def _html_span(span: Span) -> str:
    body = html.escape(span.text, quote=False)
    if span.kind == "strong":
        return f"<strong>{body}</strong>"
    if span.kind == "em":
        return f"<em>{body}</em>"
    if span.kind == "code":
        return f"<code>{body}</code>"
    if span.kind == "link":
        return f'<a href="{html.escape(span.url)}">{body}</a>'
    return body


def to_html(text: str) -> str:
    return _render(text, _html_span)


# --- Plain text ------------------------------------------------------------------------


def to_plain(text: str) -> str:
    """The text as a reader sees it, without any markup (meta descriptions, CSV, search)."""
    return "".join(span.text if span.kind != "link" else f"{span.text} ({span.url})" for span in parse(text))
