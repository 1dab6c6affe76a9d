"""User errors, kept apart from bugs: the CLI turns these into a message and an exit code,
never a traceback."""

from __future__ import annotations

import errno


class UserError(Exception):
    """Something the user can fix; the message says how. Exit status 2."""

    exit_code = 2


class ConfigError(UserError):
    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) in the configuration:\n{lines}")


class LockHeld(UserError):
    """Another agent process is writing the state."""


class AgentFailure(Exception):
    """A pass failed for a reason outside the user's config (exit status 1)."""

    exit_code = 1


class StateUnusable(AgentFailure):
    """The state folder or a file in it cannot be read or written (exit status 1)."""


_ADVICE = {
    errno.EACCES: "check that it belongs to you and that you may write to it (ls -ld; chmod u+rwX)",
    errno.EPERM: "check that it belongs to you and that you may write to it (ls -ld; chmod u+rwX)",
    errno.ENOSPC: "the disk is full: free some space, then run the command again",
    errno.EDQUOT: "your disk quota is used up: free some space, then run the command again",
    errno.EROFS: "the file system is read-only: use a writable folder",
    errno.ENOENT: "it does not exist: check the path",
    errno.ENOTDIR: "a part of the path is a file, not a folder: check the path",
    errno.EISDIR: "it is a folder where a file was expected: check the path",
}


def explain(exc: OSError, what: str) -> str:
    """One line for an OS error: the path, what is wrong, and what to do."""
    where = exc.filename or ""
    reason = exc.strerror or str(exc)
    advice = _ADVICE.get(exc.errno or 0, "check the path and its permissions")
    return f"{what} {where}: {reason}; {advice}".replace("  ", " ")
