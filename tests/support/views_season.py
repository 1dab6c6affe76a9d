"""A season of five programs for the calendar and the page: interviews in four timezones
(one read from mail, one cancelled), drafts waiting, one needing a detail, a note the
applicant sent on their own, promises open and kept, a no-contact program, the top choice's
letter of intent, and a program mail with hostile text in its subject and sentence."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from agent.cli.main import main
from tests.support.builders import CHEN, NATARAJAN, lakeside, programs_toml
from tests.support.scenario import CT, ET, Applicant, mail

MT = ZoneInfo("America/Denver")
PT = ZoneInfo("America/Los_Angeles")

PROGRAMS = (
    programs_toml(lakeside(date(2026, 10, 5), {**NATARAJAN, "role": "Program Director"}, CHEN))
    + """
[[programs]]
name = "Harbor City Hospital Internal Medicine Residency"
aliases = ["Harbor City IM"]
domains = ["harborcity.org"]
timezone = "America/New_York"
interview = 2026-10-02T09:00:00
top_choice = true
notes = "the global health track"

[[programs.interviewers]]
name = "Dr. Sam Okafor"
email = "sokafor@harborcity.org"
role = "Program Director"
notes = "the refugee clinic"

[[programs]]
name = "Summit Valley Internal Medicine Residency"
aliases = ["Summit Valley IM"]
domains = ["summitvalley.org"]
timezone = "America/Denver"
interview = 2026-10-09T09:00:00
contact_policy = "no-contact"

[[programs]]
name = "Pacific Coast Medical Center Internal Medicine Residency"
aliases = ["Pacific Coast IM"]
domains = ["pacificcoast.org"]
timezone = "America/Los_Angeles"
interview = 2026-10-26T08:30:00

[[programs.interviewers]]
name = "Dr. Lena Ortiz"
email = "lortiz@pacificcoast.org"

[[programs]]
name = "Northfield Internal Medicine Residency"
aliases = ["Northfield IM"]
domains = ["northfield.org"]
timezone = "America/Chicago"
"""
)

HOSTILE_SUBJECT = "<script>alert('x')</script> Parking & <b>badge</b>"
NOW = "2026-10-06T09:00"  # Eastern: Lakeside's drafts wait, Harbor's window has closed
NOW_UTC = datetime(2026, 10, 6, 13, 0, tzinfo=ZoneInfo("UTC"))


def write_season(root: Path, *, hostile: bool = True) -> Applicant:
    jordan = Applicant(root, programs=PROGRAMS)
    jordan.deliver(
        mail(
            subject="After your interview",
            body="The recording of the program overview will be sent by October 20.",
            date=datetime(2026, 10, 5, 16, tzinfo=CT),
        )
    )
    jordan.deliver(
        mail(
            subject="Thank you for interviewing with Harbor City",
            body="Thank you for visiting. We will send you the J-1 visa FAQ by October 9.",
            sender="Rosa Diaz <rdiaz@harborcity.org>",
            date=datetime(2026, 10, 2, 15, tzinfo=ET),
        )
    )
    jordan.deliver(  # the applicant thanked the program director on their own
        mail(
            subject="Thank you",
            body="Dear Dr. Okafor, thank you for the conversation about the refugee clinic.",
            sender="Jordan Rivera <jordan.rivera@med.example.edu>",
            to="Dr. Sam Okafor <sokafor@harborcity.org>",
            date=datetime(2026, 10, 3, 10, tzinfo=ET),
        ),
        folder="sent",
    )
    jordan.deliver(
        mail(
            subject=HOSTILE_SUBJECT if hostile else "Parking on interview day",
            body="We will send the parking pass by October 22."
            + (" <img src=x onerror=alert(1)>" if hostile else ""),
            sender="Mia Chu <mchu@pacificcoast.org>",
            date=datetime(2026, 10, 1, 11, tzinfo=PT),
        )
    )
    jordan.deliver(
        mail(
            subject="Interview day",
            body="We look forward to meeting you on October 9.",
            sender="Kim Ross <kross@summitvalley.org>",
            date=datetime(2026, 9, 20, 12, tzinfo=MT),
        )
    )
    return jordan


def synced(root: Path, now: str = NOW, *, hostile: bool = True) -> Applicant:
    """The season after a pass at ``now`` (run through the real CLI, output not kept)."""
    jordan = write_season(root, hostile=hostile)
    assert run(jordan, "sync", "--now", now) == 0
    return jordan


def run(jordan: Applicant, *args: str) -> int:
    """The real CLI in-process, for fixtures wider than one test (no capsys there)."""
    try:
        main([*args, "--config", str(jordan.config)])
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
