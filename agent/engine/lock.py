"""One writer at a time: an advisory lock on the state dir, shared by `agent run` and
`agent sync`. Readers (`agent status`) never take it."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from agent.errors import LockHeld, UserError
from connectors.files import private_dir

WAIT_ENV = "AGENT_LOCK_WAIT_SECONDS"  # how long a second writer waits; default 10 s


def default_wait_seconds() -> float:
    text = os.environ.get(WAIT_ENV)
    if not text:
        return 10.0
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise UserError(f"{WAIT_ENV}={text!r}: must be a number of seconds from 0 to 3600")
    return value


class StateLock:
    """Held by a writer for one pass (`agent sync`, or each pass of `agent run`)."""

    name = "agent.lock"

    def __init__(self, state_dir: Path, wait_seconds: float | None = None) -> None:
        self.path = state_dir / self.name
        self.wait_seconds = default_wait_seconds() if wait_seconds is None else wait_seconds
        self.fd: int | None = None

    def held_by(self, holder: str) -> UserError:
        return LockHeld(
            f"another agent process ({holder}) is using the state in "
            f"{self.path.parent}; wait for it to finish, or stop it (if it is the "
            "daemon: `agent service uninstall` or kill that process)"
        )

    def __enter__(self) -> StateLock:
        private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "unknown"
                    os.close(fd)
                    raise self.held_by(holder) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        self.fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


class DaemonLock(StateLock):
    """Held by `agent run` for its whole life: one daemon per state folder."""

    name = "daemon.lock"

    def __init__(self, state_dir: Path) -> None:
        super().__init__(state_dir, wait_seconds=0)

    def held_by(self, holder: str) -> UserError:
        return LockHeld(
            f"`agent run` is already running on the state in {self.path.parent} ({holder}); "
            "one is enough. Stop it first (`agent service uninstall`, or kill that process) "
            "to start another"
        )
