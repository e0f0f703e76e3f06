"""Hostile and awkward content through every ticket markup and the real tracker that reads it.

Each payload is written as a small ticket (paragraph, question, two-paragraph hint, table
cell, link) in every format; each tracker must show exactly what GitHub shows of the
Markdown ticket, and GitHub must show the payload as the literal text it is.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from leitfaden.markup import html
from leitfaden.model import Table
from leitfaden.tickets import FORMATS
from leitfaden.tickets.formats import Markup

from . import readers
from .conftest import Rendered, RenderOnce
from .readers import TRACKERS, Tracker
from .servers import Atlassian, Progress, Redmine

PAYLOADS = [
    "Kund*innen und Partner*innen",
    "Wer sind die **Nutzer*innen**?",
    "Emoticons: (i) (x) (/) (!) (?) (y) (n) (on) (*) :) ;) :( :D :P B-) (+) (-)",
    "a|b und ||c|| und | d",
    "[x] erledigt, [ ] offen, [1] Fußnote, [^2]",
    "{html}<b>x</b>{html} {code}y{code} {quote} {noformat} {color:red}rot{color} {{mono}}",
    "!bild.png! und !https://example.org/x.png!",
    "Vorschau ![Bild](https://example.org/x.png) und ![Bild]",
    "&#124; &amp; &lt; &#x41; &copy;",
    "<script>alert(1)</script> <b>fett</b>",
    "Siehe [Anleitung](https://example.org/a!b*c~d+e?x=1&y=2;z#top).",
    "Code `a@b.c` und `x|y` und `@x@`",
    "h2. Keine Überschrift",
    "bq. Kein Zitat",
    "- kein Listenpunkt",
    "# keine Nummer",
    "1. keine Liste",
    "+ kein Plus",
    "=SUMME(A1:A2)",
    "@team bitte",
    "Pfad C:\\Temp\\neu und \\\\server",
    "Gedanken -- strich --- und -durch- und +ein+",
    "__unter__ und _kursiv_ und snake_case",
    "~~durch~~ und ~tief~ und ^hoch^ und ??zitat?? und ==roh==",
    '"Label":/pfad und "zitiert"',
    "$x$ Mathe und 5 $ bis 10 $",
    "Mo.-Fr. 8-16 Uhr, 50 % und %{color:red}rot%",
    "*Wichtig:* kursiv",
    ">>> kein Zitat",
    "www.example.org und https://example.org/x",
    "Mail an info@example.org oder mailto:info@example.org",
    "Merge-Request !34, ~label, %meilenstein",
]
FORMAT = {fmt.key: fmt for fmt in FORMATS}


def mini_ticket(markup: Markup, payload: str) -> str:
    table = Table(columns=[payload, "Spalte"], rows=[[payload, ""]], blank_rows=0)
    return "\n\n".join(
        [
            markup.inline(payload),
            markup.task(payload),
            markup.note("Hinweis:", [payload, payload]),
            markup.table(table),
            # The contract allows no "]" in a content link; the markups encode it anyway.
            markup.link(payload, "https://example.org/kapitel/a]b|c{html}"),
        ]
    )


@pytest.fixture(scope="module")
def shown(render_once: RenderOnce, progress: Progress) -> Rendered:
    def render(redmine: Redmine, atlassian: Atlassian) -> Rendered:
        markdown = [mini_ticket(FORMAT["markdown"].markup, payload) for payload in PAYLOADS]
        results = {"github": [readers.github_html(text) for text in markdown]}
        for tracker in TRACKERS:
            progress(f"{len(PAYLOADS)} Stolpersteine in {tracker.key} …")
            texts = [mini_ticket(FORMAT[tracker.format_key].markup, payload) for payload in PAYLOADS]
            results[tracker.key] = readers.render_all(tracker, texts, redmine, atlassian)
        return results

    return render_once("payloads", render)


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=lambda i: f"{i:02d}")
def test_github_shows_the_payload_as_literal_text(shown: Rendered, index: int) -> None:
    github = readers.soup(shown["github"][index])
    first = github.find("p")
    assert first is not None
    expected = readers.visible(BeautifulSoup(html.inline(PAYLOADS[index]), "html.parser"))
    assert readers.visible(first) == expected
    assert readers.stray_elements(github) == []


#: Cases a tracker cannot show right, whatever we write: strict, so each fails loudly once it can.
CANNOT: dict[tuple[str, int], str] = {
    ("jira-data-center", 3): "Jira: „|“ in einer Tabellenzelle oder einem Linktext lässt sich nicht "
    "maskieren – Atlassians Parser teilt an jedem „|“, „\\|“ zeigt „\\“ und teilt trotzdem",
    ("jira-data-center", 4): "Jira: „]“ im Linktext beendet den Link (auch „\\]“, „{]}“, U+200B), "
    "und „\\[^2\\]“ in Fettschrift wird ein Anhang, weil der Parser ihr Inneres ohne Escapes neu liest",
    ("jira-data-center", 7): "Jira: „]“ im Linktext beendet den Link, auch als „\\]“",
    ("jira-data-center", 11): "Jira: „|“ in Code in einer Tabellenzelle teilt die Zelle "
    "(„{{x\\|y}}“ zeigt „\\“ und teilt trotzdem), im Linktext beendet es den Text",
    ("jira-cloud", 11): "Jira Cloud: Code mit „|“ in einer Zelle braucht für GitHub „\\|“, das der "
    "Einfügeweg verdoppelt; Code im Linktext gibt es in ADF nicht (code schließt link aus)",
}


@pytest.mark.parametrize(("tracker", "index"), readers.cases(len(PAYLOADS), CANNOT))
def test_every_tracker_shows_what_github_shows(shown: Rendered, tracker: Tracker, index: int) -> None:
    github, found = readers.soup(shown["github"][index]), readers.soup(shown[tracker.key][index])
    assert readers.visible(found) == readers.visible(github)
    assert readers.tables(found) == readers.tables(github)
    assert readers.links(found) == readers.links(github)
    # Redmine's Textile shows no formatting inside a link's label; the label's text must match.
    in_links = tracker is not readers.REDMINE_TEXTILE
    assert readers.emphasis(found, in_links) == readers.emphasis(github, in_links)
    assert readers.quotes(found) == readers.quotes(github)
    assert readers.stray_elements(found) == []
