"""Interviewers read from itinerary mail, end to end: a real Maildir, the real CLI, and the
pinned `interviewers` of `agent status --json` ({name, email, role, source})."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.scenario import CT, LAKESIDE, Applicant, mail

Cap = pytest.CaptureFixture[str]

NORTHGATE = """
[[programs]]
name = "Northgate Internal Medicine"
aliases = ["Northgate IM"]
domains = ["northgate.example"]
timezone = "America/Chicago"
interview = 2026-11-16T08:00:00
interview_end = 2026-11-16T12:00:00
"""
COORDINATOR = "Dana Wells <dwells@northgate.example>"
SENT = datetime(2026, 11, 10, 9, 0, tzinfo=CT)
NOW = "2026-11-12T09:00:00-06:00"


@pytest.fixture
def jordan(tmp_path: Path) -> Applicant:
    return Applicant(tmp_path, programs=NORTHGATE)


def interviewers(who: Applicant, capsys: Cap, now: str = NOW) -> list[dict[str, Any]]:
    code, out, err = who.run("sync", "--now", now, capsys=capsys)
    assert code == 0, out + err
    code, out, err = who.run("status", "--json", "--now", now, capsys=capsys)
    assert code == 0, err
    (program,) = json.loads(out)["programs"]
    people: list[dict[str, Any]] = program["interviewers"]
    return people


def person(name: str, role: str | None = None, email: str | None = None, source: str = "mail"):
    return {"name": name, "email": email, "role": role, "source": source}


def test_a_list_after_you_will_meet_with(jordan: Applicant, capsys: Cap) -> None:
    body = """
    Dear Dr. Rivera,

    Here is your schedule for Monday, November 16.

    8:00 AM   Welcome and program overview with Dr. Helen Marsh, Program Director
    9:00 AM   Interviews

    You will meet with:
    - Dr. Samuel Ortiz, MD, Associate Program Director
    - Dr. Lena Kowalski (Core Faculty)
    - Dr. Ravi Menon, PGY-3 Chief Resident

    12:00 PM  Lunch with current residents, hosted by Dr. Ada Price

    Best,
    Dana
    """
    jordan.deliver(mail(subject="Your itinerary", body=body, sender=COORDINATOR, date=SENT))
    assert interviewers(jordan, capsys) == [
        person("Samuel Ortiz", "Associate Program Director"),
        person("Lena Kowalski", "Core Faculty"),
        person("Ravi Menon", "PGY-3 Chief Resident"),
    ]


def test_an_html_table_with_addresses_under_the_names(jordan: Applicant, capsys: Cap) -> None:
    body = """
    <p>Your interview day, all times Central:</p>
    <table>
    <tr><th>Time</th><th>Session</th><th>Faculty</th></tr>
    <tr><td>8:00</td><td>Program overview</td><td>Dr. Lisa Grant, Program Director</td></tr>
    <tr><td>8:30</td><td>Interview</td>
        <td>Dr. Paul Nakamura, APD<br>pnakamura@northgate.example</td></tr>
    <tr><td>9:00</td><td>Interview</td><td>Rebecca Stone, MD<br>Core Faculty, Cardiology</td></tr>
    <tr><td>9:30</td><td>Tour</td><td>Dr. Amy Cole (Chief Resident)</td></tr>
    </table>
    """
    jordan.deliver(mail(subject="Itinerary", body=body, sender=COORDINATOR, date=SENT, html=True))
    assert interviewers(jordan, capsys) == [
        person("Paul Nakamura", "APD", "pnakamura@northgate.example"),
        person("Rebecca Stone", "Core Faculty, Cardiology"),
    ]


def test_platform_fields_with_a_slot_still_to_be_announced(jordan: Applicant, capsys: Cap) -> None:
    body = """
    Interview Confirmation - Northgate IM

    Date: Monday, November 16, 2026
    Time: 8:00 AM - 12:00 PM CT

    Session 1
    Time: 9:15 AM
    Interviewer: Dr. Angela Brooks
    Role: Program Director

    Session 2
    Time: 9:45 AM
    Interviewer: Michael Tran, DO
    Role: Associate Program Director

    Session 3
    Time: 10:15 AM
    Interviewer: TBA
    """
    jordan.deliver(
        mail(
            subject="Interview Confirmed: Northgate IM",
            body=body,
            sender="Thalamus <no-reply@thalamusgme.com>",
            date=SENT,
        )
    )
    assert interviewers(jordan, capsys) == [
        person("Angela Brooks", "Program Director"),
        person("Michael Tran", "Associate Program Director"),
    ]


def test_a_chatty_sentence_with_an_address(jordan: Applicant, capsys: Cap) -> None:
    body = """
    Hi Jordan! So excited to have you Monday. Your 1:1 conversations are with Dr. Amanda
    Reyes (our APD, areyes@northgate.example) and Dr. Tom Becker, one of our hospitalist
    faculty. After that you'll join the residents for lunch - Dr. Sarah Kim, our chief, will
    host. Questions? Ask me!
    """
    jordan.deliver(mail(subject="See you Monday", body=body, sender=COORDINATOR, date=SENT))
    assert interviewers(jordan, capsys) == [
        person("Amanda Reyes", "APD", "areyes@northgate.example"),
        person("Tom Becker", "hospitalist faculty"),
    ]


def test_residents_at_a_social_are_not_an_itinerary(jordan: Applicant, capsys: Cap) -> None:
    body = """
    Join us for a virtual happy hour the night before your interview! Residents attending:
    Dr. Jess Moore (PGY-1)
    Dr. Alex Grant (PGY-2)

    Noon conference this week: Dr. Rachel Adler, "Approach to Hyponatremia".
    """
    jordan.deliver(mail(subject="Happy hour", body=body, sender=COORDINATOR, date=SENT))
    assert interviewers(jordan, capsys) == []


def test_the_latest_itinerary_wins(jordan: Applicant, capsys: Cap) -> None:
    first = "Your interviewers:\n- Dr. Irina Volkova, Program Director\n- Dr. Victor Lang, Faculty"
    update = """
    UPDATED ITINERARY

    Your interviewers:
    1. Dr. Irina Volkova - 9:30 AM
    2. Dr. Simone Hart, Associate Program Director - 10:30 AM

    Note: Dr. Simone Hart replaces Dr. Victor Lang, who is no longer available.
    """
    jordan.deliver(mail(subject="Itinerary", body=first, sender=COORDINATOR, date=SENT))
    later = datetime(2026, 11, 11, 15, 0, tzinfo=CT)
    jordan.deliver(mail(subject="Updated itinerary", body=update, sender=COORDINATOR, date=later))
    assert interviewers(jordan, capsys) == [
        person("Irina Volkova", "Program Director"),
        person("Simone Hart", "Associate Program Director"),
    ]


def test_the_config_list_wins_over_mail(tmp_path: Path, capsys: Cap) -> None:
    lakeside = Applicant(tmp_path, programs=LAKESIDE)
    body = "You will meet with:\n- Dr. Quinn Avery, Program Director\n- Dr. Bo Lind, APD"
    lakeside.deliver(
        mail(subject="Itinerary", body=body, date=datetime(2026, 10, 1, 9, 0, tzinfo=CT))
    )
    got = interviewers(lakeside, capsys, "2026-10-02T09:00:00-05:00")
    assert [(p["name"], p["source"]) for p in got] == [
        ("Dr. Priya Natarajan", "config"),
        ("Dr. Marcus Chen", "config"),
    ]


def test_thank_yous_go_to_mail_interviewers_with_addresses(jordan: Applicant, capsys: Cap) -> None:
    body = """
    Interviewers:
    - Dr. Nadia Haddad (nhaddad@northgate.example) - Program Director
    - Dr. Owen Price (oprice@northgate.example) - Associate Program Director
    """
    jordan.deliver(mail(subject="Your interviewers", body=body, sender=COORDINATOR, date=SENT))
    code, out, err = jordan.run("sync", "--now", "2026-11-16T14:00:00-06:00", capsys=capsys)
    assert code == 0, out + err
    assert jordan.recipients() == ["nhaddad@northgate.example", "oprice@northgate.example"]
    text = Applicant.text(jordan.draft_to("nhaddad@northgate.example"))
    assert "[[ADD DETAIL" in text  # mail gives no notes: the applicant adds their detail


def test_schedule_lines_interview_with(jordan: Applicant, capsys: Cap) -> None:
    body = """
    Schedule for Monday, November 16 (Central Time)

    8:00 - Welcome from Dr. Patrick Doyle, Chair of Medicine
    8:20 - Interview with Dr. Yuki Tanaka, Program Director
    8:50 - Interview with Dr. Brian Walsh (bwalsh@northgate.example)
    9:20 - Noon conference preview presented by Dr. Kevin Hart
    9:50 - Tour with chief residents Dr. Amy Cole and Dr. Luis Ramos
    """
    jordan.deliver(mail(subject="Schedule", body=body, sender=COORDINATOR, date=SENT))
    assert interviewers(jordan, capsys) == [
        person("Yuki Tanaka", "Program Director"),
        person("Brian Walsh", None, "bwalsh@northgate.example"),
    ]


def test_only_the_programs_own_new_words_count(jordan: Applicant, capsys: Cap) -> None:
    reply_all = """
    Hi all! Just a heads-up from a fellow applicant: I heard you will meet with Dr. Nora
    Quist and Dr. Ian Webb. Good luck!
    """
    jordan.deliver(
        mail(
            subject="Re: Northgate IM interview day",
            body=reply_all,
            sender="Pat Doe <pat.doe@gmail.com>",
            to="Northgate IM <im@northgate.example>, Jordan <jordan.rivera@med.example.edu>",
            date=SENT,
        )
    )
    quoted = """
    Yes, parking is free in Garage B. See you Monday!

    On Mon, Nov 9, 2026 at 3:12 PM Jordan Rivera <jordan.rivera@med.example.edu> wrote:
    > Thanks! I'm meeting with Dr. Frank Osei and Dr. Ling Zhao. Is parking validated?
    """
    later = datetime(2026, 11, 10, 11, 0, tzinfo=CT)
    jordan.deliver(mail(subject="Re: Parking", body=quoted, sender=COORDINATOR, date=later))
    assert interviewers(jordan, capsys) == []


def test_an_address_behind_a_mailto_link(jordan: Applicant, capsys: Cap) -> None:
    body = """
    <p>You will meet with:</p>
    <ul>
    <li><a href="mailto:gbrooks@northgate.example">Dr. Gina Brooks</a>, Program Director</li>
    <li><a href="mailto:hlee@northgate.example">hlee@northgate.example</a> (Dr. Hal Lee, APD)</li>
    </ul>
    """
    jordan.deliver(mail(subject="Itinerary", body=body, sender=COORDINATOR, date=SENT, html=True))
    assert interviewers(jordan, capsys) == [
        person("Gina Brooks", "Program Director", "gbrooks@northgate.example"),
        person("Hal Lee", "APD", "hlee@northgate.example"),
    ]
