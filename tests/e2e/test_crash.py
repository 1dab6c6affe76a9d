"""Crash safety: `agent sync` killed with SIGKILL at a random moment, then run to completion.

The subprocess is the real CLI on a multi-program mailbox (six thank-you windows open across
three programs and one overdue promise, plus filler mail so a pass has some length). Kill
delays are seeded and drawn from the measured duration of a clean run (half of them over the
whole run, half over its second half, where the drafts are written). After every kill, and
after the run that completes the pass: every expected draft exists exactly once and is
byte-for-byte (Maildir, Gmail) or field-for-field (Outlook) the draft a clean run writes; a
draft the user deleted between the runs never comes back; ``PRAGMA integrity_check`` is ok;
no stray file sits anywhere but a Maildir ``tmp/``. For Gmail and Outlook the emulators'
request logs show exactly one draft creation per expected draft and no send endpoint.

CI runs a handful of kill points per provider. The full run (100 kill points each):

    CRASH_KILLS=100 .venv/bin/pytest tests/e2e/test_crash.py -p no:xdist -q -s

(``FULL=1`` is the same as ``CRASH_KILLS=100``; ``CRASH_SEED`` changes the seed.)
"""

from __future__ import annotations

import difflib
import email
import email.policy
import os
import random
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.support.crashkit import MARKER, TOKEN, Setup, filler, program_mail
from tests.support.emulators.gmail import GmailEmulator
from tests.support.emulators.graph import GraphEmulator

FULL = os.environ.get("FULL") == "1"
KILLS = int(os.environ.get("CRASH_KILLS") or (100 if FULL else 4))
SEED = int(os.environ.get("CRASH_SEED") or 20261104)
FILLER = 150
STATE_FILES = {"state.sqlite3", "state.sqlite3-wal", "state.sqlite3-shm", "agent.lock"}
SEND_MARKERS = ("send", "sendmail", "mail.send")


@dataclass
class Tally:
    kills: int = 0
    before_first_draft: int = 0
    mid_drafts: int = 0
    after_all_drafts: int = 0
    finished_first: int = 0
    deleted: int = 0
    seen: list[float] = field(default_factory=list)

    def line(self, name: str) -> str:
        return (
            f"{name}: {self.kills} kill points: {self.before_first_draft} before any draft, "
            f"{self.mid_drafts} between drafts, {self.after_all_drafts} after all drafts, "
            f"{self.finished_first} after the pass ended; {self.deleted} with a draft deleted "
            "between the runs"
        )


def kill_after(setup: Setup, delay: float) -> bool:
    """Start a pass and SIGKILL it after ``delay`` seconds; True when it was killed."""
    proc = setup.start()
    try:
        proc.wait(timeout=delay)
        return False
    except Exception:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True
    finally:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()


def delays(clean: float, count: int, rng: random.Random) -> list[float]:
    return [
        rng.uniform(0, clean) if i % 2 == 0 else rng.uniform(clean / 2, clean) for i in range(count)
    ]


def _diff(want: list[Any], got: list[Any] | None) -> str:
    if not got or len(got) != 1:
        return f"found {len(got or [])} drafts"
    a, b = (str(x[0]).splitlines() for x in (want, got))
    return "\n".join(difflib.unified_diff(a, b, lineterm=""))


def check_state_dir(setup: Setup) -> None:
    assert setup.integrity() == "ok"
    # Beside the state file: tokens, and what a connector keeps (a Maildir's folder names).
    stray = {p.name for p in setup.state.iterdir()} - STATE_FILES - {"tokens", "gmail", "maildir"}
    assert not stray, f"stray files in the state dir: {stray}"
    half_written = [p for p in setup.state.rglob("*.tmp")]
    assert not half_written, f"half-written files in the state dir: {half_written}"


def complete(setup: Setup) -> None:
    done = setup.sync()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


# -- Maildir ----------------------------------------------------------------------------------


def _maildir(root: Path) -> Setup:
    setup = Setup(root)
    setup.deliver_all(program_mail() + filler(FILLER))
    return setup


def normalized(raw: bytes) -> bytes:
    """The draft without its random MIME boundary."""
    return re.sub(rb"={15}\d+==", b"=BOUNDARY=", raw)


def _reference_drafts(setup: Setup) -> dict[str, bytes]:
    return {
        str(email.message_from_bytes(p.read_bytes(), policy=email.policy.default)[MARKER]): (
            normalized(p.read_bytes())
        )
        for p in setup.draft_files()
    }


def _no_partial_files(setup: Setup, reference: dict[str, bytes]) -> None:
    """Outside tmp/, every draft file is whole: byte-equal to a clean run's draft."""
    assert setup.box is not None
    for path in setup.box.root.rglob("*"):
        if path.is_file() and path.parent.name in ("new", "cur"):
            if path.parent.parent == setup.box.drafts_dir:
                assert normalized(path.read_bytes()) in reference.values(), f"partial draft {path}"
                assert path.name.endswith(":2,D")
        elif path.is_file():
            assert path.parent.name == "tmp" or path.name == "maildirfolder", path


def test_maildir_survives_sigkill_at_random_moments(tmp_path: Path) -> None:
    clean_setup = _maildir(tmp_path / "clean")
    started = time.perf_counter()
    complete(clean_setup)
    clean = time.perf_counter() - started
    reference = _reference_drafts(clean_setup)
    assert len(reference) == 7
    rng = random.Random(SEED)
    tally = Tally()
    for i, delay in enumerate(delays(clean, KILLS, rng)):
        setup = _maildir(tmp_path / f"k{i}")
        killed = kill_after(setup, delay)
        tally.kills += 1
        keys = setup.draft_keys()
        _no_partial_files(setup, reference)
        if not killed:
            tally.finished_first += 1
        elif not keys:
            tally.before_first_draft += 1
        elif len(keys) < len(reference):
            tally.mid_drafts += 1
        else:
            tally.after_all_drafts += 1
        assert len(keys) == len(set(keys)), f"duplicate draft after a kill at {delay:.3f}s"
        if setup.state.exists() and (setup.state / "state.sqlite3").exists():
            check_state_dir(setup)
        deleted = None
        created = [k for k, state in setup.ledger().items() if state == "created"]
        if i % 3 == 0 and created:
            deleted = rng.choice(sorted(created))
            for path in setup.draft_files():
                if deleted.encode() in path.read_bytes():
                    path.unlink()  # the user deletes the draft in their mail client
            tally.deleted += 1
        complete(setup)
        complete(setup)  # and a later pass changes nothing
        expected = sorted(k for k in reference if k != deleted)
        assert setup.draft_keys() == expected, f"kill at {delay:.3f}s (iteration {i})"
        _no_partial_files(setup, reference)
        check_state_dir(setup)
        if deleted:
            assert setup.ledger()[deleted] == "dismissed"
    print("\n" + tally.line("maildir"))


# -- Gmail and Outlook emulators ---------------------------------------------------------------


class Provider:
    name: str

    def start(self) -> str: ...  # the [[accounts]] block
    def stop(self) -> None: ...
    def drafts(self) -> dict[str, list[Any]]: ...  # marker key -> the drafts' content
    def delete(self, key: str) -> None: ...
    def creations(self) -> int: ...
    def sends(self) -> list[str]: ...


class GmailProvider(Provider):
    name = "gmail"

    def start(self) -> str:
        self.emu = GmailEmulator()
        self.emu.access_tokens.add(TOKEN)
        self.emu.start()
        for raw, folder in program_mail() + filler(FILLER):
            self.emu.deliver(raw, ["INBOX"] if folder == "inbox" else ["SENT"])
        return (
            '[[accounts]]\nname = "school"\nprovider = "gmail"\n'
            f'token_command = "echo {TOKEN}"\napi_endpoint = "{self.emu.url}"\n'
        )

    def stop(self) -> None:
        self.emu.stop()

    def _marker(self, draft_id: str) -> str:
        raw = self.emu.draft_message(draft_id).raw
        return str(email.message_from_bytes(raw, policy=email.policy.default)[MARKER])

    def drafts(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        with self.emu.lock:
            for draft_id in list(self.emu.drafts):
                raw = normalized(self.emu.draft_message(draft_id).raw)
                out.setdefault(self._marker(draft_id), []).append(raw)
        return out

    def delete(self, key: str) -> None:
        for draft_id in list(self.emu.drafts):
            if self._marker(draft_id) == key:
                self.emu.user_deletes_draft(draft_id)

    def creations(self) -> int:
        return len([r for r in self.emu.calls("drafts.create") if r.status == 200])

    def sends(self) -> list[str]:
        return [r.path for r in self.emu.requests if "send" in r.path.lower() or "send" in r.api]


class OutlookProvider(Provider):
    name = "outlook"

    def start(self) -> str:
        self.graph = GraphEmulator(token=TOKEN)
        self.graph.start()
        for raw, folder in program_mail() + filler(FILLER):
            self.graph.deliver(raw, folder)
        return (
            '[[accounts]]\nname = "school"\nprovider = "outlook"\n'
            f'token_command = "echo {TOKEN}"\napi_endpoint = "{self.graph.endpoint}"\n'
        )

    def stop(self) -> None:
        self.graph.stop()

    @staticmethod
    def _key(msg: dict[str, Any]) -> str | None:
        for prop in msg.get("singleValueExtendedProperties") or []:
            return str(prop.get("value"))
        return None

    def drafts(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        with self.graph._lock:
            for msg in self.graph.in_folder("drafts"):
                key = self._key(msg)
                if key:
                    content = (
                        msg.get("subject"),
                        msg.get("body", {}).get("content"),
                        [r["emailAddress"]["address"] for r in msg.get("toRecipients") or []],
                    )
                    out.setdefault(key, []).append(content)
        return out

    def delete(self, key: str) -> None:
        for msg in self.graph.in_folder("drafts"):
            if self._key(msg) == key:
                self.graph.user_deletes(msg["id"])

    def creations(self) -> int:
        return len(
            [
                r
                for r in self.graph.requests
                if r.method == "POST"
                and (r.path == "/me/messages" or r.path.endswith("/createReply"))
                and r.status < 300
            ]
        )

    def sends(self) -> list[str]:
        return [
            r.path for r in self.graph.requests if any(s in r.path.lower() for s in SEND_MARKERS)
        ]


@pytest.fixture(params=["gmail", "outlook"])
def provider(request: pytest.FixtureRequest) -> Iterator[Callable[[], Provider]]:
    started: list[Provider] = []

    def make() -> Provider:
        p: Provider = GmailProvider() if request.param == "gmail" else OutlookProvider()
        started.append(p)
        return p

    yield make
    for p in started:
        p.stop()


def test_provider_survives_sigkill_at_random_moments(
    tmp_path: Path, provider: Callable[[], Provider]
) -> None:
    clean_provider = provider()
    clean_setup = Setup(tmp_path / "clean", clean_provider.start())
    started = time.perf_counter()
    complete(clean_setup)
    clean = time.perf_counter() - started
    reference = clean_provider.drafts()
    assert len(reference) == 7 and all(len(v) == 1 for v in reference.values())
    clean_provider.stop()
    rng = random.Random(SEED + 1)
    tally = Tally()
    name = clean_provider.name
    for i, delay in enumerate(delays(clean, KILLS, rng)):
        p = provider()
        setup = Setup(tmp_path / f"k{i}", p.start())
        killed = kill_after(setup, delay)
        tally.kills += 1
        after_kill = p.drafts()
        assert all(len(v) == 1 for v in after_kill.values()), f"duplicate at {delay:.3f}s"
        if not killed:
            tally.finished_first += 1
        elif not after_kill:
            tally.before_first_draft += 1
        elif len(after_kill) < len(reference):
            tally.mid_drafts += 1
        else:
            tally.after_all_drafts += 1
        if (setup.state / "state.sqlite3").exists():
            check_state_dir(setup)
        deleted = None
        created = [k for k, state in setup.ledger().items() if state == "created"]
        if i % 3 == 0 and created:
            deleted = rng.choice(sorted(created))
            p.delete(deleted)
            tally.deleted += 1
        complete(setup)
        complete(setup)
        final = p.drafts()
        expected = {k: v for k, v in reference.items() if k != deleted}
        for key in expected:
            assert final.get(key) == expected[key], (
                f"{name}: kill at {delay:.3f}s (iteration {i}): {key}\n"
                + _diff(expected[key], final.get(key))
            )
        assert final.keys() == expected.keys(), f"{name}: kill at {delay:.3f}s (iteration {i})"
        # the request log: one successful creation per draft ever written, nothing sent
        assert p.creations() == len(reference), f"{name}: kill at {delay:.3f}s"
        assert p.sends() == []
        check_state_dir(setup)
        p.stop()
    print("\n" + tally.line(name))
