"""The Gmail connector against a local Gmail API emulator, through the real client library."""

from __future__ import annotations

import email
import email.policy
import json
import re
import stat
import threading
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import ValidationError

from connectors.base import DraftRef, Folder, PullRequest, ReplyTarget
from connectors.errors import AuthError, TransientError
from connectors.gmail.connector import SCOPES, GmailAccount, GmailConnector, authorize
from connectors.retry import RetryPolicy
from tests.support.contract import SINCE, ConnectorContract, _draft, edited, rfc822
from tests.support.emulators.gmail import GmailEmulator

ROOT = Path(__file__).resolve().parents[2]
READONLY = "https://www.googleapis.com/auth/gmail.readonly"
COMPOSE = "https://www.googleapis.com/auth/gmail.compose"


class GmailHarness:
    def __init__(self, emulator: GmailEmulator, state_dir: Path) -> None:
        self.emulator = emulator
        self.state_dir = state_dir
        self.sleeps: list[float] = []
        self.write_token()

    def write_token(
        self, *, expiry: str = "2099-01-01T00:00:00Z", token: str = "ya29.emulator-valid"
    ) -> Path:
        path = self.state_dir / "tokens" / "school.json"
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = {
            "token": token,
            "refresh_token": "1//emulator-refresh",
            "token_uri": self.emulator.url + "token",
            "client_id": "emulator.apps.googleusercontent.com",
            "client_secret": "emulator-secret",
            "scopes": [READONLY, COMPOSE],
            "expiry": expiry,
        }
        path.write_text(json.dumps(info))
        path.chmod(0o600)
        return path

    def account(self, **overrides: object) -> GmailAccount:
        fields: dict[str, object] = {
            "name": "school",
            "provider": "gmail",
            "client_secrets_file": self.state_dir / "client_secret.json",
            "api_endpoint": self.emulator.url,
        }
        fields.update(overrides)
        return GmailAccount.model_validate(fields)

    def connector(self, **overrides: object) -> GmailConnector:
        policy = RetryPolicy(attempts=4, sleep=self.sleeps.append)
        return GmailConnector(self.account(**overrides), self.state_dir, retry=policy)

    def deliver(self, raw: bytes, folder: Folder) -> None:
        self.emulator.deliver(raw, ["INBOX"] if folder == "inbox" else ["SENT"])

    def delete_draft(self, ref: DraftRef) -> None:
        self.emulator.user_deletes_draft(ref.provider_id)

    def draft_thread(self, ref: DraftRef) -> str | None:
        return self.emulator.draft_message(ref.provider_id).thread_id

    def edit_draft(
        self, ref: DraftRef, text: str, *, keep_marker: bool = True, keep_message_id: bool = True
    ) -> None:
        raw = self.emulator.draft_message(ref.provider_id).raw
        change = {"keep_marker": keep_marker, "keep_message_id": keep_message_id}
        self.emulator.user_edits_draft(ref.provider_id, edited(raw, text, **change))


@pytest.fixture
def emulator() -> Iterator[GmailEmulator]:
    emu = GmailEmulator()
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture
def harness(emulator: GmailEmulator, tmp_path: Path) -> GmailHarness:
    return GmailHarness(emulator, tmp_path / "state")


class TestGmailContract(ConnectorContract):
    @pytest.fixture
    def mailbox(self, harness: GmailHarness) -> GmailHarness:
        return harness


def _request(wants_body: bool = True) -> PullRequest:
    return PullRequest(since=SINCE, wants_body=lambda m: wants_body)


def _target(message_id: str, harness: GmailHarness, subject: str) -> ReplyTarget:
    (original,) = [
        m for m in harness.connector().pull(None, _request()).messages if m.subject == subject
    ]
    assert original.message_id == message_id
    return ReplyTarget(
        original.id, original.message_id, original.references, original.thread_hint, subject
    )


def _send_calls(emulator: GmailEmulator) -> list[str]:
    return [r.path for r in emulator.requests if r.path.endswith("/send") or "send" in r.api]


# -- drafts -------------------------------------------------------------------------------


def test_reply_draft_carries_thread_id_in_reply_to_references_and_re_subject(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    emulator.deliver(rfc822(subject="Interview day", message_id="<root@lakesidemed.org>"))
    emulator.deliver(
        rfc822(
            subject="Re: Interview day",
            message_id="<promise@lakesidemed.org>",
            in_reply_to="<root@lakesidemed.org>",
            date=datetime(2026, 10, 2, tzinfo=UTC),
        )
    )
    target = _target("<promise@lakesidemed.org>", harness, "Re: Interview day")
    ref = harness.connector().create_draft(_draft("inquiry:lakeside:p1", reply_to=target))

    stored = emulator.draft_message(ref.provider_id)
    assert stored.thread_id == target.thread_hint  # Gmail accepted the requested thread
    assert stored.labels == {"DRAFT"}
    msg = email.message_from_bytes(stored.raw, policy=email.policy.default)
    assert msg["In-Reply-To"] == "<promise@lakesidemed.org>"
    assert msg["References"].split() == ["<root@lakesidemed.org>", "<promise@lakesidemed.org>"]
    assert msg["Subject"] == "Re: Interview day"
    assert msg["X-Residency-Agent"] == "inquiry:lakeside:p1"
    assert ref.extra == {"message": stored.id, "thread": stored.thread_id}
    assert _send_calls(emulator) == []


def test_new_note_is_a_new_draft_in_a_new_thread(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    ref = harness.connector().create_draft(_draft("thank-you:lakeside:2026-10-05:pn"))
    stored = emulator.draft_message(ref.provider_id)
    assert stored.thread_id == stored.id
    msg = email.message_from_bytes(stored.raw, policy=email.policy.default)
    assert msg["In-Reply-To"] is None
    assert msg["Subject"] == "Thank You – Jordan Rivera, Internal Medicine Interview"


def test_no_send_endpoint_is_ever_called(harness: GmailHarness, emulator: GmailEmulator) -> None:
    emulator.deliver(rfc822(subject="Second look", message_id="<sl@lakesidemed.org>"))
    connector = harness.connector()
    first = connector.pull(None, _request())
    target = _target("<sl@lakesidemed.org>", harness, "Second look")
    refs = [
        connector.create_draft(_draft("a:1", reply_to=target)),
        connector.create_draft(_draft("a:2")),
    ]
    emulator.user_sends_draft(refs[0].provider_id)
    later = connector.pull(first.cursor, _request())
    connector.list_agent_drafts(refs)
    assert [m.folder for m in later.messages] == ["sent"]
    assert _send_calls(emulator) == []
    assert len(emulator.requests) > 5
    # And no code path could: the connector's sources never name a send method.
    for path in (ROOT / "connectors").glob("gmail*.py"):
        source = path.read_text()
        assert ".send(" not in source and "drafts.send" not in source, path


def test_agent_drafts_found_deleted_and_sent(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    connector = harness.connector()
    first = connector.pull(None, _request())
    kept, deleted, sent = (connector.create_draft(_draft(f"k:{i}")) for i in range(3))
    emulator.user_creates_draft(rfc822(subject="user's own draft"))  # not the agent's
    known = [kept, deleted, sent]
    emulator.user_deletes_draft(deleted.provider_id)
    emulator.user_sends_draft(sent.provider_id)
    second = connector.pull(first.cursor, _request())
    assert [(m.folder, m.subject) for m in second.messages] == [
        ("sent", "Thank You – Jordan Rivera, Internal Medicine Interview")
    ]
    emulator.clear_log()
    assert [d.key for d in connector.list_agent_drafts(known)] == ["k:0"]
    assert {r.api for r in emulator.api_requests()} == {"drafts.list", "batch"}


def test_unrecorded_draft_after_a_crash_is_found_by_its_marker(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    first = harness.connector().pull(None, _request())
    harness.connector().create_draft(_draft("thank-you:x:1"))  # then the process dies
    restarted = harness.connector()
    restarted.pull(first.cursor, _request())  # the unsaved cursor is read again
    (found,) = restarted.list_agent_drafts([])
    assert found.key == "thank-you:x:1"
    assert found.message_id == "<thank-you.x.1@med.example.edu>"


def test_an_edited_draft_costs_one_batch_that_reads_only_its_new_message(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    connector = harness.connector()
    cursor = connector.pull(None, _request()).cursor
    kept, changed = (connector.create_draft(_draft(f"k:{i}")) for i in range(2))
    cursor = connector.pull(cursor, _request()).cursor
    harness.edit_draft(changed, "Dear Dr. Natarajan,\n\nThe ICU tour was a highlight.\n")
    emulator.clear_log()
    cursor = connector.pull(cursor, _request()).cursor
    listed = {d.key: d for d in connector.list_agent_drafts([kept, changed])}
    assert [r.api for r in emulator.api_requests()] == ["history.list", "drafts.list", "batch"]
    (read,) = emulator.calls("messages.get")
    assert read.query["format"] == ["full"]
    assert read.path.endswith("/" + listed["k:1"].extra["message"])
    assert listed["k:0"].text is None  # unchanged since the agent wrote it
    assert listed["k:1"].text is not None and "ICU tour" in listed["k:1"].text
    assert listed["k:1"].extra["message"] != changed.extra["message"]
    for _ in range(2):  # with the ledger's refs updated, back to the one-request pass
        emulator.clear_log()
        pull = connector.pull(cursor, _request())
        again = connector.list_agent_drafts(list(listed.values()))
        assert sorted((d.key, d.text) for d in again) == [("k:0", None), ("k:1", None)]
        assert [r.api for r in emulator.api_requests()] == ["history.list"]
        connector, cursor = harness.connector(), pull.cursor


def test_a_draft_found_without_its_marker_stays_known_as_such_without_reading_it_again(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    connector = harness.connector()
    ref = connector.create_draft(_draft("k:1"))
    harness.edit_draft(ref, "Dear Dr. Natarajan,\n\nEdited in another client.\n", keep_marker=False)
    (found,) = connector.list_agent_drafts([ref])
    assert found.marker_lost and found.provider_id == ref.provider_id
    assert found.extra["thread"] == ref.extra["thread"]
    emulator.clear_log()
    (again,) = harness.connector().list_agent_drafts([found])  # a fresh process
    assert (again.key, again.marker_lost, again.text) == ("k:1", True, None)
    assert [r.api for r in emulator.api_requests()] == ["drafts.list"]


# -- request economy ----------------------------------------------------------------------


def test_a_pass_with_no_new_mail_is_exactly_one_request(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    emulator.deliver(rfc822(subject="Invitation"))
    connector = harness.connector()
    cursor = connector.pull(None, _request()).cursor
    pending = [connector.create_draft(_draft("thank-you:a:1"))]
    cursor = connector.pull(cursor, _request()).cursor  # sees its own draft being created
    assert connector.list_agent_drafts(pending) == pending

    for _ in range(2):  # with drafts awaiting the user, then a fresh process
        emulator.clear_log()
        connector = harness.connector()
        pull = connector.pull(cursor, _request())
        assert connector.list_agent_drafts(pending) == pending
        assert pull.messages == [] and not pull.full
        assert [r.api for r in emulator.api_requests()] == ["history.list"]
        cursor = pull.cursor
    emulator.clear_log()
    harness.connector().pull(cursor, _request())  # nothing pending: no draft question at all
    assert [r.api for r in emulator.api_requests()] == ["history.list"]


def test_new_mail_costs_history_plus_one_batch_per_fifty(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    connector = harness.connector()
    cursor = connector.pull(None, _request()).cursor
    for i in range(120):
        emulator.deliver(
            rfc822(subject=f"m{i}", date=datetime(2026, 10, 1, tzinfo=UTC) + timedelta(minutes=i))
        )
    emulator.clear_log()
    wanted = {"m3", "m70"}
    pull = connector.pull(
        cursor, PullRequest(since=SINCE, wants_body=lambda m: m.subject in wanted)
    )
    assert len(pull.messages) == 120
    assert {m.subject for m in pull.messages if m.body is not None} == wanted
    assert [r.api for r in emulator.api_requests()] == ["history.list"] + ["batch"] * 4
    gets = emulator.calls("messages.get")
    assert [g.query["format"] for g in gets].count(["raw"]) == 2


def test_first_pass_lists_inbox_and_sent_since_season_start_in_one_query(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    emulator.user_creates_draft(rfc822(subject="draft of mine"))
    emulator.deliver(rfc822(subject="spam"), ["SPAM"])
    emulator.deliver(rfc822(subject="archived"), [])
    emulator.deliver(rfc822(subject="in"), ["INBOX", "UNREAD"])
    pull = harness.connector().pull(None, _request())
    assert pull.full and [m.subject for m in pull.messages] == ["in"]
    (listing,) = emulator.calls("messages.list")
    assert listing.query["q"] == [f"{{in:inbox in:sent}} after:{int(SINCE.timestamp())}"]
    assert pull.messages[0].thread_hint == emulator.messages[pull.messages[0].id].thread_id


def test_expired_history_falls_back_to_a_bounded_full_listing(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    emulator.deliver(rfc822(subject="One"))
    connector = harness.connector()
    cursor = connector.pull(None, _request()).cursor
    emulator.deliver(rfc822(subject="Two", date=datetime(2026, 10, 2, tzinfo=UTC)))
    emulator.deliver(rfc822(subject="Ancient", date=SINCE - timedelta(days=3)))
    emulator.expire_history()
    emulator.clear_log()
    pull = connector.pull(cursor, _request())
    assert pull.full
    assert sorted(m.subject for m in pull.messages) == ["One", "Two"]
    apis = [r.api for r in emulator.api_requests()]
    assert apis[:3] == ["history.list", "getProfile", "messages.list"]
    assert emulator.calls("history.list")[0].status == 404
    assert connector.pull(pull.cursor, _request()).messages == []


# -- failures -----------------------------------------------------------------------------


def test_429_with_retry_after_and_500s_are_retried_then_succeed(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    emulator.deliver(rfc822(subject="Invitation"))
    emulator.fail(429, api="getProfile", retry_after="7")
    emulator.fail(500, api="messages.list")
    emulator.fail(500, times=1, api="messages.get")  # one part of the batch
    emulator.fail(429, api="batch", retry_after="3")  # a whole batch
    emulator.fail(403, api="history.list", reason="userRateLimitExceeded")
    connector = harness.connector()
    pull = connector.pull(None, _request())
    assert [m.subject for m in pull.messages] == ["Invitation"]
    assert harness.sleeps[0] == 7.0 and 3.0 in harness.sleeps
    assert len(harness.sleeps) == 4
    assert connector.pull(pull.cursor, _request()).messages == []
    assert len(harness.sleeps) == 5


def test_a_provider_that_stays_down_raises_transient_error(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    emulator.fail(503, times=1000)
    with pytest.raises(TransientError, match="HTTP 503"):
        harness.connector().pull(None, _request())
    assert len(emulator.api_requests()) == 4  # the policy's attempts, then it gives up


def test_draft_create_is_not_retried_after_a_server_error(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    emulator.fail(500, api="drafts.create")
    with pytest.raises(TransientError):
        harness.connector().create_draft(_draft("k:1"))
    assert len(emulator.calls("drafts.create")) == 1  # the ledger reconciles on the next pass
    emulator.fail(429, api="drafts.create", retry_after="1")
    harness.connector().create_draft(_draft("k:2"))  # refused before processing: safe to retry
    assert len(emulator.calls("drafts.create")) == 3


# -- auth ---------------------------------------------------------------------------------


def test_expired_access_token_is_refreshed_and_saved_owner_only(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    path = harness.write_token(expiry="2020-01-01T00:00:00Z", token="ya29.stale")
    harness.connector().pull(None, _request())
    saved = json.loads(path.read_text())
    assert saved["token"].startswith("ya29.emulator-") and saved["token"] != "ya29.stale"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert emulator.requests[0].api == "token"


def test_invalid_grant_raises_auth_error_naming_the_command(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    harness.write_token(expiry="2020-01-01T00:00:00Z")
    emulator.revoke()
    with pytest.raises(AuthError) as caught:
        harness.connector().pull(None, _request())
    message = str(caught.value)
    assert "`agent auth school`" in message
    assert "7 days" in message and "Testing" in message
    assert emulator.api_requests() == []


def test_revoked_token_mid_session_is_an_auth_error(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    connector = harness.connector()
    cursor = connector.pull(None, _request()).cursor
    emulator.expire_access_tokens()
    emulator.revoke()
    with pytest.raises(AuthError, match="agent auth school"):
        connector.pull(cursor, _request())


def test_missing_token_asks_to_sign_in(harness: GmailHarness) -> None:
    (harness.state_dir / "tokens" / "school.json").unlink()
    with pytest.raises(AuthError, match=r"not signed in to Gmail yet.*agent auth school"):
        harness.connector().pull(None, _request())


def test_token_command_prints_the_access_token(
    harness: GmailHarness, emulator: GmailEmulator
) -> None:
    emulator.deliver(rfc822(subject="Invitation"))
    connector = harness.connector(
        client_secrets_file=None, token_command="echo ya29.emulator-valid"
    )
    assert [m.subject for m in connector.pull(None, _request()).messages] == ["Invitation"]


def test_failing_token_command_is_a_clear_auth_error(harness: GmailHarness) -> None:
    command = "echo ya29.secret-looking; echo 'vault is locked' >&2; exit 3"
    connector = harness.connector(token_command=command)
    with pytest.raises(AuthError) as caught:
        connector.pull(None, _request())
    # stderr may hold a password manager's secrets: only the exit status is reported
    assert "token_command exited with status 3." in str(caught.value)
    assert "secret-looking" not in str(caught.value) and "vault" not in str(caught.value)


def test_scopes_are_exactly_readonly_and_compose() -> None:
    assert SCOPES == (READONLY, COMPOSE)


def test_auth_flow_without_a_browser_saves_a_private_token(
    emulator: GmailEmulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the fake identity provider is http
    secrets = tmp_path / "client_secret.json"
    installed = {
        "client_id": "emulator.apps.googleusercontent.com",
        "client_secret": "emulator-secret",
        "auth_uri": emulator.url + "o/oauth2/auth",
        "token_uri": emulator.url + "token",
        "redirect_uris": ["http://localhost"],
    }
    secrets.write_text(json.dumps({"installed": installed}))
    account = GmailAccount(name="school", provider="gmail", client_secrets_file=secrets)
    state = tmp_path / "state"
    result: list[str] = []
    worker = threading.Thread(
        target=lambda: result.append(authorize(account, state, browser=False))
    )
    worker.start()
    url = ""
    for _ in range(200):
        found = re.search(r"(http://127\.0\.0\.1:\d+/o/oauth2/auth\S+)", capsys.readouterr().out)
        if found:
            url = found.group(1)
            break
        worker.join(0.05)
    assert url, "the sign-in URL was not printed"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as page:  # the "browser": consent, then the redirect
        assert b"Signed in" in page.read()
    worker.join(10)
    assert result and "token saved" in result[0]
    (request,) = emulator.auth_requests
    assert request["scope"][0].split() == [READONLY, COMPOSE]
    assert request["access_type"] == ["offline"]
    assert urlsplit(request["redirect_uri"][0]).hostname == "localhost"
    token = state / "tokens" / "school.json"
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    assert json.loads(token.read_text())["refresh_token"].startswith("1//emulator-refresh-")
    assert parse_qs(urlsplit(url).query)["response_type"] == ["code"]


# -- config -------------------------------------------------------------------------------


def test_account_needs_client_secrets_or_token_command() -> None:
    with pytest.raises(ValidationError, match=r"client_secrets_file.*or `token_command`"):
        GmailAccount(name="school", provider="gmail")
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        GmailAccount.model_validate(
            {"name": "school", "provider": "gmail", "token_command": "x", "client_secret": "y"}
        )
    with pytest.raises(ValidationError, match="http"):
        GmailAccount(name="s", provider="gmail", token_command="x", api_endpoint="localhost:1")


def test_raw_bodies_round_trip_non_ascii(harness: GmailHarness, emulator: GmailEmulator) -> None:
    raw = rfc822(subject="=?utf-8?q?Entrevista_=E2=80=93_M=C3=A9xico?=", body="Gracias, José")
    emulator.deliver(
        raw.replace(b"charset=utf-8", b"charset=utf-8\r\nContent-Transfer-Encoding: 8bit")
    )
    (message,) = harness.connector().pull(None, _request()).messages
    assert message.subject == "Entrevista – México"
    assert message.body is not None and "José" in message.body
