"""The IMAP connector when things go wrong, against a real Dovecot: a connection dropped in
the middle of a FETCH or after an APPEND the server stored, a server restarted between passes
or down, a folder renumbered (UIDVALIDITY) or renamed, a refused password, a failing
password_command."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from connectors.base import PullRequest
from connectors.errors import AuthError, ConnectorError, TransientError
from connectors.imap.account import ImapAccount
from connectors.imap.connector import ImapConnector
from tests.connectors.test_imap_connector import account, fast_retry
from tests.support.contract import SINCE, _draft, rfc822
from tests.support.dovecot import Dovecot, running
from tests.support.imap_proxy import CuttingProxy, before_append_ok, mid_fetch


def _request() -> PullRequest:
    return PullRequest(since=SINCE)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Dovecot]:
    with running(tmp_path / "dovecot") as dovecot:
        yield dovecot


@pytest.fixture
def proxy(server: Dovecot) -> Iterator[CuttingProxy]:
    cutter = CuttingProxy(server.port)
    yield cutter
    cutter.close()


def connect(
    server: Dovecot, tmp_path: Path, port: int | None = None, **keys: object
) -> ImapConnector:
    acct = account(server, **keys)
    if port is not None:
        acct = acct.model_copy(update={"port": port})
    return ImapConnector(acct, tmp_path / "state", retry=fast_retry(), timeout=5)


def test_a_connection_dropped_mid_fetch_is_retried(
    server: Dovecot, proxy: CuttingProxy, tmp_path: Path
) -> None:
    for n in range(30):
        server.append(rfc822(subject=f"Message {n}", message_id=f"<m{n}@x.org>"))
    proxy.cut_once(mid_fetch)
    connector = connect(server, tmp_path, port=proxy.port)
    try:
        pull = connector.pull(None, _request())
    finally:
        connector.close()
    assert proxy.cuts == 1 and proxy.connections == 2
    assert sorted(m.subject for m in pull.messages) == sorted(f"Message {n}" for n in range(30))


def test_an_append_whose_answer_was_lost_is_not_written_twice(
    server: Dovecot, proxy: CuttingProxy, tmp_path: Path
) -> None:
    proxy.cut_once(before_append_ok)
    connector = connect(server, tmp_path, port=proxy.port)
    try:
        ref = connector.create_draft(_draft("thank-you:x:1"))
    finally:
        connector.close()
    assert proxy.cuts == 1
    with server.client() as other:
        other.select_folder("Drafts", readonly=True)
        assert len(other.search(["HEADER", "X-Residency-Agent", "thank-you:x:1"])) == 1
    assert ref.key == "thank-you:x:1" and ref.provider_id


def test_a_server_restarted_between_passes(server: Dovecot, tmp_path: Path) -> None:
    connector = connect(server, tmp_path)
    try:
        server.append(rfc822(subject="Before"))
        first = connector.pull(None, _request())
        server.restart()  # same port; the connector's open connection is dead
        server.append(rfc822(subject="After"))
        later = connector.pull(first.cursor, _request())
    finally:
        connector.close()
    assert [m.subject for m in later.messages] == ["After"]


def test_a_server_that_is_down_gives_one_clear_message(server: Dovecot, tmp_path: Path) -> None:
    server.stop()
    connector = connect(server, tmp_path)
    with pytest.raises(TransientError) as info:
        connector.pull(None, _request())
    message = str(info.value)
    assert message.startswith("account 'school': the server refused the connection")
    assert f"127.0.0.1:{server.port}" in message and "the next pass tries again" in message


def test_a_refused_password_is_an_auth_error_naming_the_account(
    server: Dovecot, tmp_path: Path
) -> None:
    connector = connect(server, tmp_path, password_command="echo wrong")
    with pytest.raises(AuthError) as info:
        connector.pull(None, _request())
    message = str(info.value)
    assert "account 'school'" in message and "refused the login of 'jordan'" in message
    assert "app password" in message and "agent auth school" in message


def test_a_failing_password_command_hides_its_error_output(server: Dovecot, tmp_path: Path) -> None:
    command = "echo 'secret-in-stderr' >&2; exit 3"
    connector = connect(server, tmp_path, password_command=command)
    with pytest.raises(AuthError) as info:
        connector.pull(None, _request())
    message = str(info.value)
    assert "password_command exited with status 3" in message
    assert "secret-in-stderr" not in message


def _renumber_inbox(server: Dovecot) -> None:
    """What a server migration or a rebuilt index does: same mail, new UIDVALIDITY."""
    server.stop()
    uidlist = server.maildir / "dovecot-uidlist"
    text = uidlist.read_text()
    old = int(re.search(r" V(\d+)", text).group(1))  # type: ignore[union-attr]
    uidlist.write_text(text.replace(f" V{old}", f" V{old + 1000}", 1))
    for index in server.maildir.glob("dovecot.index*"):
        index.unlink()
    server.start()


def test_a_renumbered_inbox_is_read_again_without_new_ids(server: Dovecot, tmp_path: Path) -> None:
    server.append(rfc822(subject="One", message_id="<one@x.org>"))
    connector = connect(server, tmp_path)
    first = connector.pull(None, _request())
    connector.close()
    _renumber_inbox(server)
    connector = connect(server, tmp_path)
    later = connector.pull(first.cursor, _request())
    connector.close()
    assert later.full
    assert [m.id for m in later.messages] == [m.id for m in first.messages]
    again = connect(server, tmp_path).pull(later.cursor, _request())
    assert again.messages == []


def test_a_renamed_sent_folder_is_found_again(tmp_path: Path) -> None:
    with running(tmp_path / "dovecot", special_use=False) as server:
        server.append(rfc822(subject="Old sent", message_id="<s0@x.org>"), "Sent")
        first = connect(server, tmp_path).pull(None, _request())
        with server.client() as other:
            other.rename_folder("Sent", "Sent Messages")
        server.append(rfc822(subject="New sent", message_id="<s1@x.org>"), "Sent Messages")
        later = connect(server, tmp_path).pull(first.cursor, _request())
    assert [(m.subject, m.folder) for m in later.messages] == [("New sent", "sent")]
    assert not later.full  # the same folder under a new name: no full read


def test_a_renamed_configured_folder_says_what_to_do(server: Dovecot, tmp_path: Path) -> None:
    with server.client() as other:
        other.rename_folder("Sent", "Archive/Sent 2026")
    connector = connect(server, tmp_path, sent_folder="Sent")
    with pytest.raises(ConnectorError) as info:
        connector.pull(None, _request())
    message = str(info.value)
    assert "the sent folder 'Sent' named in the [[accounts]] entry is not on the server" in message
    assert "Archive/Sent 2026" in message and "Set `sent_folder`" in message


def test_a_missing_drafts_folder_is_created(tmp_path: Path) -> None:
    with running(tmp_path / "dovecot", folders=("Sent",), special_use=False) as server:
        connector = connect(server, tmp_path)
        assert connector.list_agent_drafts([]) == []
        ref = connector.create_draft(_draft("k:1"))
        assert [d.key for d in connector.list_agent_drafts([ref])] == ["k:1"]
        connector.close()
        with server.client() as other:
            assert any(name == "Drafts" for _, _, name in other.list_folders())


def test_drafts_are_found_where_header_search_finds_nothing(
    server: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connector = connect(server, tmp_path)
    ref = connector.create_draft(_draft("k:1"))
    server.append(rfc822(subject="The user's own draft"), "Drafts", flags=(b"\\Draft",))
    monkeypatch.setattr("connectors.imap.drafts._search_marker", lambda client, key: [])
    later = connect(server, tmp_path / "elsewhere")  # no remembered listing
    assert [(d.key, d.provider_id) for d in later.list_agent_drafts([ref])] == [
        ("k:1", ref.provider_id)
    ]


def test_a_host_that_does_not_exist_is_named_without_retrying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_such_name(*args: object, **kwargs: object) -> None:  # the resolver's answer, offline
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    acct = ImapAccount(
        name="school",
        provider="imap",
        host="imap.no-such-host.invalid",
        username="jr",
        password_command="echo secret",
    )
    with pytest.raises(ConnectorError) as info:
        ImapConnector(acct, tmp_path, retry=fast_retry()).pull(None, _request())
    assert not isinstance(info.value, TransientError)
    assert "there is no host 'imap.no-such-host.invalid'" in str(info.value)
