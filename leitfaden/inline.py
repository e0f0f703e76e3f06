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


# --- Jira wiki markup and Textile ------------------------------------------------------

# Both mark a phrase with one character on each side: *strong*, _em_, -deleted-,
# +inserted+, ^sup^, ~sub~ (Textile also @code@ and %span%). A marker opens only after a
# non-word character and before a non-space, and closes only after a non-space and before
# a non-word character (Jira's renderer, RedCloth and python-textile agree on this), so
# markers elsewhere are plain text: "S3-kompatibel", "8-16 Uhr".


def _may_delimit(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens = not before.isalnum() and not after.isspace()
    closes = not before.isspace() and not after.isalnum()
    return opens or closes


def _escape_each(text: str, escape: Callable[[str, int], str | None], candidates: re.Pattern[str]) -> str:
    """Apply ``escape`` at each character ``candidates`` matches; all others stay as they are."""
    parts: list[str] = []
    position = 0
    for match in candidates.finditer(text):
        index = match.start()
        parts += [text[position:index], escape(text, index) or text[index]]
        position = index + 1
    parts.append(text[position:])
    return "".join(parts)


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


# --- Jira wiki markup (Jira Server / Data Center) --------------------------------------

# Jira escapes with a backslash; "\\" is a line break, so a backslash itself, and the
# characters not every Jira parser unescapes (pandoc's), become numeric character references.
_JIRA_REFERENCES = frozenset("\\|^~+]")
# A paragraph starting like this would be a list, a rule, a heading or a quote.
_JIRA_BLOCK_START = re.compile(r"[*#-]+\s|-{4}|h[1-6]\.\s|bq\.\s")


def _jira_escape(text: str, index: int) -> str | None:
    char = text[index]
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if char == "&":
        return "&amp;" if _ENTITY_LIKE.match(text, index) else None  # "&lt;" stays literal
    special = (
        char in "\\|*_[{"  # line break, table cell, strong and emphasis (gender star), link, macro
        or (char in "-+^~" and _may_delimit(text, index))
        or (char == "!" and after.strip() != "")  # !image.png!
        or (char == "?" and "?" in (before, after))  # ??citation??
    )
    if not special:
        return None
    return _reference(char) if char in _JIRA_REFERENCES else "\\" + char


_JIRA_CANDIDATES = re.compile(r"[&\\|*_\[{\-+^~!?]")


def _jira(text: str) -> str:
    return _escape_each(text, _jira_escape, _JIRA_CANDIDATES)


def _jira_span(span: Span) -> str:
    if span.kind == "strong":
        return f"*{_jira(span.text)}*"
    if span.kind == "em":
        return f"_{_jira(span.text)}_"
    if span.kind == "code":
        return "{{" + _jira(span.text) + "}}"
    if span.kind == "link":
        return f"[{_jira(span.text).replace(']', _reference(']'))}|{span.url}]"
    return _jira(span.text)


def to_jira(text: str) -> str:
    """Jira wiki markup: the text's markup converted, every other character literal."""
    jira = _render(text, _jira_span)
    if _JIRA_BLOCK_START.match(jira):
        jira = ("\\" + jira[0] if not jira[0].isalnum() else _reference(jira[0])) + jira[1:]
    return jira


# --- Textile (Redmine) -----------------------------------------------------------------

# Textile has no escape character: a special character becomes a numeric character
# reference, and only where it would be markup, so the raw text stays readable.
_TEXTILE_BLOCK_START = re.compile(r"[*#;:-]+\s|(?:bq|bc|fn\d+|h[1-6]|notextile|p|pre|table|dl)[^\s.]*\.\.?\s")


def _textile_escape(text: str, index: int) -> str | None:
    char = text[index]
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if char == "<":
        return "&lt;"
    if char == "&":
        return "&amp;" if _ENTITY_LIKE.match(text, index) else None
    special = (
        char == "|"  # table cell
        or (char in "*_-+^~@%" and _may_delimit(text, index))
        or (char == "!" and after.strip() != "")  # !image.png!
        or (char in "?=" and char in (before, after))  # ??citation??, ==notextile==
        or (char == '"' and after == ":")  # "label":url
        or (char == "[" and after.isdigit())  # [1] footnote
    )
    return _reference(char) if special else None


_TEXTILE_CANDIDATES = re.compile(r"[<&|*_\-+^~@%!?=\"\[]")


def _textile(text: str) -> str:
    return _escape_each(text, _textile_escape, _TEXTILE_CANDIDATES)


def textile_phrase(marker: str, textile: str) -> str:
    """``*strong*`` or ``_em_`` around Textile; a leading "(", "{" or "[" would be read as attributes."""
    if textile[:1] in ("(", "{", "["):
        textile = _reference(textile[0]) + textile[1:]
    return f"{marker}{textile}{marker}"


def _textile_span(span: Span) -> str:
    if span.kind == "strong":
        return textile_phrase("*", _textile(span.text))
    if span.kind == "em":
        return textile_phrase("_", _textile(span.text))
    if span.kind == "code":
        return f"@{span.text}@"  # Textile shows code literally and escapes its HTML itself
    if span.kind == "link":
        return f'["{_textile(span.text)}":{span.url}]'
    return _textile(span.text)


def to_textile(text: str) -> str:
    """Textile as Redmine renders it: the text's markup converted, every other character literal."""
    textile = _render(text, _textile_span)
    if _TEXTILE_BLOCK_START.match(textile):
        textile = _reference(textile[0]) + textile[1:]
    return textile
