"""Facts read from a message once and kept in the state: the rules re-read the same program
mail on every pass, and at 100,000 messages that reading is most of a no-change pass.

Keys carry a digest of the reading code, so a new version of the rules reads mail afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from connectors.base import MailMessage

T = TypeVar("T")


def _digest(folder: Path) -> str:
    """Every reader in this package: a change to any of them reads the mail afresh."""
    h = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


RULES = _digest(Path(__file__).resolve().parent)


class Each(Protocol):
    """How a reader reads one message of a program's mail: ``read()`` itself, or a kept
    reading of it (agent/facts/season_memo.py). ``what`` names the reading."""

    def __call__(self, message: MailMessage, what: str, read: Callable[[], T]) -> T: ...


def each_read(message: MailMessage, what: str, read: Callable[[], T]) -> T:
    """Every message read afresh: the readers' default."""
    return read()


class Memo:
    """A string-to-string memo: loaded from the store, new entries written back after."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.known = known or {}
        self.new: dict[str, str] = {}

    def get(self, key: str, compute: Callable[[], str]) -> str:
        full = f"{RULES}|{key}"
        if full in self.known:
            return self.known[full]
        if full not in self.new:
            self.new[full] = compute()
        return self.new[full]

    def kept(self, key: str, stamp: str) -> str | None:
        """What was kept under ``key`` for the same inputs (``stamp``), else None."""
        full = f"{RULES}|{key}"
        for value in (self.new.get(full), self.known.get(full)):
            if value is not None and value.startswith(stamp + "\n"):
                return value[len(stamp) + 1 :]
        return None

    def keep(self, key: str, stamp: str, value: str) -> None:
        """Keep ``value`` under ``key`` for these inputs: new inputs replace the row for the
        key rather than add another one."""
        self.new[f"{RULES}|{key}"] = f"{stamp}\n{value}"
