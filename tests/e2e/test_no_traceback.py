"""Nothing a user can do ends in a traceback: each problem is one clear line naming the
path, what is wrong and what to do, with exit status 2 (configuration, usage) or 1 (run
time), and nothing is lost. Through the real command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.clirun import ROOT, Result, agent, read_only, small_disk
from tests.support.scenario import CT, Applicant, mail


@pytest.fixture
def person(tmp_path: Path) -> Applicant:
    jordan = Applicant(tmp_path / "home")
    jordan.deliver(
        mail(
            subject="Interview confirmed",
            body="Your interview is confirmed.",
            date=datetime(2026, 9, 16, 9, tzinfo=CT),
        )
    )
    return jordan


def sync(person: Applicant, *extra: str, now: str = "2026-10-06T09:00") -> Result:
    return agent("sync", "--config", str(person.config), "--now", now, *extra)


def one_error(result: Result) -> str:
    """The single error line; fails on a traceback or on the same problem told twice."""
    assert result.clean, result.err
    lines = [ln for ln in result.err.splitlines() if ln.strip() and not ln.startswith("note:")]
    assert len(lines) == 1, result.err
    return lines[0]


def test_a_maildir_path_that_does_not_exist_is_a_config_error_told_once(
    person: Applicant,
) -> None:
    person.config.write_text(person.config.read_text().replace('path = "mail"', 'path = "nope"'))
    result = sync(person)
    assert result.code == 2
    line = one_error(result)
    assert "nope does not exist" in line and "[[accounts]]" in line


def test_a_read_only_state_folder_is_one_line_and_exit_1(person: Applicant) -> None:
    assert sync(person).code == 0
    state = person.root / "state"
    with read_only(state):
        result = sync(person, now="2026-10-06T10:00")
        assert result.code == 1
        line = one_error(result)
        assert str(state) in line
        status = agent("status", "--config", str(person.config), "--now", "2026-10-06T09:00")
        assert status.clean, status.err
    assert sync(person, now="2026-10-06T11:00").code == 0  # nothing lost, nothing twice
    assert len(person.drafts()) == 2


def test_a_read_only_state_file_is_one_line_and_exit_1(person: Applicant) -> None:
    assert sync(person).code == 0
    with read_only(person.root / "state" / "state.sqlite3"):
        result = sync(person, now="2026-10-07T09:00")
        assert result.code == 1
        assert "state" in one_error(result)


def test_a_damaged_state_file_says_how_to_recover(person: Applicant) -> None:
    state = person.root / "state"
    state.mkdir(mode=0o700)
    (state / "state.sqlite3").write_bytes(b"this is not a database" * 100)
    result = sync(person)
    assert result.code == 1
    assert "mv " in one_error(result)


def test_an_abbreviated_timezone_is_refused_with_the_name_to_use(person: Applicant) -> None:
    text = person.config.read_text()
    person.config.write_text(text.replace('timezone = "America/New_York"', 'timezone = "EST"'))
    result = sync(person)
    assert result.code == 2 and result.clean
    assert "'America/New_York'" in result.err and "applicant.timezone" in result.err


def test_a_config_without_programs_warns(person: Applicant) -> None:
    text = person.config.read_text()
    person.config.write_text(text[: text.index("[[programs]]")])
    result = sync(person, "--dry-run")
    assert result.code == 0 and "lists no [[programs]]" in result.err


def test_now_without_dry_run_says_what_it_writes(person: Applicant) -> None:
    result = sync(person)
    assert result.code == 0
    assert "--now without --dry-run: drafts and state will be written as of" in result.err


def test_a_second_agent_run_on_the_same_state_exits_2_naming_the_first(
    person: Applicant,
) -> None:
    first = subprocess.Popen(
        [sys.executable, "-m", "agent", "run", "--config", str(person.config)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        lock = person.root / "state" / "daemon.lock"
        deadline = time.monotonic() + 20
        while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.1)
        result = agent("run", "--config", str(person.config))
        assert result.code == 2
        assert f"pid {first.pid}" in one_error(result)
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_a_full_disk_is_one_line_and_loses_nothing(person: Applicant, tmp_path: Path) -> None:
    with small_disk(tmp_path / "small", 2048) as small:
        text = person.config.read_text()
        person.config.write_text(text.replace('state_dir = "state"', f'state_dir = "{small}/st"'))
        _fill(small / "filler")
        result = sync(person)
        assert result.code == 1
        line = one_error(result)
        assert "full" in line or "space" in line
        (small / "filler").unlink()
        assert sync(person, now="2026-10-06T10:00").code == 0
        ids = [str(d["Message-ID"]) for d in person.drafts()]
        assert len(ids) == 2 == len(set(ids))


def _fill(path: Path) -> None:
    """Write until the file system says it is full."""
    with path.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError:
            pass
