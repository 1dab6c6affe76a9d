"""When the interview is, and whether it was cancelled, as the program's own mail says:
confirmations, reminders, reschedules and cancellations, in sentences, field tables and
itineraries. Invitations, waitlists and other events are not the interview. Pure functions
of mail and a time zone.

Never silent: a message whose time is not read is listed as unread scheduling when a sentence
schedules, reminds of, moves or confirms the applicant's interview, or its subject announces
so. Not listed: invitations offering days or asking the applicant to pick one (no day is
settled yet), waitlists, other events, the program's season, and thanks for a past day."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from agent.facts import interview_words as W
from agent.facts import lazy
from agent.facts.clock import (
    ClockMention,
    DayMention,
    at,
    find_clocks,
    find_days,
    message_zone,
    zone_named,
)
from agent.facts.memo import Each, each_read
from agent.facts.text import message_body
from connectors.base import MailMessage

_I = re.IGNORECASE
_WEEKDAY_OR_MONTH = (
    r"(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
)
_SENTENCE_END = lazy.pattern(r"(?<=[.!?])\s+(?=[A-Z\"(])|;\s*")
_ABBREV = lazy.pattern(r"\b(?:[ap]\.m|dr|mr|mrs|ms|st|[a-z]{3,4})\.(?=\s)", _I)
_DASHES = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\xa0": " "}
    | {"\u202f": " ", "|": "\n", "\u00b7": "\n"}  # a "|" or "·" separates fields
)
# A wrapped line ends mid-sentence and the next goes on in lower case or with a day number.
_WRAPPED = lazy.pattern(r"[\w,]\s*$")
_GOES_ON = lazy.pattern(r"\s*(?:[a-z(]|\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?::|[ap]\.?m|-|to\b)))")
# A field's label on a line of its own, its value on the next (HTML cells, <br>, platform mail).
_LABEL = lazy.pattern(r"\s*[A-Za-z][A-Za-z/&]*(?:\s+[A-Za-z/&]+){0,2}\s*:?\s*")
_VALUE = lazy.pattern(rf"\s*(?:\d|{_WEEKDAY_OR_MONTH})", _I)
_SAID = (W.ADDRESSED, W.YOURS, W.INTERVIEW, W.PERSONAL)
_MAX_DAYS = 60  # days read per message: a schedule names a few, a long newsletter no more
_ROWS_BACK = 14  # lines a time row may sit below the day it belongs to


@dataclass(frozen=True, slots=True)
class ScheduledInterview:
    """One reading: start is a datetime (``timed``) or the day's midnight in the program's
    zone (not ``timed``); None only for a cancellation that named no day."""

    start: datetime | None
    end: datetime | None  # a written end time only
    cancelled: bool
    source: MailMessage
    timed: bool = True
    clash: bool = False  # its day was written with a weekday that is not that date's


@dataclass
class InterviewReading:
    interview: ScheduledInterview | None = None
    unread: list[MailMessage] = field(default_factory=list)  # scheduling mail with no time read


@dataclass
class _Slot:
    day: DayMention
    unit: int
    lead: str  # the words before the day in its sentence
    tail: str  # the words after it, up to the next day
    listed: bool = False  # one of a list of dates: "Nov 30, Dec 7 and Dec 14"
    clocks: list[tuple[ClockMention, str, bool]] = field(default_factory=list)  # (clock, unit, row)


def _unwrapped(text: str) -> list[str]:
    """Lines, with a hard-wrapped sentence joined again ("scheduled for December" + "7 at 9")."""
    lines: list[str] = []
    for line in text.splitlines():
        if lines and len(lines[-1]) >= 40 and _WRAPPED.search(lines[-1]) and _GOES_ON.match(line):
            lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
        elif lines and _LABEL.fullmatch(lines[-1]) and _VALUE.match(line):
            lines[-1] = f"{lines[-1].strip().rstrip(':')}: {line.strip()}"
        else:
            lines.append(line)
    return lines


def _units(text: str) -> list[str]:
    """Lines split into sentences (a field table keeps one field per line)."""
    out: list[str] = []
    for line in _unwrapped(text.translate(_DASHES)):
        protected = _ABBREV.sub(lambda m: m.group(0).replace(".", "\x00"), line)
        out.extend(s.replace("\x00", ".").strip() for s in _SENTENCE_END.split(protected))
    return [u for u in out if u]


@functools.lru_cache(maxsize=4096)  # a season's mail repeats its lines (quotes, templates)
def _mentions(unit: str, today: date) -> tuple[tuple[DayMention, ...], tuple[ClockMention, ...]]:
    days = find_days(unit, today)
    full = [d for d in days if not d.weekday_only]
    # "tomorrow (Thursday)": the weekday only repeats a day already written
    days = [d for d in days if not d.weekday_only or not full]
    clocks = (
        c for c in find_clocks(unit) if not any(d.start < c.end and c.start < d.end for d in days)
    )
    return tuple(days), tuple(clocks)


def _slots(units: list[str], today: date) -> list[_Slot]:
    slots: list[_Slot] = []
    last: _Slot | None = None
    usable: _Slot | None = None  # the last day that is not another event's or an old one
    for index, unit in enumerate(units):
        days, clocks = _mentions(unit, today)
        if not days:
            # A time said of the interview skips a deadline's or a social's day in between.
            target = usable if last is not usable and W.INTERVIEW.search(unit) else last
            if target is not None and clocks and index - target.unit <= _ROWS_BACK:
                target.clocks.extend((c, unit, True) for c in clocks)
            continue
        own: list[_Slot] = []
        for i, day in enumerate(days):
            begin = days[i - 1].end if i else 0
            stop = days[i + 1].start if i + 1 < len(days) else len(unit)
            lead, tail = unit[begin : day.start], unit[day.end : stop]
            neighbours = (days[i - 1] if i else None, days[i + 1] if i + 1 < len(days) else None)
            listed = any(
                other is not None
                and W.LIST_GAP.fullmatch(gap)
                and _is_date(day)
                and _is_date(other)
                for gap, other in zip((lead, tail), neighbours, strict=True)
            )
            own.append(_Slot(day, index, lead, tail, listed))
        for clock in clocks:
            before = [s for s in own if s.day.end <= clock.start]
            slot = before[-1] if before else own[0]
            slot.clocks.append((clock, unit, False))
        slots.extend(own)
        last = own[-1]
        usable = next((s for s in reversed(own) if not _set_aside(s)), usable)
    return slots


def _set_aside(slot: _Slot) -> bool:
    return _other_event(slot) or W.OLD.search(slot.lead[-40:]) is not None


def _window(slot: _Slot, zone: tzinfo, text_zone: str | None) -> tuple[datetime, datetime | None]:
    """Start and written end of a day's slot: its own sentence's time, else its rows."""
    own = [(c, unit[: c.start]) for c, unit, row in slot.clocks if not row]
    rows = [(c, unit[: c.start]) for c, unit, row in slot.clocks if row]
    ends = [c for c, lead in own + rows if W.END.search(lead[-30:])]
    lobby = [c for c, unit, _ in slot.clocks if W.LOBBY.match(unit[c.end :])]

    def usable(group: list[tuple[ClockMention, str]]) -> list[tuple[ClockMention, str]]:
        return [
            (c, lead)
            for c, lead in group
            if c not in ends
            and c not in lobby
            and not W.NOT_START.search(lead[-30:])
            and not W.EVENT.search(lead)  # "join our social at 6 PM"
        ]

    # A log-in time alone in the day's sentence gives way to the rows below it.
    from_rows = not usable(own) and bool(usable(rows))
    starts = usable(own) or usable(rows) or [(c, lead) for c, lead in own + rows if c not in ends]
    starts = starts or own + rows
    zones = [c.zone for c, _, _ in slot.clocks if c.zone]
    tz = zone_named(zones[0] if zones else text_zone, zone)
    first, lead = starts[0]
    begins, ends_at = first.begins, first.ends
    if ends_at is not None and W.SHIFT_FROM.search(lead[-70:]):
        begins, ends_at = ends_at, None  # "moving your start from 9:00 to 10:30 AM"
    later = [c for c, _ in starts[1:]]
    if from_rows and later and (ends_at is None or any(c.begins >= ends_at for c in later)):
        ends_at = later[-1].ends  # an itinerary: first session's start, last one's end
    if ends_at is None and ends:
        ends_at = ends[-1].ends or ends[-1].begins
    start = at(slot.day.day, begins, tz)
    end = at(slot.day.day, ends_at, tz) if ends_at else None
    return start, end if end and end > start else None


def _near(marks: list[bool], index: int, back: int = 3) -> bool:
    """In the sentence, the few lines above it (a field table's heading) or the next one."""
    return any(marks[max(0, index - back) : index + 2])


def _other_event(slot: _Slot) -> bool:
    """A social, a deadline, an offer to choose, one of a list of days ("Nov 30, Dec 7 and
    Dec 14"): the day is not the applicant's interview."""
    return bool(
        W.OTHER_EVENT.search(slot.lead + slot.tail) or W.BY.search(slot.lead) or slot.listed
    )


def _cancels(unit: str) -> bool:
    """The sentence cancels the interview (not a social, not "if you need to cancel")."""
    other = W.EVENT.search(unit) and not W.INTERVIEW.search(unit)
    return bool(W.CANCELLED.search(unit) and not W.NOT_CANCEL.search(unit) and not other)


def _is_date(day: DayMention | None) -> bool:
    return day is not None and not day.relative and not day.weekday_only


def _read_message(message: MailMessage, zone: tzinfo) -> tuple[ScheduledInterview | None, bool]:
    """The message's statement about the interview, and whether it looked like scheduling."""
    body = message_body(message.body or "")
    units = _units(f"{message.subject}\n{body}")
    whole = "\n".join(units)
    today = message.date.astimezone(zone).date()
    text_zone = message_zone(whole)
    slots = [s for s in _slots(units, today) if s.day.day >= today][:_MAX_DAYS]
    named = bool(W.INTERVIEW.search(whole))
    # Without the word "interview", only the applicant's own slot stated plainly counts.
    personal = not named and not W.EVENT.search(whole) and bool(W.PERSONAL.search(whole))
    stated = any(
        W.SCHEDULING.search(u)
        and W.INTERVIEW.search(u)
        and not W.SEASON.search(u)
        and not W.OTHER_EVENT.search(u)
        for u in units
    )
    # "We had to cancel your Dec 2 interview; we've rescheduled you for Dec 9": a reschedule.
    rebooked = any(
        s.clocks and W.NEW.search(s.lead[-40:]) and not W.OFFER.search(s.lead + s.tail)
        for s in slots
    )
    if (named or personal) and not rebooked and any(map(_cancels, units)):
        return _cancelled(message, units, slots, zone, text_zone), True
    asks = "\n".join(u for u in units if not W.CONDITIONAL.search(u))
    invited = (W.INVITED.search(asks) and not W.CONFIRMED.search(whole)) or W.TO_PICK.search(whole)
    if invited:
        return None, False  # an invitation offering days is not unreadable scheduling
    if not (named or personal):
        return None, _timed_for_you(units, slots, whole)
    # Which sentences say what, once per message (a long one may name many days).
    said = {p: [p.search(u) is not None for u in units] for p in _SAID}
    candidates = [
        s
        for s in slots
        if not _set_aside(s)
        and not units[s.unit].rstrip().endswith("?")  # "Could you do Friday at 1 PM?"
        and (_near(said[W.ADDRESSED], s.unit) or W.ADDRESSED.search(message.subject))
        and (
            _near(said[W.YOURS], s.unit)
            or _near(said[W.INTERVIEW], s.unit, back=0)
            or _near(said[W.PERSONAL], s.unit, back=0)
        )
    ]
    if not candidates:
        return None, _unreadable(message, whole, stated) or _timed_for_you(units, slots, whole)
    new = [s for s in candidates if W.NEW.search(s.lead[-40:])]
    timed = [s for s in new or candidates if s.clocks]
    if timed:
        start, end = _window(timed[0], zone, text_zone)
        return ScheduledInterview(start, end, False, message, clash=timed[0].day.clash), stated
    # A day alone: when the message schedules the interview or names it as the applicant's.
    day = [
        s
        for s in new or candidates
        if W.INTERVIEW.search(units[s.unit]) and (stated or W.YOURS.search(units[s.unit]))
    ]
    if day:
        midnight = at(day[0].day.day, time(0), zone)
        return ScheduledInterview(midnight, None, False, message, False, day[0].day.clash), stated
    return None, _unreadable(message, whole, stated or named)  # named, but not readably


def _timed_for_you(units: list[str], slots: list[_Slot], whole: str) -> bool:
    """A coming day with a clock time, in mail to the applicant, that is not another event's,
    an old day or a question: most likely their interview, said in words the reader does not
    know ("we've got you down for Tues 12/8, check-in 0745"). Listed as unread, not dropped."""
    if W.ADDRESSED.search(whole) is None or W.PAST.search(whole):
        return False
    return any(
        _appointment(s) and not _set_aside(s) and not units[s.unit].rstrip().endswith("?")
        for s in slots
    )


def _appointment(slot: _Slot) -> bool:
    """The day has a time that is a meeting's, not a deadline's ("by 5 PM", "until noon")."""
    if W.DEADLINE.search(slot.lead[-30:]):
        return False
    return any(
        not W.DEADLINE.search(unit[max(0, c.start - 30) : c.start]) for c, unit, _ in slot.clocks
    )


def _unreadable(message: MailMessage, whole: str, stated: bool) -> bool:
    """Scheduling mail whose time was not read: a sentence schedules the applicant's interview
    or the subject announces it, and it is not thanks for a day already over."""
    notice = W.NOTICE.search(message.subject) and not W.EVENT.search(message.subject)
    soon = any(
        W.SOON.search(u) and W.YOURS.search(u) and W.INTERVIEW.search(u)
        for u in _units(whole)
        if not W.OTHER_EVENT.search(u)
    )
    return (stated or bool(notice) or soon) and not (
        W.PAST.search(whole) and not W.CONFIRMED.search(whole)
    )


def _cancelled(
    message: MailMessage, units: list[str], slots: list[_Slot], zone: tzinfo, text_zone: str | None
) -> ScheduledInterview:
    """The cancelled interview's day and time when the message names them; offers of new
    days in the same message are not it."""
    named = [
        s for s in slots if not W.OFFER.search(s.lead + s.tail) and not W.NEW.search(s.lead[-40:])
    ]
    if not named:
        return ScheduledInterview(None, None, True, message, False)
    first = named[0]
    if first.clocks:
        start, end = _window(first, zone, text_zone)
        return ScheduledInterview(start, end, True, message, clash=first.day.clash)
    midnight = at(first.day.day, time(0), zone)
    return ScheduledInterview(midnight, None, True, message, False, first.day.clash)


def read_interview(
    messages: list[MailMessage], zone: tzinfo, me: frozenset[str], each: Each = each_read
) -> InterviewReading:
    """The program's latest statement about the interview (a day alone does not replace a
    time already known for that day), and the scheduling mail whose time could not be read
    after it. ``each`` reads one message (or gives what an earlier pass read of it)."""
    reading = InterviewReading()
    for message in sorted(messages, key=lambda m: m.date):
        if message.sender is None or message.sender.email in me or message.folder == "sent":
            continue
        found, scheduling = each(
            message, "interview", functools.partial(_read_message, message, zone)
        )
        if found is None:
            if scheduling and not _restates_day(reading.interview, message, zone):
                reading.unread.append(message)
            continue
        reading.interview = _join(reading.interview, found, zone)
        reading.unread = []
    return reading


def _restates_day(known: ScheduledInterview | None, message: MailMessage, zone: tzinfo) -> bool:
    """Scheduling mail that only names the day of an interview whose time is known ("we look
    forward to meeting you on October 6") adds nothing to read: it is not unread."""
    if known is None or known.start is None or not known.timed:
        return False
    day = known.start.astimezone(zone)
    month = rf"(?:{day:%B}|{day:%b}\.?)"
    pattern = rf"\b{month}\s+{day.day}(?!\d)|\b{day.month}/{day.day}(?!\d)"
    return re.search(pattern, f"{message.subject}\n{message.body or ''}", re.I) is not None


def _join(
    known: ScheduledInterview | None, found: ScheduledInterview, zone: tzinfo
) -> ScheduledInterview:
    if known is None or known.start is None or (not known.timed and found.timed):
        return found
    same_day = (
        found.start is None
        or found.start.astimezone(zone).date() == known.start.astimezone(zone).date()
    )
    if same_day and not found.timed:  # a day alone, or "cancelled" alone: keep the known time
        return ScheduledInterview(
            known.start, known.end, found.cancelled, found.source, known.timed, known.clash
        )
    return found


def interview_from_mail(
    messages: list[MailMessage], zone: tzinfo, me: frozenset[str]
) -> ScheduledInterview | None:
    """The latest interview statement in a program's mail (see ``read_interview``)."""
    return read_interview(messages, zone, me).interview


def find_datetime(
    text: str, sent: datetime, zone: tzinfo
) -> tuple[datetime, datetime | None] | None:
    """The first day with a time in ``text`` (its written end too)."""
    units = _units(text)
    for slot in _slots(units, sent.astimezone(zone).date()):
        if slot.clocks:
            return _window(slot, zone, message_zone(text))
    return None
