"""Resolve the time phrase of a program's promise ("by November 1", "next week") to a due date.

Pure functions over a clause of text and the message's local send moment; standard library
and python-dateutil only. Every rule is a regular expression plus a small date computation,
so a result can always be explained by the phrase it came from (`When.text`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

__all__ = ["When", "event_date", "find_when", "strip_when"]

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
_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tues", "tue"),
            ("wednesday", "wed"),
            ("thursday", "thurs", "thu"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
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
    "ten": 10,
    "twenty-four": 24,
    "forty-eight": 48,
    "seventy-two": 72,
    "a couple of": 2,
    "a few": 3,
    "several": 5,
}

MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = r"(?P<month>" + MONTH_NAMES + r")\.?"
_WDAY = r"(?P<wday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
# Words that make a date the deadline of the sending ("by", "before") or its day ("on").
_PREP = r"(?P<prep>by|before|no later than|on or before|prior to|until|on|around|after)\s+"
_EVENT_BEFORE_ON = re.compile(
    r"\b(?:day|look|social|event|dinner|visit|hour|tour|house|held|place|is|was|be)\s*$",
    re.IGNORECASE,
)
_SEND_BEFORE_BARE = re.compile(
    r"\b(?:sent|send|emailed|email|shared|share|posted|post|released|receive|expect it|"
    r"out|provided|distributed|available)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class When:
    due: date
    text: str  # the phrase as written, whitespace-normalized
    rank: int  # specificity: 5 exact day, 4 weekday or hours/days, 3 week, 2 vaguer
    start: int
    end: int


def _next_on_or_after(month: int, day: int, today: date) -> date | None:
    """The next `month`/`day` on or after `today` (a date with no year is the next one)."""
    for year in (today.year, today.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d >= today:
            return d
    return None


def _month_year(month: int, today: date) -> int:
    """A month named without a year is the current one or the next to come."""
    return today.year if month >= today.month else today.year + 1


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _number(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBERS[w]


def _add_business_days(d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def _explicit(clause: str, today: date) -> list[When]:
    found: list[When] = []
    patterns = [
        # by Friday, Oct 30 / November 1st, 2026 / on Nov. 1
        rf"(?:{_PREP})?(?:(?:the\s+)?{_WDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?!\s*(?:am|pm|a\.m|p\.m|:))(?:,?\s+(?P<year>20\d\d))?\b",
        # by the 1st of November / 1 November
        rf"(?:{_PREP})?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
        rf"(?:,?\s+(?P<year>20\d\d))?\b",
        # by 11/1 or on 11/1/2026 (US month/day)
        rf"(?:{_PREP})?(?:{_WDAY},?\s+)?(?P<m>\d{{1,2}})/(?P<day>\d{{1,2}})(?:/(?P<year>\d{{2,4}}))?\b",
    ]
    for pat in patterns:
        for m in re.finditer(r"\b" + pat, clause, re.IGNORECASE):
            gd = m.groupdict()
            month = int(gd["m"]) if gd.get("m") else MONTHS[gd["month"].lower()]
            day = int(gd["day"])
            prep = (gd.get("prep") or "").lower()
            before = clause[: m.start()]
            if prep == "on" and _EVENT_BEFORE_ON.search(before):
                continue  # "the Second Look Day on November 15": the event's date
            if not prep and not _SEND_BEFORE_BARE.search(before) and before.strip():
                continue  # a bare date in the middle of a sentence names something else
            if prep == "after":
                continue
            if gd.get("year"):
                year = int(gd["year"])
                year = year + 2000 if year < 100 else year
                try:
                    d: date | None = date(year, month, day)
                except ValueError:
                    continue
            else:
                d = _next_on_or_after(month, day, today)
            if d is None or d < today:
                continue  # a dated year already past is a stale template: fall back to the default
            found.append(When(d, _norm(m.group(0)), 5, m.start(), m.end()))
    return found


def _relative(clause: str, sent: datetime) -> list[When]:
    today = sent.date()
    found: list[When] = []

    def add(m: re.Match[str], d: date, rank: int) -> None:
        found.append(When(d, _norm(m.group(0)), rank, m.start(), m.end()))

    flags = re.IGNORECASE
    for m in re.finditer(
        rf"\b(?:within|in)\s+(?:the\s+next\s+)?{_NUM}\s+(?:hours?|hrs?)\b", clause, flags
    ):
        add(m, (sent + timedelta(hours=_number(m["n"]))).date(), 4)
    for m in re.finditer(
        rf"\b(?:within|in)\s+(?:the\s+next\s+)?{_NUM}\s+(?P<biz>business\s+|working\s+)?days?\b",
        clause,
        flags,
    ):
        n = _number(m["n"])
        add(m, _add_business_days(today, n) if m["biz"] else today + timedelta(days=n), 4)
    for m in re.finditer(
        rf"\b(?:within|in)\s+(?:the\s+next\s+)?(?:{_NUM}\s+)?weeks?\b", clause, flags
    ):
        add(m, today + timedelta(weeks=_number(m["n"]) if m["n"] else 1), 3)
    for m in re.finditer(r"\b(?:by\s+)?(?:the\s+end\s+of\s+)?next\s+week\b", clause, flags):
        add(m, today + timedelta(days=7 - today.weekday() + 4), 3)  # next week's Friday
    for m in re.finditer(
        r"\b(?:by\s+)?(?:the\s+end\s+of\s+(?:this|the)\s+week|later\s+this\s+week|this\s+week)\b",
        clause,
        flags,
    ):
        friday = today + timedelta(days=(4 - today.weekday()) % 7)
        add(m, friday, 3)
    for m in re.finditer(r"\b(?:by\s+)?(?:tomorrow)\b", clause, flags):
        add(m, today + timedelta(days=1), 5)
    for m in re.finditer(
        r"\b(?:later\s+today|by\s+(?:the\s+)?end\s+of\s+(?:the\s+)?day(?!\s+(?:tomorrow|on|\w+day)\b))\b",
        clause,
        flags,
    ):
        add(m, today, 5)
    for m in re.finditer(
        r"\b(?:in|over|within)\s+the\s+(?:coming|next)\s+(?:few\s+)?days\b|\bin\s+a\s+few\s+days\b",
        clause,
        flags,
    ):
        add(m, today + timedelta(days=3), 2)
    for m in re.finditer(
        r"\b(?:in|over|within)\s+the\s+(?:coming|next)\s+(?:few\s+)?weeks\b", clause, flags
    ):
        add(m, today + timedelta(days=14), 2)
    for m in re.finditer(
        r"\b(?:later\s+this\s+month|by\s+the\s+end\s+of\s+(?:this|the)\s+month|"
        r"(?:at\s+)?the\s+end\s+of\s+(?:this|the)\s+month|this\s+month)\b",
        clause,
        flags,
    ):
        add(m, _last_day(today.year, today.month), 2)
    for m in re.finditer(
        r"\b(?P<part>early|mid|late|end\s+of|beginning\s+of|middle\s+of)[-\s]+next\s+month\b|"
        r"\bnext\s+month\b",
        clause,
        flags,
    ):
        nxt = today + relativedelta(months=1)
        add(m, _month_part(m["part"], nxt.year, nxt.month), 2)
    return found


def _month_part(part: str | None, year: int, month: int) -> date:
    p = (part or "").lower().replace("-", " ").strip()
    if p in ("early", "beginning of"):
        return date(year, month, 10)
    if p in ("mid", "middle of"):
        return date(year, month, 20)
    return _last_day(year, month)


def _months(clause: str, today: date) -> list[When]:
    found: list[When] = []
    pat = (
        r"\b(?:(?:by|in|during|around)\s+)?(?:the\s+)?(?:(?P<part>early|mid|late|end\s+of|"
        r"beginning\s+of|middle\s+of|the\s+end\s+of|the\s+middle\s+of|the\s+beginning\s+of)"
        rf"[-\s]+)?{_MONTH}(?!\s*\d)(?:\s+(?P<year>20\d\d))?\b"
    )
    for m in re.finditer(pat, clause, re.IGNORECASE):
        word = m["month"].lower()
        if word in ("may", "mar", "sat", "sun") and m["month"][0].islower():
            continue  # "may" the verb, not the month
        lead = m.group(0).lower()
        has_cue = m["part"] or re.match(r"(?:by|in|during|around)\s", lead)
        after_meeting = re.search(r"\bafter\b[^.;]{0,40}$", clause[: m.start()], re.IGNORECASE)
        if not has_cue and not after_meeting:
            continue
        month = MONTHS[word]
        year = int(m["year"]) if m["year"] else _month_year(month, today)
        part = (m["part"] or "").lower().removeprefix("the ").strip()
        d = _month_part(part or None, year, month)
        start = after_meeting.start() if after_meeting and not m["part"] else m.start()
        text = clause[start : m.end()]
        found.append(When(max(d, today), _norm(text), 2, start, m.end()))
    return found


def _weekdays(clause: str, today: date) -> list[When]:
    found: list[When] = []
    pat = (
        r"\b(?:(?:by|on|this|next|before)\s+)?(?:(?:the\s+)?end\s+of\s+(?:the\s+)?day\s+)?"
        rf"{_WDAY}\b"
    )
    for m in re.finditer(pat, clause, re.IGNORECASE):
        word = m["wday"].lower()
        if len(word) <= 3 and not m["wday"][0].isupper():
            continue
        if re.match(
            rf"\s*,?\s*(?:the\s+)?(?:\d|(?:{MONTH_NAMES})\b)", clause[m.end() :], re.IGNORECASE
        ):
            continue  # "Friday, October 30": the explicit date rule owns it
        if (m.group(0).lower().startswith("on ")) and _EVENT_BEFORE_ON.search(clause[: m.start()]):
            continue  # "the social on Thursday": the event's day
        ahead = (_WEEKDAYS[word] - today.weekday()) % 7 or 7  # strictly after the message day
        found.append(When(today + timedelta(days=ahead), _norm(m.group(0)), 4, m.start(), m.end()))
    return found


def _norm(s: str) -> str:
    return " ".join(s.split()).strip(" ,")


def find_when(clause: str, sent_local: datetime) -> When | None:
    """The most specific time phrase in a clause, resolved against the local send moment."""
    today = sent_local.date()
    candidates = (
        _explicit(clause, today)
        + _weekdays(clause, today)
        + _relative(clause, sent_local)
        + _months(clause, today)
    )
    if not candidates:
        return None
    return max(candidates, key=lambda w: (w.rank, -w.due.toordinal()))


def strip_when(clause: str, when: When | None) -> str:
    """The clause without its time phrase (so "after our rank meeting" does not read as ranking)."""
    if when is None:
        return clause
    return clause[: when.start] + " " + clause[when.end :]


def event_date(text: str, today: date) -> date | None:
    """The first future calendar date named anywhere in a text (the event a promise hangs on)."""
    pat = (
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b|"
        r"\b(?P<m>\d{1,2})/(?P<day2>\d{1,2})\b"
    )
    for m in re.finditer(pat, text, re.IGNORECASE):
        month = int(m["m"]) if m["m"] else MONTHS[m["month"].lower()]
        d = _next_on_or_after(month, int(m["day"] or m["day2"]), today)
        if d is not None and d > today:
            return d
    return None
