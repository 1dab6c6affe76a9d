"""Gmail calls are paced under the per-user quota (250 units a second): a first sync against
an emulator that enforces the quota meets no 429; the same sync unpaced does."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from connectors.base import PullRequest
from connectors.errors import ConnectorError
from connectors.pacing import GMAIL_UNITS_PER_SECOND, Pacer, gmail_cost
from tests.connectors.test_gmail_connector import GmailHarness
from tests.support.contract import SINCE, rfc822
from tests.support.emulators.gmail import GmailEmulator


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_no_window_of_a_second_holds_more_than_the_budget() -> None:
    clock = FakeClock()
    pacer = Pacer(250, clock=clock, sleep=clock.sleep, slack=0.0)
    spent: list[tuple[float, int]] = []
    for units in [250, 5, 5, 100, 250, 2, 1, 125, 125, 125] * 5:
        pacer.take(units)
        spent.append((clock.now, units))
        clock.now += 0.01
    for start, _ in spent:
        window = sum(u for t, u in spent if start <= t < start + 1.0)
        assert window <= 250
    assert pacer.waited > 0
    # 4,940 units at 250 a second: about 20 seconds, not much more.
    assert 19.0 < clock.now < 24.5


def test_costs_follow_the_published_table() -> None:
    assert gmail_cost("gmail.users.messages.get") == 5
    assert gmail_cost("gmail.users.history.list") == 2
    assert gmail_cost("gmail.users.drafts.create") == 10
    assert gmail_cost("gmail.users.something.new") == 10


@pytest.fixture
def quota_emulator() -> Iterator[GmailEmulator]:
    emu = GmailEmulator()
    emu.quota = GMAIL_UNITS_PER_SECOND
    emu.start()
    yield emu
    emu.stop()


def _fill(harness: GmailHarness, count: int) -> None:
    for n in range(count):
        harness.deliver(rfc822(subject=f"Note {n}", message_id=f"<n{n}@x.example>"), "inbox")


def test_a_paced_first_sync_meets_no_429(quota_emulator: GmailEmulator, tmp_path: Path) -> None:
    harness = GmailHarness(quota_emulator, tmp_path / "state")
    _fill(harness, 120)  # 600 units of metadata and bodies: more than two seconds' quota
    pull = harness.connector().pull(None, PullRequest(since=SINCE))
    assert len(pull.messages) == 120
    statuses = [r.status for r in quota_emulator.requests]  # batch parts too
    assert 429 not in statuses
    assert harness.sleeps == []  # no retry was needed


def test_unpaced_the_same_sync_trips_the_quota(
    quota_emulator: GmailEmulator, tmp_path: Path
) -> None:
    harness = GmailHarness(quota_emulator, tmp_path / "state")
    _fill(harness, 120)
    connector = harness.connector()
    connector.pacer = Pacer(10**9)  # as good as no pacing
    with contextlib.suppress(ConnectorError):  # retries without waiting may run out
        connector.pull(None, PullRequest(since=SINCE))
    assert 429 in [r.status for r in quota_emulator.requests]


def test_a_first_sync_says_how_many_messages_and_how_long_ahead(
    quota_emulator: GmailEmulator, tmp_path: Path
) -> None:
    harness = GmailHarness(quota_emulator, tmp_path / "state")
    _fill(harness, 60)
    told: list[tuple[int, float]] = []
    connector = harness.connector()
    first = connector.pull(None, PullRequest(since=SINCE, expect=lambda n, s: told.append((n, s))))
    assert len(told) == 1 and told[0][0] == 60
    assert told[0][1] == connector.pacer.seconds_for(60 * gmail_cost("messages.get"))
    connector.pull(first.cursor, PullRequest(since=SINCE, expect=lambda n, s: told.append((n, s))))
    assert len(told) == 1  # an incremental pass has nothing to announce
