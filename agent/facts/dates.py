"""Calendar facts for due dates: month and weekday names, US holidays, business days and the
`When` a promise's time phrase resolves to.

A time phrase that names a range ("next week", "mid-January") resolves to the END of the
range: an inquiry about a promise should wait until the program could have kept it.
Pure functions; standard library and python-dateutil only.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, TH, relativedelta

__all__ = [
    "MONTHS",
    "MONTH_NAMES",
    "NUMBER",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "When",
    "add_business_days",
    "friday_of",
    "holidays",
    "last_day",
    "next_on_or_after",
    "next_weekday",
    "number",
]

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tues", "tue"),
            ("wednesday", "weds", "wed"),
            ("thursday", "thurs", "thur", "thu"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "twenty-four": 24,
    "forty-eight": 48,
    "seventy-two": 72,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 5,  # "a few days" is read like "the next few days": up to five
    "few": 5,
    "several": 5,
}
NUMBER = r"(?:\d{1,3}|" + "|".join(re.escape(n) for n in sorted(_NUMBERS, key=len, reverse=True))
NUMBER += r")"


@dataclass(frozen=True, slots=True)
class When:
    """A time phrase and what it resolves to; `due` None means stated but not datable
    ("closer to the date", "one week before your interview" with no interview date)."""

    due: date | None
    text: str  # the phrase as written, whitespace-normalized
    rank: int  # specificity: 7 anchored, 5 a day, 4 weekday or duration, 3 week, 2 month, 1 vague
    start: int
    end: int


def number(word: str) -> int:
    w = " ".join(word.lower().split())
    return int(w) if w.isdigit() else _NUMBERS[w]


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_on_or_after(month: int, day: int, today: date) -> date | None:
    """The next `month`/`day` on or after `today` (a date with no year is the next one)."""
    for year in (today.year, today.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d >= today:
            return d
    return None


def next_weekday(today: date, weekday: int) -> date:
    """The next such weekday strictly after `today` ("by Friday" sent on a Friday is a week on)."""
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def friday_of(day: date) -> date:
    return day + timedelta(days=4 - day.weekday())


def _observed(d: date) -> date:
    if d.weekday() == 5:
        return d - timedelta(days=1)
    if d.weekday() == 6:
        return d + timedelta(days=1)
    return d


def holidays(year: int) -> set[date]:
    """US federal holidays (observed) plus the day after Thanksgiving."""
    thanksgiving = date(year, 11, 1) + relativedelta(weekday=TH(4))
    return {
        _observed(date(year, 1, 1)),
        date(year, 1, 1) + relativedelta(weekday=MO(3)),
        date(year, 2, 1) + relativedelta(weekday=MO(3)),
        date(year, 5, 31) + relativedelta(weekday=MO(-1)),
        _observed(date(year, 6, 19)),
        _observed(date(year, 7, 4)),
        date(year, 9, 1) + relativedelta(weekday=MO(1)),
        date(year, 10, 1) + relativedelta(weekday=MO(2)),
        _observed(date(year, 11, 11)),
        thanksgiving,
        thanksgiving + timedelta(days=1),
        _observed(date(year, 12, 25)),
    }


def add_business_days(start: date, n: int) -> date:
    """`n` business days after `start`, skipping weekends and holidays: the end of the
    labelled range [weekends-only count, count that also skips holidays]."""
    off = holidays(start.year) | holidays(start.year + 1)
    d = start
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in off:
            n -= 1
    return d


def thanksgiving(year: int) -> date:
    return date(year, 11, 1) + relativedelta(weekday=TH(4))


def named_day(name: str, today: date) -> date | None:
    """Holidays and days people date things by ("by Thanksgiving", "before Christmas")."""
    n = " ".join(name.lower().replace("’", "'").split())
    fixed = {
        "halloween": (10, 31),
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new year's eve": (12, 31),
        "new year's day": (1, 1),
        "new year's": (1, 1),
        "new years": (1, 1),
        "the new year": (1, 1),
        "veterans day": (11, 11),
        "valentine's day": (2, 14),
    }
    if n in fixed:
        return next_on_or_after(*fixed[n], today)
    if n in ("thanksgiving", "thanksgiving day"):
        day = thanksgiving(today.year)
        return day if day >= today else thanksgiving(today.year + 1)
    if n in ("mlk day", "martin luther king day"):
        for year in (today.year, today.year + 1):
            day = date(year, 1, 1) + relativedelta(weekday=MO(3))
            if day >= today:
                return day
    return None


NAMED_DAYS = (
    r"thanksgiving(?:\s+day)?|halloween|christmas(?:\s+(?:eve|day))?|new\s+year'?s(?:\s+(?:eve|day))?|"
    r"new\s+years|veterans\s+day|valentine'?s\s+day|mlk\s+day|martin\s+luther\s+king\s+day"
)


def week_friday(today: date, weeks_ahead: int) -> date:
    """Friday of this (0) or a later calendar week; weeks run Monday to Sunday."""
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_ahead)
    return monday + relativedelta(weekday=FR)
