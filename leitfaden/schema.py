"""content/questions.schema.json, generated from the model so editors validate as the build does."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Guide

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "content" / "questions.schema.json"


def render_schema() -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"} | Guide.model_json_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_is_current(path: Path = SCHEMA_PATH) -> bool:
    return path.exists() and path.read_text(encoding="utf-8") == render_schema()


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(render_schema(), encoding="utf-8")
