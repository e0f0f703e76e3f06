"""Jobs done beside the calling process, in a forked copy of it.

On two cores the caller and the copy work at once, so the two take as long as the slower
one. The copy shares everything made so far (imports, caches, a loaded guide); only a job's
argument and result travel between them, pickled.

Only a process without other threads forks: the copy would get none of them, but every
lock they held at that moment, and could wait for it forever. A :class:`Worker` is
therefore forked once, early, and then takes job after job: under `mkdocs serve` the first
build still runs alone, every rebuild beside the server's threads. Where there is no
copy (started beside other threads, or ended), a job runs at once, in this process; to
the caller it looks the same.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

A = TypeVar("A")
T = TypeVar("T")


class Worker(Generic[A, T]):
    """A forked copy of this process that runs ``job(argument)`` for each :meth:`submit`.

    It keeps what it made from one job to the next (caches, compiled templates). An
    ``error`` that the job raises comes back with its message; any other end of the copy
    (it prints the traceback) raises an ``error`` saying that ``subject`` („Die
    Druckausgabe“) ended without a result, and later jobs run in this process.
    """

    def __init__(self, job: Callable[[A], T], subject: str, error: type[Exception] = RuntimeError) -> None:
        self._job, self._subject, self._error = job, subject, error
        self._pending = False
        self._connection: Connection | None = None
        self._process: BaseProcess | None = None
        if not _alone():
            return
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=self._serve, args=(theirs,), daemon=True)
        self._process.start()
        theirs.close()

    def submit(self, argument: A) -> Callable[[], T]:
        """Start the job; the returned function waits for its result and returns it."""
        if self._pending:  # a result nobody asked for: the build failed meanwhile
            with contextlib.suppress(self._error):
                self._receive()
        if self._connection is not None:
            try:
                self._connection.send(argument)
            except OSError:  # the copy was ended from outside: from now on, here
                self.stop()
            else:
                self._pending = True
                return self._receive
        return _done_here(functools.partial(self._job, argument))

    def stop(self) -> None:
        """End the copy (it finishes the job it is doing first)."""
        self._pending = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.join()
            self._process = None

    def _receive(self) -> T:
        self._pending = False
        try:
            assert self._connection is not None
            kind, value = self._connection.recv()
        except EOFError:
            self.stop()
            kind, value = "error", f"{self._subject} brach ab, ohne ein Ergebnis zu liefern (siehe oben)"
        if kind == "error":
            raise self._error(value)
        return value  # type: ignore[no-any-return]

    def _serve(self, connection: Connection) -> None:
        assert self._connection is not None
        self._connection.close()  # the caller's end, so that the copy notices when the caller goes
        while True:
            try:
                argument = connection.recv()
            except EOFError:
                return
            try:
                connection.send(("result", self._job(argument)))
            except self._error as failure:
                connection.send(("error", str(failure)))


def started_in_child(
    job: Callable[[], T], subject: str, error: type[Exception] = RuntimeError
) -> Callable[[], T]:
    """``job`` in a :class:`Worker` of its own, for one result: the returned function
    waits for it, returns it and ends the copy."""
    worker: Worker[None, T] = Worker(lambda _: job(), subject, error)
    result = worker.submit(None)

    def finished() -> T:
        try:
            return result()
        finally:
            worker.stop()

    return finished


def _alone() -> bool:
    """Whether this process runs no other thread (a fork is safe)."""
    return threading.active_count() == 1


def _done_here(job: Callable[[], T]) -> Callable[[], T]:
    """The job, run now; the returned function gives its result or raises what it raised."""
    try:
        value = job()
    except Exception as failure:
        caught = failure

        def reraise() -> T:
            raise caught

        return reraise
    return lambda: value
