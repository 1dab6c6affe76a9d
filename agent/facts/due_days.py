"""Days named in a promise's time phrase: calendar dates ("by November 20", "11/20",
"by the 15th", "Friday the 13th") and weekdays ("by Friday", "COB Friday", "next Monday").
A date right after an event ("the Second Look Day on November 14") is the event's, not the
sending's, and is skipped."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from agent.facts import lazy
from agent.facts.dates import (
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    When,
    next_on_or_after,
    next_weekday,
    week_friday,
)

__all__ = ["explicit_dates", "norm", "weekdays"]

_I = re.IGNORECASE
_MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
_WDAY = rf"(?P<wday>{WEEKDAY_NAMES})\.?"
_PREP = (
    r"(?P<prep>by|before|no\s+later\s+than|on\s+or\s+before|prior\s+to|until|on|around|after|"
    r"between)\s+"
)
# Before "on <date>" these words make the date the event's, not the sending's.
_EVENT_BEFORE_ON = lazy.pattern(
    r"\b(?:day|look|social|event|dinner|visit|hour|tour|house|held|place|is|was|be|interview|"
    r"session|conference|webinar|call|meeting|evening|night|lunch|orientation|scheduled|date|"
    r"starts?|begins?|ends?|closes?|opens?|due)\s*$",
    _I,
)
_SEND_BEFORE_BARE = lazy.pattern(
    r"\b(?:sent|send|emailed|email|shared|share|posted|post|released|release|receive|expect|"
    r"out|provided|distributed|available|coming|follow|arrive)\s*$",
    _I,
)


def norm(s: str) -> str:
    """The phrase whitespace-normalized, without the sentence's full stop ("by Nov." keeps its)."""
    text = " ".join(s.split()).strip(" ,")
    last = text.rsplit(" ", 1)[-1].rstrip(".").lower()
    abbreviated = (last in MONTHS or last in WEEKDAYS) and last not in _FULL_NAMES
    return text[:-1] if text.endswith(".") and not abbreviated else text


_FULL_NAMES = {name.lower() for name in (*calendar.month_name[1:], *calendar.day_name)}


def explicit_dates(clause: str, today: date) -> list[When]:
    found: list[When] = []
    patterns = [
        rf"(?:{_PREP})?(?:(?:the\s+)?{_WDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?!\s*(?:am|pm|a\.m|p\.m|:\d|\d))(?:,?\s+(?P<year>20\d\d))?\b",
        rf"(?:{_PREP})?(?:(?:the\s+)?{_WDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>20\d\d))?\b",
        rf"(?:{_PREP})?(?:{_WDAY},?\s+)?(?P<m>\d{{1,2}})/(?P<day>\d{{1,2}})(?:/(?P<year>\d{{2,4}}))?\b",
        rf"(?P<prep>by|before|on|until)\s+(?:{_WDAY}\s+)?the\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)\b"
        r"(?!\s+of)",
    ]
    for pat in patterns:
        for m in re.finditer(r"\b" + pat, clause, _I):
            gd = m.groupdict()
            prep = " ".join((gd.get("prep") or "").lower().split())
            before = clause[: m.start()]
            if prep == "on" and _EVENT_BEFORE_ON.search(before):
                continue  # "the Second Look Day on November 15": the event's date
            if not prep and before.strip() and not _SEND_BEFORE_BARE.search(before):
                continue  # a bare date in the middle of a sentence names something else
            if prep == "after":
                continue
            d = _calendar_date(gd, today)
            if d is None or d < today:
                continue  # a dated year already past is a stale template
            found.append(When(d, norm(m.group(0)), 5, m.start(), m.end()))
    return found


def _calendar_date(gd: dict[str, str | None], today: date) -> date | None:
    day = int(gd["day"] or 0)
    if gd.get("m"):
        month = int(gd["m"] or 0)
    elif gd.get("month"):
        month = MONTHS[(gd["month"] or "").lower()]
    else:  # "by the 15th": this month's, else next month's
        for ahead in (0, 1):
            first = (today.replace(day=1) + timedelta(days=32 * ahead)).replace(day=1)
            try:
                d = first.replace(day=day)
            except ValueError:
                continue
            if d >= today:
                return d
        return None
    if gd.get("year"):
        year = int(gd["year"] or 0)
        year = year + 2000 if year < 100 else year
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return next_on_or_after(month, day, today)


# "by Monday 5 PM PT": a clock after the weekday, not a date
_CLOCK_NEXT = lazy.pattern(r"\s*,?\s*(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:a\.?m\b|p\.?m\b|:)", _I)
_NEXT_WEEK_AFTER = lazy.pattern(r"\s+(?:of\s+)?next\s+week\b", _I)


def weekdays(clause: str, today: date) -> list[When]:
    found: list[When] = []
    pat = (
        r"\b(?P<lead>(?:by|on|this(?:\s+coming)?|coming|next|before|until|cob|eod|"
        r"close\s+of\s+(?:business|play)(?:\s+on)?|"
        r"end\s+of\s+(?:the\s+)?(?:business\s+)?day(?:\s+on)?)\s+)?"
        rf"(?:(?:the\s+)?end\s+of\s+(?:the\s+)?day\s+)?{_WDAY}(?!\w)"
    )
    for m in re.finditer(pat, clause, _I):
        word = m["wday"].lower()
        lead = " ".join((m["lead"] or "").lower().split())
        if len(word) <= 3 and not lead and not m["wday"][0].isupper():
            continue  # "sat", "wed" as words
        after = clause[m.end() :]
        if not _CLOCK_NEXT.match(after) and re.match(
            rf"\s*,?\s*(?:the\s+)?(?:\d|(?:{MONTH_NAMES})\b)", after, _I
        ):
            continue  # "Friday, October 30": the explicit date rule owns it
        if re.match(r"\s*(?:morning|afternoon|evening|night)?\s*(?:before|prior)\b", after, _I):
            continue  # "the Monday before": an anchor
        if lead in ("", "on") and _EVENT_BEFORE_ON.search(clause[: m.start()]):
            continue  # "the social on Thursday": the event's day
        wd = WEEKDAYS[word]
        if lead == "next" or _NEXT_WEEK_AFTER.match(after):  # "Wednesday next week"
            d = week_friday(today, 1) + timedelta(days=wd - 4)
        elif lead == "this":  # "this coming Monday" is the next one
            d = today + timedelta(days=(wd - today.weekday()) % 7)
        else:
            d = next_weekday(today, wd)
        found.append(When(d, norm(m.group(0)), 4, m.start(), m.end()))
    return found
