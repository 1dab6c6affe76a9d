"""A forked child's half of a job: its answer, or None when it fails in any way."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from connectors import second_core

pytestmark = pytest.mark.skipif(not second_core.available(), reason="needs Linux and 2 CPUs")


def test_the_child_answers_with_what_its_work_returned() -> None:
    loaded = {"seen": [3, 1, 2]}  # what the parent had: the child starts with it, unpickled
    half = second_core.start(lambda: (os.getpid(), sorted(loaded["seen"])))
    assert half is not None
    pid, answer = half.result() or (0, [])
    assert answer == [1, 2, 3]
    assert pid not in (0, os.getpid())


def test_a_failing_child_answers_none_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    def work() -> int:
        raise ValueError("private words from a message")

    half = second_core.start(work)
    assert half is not None
    assert half.result() is None
    assert "ValueError" in caplog.text
    assert "private words" not in caplog.text  # a message's text never reaches the log


def test_a_child_that_dies_answers_none() -> None:
    half = second_core.start(lambda: os.kill(os.getpid(), signal.SIGKILL))
    assert half is not None
    assert half.result() is None


def test_an_answer_that_cannot_be_sent_answers_none() -> None:
    half = second_core.start(lambda: threading.Lock())  # a lock cannot be pickled
    assert half is not None
    assert half.result() is None


def test_a_large_answer_arrives_whole() -> None:
    body = b"x" * (20 * 1024 * 1024)  # larger than a pipe's buffer many times over
    half = second_core.start(lambda: [body, body[:10]])
    assert half is not None
    assert half.result() == [body, b"x" * 10]


def test_a_child_that_does_not_answer_is_given_up_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_core, "STUCK_AFTER_S", 0.3)
    half = second_core.start(lambda: time.sleep(30))  # as stuck on a lock held at the fork
    assert half is not None
    started = time.monotonic()
    assert half.result() is None
    assert time.monotonic() - started < 5  # killed, not waited for


def test_an_abandoned_child_is_gone() -> None:
    half = second_core.start(lambda: time.sleep(30))
    assert half is not None
    started = time.monotonic()
    half.abandon()
    assert time.monotonic() - started < 5
    assert half._process.exitcode is not None  # reaped: no process left behind
