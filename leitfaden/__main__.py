"""Command line: ``python -m leitfaden check|build|schema|brochure``.

``check`` runs every content check of the build and verifies that generated, committed
files are current (the CI mode); ``build`` builds the site and the brochure and replaces
SITE_DIR only when both are complete; ``schema`` rewrites content/questions.schema.json;
``brochure OUT.pdf`` writes the brochure for SITE_URL: the screen edition to OUT.pdf and
the print shop's edition beside it, OUT-druck.pdf.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import checks
from .loader import DEFAULT_PATH, ContentError, load_guide, load_source
from .schema import SCHEMA_PATH, schema_is_current, write_schema
from .site import SiteUrl


def _check(content: Path) -> int:
    try:
        source = load_source(content)
        problems = checks.problems(source, SiteUrl.from_env())
    except (ContentError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    for warning in checks.warnings(source):  # typography: reported, the file still builds
        print(warning, file=sys.stderr)
    if not schema_is_current():
        print(
            f"{SCHEMA_PATH.name} ist veraltet: „make schema“ erzeugt es neu aus leitfaden/model.py",
            file=sys.stderr,
        )
        return 1
    guide = source.guide
    questions = sum(len(chapter.questions) for chapter in guide.chapters)
    print(f"{content.name}: {len(guide.chapters)} Kapitel, {questions} Fragen, in Ordnung")
    return 0


def _brochure(out: Path, content: Path) -> int:
    # Imported here: loading WeasyPrint takes half a second that `check` need not pay.
    from .brochure import BrochureError, write_pdf

    try:
        guide = load_guide(content)
        site = SiteUrl.from_env()
    except (ContentError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    if site.is_default:
        print(f"WARNUNG - {site.warning}", file=sys.stderr)
    try:
        screen, printed = write_pdf(guide, site, out)
    except BrochureError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{screen} und {printed.name} (für die Druckerei) geschrieben (QR-Codes für {site.base})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leitfaden", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="Inhalt prüfen und generierte Dateien vergleichen")
    check.add_argument("content", nargs="?", type=Path, default=DEFAULT_PATH)
    commands.add_parser("schema", help="content/questions.schema.json neu schreiben")
    brochure = commands.add_parser(
        "brochure", help="die Broschüre als PDF schreiben (für SITE_URL): Bildschirm- und Druckausgabe"
    )
    brochure.add_argument(
        "out",
        type=Path,
        help="Zieldatei, z. B. site/projektleitfaden.pdf; die Druckausgabe kommt als …-druck.pdf daneben",
    )
    brochure.add_argument("content", nargs="?", type=Path, default=DEFAULT_PATH)
    build = commands.add_parser("build", help="Website und Broschüre bauen; SITE_DIR nur bei Erfolg ersetzen")
    build.add_argument("site_dir", type=Path, help="Zielverzeichnis, z. B. site")
    args = parser.parse_args(argv)
    if args.command == "build":
        from .build import build as build_site

        return build_site(args.site_dir)
    if args.command == "check":
        return _check(args.content)
    if args.command == "brochure":
        return _brochure(args.out, args.content)
    write_schema()
    print(f"{SCHEMA_PATH.name} geschrieben")
    return 0


if __name__ == "__main__":
    sys.exit(main())
