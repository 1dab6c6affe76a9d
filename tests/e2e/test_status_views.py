"""`agent status` in a terminal: one line per follow-up within 80 columns, tables when the
terminal is wide, the agenda in date order, and one program's whole decision trail."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.support.scenario import CT, Applicant, mail

Cap = pytest.CaptureFixture[str]
NOW = "2026-10-06T09:00"


@pytest.fixture
def season(applicant: Applicant, capsys: Cap) -> Applicant:
    applicant.deliver(
        mail(
            subject="After your interview",
            body="The recording of the program overview will be sent by October 20.",
            date=datetime(2026, 10, 5, 16, tzinfo=CT),
        )
    )
    assert applicant.run("sync", "--now", NOW, capsys=capsys)[0] == 0
    return applicant


def test_fits_80_columns_one_line_per_follow_up(
    season: Applicant, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = season.run("status", "--now", NOW, capsys=capsys)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Lakeside IM · interview Mon Oct 5 9:00 AM" in out  # the alias, in your zone
    (natarajan,) = [ln for ln in out.splitlines() if "Dr. Priya Natarajan" in ln]
    assert "drafted" in natarajan and "Wed Oct 7" in natarajan
    assert "inquiry: the recording of the program" in out.lower()
    needs = " ".join(out.split("Needs you")[1].split())
    assert "add your detail to the thank-you to Dr. Marcus Chen, then send it" in needs


def test_a_wide_terminal_gets_tables(
    season: Applicant, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    code, out, _ = season.run("status", "--now", NOW, capsys=capsys)
    assert code == 0 and "Promised information" in out and "┃" in out


def test_agenda_in_date_order(season: Applicant, capsys: Cap) -> None:
    code, out, _ = season.run("status", "--agenda", "--now", NOW, capsys=capsys)
    assert code == 0
    assert out.index("This week") < out.index("Later")
    assert out.index("window closes") < out.index("the agent drafts the inquiry")
    assert "rank list certification deadline" in out.split("Later")[1]


def test_why_prints_the_decision_trail(season: Applicant, capsys: Cap) -> None:
    code, out, _ = season.run("status", "--why", "lakeside", "--now", NOW, capsys=capsys)
    assert code == 0
    assert "interview Mon Oct 5" in out and "from config" in out
    assert "thank-you → Dr. Marcus Chen <mchen@lakesidemed.org>: drafted" in out
    assert "ledger: drafted on Oct 6, now created" in out
    assert "promise: “The recording of the program overview will be sent by October 20.”" in out
    assert "why: waiting for its moment: opens" in out
    code, _, err = season.run("status", "--why", "harbor", "--now", NOW, capsys=capsys)
    assert code == 2 and "no program matches 'harbor'" in err
