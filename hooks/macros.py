"""Macros for hand-written pages in docs/ (a MkDocs hook, listed in mkdocs.yml).

A page opts in with ``render_macros: true`` in its front matter (generated pages never do:
their content texts are not templates); its Markdown is then a Jinja template with the
macros below and ``guide_version``. Thin wiring: the Markdown comes from
``leitfaden.quoting``; an unknown id is logged as an error with ``docs/<page>.md:<line>``,
which fails the strict build, and so does any other template error. (A hook rather than
mkdocs-macros-plugin: loading that plugin cost a tenth of every build and rebuild.)
"""

from __future__ import annotations

import functools
import logging
import re
import traceback
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from leitfaden import quoting
from leitfaden.loader import ContentError, load_source
from leitfaden.model import Guide

# Under "mkdocs.": an error here fails `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.leitfaden.macros")

_MACROS: dict[str, Callable[..., str]] = {
    "chapter_link": quoting.chapter_link,
    "question_link": quoting.question_link,
    "question_list": quoting.question_list,
    "ticket_download": quoting.ticket_download,
    "qr_code": quoting.qr_code,
}


@functools.cache
def _environment() -> jinja2.Environment:
    """Markdown templates: nothing escaped, an unknown name is an error."""
    return jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.meta.get("render_macros"):
        return markdown
    guide = _guide(Path(config.config_file_path).parent)
    macros = {name: _macro(name, quote, guide, page) for name, quote in _MACROS.items()}
    try:
        template = _environment().from_string(markdown)
        return template.render(guide_version=guide.version if guide else "", **macros)
    except jinja2.TemplateError as error:
        where = f"docs/{page.file.src_uri}:{_template_line(error) + _front_matter_lines(page, markdown)}"
        raise PluginError(
            f"{where}: Fehler in der Vorlage: {error.message or type(error).__name__}"
        ) from None


def _macro(name: str, quote: Callable[..., str], guide: Guide | None, page: Page) -> Callable[..., str]:
    root = "../" * page.file.src_uri.count("/")

    def run(ref: str, *args: str) -> str:
        if guide is None:
            return ""  # the content has problems: hooks/guide.py reports them (a page under serve)
        try:
            return quote(guide, ref, *args, root=root)
        except quoting.UnknownId as error:
            src = page.file.src_uri
            log.error(f"docs/{src}:{_line_of(page.file.abs_src_path, ref)}: {name}: {error}")
            return f"**{name}: {error}**"

    return run


def _guide(project: Path) -> Guide | None:
    try:
        return load_source(project / "content" / "questions.yaml").guide
    except ContentError:
        return None


def _template_line(error: jinja2.TemplateError) -> int:
    """The template's line of a syntax error, or of the expression that failed while rendering."""
    line: int | None = getattr(error, "lineno", None)
    if line is None:  # a render error: Jinja puts the template's line into the traceback
        frames = [
            frame.lineno
            for frame in traceback.extract_tb(error.__traceback__)
            if frame.filename == "<template>"
        ]
        line = frames[-1] if frames and frames[-1] else 1
    return line


def _front_matter_lines(page: Page, markdown: str) -> int:
    """How many lines of the page's file come before ``markdown`` (its front matter)."""
    if page.file.abs_src_path is None:
        return 0
    text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    return text[: max(text.find(markdown), 0)].count("\n")


def _line_of(path: str | None, ref: str) -> int:
    """The first line of the page that quotes ``ref`` (1 when it cannot be found)."""
    if path is None:
        return 1
    quoted = re.compile(r"""["']""" + re.escape(ref) + r"""["']""")
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if quoted.search(line):
            return number
    return 1
