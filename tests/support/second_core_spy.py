"""What each forked child of connectors/second_core answered, as the caller received it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from connectors import second_core


def answers(
    monkeypatch: pytest.MonkeyPatch, note: Callable[[Any], Any] = lambda answer: answer
) -> list[Any]:
    """From now on, ``note(answer)`` of each child's answer (None: it gave none), in order."""
    noted: list[Any] = []
    start = second_core.start

    def spied(work: Callable[[], Any]) -> second_core.Half[Any] | None:
        half = start(work)
        assert half is not None, "no second core: the test expects a split"
        result = half.result

        def told(timeout: float | None = None) -> Any:
            answer = result(timeout)
            noted.append(None if answer is None else note(answer))
            return answer

        half.result = told  # type: ignore[method-assign]
        return half

    monkeypatch.setattr(second_core, "start", spied)
    return noted
