"""Read content/questions.yaml into a validated :class:`Guide`, or fail with clear messages.

Every problem becomes one line ``<file>:<line>: <field path>: <message>`` (German, since
content editors read them). YAML node marks give the line numbers that pydantic lacks.

The file is untrusted input, so before anything is built from it the loader enforces
limits that keep every answer under a second: a size cap, no control characters, and
one streaming pass over the YAML events that counts values as if every alias were
expanded (an alias bomb is a few hundred bytes that expand to billions of values) and
refuses explicit tags, a second document, deep nesting and too many values.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from . import messages
from .model import Guide, _PathError
from .site import CONTENT_PATH

#: About twenty times today's file: room to grow, but a bound on everything built from it.
MAX_FILE_BYTES: Final = 1_000_000
#: The guide needs seven levels (guide → chapters → chapter → questions → … → table rows).
MAX_DEPTH: Final = 20
#: Keys, values and list items together; today's file has about 2,000.
MAX_NODES: Final = 50_000

#: Characters YAML allows in the file are TAB, LF, CR and printable ones; NEL and the
#: Unicode line and paragraph separators are line breaks to YAML but not to editors, so
#: they would shift every line number. All of them are refused wherever they appear.
_FORBIDDEN_IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
#: In a value (after YAML's escapes such as "\x07" or "\r" are resolved) only TAB and LF.
_FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

PathKey = tuple[str | int, ...]
_STR_TAG: Final = "tag:yaml.org,2002:str"

# libyaml's parser (shipped in PyYAML's wheels) is ten times faster and keeps line marks too.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ContentLoader(_BaseLoader):  # type: ignore[misc]
    """YAML 1.1 without implicit timestamps: ``2026-13-45`` is text, not a crash."""


_ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class ContentError(Exception):
    """The content file is unusable; ``messages`` holds one line per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Source:
    """A validated guide with where each of its values stands in the file."""

    guide: Guide
    name: str
    lines: dict[PathKey, int]

    def line(self, path: PathKey) -> int:
        """The line of the value at ``path`` (or of its nearest enclosing value)."""
        return _nearest_line(path, self.lines)

    def problem(self, path: PathKey, message: str) -> str:
        """One message line for a problem with the value at ``path``."""
        return f"{self.name}:{self.line(path)}: {format_path(path) or '(Datei)'}: {message}"


@dataclass(frozen=True)
class _Located:
    data: Any
    lines: dict[PathKey, int]


def load_guide(path: Path = CONTENT_PATH) -> Guide:
    """Load and validate the guide. Raises :class:`ContentError`."""
    return load_source(path).guide


def load_source(path: Path = CONTENT_PATH) -> Source:
    """Load and validate the guide, keeping its line numbers. Raises :class:`ContentError`."""
    try:
        stat = path.stat()
    except OSError as error:
        raise ContentError([f"{display_name(path)}:1: {_os_problem(error)}"]) from None
    return _load_cached(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path, _mtime_ns: int, _size: int) -> Source:
    # mtime and size are part of the cache key so `mkdocs serve` sees every edit.
    name = display_name(path)
    located = _parse(_read(path, name), name)
    try:
        guide = Guide.model_validate(located.data)
    except ValidationError as error:
        problems = {_describe(e, located) for e in error.errors()}
        raise ContentError([f"{name}:{line}: {text}" for line, text in sorted(problems)]) from None
    return Source(guide, name, located.lines)


def display_name(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _os_problem(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "die Datei gibt es nicht"
    if isinstance(error, IsADirectoryError):
        return "das ist ein Verzeichnis, keine Datei"
    if isinstance(error, PermissionError):
        return "keine Berechtigung, die Datei zu lesen"
    return f"die Datei lässt sich nicht lesen (Fehlernummer {error.errno})"


def _read(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ContentError([f"{name}:1: {_os_problem(error)}"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError(
            [f"{name}:1: die Datei ist zu groß: mehr als {MAX_FILE_BYTES:,} Bytes".replace(",", ".")]
        )
    return raw


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column (both from 1) of ``text[index]``, counting CRLF, CR and LF as breaks."""
    before = text[:index]
    breaks = list(_LINE_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", "replace")
        line, column = _position(before, len(before))
        raise ContentError(
            [
                f"{name}:{line}: die Datei ist nicht UTF-8-kodiert (Spalte {column}, Byte {error.start}): "
                "bitte als UTF-8 speichern"
            ]
        ) from None
    text = text.removeprefix("\ufeff")
    forbidden = _FORBIDDEN_IN_FILE.search(text)
    if forbidden:
        line, column = _position(text, forbidden.start())
        raise ContentError([f"{name}:{line}: {messages.control_character(forbidden.group(), column)}"])
    return text


def _parse(raw: bytes, name: str) -> _Located:
    text = _decode(raw, name)
    try:
        _check_events(text, name)
        loader = _ContentLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise ContentError([f"{name}:1: die Datei ist leer"])
            lines: dict[PathKey, int] = {}
            _collect_lines(node, (), lines, name)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        quote = _open_quote(text, error)
        raise ContentError([f"{name}:{messages.yaml_error(error, text, quote)}"]) from None
    except yaml.YAMLError:
        raise ContentError([f"{name}:1: die Datei ist kein gültiges YAML"]) from None
    return _Located(data, lines)


def _open_quote(text: str, error: yaml.MarkedYAMLError) -> yaml.ScalarToken | None:
    """Where a quoted text began that ran over several lines right up to the error, if one did."""
    if error.problem_mark is None:
        return None
    error_line = error.problem_mark.line
    loader = _ContentLoader(text)
    last: yaml.ScalarToken | None = None
    try:
        while (token := loader.get_token()) is not None and token.start_mark.line <= error_line:
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    if last is None:
        return None
    spans_lines = last.end_mark.line > last.start_mark.line
    return last if spans_lines and error_line - last.end_mark.line <= 1 else None


@dataclass
class _Frame:
    """A mapping or sequence being read in the event pass, and where its next item goes."""

    path: PathKey
    is_mapping: bool
    anchor: str | None
    items: int = 0
    key: str = ""
    #: Nodes below this one with every alias expanded, and levels below it.
    size: int = 1
    height: int = 1

    def child(self) -> PathKey:
        if not self.is_mapping:
            return self.path + (self.items,)
        return self.path if self.items % 2 == 0 else self.path + (self.key,)

    def add(self, event: yaml.Event, size: int, height: int) -> None:
        if self.is_mapping and self.items % 2 == 0:
            self.key = str(event.value) if isinstance(event, yaml.ScalarEvent) else "?"
        self.items += 1
        self.size += size
        self.height = max(self.height, height + 1)


@dataclass
class _Expansion:
    """What the document grows to once every alias is replaced by its anchor's node."""

    name: str
    frames: list[_Frame] = field(default_factory=list)
    #: Anchor name → (expanded size, height) of its finished node.
    anchors: dict[str, tuple[int, int]] = field(default_factory=dict)
    nodes: int = 0

    def node(self, event: yaml.NodeEvent) -> None:
        path = self.frames[-1].child() if self.frames else ()
        size, height = self._weight(event, path)
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise self.problem(event, path, messages.too_many_nodes(MAX_NODES))
        if len(self.frames) + height > MAX_DEPTH:
            raise self.problem(event, path, messages.too_deep(MAX_DEPTH))
        if isinstance(event, yaml.CollectionStartEvent):
            self.frames.append(_Frame(path, isinstance(event, yaml.MappingStartEvent), event.anchor))
            return
        if event.anchor is not None:
            self.anchors[event.anchor] = (size, height)
        if self.frames:
            self.frames[-1].add(event, size, height)

    def end(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.frames.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.size, frame.height)
        if self.frames:
            self.frames[-1].add(event, frame.size, frame.height)

    def _weight(self, event: yaml.NodeEvent, path: PathKey) -> tuple[int, int]:
        tag = getattr(event, "tag", None)  # scalars and collections have one, aliases not
        if tag is not None:
            raise self.problem(event, path, messages.tag(str(tag)))
        if not isinstance(event, yaml.AliasEvent):
            return 1, 1
        anchor = str(event.anchor)
        if anchor in self.anchors:
            return self.anchors[anchor]
        if any(frame.anchor == anchor for frame in self.frames):
            raise self.problem(event, path, messages.recursive_alias(anchor))
        raise self.problem(event, path, messages.undefined_alias(anchor))

    def problem(self, event: yaml.Event, path: PathKey, message: str) -> ContentError:
        where = f"{format_path(path)}: " if path else ""
        line = event.start_mark.line + 1 if event.start_mark else 1
        return ContentError([f"{self.name}:{line}: {where}{message}"])


def _check_events(text: str, name: str) -> None:
    """Refuse what would make building the document costly, before anything is built.

    PyYAML composes an alias as a shared node, so a few hundred bytes of nested aliases
    (an "alias bomb") are cheap to compose but expand to billions of values for whatever
    walks the data afterwards. This streaming pass counts values as if every alias were
    expanded and stops at the first one past the limits.
    """
    loader = _ContentLoader(text)
    expansion = _Expansion(name)
    documents = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise expansion.problem(event, (), messages.SECOND_DOCUMENT)
            elif isinstance(event, yaml.NodeEvent):
                expansion.node(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                expansion.end(event)
    finally:
        loader.dispose()


def _collect_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], name: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        _check_scalar(node, path, name)
    elif isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise ContentError(
                    [
                        f"{name}:{key_node.start_mark.line + 1}: {format_path(path + (key,))}: "
                        "der Schlüssel steht in diesem Abschnitt doppelt"
                    ]
                )
            seen.add(key)
            lines[path + (key, "<key>")] = key_node.start_mark.line + 1
            if key_node.tag != _STR_TAG:  # 42:, yes: or a [list] as a key
                where = format_path(path + (key,))
                raise ContentError(
                    [f"{name}:{key_node.start_mark.line + 1}: {where}: {messages.NOT_A_WORD_KEY}"]
                )
            _check_scalar(key_node, path, name)
            _collect_lines(value_node, path + (key,), lines, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, path + (index,), lines, name)


def _check_scalar(node: yaml.ScalarNode, path: PathKey, name: str) -> None:
    """A double-quoted "\\x07" or "\\0" is valid YAML but no character a text may hold."""
    forbidden = _FORBIDDEN_IN_TEXT.search(str(node.value))
    if forbidden:
        where = f"{format_path(path)}: " if path else ""
        raise ContentError(
            [f"{name}:{node.start_mark.line + 1}: {where}{messages.control_character(forbidden.group())}"]
        )


def _describe(error: ErrorDetails, located: _Located) -> tuple[int, str]:
    path = _data_path(error["loc"], located.data)
    message = messages.validation_error(error)
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, _PathError):
        path += cause.path
        message = cause.message
    line = located.lines.get(path + ("<key>",)) or _nearest_line(path, located.lines)
    return line, f"{format_path(path) or '(Datei)'}: {message}"


def _data_path(loc: tuple[int | str, ...], data: Any) -> PathKey:
    """Map pydantic's location onto the data, dropping union tags such as ``offer``."""
    path: list[str | int] = []
    current = data
    for position, part in enumerate(loc):
        if _has_child(current, part):
            path.append(part)
            current = current[part]
        elif position == len(loc) - 1 and isinstance(current, dict):
            path.append(part)  # a missing or forbidden key: it has no value to descend into
    return tuple(path)


def _has_child(value: Any, part: str | int) -> bool:
    if isinstance(value, dict):
        return part in value
    return isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)


def _nearest_line(path: PathKey, lines: dict[PathKey, int]) -> int:
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1


def format_path(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
