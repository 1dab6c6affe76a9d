"""Promises read from real mail through the real CLI: `agent status --json` names each
promised object as the program wrote it, with its due day, for every pattern family."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.scenario import CT, ET, Applicant, mail

Cap = pytest.CaptureFixture[str]

SUMMIT = """
[[programs]]
name = "Summit Health Internal Medicine Residency"
domains = ["summithealth.org"]
timezone = "America/Chicago"
"""
COORDINATOR = "Kim Ross <kross@summithealth.org>"


def promises(jordan: Applicant, capsys: Cap, now: str) -> list[dict[str, Any]]:
    jordan.run("sync", "--now", now, capsys=capsys)
    code, out, err = jordan.run("status", "--json", "--now", now, capsys=capsys)
    assert code == 0, err
    (program,) = [p for p in json.loads(out)["programs"] if p["name"].startswith("Summit")]
    return list(program["promises"])


def deliver(jordan: Applicant, body: str, when: datetime, subject: str = "Interview day") -> None:
    jordan.deliver(mail(subject=subject, body=body, sender=COORDINATOR, date=when))


@pytest.fixture
def jordan(tmp_path: Path) -> Applicant:
    return Applicant(tmp_path, programs=SUMMIT)


def test_open_vocabulary_objects_as_written(jordan: Applicant, capsys: Cap) -> None:
    deliver(
        jordan,
        """
        Hi Jordan,

        Great question about sponsorship. I will send you the J-1 visa FAQ by 5 PM today,
        and the hotel block information will be emailed to all interviewees COB Friday.
        """,
        datetime(2026, 11, 10, 14, 40, tzinfo=CT),
    )
    got = {p["what"]: p["due"] for p in promises(jordan, capsys, "2026-11-10T16:00")}
    assert got == {"the J-1 visa FAQ": "2026-11-10", "the hotel block information": "2026-11-13"}


def test_two_objects_are_two_promises_and_pronouns_name_the_thing(
    jordan: Applicant, capsys: Cap
) -> None:
    deliver(
        jordan,
        """
        The chiefs are putting together a resident-made guide to the neighborhoods; we'll
        share it next week. I'll also send over the parking garage map and your visitor
        badge form by Friday.
        """,
        datetime(2026, 11, 4, 9, 15, tzinfo=CT),
    )
    got = {p["what"]: p["due"] for p in promises(jordan, capsys, "2026-11-04T10:00")}
    assert got == {
        "a resident-made guide to the neighborhoods": "2026-11-13",  # next week: its Friday
        "the parking garage map": "2026-11-06",
        "your visitor badge form": "2026-11-06",
    }


def test_due_anchored_to_the_interview_in_the_same_message(jordan: Applicant, capsys: Cap) -> None:
    deliver(
        jordan,
        """
        Your interview is confirmed for Thursday, December 3 at 9:00 AM CT.
        I will email the Zoom link two days before your interview, and the schedule for
        your virtual second look evening will follow the day before.
        """,
        datetime(2026, 11, 23, 10, 15, tzinfo=CT),
        subject="Interview confirmed",
    )
    got = {p["what"]: p["due"] for p in promises(jordan, capsys, "2026-11-23T11:00")}
    assert got == {
        "the Zoom link": "2026-12-01",
        "the schedule for your virtual second look evening": "2026-12-02",
    }


def test_business_days_skip_thanksgiving_and_ranges_resolve_to_their_end(
    jordan: Applicant, capsys: Cap
) -> None:
    deliver(
        jordan,
        """
        Travel reimbursement forms will go out within 3 business days. Second look
        registration details coming mid-January!
        """,
        datetime(2026, 11, 23, 15, 45, tzinfo=CT),  # a Monday; Thanksgiving is Thursday
    )
    got = {p["what"]: p["due"] for p in promises(jordan, capsys, "2026-11-23T16:00")}
    assert got == {
        "Travel reimbursement forms": "2026-11-30",
        "Second look registration details": "2027-01-20",
    }


def test_undated_promise_keeps_the_default_and_says_so(jordan: Applicant, capsys: Cap) -> None:
    deliver(
        jordan,
        "Once our chiefs finalize the pairings, we'll send the virtual dinner groups.",
        datetime(2026, 11, 4, 9, 15, tzinfo=CT),
    )
    (promise,) = promises(jordan, capsys, "2026-11-04T10:00")
    assert promise["what"] == "the virtual dinner groups"
    assert promise["due"] == "2026-11-11"  # email date + the 7-day default
    assert promise["due_explicit"] is False


def test_template_text_is_data(jordan: Applicant, capsys: Cap) -> None:
    deliver(
        jordan,
        """
        Hi {{first_name}},

        Your personalized interview schedule will be emailed to {{email}} by Monday,
        November 23.
        """,
        datetime(2026, 11, 19, 15, 0, tzinfo=CT),
    )
    (promise,) = promises(jordan, capsys, "2026-11-19T16:00")
    assert promise["what"] == "your personalized interview schedule"
    assert promise["due"] == "2026-11-23"
    assert "{{email}}" in promise["sentence"]


def test_requests_done_conditionals_rank_and_quotes_are_not_promises(
    jordan: Applicant, capsys: Cap
) -> None:
    deliver(
        jordan,
        """
        Hi Jordan,

        Please send us your preferred second look date by Friday. As promised, here is the
        hotel block code: RIVER2026. If you would like a copy of the benefits handbook, let
        me know and I'll send it over. We may send a short survey in January. We will be in
        touch after our rank meeting. I'll forward your question to Dr. Kim.

        On Tue, Nov 3, 2026 at 9:00 AM Kim Ross <kross@summithealth.org> wrote:
        > I will send the updated itinerary by Friday.
        """,
        datetime(2026, 11, 4, 9, 15, tzinfo=CT),
    )
    assert promises(jordan, capsys, "2026-11-04T10:00") == []


def test_a_later_message_that_sends_the_object_closes_the_promise(
    jordan: Applicant, capsys: Cap
) -> None:
    deliver(
        jordan,
        "I'll send you the J-1 visa FAQ and the parking garage map by Friday.",
        datetime(2026, 11, 4, 9, 15, tzinfo=CT),
    )
    deliver(
        jordan,
        "As promised, here is the J-1 visa FAQ: https://gme.summithealth.org/j1-faq",
        datetime(2026, 11, 5, 11, 0, tzinfo=CT),
        subject="J-1 FAQ",
    )
    states = {
        p["what"]: p["inquiry"]["state"] for p in promises(jordan, capsys, "2026-11-20T10:00")
    }
    assert states["the J-1 visa FAQ"] == "fulfilled"
    assert states["the parking garage map"] != "fulfilled"


def test_zone_of_the_message_date_is_the_programs(jordan: Applicant, capsys: Cap) -> None:
    # Sent 00:30 Friday in New York, still Thursday 23:30 in Chicago: "tomorrow" is Friday.
    deliver(
        jordan,
        "We'll email the updated itinerary tomorrow.",
        datetime(2026, 11, 13, 0, 30, tzinfo=ET),
    )
    (promise,) = promises(jordan, capsys, "2026-11-13T10:00")
    assert promise["due"] == "2026-11-13"


def test_html_only_mail_with_a_table_of_what_comes_when(jordan: Applicant, capsys: Cap) -> None:
    jordan.deliver(
        mail(
            subject="Interview confirmed",
            sender=COORDINATOR,
            date=datetime(2026, 11, 25, 10, 0, tzinfo=CT),
            html=True,
            body="""
            <html><body><p>Dear Jordan,</p>
            <p>Your interview is confirmed for <b>Tuesday, December 8, 2026</b> at 9:00 AM CT.</p>
            <table><tr><th>Item</th><th>When</th></tr>
            <tr><td>Zoom link</td><td>Will be emailed 2 days before your interview</td></tr>
            <tr><td>Itinerary</td><td>Will be sent by Friday, December 4</td></tr></table>
            <p>Best,<br>Ana</p></body></html>
            """,
        )
    )
    got = {p["what"]: p["due"] for p in promises(jordan, capsys, "2026-11-25T11:00")}
    assert got == {"Zoom link": "2026-12-06", "Itinerary": "2026-12-04"}


def test_round_two_families_terse_motion_british_and_tables(jordan: Applicant, capsys: Cap) -> None:
    deliver(
        jordan,
        """
        Hi Jordan!! Your parking pass will be headed your way by Wednesday :)
        Sending the lunch menu your way by tonight!
        The curriculum booklet will be furnished within a fortnight.
        We'll send the social details by Wednesday next week.

        Item | Status
        Badge photo | received, thanks
        Visitor permit | to follow by Thursday
        """,
        datetime(2026, 11, 9, 15, 30, tzinfo=CT),  # a Monday
    )
    got = {p["what"]: p["due"] for p in promises(jordan, capsys, "2026-11-09T16:00")}
    assert got == {
        "your parking pass": "2026-11-11",
        "the lunch menu": "2026-11-09",
        "the curriculum booklet": "2026-11-23",
        "the social details": "2026-11-18",
        "Visitor permit": "2026-11-12",
    }


def test_round_two_families_ensure_allow_and_more_to_come(jordan: Applicant, capsys: Cap) -> None:
    deliver(
        jordan,
        """
        I will make sure you have the interview schedule by Friday. Please allow 3 business
        days for the reimbursement forms to arrive. More to come on the hotel block next week.
        We'll update your file with the new phone number. Sending you good vibes for Thursday!
        Your welcome packet has been dispatched and should reach you by Friday.
        """,
        datetime(2026, 11, 16, 9, 0, tzinfo=CT),  # a Monday
    )
    got = {p["what"]: p["due"] for p in promises(jordan, capsys, "2026-11-16T10:00")}
    assert got == {
        "the interview schedule": "2026-11-20",
        "the reimbursement forms": "2026-11-19",
        "the hotel block": "2026-11-27",  # next week: its Friday
    }
