"""The applicant's season as read from config and mail: per program, its threads, the
interview, its contact policy and whom to write to. Pure: mail in, facts out."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from agent.config import Config, Interviewer, Program
from agent.facts import lazy
from agent.facts.interviewers import as_interviewers
from agent.facts.interviews import ScheduledInterview
from agent.facts.matching import Matcher, is_platform
from agent.facts.memo import Memo
from agent.facts.season_memo import ProgramReadings, stamp
from agent.facts.threads import Thread, build_threads
from agent.facts.voice import from_applicant as from_applicant  # re-exported for the rules
from agent.facts.voice import program_mail
from connectors.base import Address, MailMessage

NOT_A_PERSON = lazy.pattern(r"no-?reply|do-?not-?reply|notifications?@|mailer-daemon", re.I)


@dataclass(frozen=True, slots=True)
class Interview:
    """The applicant's interview. A day read without a time (``day_only``) is kept as that
    day's 00:00 in the program's zone and ends at the day's end: its JSON start is the date,
    and the thank-you window opens only once the interview day is surely over."""

    start: datetime
    end: datetime  # when the thank-you window opens: the stated end, else start + usual length
    cancelled: bool
    source: str  # "config" or "mail of <date>: <subject>"
    day_only: bool = False
    end_stated: bool = True  # False: no end was written; `end` is the usual length

    @property
    def key(self) -> str:
        return self.start.date().isoformat()


def interview_data(view: ProgramView) -> dict[str, Any] | None:
    """The interview as the pinned JSON shows it: start a datetime, a date for a day without a
    time, or None for a cancellation that named no day; end only when one was stated."""
    if view.interview is None:
        if view.interview_cancelled is None:
            return None
        return {"start": None, "end": None, "cancelled": True, "source": view.interview_cancelled}
    found = view.interview
    return {
        "start": found.start.date() if found.day_only else found.start,
        "end": found.end if found.end_stated and not found.day_only else None,
        "cancelled": found.cancelled,
        "source": found.source,
    }


@dataclass(frozen=True, slots=True)
class NeedsYou:
    """Something the agent could not read and the applicant should settle by hand."""

    what: str  # one sentence that says what is missing and what to do
    message: MailMessage | None = None  # the mail it is about, if any


@dataclass
class ProgramView:
    program: Program
    account: str  # where this program's drafts go: the account its mail lives in
    threads: list[Thread] = field(default_factory=list)
    interview: Interview | None = None
    policy: str = "welcome"
    policy_source: str = "default"
    contact: Address | None = None  # a person at the program who wrote (coordinator)
    # Whom the applicant met: the config's list when it has one, else the itinerary mail's.
    interviewers: list[Interviewer] = field(default_factory=list)
    interviewers_source: str = "config"  # "config" or "mail"
    needs_you: list[NeedsYou] = field(default_factory=list)
    # A cancellation that named no day while no interview was known (its source).
    interview_cancelled: str | None = None
    # The program's own mail (from it or a platform for it), oldest first: what facts come from.
    own_mail: list[MailMessage] = field(default_factory=list)

    @cached_property
    def messages(self) -> list[MailMessage]:
        """All of the program's mail, oldest first (read once the threads are assigned)."""
        return sorted((m for t in self.threads for m in t.messages), key=lambda m: m.date)


@dataclass
class Season:
    programs: list[ProgramView]
    me: frozenset[str]
    unassigned_threads: int = 0
    # Readings of program mail made on this pass, to keep for the next (see season_memo.py).
    learned: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # The readings earlier passes kept, as this season was read with them (None: read without).
    kept: Mapping[str, str] | None = field(default=None, repr=False, compare=False)

    def view(self, name: str) -> ProgramView:
        return next(v for v in self.programs if v.program.name == name)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def program_slug(program: Program) -> str:
    return _slug(program.name)


def read_season(
    config: Config, mail: dict[str, list[MailMessage]], memo: Memo | None = None
) -> Season:
    """``memo`` holds what earlier passes read from program mail: a program whose mail and
    entry are unchanged is not read again."""
    season = assign(config, mail, memo)
    read_facts(config, season, memo)
    return season


def assign(config: Config, mail: dict[str, list[MailMessage]], memo: Memo | None = None) -> Season:
    """The season with each program's threads, its facts not read yet (``read_facts``)."""
    matcher = Matcher(config)
    me = config.applicant.addresses
    views = {
        p.name: ProgramView(p, config.accounts[0].name, interviewers=list(p.interviewers))
        for p in config.programs
    }
    unassigned = 0
    for account, messages in mail.items():
        for thread in build_threads(account, _dedupe(messages)):
            program = matcher.program_of(thread)
            if program is None:
                unassigned += 1
            else:
                views[program.name].threads.append(thread)
    for view in views.values():  # every reader sees only the program's voice (facts/voice.py)
        view.own_mail = program_mail(view.messages, view.program, me)
    if memo is None:
        return Season(list(views.values()), me, unassigned)
    return Season(list(views.values()), me, unassigned, memo.new, memo.known)


def read_facts(
    config: Config, season: Season, memo: Memo | None, only: Collection[str] | None = None
) -> None:
    """Each program's facts (of the programs named in ``only``, when given) read into its
    view, from its own mail."""
    for view in season.programs:
        if only is None or view.program.name in only:
            _read_facts(config, view, season.me, memo)


def _dedupe(messages: list[MailMessage]) -> list[MailMessage]:
    """The same Message-ID in inbox and sent (mail to oneself) is kept once, as sent."""
    by_id: dict[str, MailMessage] = {}
    for m in messages:
        if m.message_id not in by_id or m.folder == "sent":
            by_id[m.message_id] = m
    return list(by_id.values())


def _read_facts(config: Config, view: ProgramView, me: frozenset[str], memo: Memo | None) -> None:
    program, messages = view.program, view.own_mail
    if view.threads:
        view.account = max(view.threads, key=lambda t: t.last.date).account
    inputs = stamp(config, program, messages, me) if memo is not None else ""
    readings = ProgramReadings(memo, program.name, inputs, messages)
    _read_interview(config, view, readings, me)
    _read_policy(view, readings)
    view.contact = _contact(messages, me)
    _read_interviewers(config, view, readings)


def _read_interview(
    config: Config, view: ProgramView, readings: ProgramReadings, me: frozenset[str]
) -> None:
    """The configured interview (config wins; mail can only cancel it), else the program's
    latest statement in mail. Scheduling mail whose time could not be read is listed."""
    program, zone = view.program, config.program_zone(view.program)
    reading = readings.interview(zone, me)
    found = reading.interview
    if program.interview is not None:
        start = config.localize(program, program.interview)
        length = timedelta(hours=config.rules.interview_length_hours)
        end = config.localize(program, program.interview_end) if program.interview_end else None
        cancelled = found is not None and found.cancelled and _same_day(found, start, zone)
        source = _cite(found.source) if found is not None and cancelled else "config"
        view.interview = Interview(start, end or start + length, cancelled, source)
        return
    if found is not None and found.start is None:
        view.interview_cancelled = _cite(found.source)
    elif found is not None and found.start is not None:
        view.interview = _from_mail(config, found, found.start)
    for message in reading.unread:
        when = message.date.astimezone(zone)
        view.needs_you.append(
            NeedsYou(
                what=f"couldn't read the interview time in '{message.subject}' of "
                f"{when:%b} {when.day} \u2014 add `interview = ...` to the config",
                message=message,
            )
        )
    if found is not None and found.clash and found.start is not None:
        when, day = found.source.date.astimezone(zone), found.start.astimezone(zone)
        view.needs_you.append(
            NeedsYou(
                what=f"the weekday in '{found.source.subject}' of {when:%b} {when.day} does not "
                f"match its date; read as {day:%A, %B} {day.day} \u2014 check the interview day",
                message=found.source,
            )
        )


def _same_day(found: ScheduledInterview, start: datetime, zone: ZoneInfo) -> bool:
    """A cancellation is of the configured interview when it names that day or no day."""
    day = start.astimezone(zone).date()
    return found.start is None or found.start.astimezone(zone).date() == day


def _from_mail(config: Config, found: ScheduledInterview, start: datetime) -> Interview:
    if not found.timed:  # a day alone: over by the day's end
        end = datetime.combine(start.date() + timedelta(days=1), time(0), tzinfo=start.tzinfo)
        return Interview(start, end, found.cancelled, _cite(found.source), day_only=True)
    usual = start + timedelta(hours=config.rules.interview_length_hours)
    return Interview(
        start,
        found.end or usual,
        found.cancelled,
        _cite(found.source),
        end_stated=found.end is not None,
    )


def _read_interviewers(config: Config, view: ProgramView, readings: ProgramReadings) -> None:
    """The itinerary mail's interviewers, unless the config lists its own (config wins)."""
    if view.program.interviewers:
        return
    found = readings.interviewers(config.applicant.name)
    if found:
        view.interviewers, view.interviewers_source = as_interviewers(found), "mail"


def _read_policy(view: ProgramView, readings: ProgramReadings) -> None:
    """The config's contact policy, else the most restrictive one the program stated."""
    if view.program.contact_policy is not None:
        view.policy, view.policy_source = view.program.contact_policy, "config"
        return
    statement = readings.policy()
    if statement is not None:
        view.policy = statement.policy
        view.policy_source = f'{_cite(statement.source)}: "{statement.sentence}"'


def _cite(message: MailMessage) -> str:
    return f"mail of {message.date:%Y-%m-%d} ({message.subject!r})"


def _contact(messages: list[MailMessage], me: frozenset[str]) -> Address | None:
    """The latest human at the program who wrote to the applicant."""
    for message in reversed(messages):
        sender = message.sender
        if sender is None or sender.email in me or message.folder == "sent":
            continue
        if is_platform(sender.email) or NOT_A_PERSON.search(sender.email):
            continue
        return sender
    return None
