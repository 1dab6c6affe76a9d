"""The season as an iCalendar file (RFC 5545): per program the interview in its own timezone,
the thank-you window with an alarm before it closes, each promise's due day and inquiry
moment, the letters; and the rank list deadline.

Every event's UID is derived from what it is about (the program and the kind; a promise's
message and topic), so importing the file again, or a calendar app re-reading a subscribed
file, updates events instead of duplicating them. Given the previous file, an event whose
content did not change keeps its SEQUENCE and stamps; a changed one counts up.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from agent.config import Config
from agent.dashboard import Dashboard
from agent.rules.followup import Assessment
from agent.views.moments import Moment, deadlines, season, state_summary

log = logging.getLogger(__name__)

PRODID = "-//residency-agent//season calendar//EN"
UID_DOMAIN = "residency-agent"
ALARM_BEFORE = timedelta(hours=3)  # before a window closes
DIGEST = "X-RESIDENCY-AGENT-DIGEST"  # what the event said, to tell a change from a re-run
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # mail is hostile: no control characters
_SETTLED = {"sent", "missed", "deleted", "fulfilled", "skipped", "no-address", "obsolete"}


def uid(key: str) -> str:
    return f"{hashlib.sha256(key.encode()).hexdigest()[:24]}@{UID_DOMAIN}"


def clean(text: str) -> str:
    return _CONTROL.sub(" ", text)


def calendar(board: Dashboard, config: Config, previous: bytes | None = None) -> bytes:
    """The season's calendar at ``board.now``; ``previous`` is the file it replaces."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = f"Interview season — {config.applicant.name}"
    cal.add("x-wr-calname", clean(name))
    cal.add("name", clean(name))
    cal.add("x-wr-timezone", config.applicant.timezone)
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    stamps = _previous_stamps(previous)
    now = board.now.astimezone(UTC).replace(microsecond=0)
    moments = [m for pm in season(board, config) for m in pm.moments] + deadlines(config)
    for moment in moments:
        if moment.start is None or moment.end is None or moment.inert:
            continue
        cal.add_component(_stamped(_event(moment), stamps, now))
    first = min([board.now.date(), *_days(moments)]) - timedelta(days=366)
    last = max([config.season.match_day, *_days(moments)]) + timedelta(days=366)
    cal.add_missing_timezones(first_date=first, last_date=last)
    return bytes(cal.to_ical())


def _days(moments: list[Moment]) -> list[date]:
    return [
        m.start if not isinstance(m.start, datetime) else m.start.date() for m in moments if m.start
    ]


def _event(m: Moment) -> Event:
    event = Event()
    event.add("uid", uid(m.key))
    summary = m.summary
    state = state_summary(m.items) if m.items else ""
    if state in _SETTLED:
        summary += f" ({state})"
    event.add("summary", clean(summary))
    event.add("dtstart", m.start)
    event.add("dtend", m.end)
    event.add("description", clean(_description(m)))
    event.add("categories", [m.kind])
    # Only the interview takes the applicant's time; windows and due days are reminders.
    event.add("transp", "OPAQUE" if m.kind == "interview" else "TRANSPARENT")
    if m.cancelled:
        event.add("status", "CANCELLED")
    if m.alarm:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        hours = int(ALARM_BEFORE.total_seconds() // 3600)
        alarm.add("description", clean(f"{m.summary}: closes in {hours} hours"))
        alarm.add("trigger", -ALARM_BEFORE, parameters={"RELATED": "END"})
        event.add_component(alarm)
    event.add(DIGEST, hashlib.sha256(event.to_ical()).hexdigest()[:24])
    return event


def _description(m: Moment) -> str:
    lines = [_item_line(a) for a in m.items]
    if m.detail:
        lines.append(m.detail)
    return "\n".join(lines)


def _item_line(a: Assessment) -> str:
    who = a.who + (f" <{a.recipient}>" if a.recipient else "")
    detail = " — needs your detail" if a.needs_detail and a.state in ("due", "drafted") else ""
    return f"{a.kind} to {who}: {a.state}{detail} — {a.reason or a.note}".rstrip(" —")


def _previous_stamps(previous: bytes | None) -> dict[str, tuple[str, int, datetime]]:
    """UID -> (digest, sequence, last change) of the file being replaced."""
    if not previous:
        return {}
    try:
        old = Calendar.from_ical(previous)
    except ValueError as exc:
        log.warning("the previous calendar file could not be read (%s); starting afresh", exc)
        return {}
    out = {}
    for event in old.walk("VEVENT"):
        changed = event.get("last-modified") or event.get("dtstamp")
        if event.get("uid") is None or changed is None:
            continue
        out[str(event["uid"])] = (
            str(event.get(DIGEST, "")),
            int(event.get("sequence", 0)),
            changed.dt,
        )
    return out


def _stamped(event: Event, stamps: dict[str, tuple[str, int, datetime]], now: datetime) -> Event:
    known = stamps.get(str(event["uid"]))
    sequence, changed = 0, now
    if known is not None:
        digest, sequence, changed = known
        if digest != str(event[DIGEST]):
            sequence, changed = sequence + 1, now
    event.add("sequence", sequence)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    return event
