"""Maildir folders listed ahead: on the second core, while the program is still starting.

A pass after new mail lists each folder that changed, and the kernel takes about 0.1 s to
list one of 300,000 files; starting `agent sync` (importing its libraries) takes about
0.2 s on one core while the other idles. So `agent sync` first forks a child that lists
the config's Maildir folders, before anything heavy is imported (agent/cli/start.py), and
the connector takes a folder's listing from it only when the folder's mtime is still the
one the child saw before listing it; otherwise it lists the folder itself.

Speculative, and never trusted further than that check: a wrong guess (another config, a
folder that is not there, a child that failed) costs the idle core's time, never a name.
Only where fork is safe and cheap and a second CPU is there (``second_core.available``).
This module imports little, so the fork happens early in the run.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import marshal
import os
import signal
import time
from typing import NamedTuple

from connectors import second_core

log = logging.getLogger(__name__)


class Listing(NamedTuple):
    names: str  # the folder's names but hidden ones, a line each (see ``listing``)
    mtime_ns: int  # the folder's mtime, taken just before it was listed
    started_ns: int  # when the listing began (wall clock, as Maildir mtimes are)


def listing(directory: str) -> str:
    """The names in ``directory`` but hidden ones, a line each, without a stat (a hidden
    name is rare: looked for in C); "" when it cannot be listed."""
    try:
        return _names(directory)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        log.warning("cannot list %s: %s", directory, exc.strerror)
        return ""


def _names(directory: str) -> str:
    names = os.listdir(directory)
    joined = "\n".join(names)
    if joined.startswith(".") or "\n." in joined:
        joined = "\n".join(f for f in names if not f.startswith("."))
    return joined


SENT_FOLDER = "Sent"  # an account's sent folder when its config names none


def folder_dirs(root: str, sent_folder: str) -> list[str]:
    """The directories a Maildir account's pull lists: new/ and cur/ of the inbox and of the
    sent folder (as ``MaildirConnector`` names them)."""
    return [
        os.path.join(base, sub)
        for base in (root, os.path.join(root, f".{sent_folder}"))
        for sub in ("new", "cur")
    ]


class _Ahead:
    """The child listing the folders, and what it found once it is done."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.found: dict[tuple[int, int], Listing] | None = None

    def collect(self) -> dict[tuple[int, int], Listing]:
        """The listings by (device, inode) of their folder, once the child is done (it
        started with the run, so it is by the time a pull asks); a child still listing after
        STUCK_AFTER_S (a hung mount) is killed, and the pass lists for itself."""
        if self.found is None:
            self.found = {}
            try:
                status = self._ended(time.monotonic() + STUCK_AFTER_S)
                if status is not None and os.waitstatus_to_exitcode(status) == 0:
                    with os.fdopen(self.fd, "rb", closefd=False) as data:
                        data.seek(0)
                        rows = marshal.load(data)
                    self.found = {(dev, ino): Listing(*rest) for dev, ino, *rest in rows}
            except (OSError, EOFError, ValueError, TypeError) as exc:
                log.debug("the folders listed ahead are not used: %s", exc)
            finally:
                os.close(self.fd)
        return self.found

    def _ended(self, deadline: float) -> int | None:
        """The child's wait status once it ends, or None when it was killed at ``deadline``."""
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return status
            if time.monotonic() >= deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                return None
            time.sleep(0.001)

    def end(self) -> None:
        """At exit: a child never asked is not left behind, nor waited for."""
        if self.found is not None:
            return
        self.found = {}
        with contextlib.suppress(OSError):  # already reaped elsewhere
            self._ended(deadline=0)
        os.close(self.fd)


_AHEAD: _Ahead | None = None
STUCK_AFTER_S = 10.0


def start(directories: list[str]) -> bool:
    """Fork a child that lists ``directories`` (those that exist); False when nothing was
    started (one CPU, not Linux, nothing to list, or a fork that failed)."""
    global _AHEAD
    if _AHEAD is not None or not directories or not second_core.available():
        return False
    try:
        fd = os.memfd_create("agent-listing", os.MFD_CLOEXEC)
    except OSError as exc:
        log.debug("folders not listed ahead: %s", exc)
        return False
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(fd)
        log.debug("folders not listed ahead: %s", exc)
        return False
    if pid == 0:  # the child: list, write, and leave without running the parent's exit code
        code = 1
        try:
            rows = []
            for directory in directories:
                try:  # what cannot be listed is left to the pass, which says so
                    st = os.stat(directory)
                    started = time.time_ns()
                    names = _names(directory)
                except OSError:
                    continue
                rows.append((st.st_dev, st.st_ino, names, st.st_mtime_ns, started))
            with os.fdopen(fd, "wb", closefd=False) as out:
                marshal.dump(rows, out)
            code = 0
        finally:
            os._exit(code)
    _AHEAD = _Ahead(pid, fd)
    atexit.register(_AHEAD.end)
    return True


def take(st: os.stat_result) -> Listing | None:
    """The listing made ahead of the folder whose stat is ``st`` (taken now), if the folder
    has not changed since (its mtime is the one seen before listing it); each is given once."""
    if _AHEAD is None:
        return None
    made = _AHEAD.collect().pop((st.st_dev, st.st_ino), None)
    if made is None or made.mtime_ns != st.st_mtime_ns:
        return None
    return made


def wait() -> int:
    """Wait for the child to be done; how many of its listings are still to take."""
    return len(_AHEAD.collect()) if _AHEAD is not None else 0


def discard() -> None:
    """Forget the child and what it listed (tests)."""
    global _AHEAD
    if _AHEAD is not None:
        _AHEAD.collect()
        atexit.unregister(_AHEAD.end)
    _AHEAD = None
