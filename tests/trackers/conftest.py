"""One Redmine and one node process with Atlassian's parsers for the whole test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .servers import Atlassian, Progress, Redmine


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
    progress("starte Redmine (eigene sqlite-Datenbank, Migration, Standarddaten) …")
    server = Redmine(tmp_path_factory.mktemp("redmine"), progress)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def atlassian() -> Iterator[Atlassian]:
    parsers = Atlassian()
    yield parsers
    parsers.stop()
