"""Promised information through the real CLI: no inquiry before due + grace, exactly one
after it, none after fulfilment, none on re-runs, and always in the promise's thread."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.scenario import CT, Applicant, mail

Cap = pytest.CaptureFixture[str]

PROMISE_ID = "<post-1006@lakesidemed.org>"


@pytest.fixture
def jordan(tmp_path: Path) -> Applicant:
    jordan = Applicant(tmp_path, extra="")
    # Thank-yous are not the subject here: mark both as already written by the user.
    for address in ("pnatarajan@lakesidemed.org", "mchen@lakesidemed.org"):
        jordan.deliver(
            mail(
                subject="Thank you",
                body="Thank you!",
                to=address,
                sender="Jordan Rivera <jordan.rivera@med.example.edu>",
                date=datetime(2026, 10, 5, 17, 0, tzinfo=CT),
            ),
            "sent",
        )
    jordan.deliver(
        mail(
            subject="Thank you for interviewing with Lakeside IM",
            body="""
            Dear Jordan,

            Thank you for joining us. Details about our Second Look Day will be sent to
            all interviewees by November 1. Please complete the post-interview survey by
            Friday.

            Best,
            Ana Lopez
            Program Coordinator
            """,
            date=datetime(2026, 10, 6, 10, 0, tzinfo=CT),
            message_id=PROMISE_ID,
        )
    )
    return jordan


def inquiries(jordan: Applicant) -> list:
    return [d for d in jordan.drafts() if "Thank You" not in str(d["Subject"])]


def test_no_inquiry_before_due_plus_grace_then_exactly_one(jordan: Applicant, capsys: Cap) -> None:
    # due Nov 1, grace 2 days: the inquiry opens at the start of Nov 4, program time (CT)
    jordan.run("sync", "--now", "2026-11-03T23:59:00-06:00", capsys=capsys)
    assert inquiries(jordan) == []
    code, out, _ = jordan.run("sync", "--now", "2026-11-04T00:01:00-06:00", capsys=capsys)
    assert code == 0, out
    (inquiry,) = inquiries(jordan)
    assert inquiry["In-Reply-To"] == PROMISE_ID
    assert PROMISE_ID in inquiry["References"]
    assert inquiry["Subject"] == "Re: Thank you for interviewing with Lakeside IM"
    assert inquiry["To"].addresses[0].addr_spec == "alopez@lakesidemed.org"
    text = Applicant.text(inquiry)
    assert text.startswith("Dear Ana Lopez,")
    assert "In your message of October 6" in text
    assert "details about our Second Look Day would be sent by November 1" in text
    assert "interview" in text and "October 5" in text and "at Lakeside" in text  # wording varies
    for later in ("2026-11-05T09:00", "2026-11-20T09:00"):
        jordan.run("sync", "--now", later, capsys=capsys)
    assert len(inquiries(jordan)) == 1


def test_the_survey_request_is_not_a_promise(jordan: Applicant, capsys: Cap) -> None:
    jordan.run("sync", "--now", "2026-10-07T09:00", capsys=capsys)
    _, out, _ = jordan.run("status", "--json", "--now", "2026-10-07T09:00", capsys=capsys)
    (program,) = json.loads(out)["programs"]
    assert [p["topic"] for p in program["promises"]] == ["details-about-second-look-day"]
    promise = program["promises"][0]
    assert promise["due"] == "2026-11-01"
    assert promise["sentence"].startswith("Details about our Second Look Day will be sent")
    assert promise["inquiry"]["state"] == "upcoming"
    assert promise["inquiry"]["at"] == "2026-11-04T00:00:00-06:00"


def test_no_inquiry_once_the_program_delivered(jordan: Applicant, capsys: Cap) -> None:
    jordan.deliver(
        mail(
            subject="Lakeside IM Second Look Day",
            body="Dear applicants, here are the details for our Second Look Day: it is on "
            "November 20 at 9:00 AM. Register here: https://lakesidemed.org/secondlook",
            sender="Lakeside IM <imresidency@lakesidemed.org>",
            date=datetime(2026, 10, 30, 9, 0, tzinfo=CT),
        )
    )
    jordan.run("sync", "--now", "2026-11-10T09:00", capsys=capsys)
    assert inquiries(jordan) == []
    _, out, _ = jordan.run("status", "--json", "--now", "2026-11-10T09:00", capsys=capsys)
    (program,) = json.loads(out)["programs"]
    assert program["promises"][0]["inquiry"]["state"] == "fulfilled"


def test_no_inquiry_when_the_user_already_asked(jordan: Applicant, capsys: Cap) -> None:
    jordan.deliver(
        mail(
            subject="Re: Thank you for interviewing with Lakeside IM",
            body="Dear Ms. Lopez, could you share the second look details?",
            sender="Jordan Rivera <jordan.rivera@med.example.edu>",
            to="alopez@lakesidemed.org",
            date=datetime(2026, 11, 3, 9, 0, tzinfo=CT),
            in_reply_to=PROMISE_ID,
        ),
        "sent",
    )
    jordan.run("sync", "--now", "2026-11-10T09:00", capsys=capsys)
    assert inquiries(jordan) == []


def test_no_contact_policy_does_not_suppress_an_inquiry(tmp_path: Path, capsys: Cap) -> None:
    jordan = Applicant(
        tmp_path,
        programs="""
[[programs]]
name = "Summit Health Internal Medicine Residency"
domains = ["summithealth.org"]
contact_policy = "no-contact"
""",
    )
    jordan.deliver(
        mail(
            subject="Post-interview social",
            body="You'll receive the link to our virtual social within 48 hours.",
            sender="Kim Ross <kross@summithealth.org>",
            date=datetime(2026, 10, 8, 12, 0, tzinfo=CT),
        )
    )
    jordan.run("sync", "--now", "2026-10-13T09:00", capsys=capsys)
    (inquiry,) = jordan.drafts()
    assert "the link to our virtual social" in Applicant.text(inquiry)


def test_a_fellow_applicants_reply_all_promises_nothing_and_delivers_nothing(
    jordan: Applicant, capsys: Cap
) -> None:
    # Another applicant answers the program's thread with the coordinator in To: neither
    # a promise of theirs nor their "here are the details" counts as the program speaking.
    jordan.deliver(
        mail(
            subject="Re: Thank you for interviewing with Lakeside IM",
            body="I will send everyone the parking map by October 20. Here are the Second "
            "Look Day details, by the way: https://example.com/look",
            sender="Casey Park <casey.park@another-school.example.edu>",
            to="Ana Lopez <alopez@lakesidemed.org>",
            date=datetime(2026, 10, 7, 10, 0, tzinfo=CT),
            in_reply_to=PROMISE_ID,
        )
    )
    jordan.run("sync", "--now", "2026-11-04T00:01-06:00", capsys=capsys)
    code, out, _ = jordan.run("status", "--json", "--now", "2026-11-04T00:01-06:00", capsys=capsys)
    assert code == 0
    (promise,) = json.loads(out)["programs"][0]["promises"]
    assert "Second Look Day" in promise["what"] and promise["inquiry"]["state"] == "drafted"
    (inquiry,) = inquiries(jordan)
    assert [a.addr_spec for a in inquiry["To"].addresses] == ["alopez@lakesidemed.org"]
