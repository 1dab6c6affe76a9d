"""Contact policies and whose voice counts, end to end: a real Maildir, the real CLI, and the
pinned `contact_policy` / `contact_policy_source` of `agent status --json`."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import connectors.maildir as maildir
from tests.support.scenario import CT, Applicant, mail

Cap = pytest.CaptureFixture[str]

NORTHGATE = """
[[programs]]
name = "Northgate Internal Medicine"
aliases = ["Northgate IM"]
domains = ["northgate.example"]
timezone = "America/Chicago"
"""
COORDINATOR = "Dana Wells <dwells@northgate.example>"
SENT = datetime(2026, 11, 10, 9, 0, tzinfo=CT)
NOW = "2026-11-12T09:00:00-06:00"


@pytest.fixture
def jordan(tmp_path: Path) -> Applicant:
    return Applicant(tmp_path, programs=NORTHGATE)


def program(who: Applicant, capsys: Cap, now: str = NOW) -> dict[str, Any]:
    code, out, err = who.run("sync", "--now", now, capsys=capsys)
    assert code == 0, out + err
    code, out, err = who.run("status", "--json", "--now", now, capsys=capsys)
    assert code == 0, err
    (found,) = json.loads(out)["programs"]
    return dict(found)


def policy(who: Applicant, capsys: Cap) -> tuple[str, str]:
    found = program(who, capsys)
    return found["contact_policy"], found["contact_policy_source"]


def test_a_refusal_is_no_contact_and_cites_the_sentence_and_mail(
    jordan: Applicant, capsys: Cap
) -> None:
    body = """
    Hi Jordan,

    Thanks for a great day! One note: any post-interview correspondence will be discarded
    without being read, so please save yourself the time.

    Best,
    Dana
    """
    jordan.deliver(mail(subject="After your visit", body=body, sender=COORDINATOR, date=SENT))
    stance, source = policy(jordan, capsys)
    assert stance == "no-contact"
    assert "2026-11-10" in source and "After your visit" in source
    assert "discarded without being read" in source


def test_unnecessary_and_no_effect_on_ranking_is_discouraged(
    jordan: Applicant, capsys: Cap
) -> None:
    body = "Thank-you notes are not necessary and will not affect your ranking."
    jordan.deliver(mail(subject="Next steps", body=body, sender=COORDINATOR, date=SENT))
    assert policy(jordan, capsys)[0] == "discouraged"


def test_accepting_language_wins_over_not_required(jordan: Applicant, capsys: Cap) -> None:
    body = "Thank-you notes are not required, but if you'd like to send one I'll pass it along."
    jordan.deliver(mail(subject="Next steps", body=body, sender=COORDINATOR, date=SENT))
    stance, source = policy(jordan, capsys)
    assert stance == "welcome"
    assert source != "default" and "pass it along" in source


def test_nothing_stated_is_welcome_by_default(jordan: Applicant, capsys: Cap) -> None:
    body = "Please do not reply to this automated email. Parking is in Garage B."
    jordan.deliver(mail(subject="Parking", body=body, sender=COORDINATOR, date=SENT))
    assert policy(jordan, capsys) == ("welcome", "default")


def test_the_most_restrictive_statement_wins(jordan: Applicant, capsys: Cap) -> None:
    strict = "Please refrain from contacting faculty after your interview."
    kind = "Thank-you notes are welcome!"
    jordan.deliver(mail(subject="Day-of info", body=strict, sender=COORDINATOR, date=SENT))
    later = SENT.replace(day=11)
    jordan.deliver(mail(subject="Social", body=kind, sender=COORDINATOR, date=later))
    stance, source = policy(jordan, capsys)
    assert stance == "no-contact" and "Day-of info" in source


def test_the_config_always_wins(tmp_path: Path, capsys: Cap) -> None:
    jordan = Applicant(tmp_path, programs=NORTHGATE + 'contact_policy = "welcome"\n')
    body = "We do not accept thank-you notes."
    jordan.deliver(mail(subject="Policy", body=body, sender=COORDINATOR, date=SENT))
    assert policy(jordan, capsys) == ("welcome", "config")


def test_a_platform_relaying_the_programs_words_speaks_for_it(
    jordan: Applicant, capsys: Cap
) -> None:
    body = """
    You have a new message in Thalamus.

    Message from Northgate Internal Medicine: We kindly ask applicants not to send
    thank-you notes to our faculty.

    Do not reply to this email.
    """
    sender = "Thalamus <notifications@thalamusgme.com>"
    subject = "New message from Northgate Internal Medicine"
    jordan.deliver(mail(subject=subject, body=body, sender=sender, date=SENT))
    assert policy(jordan, capsys)[0] == "no-contact"


def test_quoted_and_forwarded_text_is_not_a_new_statement(jordan: Applicant, capsys: Cap) -> None:
    reply = """
    Sounds good, see you then!

    On Mon, Nov 9, 2026 at 9:14 AM Residency Office <im@northgate.example> wrote:
    > Thank-you notes will be discarded unread.
    """
    jordan.deliver(mail(subject="Re: Interview", body=reply, sender=COORDINATOR, date=SENT))
    forward = """
    FYI, see below.

    ---------- Forwarded message ---------
    From: Residency Office <im@northgate.example>
    Date: Mon, Nov 9, 2026

    We do not accept letters of intent.
    """
    later = SENT.replace(day=11)
    jordan.deliver(mail(subject="Fwd: LOIs", body=forward, sender=COORDINATOR, date=later))
    assert policy(jordan, capsys) == ("welcome", "default")


def test_a_fellow_applicants_reply_all_is_not_the_program(jordan: Applicant, capsys: Cap) -> None:
    body = """
    Heads up all: the program does NOT accept thank-you notes, please don't send any.
    Also, our interview is confirmed for Monday, November 16, 2026 at 8:00 AM CT.
    """
    jordan.deliver(
        mail(
            subject="Re: Northgate IM interview day group",
            body=body,
            sender="Sam Patel <sam.patel@gmail.example>",
            to="Jordan Rivera <jordan.rivera@med.example.edu>, im@northgate.example",
            date=SENT,
        )
    )
    found = program(jordan, capsys)
    assert (found["contact_policy"], found["contact_policy_source"]) == ("welcome", "default")
    assert found["interview"] is None


def test_the_same_words_from_the_program_do_count(jordan: Applicant, capsys: Cap) -> None:
    """The control for the test above: only the sender differs."""
    body = """
    Heads up all: the program does NOT accept thank-you notes, please don't send any.
    Also, our interview is confirmed for Monday, November 16, 2026 at 8:00 AM CT.
    """
    jordan.deliver(mail(subject="Interview day group", body=body, sender=COORDINATOR, date=SENT))
    found = program(jordan, capsys)
    assert found["contact_policy"] == "no-contact"
    assert found["interview"] is not None


def test_an_encoded_sender_name_with_a_comma_is_the_program(jordan: Applicant, capsys: Cap) -> None:
    raw = mail(subject="Policy", body="We do not accept thank-you notes.", date=SENT)
    raw = raw.replace(
        b"From: Ana Lopez <alopez@lakesidemed.org>",
        b"From: =?utf-8?q?L=C3=B3pez=2C_Ana?= <alopez@northgate.example>",
    )
    assert b"=?utf-8?q?L=C3=B3pez=2C_Ana?=" in raw
    jordan.deliver(raw)
    assert policy(jordan, capsys)[0] == "no-contact"


def test_a_message_unreadable_at_first_is_read_on_a_later_sync(
    jordan: Applicant, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "Our faculty will not open or respond to thank-you notes."
    path = jordan.deliver(mail(subject="Policy", body=body, sender=COORDINATOR, date=SENT))

    def denied(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    real_open = maildir.os.open
    monkeypatch.setattr(maildir.os, "open", denied)
    assert policy(jordan, capsys) == ("welcome", "default")
    monkeypatch.undo()  # readable now; the Maildir itself did not change
    assert policy(jordan, capsys)[0] == "no-contact"


# -- round 2: families found in wordings written apart from the rules ---------------------


@pytest.mark.parametrize(
    ("body", "stance", "cited"),
    [
        # avoidance asked in the passive, buried in logistics
        (
            "Parking is in Garage C. All post-interview communication should be avoided.\n"
            "Lunch is provided.",
            "no-contact",
            "should be avoided",
        ),
        ("Our faculty have opted not to receive thank-you emails.", "no-contact", "opted not"),
        ("Letters of intent will not be added to your file.", "no-contact", "added to your file"),
        ("We'd rather you didn't send thank-you notes.", "no-contact", "rather you didn't"),
        (
            "We won't hold it against you if you don't send a thank-you note.",
            "discouraged",
            "hold it against",
        ),
        (
            "There's no need to send thank-yous, but any notes you do send will be passed along "
            "to your interviewers.",
            "welcome",
            "passed along",
        ),
    ],
)
def test_round_two_families_through_the_cli(
    jordan: Applicant, capsys: Cap, body: str, stance: str, cited: str
) -> None:
    jordan.deliver(mail(subject="Interview day", body=body, sender=COORDINATOR, date=SENT))
    found, source = policy(jordan, capsys)
    assert found == stance
    assert cited in source


def test_a_program_thanking_for_a_note_and_an_nrmp_rule_state_nothing(
    jordan: Applicant, capsys: Cap
) -> None:
    body = (
        "Your thank-you note was lovely - thank you!\n\n"
        "Reminder: NRMP rules prohibit programs from soliciting rank commitments, so we will "
        "not ask where you plan to rank us."
    )
    jordan.deliver(mail(subject="Thanks", body=body, sender=COORDINATOR, date=SENT))
    assert policy(jordan, capsys) == ("welcome", "default")


def test_a_denied_restriction_and_other_programs_rules_are_no_refusal(
    jordan: Applicant, capsys: Cap
) -> None:
    body = (
        "Some programs do not accept thank-you notes. We do not discourage them: "
        "post-interview contact is not prohibited here."
    )
    jordan.deliver(mail(subject="FAQ", body=body, sender=COORDINATOR, date=SENT))
    stance, source = policy(jordan, capsys)
    assert stance == "welcome" and "not prohibited" in source


def test_short_answers_to_a_question_keep_its_topic(jordan: Applicant, capsys: Cap) -> None:
    body = "FAQ\n\nThank-you notes? Not needed. Not read. Not considered."
    jordan.deliver(mail(subject="FAQ", body=body, sender=COORDINATOR, date=SENT))
    stance, source = policy(jordan, capsys)
    assert stance == "no-contact" and "Not read." in source


def test_a_policy_under_the_signature_counts(jordan: Applicant, capsys: Cap) -> None:
    body = (
        "Hi Jordan,\n\nYour itinerary is attached.\n\nBest,\nDana Wells\nProgram Coordinator\n"
        "Please note: our program does not accept post-interview communication."
    )
    jordan.deliver(mail(subject="Itinerary", body=body, sender=COORDINATOR, date=SENT))
    stance, source = policy(jordan, capsys)
    assert stance == "no-contact" and "does not accept" in source


@pytest.mark.parametrize(
    ("body", "stance"),
    [
        ("Statements of interest will not be accepted after interviews.", "no-contact"),
        ("Our policy: zero post-interview contact.", "no-contact"),
        ("We accept thank-you notes but they're not required.", "welcome"),
    ],
)
def test_what_is_sent_and_how_it_is_received_through_the_cli(
    jordan: Applicant, capsys: Cap, body: str, stance: str
) -> None:
    jordan.deliver(mail(subject="After your visit", body=body, sender=COORDINATOR, date=SENT))
    found, source = policy(jordan, capsys)
    assert found == stance and source != "default"
