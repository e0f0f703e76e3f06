"""The one Jinja environment: HTML templates autoescape, Markdown templates use filters."""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from .markup import html, markdown, plain


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("leitfaden", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "svg.j2")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown.inline
    env.filters["inline_html"] = html.inline
    env.filters["plain"] = plain.inline
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
