"""What the parts of `make bench` share: a private copy of the project to edit and build."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Everything a build does not read, and the build's own output.
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "__pycache__", ".*_cache")


def copy_project(target: Path) -> Path:
    """The project's sources in ``target`` (the content file there may be changed freely)."""
    shutil.copytree(ROOT, target, ignore=_NOT_COPIED)
    return target


def build_env() -> dict[str, str]:
    """The environment of a measured build: Material's notice off, the default site address."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
