"""The real trackers: per test process one Redmine and one node process with Atlassian's
parsers, started only when a test needs them; and what they render, shared by the run."""

from __future__ import annotations

import fcntl
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import shared_folder, shared_temp

from .servers import Atlassian, Progress, Redmine

#: What the trackers showed: a list of HTML texts per tracker (and GitHub).
Rendered = dict[str, list[str]]
RenderOnce = Callable[[str, Callable[[Redmine, Atlassian], Rendered]], Rendered]


@pytest.fixture(scope="session")
def progress(request: pytest.FixtureRequest) -> Progress:
    """A line on the terminal while the slow parts run, even with output captured."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")

    def say(message: str) -> None:
        if reporter is not None:
            reporter.write_line(f"[Tracker] {message}")

    return say


@pytest.fixture(scope="session")
def redmine(tmp_path_factory: pytest.TempPathFactory, progress: Progress) -> Iterator[Redmine]:
    """This test process's own Redmine. The first process of a run migrates a fresh database
    and leaves a copy of it; the others wait for that copy and start from it."""
    state = tmp_path_factory.mktemp("redmine")
    shared = shared_temp(tmp_path_factory)
    template = shared / "redmine-template.sqlite3"
    server = None
    with (shared / "redmine.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            progress("starte Redmine (eigene sqlite-Datenbank, Migration, Standarddaten) …")
            server = Redmine(state, progress, template)
    if server is None:
        progress("starte Redmine (Kopie der migrierten Datenbank) …")
        server = Redmine(state, progress, template)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def atlassian() -> Iterator[Atlassian]:
    parsers = Atlassian()
    yield parsers
    parsers.stop()


@pytest.fixture(scope="session")
def render_once(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> RenderOnce:
    """``render_once(name, render)``: what ``render`` returns, computed by one test process of
    the run and read from a file by the others. Rendering hundreds of texts in Redmine and in
    Atlassian's parsers is the slow part of these tests; the pytest-xdist workers that get
    tests of one module would each repeat it, and then each boot a Redmine for it."""

    def once(name: str, render: Callable[[Redmine, Atlassian], Rendered]) -> Rendered:
        def make(folder: Path) -> None:
            rendered = render(request.getfixturevalue("redmine"), request.getfixturevalue("atlassian"))
            (folder / "rendered.json").write_text(json.dumps(rendered), encoding="utf-8")

        folder = shared_folder(tmp_path_factory, f"trackers-{name}", make)
        return dict(json.loads((folder / "rendered.json").read_text(encoding="utf-8")))

    return once
