"""Mail the agent could not read is never silent: `agent sync` says so once, and `agent
status` keeps it under what needs you until it is settled."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.scenario import CT, Applicant, mail

Cap = pytest.CaptureFixture[str]

NORTHGATE = """
[[programs]]
name = "Northgate Internal Medicine Residency"
aliases = ["Northgate IM"]
domains = ["northgate.example"]
timezone = "America/Chicago"
"""


def northgate(subject: str, body: str, date: datetime) -> bytes:
    """Mail from the program's coordinator."""
    return mail(subject=subject, body=body, sender="Kim Ross <kross@northgate.example>", date=date)


def test_unreadable_scheduling_mail_is_said_once_and_listed_until_settled(
    tmp_path: Path, capsys: Cap
) -> None:
    person = Applicant(tmp_path, programs=NORTHGATE)
    person.deliver(
        northgate(
            "Interview Confirmed: Northgate IM",
            "Dear Jordan,\n\nThis email confirms your interview with Northgate Internal "
            "Medicine. We look forward to meeting you on interview day.\n\nBest,\nKim",
            datetime(2026, 9, 29, 10, tzinfo=CT),
        )
    )
    code, out, _ = person.run("sync", "--now", "2026-10-01T09:00", capsys=capsys)
    assert code == 0
    said = out.split("Needs you:")[1]
    assert "couldn't read the interview time in 'Interview Confirmed: Northgate IM'" in said
    code, out, _ = person.run("sync", "--now", "2026-10-01T10:00", capsys=capsys)
    assert "Needs you" not in out  # said once
    code, out, _ = person.run("status", "--json", "--now", "2026-10-01T10:00", capsys=capsys)
    (item,) = json.loads(out)["programs"][0]["needs_you"]
    assert item["message"]["subject"] == "Interview Confirmed: Northgate IM"
    assert item["message"]["date"].startswith("2026-09-29")
    # Settled by hand: the config gains the interview time; nothing needs the applicant.
    person.config.write_text(person.config.read_text() + "interview = 2026-10-12T08:00:00\n")
    code, out, _ = person.run("status", "--json", "--now", "2026-10-01T10:00", capsys=capsys)
    assert json.loads(out)["programs"][0]["needs_you"] == []


def test_a_program_that_wrote_about_interviews_a_month_ago_with_no_time_known_is_flagged(
    tmp_path: Path, capsys: Cap
) -> None:
    person = Applicant(tmp_path, programs=NORTHGATE)
    person.deliver(
        northgate(
            "Interview invitation: Northgate IM",
            "We would like to invite you to interview. Please choose a date in Thalamus.",
            datetime(2026, 9, 29, 10, tzinfo=CT),
        )
    )
    person.run("sync", "--now", "2026-10-05T09:00", capsys=capsys)

    def flagged(now: str) -> list[str]:
        _, out, _ = person.run("status", "--json", "--now", now, capsys=capsys)
        return [n["what"] for n in json.loads(out)["programs"][0]["needs_you"]]

    assert flagged("2026-10-20T09:00") == []  # an invitation answered in time is normal
    (what,) = flagged("2026-10-30T09:00")
    assert what.startswith("no interview time is known although the program wrote about")


def test_status_before_any_sync_reads_the_mailbox_in_memory(tmp_path: Path, capsys: Cap) -> None:
    person = Applicant(tmp_path, programs=NORTHGATE)
    person.deliver(
        northgate(
            "Interview confirmation",
            "This confirms your interview on Tuesday, October 13, 2026 at 8:00 AM CT.",
            datetime(2026, 9, 29, 10, tzinfo=CT),
        )
    )
    code, out, _ = person.run("status", "--json", "--now", "2026-10-01T09:00", capsys=capsys)
    assert code == 0
    assert json.loads(out)["programs"][0]["interview"]["start"] == "2026-10-13T08:00:00-05:00"
    assert not (tmp_path / "state" / "state.sqlite3").exists()  # read-only: nothing written


def test_mail_that_only_repeats_a_known_interview_day_needs_nothing(
    tmp_path: Path, capsys: Cap
) -> None:
    person = Applicant(tmp_path, programs=NORTHGATE)
    person.deliver(
        northgate(
            "Interview confirmation",
            "This confirms your interview on Tuesday, October 13, 2026 at 8:00 AM CT.",
            datetime(2026, 9, 29, 10, tzinfo=CT),
        )
    )
    person.deliver(
        northgate(
            "Your interview day at Northgate IM",
            "We look forward to meeting you on October 13. The day starts with a welcome "
            "from our program director, followed by interviews and a resident panel.",
            datetime(2026, 10, 2, 10, tzinfo=CT),
        )
    )
    person.run("sync", "--now", "2026-10-05T09:00", capsys=capsys)
    code, out, _ = person.run("status", "--json", "--now", "2026-10-05T09:00", capsys=capsys)
    assert code == 0
    program = json.loads(out)["programs"][0]
    assert program["interview"]["start"] == "2026-10-13T08:00:00-05:00"
    assert program["needs_you"] == []
