"""The IMAP connector against a real Dovecot server: the shared contract, with and without
CONDSTORE/QRESYNC and SPECIAL-USE, plus what only IMAP has (flags, UIDVALIDITY, round trips,
folders found by SPECIAL-USE or by name, TLS, the password sources)."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from pathlib import Path

import pytest

from connectors.base import DraftRef, Folder, PullRequest
from connectors.imap.account import ImapAccount
from connectors.imap.connector import ImapConnector
from connectors.retry import RetryPolicy
from tests.support.contract import SINCE, ConnectorContract, _draft, edited, rfc822
from tests.support.dovecot import PASSWORD, USER, Dovecot, running

VARIANTS = {
    "condstore+special-use": {"condstore": True, "special_use": True},
    "plain-imap4rev1": {"condstore": False, "special_use": False},
}


def fast_retry() -> RetryPolicy:
    return RetryPolicy(attempts=3, base=0.01, cap=0.05, budget=1.0)


def account(server: Dovecot, **keys: object) -> ImapAccount:
    values: dict[str, object] = {
        "name": "school",
        "provider": "imap",
        "host": "localhost" if server.tls else "127.0.0.1",
        "port": server.port,
        "security": "tls" if server.tls else "none",
        "username": USER,
        "password_command": f"printf '%s' '{PASSWORD}'",
    }
    values.update(keys)
    return ImapAccount.model_validate(values)


class ImapHarness:
    def __init__(self, server: Dovecot, state: Path) -> None:
        self.server = server
        self.state = state
        self.opened: list[ImapConnector] = []

    def connector(self, **keys: object) -> ImapConnector:
        connector = ImapConnector(account(self.server, **keys), self.state, retry=fast_retry())
        self.opened.append(connector)
        return connector

    def deliver(self, raw: bytes, folder: Folder) -> None:
        self.server.append(raw, "INBOX" if folder == "inbox" else "Sent")

    def delete_draft(self, ref: DraftRef) -> None:
        uid = int(ref.provider_id.split(":")[1])
        with self.server.client() as imap:
            imap.select_folder("Drafts")
            imap.delete_messages([uid])
            imap.expunge()

    def edit_draft(
        self, ref: DraftRef, text: str, *, keep_marker: bool = True, keep_message_id: bool = True
    ) -> None:
        """As a client saves an edited draft: a new message APPENDed, the old one expunged."""
        uid = int(ref.provider_id.split(":")[1])
        with self.server.client() as other:
            other.select_folder("Drafts")
            raw = other.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
            new = edited(raw, text, keep_marker=keep_marker, keep_message_id=keep_message_id)
            other.append("Drafts", new, flags=(b"\\Draft", b"\\Seen"))
            other.delete_messages([uid])
            other.expunge()

    def draft_thread(self, ref: DraftRef) -> str | None:
        msg = self.draft(ref)
        return str(msg["In-Reply-To"]) if msg is not None else None

    def draft(self, ref: DraftRef) -> email.message.EmailMessage | None:
        uid = int(ref.provider_id.split(":")[1])
        with self.server.client() as imap:
            imap.select_folder("Drafts", readonly=True)
            got = imap.fetch([uid], ["BODY.PEEK[]"]).get(uid)
        if got is None:
            return None
        return email.message_from_bytes(got[b"BODY[]"], policy=email.policy.default)

    def close(self) -> None:
        for connector in self.opened:
            connector.close()


@pytest.fixture(params=list(VARIANTS))
def imap(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ImapHarness]:
    with running(tmp_path / "dovecot", **VARIANTS[request.param]) as server:
        harness = ImapHarness(server, tmp_path / "state")
        yield harness
        harness.close()


class TestImapContract(ConnectorContract):
    @pytest.fixture
    def mailbox(self, imap: ImapHarness) -> ImapHarness:
        return imap


def _request(wants_body: bool = True) -> PullRequest:
    return PullRequest(since=SINCE, wants_body=lambda m: wants_body)


def test_draft_has_the_draft_and_seen_flags_and_the_marker(imap: ImapHarness) -> None:
    ref = imap.connector().create_draft(_draft("thank-you:lakeside:2026-10-05:pn"))
    uid = int(ref.provider_id.split(":")[1])
    with imap.server.client() as other:  # a second client's view
        other.select_folder("Drafts", readonly=True)
        flags = set(other.get_flags([uid])[uid])
        raw = other.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
    assert {b"\\Draft", b"\\Seen"} <= flags
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["X-Residency-Agent"] == "thank-you:lakeside:2026-10-05:pn"
    assert msg["Message-ID"] == "<thank-you.lakeside.2026-10-05.pn@med.example.edu>"


def test_a_pass_with_nothing_new_is_one_status_per_folder(imap: ImapHarness) -> None:
    imap.deliver(rfc822(subject="Interview invitation"), "inbox")
    imap.deliver(rfc822(subject="Re: Interview invitation"), "sent")
    first = imap.connector().pull(None, _request())
    assert len(first.messages) == 2 and first.full
    connector = imap.connector()
    again = connector.pull(first.cursor, _request())
    assert again.messages == [] and not again.full
    assert connector.round_trips == 3  # LOGIN, STATUS INBOX, STATUS Sent; no FETCH


def test_draft_listing_with_nothing_changed_is_one_status(imap: ImapHarness) -> None:
    connector = imap.connector()
    ref = connector.create_draft(_draft("k:1"))
    assert [d.key for d in connector.list_agent_drafts([ref])] == ["k:1"]
    later = imap.connector()
    assert [d.key for d in later.list_agent_drafts([ref])] == ["k:1"]
    assert later.round_trips == 2  # LOGIN, STATUS Drafts


def test_mail_appended_by_another_client_is_read_next_pass(imap: ImapHarness) -> None:
    connector = imap.connector()
    first = connector.pull(None, _request())
    imap.server.append(rfc822(subject="Second look day"), "INBOX", flags=(b"\\Seen",))
    later = imap.connector().pull(first.cursor, _request())
    assert [m.subject for m in later.messages] == ["Second look day"]


def test_a_renumbered_folder_is_read_again_with_the_same_ids(imap: ImapHarness) -> None:
    imap.deliver(rfc822(subject="Sent one", message_id="<s1@x.org>"), "sent")
    first = imap.connector().pull(None, _request())
    (before,) = first.messages
    with imap.server.client() as other:  # the folder deleted and made again: new UIDVALIDITY
        other.delete_folder("Sent")
        other.create_folder("Sent")
        other.append("Sent", rfc822(subject="Sent one", message_id="<s1@x.org>"))
    later = imap.connector().pull(first.cursor, _request())
    assert later.full
    assert [(m.id, m.subject) for m in later.messages] == [(before.id, "Sent one")]


def test_headers_only_for_mail_that_is_not_wanted(imap: ImapHarness) -> None:
    imap.deliver(rfc822(subject="Program mail", sender="GME <gme@lakesidemed.org>"), "inbox")
    imap.deliver(rfc822(subject="Sale", sender="shop@example.com"), "inbox")
    pull = imap.connector().pull(
        None, PullRequest(since=SINCE, wants_body=lambda m: "lakesidemed" in str(m.sender))
    )
    bodies = {m.subject: m.body for m in pull.messages}
    assert bodies["Sale"] is None and bodies["Program mail"] == "Hello.\n"


def test_nothing_is_marked_read(imap: ImapHarness) -> None:
    imap.deliver(rfc822(subject="Unread"), "inbox")
    imap.connector().pull(None, _request())
    with imap.server.client() as other:
        other.select_folder("INBOX", readonly=True)
        assert b"\\Seen" not in other.get_flags([1])[1]


def test_tls_with_a_trusted_certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with running(tmp_path / "dovecot", tls=True) as server:
        assert server.cert is not None
        monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))
        server.append(rfc822(subject="Over TLS"))
        connector = ImapConnector(account(server), tmp_path / "state", retry=fast_retry())
        try:
            assert [m.subject for m in connector.pull(None, _request()).messages] == ["Over TLS"]
        finally:
            connector.close()


def test_configured_folders_are_used_as_named(imap: ImapHarness) -> None:
    with imap.server.client() as other:
        other.create_folder("Outbox copies")
        other.append("Outbox copies", rfc822(subject="Mine"))
    connector = imap.connector(sent_folder="Outbox copies", drafts_folder="Sent")
    assert [m.folder for m in connector.pull(None, _request()).messages] == ["sent"]
    ref = connector.create_draft(_draft("k:2"))
    with imap.server.client() as other:
        other.select_folder("Sent", readonly=True)
        assert other.search(["HEADER", "X-Residency-Agent", "k:2"]) != []
    assert ref.key == "k:2"


def test_progress_counts_across_folders(imap: ImapHarness) -> None:
    imap.deliver(rfc822(subject="One"), "inbox")
    imap.deliver(rfc822(subject="Two"), "inbox")
    imap.deliver(rfc822(subject="Three"), "sent")
    seen: list[int] = []
    imap.connector().pull(None, PullRequest(since=SINCE, progress=seen.append))
    assert seen == [2, 3]


def test_a_header_filter_spares_parsing_mail_that_cannot_matter(imap: ImapHarness) -> None:
    imap.deliver(rfc822(subject="Program mail", sender="GME <gme@lakesidemed.org>"), "inbox")
    imap.deliver(rfc822(subject="Sale", sender="shop@example.com"), "inbox")
    asked: list[bytes] = []

    def lakeside(raw: bytes, folder: str) -> bool:
        asked.append(raw)
        return b"lakesidemed" in raw

    request = PullRequest(since=SINCE, header_filter=lakeside)
    pull = imap.connector().pull(None, request)
    assert [m.subject for m in pull.messages] == ["Program mail"]
    assert pull.messages[0].body == "Hello.\n"
    assert len(asked) == 2 and all(b"Subject:" in raw for raw in asked)
