"""The JSON Schemas in content/, generated from the models so editors and tools validate as the core does.

``questions.schema.json`` describes content/questions.yaml (:class:`~leitfaden.model.Guide`),
``answers.schema.json`` the answers file (:class:`~leitfaden.answers.AnswersFile`).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .answers import AnswersFile
from .model import Guide

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
SCHEMA_PATH = CONTENT_DIR / "questions.schema.json"
ANSWERS_SCHEMA_PATH = CONTENT_DIR / "answers.schema.json"


def _render(model: type[BaseModel]) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"} | model.model_json_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def render_schema() -> str:
    return _render(Guide)


def render_answers_schema() -> str:
    return _render(AnswersFile)


def _schemas(path: Path) -> dict[Path, str]:
    return {path: render_schema(), path.with_name(ANSWERS_SCHEMA_PATH.name): render_answers_schema()}


def schema_is_current(path: Path = SCHEMA_PATH) -> bool:
    """Both schemas beside ``path`` are what the models give."""
    return all(
        file.exists() and file.read_text(encoding="utf-8") == text for file, text in _schemas(path).items()
    )


def write_schema(path: Path = SCHEMA_PATH) -> None:
    for file, text in _schemas(path).items():
        file.write_text(text, encoding="utf-8")
