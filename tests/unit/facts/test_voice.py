"""Whose voice a message is (facts/voice.py): only mail FROM the program speaks for it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent.config import Interviewer, Program
from agent.facts.voice import from_applicant, is_program_address, program_mail, speaks_for
from connectors.base import Address, Folder, MailMessage

ME = frozenset({"jordan@med.example"})
HARBOR = Program(
    name="Harbor IM",
    domains=["harbor.example"],
    interviewers=[Interviewer(name="Dr. Kim", email="kim.personal@gmail.example")],
)


def _msg(
    sender: str | None,
    *,
    cc: tuple[str, ...] = (),
    folder: Folder = "inbox",
    body: str | None = "Please do not send thank-you notes.",
    day: int = 1,
) -> MailMessage:
    return MailMessage(
        id=f"{sender}-{day}",
        folder=folder,
        message_id=f"<{day}@x>",
        subject="Harbor IM",
        sender=Address("", sender) if sender else None,
        to=(Address("", "jordan@med.example"),),
        cc=tuple(Address("", a) for a in cc),
        date=datetime(2026, 11, day, 12, tzinfo=UTC),
        body=body,
    )


@pytest.mark.parametrize(
    "sender",
    [
        "coordinator@harbor.example",
        "pd@im.harbor.example",  # a department's subdomain
        "kim.personal@gmail.example",  # an interviewer the config lists
        "notifications@thalamusgme.com",  # a platform writing for the program
        "no-reply@erasmail.org",
    ],
)
def test_the_program_speaks(sender: str) -> None:
    assert speaks_for(HARBOR, _msg(sender), ME)


@pytest.mark.parametrize(
    ("message", "why"),
    [
        (
            _msg("sam.patel@gmail.example", cc=("im@harbor.example",)),
            "a fellow applicant's reply-all",
        ),
        (_msg("friend@outlook.example"), "a friend's forward"),
        (_msg("evil@harbor.example.attacker.example"), "a look-alike domain"),
        (_msg("jordan@med.example"), "the applicant"),
        (_msg("coordinator@harbor.example", folder="sent"), "filed in Sent"),
        (_msg("coordinator@harbor.example", body=None), "no body fetched"),
        (_msg(None), "no sender"),
    ],
)
def test_not_the_program(message: MailMessage, why: str) -> None:
    assert not speaks_for(HARBOR, message, ME), why


def test_program_mail_keeps_only_the_programs_own_in_order() -> None:
    ours = [_msg("a@harbor.example", day=1), _msg("b@harbor.example", day=3)]
    others = [_msg("sam@gmail.example", cc=("a@harbor.example",), day=2)]
    assert program_mail([ours[0], others[0], ours[1]], HARBOR, ME) == ours


def test_addresses_and_the_applicant() -> None:
    assert is_program_address("Coordinator@HARBOR.example", HARBOR)
    assert not is_program_address("someone@notharbor.example", HARBOR)
    assert from_applicant(_msg("x@y.example", folder="sent"), ME)
    assert from_applicant(_msg("jordan@med.example"), ME)
    assert not from_applicant(_msg("a@harbor.example"), ME)
