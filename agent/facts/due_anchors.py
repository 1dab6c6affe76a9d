"""Due dates anchored to an event whose date is in the same message: "two days before your
interview on Thursday, December 3", "72 hours before your interview (8:00 AM ET)", "the day
before", "the Monday before", "the morning of", "within a week of your interview".

The anchor is the date named in the promise's sentence, else the one date the message gives
its interview; when the message names none (or several), the phrase is kept undated.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from agent.facts import lazy
from agent.facts.dates import (
    MONTH_NAMES,
    MONTHS,
    NUMBER,
    WEEKDAY_NAMES,
    WEEKDAYS,
    When,
    next_on_or_after,
    next_weekday,
    number,
)

__all__ = ["anchored"]

_I = re.IGNORECASE
_EVENT = (
    r"(?:(?:your|the|our|each|this|their)\s+(?:(?:virtual|in-person|scheduled|interview|second\s+look|"
    r"big)\s+)?(?:interview(?:\s+day)?|session|event|visit|social|day|start(?:\s+time)?|"
    r"second\s+look|dinner|tour|call|webinar|program|open\s+house))"
)
_LEAD = r"(?:before|prior(?:\s+to)?|ahead\s+of|in\s+advance(?:\s+of)?|preceding)"
_DURATION = lazy.pattern(
    rf"\b(?P<n>{NUMBER})\s+(?P<biz>business\s+)?(?P<unit>hours?|hrs?|minutes?|mins?|days?|weeks?|"
    r"wks?)\s+"
    rf"{_LEAD}(?:\s+{_EVENT})?",
    _I,
)
_DAY_BEFORE = lazy.pattern(
    rf"\b(?:the\s+)?(?P<what>day|night|evening|afternoon|morning|week|wk|{WEEKDAY_NAMES})\s+"
    rf"{_LEAD}(?!\s+(?:noon|\d))(?:\s+{_EVENT})?",
    _I,
)
_DAY_OF = lazy.pattern(rf"\bthe\s+(?:morning|day|afternoon)\s+of(?:\s+{_EVENT})?(?!\s+\w+day)", _I)
_WEEK_OF = lazy.pattern(rf"\bthe\s+week\s+of\s+{_EVENT}", _I)
_WITHIN_OF = lazy.pattern(
    rf"\bwithin\s+(?P<n>{NUMBER})\s+(?P<unit>hours?|hrs?|days?|weeks?)\s+(?:of|after)\s+{_EVENT}",
    _I,
)
_BEFORE_EVENT = lazy.pattern(rf"\b{_LEAD}\s+{_EVENT}", _I)

_ZONES = {
    "et": "America/New_York",
    "eastern": "America/New_York",
    "ct": "America/Chicago",
    "central": "America/Chicago",
    "mt": "America/Denver",
    "mountain": "America/Denver",
    "pt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
}
_DATE = lazy.pattern(
    rf"(?:\b(?P<wd>{WEEKDAY_NAMES})\.?,?\s+)?(?:\b(?P<month>{MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})"
    r"(?:st|nd|rd|th)?(?!\d|:\d)(?:,?\s+(?P<year>20\d\d))?|\b(?P<m>\d{1,2})/(?P<d>\d{1,2})"
    r"(?:/(?P<y>\d{2,4}))?\b|"
    # day before month, as British and Indian mail writes it: "2nd December 2026"
    rf"\b(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_month>{MONTH_NAMES})\b\.?"
    r"(?:,?\s+(?P<dm_year>20\d\d))?)"
    r"(?:[,\s]+(?:at|from|@)?\s*(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)"
    r"(?:\s*\(?(?P<zone>[ECMP])[SD]?T\b|\s+(?P<zname>eastern|central|mountain|pacific))?)?",
    _I,
)
_WEEKDAY_ONLY = lazy.pattern(rf"\b(?:on|this)\s+(?P<wd>{WEEKDAY_NAMES})\b(?!,?\s+\w+\s+\d)", _I)
# Words just before a date that make it the interview's: "your interview on", "Date:".
_INTERVIEW_LEAD = lazy.pattern(
    r"(?:\binterview\w*|\bscheduled|\bconfirm\w*|\byour\s+(?:[\w-]+\s+){0,2}(?:visit|day|session))\b"
    r"[^.!?\n:]{0,80}\Z|^\s*(?:interview\s+)?date:?\s*\Z",
    _I,
)
_RELATIVE_DAY = lazy.pattern(
    r"\b(?P<rel>today|tomorrow)(?:\s+(?:morning|afternoon))?(?:,?\s+(?:at|from)\s+(?P<h>\d{1,2})"
    r"(?::(?P<min>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?:\s*\(?(?P<zone>[ECMP])[SD]?T\b|"
    r"\s+(?P<zname>eastern|central|mountain|pacific))?)?",
    _I,
)
_DEADLINE = lazy.pattern(r"\b(?:by|before|until|no\s+later\s+than|deadline|due)\s*[:,]?\s*$", _I)
_TIME_FIELD = lazy.pattern(
    r"\btime:?\s*(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)"
    r"(?:[^\n]*?\b(?P<zone>[ECMP])[SD]?T\b|[^\n]*?\b(?P<zname>eastern|central|mountain|pacific))?",
    _I,
)


def _moment(m: re.Match[str], today: date, zone: ZoneInfo) -> tuple[date, datetime | None] | None:
    if m["m"]:
        month, day, year = int(m["m"]), int(m["d"]), m["y"]
    elif m["dm_month"]:
        month, day, year = MONTHS[m["dm_month"].lower()], int(m["dm_day"]), m["dm_year"]
    else:
        month, day, year = MONTHS[m["month"].lower()], int(m["day"]), m["year"]
    try:
        if year:
            y = int(year)
            d: date | None = date(y + 2000 if y < 100 else y, month, day)
        else:
            d = next_on_or_after(month, day, today)
    except ValueError:
        return None
    if d is None or d < today:
        return None
    return d, (_clock(m, d, zone) if m["h"] else None)


def _clock(m: re.Match[str], d: date, zone: ZoneInfo) -> datetime:
    hour = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
    name = (m["zone"] or "")[:1].lower() + "t" if m["zone"] else (m["zname"] or "").lower()
    tz = ZoneInfo(_ZONES[name]) if name in _ZONES else zone
    return datetime.combine(d, time(hour, int(m["min"] or 0)), tzinfo=tz)


def _dates(
    text: str, today: date, zone: ZoneInfo, keep: re.Pattern[str] | None = None
) -> dict[date, datetime | None]:
    found: dict[date, datetime | None] = {}
    for m in _DATE.finditer(text):
        lead = text[max(0, m.start() - 40) : m.start()]
        if _DEADLINE.search(lead):
            continue  # "by Friday, November 6": a deadline, not the event
        if keep is not None and not keep.search(lead.rsplit("\n", 1)[-1]):
            continue
        got = _moment(m, today, zone)
        if got is None:
            continue
        day, at = got
        if at is None:  # a platform table: "Date: ..." then "Time: ..." on the next line
            clock = _TIME_FIELD.search(text, m.end(), m.end() + 80)
            if clock:
                at = _clock(clock, day, zone)
        if day not in found or found[day] is None:
            found[day] = at
    for m in _RELATIVE_DAY.finditer(text):
        if keep is None or not keep.search(text[max(0, m.start() - 100) : m.start()]):
            continue  # "tomorrow" counts only as the interview's day ("is tomorrow at 9 AM ET")
        day = today + timedelta(days=m["rel"].lower() == "tomorrow")
        at = _clock(m, day, zone) if m["h"] else None
        if day not in found or found[day] is None:
            found[day] = at
    return found


def _anchor(
    sentence: str, context: str, today: date, zone: ZoneInfo
) -> tuple[date, datetime | None] | None:
    """The event date (and time, when written) the promise hangs on: the one date of the
    sentence, else the one the message names for the interview, else the message's only
    date. None when unknown or when several dates are offered."""
    for text, keep in ((sentence, None), (context, _INTERVIEW_LEAD), (context, None)):
        found = _dates(text, today, zone, keep)
        if len(found) == 1:
            return next(iter(found.items()))
        if len(found) > 1:
            return None  # several dates offered: which one is the applicant's is unknown
    weekday = _WEEKDAY_ONLY.search(sentence)
    if weekday:
        return next_weekday(today, WEEKDAYS[weekday["wd"].lower().rstrip(".")]), None
    return None


def _resolve(
    m: re.Match[str], pattern: re.Pattern[str], at: tuple[date, datetime | None], zone: ZoneInfo
) -> date:
    day, moment = at
    if pattern is _DURATION:
        # "a few days before": the range ends closest to the event (2 days before it)
        vague = re.fullmatch(r"(?:a\s+)?(?:few|couple(?:\s+of)?)|several", m["n"].lower())
        n = 2 if vague else number(m["n"])
        unit = m["unit"].lower()
        if unit.startswith(("h", "m")):
            span = timedelta(hours=n) if unit.startswith("h") else timedelta(minutes=n)
            if moment is not None:
                return (moment - span).astimezone(zone).date()
            return day - timedelta(days=-(-span.total_seconds() // 86400))
        if m["biz"]:
            d = day
            while n > 0:
                d -= timedelta(days=1)
                n -= d.weekday() < 5
            return d
        return day - (timedelta(weeks=n) if unit.startswith("w") else timedelta(days=n))
    if pattern is _DAY_BEFORE:
        what = m["what"].lower()
        if what in WEEKDAYS:
            return day - timedelta(days=(day.weekday() - WEEKDAYS[what]) % 7 or 7)
        return day - timedelta(days=1)  # "the week before" ends the day before
    if pattern is _WEEK_OF:
        return day + timedelta(days=4 - day.weekday()) if day.weekday() < 5 else day
    if pattern is _WITHIN_OF:
        n = number(m["n"])
        unit = m["unit"].lower()
        if unit.startswith("h"):
            return (
                (moment or datetime.combine(day, time(0), tzinfo=zone)) + timedelta(hours=n)
            ).date()
        return day + (timedelta(weeks=n) if unit.startswith("w") else timedelta(n))
    return day  # "the morning of", "before your interview": by the day itself


def _restated(m: re.Match[str], clause: str, today: date, zone: ZoneInfo) -> date | None:
    """ "the night before (Thursday, Dec 10)": a date in brackets right after an anchor that
    names no event is the due day itself, not the event's."""
    if re.search(_EVENT, m.group(0), _I):
        return None
    inner = re.match(r"\s*\(([^()]{4,40})\)", clause[m.end() :])
    found = _DATE.fullmatch(inner.group(1).strip()) if inner else None
    got = _moment(found, today, zone) if found else None
    return got[0] if got else None


def anchored(clause: str, sent_local: datetime, context: str) -> list[When]:
    """Anchor phrases in a clause: rank 7 when the anchor date is known, else undated."""
    zone = sent_local.tzinfo
    assert isinstance(zone, ZoneInfo)
    out: list[When] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_DURATION, _WITHIN_OF, _WEEK_OF, _DAY_BEFORE, _DAY_OF, _BEFORE_EVENT):
        for m in pattern.finditer(clause):
            if any(a <= m.start() < b for a, b in taken):
                continue  # "two days before your interview" is not also "before your interview"
            if pattern is _BEFORE_EVENT and not re.search(_EVENT, m.group(0), _I):
                continue
            taken.append((m.start(), m.end()))
            at = _anchor(clause, context, sent_local.date(), zone)
            due = _resolve(m, pattern, at, zone) if at else None
            restated = _restated(m, clause, sent_local.date(), zone)
            due = restated or due
            if due is not None and due < sent_local.date():
                due = sent_local.date()
            text = " ".join(m.group(0).split())
            out.append(When(due, text, 7 if due else 6, m.start(), m.end()))
    return out
