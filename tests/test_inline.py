"""Inline Markdown of the content: allowed markup renders, raw HTML never does."""

from __future__ import annotations

import cmarkgfm
import markdown
import pytest

from leitfaden.markup import html, plain
from leitfaden.markup import markdown as markdown_markup


def python_markdown(text: str) -> str:
    return markdown.markdown(text)


RENDERERS = [python_markdown, cmarkgfm.github_flavored_markdown_to_html]


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
@pytest.mark.parametrize("text", ["- keine Liste", "# keine Überschrift", "1. kein Punkt", "> kein Zitat"])
def test_text_never_becomes_a_block(render, text: str) -> None:
    html = render(markdown_markup.inline(text))
    assert html.strip().startswith("<p>") and text.split()[-1] in html


def test_html_output_escapes() -> None:
    assert html.inline("a <b> & **c**") == "a &lt;b&gt; &amp; <strong>c</strong>"


def test_plain_drops_markup() -> None:
    assert plain.inline("**fett** [Link](https://x.de)") == "fett Link (https://x.de)"
