"""A realistic interview season as a Maildir on disk: 20+ programs writing directly and
through Thalamus, ERAS and Interview Broker, itineraries, the applicant's own mail, and the
noise around them (school lists, newsletters, NRMP and ERAS notices, personal mail).

``write_season(root)`` returns the truth: each program's name, domains and interview.
``write_noise(root, n)`` adds ``n`` messages of noise, straight to disk (for the benchmark).
"""

from __future__ import annotations

import email.policy
import itertools
import os
import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

_DELIVERIES = itertools.count(1)


ME = "jordan.rivera@med.example.edu"
ME_NAME = "Jordan Rivera"
ZONES = {
    "ET": ZoneInfo("America/New_York"),
    "CT": ZoneInfo("America/Chicago"),
    "MT": ZoneInfo("America/Denver"),
    "PT": ZoneInfo("America/Los_Angeles"),
}
ZONE_WORDS = {"ET": "Eastern", "CT": "Central", "MT": "Mountain", "PT": "Pacific"}


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    email: str


@dataclass(frozen=True)
class ProgramTruth:
    name: str  # as the program writes it
    alias: str  # how its subjects name it
    domain: str
    zone: str  # "ET"...
    channel: str  # direct | thalamus | eras | broker
    interview: datetime  # local, aware
    coordinator: str = "Ana Lopez"
    host: str | None = None  # a subdomain the program writes from
    interviewers: tuple[Person, ...] = ()
    policy: str | None = None
    moved_from: datetime | None = None  # first confirmed for this time, then rescheduled
    html: bool = False  # its itinerary is an HTML table

    @property
    def tz(self) -> str:
        return ZONES[self.zone].key


_INSTITUTIONS = [
    ("Harbor City Hospital", "Harbor City IM", "harborcity.org", "ET", "direct"),
    ("Lakeside Medical Center", "Lakeside IM", "lakesidemed.org", "CT", "thalamus"),
    ("Mount Calder University", "Mount Calder IM", "mountcalder.edu", "MT", "eras"),
    ("Pacific Crest Health", "Pacific Crest IM", "pacificcrest.org", "PT", "broker"),
    ("Riverbend Regional Medical Center", "Riverbend IM", "riverbendrmc.org", "ET", "direct"),
    ("St. Aurelia Hospital", "St. Aurelia IM", "staurelia.org", "CT", "direct"),
    ("Granite Valley University", "Granite Valley IM", "granitevalley.edu", "ET", "thalamus"),
    ("Oakmont Health System", "Oakmont IM", "oakmonthealth.org", "CT", "eras"),
    ("Bayfront General Hospital", "Bayfront IM", "bayfrontgeneral.org", "PT", "direct"),
    ("Cedar Ridge Medical Center", "Cedar Ridge IM", "cedarridgemc.org", "MT", "broker"),
    ("Northshore University", "Northshore IM", "northshoreu.edu", "ET", "thalamus"),
    ("Willow Creek Hospital", "Willow Creek IM", "willowcreekhosp.org", "CT", "direct"),
    ("Summit Heights Medical Center", "Summit Heights IM", "summitheights.org", "MT", "eras"),
    ("Evergreen State University", "Evergreen IM", "evergreenstate.edu", "PT", "thalamus"),
    ("Maple Grove Hospital", "Maple Grove IM", "maplegrovehosp.org", "ET", "broker"),
    ("Silver Lake Medical Center", "Silver Lake IM", "silverlakemc.org", "CT", "direct"),
    ("Ironwood University", "Ironwood IM", "ironwood.edu", "ET", "eras"),
    ("Desert Bloom Health", "Desert Bloom IM", "desertbloom.org", "MT", "direct"),
    ("Copper Falls Hospital", "Copper Falls IM", "copperfalls.org", "CT", "thalamus"),
    ("Seaside Community Hospital", "Seaside IM", "seasidech.org", "PT", "direct"),
    ("Brookhaven Medical Center", "Brookhaven IM", "brookhavenmc.org", "ET", "broker"),
    ("Prairie View University", "Prairie View IM", "prairieview.edu", "CT", "eras"),
]
_FIRST = [
    "Priya",
    "Marcus",
    "Elena",
    "Samuel",
    "Hana",
    "Omar",
    "Grace",
    "Victor",
    "Leah",
    "Tomas",
    "Nadia",
    "Felix",
]
_LAST = [
    "Natarajan",
    "Chen",
    "Okafor",
    "Brennan",
    "Kowalski",
    "Haddad",
    "Moreno",
    "Lindqvist",
    "Adeyemi",
    "Park",
]
_COORD = ["Ana Lopez", "Maria Santos", "Kevin Boyd", "Tara Quinn", "Lucy Ortega", "Dana Fox"]
_POLICIES = [
    "Thank-you notes are not necessary and will not affect your ranking.",
    "Please do not send thank-you notes or other post-interview communication.",
    None,
    "We welcome any questions you have after your interview day.",
]


def programs(count: int = 22, seed: int = 7) -> list[ProgramTruth]:
    rng = random.Random(seed)
    out = []
    for i, (inst, alias, domain, zone, channel) in enumerate(_INSTITUTIONS[:count]):
        day = datetime(2026, 10, 5) + timedelta(days=3 * i + rng.randint(0, 2))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        start = day.replace(hour=rng.choice([7, 8, 9]), minute=rng.choice([0, 30]))
        people = tuple(
            Person(
                f"Dr. {rng.choice(_FIRST)} {_LAST[(i + k) % len(_LAST)]}",
                role,
                f"{_LAST[(i + k) % len(_LAST)].lower()}{k}@{domain}",
            )
            for k, role in enumerate(["Program Director", "Associate Program Director"])
        )
        out.append(
            ProgramTruth(
                name=f"{inst} Internal Medicine Residency Program",
                alias=alias,
                domain=domain,
                zone=zone,
                channel=channel,
                interview=start.replace(tzinfo=ZONES[zone]),
                coordinator=_COORD[i % len(_COORD)],
                host=f"im.{domain}" if i % 4 == 1 else None,
                interviewers=people if i % 3 != 2 else (),
                policy=_POLICIES[i % len(_POLICIES)],
                html=i % 10 == 9,
            )
        )
        if i % 10 == 5:  # confirmed, then moved three days later at another hour
            first = out[-1]
            moved = first.interview + timedelta(days=3, hours=1)
            while moved.weekday() >= 5:
                moved += timedelta(days=1)
            out[-1] = replace(first, interview=moved, moved_from=first.interview)
    return out


_ids = itertools.count()


def message(
    *,
    sender: str,
    to: str,
    subject: str,
    body: str,
    date: datetime,
    in_reply_to: str | None = None,
    html: bool = False,
) -> bytes:
    msg = EmailMessage(policy=email.policy.default)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = f"<season-{next(_ids)}-{os.getpid()}@gen.example>"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    msg.set_content(body.strip() + "\n", subtype="html" if html else "plain")
    return msg.as_bytes()


@dataclass
class SeasonBox:
    """A Maildir++ root written file by file (inbox in new/, sent in .Sent/cur)."""

    root: Path
    written: int = 0
    _dirs: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        for base in (self.root, self.root / ".Sent", self.root / ".Drafts"):
            for sub in ("tmp", "new", "cur"):
                (base / sub).mkdir(parents=True, exist_ok=True)

    def put(self, raw: bytes, sent: bool = False) -> None:
        self.written += 1
        # Unique across every box on this root, as a Maildir's names must be: a name written
        # again would overwrite a message, which no delivery agent does.
        name = f"{next(_DELIVERIES):07d}.{os.getpid()}.gen"
        path = self.root / ".Sent" / "cur" / f"{name}:2,S" if sent else self.root / "new" / name
        path.write_bytes(raw)


def _when(p: ProgramTruth, local: datetime | None = None) -> str:
    local = local or p.interview
    return f"{local:%A, %B} {local.day}, {local.year} at {local:%-I:%M %p} {p.zone}"


def _signature(p: ProgramTruth) -> str:
    return f"{p.coordinator}\nProgram Coordinator\n{p.name}"


def _coord_addr(p: ProgramTruth) -> str:
    first, last = p.coordinator.lower().split()
    return f"{p.coordinator} <{first[0]}{last}@{p.host or p.domain}>"


def _itinerary(p: ProgramTruth) -> str:
    start = p.interview
    lines = [f"{start:%-I:%M %p} Welcome and program overview"]
    for k, person in enumerate(p.interviewers):
        at = start + timedelta(minutes=45 * (k + 1))
        lines.append(f"{at:%-I:%M %p} Interview with {person.name}, {person.role} ({person.email})")
    lines.append(f"{start + timedelta(hours=3):%-I:%M %p} Resident lunch")
    policy = f"\n\n{p.policy}" if p.policy else ""
    return (
        f"Dear {ME_NAME.split()[0]},\n\nHere is your schedule for your interview day on "
        f"{start:%A, %B} {start.day}. All times are {ZONE_WORDS[p.zone]} time.\n\n"
        + "\n".join(lines)
        + policy
        + f"\n\nBest,\n{_signature(p)}"
    )


def _itinerary_html(p: ProgramTruth) -> str:
    start = p.interview
    rows = [(start, "Welcome and program overview")]
    for k, person in enumerate(p.interviewers):
        link = f'<a href="mailto:{person.email}">{person.name}</a>'
        rows.append(
            (start + timedelta(minutes=45 * (k + 1)), f"Interview with {link}, {person.role}")
        )
    rows.append((start + timedelta(hours=3), "Resident lunch"))
    cells = "".join(f"<tr><td>{at:%-I:%M %p}</td><td>{what}</td></tr>" for at, what in rows)
    policy = f"<p>{p.policy}</p>" if p.policy else ""
    return (
        f"<html><body><p>Dear {ME_NAME.split()[0]},</p><p>Your interview day is "
        f"<b>{start:%A, %B} {start.day}</b>. All times are {ZONE_WORDS[p.zone]}.</p>"
        f"<table>{cells}</table>{policy}<p>Best,<br>{p.coordinator}<br>Program Coordinator<br>"
        f"{p.name}</p></body></html>"
    )


def _direct(box: SeasonBox, p: ProgramTruth, sent_at: datetime) -> None:
    me = f"{ME_NAME} <{ME}>"
    box.put(
        message(
            sender=_coord_addr(p),
            to=me,
            subject=f"Interview Invitation - {p.alias}",
            body=f"Dear Dr. Rivera,\n\nThank you for applying to the {p.name}. We are pleased "
            "to invite you to interview with us this season. Please reply with your preferred "
            f"date.\n\nSincerely,\n{_signature(p)}",
            date=sent_at,
        )
    )
    box.put(
        message(
            sender=me,
            to=_coord_addr(p),
            subject=f"Re: Interview Invitation - {p.alias}",
            body=f"Thank you! I would be glad to interview on {p.interview:%B} {p.interview.day}."
            f"\n\nJordan",
            date=sent_at + timedelta(hours=5),
        ),
        sent=True,
    )
    box.put(
        message(
            sender=_coord_addr(p),
            to=me,
            subject=f"Interview Confirmation - {p.alias}",
            body=f"Dear Jordan,\n\nThis confirms your interview on {_when(p, p.moved_from)}. "
            f"The day will end around 1:00 PM.\n\n{_signature(p)}",
            date=sent_at + timedelta(days=1),
        )
    )
    if p.moved_from is not None:
        box.put(
            message(
                sender=_coord_addr(p),
                to=me,
                subject=f"Change to your interview date - {p.alias}",
                body=f"Dear Jordan,\n\nWe are sorry for the change: a faculty retreat was "
                f"scheduled that week. Your interview is now on {_when(p)}.\n\n{_signature(p)}",
                date=sent_at + timedelta(days=6),
            )
        )


def _platform(box: SeasonBox, p: ProgramTruth, sent_at: datetime) -> None:
    me = f"{ME_NAME} <{ME}>"
    if p.channel == "thalamus":
        sender = "Thalamus <notifications@thalamusgme.com>"
        invite = (
            f"Interview Invitation from {p.name}",
            f"{p.name} has invited you to interview. Log in to Thalamus to choose a date.",
        )
        confirm = (
            f"Interview Scheduled: {p.alias}",
            f"Your interview with {p.name} is confirmed for {_when(p)}.",
        )
    elif p.channel == "eras":
        sender = "ERAS Interview Scheduler <noreply@erasmail.org>"
        invite = (
            "You have a new interview invitation",
            f"This message is sent on behalf of the {p.name}.\n\nWe are delighted to invite "
            "you to interview. Please schedule through the ERAS scheduler.",
        )
        confirm = (
            "Interview date confirmed",
            f"This message is sent on behalf of the {p.name}.\n\nYour interview is "
            f"confirmed for {_when(p)}.",
        )
    else:
        sender = "Interview Broker <no-reply@interviewbroker.com>"
        invite = (
            f"{p.alias}: Interview Invitation",
            f"You have been invited to interview with {p.name}. Select a date in Interview Broker.",
        )
        confirm = (
            f"{p.alias}: Interview Confirmation",
            f"Your interview with {p.name} has been confirmed.\n\nDate: "
            f"{p.interview:%A, %B} {p.interview.day}, {p.interview.year}\nTime: "
            f"{p.interview:%-I:%M %p} {ZONE_WORDS[p.zone]}",
        )
    for k, (subject, body) in enumerate((invite, confirm)):
        box.put(
            message(
                sender=sender,
                to=me,
                subject=subject,
                body=body,
                date=sent_at + timedelta(days=2 * k),
            )
        )


def write_program(box: SeasonBox, p: ProgramTruth, sent_at: datetime) -> None:
    if p.channel == "direct":
        _direct(box, p, sent_at)
    else:
        _platform(box, p, sent_at)
    if p.interviewers or p.policy:
        box.put(
            message(
                sender=_coord_addr(p),
                to=f"{ME_NAME} <{ME}>",
                subject=f"Your interview day itinerary - {p.alias}",
                body=_itinerary_html(p) if p.html else _itinerary(p),
                date=p.interview - timedelta(days=3),
                html=p.html,
            )
        )


_NOISE: list[tuple[str, str, str]] = [
    (
        "Student Affairs <studentaffairs@med.example.edu>",
        "Residency interview tips workshop",
        "Join us Thursday for mock interviews with faculty. Pizza provided.",
    ),
    (
        "MS4 Class List <ms4-list@lists.example.edu>",
        "Re: anyone driving to the interview at the airport hotel?",
        "I have two seats, leaving at 6.",
    ),
    (
        "Dean's Office <deansoffice@example.edu>",
        "Match Day celebration planning",
        "Save the date for our Match Day celebration in March.",
    ),
    (
        "ACP Internal Medicine Weekly <news@acponline.org>",
        "This week: interview season tips",
        "Our monthly newsletter for residency applicants. Unsubscribe anytime.",
    ),
    (
        "Residency Prep Newsletter <newsletter@residencyprep.com>",
        "Your monthly newsletter: acing the residency interview",
        "Ten questions program directors ask. Unsubscribe here.",
    ),
    (
        "NRMP <support@nrmp.org>",
        "Rank Order List entry opens soon",
        "The Rank Order List opens on February 1. Certify your list by March 3.",
    ),
    (
        "NRMP <noreply@nrmp.org>",
        "Match registration confirmed",
        "Your registration for the Main Residency Match is confirmed.",
    ),
    (
        "ERAS <noreply@aamc.org>",
        "MyERAS: your application has been transmitted",
        "Your application was transmitted to the programs you selected.",
    ),
    (
        "ERAS Interview Scheduler <noreply@erasmail.org>",
        "Scheduled maintenance",
        "The interview scheduler will be unavailable Saturday night.",
    ),
    (
        "Thalamus <news@thalamusgme.com>",
        "Tips for your virtual interview day",
        "Test your camera and find a quiet place. Good luck this season!",
    ),
    (
        "Mom <carol.rivera@yahoo.com>",
        "How did the interview go??",
        "Call me when you are done with your interview! Love, Mom",
    ),
    ("Sam Patel <sam.patel@gmail.com>", "Dinner Saturday?", "Are you free after your interview?"),
    (
        "United Airlines <receipts@united.com>",
        "Your flight itinerary",
        "Confirmation ABC123. Depart 6:05 AM.",
    ),
    (
        "Hilton Honors <reservations@hilton.com>",
        "Reservation confirmation",
        "Your stay is confirmed for two nights.",
    ),
]


def write_noise(box: SeasonBox, count: int, start: datetime, seed: int = 3) -> None:
    rng = random.Random(seed)
    for i in range(count):
        sender, subject, body = _NOISE[i % len(_NOISE)] if i < len(_NOISE) else rng.choice(_NOISE)
        at = start + timedelta(minutes=rng.randint(0, 150 * 24 * 60))
        box.put(message(sender=sender, to=f"{ME_NAME} <{ME}>", subject=subject, body=body, date=at))
    # The applicant's own personal mail, to a friend at a company.
    box.put(
        message(
            sender=f"{ME_NAME} <{ME}>",
            to="Alex Kim <alex.kim@acme-corp.com>",
            subject="lunch next week",
            body="Thursday works!",
            date=start,
        ),
        sent=True,
    )


def write_season(root: Path, count: int = 22, noise: int = 40) -> list[ProgramTruth]:
    box = SeasonBox(root)
    truth = programs(count)
    for i, p in enumerate(truth):
        sent_at = datetime(2026, 9, 15, 10, tzinfo=ZONES["ET"]) + timedelta(days=i)
        write_program(box, p, sent_at)
    write_noise(box, noise, datetime(2026, 9, 1, tzinfo=ZONES["ET"]))
    return truth
