"""Readings kept between passes (agent/facts/season_memo.py) read back exactly as read: every
labelled example of the interview, policy and interviewer corpora, read once, kept as the
store keeps it (JSON text) and read back on a later pass without reading the mail again."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import agent.facts.interviewers as interviewers_module
import agent.facts.interviews as interviews_module
import agent.facts.policies as policies_module
from agent.facts.interviews import InterviewReading, ScheduledInterview
from agent.facts.memo import Memo
from agent.facts.season_memo import ADDRESSES, STAMPED, ProgramReadings, stamp
from connectors.base import Address, MailMessage
from connectors.mime import parse_message
from tests.support.builders import config

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ME = "sam.patel@mail.example"
NY = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")


def _items() -> list[dict[str, Any]]:
    names = ("interviews", "interviews-round2", "policies", "policies-round2", "interviewers")
    items = [i for n in names for i in json.loads((CORPUS / f"{n}.json").read_text())]
    return [i for i in items if i["kind"] != "email" or "raw" in i]


def _message(item: dict[str, Any], sent: datetime) -> MailMessage:
    if item["kind"] == "email":
        return parse_message(item["raw"].encode(), id="1", folder="inbox", fallback_date=sent)
    return _mail(item["text"], sent)


def _mail(body: str, sent: datetime, n: int = 0) -> MailMessage:
    return MailMessage(
        id=str(n),
        folder="inbox",
        message_id=f"<{n}@program.example>",
        subject="Interview day",
        sender=Address("Pat Coordinator", "pat@program.example"),
        to=(Address("Sam", ME),),
        cc=(),
        date=sent,
        body=body,
    )


def _all_readings(readings: ProgramReadings, zone: ZoneInfo) -> str:
    """Everything read, as a repr: it shows each time's zone, not only the instant."""
    found = (
        readings.interview(zone, frozenset([ME])),
        readings.policy(),
        readings.interviewers("Sam Patel"),
    )
    return repr(found)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per message a reader reads."""
    seen: list[str] = []
    for module, name in (
        (interviews_module, "_read_message"),
        (policies_module, "policy_of_text"),
        (interviewers_module, "read_itinerary"),
    ):
        real = getattr(module, name)

        def counted(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            seen.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return seen


def test_every_labelled_example_reads_back_as_read(reads: list[str]) -> None:
    items = _items()
    assert len(items) > 500
    for item in items:
        sent = datetime.fromisoformat(item["email_date"])
        zone = ZoneInfo(item["program_timezone"])
        own = [_message(item, sent)]
        first = Memo()
        read = _all_readings(ProgramReadings(first, "P", "stamp", own), zone)
        assert reads, item["id"]
        reads.clear()
        kept = Memo(json.loads(json.dumps(first.new)))  # as the store keeps it: text
        assert _all_readings(ProgramReadings(kept, "P", "stamp", own), zone) == read, item["id"]
        assert reads == [], item["id"]
        assert kept.new == {}


def test_new_inputs_read_the_mail_again(reads: list[str]) -> None:
    own = [
        _mail(
            "Your interview is on Monday, November 2 at 9:00 AM ET.",
            datetime(2026, 10, 1, tzinfo=NY),
        )
    ]
    memo = Memo()
    ProgramReadings(memo, "P", "before", own).interview(NY, frozenset([ME]))
    kept = Memo(dict(memo.new))
    reads.clear()
    # The program's entry changed, its message did not: the message's reading is kept...
    ProgramReadings(kept, "P", "after", own).interview(NY, frozenset([ME]))
    assert reads == []
    # ...unless it was read for another zone.
    ProgramReadings(kept, "P", "in Chicago", own).interview(CHICAGO, frozenset([ME]))
    assert reads == ["_read_message"]


def test_a_new_message_alone_is_read_when_the_others_were_read_before(reads: list[str]) -> None:
    sent = datetime(2026, 10, 1, 9, tzinfo=NY)
    own = [
        _mail("Your interview is on Monday, November 2 at 9:00 AM ET.", sent),
        _mail("Please do not send thank-you notes.", sent + timedelta(days=1), n=1),
        _mail("Your interviewers: Dr. Ana Ruiz and Dr. Ben Cole.", sent + timedelta(days=2), n=2),
    ]
    memo = Memo()
    _all_readings(ProgramReadings(memo, "P", "three", own), NY)
    moved = _mail("Your interview is now Tuesday, November 3 at 10 AM ET.", sent, n=3)
    more = [*own, replace(moved, date=sent + timedelta(days=3))]
    reads.clear()
    again = _all_readings(ProgramReadings(Memo(dict(memo.new)), "P", "four", more), NY)
    assert sorted(reads) == ["_read_message", "policy_of_text", "read_itinerary"]
    reads.clear()
    assert _all_readings(ProgramReadings(None, "P", "", more), NY) == again
    assert "start=datetime.datetime(2026, 11, 3, 10, 0" in again


def test_times_keep_their_zone_and_fold() -> None:
    own = [_mail("x", datetime(2026, 10, 1, tzinfo=NY))]
    ambiguous = datetime(2026, 11, 1, 1, 30, tzinfo=NY, fold=1)  # the second 1:30 AM
    fixed = datetime(2026, 11, 2, 9, tzinfo=timezone(timedelta(hours=-6)))
    reading = InterviewReading(ScheduledInterview(ambiguous, fixed, False, own[0]), own)
    back = _kept_and_back(reading, own)
    assert repr(back) == repr(reading)
    assert back.interview is not None and back.interview.start is not None
    assert back.interview.start.fold == 1 and back.interview.source is own[0]


def test_what_cannot_be_written_down_exactly_is_read_each_time() -> None:
    own = [_mail("x", datetime(2026, 10, 1, tzinfo=NY))]
    stranger = _mail("y", datetime(2026, 10, 2, tzinfo=NY), n=1)
    named = datetime(2026, 11, 2, 9, tzinfo=timezone(timedelta(hours=-5), "EST"))
    for reading in (
        InterviewReading(ScheduledInterview(named, None, False, own[0])),
        InterviewReading(None, [stranger]),  # a message outside the program's own mail
    ):
        memo = Memo()
        readings = ProgramReadings(memo, "P", "stamp", own)
        assert readings._through("interview", lambda r=reading: r) is reading
        assert memo.new == {}


def _kept_and_back(reading: InterviewReading, own: list[MailMessage]) -> InterviewReading:
    memo = Memo()
    ProgramReadings(memo, "P", "stamp", own)._through("interview", lambda: reading)
    kept = Memo(json.loads(json.dumps(memo.new)))
    back: InterviewReading = ProgramReadings(kept, "P", "stamp", own)._through(
        "interview", lambda: pytest.fail("read again")
    )
    return back


def test_the_stamp_changes_with_every_field_of_a_message() -> None:
    cfg = config()
    (entry,) = cfg.programs
    base = _mail("Body", datetime(2026, 10, 1, tzinfo=NY))
    # Every field that makes a message what it is (the digest it may carry is not one).
    assert {f.name for f in fields(MailMessage) if f.compare} == {*STAMPED, *ADDRESSES}
    other: dict[str, Any] = {
        "id": "9",
        "folder": "sent",
        "message_id": "<9@x>",
        "subject": "Other",
        "date": base.date.astimezone(ZoneInfo("America/Chicago")),  # same instant, other zone
        "in_reply_to": "<1@x>",
        "references": ("<1@x>",),
        "thread_hint": "t",
        "body": "Body.",
        "sender": Address("Pat", "other@program.example"),
        "to": (),
        "cc": (Address("Sam", ME),),
    }
    first = stamp(cfg, entry, [base], frozenset([ME]))
    assert stamp(cfg, entry, [base], frozenset([ME])) == first
    for name, value in other.items():
        assert stamp(cfg, entry, [replace(base, **{name: value})], frozenset([ME])) != first, name


def test_a_message_is_stamped_by_the_digest_it_carries_and_a_changed_copy_carries_none() -> None:
    cfg = config()
    (entry,) = cfg.programs
    base = _mail("Body", datetime(2026, 10, 1, tzinfo=NY))
    plain = stamp(cfg, entry, [base], frozenset([ME]))
    object.__setattr__(base, "digest", "row:one")  # as the store's Decoder sets it
    first = stamp(cfg, entry, [base], frozenset([ME]))
    assert first != plain
    object.__setattr__(base, "digest", "row:two")
    assert stamp(cfg, entry, [base], frozenset([ME])) not in (first, plain)
    changed = replace(base, body="Body.")
    assert changed.digest is None  # a copy with a changed field does not keep the digest
    assert stamp(cfg, entry, [changed], frozenset([ME])) != plain
    assert stamp(cfg, entry, [replace(base)], frozenset([ME])) == plain
