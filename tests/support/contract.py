"""The contract every connector honours. Each connector's tests subclass ``ConnectorContract``
and provide a ``mailbox`` fixture returning a ``Harness`` for a real (or emulated) mailbox."""

from __future__ import annotations

import email
import email.policy
import html
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Protocol

import pytest

from agent.drafts.render import PLACEHOLDER_OPEN
from connectors.base import (
    MARKER_HEADER,
    Address,
    DraftRef,
    Folder,
    MailConnector,
    MailMessage,
    OutgoingDraft,
    Pull,
    PullRequest,
    ReplyTarget,
)

ME = Address("Jordan Rivera", "jordan.rivera@med.example.edu")
SINCE = datetime(2026, 9, 1, tzinfo=UTC)


def rfc822(
    *,
    subject: str,
    sender: str = "Ana Lopez <alopez@lakesidemed.org>",
    to: str = "Jordan Rivera <jordan.rivera@med.example.edu>",
    date: datetime = datetime(2026, 10, 1, 14, 0, tzinfo=UTC),
    message_id: str | None = None,
    in_reply_to: str | None = None,
    body: str = "Hello.",
) -> bytes:
    mid = message_id or f"<{abs(hash((subject, date)))}@test.example>"
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {format_datetime(date)}",
        f"Message-ID: {mid}",
    ]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body, ""]
    return "\r\n".join(lines).encode()


class Harness(Protocol):
    """What a connector test provides: a connector and a way to act as the outside world."""

    def connector(self) -> MailConnector: ...

    def deliver(self, raw: bytes, folder: Folder) -> None:
        """Put a message in the inbox, or in the sent folder as the user sending it."""

    def delete_draft(self, ref: DraftRef) -> None:
        """Delete a draft as the user would in their mail client."""

    def draft_thread(self, ref: DraftRef) -> str | None:
        """The provider's thread of a draft, comparable with ``MailMessage.thread_hint``,
        or for Maildir its In-Reply-To header."""


class EditingHarness(Harness, Protocol):
    def edit_draft(
        self, ref: DraftRef, text: str, *, keep_marker: bool = True, keep_message_id: bool = True
    ) -> None:
        """Edit a draft as the user would in a mail client: its text becomes ``text``. A
        client that rewrites the draft may drop the agent's marker header and even give it
        a new Message-ID (``keep_marker``/``keep_message_id`` False)."""


def stored(pull: Pull) -> str:
    """The pull's cursor as the engine stores it: what it names is saved first."""
    pull.save()
    return pull.cursor


def edited(raw: bytes, text: str, *, keep_marker: bool, keep_message_id: bool) -> bytes:
    """``raw`` as a client saves it after the user edited it: plain text, headers kept
    but for the ones the client dropped or rewrote."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    if not keep_marker:
        del msg[MARKER_HEADER]
    if not keep_message_id:
        del msg["Message-ID"]
        msg["Message-ID"] = "<edited.7f3a@client.example>"
    msg.clear_content()
    msg.set_content(text)
    paragraphs = "".join(f"<div>{html.escape(p)}</div>" for p in text.split("\n\n"))
    msg.add_alternative(f"<html><body>{paragraphs}</body></html>", subtype="html")
    return msg.as_bytes(policy=email.policy.default.clone(linesep="\r\n"))


def _editing(mailbox: Harness) -> EditingHarness:
    if not hasattr(mailbox, "edit_draft"):
        pytest.skip(f"{type(mailbox).__name__} cannot edit a draft as a client would yet")
    return mailbox  # type: ignore[return-value]


DETAIL = f"{PLACEHOLDER_OPEN} what you discussed with Dr. Natarajan]]"


def _draft_needing_detail(key: str) -> OutgoingDraft:
    text = (
        f"Dear Dr. Natarajan,\n\nThank you for our conversation about {DETAIL}.\n\n"
        "Sincerely,\nJordan Rivera\n"
    )
    return replace(_draft(key), text=text)


FILLED = (
    "Dear Dr. Natarajan,\n\nThank you for our conversation about the cardiac ICU "
    "night-float & its teaching rounds.\n\nSincerely,\nJordan Rivera\n"
)


def _request(wants_body: bool = True) -> PullRequest:
    return PullRequest(since=SINCE, wants_body=lambda m: wants_body)


def _draft(key: str, reply_to: ReplyTarget | None = None) -> OutgoingDraft:
    return OutgoingDraft(
        key=key,
        message_id=f"<{key.replace(':', '.')}@med.example.edu>",
        sender=ME,
        to=(Address("Dr. Priya Natarajan", "pnatarajan@lakesidemed.org"),),
        subject="Thank You – Jordan Rivera, Internal Medicine Interview",
        text="Dear Dr. Natarajan,\n\nThank you.\n\nSincerely,\nJordan Rivera\n",
        reply_to=reply_to,
        date=datetime(2026, 10, 6, 12, 0, tzinfo=UTC),
    )


def _by_subject(messages: Sequence[MailMessage]) -> dict[str, MailMessage]:
    return {m.subject: m for m in messages}


class ConnectorContract:
    @pytest.fixture
    def mailbox(self) -> Harness:  # pragma: no cover - provided by each connector's tests
        raise NotImplementedError

    def test_first_pull_reads_inbox_and_sent(self, mailbox: Harness) -> None:
        mailbox.deliver(rfc822(subject="Interview invitation", body="We invite you."), "inbox")
        mailbox.deliver(
            rfc822(
                subject="Re: Interview invitation",
                sender=str(ME),
                to="Ana Lopez <alopez@lakesidemed.org>",
            ),
            "sent",
        )
        pull = mailbox.connector().pull(None, _request())
        got = _by_subject(pull.messages)
        assert set(got) == {"Interview invitation", "Re: Interview invitation"}
        inbox = got["Interview invitation"]
        assert inbox.folder == "inbox"
        assert inbox.sender == Address("Ana Lopez", "alopez@lakesidemed.org")
        assert inbox.to[0].email == ME.email
        assert inbox.date == datetime(2026, 10, 1, 14, 0, tzinfo=UTC)
        assert inbox.body is not None and "We invite you." in inbox.body
        assert got["Re: Interview invitation"].folder == "sent"

    def test_pull_from_cursor_returns_only_new_mail(self, mailbox: Harness) -> None:
        mailbox.deliver(rfc822(subject="First"), "inbox")
        connector = mailbox.connector()
        first = connector.pull(None, _request())
        again = connector.pull(stored(first), _request())
        assert [m.subject for m in again.messages] == []
        mailbox.deliver(rfc822(subject="Second"), "inbox")
        later = connector.pull(stored(again), _request())
        assert [m.subject for m in later.messages] == ["Second"]

    def test_mail_before_season_start_is_ignored(self, mailbox: Harness) -> None:
        mailbox.deliver(rfc822(subject="Old", date=SINCE - timedelta(days=30)), "inbox")
        mailbox.deliver(rfc822(subject="New", date=SINCE + timedelta(days=30)), "inbox")
        pull = mailbox.connector().pull(None, _request())
        assert [m.subject for m in pull.messages] == ["New"]

    def test_bodies_only_when_wanted(self, mailbox: Harness) -> None:
        mailbox.deliver(rfc822(subject="Newsletter", body="Big sale"), "inbox")
        pull = mailbox.connector().pull(None, _request(wants_body=False))
        assert [m.body for m in pull.messages] == [None]

    def test_created_draft_is_listed_until_the_user_deletes_it(self, mailbox: Harness) -> None:
        connector = mailbox.connector()
        ref = connector.create_draft(_draft("thank-you:lakeside:2026-10-05:pn"))
        assert ref.key == "thank-you:lakeside:2026-10-05:pn"
        listed = connector.list_agent_drafts([ref])
        assert [d.key for d in listed] == [ref.key]
        mailbox.delete_draft(ref)
        assert connector.list_agent_drafts([ref]) == []

    def test_drafts_do_not_come_back_as_mail(self, mailbox: Harness) -> None:
        connector = mailbox.connector()
        first = connector.pull(None, _request())
        connector.create_draft(_draft("thank-you:x:2026-10-05:a"))
        later = connector.pull(stored(first), _request())
        assert later.messages == []

    def test_reply_draft_lands_in_the_thread(self, mailbox: Harness) -> None:
        mailbox.deliver(
            rfc822(subject="Second look", message_id="<promise-1@lakesidemed.org>"), "inbox"
        )
        connector = mailbox.connector()
        (original,) = connector.pull(None, _request()).messages
        target = ReplyTarget(
            id=original.id,
            message_id=original.message_id,
            references=original.references,
            thread_hint=original.thread_hint,
            subject=original.subject,
        )
        ref = connector.create_draft(_draft("inquiry:lakeside:p1", reply_to=target))
        expected = original.thread_hint or original.message_id
        assert mailbox.draft_thread(ref) == expected

    # -- what a waiting draft says now --------------------------------------------------------

    def test_a_draft_nobody_touched_still_shows_its_placeholder(self, mailbox: Harness) -> None:
        connector = mailbox.connector()
        ref = connector.create_draft(_draft_needing_detail("thank-you:lakeside:2026-10-05:pn"))
        assert ref.subject == _draft("x").subject and ref.to == ("pnatarajan@lakesidemed.org",)
        for lister in (connector, mailbox.connector()):  # this process, then a fresh one
            (listed,) = lister.list_agent_drafts([ref])
            assert listed.key == ref.key and not listed.marker_lost
            # None only when the connector proved the draft unchanged
            assert listed.text is None or PLACEHOLDER_OPEN in listed.text

    def test_a_draft_the_user_edited_comes_back_with_its_new_text(self, mailbox: Harness) -> None:
        editing = _editing(mailbox)
        connector = editing.connector()
        ref = connector.create_draft(_draft_needing_detail("thank-you:lakeside:2026-10-05:pn"))
        connector.list_agent_drafts([ref])
        editing.edit_draft(ref, FILLED)
        (listed,) = connector.list_agent_drafts([ref])
        assert listed.key == ref.key and not listed.marker_lost
        assert listed.text is not None
        assert "cardiac ICU night-float & its teaching rounds" in " ".join(listed.text.split())
        assert PLACEHOLDER_OPEN not in listed.text

    def test_an_edit_that_leaves_the_placeholder_is_seen(self, mailbox: Harness) -> None:
        editing = _editing(mailbox)
        connector = editing.connector()
        ref = connector.create_draft(_draft_needing_detail("thank-you:lakeside:2026-10-05:pn"))
        text = f"Dear Dr. Natarajan,\n\nMany thanks for talking about {DETAIL}.\n\nJordan\n"
        editing.edit_draft(ref, text)
        (listed,) = editing.connector().list_agent_drafts([ref])
        assert listed.text is not None and "Many thanks" in listed.text
        assert PLACEHOLDER_OPEN in listed.text

    def test_a_draft_whose_marker_was_dropped_is_found_by_its_message_id(
        self, mailbox: Harness
    ) -> None:
        editing = _editing(mailbox)
        connector = editing.connector()
        ref = connector.create_draft(_draft_needing_detail("thank-you:lakeside:2026-10-05:pn"))
        editing.edit_draft(ref, FILLED, keep_marker=False)
        for lister in (connector, editing.connector()):
            (listed,) = lister.list_agent_drafts([ref])
            assert listed.key == ref.key and listed.marker_lost
            assert listed.message_id == ref.message_id
            assert listed.text is not None and PLACEHOLDER_OPEN not in listed.text
            assert "cardiac ICU" in listed.text

    def test_a_draft_without_marker_or_message_id_is_found_by_subject_and_recipient(
        self, mailbox: Harness
    ) -> None:
        editing = _editing(mailbox)
        connector = editing.connector()
        ref = connector.create_draft(_draft_needing_detail("thank-you:lakeside:2026-10-05:pn"))
        editing.edit_draft(ref, FILLED, keep_marker=False, keep_message_id=False)
        (listed,) = editing.connector().list_agent_drafts([ref])
        assert listed.key == ref.key and listed.marker_lost
        assert listed.message_id != ref.message_id
        assert listed.text is not None and "cardiac ICU" in listed.text
        assert listed.to == ("pnatarajan@lakesidemed.org",)

    def test_a_marker_less_draft_to_someone_else_or_about_something_else_is_not_claimed(
        self, mailbox: Harness
    ) -> None:
        editing = _editing(mailbox)
        connector = editing.connector()
        ref = connector.create_draft(_draft_needing_detail("thank-you:lakeside:2026-10-05:pn"))
        editing.edit_draft(ref, FILLED, keep_marker=False, keep_message_id=False)
        other_subject = replace(ref, subject="Update letter – Jordan Rivera")
        other_recipient = replace(ref, to=("alopez@lakesidemed.org",))
        assert editing.connector().list_agent_drafts([other_subject]) == []
        assert editing.connector().list_agent_drafts([other_recipient]) == []
        # two ledger rows never claim the same draft
        twin = replace(ref, key="thank-you:lakeside:2026-10-05:twin")
        assert [d.key for d in editing.connector().list_agent_drafts([ref, twin])] == [ref.key]
