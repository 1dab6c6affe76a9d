"""The labelled mail corpora read through the real CLI (`agent sync` + `agent status --json`
on a Maildir), with floors on the figures; and the scorer itself on hand-made predictions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.support.facts_corpus import (
    SHARED_CORPUS,
    Prediction,
    Staged,
    batches,
    own_items,
    platform_name,
    predict,
    split_of,
    stage,
)
from tests.support.facts_scoring import (
    Report,
    due_right,
    interview_right,
    same_person,
    same_what,
    score,
)

CT = ZoneInfo("America/Chicago")
OWNER = "Jordan Reyes <jordan.reyes@mail.example>"


def item(kind: str, expected: Any, text: str = "Hello.", **extra: Any) -> dict[str, Any]:
    return {
        "id": extra.pop("id", f"t-{kind}"),
        "kind": kind,
        "origin": "written",
        "email_date": extra.pop("email_date", "2026-11-02T10:00:00-06:00"),
        "program_timezone": "America/Chicago",
        "text": text,
        "expected": expected,
        **extra,
    }


# ---------------------------------------------------------------- the scorer's rules


def test_what_matches_leniently_but_not_anything() -> None:
    assert same_what("the Zoom link", "Zoom link")
    assert same_what("“The ZOOM link!”", "the zoom link")
    assert same_what("your interview-day schedule", "the schedule for your interview-day")
    assert not same_what("the Zoom link", "hotel block information")
    assert not same_what("the FAQ", "the itinerary")  # filler words do not count
    assert not same_what("the map", "the maple syrup")  # words, not letters
    assert not same_what("the Zoom link", "")


def test_due_as_date_instant_range_and_none() -> None:
    dated = {"due": "2026-11-06", "due_explicit": True}
    undated = {"due": "2026-11-09", "due_explicit": False}
    assert due_right({"what": "x", "due": "2026-11-06"}, dated, CT)
    assert not due_right({"what": "x", "due": "2026-11-07"}, dated, CT)
    # An instant label is matched on its day in the program's zone when the JSON has a date.
    assert due_right({"what": "x", "due": "2026-11-07T01:30:00+00:00"}, dated, CT)
    assert not due_right({"what": "x", "due": "2026-11-07T12:00:00+00:00"}, dated, CT)
    assert due_right({"what": "x", "due_range": ["2026-11-02", "2026-11-06"]}, dated, CT)
    assert not due_right({"what": "x", "due_range": ["2026-11-09", "2026-11-13"]}, dated, CT)
    # due_explicit false is "none": it matches only a "none" label, whatever its default day.
    assert due_right({"what": "x", "due": "none"}, undated, CT)
    assert not due_right({"what": "x", "due": "2026-11-09"}, undated, CT)
    assert not due_right({"what": "x", "due": "none"}, dated, CT)


def test_interview_instants_dates_defaults_and_cancellation() -> None:
    got = {"start": "2026-11-10T09:00:00-05:00", "end": "2026-11-10T13:30:00-05:00"}
    label = {"start": "2026-11-10T08:00:00-06:00", "end": "2026-11-10T12:30:00-06:00"}
    assert interview_right({**label, "cancelled": False}, {**got, "cancelled": False}, CT)
    assert not interview_right({**label, "cancelled": True}, {**got, "cancelled": False}, CT)
    assert not interview_right(
        {**label, "cancelled": False, "end": None}, {**got, "cancelled": False}, CT
    )
    # The default end (start + 4 h) counts as no end; a date label matches any time that day.
    default = {"start": "2026-11-10T08:00:00-06:00", "end": "2026-11-10T12:00:00-06:00"}
    dated = {"start": "2026-11-10", "end": None, "cancelled": False}
    assert interview_right(dated, {**default, "cancelled": False}, CT)
    assert not interview_right(
        {**dated, "start": "2026-11-11"}, {**default, "cancelled": False}, CT
    )
    day_only = {"start": "2026-11-10", "end": None, "cancelled": False}
    assert interview_right(dated, day_only, CT)
    assert not interview_right({**label, "cancelled": False, "end": None}, day_only, CT)
    unnamed = {"start": None, "end": None, "cancelled": True}
    assert interview_right(unnamed, {**default, "cancelled": True}, CT)


def test_people_match_without_honorifics_credentials_or_middle_initials() -> None:
    assert same_person("Jane Doe", "Dr. Jane Q. Doe, MD")
    assert same_person("Jane Doe", "Doe, Jane")
    assert same_person("Okafor", "Dr. Ruth Okafor")
    assert same_person("Wei Zhang", "WEI ZHANG, MD, PhD")
    assert not same_person("Jane Doe", "John Doe")
    assert not same_person("Jane Doe", "Dr.")


def test_scores_pair_one_to_one_and_count_every_kind() -> None:
    items = [
        item(
            "promise",
            [
                {"what": "the Zoom link", "due": "2026-11-06"},
                {"what": "parking pass", "due": "none"},
            ],
        ),
        item("promise", [], id="t-neg"),
        item("interview", None, id="t-int"),
        item("policy", "no-contact", id="t-pol"),
        item("policy", None, id="t-pol-null"),
        item(
            "interviewers",
            [{"name": "Jane Doe", "role": "Program Director", "email": None}],
            id="t-people",
        ),
    ]
    zoom = {"what": "Zoom link", "due": "2026-11-06", "due_explicit": True}
    predictions = [
        # the same object read twice: one pair, one false promise
        Prediction(promises=[zoom, {**zoom, "due": "2026-11-05"}]),
        Prediction(promises=[{"what": "a tote bag", "due": "2026-11-09", "due_explicit": False}]),
        Prediction(interview={"start": "2026-11-10T08:00:00-06:00", "cancelled": False}),
        Prediction(policy="discouraged"),
        Prediction(policy=None),
        Prediction(interviewers=[{"name": "Dr. Jane Doe", "role": "PD", "email": None}]),
    ]
    report = score(items, predictions)
    p = report.promises
    assert (p.items, p.labels, p.predicted, p.found, p.right) == (2, 2, 3, 1, 1)
    assert p.precision == pytest.approx(1 / 3) and p.recall == pytest.approx(1 / 2)
    i = report.interviews
    assert (i.labels, i.predicted, i.found) == (0, 1, 0)
    c = report.policies
    assert c.extra["exact"] == 1 and c.ratio("restrictive_right", "restrictive_labels") == 0
    assert c.extra["restrictive_predicted"] == 1
    w = report.interviewers
    assert (w.labels, w.predicted, w.found, w.right) == (1, 1, 1, 1)
    assert any("parking pass" in m for m in report.misses)
    assert any("a tote bag" in m for m in report.misses)


def test_whole_emails_are_scored_on_every_part() -> None:
    mail = item(
        "email",
        {"promises": [], "interview": None, "policy": "welcome", "interviewers": []},
        raw="",
    )
    report = score([mail], [Prediction(policy="welcome")])
    assert report.emails == report.emails_right == 1
    report = score([mail], [Prediction(policy="welcome", promises=[{"what": "x", "due": None}])])
    assert report.emails_right == 0 and report.promises.predicted == 1


# ---------------------------------------------------------------- building the mailbox


def _raw(sender: str, subject: str, to: str = OWNER, msg_id: str = "<a@x.example>") -> str:
    return (
        f"From: {sender}\nTo: {to}\nSubject: {subject}\n"
        f"Date: Mon, 02 Nov 2026 10:00:00 -0600\nMessage-ID: {msg_id}\n\nHello.\n"
    )


def _staged(*raws: str) -> list[Staged]:
    owners = frozenset({"jordan.reyes@mail.example"})
    return [
        stage(item("email", {}, raw=r, id=f"e{n}"), n, owners, OWNER) for n, r in enumerate(raws, 1)
    ]


def test_platform_mail_names_its_program_and_program_mail_its_domain() -> None:
    assert platform_name("Interview Confirmed: Cascadia Family Medicine") == (
        "Cascadia Family Medicine"
    )
    assert platform_name("New message from Blue Ridge Neurology") == "Blue Ridge Neurology"
    platform, program, sent, fellow = _staged(
        _raw("Thalamus <no-reply@thalamusgme.com>", "Interview Confirmed: Cascadia FM"),
        _raw("Ana <ana@bayou.example>", "Re: your visit", msg_id="<b@x.example>"),
        _raw(OWNER, "Thank you", to="ana@bayou.example", msg_id="<c@x.example>"),
        _raw("Sam <sam@gmail.example>", "Re: hi", to=f"{OWNER}, ana@bayou.example"),
    )
    assert (platform.domains, platform.aliases) == ([], ["Cascadia FM"])
    assert (program.domains, program.folder) == (["bayou.example"], "inbox")
    assert sent.folder == "sent"
    assert fellow.domains == ["bayou.example"]  # never the webmail of a fellow applicant
    (to_self,) = _staged(_raw(OWNER, "Re: Interview confirmation", msg_id="<d@x.example>"))
    assert (to_self.domains, to_self.aliases, to_self.folder) == ([], [], "sent")
    # Two items at one domain, or with one Message-ID, never share a mailbox.
    groups = batches([platform, program, sent, fellow])
    assert [[s.item["id"] for s in g] for g in groups] == [["e1", "e2"], ["e3"], ["e4"]]


def test_own_corpus_reads_mail_facts_items_only(tmp_path: Path) -> None:
    (tmp_path / "policies.json").write_text(json.dumps([item("policy", None, split="aside")]))
    (tmp_path / "discovery.json").write_text(json.dumps([{"id": "a1", "messages": []}]))
    (found,) = own_items(tmp_path)
    assert (found["file"], split_of(found)) == ("policies.json", "aside")


def test_mailboxes_hold_a_bounded_number_of_items() -> None:
    many = _staged(*(_raw(f"c <c@p{n}.example>", f"s{n}", msg_id=f"<{n}@x>") for n in range(5)))
    assert [len(g) for g in batches(many, size=2)] == [2, 2, 1]


def test_each_item_gets_its_own_programs_reading() -> None:
    confirmed = item(
        "interview",
        {"start": "2026-11-10T08:00:00-06:00", "end": None, "cancelled": False},
        "Your interview is confirmed for Tuesday, November 10, 2026 at 8:00 AM CT.",
        id="t-yes",
    )
    nothing = item("interview", None, "Thank you for applying to our program.", id="t-no")
    got = predict([nothing, confirmed])
    assert got[0].interview is None and got[0].crashed is None
    assert got[1].interview is not None
    assert got[1].interview["start"] == "2026-11-10T08:00:00-06:00"


# ---------------------------------------------------------------- the corpora, with floors

# Floors sit just under the figures measured on 2026-11-30 14:08 UTC (the measured figure is in the
# comment): 2 points under on the shared corpus and our dev examples, which the readers were
# tuned on; 4 under on the aside examples, to which new unseen examples keep being added.
# Raise them when a reader gets better; never lower them to make a change pass.
# 2026-11-30 20:30 UTC: 15 interview examples in phrasings the readers do not know (round 3,
# tests/corpus/interviews-round3.json) were added to hold that an unread interview is listed
# under needs_you; the interview floors were measured again on the larger sets (the readers
# read every older example as before), and unread_flagged added.
FLOORS: dict[str, dict[str, float]] = {
    "shared": {
        "promise_precision": 0.98,  # 1.000
        "promise_recall": 0.98,  # 1.000
        "promise_due": 0.98,  # 1.000
        "interview_recall": 0.98,  # 1.000
        "interview_time": 0.98,  # 1.000
        "interview_precision": 0.98,  # 1.000
        "policy_label": 0.98,  # 1.000
        "restrictive_precision": 0.98,  # 1.000
        "restrictive_recall": 0.98,  # 1.000
        "interviewer_precision": 0.98,  # 1.000
        "interviewer_recall": 0.98,  # 1.000
    },
    "dev": {
        "promise_precision": 0.97,  # 0.997
        "promise_recall": 0.97,  # 0.997
        "promise_due": 0.98,  # 1.000
        "interview_recall": 0.93,  # 0.951 (1.000 before round 3)
        "interview_time": 0.92,  # 0.943 (0.991 before round 3)
        "unread_flagged": 0.98,  # 1.000 (6/6)
        "interview_precision": 0.98,  # 1.000
        "policy_label": 0.98,  # 1.000
        "restrictive_precision": 0.98,  # 1.000
        "restrictive_recall": 0.98,  # 1.000
        "interviewer_precision": 0.98,  # 1.000
        "interviewer_recall": 0.98,  # 1.000
    },
    "aside": {
        "promise_precision": 0.95,  # 0.991
        "promise_recall": 0.83,  # 0.874
        "promise_due": 0.91,  # 0.955
        "interview_recall": 0.78,  # 0.820 (0.893 before round 3)
        "interview_time": 0.76,  # 0.803 (0.875 before round 3)
        "unread_flagged": 0.77,  # 0.818 (9/11; 2/6 before needs_you listed timed mail)
        "interview_precision": 0.96,  # 1.000
        "policy_label": 0.87,  # 0.919
        "restrictive_precision": 0.91,  # 0.954
        "restrictive_recall": 0.90,  # 0.947
        "interviewer_precision": 0.94,  # 0.985
        "interviewer_recall": 0.89,  # 0.931
    },
}


def figures(report: Report) -> dict[str, float | None]:
    p, i, c, w = report.promises, report.interviews, report.policies, report.interviewers
    return {
        "promise_precision": p.precision,
        "promise_recall": p.recall,
        "promise_due": p.accuracy,
        "interview_recall": i.recall,
        "interview_time": i.right / i.labels if i.labels else None,
        "interview_precision": i.precision,
        # An interview not read shows under needs_you (a miss is never silent).
        "unread_flagged": i.ratio("missed_flagged", "missed"),
        "policy_label": c.extra["exact"] / c.items if c.items else None,
        "restrictive_precision": c.ratio("restrictive_right", "restrictive_predicted"),
        "restrictive_recall": c.ratio("restrictive_right", "restrictive_labels"),
        "interviewer_precision": w.precision,
        "interviewer_recall": w.recall,
    }


def _check(name: str, report: Report) -> None:
    assert not report.crashed, f"the agent crashed on {report.crashed}"
    got = figures(report)
    low = {
        key: (got[key], floor)
        for key, floor in FLOORS[name].items()
        if got[key] is not None and got[key] < floor  # type: ignore[operator]
    }
    assert not low, f"{name}: below the floor (measured, floor): {low}"


@pytest.mark.skipif(not SHARED_CORPUS.exists(), reason=f"{SHARED_CORPUS} is absent")
def test_shared_dev_corpus_stays_above_its_floors() -> None:
    from tests.support.facts_corpus import load_items

    items = load_items(SHARED_CORPUS)
    _check("shared", score(items, predict(items)))


@pytest.mark.parametrize("split", ["dev", "aside"])
def test_own_examples_stay_above_their_floors(split: str) -> None:
    items = [i for i in own_items() if split_of(i) == split]
    if not items:
        pytest.skip(f"no {split} items in tests/corpus")
    _check(split, score(items, predict(items)))
