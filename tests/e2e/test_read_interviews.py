"""Interview times read from program mail, end to end: a real Maildir, the real CLI and the
pinned `interview` {start, end, cancelled, source} and `needs_you` of `agent status --json`."""

from __future__ import annotations

import json
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from tests.support.scenario import CT, ET, Applicant, mail

Cap = pytest.CaptureFixture[str]

RIVERBEND = """
[[programs]]
name = "Riverbend Family Medicine"
aliases = ["Riverbend FM"]
domains = ["riverbend.example"]
timezone = "America/Chicago"
"""
CONFIGURED = RIVERBEND + "interview = 2026-12-03T09:00:00\n"
COORDINATOR = "Lena Ortiz <lortiz@riverbend.example>"
SENT = datetime(2026, 11, 10, 9, 0, tzinfo=CT)
NOW = "2026-11-20T09:00:00-06:00"


@pytest.fixture
def sam(tmp_path: Path) -> Applicant:
    return Applicant(tmp_path, programs=RIVERBEND)


def status(who: Applicant, capsys: Cap, now: str = NOW) -> dict[str, Any]:
    code, out, err = who.run("sync", "--now", now, capsys=capsys)
    assert code == 0, out + err
    code, out, err = who.run("status", "--json", "--now", now, capsys=capsys)
    assert code == 0, err
    (program,) = json.loads(out)["programs"]
    assert isinstance(program, dict)
    return program


def interview(who: Applicant, capsys: Cap, now: str = NOW) -> dict[str, Any] | None:
    found: dict[str, Any] | None = status(who, capsys, now)["interview"]
    return found


def instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def deliver(
    who: Applicant, body: str, subject: str = "Interview", sent: datetime = SENT, **kw: Any
) -> None:
    who.deliver(mail(subject=subject, body=body, sender=COORDINATOR, date=sent, **kw))


def test_a_confirmation_sentence(sam: Applicant, capsys: Cap) -> None:
    deliver(
        sam,
        "This confirms your interview with Riverbend FM on Thursday, December 3, 2026 "
        "at 8:47 AM CT.",
    )
    found = interview(sam, capsys)
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 12, 3, 8, 47, tzinfo=CT)
    assert found["end"] is None and found["cancelled"] is False
    assert "mail of 2026-11-10" in found["source"]


def test_a_platform_table_in_html_only_mail(sam: Applicant, capsys: Cap) -> None:
    body = """
    <html><body><h2>Interview Confirmed</h2>
    <table><tr><td>Program</td><td>Riverbend FM</td></tr>
    <tr><td>Date:</td><td>Tuesday, 10/27/2026</td></tr>
    <tr><td>Time:</td><td>8:00 AM - 12:30 PM Eastern</td></tr></table>
    </body></html>
    """
    deliver(
        sam,
        body,
        "Interview Confirmed: Riverbend FM",
        datetime(2026, 10, 5, 9, tzinfo=CT),
        html=True,
    )
    found = interview(sam, capsys, "2026-10-10T09:00:00-05:00")
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 10, 27, 8, tzinfo=ET)
    assert instant(found["end"]) == datetime(2026, 10, 27, 12, 30, tzinfo=ET)


def test_a_plain_stub_and_an_html_part(sam: Applicant, capsys: Cap) -> None:
    message = EmailMessage()
    message["From"], message["To"] = COORDINATOR, "sam@med.example.edu"
    message["Subject"], message["Date"] = "Interview reminder", "Tue, 10 Nov 2026 09:00:00 -0600"
    message["Message-ID"] = "<stub-1@riverbend.example>"
    message.set_content("Trouble reading this? View this message in your browser.\n")
    message.add_alternative(
        "<p>Reminder: your interview is <b>Monday, November 30</b> at <b>12 noon Pacific</b>.</p>",
        subtype="html",
    )
    sam.deliver(message.as_bytes())
    found = interview(sam, capsys)
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 11, 30, 14, tzinfo=CT)  # noon Pacific


def test_quoted_printable_soft_break_and_a_folded_subject(sam: Applicant, capsys: Cap) -> None:
    raw = (
        "From: Lena Ortiz <lortiz@riverbend.example>\nTo: sam@med.example.edu\n"
        "Subject: Interview Confirmed:\n Riverbend Family Medicine\n"
        "Date: Tue, 10 Nov 2026 09:00:00 -0600\nMessage-ID: <qp-1@riverbend.example>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "Your interview is confirmed for Monday, December 7, 2026, 9:3=\n0 AM to 1:30 PM CT.\n"
    )
    sam.deliver(raw.encode())
    found = interview(sam, capsys)
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 12, 7, 9, 30, tzinfo=CT)
    assert instant(found["end"]) == datetime(2026, 12, 7, 13, 30, tzinfo=CT)


def test_tomorrow_and_a_24_hour_clock(sam: Applicant, capsys: Cap) -> None:
    late = datetime(2026, 11, 17, 21, 30, tzinfo=CT)
    deliver(sam, "Reminder: your interview is tomorrow, 13:00 MT. See you then!", "Reminder", late)
    found = interview(sam, capsys)
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 11, 18, 14, tzinfo=CT)  # 13:00 Mountain


def test_the_latest_statement_wins(sam: Applicant, capsys: Cap) -> None:
    deliver(sam, "Your interview is confirmed for Wednesday, December 2 at 9:00 AM CT.")
    deliver(
        sam,
        "We need to move your interview. Your new interview date is Friday, December 4, "
        "8:00 AM until noon (previously Wednesday, December 2).",
        "Interview rescheduled",
        datetime(2026, 11, 12, 9, tzinfo=CT),
    )
    found = interview(sam, capsys)
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 12, 4, 8, tzinfo=CT)
    assert instant(found["end"]) == datetime(2026, 12, 4, 12, tzinfo=CT)


def test_a_cancellation_without_a_confirmation(sam: Applicant, capsys: Cap) -> None:
    deliver(
        sam,
        "Per your request, your interview has been cancelled. Best of luck!",
        "Interview cancelled",
    )
    program = status(sam, capsys)
    assert program["interview"] == {
        "start": None,
        "end": None,
        "cancelled": True,
        "source": "mail of 2026-11-10 ('Interview cancelled')",
    }
    assert program["needs_you"] == []
    code, out, err = sam.run("status", "--now", NOW, capsys=capsys)
    assert code == 0, err
    assert "day not stated" in out and "cancelled" in out


def test_a_day_without_a_time(sam: Applicant, capsys: Cap) -> None:
    deliver(sam, "You're confirmed for our December 3 interview day. The schedule will follow.")
    found = interview(sam, capsys)
    assert found is not None
    assert (found["start"], found["end"], found["cancelled"]) == ("2026-12-03", None, False)
    code, out, err = sam.run("status", "--now", NOW, capsys=capsys)
    assert code == 0, err
    assert "Thu Dec 3" in out


def test_an_invitation_is_not_an_interview_and_needs_nothing(sam: Applicant, capsys: Cap) -> None:
    deliver(
        sam,
        "We would like to invite you to interview! Available dates: Tuesday, December 1 or "
        "Thursday, December 3, 8 AM to noon CT. Please choose one in Thalamus.",
        "Interview invitation",
    )
    program = status(sam, capsys)
    assert program["interview"] is None
    assert program["needs_you"] == []


def test_a_confirmation_whose_time_cannot_be_read_needs_you(sam: Applicant, capsys: Cap) -> None:
    deliver(
        sam,
        "Your interview is confirmed! Log in to the portal for the details.",
        "Interview Confirmed: Riverbend FM",
    )
    program = status(sam, capsys)
    assert program["interview"] is None
    (item,) = program["needs_you"]
    assert item["what"].startswith(
        "couldn't read the interview time in 'Interview Confirmed: Riverbend FM' of Nov 10"
    )
    assert "`interview = ...`" in item["what"]
    assert item["message"]["subject"] == "Interview Confirmed: Riverbend FM"


def test_the_config_wins_but_a_cancellation_of_its_day_counts(tmp_path: Path, capsys: Cap) -> None:
    sam = Applicant(tmp_path, programs=CONFIGURED)
    deliver(sam, "Reminder: your interview is Thursday, December 3 at 10:00 AM CT.")
    found = interview(sam, capsys)
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 12, 3, 9, tzinfo=CT)
    assert (found["cancelled"], found["source"]) == (False, "config")
    deliver(
        sam,
        "We must cancel your interview on Thursday, December 3.",
        "Interview cancelled",
        datetime(2026, 11, 15, 9, tzinfo=CT),
    )
    found = interview(sam, capsys)
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 12, 3, 9, tzinfo=CT)
    assert found["cancelled"] is True


def test_a_weekday_that_contradicts_the_date_keeps_the_date_and_is_flagged(
    sam: Applicant, capsys: Cap
) -> None:
    deliver(sam, "Confirming your interview on Wednesday, December 10 at 8:00 AM CT.", "Confirmed")
    program = status(sam, capsys)
    assert instant(program["interview"]["start"]) == datetime(2026, 12, 10, 8, tzinfo=CT)
    (item,) = program["needs_you"]
    assert item["what"].startswith("the weekday in 'Confirmed' of Nov 10 does not match")
    assert "Thursday, December 10" in item["what"]


def test_a_day_only_interview_opens_the_thank_you_window_at_the_days_end(
    sam: Applicant, capsys: Cap
) -> None:
    deliver(sam, "You're confirmed for our December 3 interview day. We look forward to it!")
    during = status(sam, capsys, "2026-12-03T15:00:00-06:00")
    (thanks,) = [f for f in during["followups"] if f["kind"].startswith("thank-you")]
    assert (thanks["state"], thanks["at"]) == ("upcoming", "2026-12-04T00:00:00-06:00")
    assert sam.drafts() == []
    code, out, err = sam.run("sync", "--now", "2026-12-04T09:00:00-06:00", capsys=capsys)
    assert code == 0, out + err
    assert sam.recipients() == ["lortiz@riverbend.example"]


# ---------------------------------------------------------------- round 2: new wordings


def test_a_terse_reminder_for_tmrw_in_military_hours(sam: Applicant, capsys: Cap) -> None:
    deliver(sam, "REMINDER - Interview tmrw @ 0730 hrs CT. Badge pickup at the front desk.")
    found = interview(sam, capsys)
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 11, 11, 7, 30, tzinfo=CT)


def test_a_reminder_whose_time_is_in_words_needs_you(sam: Applicant, capsys: Cap) -> None:
    deliver(sam, "Your interview is coming up soon and we'll see you at half past eight!", "Hello")
    program = status(sam, capsys)
    assert program["interview"] is None
    (item,) = program["needs_you"]
    assert item["what"].startswith("couldn't read the interview time in 'Hello' of Nov 10")


def test_thanks_for_a_past_interview_and_a_reminder_to_pick_are_not_flagged(
    sam: Applicant, capsys: Cap
) -> None:
    deliver(sam, "Thank you for interviewing with us on Monday. It was a pleasure to meet you.")
    deliver(
        sam,
        "Reminder: please schedule your interview by Friday, November 13 at 5 PM CT.",
        "Reminder",
        datetime(2026, 11, 11, 9, tzinfo=CT),
    )
    program = status(sam, capsys)
    assert program["interview"] is None
    assert [n for n in program["needs_you"] if n["what"].startswith("couldn't read")] == []


def test_a_courtesy_line_and_a_short_plain_part_do_not_hide_a_confirmation(
    sam: Applicant, capsys: Cap
) -> None:
    html = (
        "<p>You are scheduled to interview with us.</p><table>"
        "<tr><td>Date</td><td>Thursday, December 3, 2026</td></tr>"
        "<tr><td>Time</td><td>8 to 12 Central</td></tr></table>"
        "<p>If you need to decline, let us know.</p>"
    )
    message = EmailMessage()
    message["From"] = COORDINATOR
    message["To"] = "sam.patel@mail.example"
    message["Subject"] = "Interview"
    message["Date"] = "Tue, 10 Nov 2026 09:00:00 -0600"
    message["Message-ID"] = "<courtesy@riverbend.example>"
    message.set_content("Best viewed in HTML.\n")
    message.add_alternative(html, subtype="html")
    sam.deliver(message.as_bytes())
    found = interview(sam, capsys)
    assert found is not None
    assert instant(found["start"]) == datetime(2026, 12, 3, 8, tzinfo=CT)
    assert instant(found["end"]) == datetime(2026, 12, 3, 12, tzinfo=CT)
