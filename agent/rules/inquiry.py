"""Promised information: what each program said it would send, whether it arrived, and
one polite status inquiry, in the promise's thread, once due + grace has passed.

An inquiry is about logistics the program itself promised, so a no-contact policy does not
suppress it (it suppresses optional notes only).
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from agent.config import Config
from agent.facts import lazy
from agent.facts.matching import is_platform
from agent.facts.memo import Memo
from agent.facts.promises import Promise, delivers, extract_promises, mentions
from agent.facts.season import NOT_A_PERSON, ProgramView, Season, from_applicant, program_slug
from agent.facts.voice import speaks_for
from agent.rules.followup import Candidate, OpenPromise, Settled
from connectors.base import Address, MailMessage, ReplyTarget


def _key(slug: str, source: MailMessage, promise: Promise) -> str:
    """``slug``: the program's (``program_slug``)."""
    digest = hashlib.sha256(source.message_id.encode()).hexdigest()[:12]
    return f"inquiry:{slug}:{digest}:{promise.topic}"


class _Reading:
    """What each message says about each topic, worked out once per pass: a program's
    promises are checked against the same later messages over and over. Only the program
    itself can deliver (a fellow applicant's reply-all cannot); only you can ask."""

    def __init__(self, view: ProgramView, me: frozenset[str], memo: Memo) -> None:
        self.program = view.program
        self.slug = program_slug(view.program)  # once a program, not once a promise
        self.me = me
        self.memo = memo
        self.messages = view.messages  # oldest first
        self._dates = [m.date for m in self.messages]
        # topic -> index -> the first message at or after it that closes the topic (None:
        # none does): each message is asked about a topic once a pass, not once a promise.
        self._first: dict[str, dict[int, int | None]] = {}

    def _answer(self, message: MailMessage, topic: str) -> bool:
        assert message.body is not None
        if speaks_for(self.program, message, self.me):
            return delivers(message.body, message.subject, topic)
        return from_applicant(message, self.me) and mentions(message.body, topic)

    def closes(self, message: MailMessage, topic: str) -> str | None:
        key = f"closes|{message.message_id}|{message.folder}|{topic}"
        if self.memo.get(key, lambda: "1" if self._answer(message, topic) else "") != "1":
            return None
        if speaks_for(self.program, message, self.me):
            return f"delivered in mail of {message.date:%Y-%m-%d} ({message.subject!r})"
        return f"you wrote about it on {message.date:%Y-%m-%d}"

    def closed_after(self, source: MailMessage, topic: str) -> str | None:
        """Why a promise of ``topic`` made in ``source`` needs no inquiry: the first later
        message that delivers it or where the applicant wrote about it."""
        first = self._first.setdefault(topic, {})
        start = bisect_right(self._dates, source.date)
        seen: list[int] = []
        found: int | None = None
        for i in range(start, len(self.messages)):
            if i in first:
                found = first[i]
                break
            seen.append(i)
            message = self.messages[i]
            if message.body and self.closes(message, topic):
                found = i
                break
        for i in seen:
            first[i] = found
        return None if found is None else self.closes(self.messages[found], topic)


_BEFORE_THE_DAY = lazy.pattern(r"\b(closer to|before|ahead of|prior to)\b", re.I)
_THE_DAY = lazy.pattern(r"\b(interview|the date|the day|your visit)\b", re.I)
_SOON = lazy.pattern(r"^(soon|shortly|in due course|asap|as soon as possible)?$", re.I)


def _due(
    promise: Promise, view: ProgramView, grace: timedelta, default: timedelta
) -> tuple[date, bool]:
    """The day an inquiry counts from, and whether none can be found. A stated date wins;
    "soon" (or nothing) takes the default; "closer to the date" or "after your interview"
    count from the interview when it is known; "at orientation" counts from nothing."""
    if promise.due_explicit or _SOON.match(promise.when_text.strip()):
        return promise.due, False
    interview = view.interview
    if interview is None or interview.cancelled or not _THE_DAY.search(promise.when_text):
        return promise.due, True
    day = interview.start.date()
    if _BEFORE_THE_DAY.search(promise.when_text):
        # Logistics for the day itself: ask in time to get them, the grace ending the eve.
        return day - grace - timedelta(days=1), False
    return max(promise.due, day + default), False


def _when(promise: Promise, due: date) -> str:
    if promise.due_explicit:
        return f"by {due:%b %-d}"
    said = f" ({promise.when_text})" if promise.when_text else " (no date given)"
    return f"by {due:%b %-d}{said}"


def _recipient(view: ProgramView, source: MailMessage) -> tuple[Address | None, bool]:
    """Whom to ask, and whether a reply in the promise's thread reaches them."""
    sender = source.sender
    if sender and _a_person(sender.email):
        return sender, True
    return view.contact, False


@lru_cache(maxsize=1024)
def _a_person(email: str) -> bool:
    """Whether a reply to ``email`` reaches a person (not a platform, not a no-reply); the
    same few senders write each program's promises."""
    return not is_platform(email) and not NOT_A_PERSON.search(email)


def _promises(config: Config, source: MailMessage, zone: ZoneInfo, memo: Memo) -> list[Promise]:
    days = config.rules.promise_default_days

    def read() -> str:
        assert source.body is not None
        found = extract_promises(source.body, source.date, zone, default_days=days)
        return json.dumps([{**asdict(p), "due": p.due.isoformat()} for p in found])

    key = f"promises|{source.message_id}|{source.date.isoformat()}|{zone.key}|{days}"
    return list(_decoded(memo.get(key, read)))


@lru_cache(maxsize=4096)
def _decoded(text: str) -> tuple[Promise, ...]:
    """Promises as the memo keeps them (JSON). Most messages keep the same text ("[]", none)
    and a promise cannot change: each text is decoded once."""
    items = json.loads(text)
    return tuple(Promise(**{**item, "due": date.fromisoformat(item["due"])}) for item in items)


def _promised(
    config: Config, view: ProgramView, me: frozenset[str], memo: Memo
) -> Iterator[tuple[_Reading, ZoneInfo, MailMessage, Promise]]:
    """Each promise of the program's own mail (only the program speaking can promise), with
    its message, the program's zone and the reading of what closes a promise."""
    zone = config.program_zone(view.program)
    reading = _Reading(view, me, memo)
    for source in view.own_mail:
        for promise in _promises(config, source, zone, memo):
            yield reading, zone, source, promise


def read_promises(config: Config, view: ProgramView, me: frozenset[str], memo: Memo) -> None:
    """What each message of the program's own mail promises, and which later message
    closes each promise, read into ``memo``."""
    for reading, _, source, promise in _promised(config, view, me, memo):
        reading.closed_after(source, promise.topic)


def inquiries(config: Config, season: Season, memo: Memo, now: datetime) -> Iterator[Candidate]:
    grace = timedelta(days=config.rules.promise_grace_days + 1)
    default = timedelta(days=config.rules.promise_default_days)
    for view in season.programs:
        for reading, zone, source, promise in _promised(config, view, season.me, memo):
            yield _candidate(reading, view, zone, source, promise, grace, default, now)


def _candidate(
    reading: _Reading,
    view: ProgramView,
    zone: ZoneInfo,
    source: MailMessage,
    promise: Promise,
    grace: timedelta,
    default: timedelta,
    now: datetime,
) -> Candidate:
    due, undatable = _due(promise, view, grace, default)
    # Due + grace "has passed" at the start of the day after it, in the program's timezone.
    opens = datetime.combine(due + grace, time(0), tzinfo=zone)
    recipient, in_thread = _recipient(view, source)
    closed = reading.closed_after(source, promise.topic)
    settled = Settled("fulfilled", closed) if closed else None
    if settled is None and undatable:
        settled = Settled(
            "skipped",
            f"promised {promise.when_text!r}, a moment the agent cannot date; "
            "it will not ask about it (write yourself if it matters)",
        )
    reply_to = None
    if in_thread:
        reply_to = ReplyTarget(
            id=source.id,
            message_id=source.message_id,
            references=source.references,
            thread_hint=source.thread_hint,
            subject=source.subject,
        )
    interview = view.interview
    sent = source.date.astimezone(zone)
    return Candidate(
        key=_key(reading.slug, source, promise),
        kind="inquiry",
        view=view,
        who=recipient.name or recipient.email if recipient else "program",
        recipient=recipient,
        template="inquiry.txt.j2",
        context={
            "promise": promise,
            "promise_sent": sent,
            "interview_date": interview.start if interview and not interview.cancelled else None,
            "interview_past": bool(interview and interview.start <= now),
        },
        reason=f"promised {_when(promise, due)} in mail of "
        f"{sent:%b %-d} and not arrived: {promise.topic_label}",
        opens=opens,
        after_rank_deadline="skipped",
        reply_to=reply_to,
        settled=settled,
        no_address="the promise came from a platform; no program contact in mail",
        upcoming_note="inquiry if nothing arrives by then",
        at_in_ledger=opens,
        promise=OpenPromise(promise, source, opens),
    )
