"""The promise reader by family: objects as written, due phrases and anchors, what is never a
promise, and the figures on our own dev examples (tests/corpus/promises.json)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.facts.dates import add_business_days, holidays
from agent.facts.promise_objects import slug
from agent.facts.promises import Promise, delivers, extract_promises
from tests.support.promise_corpus import what_matches

OWN = Path(__file__).resolve().parents[2] / "corpus" / "promises.json"
CHICAGO = ZoneInfo("America/Chicago")
WED = datetime(2026, 11, 4, 9, 15, tzinfo=CHICAGO)  # Wednesday, November 4, 2026


def read(text: str, sent: datetime = WED, tz: ZoneInfo = CHICAGO) -> list[Promise]:
    return extract_promises(text, sent, tz)


def dues(text: str, sent: datetime = WED) -> list[str | None]:
    return [p.due.isoformat() if p.due_explicit else None for p in read(text, sent)]


# --- the object as written ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "whats"),
    [
        ("I will send you the J-1 visa FAQ by Friday.", ["the J-1 visa FAQ"]),
        (
            "The hotel block code for the Riverside Inn will be emailed to you COB Friday.",
            ["the hotel block code for the Riverside Inn"],
        ),
        (
            "I'm hoping to have the final schedule for your second look evening out to you "
            "by 5pm tomorrow.",
            ["the final schedule for your second look evening"],
        ),
        ("Itinerary coming Thurs.", ["Itinerary"]),
        ("- Zoom link: will be sent the morning of your interview", ["Zoom link"]),
        ("Hotel info - coming soon", ["Hotel info"]),
        ("Look for an email from Maria with the Webex link by Monday.", ["the Webex link"]),
        (
            "We'll be in touch with more information about the virtual open house.",
            ["more information about the virtual open house"],
        ),
        (
            "We'll email you the second look agenda and a parking permit next Friday.",
            ["the second look agenda", "a parking permit"],
        ),
        (
            "We will share the salary and benefits information soon.",
            ["the salary and benefits information"],
        ),
        (
            "We will share the schedule for our optional in-person second look in "
            "mid-January, along with hotel information.",
            ["the schedule for our optional in-person second look", "hotel information"],
        ),
        (
            "Dr. Okoro asked me to pass along her slides from the noon conference; I'll email "
            "them tonight.",
            ["her slides from the noon conference"],
        ),
        (
            "Our GME office is finalizing the J-1 visa FAQ and I will send it to you by Friday.",
            ["the J-1 visa FAQ"],
        ),
        ("gonna send over the call schedule template tmrw", ["the call schedule template"]),
        ("You will be notified of your second look group by Friday.", ["your second look group"]),
        ("Information on housing will be forthcoming.", ["Information on housing"]),
        ("Expect to hear from us with the dinner details by Thursday.", ["the dinner details"]),
        (
            "We'll send word about the parking garage closure tomorrow.",
            ["the parking garage closure"],
        ),
        ("Your itinerary is coming in a separate email.", ["Your itinerary"]),
        ("We'll route the signed packet to you by Friday.", ["the signed packet"]),
        (
            "I'll have our chief resident send you the call schedule by Friday.",
            ["the call schedule"],
        ),
        ("Dr. Lee has offered to send you her QI toolkit.", ["her QI toolkit"]),
        (
            "A follow-up email will be sent with the parking details on Monday.",
            ["the parking details"],
        ),
        ("I'll fire the updated schedule over to you this afternoon.", ["the updated schedule"]),
        ("We intend to make the parking details available by January 25.", ["the parking details"]),
        (
            "Stay tuned for details about our spring research day.",
            ["details about our spring research day"],
        ),
        (
            "I'll dig up the lactation room info for you and send it along by Monday.",
            ["the lactation room info"],
        ),
        (
            "We'll get back to you within 48 hours with an answer about the away rotation.",
            ["an answer about the away rotation"],
        ),
        (
            "We'll ship a care package with program swag to your home address next week!",
            ["a care package with program swag"],
        ),
        (
            "Your welcome packet is on its way and should arrive within 5-7 business days.",
            ["your welcome packet"],
        ),
        (
            "The final schedule — including your interviewers — will go out Thursday.",
            ["the final schedule"],
        ),
        (
            "A short video tour of our rotation site will be emailed to you.",
            ["A short video tour of our rotation site"],
        ),
    ],
)
def test_the_object_is_named_as_written(text: str, whats: list[str]) -> None:
    assert [p.topic_label.lower() for p in read(text)] == [w.lower() for w in whats]


def test_the_topic_is_a_stable_slug_of_the_object() -> None:
    first, second = (
        read("I will send you the J-1 visa FAQ by Friday.")[0],
        read("The J-1 visa FAQ will be emailed Monday.")[0],
    )
    assert first.topic == second.topic == slug("the J-1 visa FAQ") == "j-1-visa-faq"


def test_the_same_thing_said_twice_is_one_promise_with_the_specific_due() -> None:
    [promise] = read(
        "We will send second look details soon. Specifically, the second look information "
        "will be emailed by November 6."
    )
    assert promise.due == date(2026, 11, 6)


# --- due phrases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("by Friday", "2026-11-06"),
        ("COB Friday", "2026-11-06"),
        ("by 5 PM ET Friday", "2026-11-06"),
        ("by 5 PM today", "2026-11-04"),
        ("by tonight", "2026-11-04"),
        ("by end of day tomorrow", "2026-11-05"),
        ("tomorrow afternoon", "2026-11-05"),
        ("two weeks from today", "2026-11-18"),
        ("within 48 hours", "2026-11-06"),
        ("within ten days", "2026-11-14"),
        ("in 2 wks", "2026-11-18"),
        ("within 4-6 weeks", "2026-12-16"),
        ("this week", "2026-11-06"),
        ("by the end of next week", "2026-11-13"),
        ("next week", "2026-11-13"),
        ("early next week", "2026-11-11"),
        ("mid next week", "2026-11-12"),
        ("this weekend", "2026-11-08"),
        ("next Friday", "2026-11-13"),
        ("the week of November 16", "2026-11-20"),
        ("mid-January", "2027-01-20"),
        ("in early December", "2026-12-10"),
        ("sometime in January", "2027-01-31"),
        ("by the end of the month", "2026-11-30"),
        ("before the end of the year", "2026-12-31"),
        ("by Thanksgiving", "2026-11-26"),
        ("in the next few days", "2026-11-09"),
        ("on Friday the 13th", "2026-11-13"),
        ("by Nov. 10", "2026-11-10"),
        ("by 11/20", "2026-11-20"),
        ("the first week of December", "2026-12-07"),
        ("within the next hour", "2026-11-04"),
        ("within 5-7 business days", "2026-11-16"),  # Veterans Day (Nov 11) is skipped
        ("by the 15th", "2026-11-15"),
        ("soon", None),
        ("closer to the date", None),
    ],
)
def test_due_phrases(phrase: str, due: str | None) -> None:
    assert dues(f"We will send the parking map {phrase}.") == [due]


def test_business_days_skip_weekends_and_thanksgiving() -> None:
    monday = datetime(2026, 11, 23, 16, 45, tzinfo=CHICAGO)
    assert dues("Travel reimbursement forms will go out within 3 business days.", monday) == [
        "2026-11-30"  # the range's end: Thanksgiving and the day after are skipped
    ]
    assert add_business_days(date(2026, 12, 9), 10) == date(2026, 12, 23)
    assert {date(2026, 11, 26), date(2026, 11, 27), date(2026, 12, 25)} <= holidays(2026)


def test_hours_count_from_the_send_moment_in_the_programs_zone() -> None:
    late = datetime(2026, 11, 4, 22, 0, tzinfo=CHICAGO)
    assert dues("The coordinator will email the badge form within 24 hrs.", late) == ["2026-11-05"]
    utc_next_day = datetime(2026, 11, 13, 4, 20, tzinfo=ZoneInfo("UTC"))  # Nov 12 in Chicago
    assert dues("We'll email the updated itinerary tomorrow.", utc_next_day) == ["2026-11-13"]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        (
            "I will email the Zoom link two days before your interview on Thursday, December 3.",
            "2026-12-01",
        ),
        (
            "Your interview is confirmed for Thursday, November 12 at 9:00 AM CT. The Zoom "
            "link will arrive the day before your interview.",
            "2026-11-11",
        ),
        (
            "We will send the itinerary 72 hours before your interview (Monday, November 16 "
            "at 8:00 AM ET).",
            "2026-11-13",
        ),
        (
            "Your interview is on Wednesday, November 18. We send the final itinerary the "
            "Monday before your interview.",
            "2026-11-16",
        ),
        (
            "Interview Scheduled\n\nDate: Monday, November 16, 2026\nTime: 9:00 AM - 1:00 PM CT"
            "\n\nThe program will send the video link 72 hours prior to the interview start time.",
            "2026-11-13",
        ),
        (
            "Your interview is tomorrow at 9 AM ET. We will text a dial-in number 30 minutes "
            "before your start time.",
            "2026-11-05",
        ),
        (
            "- Zoom link: will be sent the morning of your interview (Thursday, November 12)",
            "2026-11-12",
        ),
        (
            "Before your in-person visit on Wednesday, December 9:\n\u2022 We'll send a parking "
            "map the week of your visit",
            "2026-12-11",
        ),
        ("ur interview is confirmed 12/3 9a-1p CST. will send zoom link wk before", "2026-12-02"),
        (
            "Your interview is scheduled for December 7 from 8:30 AM to 12:30 PM Central. We will "
            "send the Zoom link a few days before.",
            "2026-12-05",  # the range's end: two days before
        ),
    ],
)
def test_due_anchored_to_the_interview_in_the_message(text: str, due: str) -> None:
    assert dues(text) == [due]


def test_anchor_without_one_interview_date_gives_no_due() -> None:
    invitation = (
        "Available interview dates:\n  * Tuesday, November 17, 2026\n  * Friday, December 4, "
        "2026\n\nWe will send your itinerary one week before your interview."
    )
    assert dues(invitation) == [None]


# --- never promises --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Please send us your preferred second look date by Friday.",
        "You will need to email your ECFMG certificate to the coordinator by October 30.",
        "As promised, here is the hotel block code: RIVER2026.",
        "Attached you'll find the updated itinerary and parking map.",
        "Your interview packet was emailed to you yesterday.",
        "You should have received the Thalamus calendar invite by now.",
        "If you would like a copy of the benefits handbook, let me know and I'll send it over.",
        "Should your flight be delayed, we will email you a revised schedule.",
        "Reply with your T-shirt size and we'll mail you a program shirt.",
        "Once we receive your RSVP, we will send the dinner location.",
        "We may send a short survey about the virtual format in January.",
        "We will be in touch.",
        "We'll keep you posted.",
        "We will let you know after our rank meeting whether we plan to rank you.",
        "We will send an update on your status after the Match.",
        "Unfortunately we cannot share the names of your interviewers ahead of time.",
        "We will not be sending a post-interview survey this year.",
        "See you Thursday! We'll save you a seat at the front.",
        "The chief residents will host a virtual happy hour on December 3 at 7 PM ET.",
        "Starting next July, our program will offer a new global health track.",
        "I'll forward your question about the research track to Dr. Kim.",
        "I will send Dr. Kim your CV.",
        "Our residents will send a GroupMe invite to the incoming intern class in May.",
        "We will add your updated CV to your file.",
        "We will provide breakfast and lunch on interview day.",
        "We will post photos from the day on our social media accounts.",
        "Please watch for an email from hr@summit.example.",
        "Would you like us to send the recording?",
        "Our PD will provide a brief update on the curriculum at the next info session.",
        "We will send our regrets to applicants who were not selected by December 1.",
        "We'll send a car to pick you up at the airport.",
        "Updates regarding the second look will be shared via our Instagram page.",
        "Applicants who are invited will receive a Thalamus link.",
        "We'll send you off with a goodie bag at the end of the day!",
        "Interview day materials will be available at check-in.",
        "We will send thank-you notes to all of our faculty.",
        "Lunch will be provided.",
        "I'll hand the parking pass to you at the front desk.",
        "We will ask the committee to send their scores.",
        "Your evaluations will be shared with your interviewers.",
        "We will explain the schedule to you during orientation.",
        "Dear Dr. Lin,\nAs we discussed, I will forward my poster abstract this week.\n\nBest "
        "regards,\nJordan Reyes\nMS4, Midlands University School of Medicine",
        "Thanks!\n\nOn Tue, Nov 3, 2026 at 9:00 AM Kim <k@x.example> wrote:\n> I will send the "
        "itinerary by Friday.",
    ],
)
def test_never_a_promise(text: str) -> None:
    assert read(text) == []


def test_a_request_and_a_promise_in_one_sentence() -> None:
    [promise] = read(
        "Please complete the survey by Friday, and we will send the recording of the info "
        "session next week."
    )
    assert promise.topic_label == "the recording of the info session"


def test_a_quoted_student_signature_does_not_silence_the_program() -> None:
    [promise] = read(
        "We will send the schedule by Friday.\n\nBest,\nAna\n\nFrom: Jordan Reyes <j@x.org>\n"
        "Sent: Monday\nSubject: hi\n\nThanks!\nJordan Reyes\nMS4, Midlands SOM"
    )
    assert promise.when_text == "by Friday"


def test_template_text_is_read_as_data() -> None:
    [promise] = read(
        "Hi {{first_name}}, your personalized interview schedule will be emailed to {{email}} "
        "by Monday, November 23."
    )
    assert promise.topic_label == "your personalized interview schedule"
    assert promise.due == date(2026, 11, 23)


# --- our own examples ------------------------------------------------------------------------


def _own() -> list[dict[str, Any]]:
    items = json.loads(OWN.read_text(encoding="utf-8"))
    assert isinstance(items, list)
    return items


def test_own_examples_follow_the_shared_schema() -> None:
    items = _own()
    assert len(items) >= 80
    assert len({i["id"] for i in items}) == len(items)
    negatives = [i for i in items if not i["expected"]]
    aside = [i for i in items if i["split"] == "aside"]
    assert 0.4 <= len(negatives) / len(items) <= 0.6
    assert len(aside) >= len(items) // 3
    for item in items:
        assert item["kind"] == "promise" and item["origin"] == "written"
        assert item["split"] in ("dev", "aside")
        assert datetime.fromisoformat(item["email_date"]).tzinfo is not None
        ZoneInfo(item["program_timezone"])
        for label in item["expected"]:
            assert label["what"] and ("due" in label) != ("due_range" in label)


def _score(items: list[dict[str, Any]]) -> tuple[float, float, float]:
    tp = fp = fn = due_ok = 0
    for item in items:
        zone = ZoneInfo(item["program_timezone"])
        got = read(item["text"], datetime.fromisoformat(item["email_date"]), zone)
        left = list(item["expected"])
        for promise in got:
            label = next((x for x in left if what_matches(promise.topic_label, x["what"])), None)
            if label is None:
                fp += 1
                continue
            left.remove(label)
            tp += 1
            due_ok += _due_matches(label, promise, zone)
        fn += len(left)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), due_ok / max(1, tp)


def _due_matches(label: dict[str, Any], promise: Promise, zone: ZoneInfo) -> bool:
    def day(value: str) -> date:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value).astimezone(zone).date()

    if "due_range" in label:
        start, end = label["due_range"]
        return promise.due_explicit and day(start) <= promise.due <= day(end)
    if label["due"] == "none":
        return not promise.due_explicit
    return promise.due_explicit and promise.due == day(label["due"])


def test_own_dev_examples_meet_the_targets() -> None:
    # The aside examples are measured (bench/mail_facts.py) but never pinned: a failing test
    # would be read, and the aside set is never tuned on.
    precision, recall, due = _score([i for i in _own() if i["split"] == "dev"])
    assert precision >= 0.98 and recall >= 0.9 and due >= 0.9, (precision, recall, due)


# --- fulfilment --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "what", "delivered"),
    [
        ("Hi Jordan, attached is the FAQ you asked about.", "", "the J-1 visa FAQ", True),
        (
            "The code for the hotel block is RIVER26.",
            "",
            "the hotel block code for the Riverside Inn",
            True,
        ),
        ("Join Zoom Meeting https://zoom.us/j/1", "Interview tomorrow", "the Zoom link", True),
        ("Dinner will be at Luigi's, 123 Main St, at 7 PM.", "", "the dinner location", True),
        ("Your itinerary will be sent tomorrow.", "Itinerary", "your itinerary", False),
        ("We will share the dinner location soon.", "", "the dinner location", False),
        ("Thanks for coming to dinner!", "", "the dinner location", False),
        ("Attached is the parking map.", "Parking", "the J-1 visa FAQ", False),
    ],
)
def test_a_later_message_delivers_the_object(
    text: str, subject: str, what: str, delivered: bool
) -> None:
    assert delivers(text, subject, slug(what)) is delivered
