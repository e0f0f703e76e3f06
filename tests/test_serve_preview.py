"""`make serve` shows a content error in the browser, keeps watching, and recovers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from leitfaden.preview import error_page

from .conftest import ROOT, build_env, copy_project

QUESTION = "        text: Wie heißt das Projekt?\n"
#: An unknown key whose name is markup: the page must show it as text.
HOSTILE = QUESTION + "        <img src=x onerror=alert(1)>: 1\n"
WAIT = 120.0


def test_the_error_page_escapes_every_problem() -> None:
    soup = BeautifulSoup(
        error_page(["a.yaml:3: x: <script>alert(1)</script>", "a.yaml:4: y: &amp;"]), "html.parser"
    )
    assert soup.find("script") is None
    assert [item.get_text() for item in soup.select("li")] == [
        "a.yaml:3: x: <script>alert(1)</script>",
        "a.yaml:4: y: &amp;",
    ]
    assert soup.html is not None and soup.html["lang"] == "de"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert process.poll() is None, "mkdocs serve hat sich beendet"
        assert time.monotonic() < deadline, "mkdocs serve zeigt nach 120 s nicht, was erwartet ist"
        time.sleep(0.5)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def serve(project: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    content = project / "content" / "questions.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(QUESTION, HOSTILE), encoding="utf-8")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=build_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_shows_the_error_and_recovers_after_the_fix(
    project: Path, serve: tuple[str, subprocess.Popen[str]]
) -> None:
    url, process = serve
    wait_for(lambda: "Fehler im Inhalt" in get(url)[1], process)
    status, page = get(url)
    soup = BeautifulSoup(page, "html.parser")
    assert status == 200 and soup.find("img") is None
    [problem] = [item.get_text() for item in soup.select("li")]
    line = (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8").splitlines().index(
        QUESTION.rstrip()
    ) + 2
    assert problem == (
        f"content/questions.yaml:{line}: chapters[0].questions[0].<img src=x onerror=alert(1)>: "
        "unbekanntes Feld (Tippfehler?)"
    )
    assert "Fehler im Inhalt" in get(url + "sicherheit/")[1]  # every address shows it

    content = project / "content" / "questions.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(HOSTILE, QUESTION), encoding="utf-8")
    wait_for(lambda: get(url + "projekt/")[0] == 200, process)
    assert "Fehler im Inhalt" not in get(url)[1]
    assert "Wie heißt das Projekt?" in get(url + "projekt/")[1]
