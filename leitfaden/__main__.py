"""Command line: ``python -m leitfaden check|build|schema|brochure``.

``check`` runs every content check of the build and verifies that generated, committed
files are current (the CI mode); ``build`` builds the site and the brochure and replaces
SITE_DIR only when both are complete; ``schema`` rewrites content/questions.schema.json;
``brochure OUT.pdf`` writes the brochure for SITE_URL: the screen edition to OUT.pdf and
the print shop's edition beside it, OUT-druck.pdf. ``tickets DIR`` writes every chapter's
ticket in every format to DIR. With ``--answers antworten.json`` (an answers file exported
on the site) both carry the answers.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .site import CONTENT_PATH, SiteUrl

if TYPE_CHECKING:
    from .answers import Answers
    from .model import Guide
    from .pdf import BrochureHtml

# Each command imports what it needs when it runs: `brochure` renders its HTML in a forked
# process while this one loads WeasyPrint, and the guide's model should load there only.


def _check(content: Path) -> int:
    from . import checks
    from .loader import ContentError, load_source
    from .schema import ANSWERS_SCHEMA_PATH, SCHEMA_PATH, schema_is_current

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
            f"{SCHEMA_PATH.name} oder {ANSWERS_SCHEMA_PATH.name} ist veraltet: „make schema“ erzeugt "
            "sie neu aus leitfaden/model.py und leitfaden/answers.py",
            file=sys.stderr,
        )
        return 1
    guide = source.guide
    questions = sum(len(chapter.questions) for chapter in guide.chapters)
    print(f"{content.name}: {len(guide.chapters)} Kapitel, {questions} Fragen, in Ordnung")
    return 0


def _load(content: Path, answers_path: Path | None) -> tuple[Guide, Answers]:
    """Guide and answers (none without a file); the answers file's notes on stderr."""
    from .answers import Answers, load_answers
    from .loader import display_name, load_guide

    guide = load_guide(content)
    answers = Answers(guide.version, {})
    if answers_path is not None:
        answers = load_answers(answers_path, guide)
        for note in answers.notes(guide):
            print(f"{display_name(answers_path)}: {note}", file=sys.stderr)
    return guide, answers


def _tickets(out: Path, content: Path, answers_path: Path | None) -> int:
    from .answers import AnswersError
    from .loader import ContentError, display_name
    from .tickets import FORMATS, VARIANTS, chapter_file
    from .tickets.render import filled_ticket

    try:
        site = SiteUrl.from_env()
        guide, answers = _load(content, answers_path)
        out.mkdir(parents=True, exist_ok=True)
        for chapter in guide.chapters:
            mine = answers.for_chapter(chapter.id)
            for fmt in FORMATS:
                for variant in VARIANTS:
                    text = filled_ticket(guide, chapter, site, fmt, mine, variant)
                    (out / chapter_file(chapter, fmt, variant)).write_text(text, encoding="utf-8", newline="")
    except (ContentError, ValueError, AnswersError) as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{display_name(out)}: kann nicht geschrieben werden ({error.strerror})", file=sys.stderr)
        return 1
    count = len(guide.chapters) * len(FORMATS) * len(VARIANTS)
    print(f"{count} Tickets nach {display_name(out)} geschrieben ({len(answers.known)} Antworten)")
    return 0


def _brochure(out: Path, content: Path, answers_path: Path | None) -> int:
    from .forking import started_in_child
    from .pdf import BrochureError, write_editions

    try:
        site = SiteUrl.from_env()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    if site.is_default:
        print(f"WARNUNG - {site.warning}", file=sys.stderr)
    # The process lives a few seconds and keeps nearly everything it allocates (the HTML's
    # layout) until the PDFs are written, so Python's cycle collector, run after every 700
    # new objects, kept walking the same objects and found little to free (about 2 MB of
    # the 90 MB): a tenth of a second. Collecting far less often, the process peaks at the
    # same memory, and the PDFs stay byte for byte the same. Its forks inherit the setting.
    gc.set_threshold(100_000, 20, 20)
    # Checking the content and rendering the HTML take as long as loading WeasyPrint, which
    # they do not need: on two cores, side by side, they cost no time of their own.
    html = started_in_child(
        functools.partial(_brochure_html, content, answers_path, site), "Die Broschüre", BrochureError
    )
    try:
        screen, printed = write_editions(html, out)
    except BrochureError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{screen} und {printed.name} (für die Druckerei) geschrieben (QR-Codes für {site.base})")
    return 0


def _brochure_html(content: Path, answers_path: Path | None, site: SiteUrl) -> BrochureHtml:
    from .answers import AnswersError
    from .brochure import brochure_html, filled_answers
    from .loader import ContentError
    from .pdf import BrochureError

    try:
        guide, answers = _load(content, answers_path)
    except (ContentError, AnswersError) as error:
        raise BrochureError(str(error)) from None
    return brochure_html(guide, site, filled_answers(guide, answers))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leitfaden", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="Inhalt prüfen und generierte Dateien vergleichen")
    check.add_argument("content", nargs="?", type=Path, default=CONTENT_PATH)
    commands.add_parser("schema", help="content/questions.schema.json und answers.schema.json neu schreiben")
    brochure = commands.add_parser(
        "brochure", help="die Broschüre als PDF schreiben (für SITE_URL): Bildschirm- und Druckausgabe"
    )
    brochure.add_argument(
        "out",
        type=Path,
        help="Zieldatei, z. B. site/projektleitfaden.pdf; die Druckausgabe kommt als …-druck.pdf daneben",
    )
    brochure.add_argument("content", nargs="?", type=Path, default=CONTENT_PATH)
    brochure.add_argument("--answers", type=Path, help="Antwortdatei (JSON): die Antworten statt der Linien")
    tickets = commands.add_parser("tickets", help="jedes Kapitel als Ticket in jedem Format schreiben")
    tickets.add_argument("out", type=Path, help="Zielverzeichnis")
    tickets.add_argument("content", nargs="?", type=Path, default=CONTENT_PATH)
    tickets.add_argument("--answers", type=Path, help="Antwortdatei (JSON): die Antworten unter den Fragen")
    build = commands.add_parser("build", help="Website und Broschüre bauen; SITE_DIR nur bei Erfolg ersetzen")
    build.add_argument("site_dir", type=Path, help="Zielverzeichnis, z. B. site")
    args = parser.parse_args(argv)
    if args.command == "build":
        from .build import build as build_site

        return build_site(args.site_dir)
    if args.command == "check":
        return _check(args.content)
    if args.command == "brochure":
        return _brochure(args.out, args.content, args.answers)
    if args.command == "tickets":
        return _tickets(args.out, args.content, args.answers)
    from .schema import ANSWERS_SCHEMA_PATH, SCHEMA_PATH, write_schema

    write_schema()
    print(f"{SCHEMA_PATH.name} und {ANSWERS_SCHEMA_PATH.name} geschrieben")
    return 0


if __name__ == "__main__":
    sys.exit(main())
