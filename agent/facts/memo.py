"""Facts read from a message once and kept in the state: the rules re-read the same program
mail on every pass, and at 100,000 messages that reading is most of a no-change pass.

Keys carry a digest of the reading code, so a new version of the rules reads mail afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from agent.facts import dates as promise_dates
from agent.facts import interviews, promises


def _digest(*modules: object) -> str:
    h = hashlib.sha256()
    for module in modules:
        h.update(Path(str(getattr(module, "__file__", ""))).read_bytes())
    return h.hexdigest()[:12]


RULES = _digest(promises, promise_dates, interviews)


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
