"""Hostile files are refused early, with bounded memory, and one German line each."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from leitfaden.loader import MAX_FILE_BYTES, ContentError, load_guide

#: The classic "billion laughs": nine levels of nine aliases, 9**9 values once expanded.
ALIAS_BOMB = "".join(
    f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + ALIAS_BOMB


def written(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "questions.yaml"
    path.write_text(content, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_guide(path)
    [message] = caught.value.messages
    prefix = f"{os.path.relpath(path)}:"
    assert message.startswith(prefix) and "\n" not in message
    return message.removeprefix(prefix)


def peak_memory_of(path: Path) -> tuple[str, int]:
    """The refusal of the file, and the most memory that loading it took."""
    tracemalloc.start()
    try:
        message = refusal(path)
        return message, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    assert len(ALIAS_BOMB) < 400
    message, peak = peak_memory_of(written(tmp_path, ALIAS_BOMB))
    assert message == (
        "5: e[5]: zu viele Werte: mehr als 50.000, "
        "wenn jeder YAML-Alias („*name“) durch seinen Anker ersetzt ist"
    )
    assert peak < 5_000_000, f"{peak:,} bytes"


TOO_DEEP = "zu tief verschachtelt: mehr als 20 Ebenen (der Leitfaden braucht höchstens 7)"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a: " + "[" * 100 + "]" * 100 + "\n", f"1: a{'[0]' * 19}: {TOO_DEEP}"),
        ("a: " + "{a: " * 100 + "x" + "}" * 100 + "\n", f"1: a{'.a' * 18}: {TOO_DEEP}"),
        ("".join("  " * depth + "-\n" for depth in range(300)), f"21: {'[0]' * 20}: {TOO_DEEP}"),
        # libyaml stops at 1,000 open brackets itself, before the loader counts them.
        (
            "a: " + "[" * 1000 + "]" * 1000 + "\n",
            "1: YAML-Syntaxfehler in Spalte 1003: zu tief verschachtelt – Tipp: Klammern [ ] und { } prüfen",
        ),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "a-thousand-brackets"],
)
def test_deep_nesting_is_refused_without_recursion(tmp_path: Path, content: str, message: str) -> None:
    assert refusal(written(tmp_path, content)) == message


def test_oversized_file_is_not_read_whole(tmp_path: Path) -> None:
    message, peak = peak_memory_of(written(tmp_path, "title: " + "x" * (20 * MAX_FILE_BYTES) + "\n"))
    assert message == "1: die Datei ist zu groß: mehr als 1.000.000 Bytes"
    assert peak < 3 * MAX_FILE_BYTES, f"{peak:,} bytes"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "fehlt.yaml"
    with pytest.raises(ContentError) as caught:
        load_guide(path)
    assert caught.value.messages == [f"{os.path.relpath(path)}:1: die Datei gibt es nicht"]


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_guide(tmp_path)
    assert caught.value.messages == [f"{os.path.relpath(tmp_path)}:1: das ist ein Verzeichnis, keine Datei"]


@pytest.mark.parametrize(
    "content",
    [ALIAS_BOMB, "a: " + "[" * 1000 + "]" * 1000 + "\n", "tip: a\x00b\n"],
    ids=["alias-bomb", "deep-nesting", "nul-byte"],
)
def test_check_command_prints_one_line_and_no_traceback(tmp_path: Path, content: str) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(content, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "leitfaden", "check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"{os.path.relpath(path)}:")


def test_check_command_on_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "fehlt.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "leitfaden", "check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stderr) == (1, f"{os.path.relpath(path)}:1: die Datei gibt es nicht\n")
