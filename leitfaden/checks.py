"""Every content check the build makes, runnable on its own (``python -m leitfaden check``).

The loader validates the file's shape; these checks need the whole guide: characters the
brochure font can set, and everything the website
generates from the guide (tickets within their trackers' limits, downloads, pages). A file
that passes them builds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from . import glyphs
from .loader import ContentError, PathKey, Source
from .model import Guide
from .site import SiteUrl
from .website import generated_files


@dataclass(frozen=True)
class Checked:
    """The outcome of every check: the problem lines, or (when there are none) the files."""

    problems: list[str]
    files: dict[str, str | bytes]


def problems(source: Source, site: SiteUrl) -> list[str]:
    """One line per problem, in file order; empty when the guide builds."""
    return check(source, site).problems


def check(source: Source, site: SiteUrl) -> Checked:
    """Run every check; the website's generated files come along, made once."""
    found = [source.problem(path, message) for path, message in _text_problems(source.guide)]
    if found:
        return Checked(found, {})
    try:
        return Checked([], generated_files(source.guide, site))
    except ContentError as error:
        return Checked([_located(source, message) for message in error.messages], {})


#: Code spans keep their characters as they are: a straight quote in `"…"` is meant.
_CODE_SPAN = re.compile(r"`[^`]*`")
#: What the typography of the guide writes otherwise: German quotes „…“ and the dash –.
_TYPOGRAPHY: Final = (
    ('"', "gerade Anführungszeichen: im Leitfaden „…“ schreiben"),
    ("”", "englische Anführungszeichen “…”: im Leitfaden „…“ schreiben"),
    (" - ", "„ - “ als Gedankenstrich: im Leitfaden „ – “ (Halbgeviertstrich) schreiben"),
)


def warnings(source: Source) -> list[str]:
    """Typography that builds but reads unlike the rest of the guide; one line each, in file order."""
    found: list[str] = []
    for path, text in texts(source.guide.model_dump(exclude_defaults=True)):
        prose = _CODE_SPAN.sub("", text)
        for needle, message in _TYPOGRAPHY:
            if needle in prose:
                found.append(source.problem(path, f"Warnung: {message}"))
    return found


def _located(source: Source, message: str) -> str:
    """Tracker limits name the chapter (``Kapitel „team“: …``), not its line: add file and line."""
    if message.startswith(f"{source.name}:"):
        return message
    for index, chapter in enumerate(source.guide.chapters):
        if message.startswith(f"Kapitel „{chapter.id}“: "):
            return source.problem(("chapters", index), message)
    return source.problem(("chapters",), message)


def texts(value: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every string of the guide with its field path, as in the YAML file."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from texts(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from texts(child, path + (index,))


def _text_problems(guide: Guide) -> Iterator[tuple[PathKey, str]]:
    for path, text in texts(guide.model_dump(exclude_defaults=True)):
        missing = glyphs.first_missing(text)
        if missing is not None:
            yield (
                path,
                (
                    f"die Broschürenschrift (Source Sans 3) hat kein Zeichen {glyphs.describe(missing)}: "
                    "bitte ersetzen oder löschen"
                ),
            )
