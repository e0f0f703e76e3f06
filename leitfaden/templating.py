"""The one Jinja environment: HTML templates autoescape, Markdown templates use filters.

A content text (:class:`~leitfaden.markup.text.ContentText`) never reaches a template's
output as it is: ``{{ text }}`` without one of the filters below is an error, in HTML and
Markdown templates alike. The other way round, those filters take nothing but content
texts: a URL or an address is no inline Markdown (``md_literal`` writes it on a page).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
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


def _for_content(write: Callable[[str], str]) -> Callable[[object], str]:
    """A filter for content texts only: any other string has no inline Markdown to convert."""

    def content_filter(value: object) -> str:
        if not isinstance(value, ContentText):
            raise TypeError(f"{value!r} is no content text: use md_literal or autoescaping for it")
        return write(value)

    return content_filter


@functools.cache
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates, kept by Jinja keyed by their source: compiling them again was a
    twentieth of a site build (and a quarter of a rebuild under `mkdocs serve` for the
    theme's). In a folder of the user's own in the temporary directory; none if there is no
    safe one, which only costs time.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # Jinja refuses a temporary folder others could write to
        return None


def cache_folder() -> Path | None:
    """The user's own cache folder of this machine (the bytecode cache's), or None."""
    cache = bytecode_cache()
    return Path(cache.directory) if isinstance(cache, jinja2.FileSystemBytecodeCache) else None


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
        bytecode_cache=bytecode_cache(),
    )
    env.filters["md"] = _for_content(markdown.page_inline)  # Markdown pages of the site
    env.filters["page_html"] = _for_content(html.page_inline)  # raw HTML on a page at the site's root
    env.filters["inline_html"] = _for_content(html.inline)  # the brochure: links absolute
    env.filters["plain"] = _for_content(plain.inline)
    env.filters["md_literal"] = markdown.literal  # any other string on a Markdown page, e.g. a URL
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
