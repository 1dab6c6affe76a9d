"""Pacing requests under a provider's per-second quota, so a long first sync meets no 429.

``Pacer`` keeps the units spent in the last window (one second) and, before a request,
waits until spending its cost keeps every window within the budget: the strictest reading
of "N units per user per second", so any bucket or window the server counts by is also kept.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

# https://developers.google.com/gmail/api/reference/quota (units per method)
GMAIL_UNITS_PER_SECOND = 250
GMAIL_COSTS = {
    "getProfile": 1,
    "history.list": 2,
    "labels.list": 1,
    "messages.list": 5,
    "messages.get": 5,
    "threads.get": 10,
    "drafts.list": 5,
    "drafts.get": 5,
    "drafts.create": 10,
    "drafts.update": 15,
    "drafts.delete": 10,
    "messages.send": 100,
    "drafts.send": 100,
}
GMAIL_DEFAULT_COST = 10  # an unlisted method: a cautious guess


def gmail_cost(method_id: str | None) -> int:
    """Units of a call named by its discovery method id ('gmail.users.messages.get')."""
    name = (method_id or "").removeprefix("gmail.users.")
    return GMAIL_COSTS.get(name, GMAIL_DEFAULT_COST)


class Pacer:
    """At most ``budget`` units in any ``window`` seconds, plus ``slack``: requests sent a
    window apart may arrive closer together when the network delays the first."""

    def __init__(
        self,
        budget: int,
        window: float = 1.0,
        *,
        slack: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.budget, self.window, self.slack = budget, window + slack, slack
        self._clock, self._sleep = clock, sleep
        self._spent: deque[tuple[float, int]] = deque()
        self._total = 0
        self._lock = threading.Lock()
        self.waited = 0.0  # seconds spent waiting, for reports

    def take(self, units: int) -> None:
        """Wait until ``units`` can be spent within the budget, then spend them."""
        units = min(units, self.budget)  # a request dearer than the budget goes alone
        with self._lock:
            while True:
                now = self._clock()
                while self._spent and self._spent[0][0] <= now - self.window:
                    self._total -= self._spent.popleft()[1]
                if self._total + units <= self.budget:
                    break
                # Never less than a microsecond: a rounding error must not spin this loop.
                pause = max(self._spent[0][0] + self.window - now, 1e-6)
                self.waited += pause
                self._sleep(pause)
            self._spent.append((now, units))
            self._total += units

    def seconds_for(self, units: int) -> float:
        """How long spending ``units`` more takes at the budget's pace."""
        return units / self.budget * (self.window - self.slack)
