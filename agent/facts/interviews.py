"""When the interview is, and whether it was cancelled, as the program's mail says.
Pure functions of text and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from agent.facts.dates import MONTH_NAMES, MONTHS
from connectors.base import MailMessage

_ZONES = {
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "eastern": "America/New_York",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "central": "America/Chicago",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mountain": "America/Denver",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "akt": "America/Anchorage",
    "akst": "America/Anchorage",
    "hst": "Pacific/Honolulu",
}
_MONTH = MONTH_NAMES
_TIME = r"(?P<{p}h>\d{{1,2}})(?::(?P<{p}m>\d{{2}}))?\s*(?P<{p}ap>a\.?m\.?|p\.?m\.?)"
_DATE_TIME = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    r"|(?P<nm>\d{1,2})/(?P<nd>\d{1,2}))"
    r"(?:,?\s+(?P<year>20\d\d)|/(?P<ny>20\d\d|\d\d))?"
    r"(?:,?\s+(?:at|from|beginning at|starting at)?\s*" + _TIME.format(p="s") + r")?"
    r"(?:\s*(?:-|–|—|to|until)\s*" + _TIME.format(p="e") + r")?"
    r"(?:\s*\(?\s*(?P<tz>(?:eastern|central|mountain|pacific)(?:\s+(?:standard|daylight))?"
    r"(?:\s+time)?|[ecmp][sd]?t|akst|akt|hst)\b\)?)?",
    re.IGNORECASE,
)
_SCHEDULED = re.compile(
    r"interview[^.\n]{0,80}?\b(is|has been|was|will be|now)\s+(re)?(scheduled|confirmed|booked|"
    r"set|moved|changed)|\b(confirm(ed|ing|ation)?|reminder|rescheduled)\b[^.\n]{0,80}interview"
    r"|your interview\s+(date\s+)?(is\s+)?(on|for)\b|interview date\s*:",
    re.IGNORECASE,
)
_CANCELLED = re.compile(
    r"interview[^.\n]{0,60}\b(has been|is|was)\s+cancell?ed|\bcancell?ed\b[^.\n]{0,40}interview"
    r"|cancell?ation of your interview",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ScheduledInterview:
    start: datetime
    end: datetime | None
    cancelled: bool
    source: MailMessage


def _sentences(text: str) -> list[str]:
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith(">")]
    text = " ".join(" ".join(lines).split())
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)


def _hour(h: str, ap: str) -> int:
    hour = int(h) % 12
    return hour + 12 if ap.lower().startswith("p") else hour


def _zone(name: str | None, default: tzinfo) -> tzinfo:
    if not name:
        return default
    key = name.lower().replace(" standard", "").replace(" daylight", "").replace(" time", "")
    return ZoneInfo(_ZONES[key]) if key in _ZONES else default


def _next_year_date(month: int, day: int, after: date) -> date | None:
    for year in (after.year, after.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= after - timedelta(days=1):
            return candidate
    return None


def find_datetime(
    text: str, sent: datetime, zone: tzinfo
) -> tuple[datetime, datetime | None] | None:
    """The first date with a time in ``text`` (its end time too, when given)."""
    for m in _DATE_TIME.finditer(text):
        if not m["sh"]:
            continue
        month = MONTHS[m["month"].lower()] if m["month"] else int(m["nm"])
        day = int(m["day"] or m["nd"])
        year_text = m["year"] or m["ny"]
        try:
            if year_text:
                year = int(year_text) + (2000 if len(year_text) == 2 else 0)
                when: date | None = date(year, month, day)
            else:
                when = _next_year_date(month, day, sent.astimezone(zone).date())
        except ValueError:
            continue
        if when is None:
            continue
        tz = _zone(m["tz"], zone)
        start = datetime(
            when.year, when.month, when.day, _hour(m["sh"], m["sap"]), int(m["sm"] or 0), tzinfo=tz
        )
        end = None
        if m["eh"]:
            end = start.replace(hour=_hour(m["eh"], m["eap"]), minute=int(m["em"] or 0))
            if end <= start:
                end = None
        return start, end
    return None


def interview_from_mail(
    messages: list[MailMessage], zone: tzinfo, me: frozenset[str]
) -> ScheduledInterview | None:
    """The latest confirmed interview time in a program's mail, and whether it was cancelled
    afterwards. Invitations that offer several dates are not confirmations."""
    latest: ScheduledInterview | None = None
    for message in sorted(messages, key=lambda m: m.date):
        if message.sender is None or message.sender.email in me or not message.body:
            continue
        text = f"{message.subject}. {message.body}"
        for sentence in _sentences(text):
            if _CANCELLED.search(sentence) and latest is not None:
                latest = ScheduledInterview(latest.start, latest.end, True, message)
                break
            if _SCHEDULED.search(sentence):
                found = find_datetime(sentence, message.date, zone)
                if found:
                    latest = ScheduledInterview(found[0], found[1], False, message)
                    break
    return latest
