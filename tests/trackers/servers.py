"""The real trackers and parsers the tests drive: Debian's Redmine 5, and Atlassian's JavaScript parsers.

Each is started once per test session by a fixture in conftest.py; a missing program fails
the tests with one German line that names the package to install.
"""

from __future__ import annotations

import json
import select
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REDMINE_ROOT = Path("/usr/share/redmine")
#: Redmine boots, migrates a fresh database and loads its default data in 10 to 30 s.
REDMINE_START_TIMEOUT = 240.0

Progress = Callable[[str], None]


def require_redmine() -> None:
    if not (REDMINE_ROOT / "config" / "application.rb").is_file() or shutil.which("ruby") is None:
        pytest.fail(
            "Redmine fehlt: die Tracker-Tests brauchen Debians Pakete „redmine“ und „redmine-sqlite“ "
            "(apt-get install redmine redmine-sqlite; .ci/run installiert sie)",
            pytrace=False,
        )


def require_atlassian() -> None:
    missing = [
        package
        for package in ("editor-wikimarkup-transformer", "editor-markdown-transformer")
        if not (ROOT / "node_modules" / "@atlaskit" / package / "package.json").is_file()
    ]
    if missing or shutil.which("node") is None:
        names = ", ".join(f"@atlaskit/{package}" for package in missing) or "node"
        pytest.fail(
            f"Atlassians Parser fehlen ({names}): bitte „npm ci“ im Projektverzeichnis ausführen "
            "(make test tut das), Node.js aus Debians Paket „nodejs“",
            pytrace=False,
        )


class Redmine:
    """Debian's Redmine with its own sqlite database in ``state``, served on a free loopback port."""

    def __init__(self, state: Path, progress: Progress, template: Path) -> None:
        """``template``: a migrated database to start from, written first if it does not exist."""
        require_redmine()
        self.state = state
        self._log = (state / "redmine.stderr").open("w")
        started = time.monotonic()
        self._process = subprocess.Popen(
            ["ruby", str(HERE / "redmine_server.rb"), str(state), str(template)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        ready = self._await_ready()
        self.base = f"http://127.0.0.1:{ready['port']}"
        self.api_key: str = ready["api_key"]
        self.project: str = ready["project"]
        progress(f"Redmine bereit auf {self.base} nach {time.monotonic() - started:.0f} s")

    def _await_ready(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        deadline = time.monotonic() + REDMINE_START_TIMEOUT
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self._process.stdout], [], [], 1.0)
            if readable:
                line = self._process.stdout.readline()
                if line.startswith('{"port"'):
                    return dict(json.loads(line))
                if not line and self._process.poll() is not None:
                    break
        self.stop()
        log = (self.state / "redmine.stderr").read_text(errors="replace")[-3000:]
        pytest.fail(f"Redmine ist nicht gestartet:\n{log}", pytrace=False)

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()

    def _request(self, method: str, path: str, body: object | None = None, api: bool = False) -> bytes:
        headers = {"Content-Type": "application/json"}
        if api:
            headers["X-Redmine-API-Key"] = self.api_key
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=120) as response:
            return bytes(response.read())

    def harness(self, action: str, body: dict[str, Any]) -> dict[str, Any]:
        """One of the administration steps redmine_server.rb answers under /__harness/."""
        return dict(json.loads(self._request("POST", f"/__harness/{action}", body)))

    def set_text_formatting(self, value: str) -> None:
        assert self.harness("text_formatting", {"value": value})["text_formatting"] == value

    def create_issue(self, subject: str, description: str) -> int:
        """A new issue through the REST API, as an admin with an API key."""
        issue = {"project_id": self.project, "subject": subject, "description": description}
        answer = json.loads(self._request("POST", "/issues.json", {"issue": issue}, api=True))
        return int(answer["issue"]["id"])

    def issue(self, issue_id: int) -> dict[str, Any]:
        return dict(json.loads(self._request("GET", f"/issues/{issue_id}.json", api=True))["issue"])

    def issue_page(self, issue_id: int) -> str:
        """The issue's public page, as an anonymous visitor sees it."""
        return self._request("GET", f"/issues/{issue_id}").decode()


class Atlassian:
    """One node process with Atlassian's editor transformers (see atlassian.cjs)."""

    def __init__(self) -> None:
        require_atlassian()
        self._process = subprocess.Popen(
            ["node", str(HERE / "atlassian.cjs")],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def parse(self, parser: str, text: str) -> dict[str, Any]:
        """The Atlassian Document Format that ``parser`` makes of ``text``."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps({"parser": parser, "text": text}) + "\n")
        self._process.stdin.flush()
        answer = json.loads(self._process.stdout.readline())
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return dict(answer["adf"])

    def stop(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
