"""Every label of the promise corpus, plus delivery and mention checks."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from agent.facts.promise_objects import slug
from agent.facts.promises import Promise, delivers, extract_promises, mentions
from tests.support.promise_corpus import (
    CASES,
    MESSAGES,
    SENTENCES,
    Case,
    local,
    what_matches,
)


def _extract(case: Case) -> list[Promise]:
    return extract_promises(case.text, case.sent, ZoneInfo(case.tz))


def _default_due(case: Case):  # type: ignore[no-untyped-def]
    return case.sent.astimezone(ZoneInfo(case.tz)).date() + timedelta(days=7)


def test_corpus_is_large_enough() -> None:
    assert len(SENTENCES) >= 100
    assert len(MESSAGES) >= 12
    assert any(not c.is_promise for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_label(case: Case) -> None:
    got = _extract(case)
    left = list(case.expected)
    for pr in got:
        match = next((e for e in left if what_matches(pr.topic_label, e.what)), None)
        assert match is not None, f"unexpected {pr.topic_label!r} in {pr.sentence!r}"
        left.remove(match)
        assert pr.due == (match.due or _default_due(case)), pr.when_text
        assert pr.due_explicit == (match.due is not None)
    assert not left, f"missed {[e.what for e in left]}"


@pytest.mark.parametrize("case", [c for c in CASES if c.is_promise], ids=lambda c: c.id)
def test_promise_keeps_sentence_and_when_text(case: Case) -> None:
    for pr in _extract(case):
        assert pr.sentence and pr.sentence in " ".join(case.text.split())
        assert pr.topic_label and pr.topic
        if pr.due_explicit:
            assert pr.when_text.lower() in pr.sentence.lower() or "before" in pr.when_text


def test_labels_name_the_thing_back() -> None:
    sent = local("2026-10-20T14:00")
    tz = ZoneInfo("America/New_York")
    [second_look] = extract_promises(
        "Details about our Second Look Day will be sent to all interviewees by November 1.",
        sent,
        tz,
    )
    assert second_look.topic_label == "details about our Second Look Day"
    assert second_look.topic == "details-about-second-look-day"
    assert second_look.when_text == "by November 1"
    [social] = extract_promises(
        "You'll receive the link to our virtual social within 48 hours.", sent, tz
    )
    assert social.topic_label == "the link to our virtual social"
    assert social.when_text == "within 48 hours"


def test_default_days_is_configurable() -> None:
    sent = local("2026-10-20T14:00")
    [pr] = extract_promises(
        "We will send the survey soon.", sent, ZoneInfo("America/New_York"), default_days=10
    )
    assert pr.due.isoformat() == "2026-10-30"
    assert not pr.due_explicit
    assert pr.when_text == "soon"  # the phrase as written, though it gives no date


def test_extraction_is_deterministic() -> None:
    for case in CASES:
        assert _extract(case) == _extract(case)


@pytest.mark.parametrize(
    ("text", "subject", "what", "expected"),
    [
        (
            "Here is the link to our virtual social: https://zoom.us/j/123",
            "",
            "the link to our virtual social",
            True,
        ),
        (
            "Reminder: second look details will follow next week.",
            "Reminder",
            "second look details",
            False,
        ),
        (
            "Second Look Day: Saturday, November 14, 9:00 am - 1:00 pm. Register here: "
            "https://thalamusgme.com/r/x",
            "Second Look Day",
            "details about the Second Look Day",
            True,
        ),
        (
            "Our Second Look Day is on Saturday, November 14 at 9:00 am.",
            "",
            "details about our Second Look Day",
            True,
        ),
        (
            "Please see the attached updated schedule.",
            "Updated interview schedule",
            "the updated interview schedule",
            True,
        ),
        (
            "Please complete the post-interview survey: https://forms.gle/abc",
            "",
            "the link to the post-interview survey",
            True,
        ),
        ("We will send the survey link soon.", "Follow-up", "the survey link", False),
        (
            "The recording of the information session is now available on our website.",
            "",
            "the recording of the information session",
            True,
        ),
        (
            "Thanks!\n\nOn Tue, Oct 20, 2026 at 2:00 PM Coordinator wrote:\n"
            "> Here is the link to the social: https://zoom.us/j/1",
            "Re: Social",
            "the link to the social",
            False,
        ),
        ("Thank you for attending the social.", "", "the link to the social", False),
        (
            "Second look details will be sent by November 1.",
            "Second Look Day",
            "second look details",
            False,
        ),
        (
            "Parking: use Garage B; your parking pass is attached.",
            "",
            "your parking pass",
            True,
        ),
        (
            "Here is the agenda for the day: 8:00 am breakfast, 9:00 am interviews.",
            "",
            "the agenda for the day",
            True,
        ),
        (
            "The survey closes Friday.",
            "Post-interview survey",
            "the post-interview survey",
            False,
        ),
        (
            "As promised, here is the J-1 visa FAQ: https://gme.example.org/j1",
            "",
            "the J-1 visa FAQ",
            True,
        ),
        ("Attached is the parking map.", "", "the J-1 visa FAQ", False),
        (
            "Here is the link to the virtual social: https://zoom.us/j/1",
            "",
            "the Zoom link for your interview",
            False,
        ),
        (
            "Your Zoom link for Thursday: https://zoom.us/j/9",
            "Interview reminder",
            "the Zoom link",
            True,
        ),
        (
            "The schedule for the virtual second look evening is attached.",
            "",
            "the schedule for your virtual second look evening",
            True,
        ),
        (
            "We will send the schedule for the second look evening next week.",
            "",
            "the schedule for your virtual second look evening",
            False,
        ),
        (
            "Thanks for coming to the second look evening!",
            "",
            "the schedule for your virtual second look evening",
            False,
        ),
        (
            "Attached is our hotel block information for the interview weekend.",
            "Hotel",
            "hotel block information",
            True,
        ),
    ],
    ids=[
        "social-link",
        "reminder-will-follow",
        "second-look-registration",
        "second-look-time",
        "attached-schedule-subject",
        "survey-link-in-request",
        "survey-still-promised",
        "recording-now-available",
        "only-in-quote",
        "social-mentioned",
        "subject-but-promise",
        "parking-attached",
        "agenda-here-is",
        "survey-no-link",
        "faq-as-promised",
        "other-object-attached",
        "social-link-is-not-interview-link",
        "zoom-link-head-alone",
        "open-vocabulary-schedule-attached",
        "open-vocabulary-still-promised",
        "open-vocabulary-mentioned-only",
        "hotel-block-attached",
    ],
)
def test_delivers(text: str, subject: str, what: str, expected: bool) -> None:
    assert delivers(text, subject, slug(what)) is expected


@pytest.mark.parametrize(
    ("text", "what", "expected"),
    [
        (
            "Thank you! I have registered for the Second Look Day.",
            "details about the Second Look Day",
            True,
        ),
        ("Thank you for the wonderful interview day.", "details about the Second Look Day", False),
        (
            "I wanted to ask whether the recording of the session is available.",
            "the recording of the information session",
            True,
        ),
        (
            "Thanks again!\n\nOn Mon, Oct 19 Coordinator wrote:\n> the survey link",
            "the survey link",
            False,
        ),
        ("I completed the post-interview survey this morning.", "the post-interview survey", True),
        (
            "Could you resend the Zoom link for the virtual social?",
            "the link to our virtual social",
            True,
        ),
        ("I enjoyed meeting the residents.", "the link to our virtual social", False),
        ("Could you resend the J-1 FAQ?", "the J-1 visa FAQ", True),
    ],
    ids=[
        "second-look-registered",
        "no-topic",
        "recording-question",
        "only-in-quote",
        "survey-done",
        "social-link",
        "residents-not-social",
        "open-vocabulary-faq",
    ],
)
def test_mentions(text: str, what: str, expected: bool) -> None:
    assert mentions(text, slug(what)) is expected
