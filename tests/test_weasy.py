"""Loading WeasyPrint for the brochure runs no compiler and leaves ctypes as it was."""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the compiler lookup is Linux's")
def test_loading_weasyprint_runs_no_compiler(tmp_path: Path) -> None:
    ran = tmp_path / "ran"
    for program in ("gcc", "cc", "ld"):  # stand-ins that note each run, found first on PATH
        stand_in = tmp_path / program
        stand_in.write_text(f'#!/bin/sh\necho {program} "$@" >> "{ran}"\nexit 1\n', encoding="utf-8")
        stand_in.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, "-c", "import leitfaden.weasy; import weasyprint; weasyprint.HTML(string='x')"]
    subprocess.run(command, env=env, check=True)
    assert not ran.exists(), ran.read_text(encoding="utf-8")


def test_the_library_lookup_is_restored_after_loading() -> None:
    import leitfaden.weasy  # noqa: F401  # the import is the subject

    assert ctypes.util.find_library.__name__ == "find_library"
