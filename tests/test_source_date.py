"""One time for every generated file: SOURCE_DATE_EPOCH, else the last commit, else none."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from leitfaden import site

from .conftest import ROOT


def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767268800")
    assert site.source_date() == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def test_without_it_the_last_commit_dates_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not run from a git checkout")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert site.source_date() == datetime.fromtimestamp(int(commit.stdout), UTC)


def test_outside_a_git_checkout_there_is_no_date(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(site, "PROJECT_ROOT", tmp_path)
    site._last_commit_time.cache_clear()
    try:
        assert site.source_date() is None
    finally:
        site._last_commit_time.cache_clear()


def test_a_bad_value_is_one_german_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gestern")
    with pytest.raises(ValueError) as caught:
        site.source_date()
    assert (
        str(caught.value) == "SOURCE_DATE_EPOCH muss eine Zahl von Sekunden seit 1970 sein, nicht „gestern“"
    )
