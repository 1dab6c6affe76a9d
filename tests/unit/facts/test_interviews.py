"""The interview reader: clock times, days and zones as programs write them, which message
states the interview, the latest statement winning, and mail whose time could not be read."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.facts.clock import find_clocks, find_days, zone_named
from agent.facts.interviews import (
    ScheduledInterview,
    find_datetime,
    interview_from_mail,
    read_interview,
)
from connectors.base import Address, MailMessage
from connectors.mime import body_text, html_to_text, parse_message

ET = ZoneInfo("America/New_York")
CT = ZoneInfo("America/Chicago")
MT = ZoneInfo("America/Denver")
PT = ZoneInfo("America/Los_Angeles")
ME = "sam.patel@mail.example"
SENT_NOV = datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("America/Chicago"))
REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "corpus" / "mail-facts.json"
OWN = REPO / "tests" / "corpus" / "interviews.json"
ROUND2 = REPO / "tests" / "corpus" / "interviews-round2.json"
ROUND3 = REPO / "tests" / "corpus" / "interviews-round3.json"
# Read as a day only: a clock written in words ("half past eight") is not read; it is left.
# Read wrong or not at all (each listed as unread, which test_never_silent holds): round 3
# was written to hold that, in phrasings the readers do not know yet.
KNOWN_MISSES = {"h14-interview-d28"} | {f"h23-interview-d{n:02d}" for n in (2, 3, 4, 6, 7, 8, 9)}


def msg(
    body: str, sent: datetime, subject: str = "", sender: str = "pat@program.example"
) -> MailMessage:
    return MailMessage(
        id=f"{sent.isoformat()}{subject}",
        folder="inbox",
        message_id=f"<{abs(hash((body, sent)))}@program.example>",
        subject=subject,
        sender=Address("Pat Coordinator", sender),
        to=(Address("Sam", ME),),
        cc=(),
        date=sent,
        body=body,
    )


def read(
    body: str, sent: datetime, zone: ZoneInfo = CT, subject: str = ""
) -> ScheduledInterview | None:
    return interview_from_mail([msg(body, sent, subject)], zone, frozenset([ME]))


# ---------------------------------------------------------------- clock times and zones


@pytest.mark.parametrize(
    ("text", "begins", "ends", "zone"),
    [
        ("8:00 AM - 12:30 PM Eastern", time(8), time(12, 30), "Eastern"),
        ("13:00-17:00 MT", time(13), time(17), "MT"),
        ("12 noon Pacific", time(12), None, "Pacific"),
        ("9a-1p CST", time(9), time(13), "CST"),
        ("0800-1200 ET", time(8), time(12), "ET"),
        ("9:00 to 1:00 PM", time(9), time(13), None),
        ("1pm until 5pm (Central Time)", time(13), time(17), "Central Time"),
        ("8 a.m. Eastern to noon", time(8), time(12), "Eastern"),
        ("7:50 AM-11:30 AM (UTC-06:00) Central Time (US & Canada)", time(7, 50), time(11, 30),
         "Central Time (US & Canada)"),
        ("8:30 in the morning", time(8, 30), None, None),
    ],
)  # fmt: skip
def test_clock_times(text: str, begins: time, ends: time | None, zone: str | None) -> None:
    (found,) = find_clocks(text)
    assert (found.begins, found.ends, found.zone) == (begins, ends, zone)


def test_numbers_that_are_not_times() -> None:
    assert find_clocks("Meeting ID 555 0101, passcode 482913, call 312-555-0148") == []
    assert find_clocks("We interview 8 applicants in 10 minutes") == []


@pytest.mark.parametrize(
    ("name", "on", "offset"),
    [
        ("EST", date(2026, 10, 21), -4),  # written in summer: Eastern civil time
        ("CT", date(2026, 12, 1), -6),
        ("Eastern Time (US & Canada)", date(2026, 11, 5), -5),
        ("MST (Arizona)", date(2026, 10, 13), -7),
        ("Arizona", date(2026, 7, 1), -7),
        ("Hawaii time", date(2026, 11, 20), -10),
        ("AKST", date(2026, 12, 1), -9),
        ("Atlantic Standard Time", date(2026, 11, 12), -4),
        ("America/New_York", date(2026, 11, 30), -5),
    ],
)
def test_zone_names_mean_that_regions_civil_time(name: str, on: date, offset: int) -> None:
    zone = zone_named(name, ZoneInfo("America/Chicago"))
    assert datetime.combine(on, time(9), zone).utcoffset() == timedelta(hours=offset)


def test_mountain_time_written_by_an_arizona_program_is_arizona_time() -> None:
    phoenix = ZoneInfo("America/Phoenix")
    assert zone_named("MT", phoenix) == phoenix
    assert zone_named(None, phoenix) == phoenix


def test_days_resolve_from_the_messages_own_day() -> None:
    today = date(2026, 12, 10)
    found = [
        (d.day, d.weekday_only) for d in find_days("January 8, 12/14, tomorrow, Friday", today)
    ]
    assert found == [
        (date(2027, 1, 8), False),
        (date(2026, 12, 14), False),
        (date(2026, 12, 11), False),
        (date(2026, 12, 11), True),
    ]


# ---------------------------------------------------------------- one message


def test_a_confirmation_sentence_with_a_range_and_zone() -> None:
    found = read(
        "This confirms your interview with Riverbend FM on Thursday, December 3, 2026 at "
        "8:47 AM CT.",
        datetime(2026, 11, 10, 9, tzinfo=CT),
    )
    assert found is not None
    assert found.start == datetime(2026, 12, 3, 8, 47, tzinfo=CT)
    assert (found.end, found.cancelled, found.timed) == (None, False, True)


def test_field_lines_date_and_time_apart() -> None:
    body = "Interview Confirmation\nProgram: Riverbend FM\nDate: 10/27/2026\n"
    body += "Time: 8:00 AM - 12:30 PM Eastern\n"
    found = read(body, datetime(2026, 10, 1, 9, tzinfo=CT))
    assert found is not None
    assert (found.start, found.end) == (
        datetime(2026, 10, 27, 8, tzinfo=ET),
        datetime(2026, 10, 27, 12, 30, tzinfo=ET),
    )


def test_tomorrow_is_the_day_after_the_message_in_the_programs_zone() -> None:
    late_evening_utc = datetime(2026, 11, 5, 3, 10, tzinfo=ZoneInfo("UTC"))  # Nov 4 in New York
    found = read("Reminder: your interview is tomorrow at 9 AM ET.", late_evening_utc, ET)
    assert found is not None and found.start == datetime(2026, 11, 5, 9, tzinfo=ET)


def test_the_new_date_of_a_reschedule_not_the_old_one() -> None:
    found = read(
        "We need to move your interview. Your new interview date is Friday, November 20, "
        "9:00 AM to 1:00 PM CT (previously Wednesday, November 18).",
        datetime(2026, 11, 9, 9, tzinfo=CT),
    )
    assert found is not None and found.start == datetime(2026, 11, 20, 9, tzinfo=CT)


def test_an_itinerary_gives_first_start_and_last_end_and_log_in_is_not_the_start() -> None:
    body = (
        "Your itinerary for Tuesday, December 8 (all times Eastern):\n"
        "Please log in by 7:15 AM.\n7:30 AM Welcome\n8:15 - 8:45 AM Interview with Dr. Ames\n"
        "11:15 AM - 12:00 PM Closing"
    )
    found = read(body, datetime(2026, 12, 1, 9, tzinfo=ET), ET)
    assert found is not None
    assert (found.start, found.end) == (
        datetime(2026, 12, 8, 7, 30, tzinfo=ET),
        datetime(2026, 12, 8, 12, tzinfo=ET),
    )


def test_a_weekday_that_contradicts_the_date_the_date_wins() -> None:
    found = read(
        "Confirming your interview on Wednesday, December 10 at 8 AM MT.",
        datetime(2026, 11, 20, tzinfo=MT),
        MT,
    )
    assert found is not None and found.start == datetime(2026, 12, 10, 8, tzinfo=MT)


def test_a_day_without_a_time_is_a_day() -> None:
    found = read(
        "You're confirmed for our January 8 interview day. Times will follow.",
        datetime(2026, 12, 10, tzinfo=CT),
    )
    assert found is not None and not found.timed
    assert found.start == datetime(2027, 1, 8, tzinfo=CT)


@pytest.mark.parametrize(
    "body",
    [
        "We would like to invite you to interview on Friday, November 13 at 8:00 AM ET. "
        "Please reply to accept or decline.",
        "Please select one of the available dates: 11/9, 11/16 or 12/7 (8 AM to noon ET).",
        "You have been placed on the waitlist for Tuesday, December 15.",
        "Join our virtual social on Wednesday, November 11 at 7 PM CT before your interview.",
        "Reminder: the deadline to schedule your interview is Friday, October 30 at 5 PM ET.",
        "Thank you for interviewing with us on Monday, November 2. It was a pleasure.",
        "Your spot at our second look on Saturday, January 16 at 10 AM is confirmed.",
    ],
)
def test_not_the_interview(body: str) -> None:
    assert read(body, datetime(2026, 11, 3, 9, tzinfo=CT)) is None


def test_a_cancellation_without_an_earlier_confirmation() -> None:
    found = read(
        "As requested, we have cancelled your interview.", datetime(2026, 11, 25, tzinfo=CT)
    )
    assert found is not None and found.cancelled and found.start is None


def test_a_cancellation_naming_the_day_even_with_new_dates_offered() -> None:
    found = read(
        "We have cancelled all interviews on Wednesday, December 2, including yours. "
        "Please choose a new date: Dec 7, Dec 9, or Dec 14.",
        datetime(2026, 11, 30, tzinfo=CT),
    )
    assert found is not None and found.cancelled
    assert found.start == datetime(2026, 12, 2, tzinfo=CT) and not found.timed


def test_quoted_text_is_not_a_new_statement() -> None:
    body = (
        "Thanks, we'll see you then.\n\nOn Mon, Nov 9, 2026 at 10:00 AM Pat wrote:\n"
        "> Your interview is confirmed for Wednesday, November 18 at 8:00 AM CT."
    )
    assert read(body, datetime(2026, 11, 10, tzinfo=CT)) is None


# ---------------------------------------------------------------- a program's mail over time


def test_the_latest_statement_wins_and_a_later_day_alone_keeps_the_known_time() -> None:
    sent = datetime(2026, 11, 2, 9, tzinfo=CT)
    confirmed = msg("Your interview is confirmed for Monday, November 23 at 9:00 AM CT.", sent)
    moved = msg(
        "Your interview has been rescheduled to Tuesday, November 24 at 1 PM CT.",
        sent + timedelta(days=2),
    )
    see_you = msg("Looking forward to your interview on November 24!", sent + timedelta(days=5))
    found = interview_from_mail([see_you, confirmed, moved], CT, frozenset([ME]))
    assert found is not None and found.start == datetime(2026, 11, 24, 13, tzinfo=CT)
    assert found.timed


def test_a_cancellation_without_a_day_cancels_the_known_interview() -> None:
    sent = datetime(2026, 11, 2, 9, tzinfo=CT)
    confirmed = msg("Your interview is confirmed for Monday, November 23 at 9:00 AM CT.", sent)
    cancelled = msg("I'm sorry: we must cancel your interview.", sent + timedelta(days=3))
    found = interview_from_mail([confirmed, cancelled], CT, frozenset([ME]))
    assert found is not None and found.cancelled
    assert found.start == datetime(2026, 11, 23, 9, tzinfo=CT)


def test_scheduling_mail_whose_time_could_not_be_read_is_listed() -> None:
    sent = datetime(2026, 9, 29, 9, tzinfo=CT)
    unreadable = msg(
        "Your interview is confirmed! Details are in the portal.",
        sent,
        "Interview Confirmed: GGMC IM",
    )
    invitation = msg(
        "We invite you to interview. Please choose a date in Thalamus.",
        sent,
        "Interview invitation",
    )
    news = msg("Our newsletter: the new clinic opens in July.", sent, "News")
    reading = read_interview([unreadable, invitation, news], CT, frozenset([ME]))
    assert reading.interview is None
    assert reading.unread == [unreadable]
    later = msg(
        "Reminder: your interview is Monday, October 5 at 8 AM CT.", sent + timedelta(days=2)
    )
    assert read_interview([unreadable, later], CT, frozenset([ME])).unread == []


def test_the_applicants_own_mail_says_nothing() -> None:
    mine = msg(
        "I confirm my interview on Tuesday, November 24 at 8:00 AM ET.",
        datetime(2026, 11, 11, tzinfo=ET),
        sender=ME,
    )
    assert interview_from_mail([mine], ET, frozenset([ME])) is None


def test_find_datetime_reads_the_first_day_with_a_time() -> None:
    found = find_datetime(
        "on Oct 5 from 8:00 am - 1:00 pm Central Time", datetime(2026, 9, 20, tzinfo=ET), ET
    )
    assert found == (datetime(2026, 10, 5, 8, tzinfo=CT), datetime(2026, 10, 5, 13, tzinfo=CT))


# ---------------------------------------------------------------- message bodies


def test_html_cells_and_line_breaks_are_separate_words() -> None:
    text = html_to_text(
        "<table><tr><td>Date</td><td>Tuesday, Dec 1</td></tr><tr><td>Time</td><td>9 AM</td></tr>"
        "</table><p>Line one<br>Line two</p><ul><li>a</li><li>b</li></ul>"
    )
    assert "DateTuesday" not in text
    assert text.splitlines()[:2] == ["Date\tTuesday, Dec 1", "Time\t9 AM"]
    assert "Line one\nLine two" in text and "- a\n- b" in text
    assert html_to_text("<p><s>Dec 3, 9 AM</s> <b>New:</b> Dec 10, 9 AM</p>") == "New: Dec 10, 9 AM"


def _multipart(plain: str, html: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "x"
    message.set_content(plain)
    message.add_alternative(html, subtype="html")
    return message


def test_a_plain_stub_pointing_at_the_browser_gives_way_to_the_html_part() -> None:
    stub = _multipart(
        "View this message in your browser: https://mail.example/v/1\n",
        "<p>Your interview is confirmed for <b>December 3</b> at 9 AM CT.</p>",
    )
    assert "December 3 at 9 AM CT" in body_text(stub)
    real = _multipart("Your interview is on December 3.\n", "<p>Something else</p>")
    assert body_text(real).strip() == "Your interview is on December 3."


def test_a_plain_part_of_a_few_words_gives_way_to_a_much_longer_html_part() -> None:
    html = (
        "<p>Dear Jordan,</p><p>Your interview is confirmed:</p>"
        "<div><b>Date:</b> Thursday, December 3, 2026</div><div><b>Time:</b> 8:00 AM CT</div>"
    )
    assert "December 3, 2026" in body_text(_multipart("Best read in an email app.\n", html))
    same = _multipart("Your interview is confirmed for December 3 at 8 AM.\n", f"<p>{html}</p>")
    assert "December 3 at 8 AM" in body_text(same)


def test_quoted_printable_soft_breaks_and_folded_subjects() -> None:
    raw = (
        "From: Pat <pat@program.example>\nTo: sam.patel@mail.example\n"
        "Subject: Interview Confirmed:\n Riverbend Family Medicine\n"
        "Date: Fri, 20 Nov 2026 14:00:00 -0600\n"
        "Message-ID: <qp@program.example>\nMIME-Version: 1.0\n"
        'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
        "Your interview is confirmed for Monday, December 7, 2026 at 9:3=\n0 AM CT.\n"
    )
    message = parse_message(
        raw.encode(), id="1", folder="inbox", fallback_date=datetime(2026, 1, 1, tzinfo=CT)
    )
    assert " ".join(message.subject.split()) == "Interview Confirmed: Riverbend Family Medicine"
    found = interview_from_mail([message], CT, frozenset([ME]))
    assert found is not None and found.start == datetime(2026, 12, 7, 9, 30, tzinfo=CT)


# ---------------------------------------------------------------- labelled examples


def _label(value: str | None) -> datetime | date | None:
    if value is None:
        return None
    return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)


def _items() -> list[dict[str, Any]]:
    items = [i for path in (OWN, ROUND2, ROUND3) for i in json.loads(path.read_text())]
    if SHARED.exists():
        items += json.loads(SHARED.read_text())
    # aside examples are measured, never tested against (they must not steer the rules)
    return [i for i in items if i["kind"] in ("interview", "email") and i.get("split") != "aside"]


def _reads(item: dict[str, Any]) -> tuple[ScheduledInterview | None, Any]:
    sent = datetime.fromisoformat(item["email_date"])
    zone = ZoneInfo(item["program_timezone"])
    if item["kind"] == "email":
        message = parse_message(item["raw"].encode(), id="1", folder="inbox", fallback_date=sent)
        owner = item["mailbox_owner"].split("<")[-1].strip(">").lower()
        return interview_from_mail([message], zone, frozenset([owner])), item["expected"][
            "interview"
        ]
    return interview_from_mail([msg(item["text"], sent)], zone, frozenset([ME])), item["expected"]


@pytest.mark.parametrize(
    "item", [i for i in _items() if i["id"] not in KNOWN_MISSES], ids=lambda i: i["id"]
)
def test_labelled_examples(item: dict[str, Any]) -> None:
    found, label = _reads(item)
    if label is None:
        assert found is None
        return
    assert found is not None
    zone = ZoneInfo(item["program_timezone"])
    start, end = _label(label["start"]), _label(label["end"])
    if isinstance(start, datetime):
        assert found.timed and found.start == start
    elif isinstance(start, date):
        assert not found.timed and found.start is not None
        assert found.start.astimezone(zone).date() == start
    else:
        assert found.start is None
    assert found.end == end
    assert found.cancelled == label["cancelled"]


def test_a_weekday_that_is_not_the_dates_is_marked() -> None:
    (clash, fine) = find_days("Thursday, December 4 or Friday, December 4", date(2026, 11, 20))
    assert (clash.clash, fine.clash) == (True, False)
    found = read(
        "Your interview is Thursday, December 4 at 9 AM CT.", datetime(2026, 11, 20, tzinfo=CT)
    )
    assert found is not None and found.clash


def test_a_long_message_naming_many_days_is_read_quickly() -> None:
    import time as clock

    body = ("a " * 40000) + "\n" + ("Monday, " * 2000) + "\n" + ("9:00 AM - " * 2000)
    began = clock.monotonic()
    read(body[:100_000], datetime(2026, 11, 20, tzinfo=CT))
    assert clock.monotonic() - began < 5


# ---------------------------------------------------------------- round 2: new wordings


def test_tmrw_and_military_hours() -> None:
    found = read(
        "REMINDER - Interview tmrw @ 0730 hrs MT.", datetime(2026, 12, 7, 12, tzinfo=MT), MT
    )
    assert found is not None and found.start == datetime(2026, 12, 8, 7, 30, tzinfo=MT)


def test_a_calendar_invite_with_a_when_heading() -> None:
    body = "Residency Interview\nWhen\nWednesday Dec 2, 2026 9am - 1pm (Central Time - Chicago)"
    subject = "Invitation: Residency Interview @ Wed Dec 2, 2026 9am - 1pm (CST)"
    found = read(body, SENT_NOV, CT, subject)
    assert found is not None
    assert (found.start, found.end) == (
        datetime(2026, 12, 2, 9, tzinfo=CT),
        datetime(2026, 12, 2, 13, tzinfo=CT),
    )


def test_will_not_take_place_is_a_cancellation() -> None:
    found = read("Your December 8 interview will not take place as planned.", SENT_NOV)
    assert found is not None and found.cancelled


def test_a_new_date_stated_is_a_reschedule_even_when_asked_to_confirm() -> None:
    body = "Your new interview date is Tuesday, December 15, 2026 at 10:00 AM ET. Please confirm."
    found = read(body, SENT_NOV, ET)
    assert found is not None and found.start == datetime(2026, 12, 15, 10, tzinfo=ET)


@pytest.mark.parametrize(
    "body",
    [
        "Reminder: please schedule your interview by Friday, November 27 at 5 PM ET.",
        "Reminder: sign-ups close Friday. Please sign up for one of the remaining slots.",
    ],
)
def test_a_reminder_to_pick_a_day_is_an_invitation_not_scheduling(body: str) -> None:
    reading = read_interview([msg(body, SENT_NOV)], CT, frozenset([ME]))
    assert reading.interview is None and reading.unread == []


@pytest.mark.parametrize(
    ("body", "subject"),
    [
        ("Your interview is coming up soon; we'll see you at half past eight.", ""),
        ("We look forward to seeing you for your interview!", "Interview reminder"),
        ("Thank you for accepting. Your interview is set for the date you picked.", ""),
        # A day and a time said to the applicant, in words the reader does not know.
        ("Pencil us in: we expect you Dec 2, doors open 7:50 a.m. in Building C.", ""),
        ("Your Saturday with our residents: 12/5, 10 AM till 2 PM Central.", ""),
    ],
)
def test_unreadable_scheduling_is_listed(body: str, subject: str) -> None:
    reading = read_interview([msg(body, SENT_NOV, subject)], CT, frozenset([ME]))
    assert reading.interview is None and len(reading.unread) == 1


@pytest.mark.parametrize(
    ("body", "subject"),
    [
        ("Thank you for interviewing with us on Monday. It was a pleasure to meet you.", ""),
        ("Our last interview date this season is January 20.", ""),
        (
            "Due to weather the dinner has been cancelled. Interview days are unchanged.",
            "Pre-interview dinner cancelled",
        ),
        # A day and a time that are a deadline, another event, or already past.
        ("Please send us your updated CV by Dec 4 at 5 PM so we can share it.", ""),
        ("I will email the parking map to you on Wednesday, before 10 AM.", ""),
        ("The packet will reach you on 12/9 by 3 pm.", ""),
        ("Your hotel rate holds until Dec 6 at 5 PM, so book soon.", ""),
        ("Our open house for applicants is Thursday 12/3 at 6 PM; you are welcome.", ""),
        ("It was a pleasure to meet you today from 9 to 1 -- safe travels home!", ""),
    ],
)
def test_not_scheduling_is_not_listed(body: str, subject: str) -> None:
    reading = read_interview([msg(body, SENT_NOV, subject)], CT, frozenset([ME]))
    assert reading.interview is None and reading.unread == []


@pytest.mark.parametrize("item", _items(), ids=lambda i: i["id"])
def test_never_silent_on_labelled_examples(item: dict[str, Any]) -> None:
    """A labelled interview is read or its message listed; a negative is neither."""
    sent = datetime.fromisoformat(item["email_date"])
    zone = ZoneInfo(item["program_timezone"])
    if item["kind"] == "email":
        message = parse_message(item["raw"].encode(), id="1", folder="inbox", fallback_date=sent)
        owner = item["mailbox_owner"].split("<")[-1].strip(">").lower()
        reading, label = (
            read_interview([message], zone, frozenset([owner])),
            item["expected"]["interview"],
        )
    else:
        reading = read_interview([msg(item["text"], sent)], zone, frozenset([ME]))
        label = item["expected"]
    if label is None:
        assert reading.unread == []
    else:
        assert reading.interview is not None or reading.unread


@pytest.mark.parametrize(
    "body",
    [
        "You are scheduled to interview on Thursday, December 3, 2026 at 8:00 AM. "
        "If you need to decline, let us know.",
        "Great, we have you for December 3rd at 8:00 am! Please confirm you received this.",
        "Your interview is on 12.03.2026 at 08:00.",
    ],
)
def test_a_courtesy_line_does_not_make_a_confirmation_an_invitation(body: str) -> None:
    found = read(body, SENT_NOV)
    assert found is not None and found.start == datetime(2026, 12, 3, 8, tzinfo=CT)


@pytest.mark.parametrize(
    "body",
    [
        "We'd like to invite you to interview. If you would like to decline, please let us know. "
        "Open dates: December 3, December 10.",
        "We have tentatively scheduled you for Thursday, December 3 at 8 AM. Please confirm.",
    ],
)
def test_invitations_and_holds_stay_unread_and_unlisted(body: str) -> None:
    reading = read_interview([msg(body, SENT_NOV)], CT, frozenset([ME]))
    assert reading.interview is None and reading.unread == []


def test_withdrawing_the_invitation_for_a_day_cancels_it() -> None:
    body = (
        "We are unable to accommodate your interview on December 3 "
        "and must withdraw our invitation."
    )
    found = read(body, SENT_NOV)
    assert found is not None and found.cancelled
    assert found.start is not None and found.start.date() == date(2026, 12, 3)


def test_a_postponement_without_a_new_day_is_listed() -> None:
    body = "Your interview is postponed. We will reach out with a new date."
    reading = read_interview([msg(body, SENT_NOV)], CT, frozenset([ME]))
    assert reading.interview is None and len(reading.unread) == 1


def test_a_bare_hour_range_with_a_zone_is_a_time() -> None:
    body = "Your interview is on Thursday, December 3. The day runs 8 to 12 Central."
    found = read(body, SENT_NOV)
    assert found is not None
    assert (found.start, found.end) == (
        datetime(2026, 12, 3, 8, tzinfo=CT),
        datetime(2026, 12, 3, 12, tzinfo=CT),
    )
    assert find_clocks("ages 8 to 12") == []


def test_a_cancelled_day_with_the_interview_held_instead_on_another_is_a_reschedule() -> None:
    body = (
        "We are cancelling interview day on December 3. "
        "Your interview will instead be held on December 10 at 8 AM CT."
    )
    found = read(body, SENT_NOV)
    assert found is not None and not found.cancelled
    assert found.start == datetime(2026, 12, 10, 8, tzinfo=CT)


def test_on_the_schedule_is_the_applicants_own_slot() -> None:
    found = read("Just a heads up: you are on the schedule for 12/3 (8-12 CT).", SENT_NOV, CT, "Hi")
    assert found is not None and found.start == datetime(2026, 12, 3, 8, tzinfo=CT)


@pytest.mark.parametrize(
    ("subject", "listed"),
    [
        ("Interview Confirmed - Riverbend FM", True),
        ("Reminder: Your Interview with Riverbend FM", True),
        ("Your Interview Has Been Rescheduled", True),
        ("Confirmation of Interview", True),
        ("Interview Season Update", False),
    ],
)
def test_a_subject_announcing_scheduling_lists_an_unreadable_message(
    subject: str, listed: bool
) -> None:
    reading = read_interview([msg("See the portal.", SENT_NOV, subject)], CT, frozenset([ME]))
    assert reading.interview is None and bool(reading.unread) == listed


def test_an_invitation_to_claim_a_spot_is_not_the_interview() -> None:
    body = "We'd love to interview you! Our next interview day is Thursday, December 3 at 8 AM CT."
    assert read(body + " Reply to claim a spot.", SENT_NOV) is None


def test_withdrawing_from_the_interview_cancels_it() -> None:
    body = "We're sorry you have to withdraw from your December 3 interview; it has been released."
    found = read(body, SENT_NOV)
    assert found is not None and found.cancelled


def test_field_labels_on_their_own_lines_name_the_value_below() -> None:
    body = "Date\nThursday, December 3, 2026\nStart\n8:00 AM CST\nEnd\n12:00 PM CST"
    found = read(body, SENT_NOV, CT, "Interview Scheduled - Riverbend")
    assert found is not None
    assert (found.start, found.end) == (
        datetime(2026, 12, 3, 8, tzinfo=CT),
        datetime(2026, 12, 3, 12, tzinfo=CT),
    )


@pytest.mark.parametrize(
    "body",
    [
        "Your interview is confirmed! Please book your interview travel through our agent.",
        "We enjoyed speaking with you today. Your interview is confirmed; see the portal.",
    ],
)
def test_travel_and_pleasantries_do_not_silence_a_confirmation(body: str) -> None:
    reading = read_interview([msg(body, SENT_NOV)], CT, frozenset([ME]))
    assert reading.interview is None and len(reading.unread) == 1
