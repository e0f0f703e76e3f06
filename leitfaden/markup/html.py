"""HTML: content texts in the Jinja HTML templates (brochure, raw HTML on pages) and in the theme."""

from __future__ import annotations

import html
from collections.abc import Callable

import markupsafe

from . import plain
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


def theme_text(text: str) -> markupsafe.Markup:
    """The text as plain text, escaped for the theme: see :func:`theme_escape`."""
    return theme_escape(plain.inline(text))


def theme_escape(plain_text: str) -> markupsafe.Markup:
    """Plain text escaped for MkDocs and Material, which insert titles and meta tags unescaped.

    Material writes nav titles, ``page.meta.title`` and ``page.meta.description`` as they
    are (inside elements and in ``content="…"``), and a few places through ``|e``, which
    leaves a Markup alone: escaped once, right everywhere.
    """
    return markupsafe.Markup(html.escape(plain_text, quote=False).replace('"', "&quot;"))
