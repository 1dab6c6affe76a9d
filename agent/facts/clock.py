"""Days, clock times and time zones as program mail writes them: "Tuesday, November 10, 2026",
"27 Oct 2026", "12/3", "tomorrow"; "8:00 AM - 12:30 PM", "13:00", "9a", "12 noon"; "CT",
"Eastern Time (US & Canada)", "MST (Arizona)". Pure functions of text and a reference day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateparser

from agent.facts import lazy

_I = re.IGNORECASE
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)"
)
_FULL_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(?P<{}>20\d\d))?"
_DATE = lazy.pattern(
    rf"(?:\b(?P<wk>{_WEEKDAY})\.?,?\s+(?:the\s+)?)?(?:"
    rf"\b{_MONTH}\.?\s+(?P<md>{_ORD})\b(?!:|\s*(?:am|pm|a\.m))" + _YEAR.format("y1") + r"|"
    rf"\b(?P<dm>{_ORD})\s+(?:of\s+)?{_MONTH}\b\.?" + _YEAR.format("y2") + r"|"
    r"(?<![\d/.])(?P<nm>1[0-2]|0?[1-9])/(?P<nd>3[01]|[12]\d|0?[1-9])(?:/(?P<ny>20\d\d|\d\d))?"
    r"(?![\d/])|"
    r"(?<![\d:-])(?P<dm_>1[0-2]|0?[1-9])-(?P<dd_>3[01]|[12]\d|0?[1-9])-(?P<dy_>20\d\d)\b|"
    r"(?<![\d:.])(?P<dm_d>1[0-2]|0?[1-9])\.(?P<dd_d>3[01]|[12]\d|0?[1-9])\.(?P<dy_d>20\d\d)\b|"
    r"\b(?P<iso>20\d\d-[01]\d-[0-3]\d)\b|"
    r"\b(?P<rel>today|tonight|tomm?orr?ow|tmrw?|tmw|this\s+(?:morning|afternoon|evening))\b|"
    rf"\b(?P<wd>{_FULL_WEEKDAY}|thurs|tues)\b|"
    r"\b(?:on|for)\s+the\s+(?P<dom>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b(?!\s+of)|"
    r"(?<=the\s)(?P<wdom>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b(?!\s+of))",
    _I,
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# A clock time: "9", "9:30", "09:30", "0900", with "am", "a.m.", "a", "in the morning"...
_CLOCK = (
    r"(?:(?P<{p}noon>(?i:\b(?:12\s*)?noon\b|\bmidday\b))|"
    r"(?P<{p}h>[01]?\d|2[0-3])(?::(?P<{p}m>[0-5]\d)|(?<=[01]\d)(?P<{p}mm>[0-5]\d)"
    r"(?=\s*(?:-|(?i:to|hrs?|hours|eastern|central|mountain|pacific)\b|[ECMP][SD]?T\b))"
    r"(?:\s*(?i:hrs?|hours)\b\.?)?)?"
    r"(?:\s*(?P<{p}ap>[aApP])\.?\s?[mM]\b\.?|(?P<{p}ap1>[aApP])\b|"
    r"\s+(?i:in\s+the)\s+(?P<{p}part>(?i:morning|afternoon)))?)"
)
_TO = r"\s*(?:-|(?i:to|until|till|thru|through)\b)\s*"
_CITY = {
    "new york": "America/New_York",
    "chicago": "America/Chicago",
    "denver": "America/Denver",
    "phoenix": "America/Phoenix",
    "los angeles": "America/Los_Angeles",
}
_ZONE_NAME = (
    r"(?:new\s+york\s+time|chicago\s+time|denver\s+time|phoenix\s+time|los\s+angeles\s+time|"
    r"eastern|central|mountain|pacific|alaska(?:n)?|hawaii(?:an)?(?:-aleutian)?|atlantic|"
    r"arizona)(?:\s+(?:standard|daylight|prevailing))?(?:\s+time)?(?:\s*\(us\s*(?:&|and)\s*canada\))?"
)
_ZONE_ABBR = r"(?:[ECMP][SD]?T|AK[SD]?T|H[SD]T|A[SD]T)"
_IANA = r"(?i:America/[A-Za-z_]+|Pacific/Honolulu)"
_OFFSET = r"\(?(?:UTC|GMT)\s*(?P<off>[-+\u2212]\d{1,2})(?::?\d\d)?\)?"
_ZONE = rf"(?:{_OFFSET}\s*)?(?:(?P<zone>(?i:{_ZONE_NAME})|{_ZONE_ABBR}|{_IANA})(?!\w))?"
_ZONE_AFTER = (
    rf"(?:\s*[(,/]?\s*(?:(?i:time\s*zone):?\s*)?{_ZONE}\)?"
    r"(?:\s*\((?P<zone_note>(?i:[^)]{0,25}arizona[^)]{0,15}))\))?)?"
)
_TIME = lazy.pattern(
    rf"(?<![\d:/.$])(?:{_CLOCK.format(p='s')})(?:\s*(?P<mid>{_ZONE_ABBR}|(?i:{_ZONE_NAME})))?"
    rf"(?:{_TO}(?:{_CLOCK.format(p='e')}))?(?![\d/]|\s*(?i:%|min|minutes|hours|hrs|days|weeks|people|applicants|spots))"
    + _ZONE_AFTER,
)
_BARE_HOUR_OK = lazy.pattern(r"(?:\bat|@|\bfrom|\bby|\bbegins|\bstarts)\s*$", _I)
# A zone stated for a whole message: "All times are Eastern", "Time Zone: Mountain Time".
_BLOCK_ZONE = lazy.pattern(
    rf"(?:times?\s+(?:are\s+|shown\s+)?(?:in\s+)?(?:listed\s+in\s+)?|time\s*zone:?\s*|\(\s*)"
    rf"(?P<zone>(?i:{_ZONE_NAME})|{_ZONE_ABBR}|(?i:America/[A-Za-z_]+))\b|"
    rf"(?P<zone2>(?i:(?:eastern|central|mountain|pacific|alaska|hawaii|atlantic|arizona)"
    r"(?:\s+(?:standard|daylight))?\s+time))\b",
    _I,
)

_REGIONS = {
    "e": "America/New_York",
    "c": "America/Chicago",
    "m": "America/Denver",
    "p": "America/Los_Angeles",
    "ak": "America/Anchorage",
    "h": "Pacific/Honolulu",
    "a": "America/Puerto_Rico",
}


@dataclass(frozen=True, slots=True)
class DayMention:
    start: int
    end: int
    day: date
    weekday_only: bool = False  # "Thursday" alone: the next such day
    relative: bool = False  # "today", "tomorrow"
    clash: bool = False  # a weekday written with it is not that date's ("Thursday, December 4")


@dataclass(frozen=True, slots=True)
class ClockMention:
    start: int
    end: int
    begins: time
    ends: time | None
    zone: str | None  # as written: "CT", "Eastern Time (US & Canada)"
    certain: bool  # a meridiem, a 24-hour form or noon was written


def zone_named(name: str | None, program_zone: tzinfo) -> tzinfo:
    """The civil time zone a written zone means ("PST" in October is Pacific daylight time);
    the program's zone when none is written."""
    if not name:
        return program_zone
    text = name.strip().lower()
    if text.startswith(("america/", "pacific/")):
        try:
            return ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError):
            return program_zone
    offset = re.fullmatch(r"utc([-+\u2212])(\d{1,2})", text)
    if offset:  # "(GMT-05:00)" with no name: that fixed offset
        hours = int(offset[2]) * (1 if offset[1] == "+" else -1)
        return timezone(timedelta(hours=hours))
    city = next((z for name, z in _CITY.items() if text.startswith(name)), None)
    if city:
        return ZoneInfo(city)
    program = str(getattr(program_zone, "key", ""))
    if "arizona" in text or (text[0] == "m" and program == "America/Phoenix"):
        return ZoneInfo("America/Phoenix")  # Arizona keeps standard time all year
    if text.startswith("hawaii"):
        return ZoneInfo(_REGIONS["h"])
    if text.startswith(("alaska", "ak")):
        return ZoneInfo(_REGIONS["ak"])
    key = text[0] if text[0] in "ecmpha" else ""
    return ZoneInfo(_REGIONS[key]) if key else program_zone


def message_zone(text: str) -> str | None:
    """A zone the message states for all its times ("All times are Eastern"), if any."""
    m = _BLOCK_ZONE.search(text)
    return (m["zone"] or m["zone2"]) if m else None


def _year_for(month: int, day: int, today: date) -> date | None:
    """Without a year: the occurrence nearest ahead, allowing a month back (a past day)."""
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today - timedelta(days=31):
            return candidate
    return None


def _day_of_month(number: int, today: date) -> date | None:
    for month_start in (today.replace(day=1), (today.replace(day=28) + timedelta(days=4))):
        try:
            candidate = month_start.replace(day=number)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _parse_written(text: str, today: date, has_year: bool) -> date | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=_I)
    cleaned = re.sub(r"\b(the|of)\b", " ", cleaned, flags=_I)
    cleaned = re.sub(rf"^\s*{_WEEKDAY}\.?,?\s*", "", cleaned, flags=_I)  # the date wins
    try:
        parsed = dateparser.parse(cleaned, default=datetime(today.year, 1, 1), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if has_year:
        return parsed.date()
    return _year_for(parsed.month, parsed.day, today)


def find_days(text: str, today: date) -> list[DayMention]:
    """Every day written in ``text``, resolved against the message's local day."""
    out: list[DayMention] = []
    for m in _DATE.finditer(text):
        day: date | None
        if m["rel"]:
            word = m["rel"].lower()
            day = today + timedelta(days=1) if word.startswith(("tom", "tm")) else today
            out.append(DayMention(m.start(), m.end(), day, relative=True))
            continue
        elif m["wd"]:
            index = _WEEKDAYS.index(m["wd"][:3].lower())
            day = today + timedelta(days=(index - today.weekday() - 1) % 7 + 1)
            if re.search(r"\bnext\s+$", text[max(0, m.start() - 6) : m.start()], _I):
                day = today + timedelta(days=7 - today.weekday() + index)  # of next week
            out.append(DayMention(m.start(), m.end(), day, weekday_only=True))
            continue
        elif m["dm_"] or m["dm_d"]:  # 12-03-2026, 12.03.2026 (US order)
            month, dom, year = (
                (m["dm_"], m["dd_"], m["dy_"]) if m["dm_"] else m.group("dm_d", "dd_d", "dy_d")
            )
            try:
                day = date(int(year), int(month), int(dom))
            except ValueError:
                continue
        elif m["dom"]:  # "on the 10th": the next such day of a month
            day = _day_of_month(int(m["dom"]), today)
        elif m["wdom"]:  # "Wednesday the 16th"; "the 16th" alone is not enough
            if not m["wk"]:
                continue
            day = _day_of_month(int(m["wdom"]), today)
        elif m["iso"]:
            day = date.fromisoformat(m["iso"])
        elif m["nm"]:
            year = m["ny"]
            if year:
                try:
                    day = date(
                        int(year) + (2000 if len(year) == 2 else 0), int(m["nm"]), int(m["nd"])
                    )
                except ValueError:
                    continue
            else:
                day = _year_for(int(m["nm"]), int(m["nd"]), today)
        else:
            day = _parse_written(m.group(0), today, bool(m["y1"] or m["y2"]))
        if day is not None:
            clash = bool(m["wk"]) and _WEEKDAYS.index(m["wk"][:3].lower()) != day.weekday()
            out.append(DayMention(m.start(), m.end(), day, clash=clash))
    return out


def _clock(m: re.Match[str], p: str) -> tuple[int, int, str | None] | None:
    """(hour, minute, meridiem) of one side of a time match; meridiem "a"/"p"/"24" or None."""
    if m[f"{p}noon"]:
        return 12, 0, "p"
    if m[f"{p}h"] is None:
        return None
    hour, minute = int(m[f"{p}h"]), int(m[f"{p}m"] or m[f"{p}mm"] or 0)
    ap = (m[f"{p}ap"] or m[f"{p}ap1"] or "").lower() or None
    if m[f"{p}part"]:
        ap = "a" if m[f"{p}part"].lower() == "morning" else "p"
    minutes_written = m[f"{p}m"] is not None or m[f"{p}mm"] is not None
    if ap is None and minutes_written and (hour >= 13 or hour == 0 or m[f"{p}h"].startswith("0")):
        ap = "24"
    if ap in ("a", "p") and not 1 <= hour <= 12:
        return None
    return hour, minute, ap


def _to_24(hour: int, ap: str | None) -> int:
    if ap == "24":
        return hour
    if ap == "a":
        return hour % 12
    if ap == "p":
        return hour % 12 + 12
    # Working hours: "8:00" is morning, "1:00" afternoon.
    return hour if 6 <= hour <= 11 else hour % 12 + 12


def find_clocks(text: str) -> list[ClockMention]:
    """Every clock time or time range written in ``text``."""
    out: list[ClockMention] = []
    for m in _TIME.finditer(text):
        first = _clock(m, "s")
        if first is None:
            continue
        second = _clock(m, "e")
        bare = m["sm"] is None and m["smm"] is None and first[2] is None and not m["snoon"]
        # "at 8" reads as a time, "8 residents" does not
        lead = text[max(0, m.start() - 12) : m.start()]
        zoned_range = second is not None and bool(m["zone"] or m["mid"])  # "8 to 12 Central"
        lone = bare and (second is None or second[2] is None) and not zoned_range
        if lone and not _BARE_HOUR_OK.search(lead):
            continue
        sh, sm, sap = first
        if second is None:
            begins, ends = time(_to_24(sh, sap), sm), None
        else:
            eh, em, eap = second
            if sap is None and eap in ("a", "p"):
                same = _to_24(sh, eap) * 60 + sm
                sap = eap if same < _to_24(eh, eap) * 60 + em else ("a" if eap == "p" else None)
            begins = time(_to_24(sh, sap), sm)
            end24 = _to_24(eh, eap)
            if eap is None and end24 * 60 + em <= begins.hour * 60 + begins.minute:
                end24 = (end24 + 12) % 24
            ends = time(end24, em)
            if (ends.hour, ends.minute) <= (begins.hour, begins.minute):
                ends = None
        zone = m["zone"] or m["mid"] or (f"UTC{m['off']}" if m["off"] else None)
        if m["zone_note"] and "arizona" in m["zone_note"].lower():
            zone = "Arizona"
        certain = sap is not None or bool(m["snoon"])
        out.append(ClockMention(m.start(), m.end(), begins, ends, zone, certain))
    return out


def at(day: date, clock: time, zone: tzinfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone)
