"""The site as a host serves it, and the browsers that read it: shared by the tests and `make bench`.

The site is always built for TEST_SITE_URL, a fixed name under ``.localhost`` (a secure
context for browsers and Lighthouse, like a real HTTPS host). The servers take free ports, and
every Chromium started here resolves that name to the port of its server, as DNS and a
reverse proxy would. So the build does not depend on the port, two test runs never share a
port, and the browser sees exactly the address the site's canonical links and QR codes name.
"""

from __future__ import annotations

import getpass
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.conftest import ROOT, TEST_SITE_URL

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
LIGHTHOUSE_SCRIPT = Path(__file__).with_name("lighthouse.mjs")
LIGHTHOUSE_PACKAGE = ROOT / "node_modules" / "lighthouse" / "package.json"
#: Debian's build of Chromium's headless shell (package chromium-headless-shell): the same
#: Blink and V8 as the chromium package without the desktop browser around them, which made
#: the browser tests use half the CPU time. Playwright's own headless Chromium is this shell too.
CHROMIUM = "chromium-headless-shell"
#: Flags for a quiet headless Chromium in a container: no sandbox, no GPU, no phoning home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: How long a starting server or browser may take before we give up; generous, since a
#: loaded machine must not fail a test (the servers usually answer within 0.1 s).
STARTUP_LIMIT = 120.0
#: Attempts at a free port: another process may take the one we picked before nginx binds it.
PORT_ATTEMPTS = 5

Report = dict[str, Any]


class ServingError(Exception):
    """A program is missing or will not start; the message is one German line for the reader."""


def find_program(name: str, hint: str = "`make test` installiert es (Debian-Paket)") -> str:
    """The absolute path of a system program, also from /usr/sbin, which a user's PATH may lack."""
    path = shutil.which(name, path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin"]))
    if path is None:
        raise ServingError(f"{name} fehlt: {hint}")
    return path


def host_mapping(port: int) -> str:
    """The Chromium flag that sends requests for TEST_SITE_URL's host to our server's port."""
    return f"--host-resolver-rules=MAP {urlsplit(TEST_SITE_URL).hostname} 127.0.0.1:{port}"


def free_port() -> int:
    """A port nobody listens on right now (the kernel's choice for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nginx_main_config(prefix: Path, site_dir: Path, port: int) -> str:
    """A complete nginx.conf around deploy/nginx.conf: everything global lives under prefix."""
    server = NGINX_CONF.read_text(encoding="utf-8")
    for placeholder in ("@LISTEN@", "@SITE_ROOT@"):
        if placeholder not in server:
            raise AssertionError(f"{NGINX_CONF.name}: Platzhalter {placeholder} fehlt")
    server = server.replace("@LISTEN@", f"127.0.0.1:{port}").replace("@SITE_ROOT@", str(site_dir))
    # Started as root, nginx would switch its workers to "nobody", who cannot read the
    # private pytest temp dirs; stay the user who runs the tests instead.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    access_log {prefix / 'access.log'};\n{temp}\n{server}\n}}\n"
    )


def check_nginx_config(prefix: Path, site_dir: Path) -> str:
    """`nginx -t` of deploy/nginx.conf: its stderr (errors raise, warnings are the caller's)."""
    nginx = find_program("nginx")
    config = prefix / "nginx-check.conf"
    config.write_text(nginx_main_config(prefix, site_dir, free_port()), encoding="utf-8")
    check = subprocess.run(
        [nginx, "-t", "-p", str(prefix), "-c", str(config)], capture_output=True, text=True
    )
    if check.returncode != 0:
        raise ServingError(f"nginx -t lehnt {NGINX_CONF.name} ab:\n{check.stderr}")
    return check.stderr


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _start_nginx(prefix: Path, site_dir: Path, port: int) -> subprocess.Popen[bytes] | None:
    """nginx on ``port``, running and answering; None when the port was taken meanwhile."""
    config = prefix / "nginx.conf"
    config.write_text(nginx_main_config(prefix, site_dir, port), encoding="utf-8")
    log = prefix / "error.log"
    log.write_text("", encoding="utf-8")
    process = subprocess.Popen(
        [find_program("nginx"), "-p", str(prefix), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # stopped as a group, workers included (_stop)
    )
    deadline = time.monotonic() + STARTUP_LIMIT
    while not _listening(port):
        if process.poll() is not None:
            errors = log.read_text(encoding="utf-8")
            if "Address already in use" in errors:
                return None
            raise ServingError(f"nginx startet nicht (Exit {process.returncode}):\n{errors}")
        if time.monotonic() > deadline:
            _stop(process)
            raise ServingError(f"nginx antwortet nach {STARTUP_LIMIT:.0f} s nicht auf Port {port}")
        time.sleep(0.05)
    return process


def _stop(process: subprocess.Popen[Any]) -> None:
    """Stop a process started here (each in a session of its own) and everything it started.

    Debian's ``chromium-headless-shell`` is a shell script that runs the browser as its
    child: stopping only the script left the browser running, one per Lighthouse session.
    """
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, signal_number)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + 30
        while _group_alive(process.pid) and time.monotonic() < deadline:
            process.poll()  # reaps our own child once it ends; init reaps the rest
            time.sleep(0.05)
        if not _group_alive(process.pid):
            break
    process.wait()


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def nginx_server(site_dir: Path, prefix: Path) -> Iterator[int]:
    """nginx with deploy/nginx.conf serving ``site_dir`` on a free loopback port; yields the port.

    nginx runs as a child process (no daemon; pid, logs and temp files under ``prefix``).
    """
    for _attempt in range(PORT_ATTEMPTS):
        port = free_port()
        process = _start_nginx(prefix, site_dir, port)
        if process is not None:
            break
    else:
        raise ServingError(f"nginx findet in {PORT_ATTEMPTS} Versuchen keinen freien Port")
    try:
        yield port
    finally:
        _stop(process)


@contextmanager
def chromium_for_lighthouse(server_port: int) -> Iterator[int]:
    """A headless Chromium with its DevTools on a free port (its own choice); yields that port."""
    chromium = find_program(CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="leitfaden-chromium-") as profile:
        active_port = Path(profile) / "DevToolsActivePort"
        command = [
            chromium,
            *CHROMIUM_ARGS,
            host_mapping(server_port),
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        process = subprocess.Popen(
            # stopped as a group: the browser is the child of Debian's start script (_stop)
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + STARTUP_LIMIT
            while not active_port.exists() or not active_port.read_text(encoding="utf-8").strip():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise ServingError(f"chromium startet nicht (Exit {process.poll()})")
                time.sleep(0.05)
            yield int(active_port.read_text(encoding="utf-8").split()[0])
        finally:
            _stop(process)


def lighthouse_version() -> str:
    """The Lighthouse that `npm ci` installed, or a clear failure."""
    if not LIGHTHOUSE_PACKAGE.exists():
        raise ServingError("node_modules/lighthouse fehlt: `make test` installiert es mit `npm ci`")
    return str(json.loads(LIGHTHOUSE_PACKAGE.read_text(encoding="utf-8"))["version"])


class Lighthouse:
    """One Node process running Lighthouse (mobile preset) against the Chromium on
    ``devtools_port``, page after page (see lighthouse.mjs); stop() ends it."""

    def __init__(self, devtools_port: int) -> None:
        lighthouse_version()
        node = find_program("node", "Node.js fehlt (Debian-Paket nodejs)")
        self._process = subprocess.Popen(
            [node, str(LIGHTHOUSE_SCRIPT), str(devtools_port)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,  # stopped as a group (_stop)
        )

    def audit(
        self, url: str, output: Path, categories: tuple[str, ...], audits: tuple[str, ...], settled: bool
    ) -> Report:
        """The report of one page, also written to ``output``. ``settled`` skips the quiet periods
        that only the performance metrics need (for accessibility, best practices and SEO)."""
        request = {"url": url, "output": str(output), "categories": categories, "audits": audits}
        self._ask(request | {"settled": settled}, url)
        return dict(json.loads(output.read_text(encoding="utf-8")))

    def median_run(self, reports: Sequence[Path]) -> int:
        """Which of several reports of one page is its median run, as Lighthouse picks it."""
        answer = self._ask({"median": [str(path) for path in reports]}, ", ".join(map(str, reports)))
        return int(answer["index"])

    def _ask(self, request: dict[str, object], subject: str) -> dict[str, object]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise ServingError(f"lighthouse {subject}: Node-Prozess beendet (Exit {self._process.poll()})")
        answer: dict[str, object] = json.loads(line)
        if "error" in answer:
            raise ServingError(f"lighthouse {subject}:\n{str(answer['error'])[-3000:]}")
        return answer

    def stop(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        _stop(self._process)


@contextmanager
def lighthouse_runner(server_port: int) -> Iterator[Lighthouse]:
    """Chromium for Lighthouse (resolving the site's name to ``server_port``) and one Lighthouse."""
    with chromium_for_lighthouse(server_port) as devtools_port:
        runner = Lighthouse(devtools_port)
        try:
            yield runner
        finally:
            runner.stop()
