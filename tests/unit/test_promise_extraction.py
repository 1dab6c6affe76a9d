"""Every label of the promise corpus, plus delivery and mention checks."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from agent.facts.promises import Promise, delivers, extract_promises, mentions
from tests.support.promise_corpus import CASES, MESSAGES, SENTENCES, Case, local


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
    got_pairs = [(pr.topic, pr.due, pr.due_explicit) for pr in got]
    want = [(e.topic, e.due or _default_due(case), e.due is not None) for e in case.expected]
    assert sorted(got_pairs) == sorted(want), "\n".join(pr.sentence for pr in got)


@pytest.mark.parametrize("case", [c for c in CASES if c.is_promise], ids=lambda c: c.id)
def test_promise_keeps_sentence_and_when_text(case: Case) -> None:
    for pr in _extract(case):
        assert pr.sentence and pr.sentence in " ".join(case.text.split())
        assert pr.topic_label
        assert (pr.when_text != "") == pr.due_explicit
        if pr.when_text:
            assert (
                pr.when_text.lower() in pr.sentence.lower()
                or pr.when_text
                in (
                    "the week before",
                    "the day before",
                )
                or "before" in pr.when_text
            )


def test_labels_name_the_thing_back() -> None:
    sent = local("2026-10-20T14:00")
    tz = ZoneInfo("America/New_York")
    [second_look] = extract_promises(
        "Details about our Second Look Day will be sent to all interviewees by November 1.",
        sent,
        tz,
    )
    assert second_look.topic_label == "details about the Second Look Day"
    assert second_look.when_text == "by November 1"
    [social] = extract_promises(
        "You'll receive the link to our virtual social within 48 hours.", sent, tz
    )
    assert social.topic_label == "the link to the virtual social"
    assert social.when_text == "within 48 hours"


def test_default_days_is_configurable() -> None:
    sent = local("2026-10-20T14:00")
    [pr] = extract_promises(
        "We will send the survey soon.", sent, ZoneInfo("America/New_York"), default_days=10
    )
    assert pr.due.isoformat() == "2026-10-30"
    assert not pr.due_explicit
    assert pr.when_text == ""


def test_extraction_is_deterministic() -> None:
    for case in CASES:
        assert _extract(case) == _extract(case)


@pytest.mark.parametrize(
    ("text", "subject", "topic", "expected"),
    [
        ("Here is the link to our virtual social: https://zoom.us/j/123", "", "social", True),
        ("Reminder: second look details will follow next week.", "Reminder", "second-look", False),
        (
            "Second Look Day: Saturday, November 14, 9:00 am - 1:00 pm. Register here: "
            "https://thalamusgme.com/r/x",
            "Second Look Day",
            "second-look",
            True,
        ),
        ("Our Second Look Day is on Saturday, November 14 at 9:00 am.", "", "second-look", True),
        (
            "Please see the attached updated schedule.",
            "Updated interview schedule",
            "schedule",
            True,
        ),
        ("Please complete the post-interview survey: https://forms.gle/abc", "", "survey", True),
        ("We will send the survey link soon.", "Follow-up", "survey", False),
        (
            "The recording of the information session is now available on our website.",
            "",
            "recording",
            True,
        ),
        (
            "Thanks!\n\nOn Tue, Oct 20, 2026 at 2:00 PM Coordinator wrote:\n"
            "> Here is the link to the social: https://zoom.us/j/1",
            "Re: Social",
            "social",
            False,
        ),
        ("Thank you for attending the social.", "", "social", False),
        (
            "Second look details will be sent by November 1.",
            "Second Look Day",
            "second-look",
            False,
        ),
        ("Parking: use Garage B; your parking pass is attached.", "", "parking", True),
        (
            "Here is the agenda for the day: 8:00 am breakfast, 9:00 am interviews.",
            "",
            "schedule",
            True,
        ),
        ("The survey closes Friday.", "Post-interview survey", "survey", False),
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
    ],
)
def test_delivers(text: str, subject: str, topic: str, expected: bool) -> None:
    assert delivers(text, subject, topic) is expected


@pytest.mark.parametrize(
    ("text", "topic", "expected"),
    [
        ("Thank you! I have registered for the Second Look Day.", "second-look", True),
        ("Thank you for the wonderful interview day.", "second-look", False),
        ("I wanted to ask whether the recording of the session is available.", "recording", True),
        ("Thanks again!\n\nOn Mon, Oct 19 Coordinator wrote:\n> the survey link", "survey", False),
        ("I completed the post-interview survey this morning.", "survey", True),
        ("Could you resend the Zoom link for the virtual social?", "social", True),
        ("I enjoyed meeting the residents.", "social", False),
    ],
    ids=[
        "second-look-registered",
        "no-topic",
        "recording-question",
        "only-in-quote",
        "survey-done",
        "social-link",
        "residents-not-social",
    ],
)
def test_mentions(text: str, topic: str, expected: bool) -> None:
    assert mentions(text, topic) is expected
