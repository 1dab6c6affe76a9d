"""Provider faults through the Gmail API emulator: the real CLI in-process, the real
connector and google-api-python-client, retry sleeps recorded instead of slept. Every draft
is written exactly once and no program message is missed; a provider that stays down fails
the pass cleanly, and the next pass completes the work."""

from __future__ import annotations

import email
import email.policy
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import agent.engine.sync
from agent.cli.main import main
from connectors.gmail.account import GmailAccount
from connectors.gmail.connector import GmailConnector
from connectors.retry import RetryPolicy
from tests.support.crashkit import NOW, Setup, filler, program_mail
from tests.support.emulators.gmail import GmailEmulator

Cap = pytest.CaptureFixture[str]
EXPECTED_DRAFTS = 7


class World:
    def __init__(self, root: Path, gmail: GmailEmulator) -> None:
        self.gmail = gmail
        for raw, folder in program_mail() + filler(40):
            gmail.deliver(raw, ["INBOX"] if folder == "inbox" else ["SENT"])
        account = (
            '[[accounts]]\nname = "school"\nprovider = "gmail"\n'
            f'token_command = "echo ya29.emulator-valid"\napi_endpoint = "{gmail.url}"\n'
        )
        self.setup = Setup(root, account)
        self.sleeps: list[float] = []

    def sync(self, capsys: Cap) -> tuple[int, str, str]:
        code = 0
        try:
            main(["sync", "--config", str(self.setup.config), "--now", NOW])
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return code, captured.out, captured.err

    def drafts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for draft_id in self.gmail.drafts:
            raw = self.gmail.draft_message(draft_id).raw
            key = str(
                email.message_from_bytes(raw, policy=email.policy.default)["X-Residency-Agent"]
            )
            out[key] = out.get(key, 0) + 1
        return out

    def stored(self) -> int:
        con = sqlite3.connect(self.setup.state / "state.sqlite3")
        try:
            return int(con.execute("SELECT count(*) FROM messages").fetchone()[0])
        finally:
            con.close()

    def assert_exactly_once(self) -> None:
        drafts = self.drafts()
        assert len(drafts) == EXPECTED_DRAFTS and set(drafts.values()) == {1}, drafts
        program = sum(
            1
            for m in self.gmail.messages.values()
            if "DRAFT" not in m.labels and b"Weekly digest" not in m.raw
        )
        assert self.stored() == program  # no program message missed


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    gmail = GmailEmulator()
    gmail.start()
    w = World(tmp_path, gmail)

    def connect(account: Any, state_dir: Path) -> Any:
        assert isinstance(account, GmailAccount)
        return GmailConnector(
            account, state_dir, retry=RetryPolicy(attempts=5, sleep=w.sleeps.append)
        )

    monkeypatch.setattr(agent.engine.sync, "open_connector", connect)
    yield w
    gmail.stop()
    assert not [r.path for r in gmail.requests if r.path.rstrip("/").endswith("/send")]


def until_done(world: World, capsys: Cap, passes: int = 10) -> list[int]:
    codes = []
    for _ in range(passes):
        codes.append(world.sync(capsys)[0])
        if codes[-1] == 0 and len(world.drafts()) == EXPECTED_DRAFTS:
            break
    return codes


def test_429_storm_with_retry_after(world: World, capsys: Cap) -> None:
    world.gmail.fail(429, times=12, retry_after="3", reason="rateLimitExceeded")
    codes = until_done(world, capsys)
    assert codes[-1] == 0
    assert 3.0 in world.sleeps  # Retry-After honoured
    world.assert_exactly_once()


def test_server_errors_and_rate_limit_403s_are_retried(world: World, capsys: Cap) -> None:
    world.gmail.fail(500, times=3)
    world.gmail.fail(403, times=2, reason="userRateLimitExceeded")
    world.gmail.fail(503, times=2, api="messages.get")
    assert until_done(world, capsys)[-1] == 0
    world.assert_exactly_once()


def test_expired_history_rereads_without_duplicates(world: World, capsys: Cap) -> None:
    assert world.sync(capsys)[0] == 0
    before = world.drafts()
    world.gmail.expire_history()
    late = program_mail()[1][0].replace(b"sched-1", b"sched-2").replace(b"schedule", b"update")
    world.gmail.deliver(late)
    code, out, _ = world.sync(capsys)
    assert code == 0 and "full read" in out
    assert world.drafts() == before
    world.assert_exactly_once()


def test_provider_down_past_the_retry_budget_fails_cleanly_then_recovers(
    world: World, capsys: Cap
) -> None:
    world.gmail.fail(503, times=10_000)
    code, _, err = world.sync(capsys)
    assert code == 1
    assert "school" in err and "Gmail" in err
    assert world.drafts() == {}
    world.gmail.faults.clear()
    code, out, err = world.sync(capsys)
    assert code == 0, err
    assert f"Drafted {EXPECTED_DRAFTS} follow-up(s)" in out
    world.assert_exactly_once()
