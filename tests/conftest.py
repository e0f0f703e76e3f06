"""Shared fixtures: the real guide, and one `make build` of the whole site per test run."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from leitfaden.loader import load_guide
from leitfaden.model import Guide

ROOT = Path(__file__).resolve().parent.parent
#: The site is built for this address; nothing listens on it. The browser tests run nginx on a
#: free port and let Chromium resolve this name to it (tests/browser/serving.py), so the build
#: is the same for every run and two runs never compete for a port. Under .localhost it is a
#: secure context, as the published HTTPS site is (clipboard, Lighthouse's HTTPS audit).
TEST_SITE_URL = "http://leitfaden.localhost/"
#: Fixed, so every build has the same dates and bytes on every run (2026-01-01 UTC).
SOURCE_DATE_EPOCH = "1767225600"


def pytest_report_header() -> str:
    """Says up front why the first browser tests take a while to report."""
    return (
        f"Die Tests bauen die Seite einmal für {TEST_SITE_URL} (mkdocs und Broschüre), bevor die "
        "ersten Seiten-Tests melden; jeder Testprozess startet dann sein nginx und Chromium."
    )


#: Fixtures that a test process starts for itself at a cost of seconds, by the process that
#: should run the tests using them: a Redmine (and the tracker renderings, which need one), and
#: Lighthouse with its own Chromium. One process then starts each, instead of every process.
HOMES = {"redmine": 0, "render_once": 0, "lighthouse": 1}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests first (marked ``slow``, then the other browser tests), dealt out over
    the test processes, so that they share out the short ones at the end instead of one
    waiting for a long one; the tests of an expensive fixture (HOMES) go to one process.

    pytest-xdist's worksteal scheduler first hands each of its N processes one contiguous Nth
    of this list, and later moves tests from the end of one process's share to another: so
    each share starts with its home tests, then its part of the others, dealt like cards.
    """

    def later(item: pytest.Item) -> tuple[bool, bool]:
        return item.get_closest_marker("slow") is None, item.get_closest_marker("browser") is None

    items.sort(key=later)
    processes = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))  # the same in every worker
    if processes > 1:
        items[:] = _dealt(items, processes)


def _dealt(items: list[pytest.Item], processes: int) -> list[pytest.Item]:
    shares: list[list[pytest.Item]] = [[] for _ in range(processes)]
    rest, rendered = [], set()
    for item in items:
        names = getattr(item, "fixturenames", ())
        home = next((HOMES[name] for name in HOMES if name in names), None)
        if "render_once" in names and "redmine" not in names:
            module = item.nodeid.split("::")[0]
            home = None if module in rendered else home  # the first renders, the others read
            rendered.add(module)
        (rest if home is None else shares[home % processes]).append(item)
    sizes, left = [], len(items)
    for share in range(processes):  # as worksteal sizes the first shares
        sizes.append(left // (processes - share))
        left -= sizes[-1]
    turn = 0
    for item in rest:
        while len(shares[turn]) >= sizes[turn]:
            turn = (turn + 1) % processes
        shares[turn].append(item)
        turn = (turn + 1) % processes
    return [item for share in shares for item in share]


@pytest.fixture(scope="session")
def guide() -> Guide:
    return load_guide()


def build_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": TEST_SITE_URL,
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
    }
    env.update(extra)
    return env


def build_brochure(out: Path) -> subprocess.CompletedProcess[str]:
    """The print brochure, as `make build` writes it after the site."""
    return subprocess.run(
        [sys.executable, "-m", "leitfaden", "brochure", str(out)],
        cwd=ROOT,
        env=build_env(),
        capture_output=True,
        text=True,
    )


def shared_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temp directory that every pytest-xdist worker of the run shares."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def shared_folder(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]
) -> Path:
    """A folder of the run's shared temp directory, filled by ``make`` once per test run:
    whichever test process needs it first makes it under a file lock while the others wait,
    then they all read it. A failed attempt is cleared and repeated by the next one."""
    shared = shared_temp(tmp_path_factory)
    folder, done = shared / name, shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make build` makes of the real project (strict mkdocs build, then the brochure),
    once per test run. Tests only read it (the browser tests serve a copy of their own)."""
    return shared_folder(tmp_path_factory, "site", build_site)


def build_site(site_dir: Path) -> Path:
    """`make build` into ``site_dir``: the strict MkDocs build, then the brochure."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=build_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    result = build_brochure(site_dir / "projektleitfaden.pdf")
    assert result.returncode == 0, result.stderr
    assert "WARNUNG" not in result.stderr, result.stderr  # SITE_URL is set
    return site_dir


#: Everything a build does not read, and the build's own output.
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "__pycache__", ".*_cache")


def copy_project(target: Path) -> Path:
    """The project's sources in ``target``, to change and build there; returns ``target``."""
    shutil.copytree(ROOT, target, ignore=_NOT_COPIED)
    return target


def build_with_content(tmp_path: Path, content: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a copy of the project whose questions.yaml is ``content``."""
    return build_with_files(tmp_path, {"content/questions.yaml": content})


def build_with_files(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a copy of the project with ``files`` (path → text) written in."""
    project = copy_project(tmp_path / "project")
    for path, text in files.items():
        (project / path).write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
    )


def processes_naming(text: str) -> list[int]:
    """The running processes whose command line contains ``text`` (Linux: /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:  # not a process, or it just ended
            continue
        if entry.name.isdigit() and text in command:
            found.append(int(entry.name))
    return found
