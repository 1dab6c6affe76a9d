"""`agent sync` end to end against the Gmail API and Microsoft Graph emulators: the real CLI,
the real connectors and client libraries, thank-yous and an in-thread inquiry, no
duplicates, deleted drafts not recreated, and no send endpoint ever called."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.emulators.gmail import GmailEmulator
from tests.support.emulators.graph import GraphEmulator
from tests.support.scenario import CT, LAKESIDE, Applicant, mail

Cap = pytest.CaptureFixture[str]

PROMISE_ID = "<promise-1006@lakesidemed.org>"


def season_mail() -> list[tuple[bytes, str]]:
    return [
        (
            mail(
                subject="Interview confirmed",
                body="Your interview is confirmed.",
                date=datetime(2026, 9, 16, 9, tzinfo=CT),
            ),
            "inbox",
        ),
        (
            mail(
                subject="After your interview",
                body="The recording of the program overview will be sent by October 20.",
                date=datetime(2026, 10, 6, 10, tzinfo=CT),
                message_id=PROMISE_ID,
            ),
            "inbox",
        ),
        (
            mail(
                subject="Unrelated",
                body="Hi",
                sender="friend@example.com",
                date=datetime(2026, 10, 1, 10, tzinfo=CT),
            ),
            "inbox",
        ),
    ]


def applicant(tmp_path: Path, account: str) -> Applicant:
    jordan = Applicant(tmp_path, programs=LAKESIDE)
    text = jordan.config.read_text()
    maildir_account = 'provider = "maildir"\npath = "mail"'
    jordan.config.write_text(text.replace(maildir_account, account))
    return jordan


@pytest.fixture
def gmail() -> Iterator[GmailEmulator]:
    emulator = GmailEmulator()
    emulator.start()
    yield emulator
    emulator.stop()
    sends = [r for r in emulator.requests if r.path.rstrip("/").endswith("/send")]
    assert sends == []


@pytest.fixture
def graph() -> Iterator[GraphEmulator]:
    emulator = GraphEmulator()
    emulator.start()
    yield emulator
    emulator.stop()
    sends = [r for r in emulator.requests if "send" in r.path.lower()]
    assert sends == []


def _gmail_drafts(emulator: GmailEmulator) -> list[email.message.EmailMessage]:
    out = []
    for draft_id in emulator.drafts:
        stored = emulator.draft_message(draft_id)
        msg = email.message_from_bytes(stored.raw, policy=email.policy.default)
        out.append((msg, stored.thread_id))
    return out  # type: ignore[return-value]


def test_sync_on_gmail(gmail: GmailEmulator, tmp_path: Path, capsys: Cap) -> None:
    jordan = applicant(
        tmp_path,
        f'provider = "gmail"\ntoken_command = "echo ya29.emulator-valid"\n'
        f'api_endpoint = "{gmail.url}"',
    )
    for raw, folder in season_mail():
        gmail.deliver(raw, ["INBOX"] if folder == "inbox" else ["SENT"])
    code, out, err = jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert code == 0, err
    drafts = _gmail_drafts(gmail)
    assert sorted(str(m["To"]) for m, _ in drafts) == [  # type: ignore[misc]
        '"Dr. Marcus Chen" <mchen@lakesidemed.org>',
        '"Dr. Priya Natarajan" <pnatarajan@lakesidemed.org>',
    ]
    gmail.clear_log()
    jordan.run("sync", "--now", "2026-10-06T12:00", capsys=capsys)
    assert len(gmail.drafts) == 2
    # With two drafts awaiting the user, a pass with no new mail is still one request:
    # the history read proves neither draft changed.
    assert [r.path for r in gmail.api_requests()] == ["/gmail/v1/users/me/history"]
    gmail.user_deletes_draft(next(iter(gmail.drafts)))
    code, out, _ = jordan.run("sync", "--now", "2026-10-23T09:00", capsys=capsys)
    assert code == 0 and "you deleted the draft" in out
    drafts = _gmail_drafts(gmail)
    inquiries = [(m, t) for m, t in drafts if str(m["Subject"]).startswith("Re:")]  # type: ignore[misc]
    assert len(drafts) == 2 and len(inquiries) == 1
    inquiry, thread = inquiries[0]
    promise_thread = next(
        m.thread_id for m in gmail.messages.values() if m.message_id == PROMISE_ID
    )
    assert thread == promise_thread
    assert inquiry["In-Reply-To"] == PROMISE_ID


def test_sync_on_outlook(graph: GraphEmulator, tmp_path: Path, capsys: Cap) -> None:
    jordan = applicant(
        tmp_path,
        f'provider = "outlook"\ntoken_command = "echo graph-test-token"\n'
        f'api_endpoint = "{graph.endpoint}"',
    )
    for raw, folder in season_mail():
        graph.deliver(raw, folder)
    code, _, err = jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert code == 0, err
    drafts = graph.in_folder("drafts")
    assert sorted(d["toRecipients"][0]["emailAddress"]["address"] for d in drafts) == [
        "mchen@lakesidemed.org",
        "pnatarajan@lakesidemed.org",
    ]
    graph.user_deletes(drafts[0]["id"])
    code, out, _ = jordan.run("sync", "--now", "2026-10-23T09:00", capsys=capsys)
    assert code == 0 and "you deleted the draft" in out
    drafts = graph.in_folder("drafts")
    (inquiry,) = [d for d in drafts if d["subject"].lower().startswith("re:")]
    promise = next(m for m in graph.messages.values() if m.get("internetMessageId") == PROMISE_ID)
    assert inquiry["conversationId"] == promise["conversationId"]
    assert len(drafts) == 2
    jordan.run("sync", "--now", "2026-10-24T09:00", capsys=capsys)
    assert len(graph.in_folder("drafts")) == 2
