"""End to end through the real CLI on a real Maildir and real SQLite, at several --now."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.scenario import CT, ET, Applicant, mail

Cap = pytest.CaptureFixture[str]


@pytest.fixture
def jordan(applicant: Applicant) -> Applicant:
    return applicant


def test_no_draft_before_the_interview_ends(jordan: Applicant, capsys: Cap) -> None:
    code, out, _ = jordan.run("sync", "--now", "2026-10-05T12:30:00-05:00", capsys=capsys)
    assert code == 0
    assert jordan.drafts() == []
    assert "Next: thank-you to Dr. Priya Natarajan" in out


def test_one_personalized_draft_per_interviewer_once_the_window_opens(
    jordan: Applicant, capsys: Cap
) -> None:
    code, out, _ = jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert code == 0, out
    assert "Drafted 2 follow-up(s)" in out
    natarajan = jordan.draft_to("pnatarajan@lakesidemed.org")
    assert natarajan["Subject"] == "Thank You – Jordan Rivera, Internal Medicine Interview"
    assert natarajan["From"] == "Jordan Rivera <jordan.rivera@med.example.edu>"
    text = Applicant.text(natarajan)
    assert text.startswith("Dear Dr. Natarajan,\n")
    # The wording varies by interviewer; the date, the specialty and the place are always there.
    assert "October 5" in text and "Internal Medicine" in text and "Lakeside Medical Center" in text
    assert "your QI project on sepsis bundles" in text
    assert "resident-run free clinic" in text
    assert "(555) 123-4567" in text
    assert "[[ADD DETAIL" not in text
    assert len(text.splitlines()) < 30  # fits on one screen
    chen = Applicant.text(jordan.draft_to("mchen@lakesidemed.org"))
    assert "[[ADD DETAIL: one or two sentences about what you and Dr. Chen discussed]]" in chen
    assert "needs your detail" in out


def test_rerunning_sync_never_writes_the_same_draft_twice(jordan: Applicant, capsys: Cap) -> None:
    for hour in ("09:00", "09:10", "15:00"):
        jordan.run("sync", "--now", f"2026-10-06T{hour}", capsys=capsys)
    assert len(jordan.drafts()) == 2
    code, out, _ = jordan.run("sync", "--now", "2026-10-06T16:00", capsys=capsys)
    assert code == 0 and "Nothing is due right now." in out


def test_a_draft_the_user_deleted_is_not_recreated(jordan: Applicant, capsys: Cap) -> None:
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    (chen,) = [p for p in jordan.box.drafts() if b"mchen@" in p.read_bytes()]
    chen.unlink()
    code, out, _ = jordan.run("sync", "--now", "2026-10-06T10:00", capsys=capsys)
    assert code == 0
    assert "you deleted the draft; it will not be recreated" in out
    assert jordan.recipients() == ["pnatarajan@lakesidemed.org"]
    jordan.run("sync", "--now", "2026-10-06T11:00", capsys=capsys)
    assert len(jordan.drafts()) == 1
    _, status, _ = jordan.run("status", "--json", "--now", "2026-10-06T11:00", capsys=capsys)
    assert '"state": "deleted"' in status


def test_the_users_sent_note_completes_the_follow_up(jordan: Applicant, capsys: Cap) -> None:
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    (draft,) = [p for p in jordan.box.drafts() if b"pnatarajan@" in p.read_bytes()]
    sent = draft.read_bytes()
    draft.unlink()  # the mail client sends the draft and files it in Sent
    jordan.deliver(sent, "sent")
    code, out, _ = jordan.run("sync", "--now", "2026-10-06T12:00", capsys=capsys)
    assert code == 0 and "you sent it" in out
    _, status, _ = jordan.run("status", "--json", "--now", "2026-10-06T12:00", capsys=capsys)
    assert status.count('"state": "sent"') == 1
    assert status.count('"state": "drafted"') == 1


def test_no_draft_for_someone_the_user_already_wrote_to(jordan: Applicant, capsys: Cap) -> None:
    jordan.deliver(
        mail(
            subject="Thank you",
            body="Dear Dr. Chen, thank you!",
            sender="Jordan Rivera <jordan.rivera@med.example.edu>",
            to="mchen@lakesidemed.org",
            date=datetime(2026, 10, 5, 18, 0, tzinfo=CT),
        ),
        "sent",
    )
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert jordan.recipients() == ["pnatarajan@lakesidemed.org"]


def test_window_closed_before_the_agent_saw_it_is_missed_not_drafted(
    jordan: Applicant, capsys: Cap
) -> None:
    code, _, _ = jordan.run("sync", "--now", "2026-10-08T09:00", capsys=capsys)
    assert code == 0 and jordan.drafts() == []
    _, status, _ = jordan.run("status", "--json", "--now", "2026-10-08T09:00", capsys=capsys)
    assert status.count('"state": "missed"') == 2
    _, table, _ = jordan.run("status", "--now", "2026-10-08T09:00", capsys=capsys)
    assert "missed" in table


def test_dry_run_writes_neither_drafts_nor_state(jordan: Applicant, capsys: Cap) -> None:
    code, out, _ = jordan.run("sync", "--dry-run", "--now", "2026-10-06T09:00", capsys=capsys)
    assert code == 0
    assert "Would draft 2 follow-up(s)" in out
    assert jordan.drafts() == []
    assert not (jordan.root / "state" / "state.sqlite3").exists()


def test_dry_run_after_new_mail_leaves_the_maildir_cursor_files_alone(
    jordan: Applicant, capsys: Cap
) -> None:
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    names = jordan.root / "state" / "maildir"

    def held() -> dict[str, bytes]:
        return {str(p.relative_to(names)): p.read_bytes() for p in names.rglob("*.names")}

    before = held()
    assert before  # the real pass wrote them
    parking = mail(subject="Parking", body="Lot C.", date=datetime(2026, 10, 6, 9, tzinfo=ET))
    jordan.deliver(parking)
    code, _, _ = jordan.run("sync", "--dry-run", "--now", "2026-10-06T10:00", capsys=capsys)
    assert code == 0 and held() == before


def test_interview_time_read_from_platform_mail_in_the_programs_timezone(
    tmp_path: Path, capsys: Cap
) -> None:
    jordan = Applicant(
        tmp_path,
        programs="""
[[programs]]
name = "Riverside University Hospital Internal Medicine Residency"
aliases = ["Riverside IM"]
domains = ["riversidehealth.org"]
""",
    )
    jordan.deliver(
        mail(
            subject="Interview Scheduled: Riverside University Hospital Internal Medicine",
            body="<p>Your interview with <b>Riverside IM</b> is scheduled for Monday, "
            "October 5, 2026 at 9:00 AM CT.</p>",
            html=True,
            sender="Thalamus <notifications@thalamusgme.com>",
            date=datetime(2026, 9, 20, 12, 0, tzinfo=ET),
        )
    )
    jordan.deliver(
        mail(
            subject="Interview day",
            body="We look forward to meeting you.\n\nSam Patel\nCoordinator",
            sender="Sam Patel <spatel@riversidehealth.org>",
            date=datetime(2026, 9, 28, 12, 0, tzinfo=ET),
        )
    )
    # 9:00 CT + 4 h default length = 1:00 PM CT = 2:00 PM ET
    jordan.run("sync", "--now", "2026-10-05T13:59", capsys=capsys)
    assert jordan.drafts() == []
    code, out, _ = jordan.run("sync", "--now", "2026-10-05T14:01", capsys=capsys)
    assert code == 0, out
    (team,) = jordan.drafts()
    assert team["To"].addresses[0].addr_spec == "spatel@riversidehealth.org"
    text = Applicant.text(team)
    assert text.startswith("Dear Riverside University Hospital Internal Medicine Residency Team,")
    assert "[[ADD DETAIL" in text  # no program notes: a marked placeholder, never generic text


def test_a_rescheduled_interview_uses_the_latest_time_and_a_cancelled_one_gets_nothing(
    tmp_path: Path, capsys: Cap
) -> None:
    jordan = Applicant(
        tmp_path,
        programs="""
[[programs]]
name = "Bayview Community Hospital Internal Medicine Residency"
domains = ["bayviewhospital.org"]

[[programs.interviewers]]
name = "Dr. Lee Park"
email = "lpark@bayviewhospital.org"
""",
    )
    coordinator = "Kim Ross <kross@bayviewhospital.org>"
    jordan.deliver(
        mail(
            subject="Interview confirmation",
            sender=coordinator,
            body="Your interview is scheduled for October 1, 2026 at 9:00 AM ET.",
            date=datetime(2026, 9, 20, 9, 0, tzinfo=ET),
        )
    )
    jordan.deliver(
        mail(
            subject="Interview rescheduled",
            sender=coordinator,
            body="Your interview has been rescheduled to October 9, 2026 at 1:00 PM ET.",
            date=datetime(2026, 9, 25, 9, 0, tzinfo=ET),
        )
    )
    jordan.run("sync", "--now", "2026-10-02T09:00", capsys=capsys)
    assert jordan.drafts() == []  # the old time is not the interview any more
    jordan.run("sync", "--now", "2026-10-09T18:00", capsys=capsys)
    assert len(jordan.drafts()) == 1

    other = Applicant(
        tmp_path / "other", programs=jordan.config.read_text().split('path = "mail"')[1]
    )
    other.deliver(
        mail(
            subject="Interview confirmation",
            sender=coordinator,
            body="Your interview is scheduled for October 1, 2026 at 9:00 AM ET.",
            date=datetime(2026, 9, 20, 9, 0, tzinfo=ET),
        )
    )
    other.deliver(
        mail(
            subject="Re: Interview confirmation",
            sender=coordinator,
            body="We regret that your interview has been cancelled.",
            date=datetime(2026, 9, 28, 9, 0, tzinfo=ET),
        )
    )
    other.run("sync", "--now", "2026-10-02T09:00", capsys=capsys)
    assert other.drafts() == []
    _, status, _ = other.run("status", "--json", "--now", "2026-10-02T09:00", capsys=capsys)
    assert '"cancelled": true' in status


def test_program_asking_for_no_thank_yous_gets_none(jordan: Applicant, capsys: Cap) -> None:
    jordan.deliver(
        mail(
            subject="Interview day logistics",
            body="Per our policy, please do not send thank-you notes to faculty after your "
            "interview.",
            date=datetime(2026, 9, 30, 9, 0, tzinfo=CT),
        )
    )
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert jordan.drafts() == []
    _, status, _ = jordan.run("status", "--json", "--now", "2026-10-06T09:00", capsys=capsys)
    assert '"contact_policy": "no-contact"' in status
    assert "please do not send thank-you notes" in status


def test_broken_mail_is_skipped_and_the_rest_still_drafted(jordan: Applicant, capsys: Cap) -> None:
    jordan.deliver(b"\x00\x01\x02garbage")
    jordan.deliver(
        b"Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain;"
        b" charset=unknown-8bit\n\n\xff\xfe\n"
    )
    code, _, _ = jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert code == 0
    assert len(jordan.drafts()) == 2


def test_crash_between_ledger_row_and_draft_is_reconciled_without_duplicates(
    jordan: Applicant, capsys: Cap
) -> None:
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    db = sqlite3.connect(jordan.root / "state" / "state.sqlite3")
    # As if the process died after writing the drafts but before marking them created ...
    db.execute("UPDATE ledger SET state = 'planned', provider_id = NULL")
    db.commit()
    # ... and for one of them even before the draft reached the Drafts folder.
    (chen,) = [p for p in jordan.box.drafts() if b"mchen@" in p.read_bytes()]
    chen.unlink()
    code, out, _ = jordan.run("sync", "--now", "2026-10-06T10:00", capsys=capsys)
    assert code == 0, out
    assert "found after an interrupted pass" in out
    assert jordan.recipients() == ["mchen@lakesidemed.org", "pnatarajan@lakesidemed.org"]
    states = dict(db.execute("SELECT recipient, state FROM ledger"))
    assert states == {"pnatarajan@lakesidemed.org": "created", "mchen@lakesidemed.org": "created"}


def test_state_and_its_dir_are_owner_only(jordan: Applicant, capsys: Cap) -> None:
    jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    state = jordan.root / "state"
    assert state.stat().st_mode & 0o777 == 0o700
    assert (state / "state.sqlite3").stat().st_mode & 0o777 == 0o600
