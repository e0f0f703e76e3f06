"""The one Jinja environment: HTML templates autoescape, Markdown templates use filters.

A content text (:class:`~leitfaden.markup.text.ContentText`) never reaches a template's
output as it is: ``{{ text }}`` without one of the filters below is an error, in HTML and
Markdown templates alike.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from .markup import html, markdown, plain
from .markup.text import ContentText


def _refuse_raw_content(value: object) -> object:
    if isinstance(value, ContentText):
        raise TypeError(
            f"content text {value[:40]!r} written without a markup filter (md, page_html, inline_html, plain)"
        )
    return value


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("leitfaden", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "svg.j2")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_refuse_raw_content,
    )
    env.filters["md"] = markdown.page_inline  # Markdown pages of the site
    env.filters["md_literal"] = markdown.literal  # other strings on them, e.g. a URL
    env.filters["page_html"] = html.page_inline  # raw HTML on a page at the site's root
    env.filters["inline_html"] = html.inline  # the brochure: links absolute
    env.filters["plain"] = plain.inline
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
