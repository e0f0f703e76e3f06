"""Inline Markdown of the content: allowed markup renders, everything else stays literal."""

from __future__ import annotations

from functools import cache

import cmarkgfm
import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from leitfaden.markup import html, plain
from leitfaden.markup import markdown as markdown_markup
from leitfaden.markup.text import ContentText
from leitfaden.templating import environment

from .conftest import ROOT


@cache
def site_extensions() -> list[str]:
    """The Markdown extensions of the site, as mkdocs.yml lists them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [next(iter(item)) if isinstance(item, dict) else item for item in config["markdown_extensions"]]


def site_markdown(text: str) -> str:
    """Python-Markdown as MkDocs runs it for the site (same extensions)."""
    return markdown.markdown(text, extensions=site_extensions())


RENDERERS = [site_markdown, cmarkgfm.github_flavored_markdown_to_html]


@pytest.mark.parametrize("render", RENDERERS)
def test_gender_star_is_literal(render) -> None:
    html = render(markdown_markup.inline("Kund*innen und Nutzer*innen"))
    assert "<em>" not in html and "Kund*innen und Nutzer*innen" in html


@pytest.mark.parametrize("render", RENDERERS)
def test_raw_html_is_escaped(render) -> None:
    html = render(markdown_markup.inline('Achtung <script>alert(1)</script> & <b onclick="x">'))
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html or "&lt;script>" in html


@pytest.mark.parametrize("render", RENDERERS)
def test_allowed_inline_markdown_renders(render) -> None:
    html = render(markdown_markup.inline("**fett**, *kursiv*, `code` und [Link](https://flyingcircus.io/)"))
    assert "<strong>fett</strong>" in html
    assert "<em>kursiv</em>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://flyingcircus.io/">Link</a>' in html


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize(
    "text",
    [
        "- keine Liste",
        "# keine Überschrift",
        "1. kein Punkt",
        "> kein Zitat",
        '!!! danger "kein Kasten"',
        '=== "kein Reiter"',
        "~~~ kein Code",
        "1) kein Punkt",
    ],
)
def test_text_never_becomes_a_block(render, text: str) -> None:
    page = BeautifulSoup(render(markdown_markup.inline(text)), "html.parser")
    assert [tag.name for tag in page.find_all(True)] == ["p"]
    assert page.get_text().strip() == text


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize("text", ['**fett**{ onclick="x" }', '`Code`{: .md-button onclick="x" }', "*k*{#id}"])
def test_attribute_lists_stay_literal(render, text: str) -> None:
    page = BeautifulSoup(render(markdown_markup.inline(text)), "html.parser")
    assert [tag.attrs for tag in page.find_all(True)] == [{}, {}]
    assert "{" in page.get_text()


@pytest.mark.parametrize("render", RENDERERS)
def test_strikethrough_and_images_stay_literal(render) -> None:
    page = BeautifulSoup(
        render(markdown_markup.inline("~~nicht~~ und ![Bild](https://x.example/)")), "html.parser"
    )
    assert [tag.name for tag in page.find_all(True)] == ["p", "a"]
    assert page.get_text().strip() == "~~nicht~~ und !Bild"


def test_links_into_the_guide_are_relative_on_pages_and_absolute_in_tickets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SITE_URL", "https://leitfaden.example.org/")
    text = "[Backups](sicherheit#backups) und [Netz](netzwerk)"
    assert markdown_markup.page_inline(text) == "[Backups](sicherheit.md#backups) und [Netz](netzwerk.md)"
    assert markdown_markup.inline(text) == (
        "[Backups](https://leitfaden.example.org/sicherheit/#backups) und "
        "[Netz](https://leitfaden.example.org/netzwerk/)"
    )
    assert (
        html.page_inline(text) == '<a href="sicherheit/#backups">Backups</a> und <a href="netzwerk/">Netz</a>'
    )
    assert html.inline("[Netz](netzwerk)") == '<a href="https://leitfaden.example.org/netzwerk/">Netz</a>'


def test_refused_link_targets_stay_literal_text() -> None:
    """The model refuses them; a string that never passed the model still gets no link."""
    for target in ("javascript:alert(1)", "//evil.example/", "data:text/html,x", "/absolut"):
        assert "<a" not in site_markdown(markdown_markup.inline(f"[x]({target})")), target
        assert "<a" not in html.inline(f"[x]({target})"), target


def test_literal_escapes_even_allowed_markup() -> None:
    url = "https://example.org/a_b_/*x*/`c`/{.d}/"
    assert site_markdown(markdown_markup.literal(url)) == f"<p>{url}</p>"


def test_html_output_escapes() -> None:
    assert html.inline("a <b> & **c**") == "a &lt;b&gt; &amp; <strong>c</strong>"


def test_theme_text_is_escaped_once_for_elements_and_attributes() -> None:
    assert html.theme_text('**A** & <b> "x"') == "A &amp; &lt;b&gt; &quot;x&quot;"


def test_plain_drops_markup() -> None:
    assert plain.inline("**fett** [Link](https://x.de)") == "fett Link (https://x.de)"


def test_templates_refuse_a_content_text_without_markup_filter() -> None:
    with pytest.raises(TypeError, match="without a markup filter"):
        environment().from_string("{{ text }}").render(text=ContentText("**a**"))
    assert environment().from_string("{{ text|md }}").render(text=ContentText("**a**")) == "**a**"


def test_markup_filters_take_only_content_texts() -> None:
    with pytest.raises(TypeError, match="no content text"):
        environment().from_string("{{ url|md }}").render(url="https://example.org/*x*/")
    assert environment().from_string("{{ url|md_literal }}").render(url="https://x.org/*x*/") == (
        "https://x.org/\\*x\\*/"
    )
