"""to_jira() and to_textile(), read back by the real renderers: pandoc's Jira reader and textile.

Whatever a content text holds, only its own inline Markdown may become markup; every other
character must arrive as the reader typed it.
"""

from __future__ import annotations

from collections.abc import Callable

import pypandoc
import pytest
import textile
from bs4 import BeautifulSoup

from leitfaden.markup import jira
from leitfaden.markup import textile as textile_markup

Render = Callable[[str], str]


def jira_html(text: str) -> str:
    return pypandoc.convert_text(jira.inline(text), "html", format="jira")


def textile_html(text: str) -> str:
    return textile.textile(textile_markup.inline(text))


RENDERERS = [pytest.param(jira_html, id="jira"), pytest.param(textile_html, id="textile")]
#: Tags that only appear when a character was taken for markup.
ACCIDENTAL = ["strong", "em", "b", "i", "del", "ins", "sup", "sub", "cite", "code", "a", "img", "span"]


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def visible(html: str) -> str:
    return " ".join(soup(html).get_text().split())


@pytest.mark.parametrize("render", RENDERERS)
def test_gender_star_is_literal(render: Render) -> None:
    html = render("Kund*innen und Nutzer*innen, Projektleiter*in")
    assert soup(html).find(["strong", "em", "b"]) is None
    assert visible(html) == "Kund*innen und Nutzer*innen, Projektleiter*in"


@pytest.mark.parametrize("render", RENDERERS)
def test_raw_html_is_escaped(render: Render) -> None:
    html = render('Achtung <script>alert(1)</script> & <b onclick="x"> &lt;')
    page = soup(html)
    assert page.find("script") is None and page.find("b") is None
    assert "<script>alert(1)</script>" in visible(html)
    assert visible(html).endswith("&lt;")  # an entity in the content is text, too


@pytest.mark.parametrize("render", RENDERERS)
def test_allowed_inline_markdown_renders(render: Render) -> None:
    page = soup(render("**fett**, *kursiv*, `code` und [Link](https://flyingcircus.io/)"))
    assert page.find("strong").get_text() == "fett"
    assert page.find("em").get_text() == "kursiv"
    assert page.find("code").get_text() == "code"
    link = page.find("a")
    assert link["href"] == "https://flyingcircus.io/" and link.get_text() == "Link"


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize(
    "text",
    [
        "Service Mo.-Fr., 8-16 Uhr und Mo.-So., 7-21 Uhr",  # "-Fr., 8-16 Uhr und Mo.-" is -deleted- text
        "Daten- und Infrastruktur, S3-kompatibel, Let's-Encrypt",
        "IPv4 +IPv6+ und x^2^ und a~b~ und _unterstrichen_",
        "Fehlermeldung: [Details] und {code} und a|b und ==roh==",
        "was?? und ??zitiert?? und ja!! und !bild.png!",
        "snake_case_name und %span% und @notcode@ und [1]",
        'ein "Zitat":relativ ohne Link',
    ],
)
def test_markup_characters_of_the_formats_stay_text(render: Render, text: str) -> None:
    html = render(text)
    found = [tag.name for tag in soup(html).find_all(ACCIDENTAL)]
    assert found == [], html
    shown = visible(html).replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    assert shown == text  # Textile's typographic quotes aside, every character arrives


@pytest.mark.parametrize("render", RENDERERS)
def test_bold_text_starting_with_a_parenthesis_stays_text(render: Render) -> None:
    # Textile would read "(…)" right after the opening "*" as a CSS class.
    html = render("**(Nur für PHP): Opcache?** und *{Stil} [de] kursiv*")
    marked = [visible(str(tag)) for tag in soup(html).find_all(["strong", "em"])]
    assert marked == ["(Nur für PHP): Opcache?", "{Stil} [de] kursiv"]


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize(
    "text", ["- keine Liste", "# keine Nummer", "* kein Punkt", "h1. keine Überschrift", "bq. kein Zitat"]
)
def test_text_never_becomes_a_block(render: Render, text: str) -> None:
    page = soup(render(text))
    blocks = [tag.name for tag in page.find_all(True)]
    assert blocks == ["p"], blocks
    assert visible(str(page)) == text
