"""`make bench`, the live preview: from saving content/questions.yaml to the browser showing it.

Runs `mkdocs serve` on a free port in a private copy of the project, opens a chapter page
in Debian's headless Chromium (as the browser tests drive it) and edits the first question
of the first chapter EDITS times, one edit after the other. Each edit is timed from the
moment the file is written until the first frame in which the page, reloaded by MkDocs'
live reload, shows the new question heading (the page notes that time itself). Printed
beside: the rebuild times MkDocs logs, and the server's CPU time per edit (its CPU time
for watching the files, measured idle, taken off), which varies less on a busy machine.
Reports the median against the target of one second; exits 1 above it. The project
itself is never touched.

Run from the project root: `python -m scripts.bench_serve` (it shares the tests' browser code).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from leitfaden.loader import load_source
from scripts.bench_project import build_env, copy_project, free_port
from tests.browser.serving import CHROMIUM, CHROMIUM_ARGS, find_program

EDITS = 5
#: Seconds the idle server is watched, to tell its CPU time for watching from that for an edit.
IDLE = 2.0
TARGET = 1.0
#: How long the server may take to start or to show an edit before the bench gives up.
LIMIT = 120.0
_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def first_question(content: Path) -> tuple[int, str]:
    """The line number (from 0) and text of the first chapter's first question."""
    source = load_source(content)
    chapter = source.guide.chapters[0]
    number = source.line(("chapters", 0, "questions", 0, "text")) - 1
    line = content.read_text(encoding="utf-8").splitlines()[number]
    text = chapter.questions[0].text
    if not line.rstrip().endswith(text):
        raise SystemExit(f"{content}:{number + 1}: die erste Frage steht nicht auf einer Zeile")
    return number, line


def wait_until_served(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + LIMIT
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("mkdocs serve startet nicht") from None
            time.sleep(0.2)


def cpu_seconds(pid: int) -> float:
    """User and system time a process has used so far (Linux: /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_per_second(pid: int, wait: Callable[[], None]) -> float:
    """CPU seconds per second the process uses while ``wait`` runs (the server watching files)."""
    before, start = cpu_seconds(pid), time.monotonic()
    wait()
    return (cpu_seconds(pid) - before) / (time.monotonic() - start)


#: Runs in the page before its own scripts, on every load: notes in the tab's session
#: storage the clock time of the first frame in which a heading shows the awaited marker.
#: The page notes it itself: a test driver that finds it after a reload finds it late.
WATCH_SCRIPT = """
(() => {
  const check = () => {
    const marker = sessionStorage.getItem("bench-marker");
    const shown = marker && [...document.querySelectorAll("h2")].some(
      (heading) => heading.textContent.includes(marker) && heading.getBoundingClientRect().height > 0);
    if (shown) sessionStorage.setItem("bench-shown", String(Date.now()));
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
"""


def timed_edit(page: Page, content: Path, number: int, line: str, marker: str) -> float:
    """Seconds from writing ``marker`` into the question until a frame of the page shows it."""
    lines = content.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number] = f"{line.rstrip()} {marker}\n"
    text = "".join(lines)
    page.evaluate(
        "m => { sessionStorage.setItem('bench-marker', m); sessionStorage.removeItem('bench-shown'); }",
        marker,
    )
    start = time.time()  # the same clock as the page's Date.now()
    content.write_text(text, encoding="utf-8")
    deadline = time.monotonic() + LIMIT
    while (shown := _shown(page)) is None:
        if time.monotonic() > deadline:
            raise SystemExit(f"die Seite zeigt „{marker}“ nach {LIMIT:.0f} s nicht")
        time.sleep(0.05)
    return shown / 1000 - start


def _shown(page: Page) -> float | None:
    """When the page noted the marker (ms since 1970), or None: not yet, or it is reloading."""
    try:
        value = page.evaluate("sessionStorage.getItem('bench-shown')")
    except PlaywrightError:  # the page is being replaced by its reload
        return None
    return float(value) if value else None


def measure(project: Path, log: Path) -> tuple[list[float], list[float]]:
    """Seconds from saving to seeing, and the server's CPU seconds for it, of each counted edit."""
    content = project / "content" / "questions.yaml"
    number, line = first_question(content)
    chapter = load_source(content).guide.chapters[0].id
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            command, cwd=project, env=build_env(), stdout=output, stderr=output, text=True
        )
    try:
        url = f"http://127.0.0.1:{port}/{chapter}/"
        wait_until_served(url, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_program(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.add_init_script(WATCH_SCRIPT)
            page.goto(url)
            idle = _cpu_per_second(server.pid, lambda: time.sleep(IDLE))
            times, cpu = [], []
            for edit in range(EDITS + 1):  # edit 0 warms up and is not counted
                before, start = cpu_seconds(server.pid), time.monotonic()
                elapsed = timed_edit(page, content, number, line, f"Messprobe{edit}")
                time.sleep(1.0)  # let the server settle before the next edit
                if edit:
                    times.append(elapsed)
                    waited = time.monotonic() - start
                    cpu.append(cpu_seconds(server.pid) - before - idle * waited)
            browser.close()
        return times, cpu
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    print(
        f"Vorschau: Speichern bis Anzeige im Browser, {EDITS} Änderungen "
        f"(Last vorher: {os.getloadavg()[0]:.1f}) …"
    )
    with tempfile.TemporaryDirectory(prefix="leitfaden-bench-serve-") as temp:
        project = copy_project(Path(temp) / "project")
        log = Path(temp) / "serve.log"
        times, cpu = measure(project, log)
        rebuilds = [float(seconds) for seconds in _BUILT.findall(log.read_text(encoding="utf-8"))][2:]
    median = statistics.median(times)
    met = median <= TARGET
    print(f"Speichern → Anzeige: Median {median:.2f} s  (Änderungen: {' '.join(f'{t:.2f}' for t in times)})")
    if rebuilds:
        print(f"davon Neubau laut MkDocs: Median {statistics.median(rebuilds):.2f} s")
    print(f"CPU-Zeit des Servers je Änderung (ohne sein Beobachten): Median {statistics.median(cpu):.2f} s")
    print(
        f"Ziel ≤ {TARGET:.1f} s: {'ok' if met else 'VERFEHLT'} "
        f"(Last nachher: {os.getloadavg()[0]:.1f}; das Ziel gilt auf ruhiger Maschine)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
