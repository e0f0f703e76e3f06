"""Macros for hand-written pages in docs/ (mkdocs-macros-plugin, ``module_name`` in mkdocs.yml).

A page opts in with ``render_macros: true`` in its front matter (generated pages never do:
their content texts are not templates). Thin wiring: the Markdown comes from
``leitfaden.quoting``; an unknown id is logged as an error with ``docs/<page>.md:<line>``,
which fails the strict build. Any other template error (an unknown name, a missing ``}}``)
fails it too, with one German line and the page's line instead of the plugin's traceback.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError

from leitfaden import quoting
from leitfaden.loader import ContentError, load_source
from leitfaden.model import Guide

# Under "mkdocs.": an error here fails `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.leitfaden.macros")
#: True while on_pre_page_macros tries a page's template (the macros report nothing then).
_trying = False


def define_env(env: Any) -> None:
    """Called by mkdocs-macros-plugin on every build: register the guide's macros."""
    guide = _guide(Path(env.conf["config_file_path"]).parent)
    env.variables["guide_version"] = guide.version if guide else ""

    def macro(name: str, quote: Callable[..., str]) -> None:
        def run(ref: str, *args: str) -> str:
            if guide is None:
                return ""  # the content has problems: hooks/guide.py reports them (a page under serve)
            page = env.page
            root = "../" * page.file.src_uri.count("/")
            try:
                return quote(guide, ref, *args, root=root)
            except quoting.UnknownId as error:
                if not _trying:  # reported once, by the plugin's own rendering
                    src = page.file.src_uri
                    log.error(f"docs/{src}:{_line_of(page.file.abs_src_path, ref)}: {name}: {error}")
                return f"**{name}: {error}**"

        env.macro(run, name)

    macro("chapter_link", quoting.chapter_link)
    macro("question_link", quoting.question_link)
    macro("question_list", quoting.question_list)
    macro("ticket_download", quoting.ticket_download)
    macro("qr_code", quoting.qr_code)


def on_pre_page_macros(env: Any) -> None:
    """Called by the plugin before it renders a page: try the page's template first, so that
    an error is one line with the page and its line (the plugin would print a traceback)."""
    page = env.page
    if not page.meta.get("render_macros"):
        return
    global _trying
    _trying = True
    try:
        env.env.from_string(env.markdown).render(**env.variables)
    except jinja2.TemplateError as error:
        line = _template_line(error) + _front_matter_lines(page.file.abs_src_path, env.markdown)
        message = error.message or type(error).__name__
        raise PluginError(f"docs/{page.file.src_uri}:{line}: Fehler in der Vorlage: {message}") from None
    finally:
        _trying = False


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


def _front_matter_lines(path: str | None, markdown: str) -> int:
    """How many lines of the page's file come before ``markdown`` (its front matter)."""
    if path is None:
        return 0
    text = Path(path).read_text(encoding="utf-8")
    return text[: max(text.find(markdown), 0)].count("\n")


def _guide(project: Path) -> Guide | None:
    try:
        return load_source(project / "content" / "questions.yaml").guide
    except ContentError:
        return None


def _line_of(path: str | None, ref: str) -> int:
    """The first line of the page that quotes ``ref`` (1 when it cannot be found)."""
    if path is None:
        return 1
    quoted = re.compile(r"""["']""" + re.escape(ref) + r"""["']""")
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if quoted.search(line):
            return number
    return 1
