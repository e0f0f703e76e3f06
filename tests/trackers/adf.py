"""Atlassian Document Format (what Jira's editor holds) as HTML, to read it like any other tracker.

Only the nodes and marks a ticket can produce get their HTML element. Any other node, an
emoji included, is written as visible text ``[adf:<type> …]``, so the comparison with
GitHub's rendering shows it.
"""

from __future__ import annotations

import html
import itertools
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
    children = _children(node.get("content", []))
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


#: Marks that wrap neighbouring text nodes together, outermost first.
_GROUPED = ("link", "strong", "em", "code")


def _children(nodes: list[dict[str, Any]], marks: tuple[str, ...] = _GROUPED) -> str:
    """The nodes in order. ADF marks each text node on its own, so a bold sentence with a
    link inside is three text nodes; neighbours sharing a mark become one element, as in
    the HTML of the other trackers."""
    if not marks:
        return "".join(to_html(node) for node in nodes)
    # The mark with the longest run is the outer element: "**Siehe [Link](…).**" is bold
    # around a link, "[*Wichtig:* kursiv](…)" a link around an emphasis.
    kind = max(marks, key=lambda mark: _longest_run(nodes, mark))
    rest = tuple(mark for mark in marks if mark != kind)
    parts: list[str] = []
    for key, group in itertools.groupby(nodes, key=lambda node: _mark_key(node, kind)):
        members = list(group)
        if not key:
            parts.append(_children(members, rest))
            continue
        inner = _children([_without(node, kind) for node in members], rest)
        if kind == "link":
            parts.append(f'<a href="{html.escape(key)}">{inner}</a>')
        else:
            parts.append(f"<{_MARKS[kind]}>{inner}</{_MARKS[kind]}>")
    return "".join(parts)


def _longest_run(nodes: list[dict[str, Any]], kind: str) -> int:
    groups = itertools.groupby(nodes, key=lambda node: _mark_key(node, kind))
    runs = [len(list(group)) for key, group in groups if key]
    return max(runs, default=0)


def _mark_key(node: dict[str, Any], kind: str) -> str:
    for mark in node.get("marks", []):
        if mark["type"] == kind:
            return str(mark.get("attrs", {}).get("href", kind))
    return ""


def _without(node: dict[str, Any], kind: str) -> dict[str, Any]:
    return {**node, "marks": [mark for mark in node.get("marks", []) if mark["type"] != kind]}


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
