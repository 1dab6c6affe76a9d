"""Much unread program mail is read on two cores (agent/engine/unread_mail.py): a forked
child reads half the programs while the pass reads the other half. The season, the drafts'
facts and the readings kept are exactly those of reading it all in one process, and a child
that fails costs time, not facts. Through the real CLI on a generated season."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from agent.engine import unread_mail
from agent.rules import inquiry
from connectors import second_core
from tests.e2e.test_season_kept import Cap, Season
from tests.support.mailbox import Maildir
from tests.support.scenario import ET, mail
from tests.support.season_mailbox import ME, ME_NAME
from tests.support.second_core_spy import answers

pytestmark = pytest.mark.skipif(not second_core.available(), reason="needs Linux and 2 CPUs")


class Halves:
    """What each second process answered (None: it failed); split from one unread message."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[dict[str, str] | None] = answers(monkeypatch)
        monkeypatch.setattr(unread_mail, "WORTH_SPLITTING", 1)  # the test season is small


def _facts(season: Season) -> dict[str, str]:
    with sqlite3.connect(season.root / "state" / "state.sqlite3") as db:
        return dict(db.execute("SELECT key, value FROM facts").fetchall())


def _in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_core, "available", lambda: False)


def _read_again_in_one_process(
    season: Season,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Cap,
    status: dict[str, Any],
    facts: dict[str, str],
) -> None:
    """The kept readings forgotten and the mail read again by this process alone: the same
    status and the same readings kept as the pass before."""
    season.forget_readings()
    _in_one_process(monkeypatch)
    season.run("sync", capsys=capsys)
    assert season.status(capsys) == status
    assert _facts(season) == facts


def test_two_cores_read_what_one_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Cap
) -> None:
    halves = Halves(monkeypatch)
    promised: list[str] = []  # the messages this process read for promises
    real_promises = inquiry.extract_promises

    def extract_promises(body: str, *args: Any, **kwargs: Any) -> Any:
        promised.append(body)
        return real_promises(body, *args, **kwargs)

    monkeypatch.setattr(inquiry, "extract_promises", extract_promises)
    with monkeypatch.context() as one_process:
        one_process.setattr(second_core, "available", lambda: False)
        alone = Season(tmp_path / "one", monkeypatch)
        alone.run("sync", capsys=capsys)
        read_alone = len(alone.subjects)  # messages read for an interview, all programs'
        promised_alone, promised[:] = len(promised), []
        alone_status = alone.status(capsys)
    assert halves.answers == []

    season = Season(tmp_path / "two", monkeypatch)
    season.run("sync", capsys=capsys)
    assert len(halves.answers) == 1
    theirs = halves.answers[0]
    assert theirs, "the second process read nothing"
    # The child's half is programs of their own: their readings, and each message's promises.
    assert any("|season|" in key for key in theirs)
    assert any("|promises|" in key for key in theirs)
    # This process read its half alone: what the child read was not read again here.
    assert 0 < len(season.subjects) < read_alone
    assert 0 < len(promised) < promised_alone
    split_status, split_facts = season.status(capsys), _facts(season)
    assert split_status == alone_status
    assert set(theirs) <= set(split_facts)  # kept, so the next pass reads none of it again

    before = len(halves.answers)
    _read_again_in_one_process(season, monkeypatch, capsys, split_status, split_facts)
    assert len(halves.answers) == before  # no second process this time


def test_a_failing_second_process_costs_time_not_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Cap
) -> None:
    season = Season(tmp_path, monkeypatch)
    halves = Halves(monkeypatch)
    parent, real = os.getpid(), unread_mail._read

    def read_or_fail(*args: Any) -> dict[str, str]:
        if os.getpid() != parent:
            raise MemoryError  # the child fails; the pass reads its half itself
        return real(*args)

    monkeypatch.setattr(unread_mail, "_read", read_or_fail)
    season.run("sync", capsys=capsys)
    assert halves.answers == [None]
    failed_status, failed_facts = season.status(capsys), _facts(season)

    _read_again_in_one_process(season, monkeypatch, capsys, failed_status, failed_facts)


def test_a_pass_with_little_unread_mail_stays_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Cap
) -> None:
    season = Season(tmp_path, monkeypatch)
    # A fellow applicant's reply-all: kept as the program's mail, never read for facts.
    Maildir(tmp_path / "mail").deliver(
        mail(
            subject="Re: interview day",
            body="See you there!",
            sender="Casey Applicant <casey@mail.example>",
            to=f"{ME_NAME} <{ME}>, coordinator@{season.truth[0].domain}",
            date=datetime(2026, 10, 20, 9, tzinfo=ET),
        )
    )
    halves = Halves(monkeypatch)  # one unread message splits
    # The programs' own mail is unread at first, and read and kept after: the mail that is
    # no program's voice (never read for facts) does not count.
    season.run("sync", capsys=capsys)
    assert len(halves.answers) == 1
    season.run("sync", capsys=capsys)  # program mail read and kept: nothing to split
    season.status(capsys)
    assert len(halves.answers) == 1
