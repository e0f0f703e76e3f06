"""Atlassian Document Format (what Jira's editor holds) as HTML, to read it like any other tracker.

Only the nodes and marks a ticket can produce get their HTML element. Any other node, an
emoji included, is written as visible text ``[adf:<type> …]``, so the comparison with
GitHub's rendering shows it.
"""

from __future__ import annotations

import html
from typing import Any

_BLOCKS = {
    "doc": "div",
    "paragraph": "p",
    "bulletList": "ul",
    "orderedList": "ol",
    "listItem": "li",
    "blockquote": "blockquote",
    "table": "table",
    "tableRow": "tr",
    "tableHeader": "th",
    "tableCell": "td",
}
_MARKS = {"strong": "strong", "em": "em", "code": "code", "strike": "del", "underline": "u"}


def to_html(node: dict[str, Any]) -> str:
    kind = node["type"]
    if kind == "text":
        return _marked(html.escape(node["text"], quote=False), node.get("marks", []))
    children = "".join(to_html(child) for child in node.get("content", []))
    if kind in _BLOCKS:
        return f"<{_BLOCKS[kind]}>{children}</{_BLOCKS[kind]}>"
    if kind == "heading":
        level = node["attrs"]["level"]
        return f"<h{level}>{children}</h{level}>"
    if kind == "hardBreak":
        return "<br>"
    if kind == "rule":
        return "<hr>"
    attrs = " ".join(f"{key}={value}" for key, value in sorted(node.get("attrs", {}).items()) if value)
    return f"<span>[adf:{html.escape(kind)} {html.escape(attrs)}]{children}</span>"


def _marked(text: str, marks: list[dict[str, Any]]) -> str:
    for mark in marks:
        kind = mark["type"]
        if kind == "link":
            text = f'<a href="{html.escape(mark["attrs"]["href"])}">{text}</a>'
        elif kind in _MARKS:
            text = f"<{_MARKS[kind]}>{text}</{_MARKS[kind]}>"
        else:
            text = f"<span>[adf-mark:{html.escape(kind)}]{text}</span>"
    return text
