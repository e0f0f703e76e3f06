"""A job done beside the calling process, in a forked copy of it.

On two cores the caller and the copy work at once, so the two take as long as the slower
one. The copy shares everything made so far (imports, caches, a loaded guide); only the
job's result travels back, pickled.

Only a process without other threads forks: the copy would get none of them, but every
lock they held at that moment, and could wait for it forever. With other threads running
(a rebuild under `mkdocs serve`, beside its server), the job runs at once, in this process;
to the caller it looks the same.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def started_in_child(
    job: Callable[[], T], subject: str, error: type[Exception] = RuntimeError
) -> Callable[[], T]:
    """Start ``job``; the returned function waits for its result and returns it.

    An ``error`` that the job raises is raised again by the returned function, with its
    message. Any other end of the copy (it prints the traceback) raises an ``error`` saying
    that ``subject`` („Die Druckausgabe“) ended without a result. A job run here raises
    what it raises.
    """
    if threading.active_count() > 1:
        return _done_here(job)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def run() -> None:
        try:
            sender.send(("result", job()))
        except error as failure:
            sender.send(("error", str(failure)))

    process = context.Process(target=run, name="leitfaden-kopie", daemon=True)
    process.start()
    sender.close()

    def result() -> T:
        try:
            kind, value = receiver.recv()
        except EOFError:
            kind, value = "error", f"{subject} brach ab, ohne ein Ergebnis zu liefern (siehe oben)"
        finally:
            process.join()
            receiver.close()
        if kind == "error":
            raise error(value)
        return value  # type: ignore[no-any-return]

    return result


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
