"""Recognising the agent's drafts without their marker: which unmarked draft is whose."""

from __future__ import annotations

from connectors.base import DraftRef
from connectors.draft_match import Unmarked, missing, recognise, same_draft_text, same_subject

SUBJECT = "Thank You – Jordan Rivera, Internal Medicine Interview"
DOCTOR = "pnatarajan@lakesidemed.org"


def _known(key: str, message_id: str | None = "<k@med.example.edu>", **extra: str) -> DraftRef:
    return DraftRef(key, "old-id", message_id, dict(extra), subject=SUBJECT, to=(DOCTOR,))


def _draft(
    provider_id: str,
    message_id: str | None = None,
    subject: str = SUBJECT,
    to: tuple[str, ...] = (DOCTOR,),
    thread: str | None = None,
) -> Unmarked:
    return Unmarked(provider_id, message_id, subject, to, thread, text="edited")


def test_the_message_id_wins_over_an_earlier_draft_with_the_same_subject() -> None:
    lookalike, own = _draft("a"), _draft("b", message_id="<k@med.example.edu>")
    (found,) = recognise([_known("k:1")], [lookalike, own])
    assert (found.key, found.provider_id, found.marker_lost) == ("k:1", "b", True)
    assert found.text == "edited" and found.subject == SUBJECT and found.to == (DOCTOR,)


def test_a_draft_claimed_by_its_message_id_is_not_also_claimed_by_subject() -> None:
    own = _draft("b", message_id="<k@med.example.edu>")
    found = recognise([_known("k:2", message_id="<other@x>"), _known("k:1")], [own])
    assert [(f.key, f.provider_id) for f in found] == [("k:1", "b")]


def test_subject_matches_across_reply_prefixes_case_and_spacing() -> None:
    draft = _draft("a", subject=f"RE:  re: {SUBJECT.upper()}", to=(DOCTOR, "cc@x.org"))
    assert [f.provider_id for f in recognise([_known("k:1", None)], [draft])] == ["a"]
    assert same_subject("Fwd: Re: Second look", "second   look")
    assert not same_subject("Second look", "Second look day")


def test_every_recipient_the_agent_wrote_to_must_still_be_there() -> None:
    draft = _draft("a", to=("alopez@lakesidemed.org",))
    assert recognise([_known("k:1", None)], [draft]) == []


def test_a_draft_in_another_thread_is_not_claimed_when_both_threads_are_known() -> None:
    known = _known("k:1", None, thread="T1")
    assert recognise([known], [_draft("a", thread="T2")], "thread") == []
    assert len(recognise([known], [_draft("a", thread="T1")], "thread")) == 1
    assert len(recognise([known], [_draft("a")], "thread")) == 1  # unknown thread: no veto


def test_a_known_ref_without_subject_or_recipient_is_matched_by_message_id_only() -> None:
    bare = DraftRef("k:1", "old-id", "<k@med.example.edu>")
    assert recognise([bare], [_draft("a")]) == []
    assert len(recognise([bare], [_draft("a", message_id="<k@med.example.edu>")])) == 1


def test_missing_lists_known_refs_not_found_by_marker() -> None:
    known = [_known("k:1"), _known("k:2")]
    assert [r.key for r in missing(known, [DraftRef("k:2", "x")])] == ["k:1"]


def test_same_draft_text_ignores_how_lines_are_wrapped_and_spaced() -> None:
    assert same_draft_text("Dear Dr. N,\n\nThank you.\n", "Dear Dr.\xa0N,\r\nThank  you.")
    assert not same_draft_text("Thank you.", "Thank you!")
