"""Second round of promise wording families (tests/corpus/promises-round2.json): motion
towards the applicant, terse subjectless notes, intent verbs, British and Indian English,
"make sure you have", "allow N days for", plain-text tables; and what stays no promise."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.facts.promises import extract_promises
from tests.support.promise_corpus import what_matches

ROUND2 = Path(__file__).resolve().parents[2] / "corpus" / "promises-round2.json"
EASTERN = ZoneInfo("America/New_York")
TUE = datetime(2026, 11, 10, 10, 0, tzinfo=EASTERN)  # Tuesday; Veterans Day is tomorrow


def read(text: str, sent: datetime = TUE) -> list[tuple[str, str | None]]:
    return [
        (p.topic_label, p.due.isoformat() if p.due_explicit else None)
        for p in extract_promises(text, sent, EASTERN)
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # motion towards the applicant
        (
            "Your parking pass will be headed your way by Friday.",
            ("your parking pass", "2026-11-13"),
        ),
        (
            "The Zoom link will make its way to your inbox on Monday.",
            ("the Zoom link", "2026-11-16"),
        ),
        ("The agenda will be winging its way to you on Friday.", ("the agenda", "2026-11-13")),
        # terse notes without a subject, with a time
        ("Sending the lunch menu your way by tonight!", ("the lunch menu", "2026-11-10")),
        (
            "Sending over the call schedule first thing tomorrow.",
            ("the call schedule", "2026-11-11"),
        ),
        ("Will revert with the final timings by tomorrow.", ("the final timings", "2026-11-11")),
        # intent and ability
        (
            "We anticipate releasing our newsletter in mid-January.",
            ("our newsletter", "2027-01-20"),
        ),
        ("We intend on sharing the recording next week.", ("the recording", "2026-11-20")),
        (
            "We'll be in a position to share the itinerary by Monday.",
            ("the itinerary", "2026-11-16"),
        ),
        ("I will make sure you have the schedule before Friday.", ("the schedule", "2026-11-13")),
        # other sending verbs, passive
        (
            "The list of interviewers will be intimated to you by Friday.",
            ("the list of interviewers", "2026-11-13"),
        ),
        ("Certificates will be issued within 3–5 weeks.", ("Certificates", "2026-12-15")),
        ("Updated schedules will be re-sent by Friday.", ("Updated schedules", "2026-11-13")),
        (
            "The survey link will go live and be emailed to you on Friday.",
            ("the survey link", "2026-11-13"),
        ),
        ("I'll ping you the link tomorrow.", ("the link", "2026-11-11")),
        ("I'll be sending round the rota next week.", ("the rota", "2026-11-20")),
        # what the applicant will see or should allow for
        (
            "You should see an email with the Webex link later today.",
            ("the Webex link", "2026-11-10"),
        ),
        ("Please allow 5-7 business days for the forms to arrive.", ("the forms", "2026-11-20")),
        ("More to come on the hotel block next week.", ("the hotel block", "2026-11-20")),
        (
            "The GME office will be in contact with you regarding the visa documents.",
            ("the visa documents", None),
        ),
        ("A reminder with your Zoom link will go out tomorrow.", ("your Zoom link", "2026-11-11")),
    ],
)
def test_families_of_wording(text: str, want: tuple[str, str | None]) -> None:
    assert read(text) == [want]


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("within a fortnight", "2026-11-24"),
        ("by close of play on Thursday", "2026-11-12"),
        ("by Wednesday next week", "2026-11-18"),
        ("this coming Monday", "2026-11-16"),
        ("by Monday 5 PM PT", "2026-11-16"),
        ("end of business tomorrow", "2026-11-11"),
        ("between Nov 16 and Nov 18", "2026-11-16"),
        ("at the start of next week", "2026-11-18"),
        ("ahead of the weekend", "2026-11-13"),
    ],
)
def test_due_phrases_round_two(phrase: str, due: str) -> None:
    assert read(f"We will send the itinerary {phrase}.") == [("the itinerary", due)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Our residents made a video tour, which we will share after the session.",
            [("a video tour", None)],
        ),
        ("You're going to get a welcome packet in December.", [("a welcome packet", "2026-12-31")]),
        ("Our team will reach out separately with the forms.", [("the forms", None)]),
        ("HR will be contacting you with onboarding paperwork.", [("onboarding paperwork", None)]),
        (
            "Details on the social are to be shared next week.",
            [("details on the social", "2026-11-20")],
        ),
        (
            "The itinerary is in the works and should be out by Friday.",
            [("the itinerary", "2026-11-13")],
        ),
        ("We'll get the itinerary across by Thursday.", [("the itinerary", "2026-11-12")]),
        (
            "We'll have the parking map emailed to you by Tuesday.",
            [("the parking map", "2026-11-17")],
        ),
        (
            "The team will be in touch with the Zoom details nearer the date.",
            [("the Zoom details", None)],
        ),
        (
            "Look forward to an email with the Zoom details on Monday.",
            [("the Zoom details", "2026-11-16")],
        ),
        (
            "The following will be emailed to you by Friday: the itinerary, the map, and the code.",
            [
                ("the itinerary", "2026-11-13"),
                ("the map", "2026-11-13"),
                ("the code", "2026-11-13"),
            ],
        ),
    ],
)
def test_relatives_lists_contact_and_passive_families(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert read(text) == want


def test_a_list_label_names_what_this_stands_for() -> None:
    text = "Next steps:\n• Post-interview survey — we'll email this after your interview day"
    assert read(text) == [("Post-interview survey", None)]


def test_a_smiley_ends_its_line_so_the_next_line_keeps_its_own_time() -> None:
    text = "Your parking pass will be headed your way by Friday :)\nSending the menu by tonight!"
    assert read(text) == [("your parking pass", "2026-11-13"), ("the menu", "2026-11-10")]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for letting us know. We'll update your file with the new phone number.",
        "Your welcome packet has been dispatched and should reach you by Friday.",
        "Your badge will be issued at check-in.",
        "Interview offers will be issued on a rolling basis through December.",
        "Sending you good vibes for Thursday!",
        "Sending a quick reminder that your interview is tomorrow.",
        "We look forward to sharing our program with you on Friday.",
        "We will be in contact with your references next week.",
        "You'll see the residents at the social tomorrow.",
        "Please make sure you have your ID with you on Friday.",
        "Allow 30 minutes for parking on the day.",
        "I'll ping you if there's a cancellation.",
        "I've asked Dr. Patel to forward your CV to the committee.",
        "Our coordinator will contact you about scheduling.",
        "You're going to get a great sense of the program on Thursday.",
        "The hotel information is to be sent by you to the GME office by Friday.",
        "The following residents will be joining the lunch: Dr. Ames and Dr. Boyd.",
        "We look forward to sharing our program with you on Friday.",
        "We look forward to your email.",
        "Please read the article, which we will discuss on Friday.",
    ],
)
def test_never_a_promise_round_two(text: str) -> None:
    assert read(text) == []


def _score(items: list[dict[str, Any]]) -> tuple[float, float]:
    tp = fp = fn = 0
    for item in items:
        zone = ZoneInfo(item["program_timezone"])
        sent = datetime.fromisoformat(item["email_date"])
        left = list(item["expected"])
        for promise in extract_promises(item["text"], sent, zone):
            label = next((x for x in left if what_matches(promise.topic_label, x["what"])), None)
            if label is None:
                fp += 1
                continue
            left.remove(label)
            tp += 1
        fn += len(left)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def test_round_two_dev_examples_meet_the_targets() -> None:
    # the aside part is measured by bench/mail_facts.py only, never pinned here
    items = json.loads(ROUND2.read_text(encoding="utf-8"))
    assert len([i for i in items if i["split"] == "aside"]) >= 20
    precision, recall = _score([i for i in items if i["split"] == "dev"])
    assert precision >= 0.98 and recall >= 0.95, (precision, recall)


def test_an_interview_date_written_day_first_anchors_the_due() -> None:
    text = (
        "We are pleased to confirm your interview slot on 2nd December 2026. "
        "The meeting link shall be shared with you one day prior to the interview."
    )
    assert read(text) == [("the meeting link", "2026-12-01")]


def test_a_date_in_brackets_after_an_anchor_is_the_due_itself() -> None:
    text = "Zoom links: you'll get these from Thalamus the night before (Thursday, Dec 10)"
    assert read(text) == [("Zoom links", "2026-12-10")]


def test_a_label_in_the_same_line_names_it_and_a_quoted_title_stays_in_the_object() -> None:
    text = (
        "Our site has the brochure.\nPost-interview survey: watch for it Monday\n"
        'The chiefs are making a "survival guide" to Denver and we\'ll share it next week.'
    )
    assert read(text) == [
        ("Post-interview survey", "2026-11-16"),
        ("a survival guide to Denver", "2026-11-20"),  # the quotes dropped, the words kept
    ]


def test_its_coming_and_an_aside_listing_the_contents() -> None:
    text = (
        "Your itinerary is basically done, and then it's coming straight to your inbox by Friday. "
        "Your interview pack, comprising the timetable, joining instructions and a campus map, "
        "will be posted to your address within seven working days."
    )
    assert read(text) == [("your itinerary", "2026-11-13"), ("your interview pack", "2026-11-20")]


def test_the_outcome_is_about_selection_not_a_promise() -> None:
    assert read("We shall inform you of the outcome in due course.") == []


def test_programs_in_general_and_a_subgroup_of_applicants_are_not_a_promise_to_you() -> None:
    text = (
        "Per ERAS guidelines, programs will release interview invitations on a rolling basis. "
        "The program will host a second look for ranked applicants; details will be sent to "
        "those applicants in January."
    )
    assert read(text) == []
