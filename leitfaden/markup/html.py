"""HTML: content texts in the Jinja HTML templates (brochure, raw HTML on pages)."""

from __future__ import annotations

import html

import markupsafe

from .text import Span, render


def _span(span: Span) -> str:
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


def inline(text: str) -> markupsafe.Markup:
    """The text as HTML: its own inline markup as elements, everything else escaped."""
    return markupsafe.Markup(render(text, _span))
