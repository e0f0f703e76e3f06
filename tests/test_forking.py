"""leitfaden.forking: a job beside the caller, in a forked copy; in this process while other threads run."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest

from leitfaden.forking import started_in_child


class JobError(Exception):
    pass


def fails() -> int:
    raise JobError("WeasyPrint meldet Probleme in der Broschüre")


def crashes() -> int:
    raise SystemExit(3)


@pytest.fixture
def other_thread() -> Iterator[None]:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join()


def test_the_job_runs_in_a_copy_that_shares_what_was_made_before() -> None:
    made_before = {"kapitel": "projekt"}
    result = started_in_child(lambda: (os.getpid(), made_before["kapitel"]), "Die Druckausgabe", JobError)
    pid, chapter = result()
    assert pid != os.getpid() and chapter == "projekt"


def test_the_error_named_is_raised_again_with_its_message() -> None:
    with pytest.raises(JobError, match=r"^WeasyPrint meldet Probleme in der Broschüre$"):
        started_in_child(fails, "Die Druckausgabe", JobError)()


def test_a_copy_ending_without_a_result_is_that_error_naming_the_subject() -> None:
    with pytest.raises(JobError, match=r"^Die Druckausgabe brach ab, ohne ein Ergebnis zu liefern"):
        started_in_child(crashes, "Die Druckausgabe", JobError)()


@pytest.mark.usefixtures("other_thread")
def test_beside_other_threads_the_job_runs_here_and_looks_the_same() -> None:
    assert started_in_child(os.getpid, "Die Prüfung des Inhalts", JobError)() == os.getpid()
    with pytest.raises(JobError, match=r"^WeasyPrint meldet Probleme in der Broschüre$"):
        started_in_child(fails, "Die Druckausgabe", JobError)()
