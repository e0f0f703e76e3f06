"""What the parts of `make bench` share: a private copy of the project to edit and build."""

from __future__ import annotations

import os
import socket

from tests.conftest import copy_project

__all__ = ["build_env", "copy_project", "free_port"]


def build_env() -> dict[str, str]:
    """The environment of a measured build: Material's notice off, the default site address."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
