"""Crash safety on IMAP: `agent sync` against a real Dovecot through a proxy that SIGKILLs
it at a random moment of its conversation with the server (as the k-th piece of the
server's answers arrives, k drawn over a clean run's, so kills land at the same places
however loaded the machine is), and at exact ones: when the server has stored the n-th
draft but before the agent reads the answer (between the APPEND and the ledger update), or
just before the n-th draft's text is sent; then run to completion. After every
kill and after the completing runs, as the server shows it: every expected draft exists
exactly once and is the draft a clean run writes (same headers and text); a draft the user
deleted and expunged between the runs never comes back and is marked dismissed; the state
database passes ``PRAGMA integrity_check``.

CI runs one random kill point and the two exact ones; more random ones:
``CRASH_KILLS=40 .venv/bin/pytest tests/e2e/test_imap_crash.py -s``
"""

from __future__ import annotations

import email
import email.policy
import os
import random
import signal
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.test_crash import SEED, Tally
from tests.support.crashkit import MARKER, Setup, filler, program_mail
from tests.support.dovecot import Dovecot, running
from tests.support.imap_proxy import CuttingProxy, before_append_ok


def before_append_text(sent: bytes, chunk: bytes) -> bool:
    """The server invites the APPEND's literal: the draft has not been sent yet."""
    return b"APPEND" in sent and chunk.startswith(b"+")


KILLS = int(os.environ.get("CRASH_KILLS") or 1)
FILLER = 60
STATE_FILES = {"state.sqlite3", "state.sqlite3-wal", "state.sqlite3-shm", "agent.lock", "imap"}
# What a clean run's draft is, less what differs between runs (Date: the run's clock).
COMPARED = ("From", "To", "Subject", "Message-ID", "In-Reply-To", "References", MARKER)


def deliver(server: Dovecot) -> None:
    with server.client() as imap:
        for raw, folder in program_mail() + filler(FILLER):
            imap.append("INBOX" if folder == "inbox" else "Sent", raw)


def setup_for(root: Path, server: Dovecot) -> Setup:
    return Setup(root, server.account_toml())


def server_drafts(server: Dovecot) -> list[tuple[str, tuple[str, ...]]]:
    """(marker key, the draft's identity and text) of every message in Drafts."""
    with server.client() as imap:
        imap.select_folder("Drafts", readonly=True)
        got = imap.fetch(imap.search(["ALL"]), ["BODY.PEEK[]"])
    out = []
    for data in got.values():
        msg = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        text = str(body.get_content()) if body is not None else ""
        out.append((str(msg[MARKER]), (*(str(msg[h]) for h in COMPARED), text)))
    return out


def delete_draft(server: Dovecot, key: str) -> None:
    with server.client() as imap:
        imap.select_folder("Drafts")
        imap.delete_messages(imap.search(["HEADER", MARKER, key]))
        imap.expunge()


def check_state(setup: Setup) -> None:
    if not (setup.state / "state.sqlite3").exists():
        return
    assert setup.integrity() == "ok"
    stray = {p.name for p in setup.state.iterdir()} - STATE_FILES
    assert not stray, f"stray files in the state dir: {stray}"


def complete(setup: Setup) -> None:
    done = setup.sync()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def kill_at(
    setup: Setup, proxy: CuttingProxy, moment: Callable[[bytes, bytes], bool], nth: int
) -> bool:
    """Run a pass through ``proxy`` and SIGKILL it at the ``nth`` ``moment``."""
    proc = setup.start()
    seen = 0

    def cutter(sent: bytes, chunk: bytes) -> bool:
        nonlocal seen
        if not moment(sent, chunk):
            return False
        seen += 1
        if seen < nth:
            return False
        os.kill(proc.pid, signal.SIGKILL)  # before the answer reaches the agent
        return True

    proxy.cut_once(cutter)
    try:
        proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    finally:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()
    return proc.returncode == -signal.SIGKILL


def any_answer(sent: bytes, chunk: bytes) -> bool:
    return True


def through(server: Dovecot, proxy: CuttingProxy, root: Path) -> Setup:
    return Setup(
        root, server.account_toml().replace(f"port = {server.port}", f"port = {proxy.port}")
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, tuple[str, ...]], int]:
    """What a clean run writes, and how many pieces of answer the server sends it: kill
    points are drawn among those, so they fall at the same places in the conversation
    however loaded the machine is."""
    root = tmp_path_factory.mktemp("clean")
    with running(root / "server") as server:
        deliver(server)
        proxy = CuttingProxy(server.port)
        answers = 0

        def count(sent: bytes, chunk: bytes) -> bool:
            nonlocal answers
            answers += 1
            return False

        proxy.cut_once(count)
        try:
            complete(through(server, proxy, root / "run"))
        finally:
            proxy.close()
        drafts = dict(server_drafts(server))
    assert len(drafts) == 7 and answers > 10
    return drafts, answers


@pytest.mark.parametrize(
    "moment", [before_append_ok, before_append_text], ids=["after-append", "before-append"]
)
def test_imap_survives_sigkill_around_an_append(
    tmp_path: Path,
    reference: tuple[dict[str, tuple[str, ...]], int],
    moment: Callable[[bytes, bytes], bool],
) -> None:
    drafts, _ = reference
    nth = random.Random(SEED).randint(2, len(drafts))
    with running(tmp_path / "server") as server:
        deliver(server)
        proxy = CuttingProxy(server.port)
        setup = through(server, proxy, tmp_path / "run")
        try:
            assert kill_at(setup, proxy, moment, nth)
            keys = [key for key, _ in server_drafts(server)]
            stored = nth if moment is before_append_ok else nth - 1
            assert len(keys) == len(set(keys)) == stored
            planned = [k for k, state in setup.ledger().items() if state == "planned"]
            assert len(planned) == 1  # the row written before the APPEND, never updated
            check_state(setup)
            complete(setup)
            final = server_drafts(server)
        finally:
            proxy.close()
    assert sorted(k for k, _ in final) == sorted(drafts)
    assert all(draft == drafts[key] for key, draft in final)
    assert set(setup.ledger().values()) == {"created"}


def test_imap_survives_sigkill_at_random_moments(
    tmp_path: Path, reference: tuple[dict[str, tuple[str, ...]], int]
) -> None:
    drafts, answers = reference
    rng = random.Random(SEED + 7)
    tally = Tally()
    # The k-th piece of the server's answers, for k drawn over a clean run's: the kill
    # lands while the agent waits for it, with everything it did before done.
    moments = [rng.randint(1, answers) for _ in range(KILLS)]
    for i, delay in enumerate(moments):
        with running(tmp_path / f"server-{i}") as server:
            deliver(server)
            proxy = CuttingProxy(server.port)  # the runs that complete the pass use it too
            setup = through(server, proxy, tmp_path / f"k{i}")
            killed = kill_at(setup, proxy, any_answer, delay)
            tally.kills += 1
            keys = Counter(key for key, _ in server_drafts(server))
            assert all(n == 1 for n in keys.values()), (
                f"duplicate draft after a kill at answer {delay}"
            )
            if not killed:
                tally.finished_first += 1
            elif not keys:
                tally.before_first_draft += 1
            elif len(keys) < len(drafts):
                tally.mid_drafts += 1
            else:
                tally.after_all_drafts += 1
            check_state(setup)
            deleted = None
            created = [k for k, state in setup.ledger().items() if state == "created"]
            if i % 2 == 1 and created:
                deleted = rng.choice(sorted(created))
                delete_draft(server, deleted)
                tally.deleted += 1
            complete(setup)
            if i == KILLS - 1:
                complete(setup)  # and a later pass changes nothing
            final = server_drafts(server)
            expected = {k: v for k, v in drafts.items() if k != deleted}
            assert sorted(k for k, _ in final) == sorted(expected), f"kill at answer {delay} ({i})"
            for key, draft in final:
                assert draft == expected[key], f"kill at answer {delay} ({i}): {key} differs"
            check_state(setup)
            if deleted:
                assert setup.ledger()[deleted] == "dismissed"
            proxy.close()
    print("\n" + tally.line("imap"))
