"""Which characters the print brochure can set: those in every face of its font.

The brochure embeds Source Sans 3 (leitfaden/static/fonts/) and nothing else, so a
character missing from it would come out as a blank box or, worse, in whatever font the
building machine happens to have. `check` refuses such a character with file and line.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import unicodedata
from pathlib import Path
from typing import Final

from .templating import cache_folder

FONT_DIR: Final = Path(__file__).resolve().parent / "static" / "fonts"
#: Whitespace that HTML folds into a space before anything is set in a font.
_FOLDED: Final = frozenset("\t\n")


@functools.cache
def renderable() -> frozenset[int]:
    """Code points every face of the brochure font has a glyph for.

    Reading the fonts' character maps is a twentieth of a site build, so the answer is kept
    in the user's cache folder under a digest of the font files, and read from there while
    they stay the same.
    """
    faces = sorted(FONT_DIR.glob("*.ttf"))
    if not faces:
        raise FileNotFoundError(f"keine Schriftdateien (*.ttf) in {FONT_DIR}")
    folder = cache_folder()
    if folder is None:
        return _common_points(faces)
    digest = hashlib.sha256(b"".join(face.read_bytes() for face in faces)).hexdigest()
    kept = folder / f"leitfaden-glyphs-{digest[:32]}.json"
    try:
        return frozenset(json.loads(kept.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        points = _common_points(faces)
        partial = kept.with_suffix(f".{os.getpid()}")
        try:
            partial.write_text(json.dumps(sorted(points)), encoding="utf-8")
            partial.replace(kept)
        except OSError:
            pass  # not kept: the next build reads the fonts again
        return points


def _common_points(faces: list[Path]) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # only on a cache miss

    common: set[int] | None = None
    for face in faces:
        font = TTFont(face, lazy=True)
        try:
            points = set(font["cmap"].getBestCmap())
        finally:
            font.close()
        common = points if common is None else common & points
    return frozenset(common or ())


def first_missing(text: str) -> str | None:
    """The first character of ``text`` the brochure font cannot set, or None."""
    points = renderable()
    return next((char for char in text if char not in _FOLDED and ord(char) not in points), None)


def describe(char: str) -> str:
    """„😀“ (U+1F600 GRINNING FACE); invisible characters by code and name only."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    label = f"{code} {name}".strip()
    visible = unicodedata.category(char)[0] not in "CZ"
    return f"„{char}“ ({label})" if visible else label
