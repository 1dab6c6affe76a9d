"""Resolve the time phrase of a promise ("by November 1", "COB Friday", "mid-January") to a due
date in the program's zone, from the message's local send moment.

Every rule is a regular expression plus a small date computation, so a result can always be
explained by the phrase it came from (`When.text`). Ranges resolve to their end (see dates.py).
Calendar dates and weekdays are read by due_days.py, phrases anchored to the interview ("two
days before your interview") by due_anchors.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from agent.facts import lazy
from agent.facts.dates import (
    MONTH_NAMES,
    MONTHS,
    NAMED_DAYS,
    NUMBER,
    WEEKDAY_NAMES,
    WEEKDAYS,
    When,
    add_business_days,
    friday_of,
    last_day,
    named_day,
    next_on_or_after,
    next_weekday,
    number,
    week_friday,
)
from agent.facts.due_anchors import anchored
from agent.facts.due_days import explicit_dates, norm, weekdays

__all__ = ["find_when", "strip_when"]

_I = re.IGNORECASE
_MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
_CLOCK = r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|noon|midday|\d{1,2}:\d{2})"
_WDAY = rf"(?P<wday>{WEEKDAY_NAMES})\.?"
_Rule = tuple[str, int, Callable[[re.Match[str], datetime], date | None]]


def _plus_days(n: int) -> Callable[[re.Match[str], datetime], date]:
    return lambda m, sent: sent.date() + timedelta(days=n)


def _duration(m: re.Match[str], sent: datetime) -> date:
    n = number(m["n2"] or m["n"])
    unit = m["unit"].lower()
    today = sent.date()
    if unit.startswith(("h", "m")):
        return (
            sent + (timedelta(hours=n) if unit.startswith("h") else timedelta(minutes=n))
        ).date()
    if m["biz"]:
        return add_business_days(today, n)
    if unit.startswith("w"):
        return today + timedelta(weeks=n)
    return today + timedelta(days=n)


def _month_part(m: re.Match[str], sent: datetime) -> date:
    today = sent.date()
    if m["month"]:
        month = MONTHS[m["month"].lower()]
        year = int(m["year"]) if m["year"] else today.year + (month < today.month)
    else:  # "next month" / "this month"
        ref = today + timedelta(days=32) if m["rel"].lower() == "next" else today
        year, month = ref.year, ref.month
    part = " ".join((m["part"] or "").lower().replace("-", " ").split())
    part = part.removeprefix("the ").removesuffix(" of")
    if part in ("early", "beginning", "start"):
        return max(date(year, month, 10), today)
    if part in ("mid", "middle"):
        return max(date(year, month, 20), today)
    if (m["lead"] or "").lower().strip() == "by" and not part:
        return max(date(year, month, 1), today)  # "by January": by its start
    return max(last_day(year, month), today)


_N = rf"(?P<n>{NUMBER})"
_RULES: list[_Rule] = [
    # durations: "within 48 hours", "in 2 wks", "within 3 business days", "4-6 weeks"
    (
        rf"\b(?:within|in|over|allow(?:\s+up\s+to|\s+about)?)\s+(?:the\s+)?(?:next\s+|following\s+|coming\s+)?{_N}"
        rf"(?:\s*(?:-|–|to|or)\s*(?P<n2>{NUMBER}))?\s+(?P<biz>business\s+|working\s+)?"
        r"(?P<unit>hours?|hrs?|minutes?|mins?|days?|weeks?|wks?)(?:'?\s*time)?\b",
        4,
        _duration,
    ),
    (
        rf"\b{_N}(?:\s*(?:-|–|to|or)\s*(?P<n2>{NUMBER}))?\s+(?P<biz>business\s+|working\s+)?"
        r"(?P<unit>hours?|days?|weeks?|wks?)\s+from\s+(?:today|now)\b",
        4,
        _duration,
    ),
    (
        r"\bwithin\s+the\s+(?:next\s+)?hour\b|\bin\s+the\s+next\s+hour\b",
        4,
        lambda m, s: (s + timedelta(hours=1)).date(),
    ),
    (
        rf"\b(?:the\s+)?(?P<nth>first|second|third|fourth|last)\s+week\s+of\s+{_MONTH}",
        3,
        lambda m, s: _nth_week(m, s.date()),
    ),
    # a day
    (
        r"\b(?:by\s+)?(?:(?:noon|end\s+of\s+(?:the\s+)?(?:business\s+)?day|eod|cob|"
        r"(?:close|end)\s+of\s+(?:business|play))\s+)?(?:tomorrow|tmrw|tmr|tmw)\b"
        r"(?!['’]s)",
        5,
        _plus_days(1),
    ),
    (
        r"(?<!from\s)\b(?:later\s+today|today(?!['’]s)|tonight(?!['’]s)|"
        r"this\s+(?:morning|afternoon|evening)(?!['’]s)|"
        r"(?:by\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:business\s+)?day|eod|cob|"
        rf"close\s+of\s+(?:business|play))(?!\s+(?:tomorrow|on|this|next|{WEEKDAY_NAMES}|\d)\b))\b",
        5,
        _plus_days(0),
    ),
    (
        rf"\bby\s+{_CLOCK}(?![^.;,]{{0,14}}?\b(?:on|tomorrow|tmrw|{WEEKDAY_NAMES}|\d{{1,2}}/)\b)",
        5,
        _plus_days(0),
    ),
    # weeks
    (
        r"\b(?:by\s+)?(?:the\s+)?(?:end\s+of\s+(?:this|the)\s+week|later\s+this\s+week|this\s+week|"
        r"end\s+of\s+week|week'?s\s+end|(?:by|before|ahead\s+of)\s+the\s+weekend)\b",
        3,
        lambda m, s: max(friday_of(s.date()), s.date()),
    ),
    (
        r"\b(?:(?:by\s+)?(?:the\s+)?(?:end\s+of|later|late)\s+)?next\s+week\b",
        3,
        lambda m, s: week_friday(s.date(), 1),
    ),
    (r"\bwithin\s+the\s+(?:next\s+)?week\b", 3, _plus_days(7)),
    (
        r"\b(?:within|in)\s+(?:a|one|the\s+next)\s+fortnight\b|\bin\s+a\s+fortnight'?s\s+time\b",
        4,
        _plus_days(14),
    ),
    (r"\b(?:in|within)\s+(?:the\s+next|a)\s+day\s+or\s+two\b", 4, _plus_days(2)),
    (
        rf"\b{_N}\s+weeks?\s+from\s+(?:this\s+|next\s+)?{_WDAY}",
        4,
        lambda m, s: (
            next_weekday(s.date(), WEEKDAYS[m["wday"].lower()]) + timedelta(weeks=number(m["n"]))
        ),
    ),
    (
        r"\bearly\s+next\s+week\b|\b(?:the\s+)?(?:start|beginning)\s+of\s+next\s+week\b",
        3,
        lambda m, s: week_friday(s.date(), 1) - timedelta(days=2),
    ),
    (
        r"\b(?:mid|middle\s+of)[-\s]+next\s+week\b",
        3,
        lambda m, s: week_friday(s.date(), 1) - timedelta(days=1),
    ),
    (
        r"\b(?:this|over\s+the)\s+weekend\b",
        3,
        lambda m, s: s.date() + timedelta(days=6 - s.date().weekday()),
    ),
    (r"\bnext\s+weekend\b", 3, lambda m, s: week_friday(s.date(), 1) + timedelta(days=2)),
    (
        rf"\bthe\s+week\s+of\s+(?:(?:the\s+)?{_WDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})",
        3,
        lambda m, s: _week_of(m, s.date()),
    ),
    # months and the year
    (
        rf"\b(?P<lead>by|in|during|around|sometime\s+in|until)?\s*(?:the\s+)?"
        r"(?P<part>early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of|"
        r"the\s+end\s+of|the\s+middle\s+of|the\s+beginning\s+of)?[-\s]*"
        rf"(?:{_MONTH}(?!\s*\d)(?:\s+(?P<year>20\d\d))?|(?P<rel>this|next)\s+month)\b",
        2,
        _month_part,
    ),
    (
        r"\b(?:later\s+this\s+month|(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the|this)\s+month|"
        r"month'?s\s+end)\b",
        2,
        lambda m, s: last_day(s.year, s.month),
    ),
    (
        r"\b(?:before|by)\s+(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+(?:calendar\s+)?year|"
        r"year'?s?[-\s]end|new\s+year)\b|\bend\s+of\s+(?:the|this)\s+year\b",
        2,
        lambda m, s: date(s.year, 12, 31),
    ),
    # a few days: the labelled range is [+2, +5]
    (
        r"\b(?:in|over|within)\s+the\s+(?:next|coming)\s+(?:few\s+|couple\s+(?:of\s+)?)?days\b|"
        r"\bin\s+a\s+(?:few|couple\s+(?:of\s+)?)days\b",
        2,
        lambda m, s: s.date() + timedelta(days=5 if "couple" not in m.group(0).lower() else 2),
    ),
    (
        rf"\bthe\s+{_WDAY}\s+(?P<rel>after|following|before)\s+(?P<name>{NAMED_DAYS})\b",
        6,
        lambda m, s: _weekday_around(m, s.date()),
    ),
    (
        rf"\b(?P<prep>by|on|before|until)\s+(?P<name>{NAMED_DAYS})\b",
        5,
        lambda m, s: named_day(m["name"], s.date()),
    ),
]
_COMPILED = [(lazy.pattern(p, _I), rank, f) for p, rank, f in _RULES]

# Stated but not datable: "soon", "closer to the date", "after your interview".
_UNDATED = lazy.pattern(
    r"\b(?:soon|shortly|(?:closer|nearer)\s+(?:to\s+)?(?:the|your)\s+(?:date|day|event|interview|time)|"
    r"(?:in|over)\s+the\s+(?:coming|next\s+few|next\s+couple\s+of)\s+weeks|"
    r"after\s+(?:your|the|all)\s+(?:\w+\s+)?interviews?(?:\s+day)?(?!\s+(?:on|this|next)\b)|"
    r"at\s+(?:orientation|a\s+later\s+(?:date|time))|in\s+due\s+course|"
    r"(?:at|by|toward|towards|after)\s+the\s+end\s+of\s+(?:the\s+|our\s+)?(?:interview\s+)?season|"
    r"(?:once|when|as\s+soon\s+as)\s+(?:it|they|the|our|we|all|everything|\w+\s+(?:is|are))\b)",
    _I,
)


def _weekday_around(m: re.Match[str], today: date) -> date | None:
    """ "the Monday after Christmas", "the Friday before Thanksgiving"."""
    day = named_day(m["name"], today)
    if day is None:
        return None
    wd = WEEKDAYS[m["wday"].lower()]
    if m["rel"].lower() == "before":
        return day - timedelta(days=(day.weekday() - wd) % 7 or 7)
    return day + timedelta(days=(wd - day.weekday()) % 7 or 7)


def _nth_week(m: re.Match[str], today: date) -> date:
    """ "the first week of December": by its seventh day ("last": by the month's end)."""
    month = MONTHS[m["month"].lower()]
    year = today.year + (month < today.month)
    if m["nth"].lower() == "last":
        return last_day(year, month)
    nth = ("first", "second", "third", "fourth").index(m["nth"].lower()) + 1
    return max(date(year, month, 7 * nth), today)


def _week_of(m: re.Match[str], today: date) -> date | None:
    d = next_on_or_after(MONTHS[m["month"].lower()], int(m["day"]), today)
    return friday_of(d) if d else None


def _relative(clause: str, sent: datetime) -> list[When]:
    found: list[When] = []
    for pattern, rank, resolve in _COMPILED:
        for m in pattern.finditer(clause):
            if not m.group(0).strip():
                continue
            if "part" in m.groupdict() and m["month"] and not _month_cue(m, clause):
                continue
            d = resolve(m, sent)
            if d is not None:
                found.append(When(d, norm(m.group(0)), rank, m.start(), m.end()))
    return found


def _month_cue(m: re.Match[str], clause: str) -> bool:
    """A month name alone ("May", "the Jan 5 event") is not a time phrase; "in January",
    "mid-January" and "after our meeting in February" are."""
    word = m["month"]
    if word.lower() in ("may", "mar", "jan", "dec") and word[0].islower():
        return False
    return bool(m.groupdict().get("part") or m.groupdict().get("lead"))


def find_when(clause: str, sent_local: datetime, context: str = "", after: int = 0) -> When | None:
    """The most specific time phrase in a clause, resolved against the local send moment;
    `context` is the whole message, where an anchor ("the day before your interview") is
    looked up. Between equally specific phrases, one written after `after` (the sending
    verb) wins: "a second look in February and will share details in January"."""
    today = sent_local.date()
    candidates = (
        anchored(clause, sent_local, context)
        + explicit_dates(clause, today)
        + weekdays(clause, today)
        + _relative(clause, sent_local)
    )
    for m in _UNDATED.finditer(clause):
        candidates.append(When(None, norm(m.group(0)), 1, m.start(), m.end()))
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda w: (
            w.due is not None,  # an anchor not known from the message never hides a date
            w.rank,
            w.start >= after,
            w.end - w.start,
            -(w.due.toordinal() if w.due else 0),
        ),
    )


def strip_when(clause: str, when: When | None) -> str:
    """The clause without its time phrase (so "after our rank meeting in February" is a time,
    not a statement about ranking)."""
    if when is None:
        return clause
    return clause[: when.start] + " " + clause[when.end :]
