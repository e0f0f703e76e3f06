"""The broken-file corpus: every case fails with exactly its German line (tests/corpus/)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from leitfaden.loader import ContentError, load_guide

from .conftest import ROOT

SOURCE = (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8")
CORPUS = Path(__file__).parent / "corpus" / "broken_content.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def broken_file(case: dict[str, Any]) -> str:
    if "content" in case:
        return str(case["content"])
    old, new = case["replace"]
    assert old in SOURCE, f"{case['case']}: text to replace not found: {old!r}"
    return SOURCE.replace(old, new, 1)


def expected_line(case: dict[str, Any]) -> int:
    if "at" not in case:
        return int(case.get("at_line", 1))
    return SOURCE.splitlines().index(case["at"]) + 1 + int(case.get("at_offset", 0))


def expected_messages(case: dict[str, Any]) -> list[str]:
    """The case's lines; ``{closes}`` stands for the line of ``closes_at`` in the real file."""
    line = expected_line(case)
    messages = case["messages"] if "messages" in case else [case["message"]]
    if "closes_at" in case:
        closes = SOURCE.splitlines().index(case["closes_at"]) + 1
        messages = [message.replace("{closes}", str(closes)) for message in messages]
    return [f"{line}: {message}" for message in messages]


def test_the_corpus_has_its_cases() -> None:
    names = [case["case"] for case in CASES]
    assert len(names) == len(set(names)), "every case needs its own name"
    assert len(names) >= 50


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_broken_file_gives_its_german_line(tmp_path: Path, case: dict[str, Any]) -> None:
    path = tmp_path / "questions.yaml"
    path.write_bytes(broken_file(case).encode("utf-8", "surrogateescape"))
    with pytest.raises(ContentError) as caught:
        load_guide(path)
    prefix = f"{os.path.relpath(path)}:"
    assert all(message.startswith(prefix) for message in caught.value.messages)
    assert [message.removeprefix(prefix) for message in caught.value.messages] == expected_messages(case)
