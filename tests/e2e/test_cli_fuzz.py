"""A fuzz of the command line: random commands and flags, configs with one key broken, and
state and mail folders that are read-only, damaged or missing. Every run must end without a
traceback, with a known exit status, each problem told once, and no draft ever twice.

    FUZZ_CASES=400 FUZZ_SEED=7 .venv/bin/pytest tests/e2e/test_cli_fuzz.py -q -p no:xdist

(the suite runs a smaller number of cases on every run, with a seed per day).
"""

from __future__ import annotations

import os
import random
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.support.clirun import Result, agent, read_only
from tests.support.scenario import CT, Applicant, mail

CASES = int(os.environ.get("FUZZ_CASES", "10"))
SEED = int(os.environ.get("FUZZ_SEED", date.today().strftime("%Y%m%d")))

# One broken key each: (what is replaced, what replaces it).
BREAKAGES = [
    ('timezone = "America/New_York"', 'timezone = "EST"'),
    ('timezone = "America/New_York"', 'timezone = "Mars/Olympus"'),
    ('email = "jordan.rivera@med.example.edu"', 'email = "not an address"'),
    ('name = "Jordan Rivera"', "name = 7"),
    ('provider = "maildir"', 'provider = "carrier-pigeon"'),
    ('path = "mail"', 'path = "no/such/maildir"'),
    ('path = "mail"', "path = 3"),
    ("season_start = 2026-09-01", 'season_start = "soon"'),
    ("season_start = 2026-09-01", "season_start = 2026-09-01\nseason_stat = 1"),
    ('state_dir = "state"', 'state_dir = "config.toml"'),
    ("[[programs]]", "[[programs]]\ntop_choice = true\n[[programs]]\ntop_choice = true"),
    ("[[programs]]", "[programs"),
    ('domains = ["lakesidemed.org"]', 'domains = ["not a domain"]'),
    ("interview = 2026-10-05T08:00:00", 'interview = "tuesday"'),
    ('[[accounts]]\nname = "school"', '[[accounts]]\nname = ""'),
]
NOWS = ["2026-10-06T09:00", "2026-10-06T09:00-05:00", "2026-10-23", "yesterday", "2026-13-01"]
COMMANDS: list[list[str]] = [
    ["sync"],
    ["sync", "--dry-run"],
    ["status"],
    ["status", "--json"],
    ["update", "add", "Abstract accepted at SHM 2027"],
    ["update", "add", " "],
    ["update", "list"],
    ["update", "remove", "1"],
    ["update", "remove", "0"],
    ["auth", "school"],
    ["auth", "nobody"],
    ["sync", "--frobnicate"],
    ["status", "--json", "--dry-run"],
    ["--help"],
    ["sync", "--help"],
]


@contextmanager
def damaged_state(person: Applicant) -> Iterator[None]:
    state = person.root / "state"
    state.mkdir(mode=0o700, exist_ok=True)
    db = state / "state.sqlite3"
    saved = db.read_bytes() if db.exists() else None
    db.write_bytes(b"SQLite format 3\0" + b"\xff" * 4000)
    try:
        yield
    finally:
        if saved is None:
            db.unlink()
        else:
            db.write_bytes(saved)
        for side in ("-wal", "-shm"):
            (state / f"state.sqlite3{side}").unlink(missing_ok=True)


@contextmanager
def no_mail(person: Applicant) -> Iterator[None]:
    moved = person.root / "mail.away"
    (person.root / "mail").rename(moved)
    try:
        yield
    finally:
        moved.rename(person.root / "mail")


CONDITIONS: dict[str, Callable[[Applicant], object]] = {
    "as is": lambda person: nullcontext(),
    "read-only state": lambda person: read_only(person.root / "state"),
    "read-only mail": lambda person: read_only(person.root / "mail"),
    "damaged state": damaged_state,
    "no mail folder": no_mail,
}


def told_once(result: Result) -> bool:
    lines = [ln.strip() for ln in result.err.splitlines() if ln.strip()]
    return all(n == 1 for n in Counter(lines).values())


def sync_at(person: Applicant, now: str) -> Result:
    return agent("sync", "--config", str(person.config), "--now", now)


def draft_keys(person: Applicant) -> list[str]:
    return [str(d["X-Residency-Agent"] or d["Message-ID"]) for d in person.drafts()]


@pytest.fixture
def season(tmp_path: Path) -> Applicant:
    person = Applicant(tmp_path / "home")
    person.deliver(
        mail(
            subject="Interview confirmed",
            body="Your interview is confirmed. Thank-you notes are welcome.",
            date=datetime(2026, 9, 16, 9, tzinfo=CT),
        )
    )
    person.deliver(
        mail(
            subject="After your interview",
            body="The recording of the program overview will be sent by October 20.",
            date=datetime(2026, 10, 6, 10, tzinfo=CT),
        )
    )
    # A state with drafts in it, so the fuzz can find a way to write one twice.
    assert sync_at(person, "2026-10-06T09:00").code == 0
    return person


def _case(rng: random.Random) -> tuple[list[str], str | None, tuple[str, str] | None, str]:
    command = list(rng.choice(COMMANDS))
    now = rng.choice(NOWS) if rng.random() < 0.7 and command[0] in ("sync", "status") else None
    broken = rng.choice(BREAKAGES) if rng.random() < 0.4 else None
    condition = rng.choice(list(CONDITIONS)) if rng.random() < 0.5 else "as is"
    return command, now, broken, condition


def test_no_traceback_and_no_duplicate_draft_in_random_use(season: Applicant) -> None:
    rng = random.Random(SEED)
    good_config = season.config.read_text()
    seen: Counter[str] = Counter()
    for _ in range(CASES):
        command, now, broken, condition = _case(rng)
        text = good_config if broken is None else good_config.replace(*broken, 1)
        season.config.write_text(text)
        args = [*command, "--config", str(season.config)]
        if now is not None:
            args += ["--now", now]
        with ExitStack() as stack:
            if condition != "as is" and (season.root / "state").exists():
                stack.enter_context(CONDITIONS[condition](season))  # type: ignore[arg-type]
            result = agent(*args)
        label = f"seed {SEED}: agent {' '.join(args)} [{condition}; broken: {broken}]"
        assert result.clean, f"{label}\n{result.err}"
        assert told_once(result), f"{label}: a line printed twice\n{result.err}"
        keys = draft_keys(season)
        assert len(keys) == len(set(keys)), f"{label}: a draft written twice"
        seen[f"exit {result.code}"] += 1
    season.config.write_text(good_config)
    shutil.rmtree(season.root / "state", ignore_errors=True)  # and a lost state at the end
    assert sync_at(season, "2026-10-23T09:00").code == 0
    keys = draft_keys(season)
    assert len(keys) == len(set(keys)) == 3
    print(f"fuzz seed {SEED}: {CASES} cases, {dict(seen)}, 0 tracebacks, 0 duplicate drafts")
