"""``python -m leitfaden build SITE_DIR``: the whole site, swapped in only when complete.

The build runs ``mkdocs build --strict`` (as a program: the core does not import MkDocs;
its hook makes every content check first), then the brochure command, both into a fresh
directory beside SITE_DIR. Only when every step succeeded does that directory replace SITE_DIR; a content
error, a strict-mode warning or a failed PDF leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .site import PROJECT_ROOT, source_date

#: Written by the brochure command into the new site (it may add sibling PDFs).
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
            new_site = Path(work) / "site"
            env = _environment()
            _run(
                "MkDocs",
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(new_site)],
                env,
            )
            _run(
                "Broschüre",
                [sys.executable, "-m", "leitfaden", "brochure", str(new_site / BROCHURE_NAME)],
                env,
            )
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
    if result.returncode != 0:
        raise BuildError(
            f"Build abgebrochen: Schritt „{step}“ ist fehlgeschlagen (Exit-Code {result.returncode})"
        )


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
