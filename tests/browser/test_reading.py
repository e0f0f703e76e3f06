"""What a reader sees at 1280 px and on a 390 px phone: widths, sizes, contrast, titles.

Everything is measured in Chromium on the site as nginx serves it (strict CSP included).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from playwright.sync_api import Page

from leitfaden.model import Guide

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SITE_NAME = "Der Flying Circus Projektleitfaden"


def _rgba(value: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast of a (possibly translucent) colour over an opaque one, both CSS rgb()/rgba()."""
    fr, fg, fb, alpha = _rgba(foreground)
    br, bg, bb, _ = _rgba(background)
    mixed = (fr * alpha + br * (1 - alpha), fg * alpha + bg * (1 - alpha), fb * alpha + bb * (1 - alpha))
    lighter, darker = sorted((_luminance(mixed), _luminance((br, bg, bb))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def measure(page: Page, script: str) -> Any:
    return page.evaluate(script)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_no_page_is_wider_than_the_screen(page: Page, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    for path in ("", "vorlagen/", "team/", "kontakt/", "ueber/", "aenderungen/"):
        page.goto(path)
        width = measure(page, "() => document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path or '/'}: {width} px"


def test_vorlagen_tables_fit_the_text_column_at_1280(page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto("vorlagen/")
    tables = measure(
        page,
        """() => [...document.querySelectorAll('article .md-typeset__scrollwrap')].map(w =>
            [w.querySelector('th').textContent, w.scrollWidth, w.clientWidth])""",
    )
    assert len(tables) >= 4
    assert [t for t in tables if t[1] > t[2]] == []
    no_break = measure(
        page,
        """() => [...document.querySelectorAll('article td code')]
            .filter(c => c.textContent.includes('.jira.txt'))
            .map(c => c.getClientRects().length)""",
    )
    assert no_break and set(no_break) == {1}  # „<kapitel>.jira.txt“ on one line


def test_a_wide_table_on_a_phone_shows_that_it_scrolls(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("vorlagen/")  # its first table, which formats go where, is wider than a phone
    wrap = page.locator("article .md-typeset__scrollwrap").first
    sizes = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    assert sizes[0] > sizes[1]  # it does scroll
    style = wrap.evaluate(
        "w => { const s = getComputedStyle(w); return [s.backgroundImage, s.backgroundAttachment] }"
    )
    assert style[0].count("gradient") == 4 and "local" in style[1] and "scroll" in style[1]
    table_bg = wrap.evaluate("w => getComputedStyle(w.querySelector('table')).backgroundColor")
    assert _rgba(table_bg)[3] == 0  # the table lets the edge shadow show through


def test_ticket_tabs_that_overflow_show_their_scroll_arrow(page: Page) -> None:
    """Material's scroll buttons beside the tab labels carry their arrow (an SVG image) only
    when shown: a hidden one loads no image, the one shown on a narrow phone has its arrow."""
    script = """() => Array.from(document.querySelectorAll('#als_ticket ~ .tabbed-set .tabbed-control'),
        c => [c.hidden, getComputedStyle(c.querySelector('.tabbed-button'), '::after').maskImage])"""
    page.set_viewport_size(DESKTOP)
    page.goto("deployment/")
    page.locator("#als_ticket ~ .tabbed-set .tabbed-control").first.wait_for(state="attached")
    controls = measure(page, script)
    assert controls == [[True, "none"], [True, "none"]]  # the labels fit: no button, no image
    page.set_viewport_size({"width": 320, "height": 700})
    page.locator("#als_ticket ~ .tabbed-set .tabbed-labels").scroll_into_view_if_needed()
    page.locator("#als_ticket ~ .tabbed-set .tabbed-control--next:not([hidden])").wait_for()
    hidden, arrow = measure(page, script)[1]
    assert not hidden and arrow.startswith('url("data:image/svg+xml'), arrow


def test_home_buttons_on_a_phone_are_apart_and_equally_wide(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("")
    boxes = page.locator(".lf-downloads .md-button").evaluate_all(
        """buttons => buttons.map(b => {
            const r = b.getBoundingClientRect(); return [r.left, r.top, r.width, r.bottom] })"""
    )
    assert len(boxes) >= 2
    assert len({round(box[2]) for box in boxes}) == 1
    for upper, lower in itertools.pairwise(boxes):
        assert lower[1] - upper[3] >= 8  # px between them


def test_home_contents_keep_the_question_count_together(page: Page, guide: Guide) -> None:
    page.set_viewport_size(PHONE)
    page.goto("")
    items = page.locator("article ol > li").all_inner_texts()
    assert len(items) == len(guide.chapters)  # Kontakt is no chapter
    for item, chapter in zip(items, guide.chapters, strict=True):
        assert item.endswith(f"({len(chapter.questions)}\u00a0Fragen)")
    others = page.locator("article ol + p + ul > li").all_inner_texts()
    assert others == ["Vorlagen", "Änderungen", "Über diesen Leitfaden", "Kontakt"]


def test_titles_name_the_site_once(page: Page, guide: Guide) -> None:
    page.goto("")
    assert page.title() == SITE_NAME
    assert not page.locator(".md-sidebar--secondary").is_visible()  # no table of contents of one entry
    page.goto("sicherheit/")
    assert page.title() == f"{guide.chapter('sicherheit').title} - {SITE_NAME}"


def test_boxes_are_set_like_the_hints_around_them(page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto("sicherheit/")
    hint = page.locator("article > p").first.evaluate("p => getComputedStyle(p).fontSize")
    standard = page.locator("article .admonition.standard p:not(.admonition-title)").first
    assert standard.evaluate("p => getComputedStyle(p).fontSize") == hint
    title = page.locator("article .admonition.standard > .admonition-title").first
    icon = title.evaluate(
        """t => { const s = getComputedStyle(t, '::before');
                  return [s.maskImage || s.webkitMaskImage, s.backgroundColor] }"""
    )
    assert icon[0].startswith('url("data:image/svg+xml') and _rgba(icon[1])[:3] == (46, 125, 50)
    page.goto("")
    tip = page.locator("article .admonition.tip p:not(.admonition-title)").first
    assert tip.evaluate("p => getComputedStyle(p).fontSize") == hint


def test_copy_buttons_stand_out_before_hovering(page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto("sicherheit/")
    # Material adds a code block's copy button once the block is on screen (content.lazy).
    page.locator("#als_ticket ~ .highlight").scroll_into_view_if_needed()
    button = page.locator("article button[data-md-type='copy']").first
    button.wait_for(state="attached")
    colours = button.evaluate(
        """b => [getComputedStyle(b).color,
                 getComputedStyle(b.closest('pre').querySelector('code')).backgroundColor]"""
    )
    assert contrast(*colours) >= 3.0, colours


def test_contact_links_the_hotline_and_sets_the_address_upright(page: Page, guide: Guide) -> None:
    page.goto("kontakt/")
    hotline = page.locator("article strong a[href^='tel:']")
    assert hotline.get_attribute("href") == "tel:034521940111"
    assert hotline.inner_text() in guide.contact.hotline
    assert page.locator("article address").evaluate("a => getComputedStyle(a).fontStyle") == "normal"


def test_every_chapter_has_the_same_gap_under_its_title(page: Page, guide: Guide) -> None:
    page.set_viewport_size(DESKTOP)
    gaps = {}
    for chapter in guide.chapters:
        page.goto(f"{chapter.id}/")
        gaps[chapter.id] = page.locator("article h1").evaluate(
            """h => Math.round(
                h.nextElementSibling.getBoundingClientRect().top - h.getBoundingClientRect().bottom)"""
        )
    assert len(set(gaps.values())) == 1, gaps
