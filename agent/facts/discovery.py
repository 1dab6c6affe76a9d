"""The programs of a season, found in the applicant's mail: platform mail naming a program
(ERAS, Thalamus, Interview Broker, "on behalf of"), invitations and confirmations from a
program's own domain, and the applicant's own mail to program addresses. For each: its name
as it writes it, its own domains, the aliases its subjects use, its timezone, coordinator,
interview, interviewers and contact policy, read by the season's readers. Pure functions of
mail."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from agent.facts import program_names as N
from agent.facts.clock import find_clocks, message_zone, zone_named
from agent.facts.interviewers import interviewers_from_mail
from agent.facts.interviews import ScheduledInterview, interview_from_mail
from agent.facts.matching import domain_of, is_platform
from agent.facts.people import Person
from agent.facts.policies import PolicyStatement, policy_from_mail
from connectors.base import Address, MailMessage

_NOT_A_PERSON = re.compile(r"no-?reply|do-?not-?reply|notifications?@|mailer-daemon", re.I)


@dataclass(frozen=True, slots=True)
class Applicant:
    """What discovery needs to know of the applicant."""

    name: str
    addresses: frozenset[str]
    zone: tzinfo

    @property
    def school(self) -> frozenset[str]:
        return N.school_domains(self.addresses)


@dataclass(frozen=True, slots=True)
class Evidence:
    subject: str
    date: datetime
    kind: str  # "an interview invitation", "an interview confirmation", "mail"


@dataclass
class FoundProgram:
    name: str
    domains: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    timezone: str | None = None
    coordinator: Address | None = None
    interview: ScheduledInterview | None = None
    interviewers: list[Person] = field(default_factory=list)
    policy: PolicyStatement | None = None
    evidence: Evidence | None = None
    mail: list[MailMessage] = field(default_factory=list)


@dataclass
class _Group:
    names: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    domains: set[str] = field(default_factory=set)
    mail: list[MailMessage] = field(default_factory=list)
    named: list[MailMessage] = field(default_factory=list)  # the mail that named it

    def name(self) -> str | None:
        if not self.names:
            return None
        # The most written name; among equals the fullest.
        return max(self.names.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def from_applicant(message: MailMessage, me: frozenset[str]) -> bool:
    """The applicant's own mail: in the sent folder, or sent from one of their addresses."""
    return message.folder == "sent" or (message.sender is not None and message.sender.email in me)


def wants_body(message: MailMessage, me: frozenset[str]) -> bool:
    """From headers alone: might this message name a program? Platform mail, scheduling
    words in the subject from a domain that may be a program's, a sender that is an
    institution, and what the applicant wrote to such a domain. Never a mail host's."""
    school = N.school_domains(me)
    if from_applicant(message, me):
        people = (*message.to, *message.cc)
        return any(N.could_be_program(a.email, school) for a in people)
    sender = message.sender
    if sender is None:
        return False
    if is_platform(sender.email):
        return True
    if not N.could_be_program(sender.email, school):
        return False
    return bool(N.SCHEDULING.search(message.subject) or N.INSTITUTION.search(sender.name))


def _is_invitation(message: MailMessage) -> bool:
    """Scheduling mail from a program: an interview in the subject, not a bulk mailing."""
    subject = message.subject
    sender = message.sender.email if message.sender else ""
    if N.BULK.search(subject) or N.BULK_SENDER.search(sender.partition("@")[0]):
        return False
    return bool(N.INTERVIEW_SUBJECT.search(subject))


def _kind(subject: str) -> str:
    if N.INVITATION.search(subject):
        return "an interview invitation"
    if N.CONFIRMATION.search(subject):
        return "an interview confirmation"
    return "mail"


def _names_in(message: MailMessage) -> list[str]:
    sender = message.sender
    names = N.named_programs(message.subject) + N.named_programs(message.body or "")
    if sender is not None and N.INSTITUTION.search(sender.name):
        names += [n for n in [N._trim(sender.name)] if n]
    return names


def _claim_direct(groups: dict[str, _Group], message: MailMessage, school: frozenset[str]) -> None:
    assert message.sender is not None
    if not N.could_be_program(message.sender.email, school):
        return
    key = N.base_domain(domain_of(message.sender.email))
    group = groups.get(key)
    if group is None and not _is_invitation(message):
        return
    group = groups.setdefault(key, _Group())
    group.domains.add(key)
    group.mail.append(message)
    if _is_invitation(message):
        group.named.append(message)
        group.names.update(_names_in(message))
        group.aliases.update(N.subject_aliases(message.subject))


_INTERVIEW = re.compile(r"\binterview", re.IGNORECASE)


def _claim_platform(platform: list[_Group], message: MailMessage) -> None:
    if not _INTERVIEW.search(f"{message.subject}\n{(message.body or '')[:3000]}"):
        return  # "your application was downloaded by X": X has not invited anyone yet
    name = N.platform_program(message.subject, message.body or "")
    if name is None:
        return  # a notice about the application, not a program's mail
    for group in platform:
        if any(N.same_program(name, known) for known in group.names):
            break
    else:
        group = _Group()
        platform.append(group)
    group.names[name] += 1
    group.mail.append(message)
    group.named.append(message)
    group.aliases.update(a for a in N.subject_aliases(message.subject) if a != name)


def _merge(direct: dict[str, _Group], platform: list[_Group]) -> list[_Group]:
    """A platform's program joins the domain group of the same name."""
    merged = list(direct.values())
    for group in platform:
        pname = group.name() or ""
        home = next(
            (
                d
                for d in merged
                if d.domains and any(N.same_program(pname, n) for n in [*d.names, *d.aliases])
            ),
            None,
        )
        if home is None:
            merged.append(group)
            continue
        home.mail += group.mail
        home.named += group.named
        home.aliases.update(group.aliases)
        home.aliases[pname] += 1
    return merged


def _attach_sent(groups: list[_Group], sent: list[MailMessage], school: frozenset[str]) -> None:
    """The applicant's mail to a program's address joins that program's mail."""
    for message in sent:
        hosts = {
            N.base_domain(domain_of(a.email))
            for a in (*message.to, *message.cc)
            if N.could_be_program(a.email, school)
        }
        for group in groups:
            if group.domains & hosts:
                group.mail.append(message)


def _sent_only(groups: dict[str, _Group], sent: list[MailMessage], school: frozenset[str]) -> None:
    """A program the applicant wrote to about an interview or the residency, with no mail
    of its own: named by the address's display name when it is an institution's."""
    for message in sent:
        if not N.INTERVIEW_SUBJECT.search(message.subject) and "residency" not in (
            message.subject.lower()
        ):
            continue
        for person in (*message.to, *message.cc):
            if not N.could_be_program(person.email, school):
                continue
            key = N.base_domain(domain_of(person.email))
            if key in groups:
                continue
            name = N._trim(person.name) if N.INSTITUTION.search(person.name) else None
            names = N.named_programs(message.subject) or ([name] if name else [])
            if not names:
                continue
            group = groups.setdefault(key, _Group())
            group.domains.add(key)
            group.names.update(names)
            group.named.append(message)


def _zone_of(messages: list[MailMessage]) -> str | None:
    """The zone most of the program's written times carry, as an IANA name."""
    votes: Counter[str] = Counter()
    for message in messages:
        body = message.body or ""
        written = [message_zone(body)] + [c.zone for c in find_clocks(body[:5000])]
        for name in written:
            # UTC stands for "no zone read": a written zone always names a region or offset.
            key = getattr(zone_named(name, UTC), "key", None) if name else None
            if key:
                votes[key] += 1
    return votes.most_common(1)[0][0] if votes else None


def _coordinator(
    messages: list[MailMessage], domains: set[str], me: frozenset[str]
) -> Address | None:
    people: Counter[Address] = Counter()
    for message in messages:
        sender = message.sender
        if sender is None or from_applicant(message, me) or _NOT_A_PERSON.search(sender.email):
            continue
        if N.base_domain(domain_of(sender.email)) in domains and not N.INSTITUTION.search(
            sender.name
        ):
            people[sender] += 1
    return people.most_common(1)[0][0] if people else None


def _titled(person: Person, mail: list[MailMessage]) -> Person:
    """The name as the program writes it: "Dr. Ana Ruiz" when its mail says so."""
    doctor = re.compile(r"\bDr\.?\s+" + re.escape(person.name) + r"\b")
    if any(doctor.search(m.body or "") for m in mail) and not person.name.startswith("Dr"):
        return Person(f"Dr. {person.name}", person.role, person.email)
    return person


def _finish(group: _Group, applicant: Applicant) -> FoundProgram | None:
    name = group.name() or next(iter(group.aliases), None)
    if name is None:
        return None
    mail = sorted(group.mail, key=lambda m: m.date)
    own = [m for m in mail if not from_applicant(m, applicant.addresses) and m.body]
    zone_name = _zone_of(own)
    zone = ZoneInfo(zone_name) if zone_name else applicant.zone
    first = min(group.named, key=lambda m: m.date)
    interview = interview_from_mail(own, zone, applicant.addresses)
    if interview is not None and (interview.cancelled or interview.start is None):
        interview = None
    aliases = [a for a, _ in group.aliases.most_common() if a != name]
    return FoundProgram(
        name=name,
        domains=sorted(group.domains),
        aliases=[a for i, a in enumerate(aliases) if a not in aliases[:i]][:4],
        timezone=zone_name,
        coordinator=_coordinator(own, group.domains, applicant.addresses),
        interview=interview,
        interviewers=[_titled(p, own) for p in interviewers_from_mail(own, applicant.name)],
        policy=policy_from_mail(own, applicant.addresses),
        evidence=Evidence(first.subject, first.date, _kind(first.subject)),
        mail=mail,
    )


def discover(messages: Iterable[MailMessage], applicant: Applicant) -> list[FoundProgram]:
    """Every program the mail shows, in the order they first wrote."""
    school = applicant.school
    direct: dict[str, _Group] = {}
    platform: list[_Group] = []
    sent: list[MailMessage] = []
    ordered = sorted(messages, key=lambda m: m.date)
    for message in ordered:  # invitations first, so later mail finds its domain's group
        if from_applicant(message, applicant.addresses):
            sent.append(message)
        elif message.sender is not None and message.body is not None:
            if is_platform(message.sender.email):
                _claim_platform(platform, message)
            elif _is_invitation(message):
                _claim_direct(direct, message, school)
    for message in ordered:
        if (
            message.sender is None
            or message.body is None
            or from_applicant(message, applicant.addresses)
        ):
            continue
        key = N.base_domain(domain_of(message.sender.email))
        if key in direct and not _is_invitation(message):
            direct[key].mail.append(message)
    _sent_only(direct, sent, school)
    groups = _merge(direct, platform)
    _attach_sent(groups, sent, school)
    found = [p for p in (_finish(g, applicant) for g in groups) if p is not None]
    return sorted(found, key=lambda p: p.evidence.date if p.evidence else datetime.max)
