"""HTML: content texts in the Jinja HTML templates (brochure, raw HTML on pages)."""

from __future__ import annotations

import html
from collections.abc import Callable

import markupsafe

from .text import Span, render


def _writer(target: Callable[[Span], str]) -> Callable[[Span], str]:
    def write(span: Span) -> str:
        body = html.escape(span.text, quote=False)
        if span.kind == "strong":
            return f"<strong>{body}</strong>"
        if span.kind == "em":
            return f"<em>{body}</em>"
        if span.kind == "code":
            return f"<code>{body}</code>"
        if span.kind == "link":
            return f'<a href="{html.escape(target(span))}">{body}</a>'
        return body

    return write


_ABSOLUTE = _writer(lambda span: span.url)
_ROOT_PAGE = _writer(lambda span: span.site_path or span.url)


def inline(text: str) -> markupsafe.Markup:
    """The text as HTML: its own inline markup as elements, everything else escaped; links absolute."""
    return markupsafe.Markup(render(text, _ABSOLUTE))


def page_inline(text: str) -> markupsafe.Markup:
    """:func:`inline` for a page at the site's root (home, legacy page): links into the guide relative."""
    return markupsafe.Markup(render(text, _ROOT_PAGE))
