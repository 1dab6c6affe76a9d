"""Half of a long job on a second core: a forked child does it while this process does the
other half, and hands its result back through a pipe.

Forked, not spawned: the child starts with everything this process has imported, compiled
and loaded (a spawned one would pay the start-up again), and the work is a plain closure,
never pickled; only its result is. Used only where fork is safe and cheap (Linux) and a
second CPU is there; elsewhere ``start`` returns None and the caller does the work itself.
A child that fails or dies is not fatal either: its result is None and the caller does that
half itself, so a broken child costs time, never mail.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

log = logging.getLogger(__name__)
T = TypeVar("T")


def available() -> bool:
    """Is there a second CPU for this process, and is fork the way to use it?"""
    if not sys.platform.startswith("linux"):
        return False  # macOS frameworks are not fork-safe; Windows has no fork
    return len(os.sched_getaffinity(0)) >= 2


# A child still working this long after this process finished its own half (on top of
# twice the time that half took) is taken to be stuck, say on a lock another thread held at
# the fork, and killed: the caller then does its work itself.
STUCK_AFTER_S = 60.0


class Half(Generic[T]):
    """The child's half of the job, running; ``result()`` waits for it."""

    def __init__(self, process: BaseProcess, pipe: Connection):
        self._process, self._pipe = process, pipe
        self._started = time.monotonic()

    def result(self, timeout: float | None = None) -> T | None:
        """What the child's work returned, or None when it failed, died or gave no answer
        within ``timeout`` seconds (by default: twice as long as it has worked so far, plus
        STUCK_AFTER_S), and was killed then (logged)."""
        if timeout is None:
            timeout = STUCK_AFTER_S + 2 * (time.monotonic() - self._started)
        try:
            if self._pipe.poll(timeout):
                ok, value = pickle.loads(self._pipe.recv_bytes())
            else:
                self._process.kill()
                ok, value = False, f"no answer in {timeout:.0f} s"
        except (EOFError, OSError):
            ok, value = False, "it ended without an answer"
        finally:
            self._pipe.close()
            self._process.join()
        if not ok:
            log.warning("a second process failed (%s); this process does its work itself", value)
            return None
        result: T = value
        return result

    def abandon(self) -> None:
        """Its answer is no longer wanted (this process failed): no child is left behind."""
        self._process.kill()
        self._pipe.close()
        self._process.join()


def start(work: Callable[[], T]) -> Half[T] | None:
    """``work`` run in a forked child, or None when no second core is to be had."""
    if not available():
        return None
    import multiprocessing  # only when a job is split: a pass that splits none never does

    context = multiprocessing.get_context("fork")
    theirs, mine = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, mine), daemon=True)
    try:
        process.start()
    except OSError as exc:  # out of processes or memory: do it all here
        log.warning("cannot start a second process (%s)", exc.strerror or exc)
        theirs.close()
        mine.close()
        return None
    mine.close()  # the child's end: closed here, so a dead child reads as EOF
    return Half(process, theirs)


def _child(work: Callable[[], T], pipe: Connection) -> None:
    try:
        answer: tuple[bool, object] = (True, work())
    except BaseException as exc:  # reported to the parent, which does the work itself
        answer = (False, type(exc).__name__)
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an unpicklable result: the parent does the work itself
        data = pickle.dumps((False, f"{type(exc).__name__} pickling the result"))
    pipe.send_bytes(data)  # bytes over a local pipe, not mail: no code here sends mail
    pipe.close()
