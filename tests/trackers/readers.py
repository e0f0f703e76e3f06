"""How each tracker shows a ticket: its real renderer's HTML, and what a reader sees of it.

GitHub (cmark-gfm with GitHub's extensions) is the reference every other tracker is
compared with. Redmine renders on its own issue pages, Jira through Atlassian's parsers,
GitLab through comrak with the options of GitLab's GLFM renderer.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cmarkgfm
import comrak
import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from . import adf
from .servers import Atlassian, Progress, Redmine


@dataclass(frozen=True)
class Tracker:
    key: str
    #: The ticket format (leitfaden.tickets.FORMATS key) whose tab the pages name for this tracker.
    format_key: str


GITLAB = Tracker("gitlab", "markdown")
REDMINE_COMMONMARK = Tracker("redmine-commonmark", "markdown")
REDMINE_TEXTILE = Tracker("redmine-textile", "textile")
JIRA_DATA_CENTER = Tracker("jira-data-center", "jira")
JIRA_CLOUD = Tracker("jira-cloud", "markdown")
TRACKERS: tuple[Tracker, ...] = (GITLAB, REDMINE_COMMONMARK, REDMINE_TEXTILE, JIRA_DATA_CENTER, JIRA_CLOUD)


def cases(count: int, known_gaps: dict[tuple[str, int], str]) -> list[object]:
    """One test case per tracker and payload; a known gap is a strict xfail, so it fails once it is fixed."""
    params: list[object] = []
    for tracker in TRACKERS:
        for index in range(count):
            reason = known_gaps.get((tracker.key, index))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(tracker, index, marks=marks, id=f"{tracker.key}-{index:02d}"))
    return params


def github_html(markdown: str) -> str:
    """GitHub's renderer: cmark-gfm with table, autolink, strikethrough, tagfilter and tasklist."""
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown))


def _gitlab_options() -> tuple[comrak.ExtensionOptions, comrak.ParseOptions, comrak.RenderOptions]:
    """The options of GitLab's GLFM renderer (Banzai::Filter::MarkdownEngines::GlfmMarkdown).

    GitLab turns task-list items into checkboxes in a later filter; comrak's tasklist
    extension does the same here.
    """
    extension = comrak.ExtensionOptions()
    for name in (
        "alerts",
        "autolink",
        "cjk_friendly_emphasis",
        "description_lists",
        "footnotes",
        "math_code",
        "math_dollars",
        "multiline_block_quotes",
        "strikethrough",
        "table",
        "tasklist",
        "wikilinks_title_before_pipe",
    ):
        setattr(extension, name, True)
    parse = comrak.ParseOptions()
    parse.relaxed_autolinks = True
    parse.smart = False
    render = comrak.RenderOptions()
    render.escaped_char_spans = True
    render.full_info_string = True
    render.github_pre_lang = True
    render.hardbreaks = False
    render.unsafe_ = True  # GitLab sanitizes afterwards
    return extension, parse, render


def gitlab_html(markdown: str) -> str:
    extension, parse, render = _gitlab_options()
    return str(comrak.render_markdown(markdown, extension, parse, render))


def render_everywhere(
    write: Callable[[str, str], str],
    payloads: Sequence[str],
    what: str,
    redmine: Redmine,
    atlassian: Atlassian,
    progress: Progress,
) -> dict[str, list[str]]:
    """The HTML of ``write(format_key, payload)`` for every payload, as GitHub shows the
    Markdown (key "github") and as each tracker shows the text in its format."""
    results = {"github": [github_html(write("markdown", payload)) for payload in payloads]}
    for tracker in TRACKERS:
        progress(f"{len(payloads)} {what} in {tracker.key} …")
        texts = [write(tracker.format_key, payload) for payload in payloads]
        results[tracker.key] = render_all(tracker, texts, redmine, atlassian)
    return results


def render_all(tracker: Tracker, texts: Sequence[str], redmine: Redmine, atlassian: Atlassian) -> list[str]:
    """The HTML that ``tracker`` shows for each of ``texts`` (ticket descriptions in its format)."""
    if tracker is GITLAB:
        return [gitlab_html(text) for text in texts]
    if tracker is JIRA_DATA_CENTER:
        return [adf.to_html(atlassian.parse("jira-wiki", text)) for text in texts]
    if tracker is JIRA_CLOUD:
        return [adf.to_html(atlassian.parse("jira-cloud-paste", text)) for text in texts]
    formatting = "textile" if tracker is REDMINE_TEXTILE else "common_mark"
    ids = [redmine.create_issue(f"Test {index + 1}", text) for index, text in enumerate(texts)]
    redmine.set_text_formatting(formatting)
    return [redmine_description(redmine.issue_page(issue_id)) for issue_id in ids]


def redmine_description(page: str) -> str:
    """The rendered description on a Redmine issue page."""
    soup = BeautifulSoup(page, "html.parser")
    wiki = soup.select_one("div.issue div.description div.wiki")
    assert wiki is not None, "Redmine-Seite ohne Beschreibung"
    return wiki.decode_contents()


# --- What a reader sees ----------------------------------------------------------------

_BLOCK_TAGS = ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "br")


def soup(html: str) -> BeautifulSoup:
    """The HTML with checkboxes as "[ ]"/"[x]" text, the way trackers without checkboxes write them."""
    document = BeautifulSoup(html, "html.parser")
    for checkbox in document.select("input[type=checkbox]"):
        checkbox.replace_with(NavigableString("[x] " if checkbox.has_attr("checked") else "[ ] "))
    return document


#: Invisible characters the markups put where a tracker has no escape (U+200B ZERO WIDTH
#: SPACE, U+2060 WORD JOINER, see leitfaden/markup/jira.py): a reader sees nothing of them.
INVISIBLE = re.compile("[\u200b\u2060]")


def visible(node: Tag) -> str:
    """The text a reader sees, blocks separated, whitespace normalized, invisible characters left out."""
    copy = BeautifulSoup(str(node), "html.parser")
    for tag in copy.find_all(_BLOCK_TAGS):
        tag.insert_before(NavigableString("\n"))
        tag.insert_after(NavigableString("\n"))
    return " ".join(INVISIBLE.sub("", copy.get_text()).split())


#: Markup that must never be visible in a ticket (unless GitHub shows it too, from content).
LITERAL_MARKUP = re.compile(
    r"\\|\*\*|&#?\w+;|\bh[1-6]\.\s|\bbq\.\s|\|\||\{quote\}|\{\{|\}\}|\[\[|\]\]|\[\s*\"|\":https?://"
)


def literal_markup(node: Tag) -> list[str]:
    """Markup characters shown as text, including brackets right around a link."""
    found = [match[0] for match in LITERAL_MARKUP.finditer(visible(node))]
    for link in node.find_all("a"):
        before, after = link.previous_sibling, link.next_sibling
        if isinstance(before, NavigableString) and before.rstrip().endswith("["):
            found.append(f"[ vor Link {link.get_text()!r}")
        if isinstance(after, NavigableString) and after.lstrip().startswith("]"):
            found.append(f"] nach Link {link.get_text()!r}")
    return found


def tables(node: Tag) -> list[list[list[str]]]:
    """Every table as rows of visible cell texts."""
    return [
        [[visible(cell) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]
        for table in node.find_all("table")
    ]


def links(node: Tag) -> list[tuple[str, str]]:
    """Each link's text and target (percent-encoding undone: the same address)."""
    return [(visible(link), urllib.parse.unquote(str(link.get("href", "")))) for link in node.find_all("a")]


def emphasis(node: Tag, in_links: bool = True) -> list[tuple[str, str]]:
    """Bold, italic and code outside table headers (Jira sets header cells bold by itself).

    ``in_links=False`` leaves out those inside a link's label: Redmine's RedCloth3 renders no
    bold, italic or code there, so the Textile ticket writes a label as plain text.
    """
    kinds = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "code": "code"}
    return [
        (kinds[tag.name], visible(tag))
        for tag in node.find_all(list(kinds))
        if tag.find_parent("th") is None and visible(tag) and (in_links or tag.find_parent("a") is None)
    ]


def quotes(node: Tag) -> list[str]:
    """Each top-level quote's visible text: a hint of several paragraphs is one quote."""
    return [
        visible(quote) for quote in node.find_all("blockquote") if quote.find_parent("blockquote") is None
    ]


def stray_elements(node: Tag) -> list[str]:
    """Elements no ticket asks for: images, emoticons, strikethrough, headings, code blocks …"""
    allowed = {
        "p",
        "ul",
        "ol",
        "li",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "strong",
        "b",
    }
    allowed |= {"em", "i", "code", "a", "br", "div", "input"}
    found = [
        tag.name
        for tag in node.find_all(True)
        if tag.name not in allowed and not tag.has_attr("data-escaped-char")  # GitLab's "\\*"
    ]
    found += re.findall(r"\[adf(?:-mark)?:[^\]]*\]", node.get_text())
    return found
