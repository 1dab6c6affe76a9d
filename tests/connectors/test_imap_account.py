"""The IMAP account model and its password sources: the config refuses a password and a
plaintext connection to another machine; the keyring and `agent auth` keep the password out of
the config (a real login against Dovecot checks it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from pydantic import ValidationError

from connectors.errors import AuthError, ConnectorError
from connectors.imap.account import ImapAccount
from connectors.imap.auth import authorize
from connectors.imap.auth.password import password_of, run_password_command
from tests.support.dovecot import PASSWORD, USER, Dovecot, running
from tests.support.imports import imported


def model(**keys: object) -> ImapAccount:
    values: dict[str, object] = {
        "name": "school",
        "provider": "imap",
        "host": "imap.example.edu",
        "username": "jrivera",
    }
    values.update(keys)
    return ImapAccount.model_validate(values)


def test_defaults_are_tls_on_993_and_folders_found_on_the_server() -> None:
    acct = model()
    assert (acct.security, acct.server_port) == ("tls", 993)
    assert acct.sent_folder is None and acct.drafts_folder is None
    assert model(security="starttls").server_port == 143


@pytest.mark.parametrize("host", ["imap.example.edu", "10.0.0.5", "localhost.example.com"])
def test_plaintext_is_refused_off_this_machine(host: str) -> None:
    with pytest.raises(ValidationError, match="allowed only for a server on this machine"):
        model(host=host, security="none")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.53"])
def test_plaintext_is_allowed_on_loopback(host: str) -> None:
    assert model(host=host, security="none").security == "none"


def test_a_password_in_the_config_is_refused_with_what_to_do() -> None:
    with pytest.raises(ValidationError, match="never holds its password in the config"):
        model(password="hunter2")


def test_password_command_keeps_spaces_and_drops_the_newline() -> None:
    assert run_password_command("school", "printf 'abcd efgh ijkl mnop\\n'") == (
        "abcd efgh ijkl mnop"
    )


def test_password_command_that_prints_nothing() -> None:
    with pytest.raises(AuthError, match="printed no password"):
        run_password_command("school", "true")


class MemoryKeyring:
    """Stands in for the OS keyring behind the `keyring` library's two calls."""

    def __init__(self) -> None:
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored[(service, username)] = password


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_password", backend.get_password)
    monkeypatch.setattr(keyring, "set_password", backend.set_password)
    return backend


def test_without_password_command_the_keyring_is_used(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(AuthError, match=r"no password.*keyring.*agent auth school"):
        password_of(model())
    memory_keyring.set_password("residency-agent", "school", "app-pass")
    assert password_of(model()) == "app-pass"


def test_no_usable_keyring_says_to_set_password_command(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(service: str, user: str) -> str:
        raise RuntimeError("no backend")

    monkeypatch.setattr(keyring, "get_password", broken)
    with pytest.raises(ConnectorError, match=r"keyring cannot be used.*password_command"):
        password_of(model())


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Dovecot]:
    with running(tmp_path / "dovecot") as dovecot:
        yield dovecot


def _local(server: Dovecot, **keys: object) -> ImapAccount:
    return model(host="127.0.0.1", port=server.port, security="none", username=USER, **keys)


def test_agent_auth_checks_the_typed_password_and_keeps_it_in_the_keyring(
    server: Dovecot, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    typed = iter(["wrong password", PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    with pytest.raises(AuthError, match="refused the login"):
        authorize(_local(server), tmp_path)
    assert memory_keyring.stored == {}  # a refused password is not kept
    message = authorize(_local(server), tmp_path)
    assert "kept in the OS keyring" in message
    assert memory_keyring.stored == {("residency-agent", "school"): PASSWORD}
    assert "still works" in authorize(_local(server), tmp_path)


def test_agent_auth_with_password_command_logs_in_once(server: Dovecot, tmp_path: Path) -> None:
    acct = _local(server, password_command=f"printf '%s' '{PASSWORD}'")
    assert "accepted it" in authorize(acct, tmp_path)


def test_reading_an_imap_config_loads_neither_imapclient_nor_keyring(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[applicant]\nname = "J R"\nemail = "j@x.edu"\ntimezone = "America/New_York"\n'
        '[[accounts]]\nname = "school"\nprovider = "imap"\nhost = "imap.example.edu"\n'
        'username = "jr"\n'
    )
    script = (
        "from pathlib import Path\nfrom agent import config\n"
        f"loaded = config.load(Path({str(path)!r}))\n"
        "assert type(loaded.accounts[0]).__name__ == 'ImapAccount'\n"
    )
    assert imported(script, ("imapclient", "keyring")) == []
