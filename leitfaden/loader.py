"""Read content/questions.yaml into a validated :class:`Guide`, or fail with clear messages.

Every problem becomes one line ``<file>:<line>: <field path>: <message>`` (German, since
content editors read them). YAML node marks give the line numbers that pydantic lacks.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .model import Guide, _PathError

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "content" / "questions.yaml"

PathKey = tuple[str | int, ...]

# libyaml's parser (shipped in PyYAML's wheels) is ten times faster and keeps line marks too.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(Exception):
    """The content file is unusable; ``messages`` holds one line per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class _Located:
    data: Any
    lines: dict[PathKey, int]


def load_guide(path: Path = DEFAULT_PATH) -> Guide:
    """Load and validate the guide. Raises :class:`ContentError`."""
    stat = path.stat()
    return _load_cached(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path, _mtime_ns: int, _size: int) -> Guide:
    # mtime and size are part of the cache key so `mkdocs serve` sees every edit.
    name = _display_name(path)
    located = _parse(path.read_bytes(), name)
    try:
        return Guide.model_validate(located.data)
    except ValidationError as error:
        problems = {_describe(e, located) for e in error.errors()}
        raise ContentError([f"{name}:{line}: {text}" for line, text in sorted(problems)]) from None


def _display_name(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _parse(raw: bytes, name: str) -> _Located:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            [f"{name}:{line}: die Datei ist nicht UTF-8-kodiert (Byte {error.start})"]
        ) from None
    text = text.removeprefix("\ufeff")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentError([f"{name}:1: die Datei ist leer"])
        lines: dict[PathKey, int] = {}
        _collect_lines(node, (), lines, name)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(filter(None, [error.context, error.problem]))
        raise ContentError([f"{name}:{line}: YAML-Syntaxfehler: {problem}"]) from None
    except yaml.YAMLError as error:
        raise ContentError([f"{name}:1: YAML-Fehler: {error}"]) from None
    finally:
        loader.dispose()
    return _Located(data, lines)


def _collect_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], name: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise ContentError(
                    [
                        f"{name}:{key_node.start_mark.line + 1}: {_format_path(path + (key,))}: "
                        "der Schlüssel steht in diesem Abschnitt doppelt"
                    ]
                )
            seen.add(key)
            lines[path + (key, "<key>")] = key_node.start_mark.line + 1
            _collect_lines(value_node, path + (key,), lines, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, path + (index,), lines, name)


def _describe(error: ErrorDetails, located: _Located) -> tuple[int, str]:
    path = _data_path(error["loc"], located.data)
    message = _message(error)
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, _PathError):
        path += cause.path
        message = cause.message
    line = located.lines.get(path + ("<key>",)) or _nearest_line(path, located.lines)
    return line, f"{_format_path(path) or '(Datei)'}: {message}"


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


def _format_path(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


_MESSAGES: dict[str, str] = {
    "missing": "Pflichtfeld fehlt",
    "extra_forbidden": "unbekanntes Feld (Tippfehler?)",
    "string_type": "erwartet Text",
    "list_type": "erwartet eine Liste",
    "dict_type": "erwartet Felder (Schlüssel: Wert)",
    "model_type": "erwartet Felder (Schlüssel: Wert)",
    "model_attributes_type": "erwartet Felder (Schlüssel: Wert)",
    "int_type": "erwartet eine ganze Zahl",
    "int_parsing": "erwartet eine ganze Zahl",
    "string_too_short": "darf nicht leer sein",
    "none_required": "muss leer sein",
}


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "a-z0-9" in pattern:
            return (
                f"{error['input']!r} ist keine gültige ID: nur Kleinbuchstaben a-z, "
                "Ziffern und Bindestriche (z. B. 'backup-konzept')"
            )
        return f"{error['input']!r} hat nicht das erwartete Format ({pattern})"
    if kind == "too_short":
        return f"braucht mindestens {ctx.get('min_length')} Eintrag/Einträge"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("string_type", "int_type") and error.get("input") is not None:
        return f"{_MESSAGES[kind]}, nicht {error['input']!r}"
    return _MESSAGES.get(kind, error["msg"])


def iter_problems(path: Path = DEFAULT_PATH) -> Iterator[str]:
    """Yield the problem lines of a content file (none when it is valid)."""
    try:
        load_guide(path)
    except ContentError as error:
        yield from error.messages
