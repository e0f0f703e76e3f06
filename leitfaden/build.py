"""``python -m leitfaden build SITE_DIR``: the whole site, swapped in only when complete.

The build runs ``mkdocs build --strict`` (as a program: the core does not import MkDocs;
its hook makes every content check first) and, side by side with it, the brochure command,
both into a fresh directory beside SITE_DIR. Only when every step succeeded does that
directory replace SITE_DIR; a content error, a strict-mode warning or a failed PDF leaves
the previous site exactly as it was. The brochure's messages wait until MkDocs is through:
a content error is reported once, by MkDocs, and the brochure stopped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .site import PROJECT_ROOT, source_date

#: Written by the brochure command beside the new site, then moved in with its sibling PDFs.
BROCHURE_NAME = "projektleitfaden.pdf"


class BuildError(Exception):
    """A step failed; it has printed its own messages already."""


def build(site_dir: Path) -> int:
    """Build content/questions.yaml into a sibling of ``site_dir`` and swap it in.

    Returns the exit status. The content file is the project's (where mkdocs.yml's hook
    reads it), so the site and the brochure always come from the same file.
    """
    try:
        with tempfile.TemporaryDirectory(prefix=f".{site_dir.name}-neu-", dir=_parent(site_dir)) as work:
            new_site, pdfs = Path(work) / "site", Path(work) / "broschuere"
            env = _environment()
            brochure = _start([sys.executable, "-m", "leitfaden", "brochure", str(pdfs / BROCHURE_NAME)], env)
            try:
                _run(
                    "MkDocs",
                    [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new_site)],
                    env,
                )
                _finish("Broschüre", brochure, pdfs, site_dir)
            finally:
                _stop(brochure)
            for pdf in sorted(pdfs.iterdir()):
                pdf.rename(new_site / pdf.name)
            _swap(new_site, site_dir, Path(work))
    except BuildError as error:
        print(f"{error} – {site_dir} bleibt unverändert", file=sys.stderr)
        return 1
    print(f"{site_dir} fertig gebaut")
    return 0


def _parent(site_dir: Path) -> Path:
    parent = site_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def _environment() -> dict[str, str]:
    """The build's environment; every step gets the same date (MkDocs dates the sitemap)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        moment = source_date()
    except ValueError as error:
        raise BuildError(str(error)) from None
    if moment is not None:
        env["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    return env


def _run(step: str, command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=False)
    _check(step, result.returncode)


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """A step run beside the others, its output held back (see _finish). It starts a process
    group of its own, so that _stop also ends the processes it forks."""
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _finish(step: str, process: subprocess.Popen[str], folder: Path, final: Path) -> None:
    """Wait for a step started by _start and pass its output on, naming ``final`` where it
    names the temporary ``folder`` it wrote to: the reader looks for the files there."""
    out, err = process.communicate()
    sys.stdout.write(out.replace(str(folder), str(final)))
    sys.stderr.write(err.replace(str(folder), str(final)))
    _check(step, process.returncode)


def _stop(process: subprocess.Popen[str]) -> None:
    """End a step started by _start that is still running (another step failed)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def _check(step: str, returncode: int) -> None:
    if returncode != 0:
        raise BuildError(f"Build abgebrochen: Schritt „{step}“ ist fehlgeschlagen (Exit-Code {returncode})")


def _swap(new_site: Path, site_dir: Path, work: Path) -> None:
    """Replace ``site_dir`` by ``new_site`` with two renames on the same file system."""
    if not site_dir.exists():
        new_site.rename(site_dir)
        return
    old_site = work / "alt"
    site_dir.rename(old_site)
    try:
        new_site.rename(site_dir)
    except OSError:
        old_site.rename(site_dir)
        raise
    shutil.rmtree(old_site)  # inside the temporary directory, removed with it anyway
