"""The Outlook connector against the local Graph emulator, through its real HTTP client, with
the real MSAL library signing in against a fake identity provider (MSAL's http_client hook)."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from connectors.base import DraftRef, Folder, PullRequest, ReplyTarget
from connectors.errors import AuthError, TransientError
from connectors.outlook.connector import (
    MARKER_PROPERTY,
    OutlookAccount,
    OutlookConnector,
    authorize,
)
from connectors.retry import RetryPolicy
from tests.support.contract import SINCE, ConnectorContract, _draft, rfc822
from tests.support.emulators.graph import FakeIdentityProvider, GraphEmulator

CLIENT_ID = "0b7c4a8e-1f2d-4c3b-9a8e-7d6c5b4a3f21"
SEND_MARKERS = ("sendmail", "/send", "mail.send")


class OutlookHarness:
    def __init__(self, graph: GraphEmulator, state_dir: Path) -> None:
        self.graph = graph
        self.state_dir = state_dir
        self.idp = FakeIdentityProvider(graph, CLIENT_ID)
        self.account = OutlookAccount(
            name="school", provider="outlook", client_id=CLIENT_ID, api_endpoint=graph.endpoint
        )
        self.sleeps: list[float] = []
        self.signed_in = ""

    def sign_in(self) -> list[str]:
        prompts: list[str] = []
        self.signed_in = authorize(
            self.account, self.state_dir, browser=None, prompt=prompts.append, http_client=self.idp
        )
        return prompts

    def connector(self, attempts: int = 5) -> OutlookConnector:
        policy = RetryPolicy(attempts=attempts, sleep=self.sleeps.append)
        return OutlookConnector(
            self.account, self.state_dir, retry=policy, identity_http_client=self.idp
        )

    def deliver(self, raw: bytes, folder: Folder) -> None:
        self.graph.deliver(raw, folder)

    def delete_draft(self, ref: DraftRef) -> None:
        self.graph.user_deletes(ref.provider_id)

    def draft_thread(self, ref: DraftRef) -> str | None:
        return str(self.graph.messages[ref.provider_id]["conversationId"])

    def edit_draft(
        self, ref: DraftRef, text: str, *, keep_marker: bool = True, keep_message_id: bool = True
    ) -> None:
        """A client that drops the marker saves the draft as a new item."""
        self.graph.user_edits_draft(
            ref.provider_id,
            text,
            keep_marker=keep_marker,
            message_id=None if keep_message_id else "<edited.7f3a@client.example>",
            as_new_item=not keep_marker,
        )


@pytest.fixture
def graph() -> Iterator[GraphEmulator]:
    emulator = GraphEmulator()
    emulator.start()
    yield emulator
    emulator.stop()
    _no_send_endpoint(emulator)  # whatever the test did, nothing was ever sent


@pytest.fixture
def outlook(graph: GraphEmulator, tmp_path: Path) -> OutlookHarness:
    harness = OutlookHarness(graph, tmp_path / "state")
    harness.sign_in()
    return harness


class TestOutlookContract(ConnectorContract):
    @pytest.fixture
    def mailbox(self, outlook: OutlookHarness) -> OutlookHarness:
        return outlook


def _request(**kwargs: object) -> PullRequest:
    return PullRequest(since=SINCE, **kwargs)  # type: ignore[arg-type]


def _no_send_endpoint(graph: GraphEmulator) -> None:
    for rec in graph.requests:
        assert not any(s in rec.path.lower() for s in SEND_MARKERS), rec.path


def _reply_target(outlook: OutlookHarness, connector: OutlookConnector) -> ReplyTarget:
    outlook.deliver(rfc22_interview(), "inbox")
    (original,) = connector.pull(None, _request()).messages
    return ReplyTarget(
        original.id,
        original.message_id,
        original.references,
        original.thread_hint,
        original.subject,
    )


def rfc22_interview() -> bytes:
    return rfc822(subject="Interview day details", message_id="<iv-1@lakesidemed.org>")


# -- drafts -----------------------------------------------------------------------------------


def test_reply_draft_shares_the_conversation_and_carries_the_marker(
    outlook: OutlookHarness,
) -> None:
    connector = outlook.connector()
    target = _reply_target(outlook, connector)
    mark = outlook.graph.mark()
    ref = connector.create_draft(_draft("thank-you:lakeside:pn", reply_to=target))
    calls = [(r.method, r.path.split("/")[-1]) for r in outlook.graph.since(mark)]
    assert calls == [("GET", "messages"), ("POST", "createReply"), ("PATCH", ref.provider_id)]
    draft = outlook.graph.messages[ref.provider_id]
    assert draft["conversationId"] == target.thread_hint
    assert outlook.graph.folder_of(ref.provider_id) == "drafts"
    assert draft["subject"] == "Thank You – Jordan Rivera, Internal Medicine Interview"
    assert draft["toRecipients"][0]["emailAddress"]["address"] == "pnatarajan@lakesidemed.org"
    assert "Thank you." in draft["body"]["content"]
    assert draft["singleValueExtendedProperties"] == [
        {"id": MARKER_PROPERTY, "value": "thank-you:lakeside:pn"}
    ]
    assert ref.message_id == draft["internetMessageId"]
    _no_send_endpoint(outlook.graph)


def test_new_note_is_a_tagged_draft(outlook: OutlookHarness) -> None:
    connector = outlook.connector()
    ref = connector.create_draft(_draft("thank-you:x:a"))
    posts = [r for r in outlook.graph.requests if r.method == "POST"]
    assert [r.path for r in posts] == ["/me/messages"]
    assert outlook.graph.folder_of(ref.provider_id) == "drafts"
    assert [d.key for d in connector.list_agent_drafts([ref])] == ["thank-you:x:a"]


def test_draft_the_user_sent_is_no_longer_listed_and_shows_up_as_sent_mail(
    outlook: OutlookHarness,
) -> None:
    connector = outlook.connector()
    first = connector.pull(None, _request())
    ref = connector.create_draft(_draft("thank-you:x:b"))
    outlook.graph.user_sends(ref.provider_id)
    assert connector.list_agent_drafts([ref]) == []
    later = connector.pull(first.cursor, _request())
    (sent,) = later.messages
    assert sent.folder == "sent" and sent.message_id == ref.message_id


def test_retry_after_a_crash_completes_the_draft_instead_of_making_a_second(
    outlook: OutlookHarness,
) -> None:
    connector = outlook.connector()
    target = _reply_target(outlook, connector)
    outlook.graph.fail(503, method="PATCH", times=5)  # the PATCH never lands
    with pytest.raises(TransientError):
        connector.create_draft(_draft("inquiry:lakeside:p1", reply_to=target))
    (half,) = outlook.graph.in_folder("drafts")
    assert "Thank you." not in half["body"]["content"]
    ref = connector.create_draft(_draft("inquiry:lakeside:p1", reply_to=target))
    assert ref.provider_id == half["id"]
    assert len(outlook.graph.in_folder("drafts")) == 1
    assert "Thank you." in outlook.graph.messages[ref.provider_id]["body"]["content"]


def test_reply_to_a_message_the_user_deleted_becomes_a_new_note(outlook: OutlookHarness) -> None:
    connector = outlook.connector()
    target = _reply_target(outlook, connector)
    del outlook.graph.messages[target.id]  # purged, not just moved to Deleted Items
    ref = connector.create_draft(_draft("inquiry:lakeside:gone", reply_to=target))
    assert outlook.graph.folder_of(ref.provider_id) == "drafts"
    assert [d.key for d in connector.list_agent_drafts([ref])] == ["inquiry:lakeside:gone"]


def test_a_failed_create_is_not_blindly_repeated(outlook: OutlookHarness) -> None:
    connector = outlook.connector()
    outlook.graph.fail(503, method="POST")
    with pytest.raises(TransientError):
        connector.create_draft(_draft("thank-you:x:c"))
    assert [r.method for r in outlook.graph.requests[-2:]] == ["GET", "POST"]
    outlook.graph.fail(429, method="POST", retry_after="1")
    ref = connector.create_draft(_draft("thank-you:x:c"))
    assert [d.key for d in connector.list_agent_drafts([ref])] == ["thank-you:x:c"]


def test_listing_drafts_is_one_request_that_brings_their_text(outlook: OutlookHarness) -> None:
    connector = outlook.connector()
    ref = connector.create_draft(_draft("thank-you:x:t"))
    mark = outlook.graph.mark()
    (listed,) = connector.list_agent_drafts([ref])
    (request,) = outlook.graph.since(mark)
    assert request.path == "/me/mailFolders/drafts/messages" and "$filter" in request.query
    assert "body" in request.query["$select"].split(",")
    assert 'outlook.body-content-type="text"' in request.headers["prefer"]
    assert listed.text is not None and "Thank you." in listed.text
    assert (listed.subject, listed.to) == (ref.subject, ref.to)


def test_a_missing_draft_costs_one_listing_of_the_drafts_folder(outlook: OutlookHarness) -> None:
    connector = outlook.connector()
    ref = connector.create_draft(_draft("thank-you:x:u"))
    outlook.graph.user_deletes(ref.provider_id)
    mark = outlook.graph.mark()
    assert connector.list_agent_drafts([ref]) == []
    marked, everything = outlook.graph.since(mark)
    assert "$filter" in marked.query and "$filter" not in everything.query


def test_a_marker_less_draft_in_another_conversation_is_not_claimed(
    outlook: OutlookHarness,
) -> None:
    connector = outlook.connector()
    target = _reply_target(outlook, connector)
    ref = connector.create_draft(_draft("inquiry:lakeside:p2", reply_to=target))
    new_id = outlook.graph.user_edits_draft(
        ref.provider_id, "Edited.", keep_marker=False, message_id="<x@client>", as_new_item=True
    )
    (found,) = connector.list_agent_drafts([ref])
    assert found.marker_lost and found.provider_id == new_id
    assert found.extra == ref.extra  # the same conversation
    outlook.graph.messages[new_id]["conversationId"] = "CONV-another-thread"
    assert connector.list_agent_drafts([ref]) == []


def test_no_code_path_calls_a_send_endpoint() -> None:
    source = "".join(p.read_text() for p in Path("connectors").glob("*.py"))
    for needle in ("sendMail", "/send", ".send(", "Mail.Send"):
        assert needle not in source


# -- sync ------------------------------------------------------------------------------------


def test_first_pass_selects_fields_filters_on_season_start_and_pages(
    outlook: OutlookHarness,
) -> None:
    for n in range(3):
        outlook.deliver(rfc822(subject=f"m{n}", date=SINCE + timedelta(days=n + 1)), "inbox")
    connector = outlook.connector()
    mark = outlook.graph.mark()
    pull = connector.pull(None, _request(wants_body=lambda m: False))
    assert pull.full and len(pull.messages) == 3
    first = outlook.graph.since(mark)[0]
    assert first.path == "/me/mailFolders/inbox/messages/delta"
    assert first.query["$filter"] == "receivedDateTime ge 2026-09-01T00:00:00Z"
    assert "body" not in first.query["$select"].split(",")
    assert "odata.maxpagesize=" in first.headers["prefer"]


def test_no_change_pass_is_exactly_two_requests(outlook: OutlookHarness) -> None:
    outlook.deliver(rfc822(subject="Invitation"), "inbox")
    connector = outlook.connector()
    first = connector.pull(None, _request())
    mark = outlook.graph.mark()
    again = connector.pull(first.cursor, _request())
    assert again.messages == [] and not again.full
    assert [(r.method, r.path) for r in outlook.graph.since(mark)] == [
        ("GET", "/me/mailFolders/inbox/messages/delta"),
        ("GET", "/me/mailFolders/sentitems/messages/delta"),
    ]


def test_bodies_only_for_program_mail_as_text(outlook: OutlookHarness) -> None:
    outlook.deliver(rfc822(subject="Program", body="Second look on Nov 1."), "inbox")
    outlook.deliver(rfc822(subject="Newsletter", sender="news@shop.example"), "inbox")
    connector = outlook.connector()
    mark = outlook.graph.mark()
    pull = connector.pull(None, _request(wants_body=lambda m: m.subject == "Program"))
    bodies = {m.subject: m.body for m in pull.messages}
    assert bodies["Newsletter"] is None
    assert bodies["Program"] is not None and "Second look" in bodies["Program"]
    gets = [r for r in outlook.graph.since(mark) if "/delta" not in r.path]
    assert len(gets) == 1
    assert 'outlook.body-content-type="text"' in gets[0].headers["prefer"]


def test_expired_delta_falls_back_to_a_full_pass(outlook: OutlookHarness) -> None:
    outlook.deliver(rfc822(subject="Old news"), "inbox")
    connector = outlook.connector()
    first = connector.pull(None, _request())
    outlook.graph.expire_sync_state()
    outlook.deliver(rfc822(subject="New"), "inbox")
    later = connector.pull(first.cursor, _request())
    assert later.full
    assert sorted(m.subject for m in later.messages) == ["New", "Old news"]
    again = connector.pull(later.cursor, _request())
    assert again.messages == [] and not again.full


def test_429_retry_after_and_503_are_retried_then_succeed(outlook: OutlookHarness) -> None:
    outlook.deliver(rfc822(subject="Hello"), "inbox")
    outlook.graph.fail(429, match="/delta", retry_after="7")
    outlook.graph.fail(503, match="/delta")
    pull = outlook.connector().pull(None, _request())
    assert [m.subject for m in pull.messages] == ["Hello"]
    assert outlook.sleeps[0] == 7.0  # Retry-After honoured
    assert len(outlook.sleeps) == 2


def test_provider_that_stays_down_is_a_transient_error(outlook: OutlookHarness) -> None:
    outlook.graph.fail(503, match="/delta", times=50)
    with pytest.raises(TransientError, match="still failing after 3 tries"):
        outlook.connector(attempts=3).pull(None, _request())
    assert len(outlook.sleeps) == 2


def test_at_most_four_requests_in_flight(outlook: OutlookHarness) -> None:
    # Bodies go 20 to a $batch: 100 bodies are 5 batches, at most 4 of them at once.
    for n in range(100):
        outlook.deliver(rfc822(subject=f"p{n}", date=SINCE + timedelta(hours=n + 1)), "inbox")
    outlook.graph.latency = 0.25  # long enough for all four to overlap on a busy machine
    pull = outlook.connector().pull(None, _request())
    assert len([m for m in pull.messages if m.body]) == 100
    assert outlook.graph.max_in_flight == 4


def test_cursor_from_another_endpoint_means_a_full_pass(outlook: OutlookHarness) -> None:
    outlook.deliver(rfc822(subject="Kept"), "inbox")
    connector = outlook.connector()
    cursor = connector.pull(None, _request()).cursor
    foreign = cursor.replace(outlook.graph.endpoint, "https://graph.microsoft.com/v1.0")
    mark = outlook.graph.mark()
    pull = connector.pull(foreign, _request())
    assert pull.full and [m.subject for m in pull.messages] == ["Kept"]
    assert all(r.headers["authorization"] for r in outlook.graph.since(mark))


def test_a_failed_pass_leaves_the_old_cursor_usable(outlook: OutlookHarness) -> None:
    connector = outlook.connector(attempts=1)
    first = connector.pull(None, _request())
    outlook.deliver(rfc822(subject="Arrives"), "inbox")
    outlook.graph.fail(503, match="sentitems")
    with pytest.raises(TransientError):
        connector.pull(first.cursor, _request())
    retried = connector.pull(first.cursor, _request())
    assert [m.subject for m in retried.messages] == ["Arrives"]


# -- sign-in ---------------------------------------------------------------------------------


def test_device_code_sign_in_asks_for_mail_readwrite_only(
    graph: GraphEmulator, tmp_path: Path
) -> None:
    harness = OutlookHarness(graph, tmp_path / "state")
    prompts = harness.sign_in()
    assert "ABCD-EFGH" in prompts[0]
    assert "jordan.rivera@med.example.edu" in harness.signed_in
    assert harness.idp.scopes_requested
    for scope in harness.idp.scopes_requested:
        # MSAL always adds the OpenID Connect scopes; the one API permission is Mail.ReadWrite
        assert set(scope.split()) - {"openid", "profile", "offline_access"} == {"Mail.ReadWrite"}


def test_token_cache_file_is_owner_only(outlook: OutlookHarness) -> None:
    tokens = outlook.state_dir / "tokens"
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o700
    (cache,) = [p for p in tokens.iterdir() if p.name.endswith(".msal-cache")]
    if "owner-only file" not in outlook.signed_in:
        pytest.skip("this system encrypted the cache in its keyring")
    assert str(cache) in outlook.signed_in
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert "refresh-" in cache.read_text()  # it is the real MSAL cache


def test_msal_is_not_contacted_until_a_token_is_needed(outlook: OutlookHarness) -> None:
    before = len(outlook.idp.calls)
    connector = outlook.connector()
    assert len(outlook.idp.calls) == before
    connector.pull(None, _request())
    assert len(outlook.idp.calls) > before  # authority discovery when the token was needed


def test_expired_sign_in_is_an_auth_error_naming_the_command(outlook: OutlookHarness) -> None:
    outlook.graph.tokens.clear()  # the access token expired at Microsoft...
    outlook.idp.revoked = True  # ...and the refresh token was revoked
    with pytest.raises(AuthError, match="agent auth school"):
        outlook.connector().pull(None, _request())


def test_never_signed_in_is_an_auth_error(graph: GraphEmulator, tmp_path: Path) -> None:
    harness = OutlookHarness(graph, tmp_path / "state")
    with pytest.raises(AuthError, match="agent auth school"):
        harness.connector().pull(None, _request())


def test_token_command_prints_the_access_token(graph: GraphEmulator, tmp_path: Path) -> None:
    graph.tokens.add("from-pass")
    account = OutlookAccount(
        name="school",
        provider="outlook",
        token_command="echo from-pass",
        api_endpoint=graph.endpoint,
    )
    connector = OutlookConnector(account, tmp_path)
    assert connector.pull(None, _request()).messages == []
    broken = account.model_copy(update={"token_command": "exit 3"})
    with pytest.raises(AuthError, match="exited with status 3"):
        OutlookConnector(broken, tmp_path).pull(None, _request())


def test_account_needs_client_id_or_token_command() -> None:
    with pytest.raises(ValidationError, match="client_id"):
        OutlookAccount(name="x", provider="outlook")
    with pytest.raises(ValidationError, match="extra"):
        OutlookAccount(name="x", provider="outlook", client_id="id", scope="Mail.Send")  # type: ignore[call-arg]
    assert OutlookAccount(name="x", provider="outlook", client_id="id").tenant == "common"


def test_dates_are_timezone_aware(outlook: OutlookHarness) -> None:
    outlook.deliver(rfc822(subject="tz", date=datetime(2026, 10, 2, 9, 30, tzinfo=UTC)), "inbox")
    (msg,) = outlook.connector().pull(None, _request()).messages
    assert msg.date == datetime(2026, 10, 2, 9, 30, tzinfo=UTC)
