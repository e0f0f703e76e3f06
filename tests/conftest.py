"""Shared fixtures: the real guide, and one strict build of the whole site per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leitfaden.loader import load_guide
from leitfaden.model import Guide

ROOT = Path(__file__).resolve().parent.parent
#: The site is built for this URL so the browser tests can serve it there (nginx, loopback).
TEST_SITE_URL = "http://127.0.0.1:8765/"


@pytest.fixture(scope="session")
def guide() -> Guide:
    return load_guide()


def build_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": TEST_SITE_URL}
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build --strict` of the real project into a temporary directory."""
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=build_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return site_dir
