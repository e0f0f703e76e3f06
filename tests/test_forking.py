"""leitfaden.forking: jobs beside the caller, in a forked copy; in this process while other threads run."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator

import pytest

from leitfaden import forking
from leitfaden.forking import Worker, started_in_child


class JobError(Exception):
    pass


def fails() -> int:
    raise JobError("WeasyPrint meldet Probleme in der Broschüre")


def crashes() -> int:
    raise SystemExit(3)


@pytest.fixture(autouse=True)
def alone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Other tests in this process may leave a thread running (asyncio's watcher of
    Playwright's driver): a test about the copy says this process is alone, as a build is.
    The tests with ``other_thread`` see the real answer."""
    if "other_thread" not in request.fixturenames:
        monkeypatch.setattr(forking, "_alone", lambda: True)


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
    assert Worker(counted, "Die Prüfung des Inhalts", JobError).submit(1)()[0] == os.getpid()
    with pytest.raises(JobError, match=r"^WeasyPrint meldet Probleme in der Broschüre$"):
        started_in_child(fails, "Die Druckausgabe", JobError)()


def counted(step: int) -> tuple[int, int]:
    """This process's id and how many steps it has counted so far."""
    global _count
    _count += step
    return os.getpid(), _count


_count = 0


def crashes_on_zero(step: int) -> tuple[int, int]:
    if step == 0:
        raise SystemExit(3)
    return counted(step)


def test_a_worker_keeps_what_it_made_from_job_to_job() -> None:
    worker = Worker(counted, "Die Prüfung des Inhalts", JobError)
    try:
        first, second = worker.submit(1)(), worker.submit(2)()
    finally:
        worker.stop()
    assert first[0] == second[0] != os.getpid()
    assert (first[1], second[1]) == (_count + 1, _count + 3)  # counted there, not here


def test_a_result_nobody_asked_for_is_dropped() -> None:
    worker = Worker(counted, "Die Prüfung des Inhalts", JobError)
    try:
        worker.submit(1)  # its build failed before it needed the result
        assert worker.submit(10)()[1] == _count + 11
    finally:
        worker.stop()


def test_after_the_copy_ended_the_jobs_run_here() -> None:
    worker = Worker(crashes_on_zero, "Die Prüfung des Inhalts", JobError)
    try:
        with pytest.raises(JobError, match=r"^Die Prüfung des Inhalts brach ab"):
            worker.submit(0)()
        assert worker.submit(1)()[0] == os.getpid()
    finally:
        worker.stop()


def test_a_copy_ended_from_outside_leaves_the_jobs_to_this_process() -> None:
    worker = Worker(counted, "Die Prüfung des Inhalts", JobError)
    pid = worker.submit(1)()[0]
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    try:
        assert worker.submit(1)()[0] == os.getpid()
    finally:
        worker.stop()
