"""`make build` replaces site/ only when everything is built; a failure leaves it as it was."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import build_env, copy_project, processes_naming

CONTENT = Path("content") / "questions.yaml"
QUESTION = "        text: Wie heißt das Projekt?"

pytestmark = pytest.mark.slow  # a full build each


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> Path:
    """A copy of the project with a good build in site/: the run's build (the steps that
    `leitfaden build` runs), copied for real, so that no test here can change the shared one."""
    project = copy_project(tmp_path_factory.mktemp("atomic") / "project")
    shutil.copytree(built_site, project / "site")
    return project


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leitfaden", "build", "site"],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def snapshot(site: Path) -> dict[str, bytes | None]:
    """Every path below ``site`` with its bytes (None for a directory)."""
    return {
        str(path.relative_to(site)): None if path.is_dir() else path.read_bytes()
        for path in sorted(site.rglob("*"))
    }


@pytest.fixture
def edit(project: Path) -> Iterator[None]:
    """Whatever a test breaks in the project is repaired afterwards."""
    saved = {
        path: path.read_bytes() for path in project.rglob("*") if path.is_file() and "site" not in path.parts
    }
    yield
    for path in project.rglob("*"):
        if path.is_file() and "site" not in path.parts and path not in saved:
            path.unlink()
    for path, data in saved.items():
        path.write_bytes(data)


def brochure_processes_left(project: Path) -> list[int]:
    """The brochure processes that ``build(project)`` started and that still run with no
    SIGKILL on its way to them. One that was sent it may take a moment to end on a busy
    machine; one that was not would go on until the brochure is written (a few seconds)."""
    return [pid for pid in processes_naming(f"{project}/.site-neu-") if not _kill_pending(pid)]


def _kill_pending(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:  # it has ended meanwhile
        return True
    masks = [
        int(line.split()[1], 16) for line in status.splitlines() if line.startswith(("SigPnd:", "ShdPnd:"))
    ]
    return any(mask & 1 << (signal.SIGKILL - 1) for mask in masks)


def assert_failed_without_touching_site(project: Path, before: dict[str, bytes | None]) -> str:
    result = build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr.split("Build abgebrochen")[-1]
    assert result.stderr.rstrip().endswith("– site bleibt unverändert"), result.stderr
    assert snapshot(project / "site") == before
    assert [path.name for path in project.iterdir() if path.name.startswith(".site-")] == []
    return result.stderr


@pytest.mark.usefixtures("edit")
def test_a_content_error_leaves_site_unchanged(project: Path) -> None:
    before = snapshot(project / "site")
    content = project / CONTENT
    content.write_text(
        content.read_text(encoding="utf-8").replace(QUESTION, "        text: 42"), encoding="utf-8"
    )
    stderr = assert_failed_without_touching_site(project, before)
    # once, from MkDocs: the brochure, built side by side, is stopped with its messages
    assert stderr.count("chapters[0].questions[0].text: erwartet Text, nicht die Zahl 42") == 1, stderr


@pytest.mark.usefixtures("edit")
def test_a_strict_mode_warning_leaves_site_unchanged(project: Path) -> None:
    before = snapshot(project / "site")
    (project / "docs" / "kaputt.md").write_text("# Kaputt\n\n[Link](fehlt.md)\n", encoding="utf-8")
    stderr = assert_failed_without_touching_site(project, before)
    assert "Schritt „MkDocs“ ist fehlgeschlagen" in stderr
    # the brochure, still being written beside MkDocs, was stopped with every process it forked
    assert brochure_processes_left(project) == []


@pytest.mark.usefixtures("edit")
def test_a_pdf_failure_leaves_site_unchanged(project: Path) -> None:
    before = snapshot(project / "site")
    template = project / "leitfaden" / "templates" / "brochure.html.j2"
    template.write_text("{% if %}", encoding="utf-8")  # WeasyPrint never gets a page
    stderr = assert_failed_without_touching_site(project, before)
    assert "Schritt „Broschüre“ ist fehlgeschlagen" in stderr


@pytest.mark.usefixtures("edit")
def test_a_good_build_replaces_site(project: Path) -> None:
    content = project / CONTENT
    content.write_text(
        content.read_text(encoding="utf-8").replace(QUESTION, "        text: Wie heißt das Vorhaben?"),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode == 0, result.stderr
    # the brochure's message names where its files end up, not the temporary folder
    assert "site/projektleitfaden.pdf und projektleitfaden-druck.pdf" in result.stdout, result.stdout
    assert ".site-neu-" not in result.stdout
    page = (project / "site" / "projekt" / "index.html").read_text(encoding="utf-8")
    assert "Wie heißt das Vorhaben?" in page and "Wie heißt das Projekt?" not in page
    for edition in ("projektleitfaden.pdf", "projektleitfaden-druck.pdf"):
        assert (project / "site" / edition).read_bytes().startswith(b"%PDF-")
