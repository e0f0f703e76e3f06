"""No English reaches an editor: every error the model can raise has its German text."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from leitfaden import messages
from leitfaden.model import Guide

from .conftest import ROOT

DATA: dict[str, Any] = yaml.safe_load((ROOT / "content" / "questions.yaml").read_text(encoding="utf-8"))
#: Values of every YAML kind, and the edge cases of the model's constraints.
WRONG_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    99,
    2.5,
    "",
    "   ",
    "Kein Slug!",
    "x" * 200,
    [],
    ["a"],
    [["a", "b", "c", "d", "e"]],
    {},
    {"unbekannt": 1},
]
#: Words from pydantic's English messages, which must never reach an editor.
ENGLISH = re.compile(r"\b(Input|should|Field|required|String|characters|valid|least|most|Value error)\b")


def schema_positions(value: Any) -> list[tuple[str | int, ...]]:
    """One path per place in the schema and kind of value (all chapters share one place)."""
    positions: dict[tuple[object, ...], tuple[str | int, ...]] = {}

    def visit(value: Any, path: tuple[str | int, ...]) -> None:
        place = tuple("*" if isinstance(part, int) else part for part in path)
        positions.setdefault((place, type(value).__name__), path)
        children = (
            value.items() if isinstance(value, dict) else enumerate(value if isinstance(value, list) else [])
        )
        for key, child in children:
            visit(child, path + (key,))

    visit(value, ())
    return list(positions.values())


def replaced(path: tuple[str | int, ...], new: Any) -> Any:
    data = copy.deepcopy(DATA)
    if not path:
        return new
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = new
    return data


def errors_of_every_mutation() -> Iterator[tuple[str, Any]]:
    for path in schema_positions(DATA):
        for value in WRONG_VALUES:
            try:
                Guide.model_validate(replaced(path, value))
            except ValidationError as error:
                for details in error.errors():
                    yield f"{path} = {value!r}", details


def test_every_error_the_model_raises_for_wrong_values_has_german_text() -> None:
    kinds: set[str] = set()
    for where, details in errors_of_every_mutation():
        kinds.add(details["type"])
        text = messages.validation_error(details)
        assert details["type"] in messages.GERMAN_ERROR_TYPES, (
            f"{where}: {details['type']} has no German text"
        )
        assert not ENGLISH.search(text), f"{where}: English in {text!r}"
        assert text != details["msg"]
    # The sweep reaches every kind of constraint the model has; if this shrinks, it lost reach.
    assert {"missing", "extra_forbidden", "string_type", "string_too_short", "string_too_long"} <= kinds
    assert {"string_pattern_mismatch", "less_than_equal", "greater_than_equal", "too_short"} <= kinds
    assert {"int_type", "list_type", "model_type", "value_error"} <= kinds


def test_an_error_kind_without_german_text_still_gets_a_german_line() -> None:
    details: Any = {
        "type": "uuid_parsing",
        "loc": ("x",),
        "msg": "Input should be a valid UUID",
        "input": "x",
    }
    assert messages.validation_error(details) == "ungültiger Wert"


def json_schema_patterns(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get("pattern"), str):
            yield value["pattern"]
        for child in value.values():
            yield from json_schema_patterns(child)
    elif isinstance(value, list):
        for child in value:
            yield from json_schema_patterns(child)


def test_every_pattern_of_the_model_is_explained_in_words() -> None:
    patterns = set(json_schema_patterns(Guide.model_json_schema()))
    assert patterns, "the model has patterns (ids, e-mail, version)"
    assert patterns <= set(messages.PATTERNS), patterns - set(messages.PATTERNS)


@pytest.mark.parametrize(
    "text",
    [
        "a: b: c\n",
        "a:\n\tb: c\n",
        "a: 'b\n",
        'a: "b\n',
        "a:\n  b: c\n d: e\n",
        "a: [b, c\n",
        "a: {b: c\n",
        "a: @b\n",
        "a: `b`\n",
        "a: *\n",
        'a: "\\q"\n',
        "a: >- b\n  c\n",
        "- a\nb: c\n",
        "a\nb: c\n",
        "a: b\n- c\n",
        "%FOO\n---\na: b\n",
    ],
)
def test_yaml_syntax_errors_are_translated(text: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    assert messages.knows_yaml_problem(caught.value), f"{caught.value.problem!r} has no German text"
    assert not ENGLISH.search(messages.yaml_error(caught.value, text))


def test_a_choice_of_values_is_listed_in_german() -> None:
    details: Any = {
        "type": "literal_error",
        "loc": ("x",),
        "msg": "",
        "input": "c",
        "ctx": {"expected": "'a' or 'b'"},
    }
    assert messages.validation_error(details) == "erwartet einen dieser Werte: 'a' oder 'b'"
