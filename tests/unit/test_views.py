"""The calendar and the page, drawn from the same `Dashboard` that `agent status` prints:
what each shows, in which timezone, with which UIDs, and that mail text stays text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event
from markupsafe import escape

from agent import config as config_mod
from agent.config import Config
from agent.dashboard import Dashboard, ProgramStatus, as_data, needs_you
from agent.engine.status import dashboard
from agent.views import calendar as ics
from agent.views.moments import Moment
from agent.views.page import page
from tests.support import builders
from tests.support.views_season import HOSTILE_SUBJECT, NOW_UTC, synced

ET = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dashboard, Config]:
    jordan = synced(tmp_path_factory.mktemp("season"))
    config = config_mod.load(jordan.config)
    return dashboard(config, NOW_UTC), config


class Tags(HTMLParser):
    """The tags and attributes a browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()
        self.src: list[str] = []
        self.href: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name in ("src", "href"):
                getattr(self, name).append(value or "")


def events(data: bytes) -> dict[str, Event]:
    return {str(e["summary"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def utc(event: Event, name: str) -> datetime:
    value = event[name].dt
    assert isinstance(value, datetime) and value.tzinfo is not None, f"{name} is floating"
    return value.astimezone(UTC)


def test_each_interview_in_its_own_timezone(season: tuple[Dashboard, Config]) -> None:
    found = events(ics.calendar(*season))
    lakeside = found["Lakeside IM: Interview"]
    assert lakeside["dtstart"].params["TZID"] == "America/Chicago"
    assert utc(lakeside, "dtstart") == datetime(2026, 10, 5, 13, tzinfo=UTC)
    assert utc(lakeside, "dtend") == datetime(2026, 10, 5, 18, tzinfo=UTC)  # the stated end
    pacific = found["Pacific Coast IM: Interview"]
    assert pacific["dtstart"].params["TZID"] == "America/Los_Angeles"
    assert utc(pacific, "dtstart") == datetime(2026, 10, 26, 15, 30, tzinfo=UTC)
    zones = {str(tz["tzid"]) for tz in Calendar.from_ical(ics.calendar(*season)).walk("VTIMEZONE")}
    assert {"America/Chicago", "America/Los_Angeles", "America/Denver"} <= zones


def test_the_thank_you_window_alarms_before_it_closes(season: tuple[Dashboard, Config]) -> None:
    found = events(ics.calendar(*season))
    window = found["Lakeside IM: Thank-you window"]
    assert utc(window, "dtstart") == datetime(2026, 10, 5, 18, tzinfo=UTC)  # interview end
    assert utc(window, "dtend") == datetime(2026, 10, 7, 18, tzinfo=UTC)  # 48 hours on
    (alarm,) = window.walk("VALARM")
    assert alarm["trigger"].dt == -timedelta(hours=3)
    assert alarm["trigger"].params["RELATED"] == "END"
    assert "needs your detail" in str(window["description"])
    # All sent: the window stays, marked, with nothing to remind of.
    harbor = found["Harbor City IM: Thank-you window (sent)"]
    assert harbor.walk("VALARM") == []
    # The program asked for no contact: no window in the calendar at all.
    assert not [s for s in found if s.startswith("Summit Valley IM: Thank-you")]


def test_promises_inquiries_letters_and_the_rank_deadline(
    season: tuple[Dashboard, Config],
) -> None:
    found = events(ics.calendar(*season))
    due = found["Harbor City IM: Due: the J-1 visa FAQ"]
    assert due["dtstart"].dt == date(2026, 10, 9) and due["dtend"].dt == date(2026, 10, 10)
    inquiry = found["Harbor City IM: Inquiry about the J-1 visa FAQ"]
    assert utc(inquiry, "dtstart") == datetime(2026, 10, 12, 4, tzinfo=UTC)  # due + 2 days grace
    intent = found["Harbor City IM: Letter of intent"]
    assert utc(intent, "dtstart") == datetime(2027, 2, 10, 14, tzinfo=UTC)  # 21 days before
    rank = found["Rank list certification deadline (9 PM ET)"]
    assert utc(rank, "dtstart") == datetime(2027, 3, 4, 2, tzinfo=UTC)
    assert "Match Day" in found
    assert not [s for s in found if "Northfield" in s]  # nothing known yet: nothing shown


def test_uids_are_stable_and_unchanged_events_keep_their_sequence(
    season: tuple[Dashboard, Config],
) -> None:
    board, config = season
    first = ics.calendar(board, config)
    uids = [str(e["uid"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert len(uids) == len(set(uids)) and all(u.endswith("@residency-agent") for u in uids)
    later = dashboard(config, NOW_UTC + timedelta(days=7))  # the J-1 visa FAQ inquiry is due
    second = events(ics.calendar(later, config, previous=first))
    assert sorted(str(e["uid"]) for e in second.values()) == sorted(uids)
    before = events(first)
    unchanged = second["Harbor City IM: Interview"]
    assert unchanged["sequence"] == 0
    assert unchanged["dtstamp"].dt == before["Harbor City IM: Interview"]["dtstamp"].dt
    changed = second["Harbor City IM: Due: the J-1 visa FAQ"]
    assert changed["description"] != before["Harbor City IM: Due: the J-1 visa FAQ"]["description"]
    assert changed["uid"] == before["Harbor City IM: Due: the J-1 visa FAQ"]["uid"]
    assert changed["sequence"] == 1 and utc(changed, "last-modified") > NOW_UTC
    assert ics.calendar(board, config, previous=b"not a calendar")  # a broken file is replaced


def test_calendar_text_cannot_inject_properties() -> None:
    zone = ZoneInfo("America/Chicago")
    start = datetime(2026, 10, 5, 8, tzinfo=zone)
    moment = Moment(
        "k", "promise", "Due: x\r\nBEGIN:VALARM\r\nTRIGGER:-PT1M", start, start, zone, "P\x00"
    )
    event = ics._event(moment)
    text = event.to_ical().decode()
    assert "BEGIN:VALARM" not in text.replace("\\nBEGIN:VALARM", "")
    assert "\x00" not in text
    assert Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + event.to_ical() + b"END:VCALENDAR\r\n")


def test_the_page_escapes_mail_text(season: tuple[Dashboard, Config]) -> None:
    html = page(*season).decode()
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    tags = Tags()
    tags.feed(html)
    assert {"script", "img", "iframe", "object", "link"}.isdisjoint(tags.names)
    assert tags.src == [] and all(h.startswith("#") for h in tags.href)  # only in-page links
    assert all(not a.startswith("on") for a in tags.attributes)
    assert "default-src 'none'" in html  # nothing may load, whatever slips through
    assert HOSTILE_SUBJECT not in html


def test_the_page_shows_what_status_shows(season: tuple[Dashboard, Config]) -> None:
    board, config = season
    html = page(board, config).decode()
    data = as_data(board)
    for program in data["programs"]:
        assert escape(program["name"]) in html
        assert escape(program["next_action"]) in html
        for item in program["followups"]:
            assert escape(item["who"]) in html and escape(item["reason"] or item["note"]) in html
        for promise in program["promises"]:
            assert escape(promise["what"]) in html
    # Every item of the one "Needs you" list (agent/dashboard.py) that `agent status` prints.
    needs = needs_you(board)
    assert needs and all(escape(n.what) in html for n in needs)
    assert "add your detail to the thank-you to Dr. Marcus Chen, then send it" in html
    assert "review and send the thank-you to Dr. Priya Natarajan" in html
    assert html.count('class="now"') == len(data["programs"])  # one "now" per timeline


def test_a_day_without_a_time_is_all_day_and_a_cancellation_stays_marked() -> None:
    config = builders.config(builders.program(), builders.program("Riverside IM Residency"))
    shown = {"start": date(2026, 11, 2), "end": None, "cancelled": False, "source": "mail"}
    gone = {
        "start": datetime(2026, 10, 20, 9, tzinfo=UTC),
        "end": None,
        "cancelled": True,
        "source": "mail of Oct 1: Cancellation",
    }
    board = Dashboard(
        NOW_UTC,
        [
            ProgramStatus(
                config.programs[0].name, shown, "welcome", "default", [], "", None, short="Lk"
            ),
            ProgramStatus("Riverside IM Residency", gone, "welcome", "default", [], "", None),
        ],
        [],
    )
    found = events(ics.calendar(board, config))
    day = found["Lk: Interview"]
    assert day["dtstart"].dt == date(2026, 11, 2) and day["dtend"].dt == date(2026, 11, 3)
    cancelled = found["Interview (cancelled)"]
    assert cancelled["status"] == "CANCELLED"
    assert cancelled["dtstart"].params["TZID"] == "America/Chicago"  # the program's zone
    assert utc(cancelled, "dtstart") == datetime(2026, 10, 20, 9, tzinfo=UTC)
    html = page(board, config).decode()
    assert "Interview (cancelled)" in html and "cancelled (" in html
