"""Bounded retries with backoff that honour ``Retry-After``, shared by the HTTP connectors."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

log = logging.getLogger(__name__)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class RetryPolicy:
    """How long to wait before attempt ``n`` (1-based) and when to give up."""

    attempts: int = 5  # total tries, the first included
    base: float = 0.5
    cap: float = 30.0  # no single wait is longer, whatever Retry-After says
    budget: float = 120.0  # total seconds of waiting across one call's retries
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return min(self.cap, retry_after)
        backoff = min(self.cap, self.base * 2 ** (attempt - 1))
        return backoff * (0.5 + random.random() / 2)  # jitter so accounts do not sync in step

    def wait(self, attempt: int, waited: float, retry_after: float | None = None) -> float | None:
        """Sleep before the next attempt and return the new total waited, or None to give up."""
        if attempt >= self.attempts:
            return None
        seconds = self.delay(attempt, retry_after)
        if waited + seconds > self.budget:
            return None
        log.debug("retrying in %.1fs (attempt %d of %d)", seconds, attempt + 1, self.attempts)
        self.sleep(seconds)
        return waited + seconds
