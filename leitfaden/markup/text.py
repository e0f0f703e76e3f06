"""The content texts' inline Markdown, parsed once into spans that every markup writes out.

The contract (README, „Texte schreiben“): a content text is one line of inline Markdown
of a small subset – ``**fett**``, ``*kursiv*``, `` `Code` `` and ``[Link](Ziel)`` with a
target of ``https://…``, ``http://…``, ``mailto:…`` or a place in the guide itself,
``kapitel-id`` or ``kapitel-id#frage-id``. Everything else is literal text in every output:
raw HTML, entities, attribute lists, block starts, and an asterisk between two letters,
the German gender star (``Kund*innen``). The model (:mod:`leitfaden.model`) refuses line
breaks, control characters and every other link target, so no output sees them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from ..site import SiteUrl

SpanKind = Literal["text", "strong", "em", "code", "link"]

#: A chapter or question id (the model's Slug).
_ID: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_INTERNAL = re.compile(rf"(?P<chapter>{_ID})(?:#(?P<question>{_ID}))?")
# Characters of an external link target: RFC 3986 without brackets, quotes and parentheses,
# so no markup (HTML attribute, Markdown, Jira, Textile) can end the target early.
_EXTERNAL = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][A-Za-z0-9\-._~:/?#@!$&'*+,;=%]*)?")
_MAILTO = re.compile(r"mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

LINK_RULE: Final = (
    "erlaubt sind https://…, http://…, mailto:… und Stellen im Leitfaden als "
    "„kapitel-id“ oder „kapitel-id#frage-id“"
)


class ContentText(str):
    """A content text as the editor wrote it: never output as it is, only through a markup.

    The model returns every text as this type, and the templates refuse it without one
    of the filters ``md``, ``inline_html``, ``page_html`` or ``plain`` (templating.py).
    """

    __slots__ = ()


@dataclass(frozen=True)
class Span:
    kind: SpanKind
    text: str
    #: A link's absolute URL (internal links: below SITE_URL), what tickets and the PDF use.
    url: str = ""
    #: An internal link's target below the site root, e.g. ``sicherheit/#backup``.
    site_path: str = ""

    @property
    def page(self) -> str:
        """A link's target for a Markdown page (MkDocs checks and rewrites ``*.md`` links)."""
        if not self.site_path:
            return self.url
        chapter, _, question = self.site_path.partition("/")
        return f"{chapter}.md{question}"


@dataclass(frozen=True)
class InternalTarget:
    chapter: str
    question: str | None


_TOKEN = re.compile(
    r"\*\*(?P<strong>\S(?:.*?\S)?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^\s*](?:[^*]*?[^\s*])?)\*(?![\w*])"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<label>[^\[\]]+)\]\((?P<url>[^()\s]+)\)"
)


# Whatever follows "](" is meant as a link target, even where no parser would take it as one
# ("[x]( javascript:alert(1))"): the model checks each, so an editor learns it is refused.
_ANY_TARGET = re.compile(r"\]\(\s*(?P<url>[^)\s]*)")


def link_targets(text: str) -> list[str]:
    """Every link target written as ``[…](target)`` in the text, allowed or not."""
    return [match["url"] for match in _ANY_TARGET.finditer(text)]


def internal_target(url: str) -> InternalTarget | None:
    """The chapter (and question) a link target names, or None for any other target."""
    match = _INTERNAL.fullmatch(url)
    return InternalTarget(match["chapter"], match["question"]) if match else None


def link_problem(url: str) -> str | None:
    """Why a link target is refused (German), or None when it is allowed."""
    if internal_target(url) or _EXTERNAL.fullmatch(url) or _MAILTO.fullmatch(url):
        return None
    return f"unzulässiges Linkziel „{url}“: {LINK_RULE}"


def _link(label: str, url: str) -> Span | None:
    if link_problem(url) is not None:
        return None  # the model refuses it; here it stays literal text
    target = internal_target(url)
    if target is None:
        return Span("link", label, url)
    site_path = f"{target.chapter}/" + (f"#{target.question}" if target.question else "")
    return Span("link", label, SiteUrl.from_env().base + site_path, site_path)


def parse(text: str) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for match in _TOKEN.finditer(text):
        span = _span(match)
        if span is None:
            continue
        if match.start() > position:
            spans.append(Span("text", text[position : match.start()]))
        spans.append(span)
        position = match.end()
    if position < len(text):
        spans.append(Span("text", text[position:]))
    return _merged(spans)


def _span(match: re.Match[str]) -> Span | None:
    if match["url"] is not None:
        return _link(match["label"], match["url"])
    if match["strong"] is not None:
        return Span("strong", match["strong"])
    if match["em"] is not None:
        return Span("em", match["em"])
    return Span("code", match["code"])


def _merged(spans: list[Span]) -> list[Span]:
    """Adjacent text spans as one (a refused link leaves two), so escaping sees whole runs."""
    merged: list[Span] = []
    for span in spans:
        if merged and span.kind == "text" and merged[-1].kind == "text":
            merged[-1] = Span("text", merged[-1].text + span.text)
        else:
            merged.append(span)
    return merged


def render(text: str, write: Callable[[Span], str]) -> str:
    """The text with each of its spans written by ``write``."""
    return "".join(write(span) for span in parse(text))


#: An "&" that would start a character reference ("&amp;", "&#124;").
ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
