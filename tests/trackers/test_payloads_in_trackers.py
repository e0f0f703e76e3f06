"""Hostile and awkward content through every ticket markup and the real tracker that reads it.

Each payload is written as a small ticket (paragraph, question, two-paragraph hint, table
cell, link) in every format; each tracker must show exactly what GitHub shows of the
Markdown ticket, and GitHub must show the payload as the literal text it is. Where the
model refuses the payload (Jira cannot show "|" in a table cell, nor "|", "[" or "]" in a
link's label), the ticket leaves that block out: no content can reach it there.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from pydantic import TypeAdapter, ValidationError

from leitfaden.markup import html
from leitfaden.markup.text import parse
from leitfaden.model import ChapterTitle, Table, Text
from leitfaden.tickets import FORMATS
from leitfaden.tickets.formats import Markup

from . import readers
from .conftest import Rendered, RenderOnce
from .readers import Tracker
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
    # Code as in 11, without the "|" that keeps 11 out of a table cell and a link's label.
    "Code `a@b.c` und `@x@` und `{x}`",
]
FORMAT = {fmt.key: fmt for fmt in FORMATS}


def accepts(kind: object, value: object) -> bool:
    try:
        TypeAdapter(kind).validate_python(value)
    except ValidationError:
        return False
    return True


def table(payload: str) -> Table | None:
    """A fill-in table with the payload as heading and cell, or None if the model refuses it."""
    data = {"columns": [payload, "Spalte"], "rows": [[payload, ""]], "blank_rows": 0}
    return Table.model_validate(data) if accepts(Table, data) else None


def is_label(payload: str) -> bool:
    """Whether content can make the payload a link's label, as the model takes it: a chapter
    title (the label of its ticket's link to the chapter) or the text of ``[label](url)``."""
    link = f"[{payload}](sicherheit)"
    as_link = [(span.kind, span.text) for span in parse(link)] == [("link", payload)]
    return accepts(ChapterTitle, payload) or (as_link and accepts(Text, link))


def mini_ticket(markup: Markup, payload: str) -> str:
    blocks = [markup.inline(payload), markup.task(payload), markup.note("Hinweis:", [payload, payload])]
    fill_in = table(payload)
    if fill_in is not None:
        blocks.append(markup.table(fill_in))
    if is_label(payload):
        # The contract allows no "]" in a content link; the markups encode it anyway.
        blocks.append(markup.link(payload, "https://example.org/kapitel/a]b|c{html}"))
    return "\n\n".join(blocks)


@pytest.fixture(scope="module")
def shown(render_once: RenderOnce, progress: Progress) -> Rendered:
    def render(redmine: Redmine, atlassian: Atlassian) -> Rendered:
        def write(format_key: str, payload: str) -> str:
            return mini_ticket(FORMAT[format_key].markup, payload)

        return readers.render_everywhere(write, PAYLOADS, "Stolpersteine", redmine, atlassian, progress)

    return render_once("payloads", render)


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=lambda i: f"{i:02d}")
def test_github_shows_the_payload_as_literal_text(shown: Rendered, index: int) -> None:
    github = readers.soup(shown["github"][index])
    first = github.find("p")
    assert first is not None
    expected = readers.visible(BeautifulSoup(html.inline(PAYLOADS[index]), "html.parser"))
    assert readers.visible(first) == expected
    assert readers.stray_elements(github) == []


_CODE = (
    "Jira: Atlassians Dokumentformat ADF setzt Code weder fett noch in einen Link (die Marke "
    "„code“ schließt strong, em und link aus): Code in einer Frage oder einem Linktext steht "
    "zwischen den fetten oder verlinkten Teilen"
)
#: Cases a tracker cannot show right, whatever we write: strict, so each fails loudly once it can.
CANNOT: dict[tuple[str, int], str] = {
    ("jira-data-center", 11): _CODE,
    ("jira-cloud", 11): _CODE,
    ("jira-data-center", 32): _CODE,
    ("jira-cloud", 32): _CODE,
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
