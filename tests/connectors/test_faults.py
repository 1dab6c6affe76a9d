"""Provider faults through the emulators, with the real CLI in-process (retry sleeps are
recorded, not slept; client timeouts cut to a fraction of a second): 429 storms with
Retry-After, a steady 5% of 5xx, connection resets, responses slower than the client
timeout, expired cursors. Every draft is written exactly once, no message is missed, and a
provider that stays down past the retry budget fails the pass cleanly (exit 1, a clear
message, no traceback) without losing anything: the next pass after it recovers drafts all.

    .venv/bin/pytest tests/connectors/test_faults.py -q        (the same in CI and in full)
"""

from __future__ import annotations

import random
import socket
import struct
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import agent.engine.sync
from agent.cli.main import main
from connectors.outlook import graph as outlook_graph
from connectors.outlook.connector import OutlookAccount, OutlookConnector
from connectors.retry import RetryPolicy
from tests.support.crashkit import NOW, TOKEN, Setup, filler, program_mail
from tests.support.emulators.graph import GraphEmulator, Recorded, _Handler

Cap = pytest.CaptureFixture[str]
SLOW = 0.4  # seconds a slow response takes; the client's read timeout is cut below it


class ChaosGraph(GraphEmulator):
    """The Graph emulator plus seeded chaos: a 5xx rate, connection resets before the
    request is processed, and responses slower than the client timeout after it was."""

    def __init__(self, seed: int = 5) -> None:
        super().__init__(token=TOKEN)
        self.rng = random.Random(seed)
        self.error_rate = 0.0
        self.reset_rate = 0.0
        self.slow_rate = 0.0
        self.chaos: list[str] = []

    def start(self) -> str:
        chaos = self

        class Handler(_Handler):
            graph = chaos

            def _serve(self) -> None:
                with chaos._lock:
                    reset = chaos.rng.random() < chaos.reset_rate
                if reset:
                    chaos.chaos.append(f"reset {self.command} {self.path[:60]}")
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    return
                super()._serve()

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _serve

        import threading
        from http.server import ThreadingHTTPServer

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # a client that gave up (timeout) leaves a broken pipe: the server's business only
        self._server.handle_error = lambda request, address: None  # type: ignore[method-assign]
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self.endpoint

    def handle(self, rec: Recorded) -> tuple[int, dict[str, str], Any]:
        with self._lock:
            error = self.rng.random() < self.error_rate
            slow = self.rng.random() < self.slow_rate
        if error:
            self.chaos.append(f"503 {rec.method} {rec.path[:60]}")
            return 503, {}, {"error": {"code": "ServiceUnavailable", "message": "chaos"}}
        result = super().handle(rec)
        if slow:
            self.chaos.append(f"slow {rec.method} {rec.path[:60]}")
            time.sleep(SLOW)  # processed, but the answer arrives after the client gave up
        return result


class World:
    def __init__(self, root: Path, graph: ChaosGraph) -> None:
        self.graph = graph
        for raw, folder in program_mail() + filler(40):
            graph.deliver(raw, folder)
        account = (
            '[[accounts]]\nname = "school"\nprovider = "outlook"\n'
            f'token_command = "echo {TOKEN}"\napi_endpoint = "{graph.endpoint}"\n'
        )
        self.setup = Setup(root, account)
        self.sleeps: list[float] = []

    def sync(self, capsys: Cap, now: str = NOW) -> tuple[int, str, str]:
        code = 0
        try:
            main(["sync", "--config", str(self.setup.config), "--now", now])
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    def drafts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for msg in self.graph.in_folder("drafts"):
            for prop in msg.get("singleValueExtendedProperties") or []:
                out[str(prop["value"])] = out.get(str(prop["value"]), 0) + 1
        return out

    def program_messages(self) -> int:
        """Messages in the mailbox that are not the filler digests."""
        everything = self.graph.in_folder("inbox") + self.graph.in_folder("sentitems")
        return sum(1 for m in everything if not m["subject"].startswith("Weekly digest"))

    def stored_messages(self) -> int:
        import sqlite3

        con = sqlite3.connect(self.setup.state / "state.sqlite3")
        try:
            return int(con.execute("SELECT count(*) FROM messages").fetchone()[0])
        finally:
            con.close()


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    graph = ChaosGraph()
    graph.start()
    w = World(tmp_path, graph)

    def connect(account: Any, state_dir: Path) -> Any:
        assert isinstance(account, OutlookAccount)
        policy = RetryPolicy(attempts=5, sleep=w.sleeps.append)
        return OutlookConnector(account, state_dir, retry=policy)

    monkeypatch.setattr(agent.engine.sync, "open_connector", connect)
    monkeypatch.setattr(outlook_graph, "TIMEOUT", (2, SLOW / 2))
    yield w
    graph.stop()
    assert not [r.path for r in graph.requests if "send" in r.path.lower()]


def until_done(world: World, capsys: Cap, passes: int = 12) -> list[int]:
    codes = []
    for _ in range(passes):
        code, _, err = world.sync(capsys)
        assert "Traceback" not in err
        codes.append(code)
        if code == 0:
            break
    return codes


def assert_exactly_once(world: World) -> None:
    drafts = world.drafts()
    assert len(drafts) == 7, drafts
    assert set(drafts.values()) == {1}, drafts
    # No program message missed (only program mail is stored; the rest is read and dropped).
    assert world.stored_messages() == world.program_messages()


def test_429_storm_with_retry_after(world: World, capsys: Cap) -> None:
    world.graph.fail(429, times=12, retry_after="3")
    codes = until_done(world, capsys)
    assert codes[-1] == 0
    assert_exactly_once(world)
    assert 3.0 in world.sleeps  # Retry-After honoured


def test_steady_five_percent_5xx(world: World, capsys: Cap) -> None:
    world.graph.error_rate = 0.05
    codes = until_done(world, capsys)
    assert codes[-1] == 0, world.graph.chaos
    assert_exactly_once(world)


def test_connection_resets(world: World, capsys: Cap) -> None:
    world.graph.reset_rate = 0.08
    codes = until_done(world, capsys)
    assert codes[-1] == 0, world.graph.chaos
    assert_exactly_once(world)
    assert any(c.startswith("reset") for c in world.graph.chaos)


def test_responses_slower_than_the_client_timeout(world: World, capsys: Cap) -> None:
    world.graph.slow_rate = 0.1
    codes = until_done(world, capsys, passes=20)
    world.graph.slow_rate = 0.0
    time.sleep(SLOW)  # let the last slow answers finish on the server
    code, _, _ = world.sync(capsys)
    assert code == 0
    assert_exactly_once(world)
    assert any(c.startswith("slow") for c in world.graph.chaos), codes


def test_expired_cursor_rereads_without_duplicates(world: World, capsys: Cap) -> None:
    assert world.sync(capsys)[0] == 0
    before = world.drafts()
    world.graph.expire_sync_state()
    late = program_mail()[1][0].replace(b"sched-1", b"sched-2").replace(b"schedule", b"update")
    world.graph.deliver(late, "inbox")
    code, out, _ = world.sync(capsys)
    assert code == 0 and "full read" in out
    assert world.drafts() == before
    assert_exactly_once(world)


def test_provider_down_past_the_retry_budget_fails_cleanly_then_recovers(
    world: World, capsys: Cap
) -> None:
    world.graph.error_rate = 1.0
    code, out, err = world.sync(capsys)
    assert code == 1
    assert "Traceback" not in err and "Microsoft Graph" in err
    assert "school" in err
    assert world.drafts() == {}
    world.graph.error_rate = 0.0
    code, out, err = world.sync(capsys)
    assert code == 0, err
    assert "Drafted 7 follow-up(s)" in out
    assert_exactly_once(world)
