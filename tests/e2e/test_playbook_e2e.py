"""Update letters, the one letter of intent, the late-season note, cadence and the lint,
end to end through the real CLI with --now."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.scenario import CT, ET, Applicant, mail

Cap = pytest.CaptureFixture[str]

PROGRAMS = """
[[programs]]
name = "Lakeside Medical Center Internal Medicine Residency"
aliases = ["Lakeside IM"]
domains = ["lakesidemed.org"]
timezone = "America/Chicago"
interview = 2026-10-05T08:00:00
notes = "resident-run free clinic; X+Y scheduling"
top_choice = true

[[programs.interviewers]]
name = "Dr. Priya Natarajan"
email = "pnatarajan@lakesidemed.org"
role = "Program Director"
notes = "her QI project on sepsis bundles"

[[programs]]
name = "Riverside University Hospital Internal Medicine Residency"
aliases = ["Riverside IM"]
domains = ["riversidehealth.org"]
interview = 2026-11-02T09:00:00

[[programs]]
name = "Summit Health Internal Medicine Residency"
domains = ["summithealth.org"]
interview = 2026-10-20T09:00:00
contact_policy = "no-contact"

[[programs]]
name = "Harbor General Internal Medicine Residency"
domains = ["harborgeneral.org"]
interview = 2027-01-10T09:00:00
"""


def _coordinator_mail(jordan: Applicant) -> None:
    for sender, day in (
        ("Ana Lopez <alopez@lakesidemed.org>", 1),
        ("Sam Patel <spatel@riversidehealth.org>", 2),
        ("Kim Ross <kross@summithealth.org>", 3),
        ("Lee Park <lpark@harborgeneral.org>", 4),
    ):
        jordan.deliver(
            mail(
                subject="Interview day",
                body="We look forward to meeting you.",
                sender=sender,
                date=datetime(2026, 9, day, 12, tzinfo=ET),
            )
        )


@pytest.fixture
def jordan(tmp_path: Path) -> Applicant:
    jordan = Applicant(tmp_path, programs=PROGRAMS)
    _coordinator_mail(jordan)
    return jordan


def kinds(jordan: Applicant, subject_start: str) -> list[str]:
    return sorted(
        d["To"].addresses[0].addr_spec
        for d in jordan.drafts()
        if str(d["Subject"]).startswith(subject_start)
        or (subject_start == "Re:" and str(d["Subject"]).startswith("Re:"))
    )


def status(jordan: Applicant, now: str, capsys: Cap) -> dict[str, Any]:
    _, out, _ = jordan.run("status", "--json", "--now", now, capsys=capsys)
    return json.loads(out)  # type: ignore[no-any-return]


def followups(board: dict[str, Any], program_start: str, kind: str) -> list[dict[str, Any]]:
    return [
        f
        for p in board["programs"]
        if p["name"].startswith(program_start)
        for f in p["followups"]
        if f["kind"] == kind
    ]


def test_update_letter_goes_once_to_each_program_that_interviewed_before_the_news(
    jordan: Applicant, capsys: Cap
) -> None:
    code, out, _ = jordan.run(
        "update",
        "add",
        "My abstract on sepsis bundles was accepted for presentation at SHM 2027",
        "--date",
        "2026-11-10",
        capsys=capsys,
    )
    assert code == 0 and "Recorded the update of Nov 10" in out
    jordan.run("sync", "--now", "2026-11-12T09:00", capsys=capsys)
    letters = [d for d in jordan.drafts() if "Since our interview" in Applicant.text(d)]
    recipients = sorted(d["To"].addresses[0].addr_spec for d in letters)
    # The latest thread with the program director or coordinator, answering who wrote last.
    # Summit asked for no contact; Harbor interviews later.
    assert recipients == ["alopez@lakesidemed.org", "spatel@riversidehealth.org"]
    lakeside = next(d for d in letters if "alopez" in str(d["To"]))
    text = Applicant.text(lakeside)
    assert "I wanted to share a brief update: My abstract on sepsis bundles was accepted" in text
    assert lakeside["Subject"] == "Re: Interview day"  # in the latest thread with the program
    jordan.run("sync", "--now", "2026-11-20T09:00", capsys=capsys)
    assert len([d for d in jordan.drafts() if "Since our interview" in Applicant.text(d)]) == 2
    _, listing, _ = jordan.run("update", "list", "--now", "2026-11-20T09:00", capsys=capsys)
    assert "2026-11-10  My abstract" in listing and "drafted" in listing
    board = status(jordan, "2026-11-20T09:00", capsys)
    assert followups(board, "Summit", "update")[0]["state"] == "skipped"


def test_cadence_defers_a_second_purposeful_message_for_fourteen_days(
    jordan: Applicant, capsys: Cap
) -> None:
    jordan.deliver(
        mail(
            subject="Thank you for interviewing",
            body="The link to the recording will be sent by October 8.",
            sender="Ana Lopez <alopez@lakesidemed.org>",
            date=datetime(2026, 10, 5, 15, tzinfo=CT),
        )
    )
    jordan.run("sync", "--now", "2026-10-12T09:00", capsys=capsys)  # the inquiry (Oct 11)
    jordan.run(
        "update", "add", "Step 2 CK score released: 262", "--date", "2026-10-13", capsys=capsys
    )
    jordan.run("sync", "--now", "2026-10-14T09:00", capsys=capsys)
    assert not [d for d in jordan.drafts() if "Step 2 CK" in Applicant.text(d)]
    board = status(jordan, "2026-10-14T09:00", capsys)
    (deferred,) = followups(board, "Lakeside", "update")
    assert deferred["state"] == "upcoming" and deferred["at"].startswith("2026-10-26")
    jordan.run("sync", "--now", "2026-10-26T09:01", capsys=capsys)
    assert len([d for d in jordan.drafts() if "Step 2 CK" in Applicant.text(d)]) == 1


def test_one_letter_of_intent_for_the_top_choice_and_a_refusal_for_a_second(
    jordan: Applicant, capsys: Cap
) -> None:
    jordan.run("sync", "--now", "2027-02-09T09:00", capsys=capsys)
    assert not [d for d in jordan.drafts() if "Letter of Intent" in str(d["Subject"])]
    code, out, _ = jordan.run("sync", "--now", "2027-02-10T09:00", capsys=capsys)
    assert code == 0, out
    (intent,) = [d for d in jordan.drafts() if "Letter of Intent" in str(d["Subject"])]
    assert intent["To"].addresses[0].addr_spec == "pnatarajan@lakesidemed.org"
    text = Applicant.text(intent)
    assert "Lakeside Medical Center is my first choice" in text
    assert "resident-run free clinic and X+Y scheduling" in text
    # The applicant changes their mind in the config: the agent refuses a second letter.
    jordan.config.write_text(
        jordan.config.read_text()
        .replace("top_choice = true\n", "")
        .replace(
            "interview = 2026-11-02T09:00:00", "interview = 2026-11-02T09:00:00\ntop_choice = true"
        )
    )
    code, _, _ = jordan.run("sync", "--now", "2027-02-12T09:00", capsys=capsys)
    assert code == 0
    assert len([d for d in jordan.drafts() if "Letter of Intent" in str(d["Subject"])]) == 1
    board = status(jordan, "2027-02-12T09:00", capsys)
    (refused,) = followups(board, "Riverside", "intent")
    assert refused["state"] == "refused"
    assert "already drafted for Lakeside" in refused["note"]


def test_late_season_note_only_where_welcome_and_without_first_choice_words(
    tmp_path: Path, capsys: Cap
) -> None:
    jordan = Applicant(tmp_path, programs=PROGRAMS, extra="\n[rules]\nlate_season_note = true\n")
    _coordinator_mail(jordan)
    jordan.run("sync", "--now", "2027-02-10T09:00", capsys=capsys)
    notes = [d for d in jordan.drafts() if "Continued Interest" in str(d["Subject"])]
    assert sorted(d["To"].addresses[0].addr_spec for d in notes) == [
        "lpark@harborgeneral.org",
        "spatel@riversidehealth.org",
    ]
    for note in notes:
        assert "first choice" not in Applicant.text(note)
    jordan.run("sync", "--now", "2027-03-05T09:00", capsys=capsys)  # after the rank deadline
    assert len([d for d in jordan.drafts() if "Continued Interest" in str(d["Subject"])]) == 2


def test_nothing_after_the_rank_deadline_but_thank_yous_and_logistics(
    jordan: Applicant, capsys: Cap
) -> None:
    jordan.run("update", "add", "Awarded AOA membership", "--date", "2027-03-05", capsys=capsys)
    jordan.run("sync", "--now", "2027-03-06T09:00", capsys=capsys)
    assert not [d for d in jordan.drafts() if "AOA" in Applicant.text(d)]


def test_no_follow_up_only_because_a_program_did_not_reply(jordan: Applicant, capsys: Cap) -> None:
    jordan.deliver(
        mail(
            subject="Question about parking",
            body="Where do I park?",
            sender="Jordan Rivera <jordan.rivera@med.example.edu>",
            to="spatel@riversidehealth.org",
            date=datetime(2026, 9, 10, 9, tzinfo=ET),
        ),
        "sent",
    )
    for now in ("2026-09-20T09:00", "2026-10-01T09:00"):
        jordan.run("sync", "--now", now, capsys=capsys)
    assert jordan.drafts() == []


def test_lint_blocks_first_choice_words_in_a_thank_you_and_status_says_why(
    tmp_path: Path, capsys: Cap
) -> None:
    jordan = Applicant(
        tmp_path,
        programs=PROGRAMS.replace(
            'notes = "her QI project on sepsis bundles"',
            'notes = "why this is my first choice program"',
        ),
    )
    _coordinator_mail(jordan)
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert jordan.drafts() == []
    board = status(jordan, "2026-10-06T09:00", capsys)
    (blocked,) = followups(board, "Lakeside", "thank-you")
    assert blocked["state"] == "blocked"
    assert "first-choice or ranking language" in blocked["note"]


def test_lint_blocks_a_name_spelled_unlike_the_programs_mail(tmp_path: Path, capsys: Cap) -> None:
    jordan = Applicant(
        tmp_path, programs=PROGRAMS.replace("Dr. Priya Natarajan", "Dr. Priya Natarjan")
    )
    jordan.deliver(
        mail(
            subject="Your interview day",
            body="You will meet Dr. Priya Natarajan, our Program Director.",
            sender="Ana Lopez <alopez@lakesidemed.org>",
            date=datetime(2026, 9, 20, 9, tzinfo=CT),
        )
    )
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert jordan.drafts() == []
    board = status(jordan, "2026-10-06T09:00", capsys)
    (blocked,) = followups(board, "Lakeside", "thank-you")
    assert "spelled 'Natarajan' in the program's own mail" in blocked["note"]


def test_lint_blocks_another_programs_name(tmp_path: Path, capsys: Cap) -> None:
    jordan = Applicant(
        tmp_path,
        programs=PROGRAMS.replace(
            'notes = "resident-run free clinic; X+Y scheduling"',
            'notes = "the Riverside IM night float"',
        ),
    )
    _coordinator_mail(jordan)
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    board = status(jordan, "2026-10-06T09:00", capsys)
    (blocked,) = followups(board, "Lakeside", "thank-you")
    assert "names another program ('Riverside IM')" in blocked["note"]
