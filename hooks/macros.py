"""Macros for hand-written pages in docs/ (mkdocs-macros-plugin, ``module_name`` in mkdocs.yml).

A page opts in with ``render_macros: true`` in its front matter (generated pages never do:
their content texts are not templates). Thin wiring: the Markdown comes from
``leitfaden.quoting``; an unknown id is logged as an error with ``docs/<page>.md:<line>``,
which fails the strict build.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from leitfaden import quoting
from leitfaden.loader import ContentError, load_source
from leitfaden.model import Guide

# Under "mkdocs.": an error here fails `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.leitfaden.macros")


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
                src = page.file.src_uri
                log.error(f"docs/{src}:{_line_of(page.file.abs_src_path, ref)}: {name}: {error}")
                return f"**{name}: {error}**"

        env.macro(run, name)

    macro("chapter_link", quoting.chapter_link)
    macro("question_link", quoting.question_link)
    macro("question_list", quoting.question_list)
    macro("ticket_download", quoting.ticket_download)
    macro("qr_code", quoting.qr_code)


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
