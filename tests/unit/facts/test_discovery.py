"""Finding programs in mail (facts/discovery.py): what is a program, and what is not."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from agent.facts.discovery import Applicant, FoundProgram, discover, wants_body
from agent.facts.program_names import base_domain, named_programs, platform_program
from connectors.base import Address, MailMessage

ET = ZoneInfo("America/New_York")
ME = "jordan.rivera@med.example.edu"
APPLICANT = Applicant("Jordan Rivera", frozenset([ME, "jrivera@gmail.com"]), ET)
_n = iter(range(10_000))


def msg(
    sender: str,
    subject: str,
    body: str,
    *,
    to: str = f"Jordan Rivera <{ME}>",
    day: int = 1,
    folder: str = "inbox",
) -> MailMessage:
    def address(text: str) -> Address:
        name, _, email = text.rpartition("<")
        return Address(name.strip(), email.rstrip(">").strip().lower())

    return MailMessage(
        id=str(next(_n)),
        folder=folder,  # type: ignore[arg-type]
        message_id=f"<{next(_n)}@t>",
        subject=subject,
        sender=address(sender),
        to=(address(to),),
        cc=(),
        date=datetime(2026, 10, 1, 9, tzinfo=ET) + timedelta(days=day),
        body=body,
    )


def found(*messages: MailMessage) -> list[FoundProgram]:
    return discover(list(messages), APPLICANT)


def test_platform_mail_on_behalf_of_a_program() -> None:
    (p,) = found(
        msg(
            "Thalamus <no-reply@thalamusgme.com>",
            "New interview invitation",
            "This invitation is sent on behalf of Blue Harbor Medical Center. Sign in to "
            "pick a date.",
        )
    )
    assert p.name == "Blue Harbor Medical Center" and p.domains == []
    assert p.evidence is not None and p.evidence.kind == "an interview invitation"


def test_platform_subject_naming_the_program() -> None:
    (p,) = found(
        msg(
            "Interview Broker <notifications@interviewbroker.com>",
            "Invitation to interview: Summit Valley Family Medicine",
            "Choose a session from the list below.",
        )
    )
    assert p.name == "Summit Valley Family Medicine"


def test_platform_notices_name_no_program() -> None:
    assert not found(
        msg(
            "ERAS <noreply@aamc.org>",
            "MyERAS: your application was transmitted",
            "Your documents were delivered to your programs.",
        ),
        msg(
            "Thalamus <news@thalamusgme.com>",
            "Five tips for your virtual interview",
            "Lighting matters. Good luck this season!",
        ),
        msg(
            "ERAS <noreply@erasmail.org>",
            "ERAS: scheduled maintenance",
            "The service is down Sunday.",
        ),
        # a program that downloaded the application has not invited the applicant
        msg(
            "ERAS <noreply@aamc.org>",
            "Application downloaded",
            "Your application was downloaded by the Harlow Medical Center Internal Medicine "
            "Residency Program.",
        ),
    )


def test_direct_invitation_names_the_program_as_it_writes_it() -> None:
    (p,) = found(
        msg(
            "Gina Marsh <gmarsh@gme.northfield-health.org>",
            "Interview invite | Northfield IM",
            "Hi Jordan!\n\nWe loved your application and would like to invite you to "
            "interview with the Northfield Health Internal Medicine Residency.\n\nGina Marsh\n"
            "Residency Coordinator",
        ),
        msg(
            "Gina Marsh <gmarsh@gme.northfield-health.org>",
            "Your day with us",
            "See you Tuesday, October 20 at 8:15 AM CT. Parking is in lot B.",
            day=5,
        ),
    )
    assert p.name == "Northfield Health Internal Medicine Residency"
    assert p.domains == ["northfield-health.org"]
    assert p.aliases == ["Northfield IM"]
    assert p.timezone == "America/Chicago"
    assert p.coordinator == Address("Gina Marsh", "gmarsh@gme.northfield-health.org")


def test_name_with_at_the_institution() -> None:
    names = named_programs(
        "Thank you for your interest in the Internal Medicine Residency Program at Kestrel "
        "University Hospital. We are happy to invite you."
    )
    assert names == ["Internal Medicine Residency Program at Kestrel University Hospital"]


def test_platform_and_domain_mail_of_one_program_are_one_program() -> None:
    programs = found(
        msg(
            "ERAS Interview Scheduler <noreply@erasmail.org>",
            "Interview invitation",
            "Sent on behalf of the Ridgeway Medical Center Internal Medicine Residency Program.",
        ),
        msg(
            "Paul Ng <png@ridgewaymc.org>",
            "Interview day itinerary - Ridgeway IM",
            "Thank you for choosing to interview with the Ridgeway Medical Center Internal "
            "Medicine Residency Program on November 2.",
            day=10,
        ),
    )
    assert len(programs) == 1
    assert programs[0].domains == ["ridgewaymc.org"]


def test_noise_is_no_program() -> None:
    assert not found(
        # the applicant's school, even about interviews
        msg(
            "Career Office <careers@example.edu>",
            "Residency interview workshop",
            "Mock interviews for the Internal Medicine Residency Program applicants.",
        ),
        # a mail host: a coordinator's personal address, or a friend
        msg("Sam <sam.p@gmail.com>", "your interview!!", "How did the interview go?"),
        # newsletters and bulk mail from an institution's domain
        msg(
            "News <newsletter@stonebridge.edu>",
            "Interview season newsletter",
            "Stonebridge University Internal Medicine Residency news. Unsubscribe.",
        ),
        # travel and match bodies
        msg("Delta <receipts@delta.com>", "Your flight itinerary", "Seat 14C."),
        msg("NRMP <support@nrmp.org>", "Interview season reminders", "Register for the Match."),
    )


def test_applicant_mail_to_a_program_address() -> None:
    (p,) = found(
        msg(
            f"Jordan Rivera <{ME}>",
            "Question about the residency interview",
            "Dear Ms. Ortiz, may I ask about parking?",
            to="Westbrook Internal Medicine Residency <imresidency@westbrookmed.org>",
            folder="sent",
        )
    )
    assert p.name == "Westbrook Internal Medicine Residency"
    assert p.domains == ["westbrookmed.org"]


def test_personal_mail_the_applicant_sent_is_no_program() -> None:
    assert not found(
        msg(
            f"Jordan Rivera <{ME}>",
            "lunch?",
            "Thursday?",
            to="Alex <alex@acme-corp.com>",
            folder="sent",
        ),
    )


def test_bodies_are_wanted_from_headers_only_for_candidates() -> None:
    me = APPLICANT.addresses
    assert wants_body(msg("Thalamus <x@thalamusgme.com>", "Hello", ""), me)
    assert wants_body(msg("A <a@harbor.org>", "Interview confirmation", ""), me)
    assert not wants_body(msg("A <a@gmail.com>", "Interview confirmation", ""), me)
    assert not wants_body(msg("A <a@med.example.edu>", "Interview confirmation", ""), me)
    assert not wants_body(msg("A <a@shop.com>", "Your order", ""), me)


def test_base_domain() -> None:
    assert base_domain("im.harborcity.org") == "harborcity.org"
    assert base_domain("mail.nhs.uk") == "mail.nhs.uk"
    assert base_domain("gme.stmary.co.uk") == "stmary.co.uk"


def test_platform_program_prefers_a_full_name() -> None:
    assert (
        platform_program(
            "Interview Scheduled",
            "Granite Bay has scheduled your interview with the Granite Bay Hospital "
            "Internal Medicine Residency Program.",
        )
        == "Granite Bay Hospital Internal Medicine Residency Program"
    )
