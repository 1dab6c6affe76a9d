"""The provider registry: the config's accounts, their paths, `agent auth` and the connectors
all come from its entries."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from agent import config
from agent.errors import ConfigError
from connectors import registry
from connectors.gmail.account import GmailAccount
from connectors.gmail.connector import GmailConnector
from connectors.maildir import MaildirAccount, MaildirConnector
from connectors.outlook.account import OutlookAccount
from connectors.outlook.connector import OutlookConnector
from tests.support.imports import imported

APPLICANT = '[applicant]\nname = "J R"\nemail = "j@x.edu"\ntimezone = "America/New_York"\n'
ACCOUNTS = {
    "maildir": 'provider = "maildir"\npath = "mail/school"\n',
    "gmail": 'provider = "gmail"\nclient_secrets_file = "secrets/client.json"\n',
    "outlook": 'provider = "outlook"\nclient_id = "00000000-0000-0000-0000-000000000000"\n',
}


def write_config(folder: Path, *accounts: tuple[str, str]) -> Path:
    tables = [f'[[accounts]]\nname = "{name}"\n{body}' for name, body in accounts]
    path = folder / "config.toml"
    path.write_text("\n".join([APPLICANT, *tables]))
    return path


def every_provider(folder: Path) -> config.Config:
    return config.load(write_config(folder, *ACCOUNTS.items()))


def test_each_provider_reads_its_own_model(tmp_path: Path) -> None:
    loaded = every_provider(tmp_path)
    models = [type(account) for account in loaded.accounts]
    assert models == [MaildirAccount, GmailAccount, OutlookAccount]
    assert registry.NAMES == ("maildir", "gmail", "outlook", "imap")


def test_path_keys_are_relative_to_the_config_file(tmp_path: Path) -> None:
    maildir, gmail, _ = every_provider(tmp_path).accounts
    assert isinstance(maildir, MaildirAccount) and isinstance(gmail, GmailAccount)
    assert maildir.path == tmp_path / "mail" / "school"
    assert gmail.client_secrets_file == tmp_path / "secrets" / "client.json"


@pytest.mark.parametrize("entry", registry.PROVIDERS, ids=lambda p: p.name)
def test_path_keys_are_the_models_path_fields(entry: registry.Provider) -> None:
    """A path key the entry forgets would be read relative to the working directory."""
    hints = typing.get_type_hints(entry.account)
    paths = {
        name
        for name in entry.account.model_fields
        if hints[name] is Path or Path in typing.get_args(hints[name])
    }
    assert set(entry.path_keys) == paths


def test_an_unknown_provider_lists_the_registered_ones(tmp_path: Path) -> None:
    path = write_config(tmp_path, ("school", 'provider = "pop3"\n'))
    with pytest.raises(ConfigError) as info:
        config.load(path)
    assert info.value.problems == [
        'accounts[0] ("school").provider: must be one of maildir, gmail, outlook, imap'
    ]


def test_a_misspelt_account_key_is_guessed_from_the_providers_model(tmp_path: Path) -> None:
    body = 'provider = "gmail"\ntoken_command = "x"\nclient_secret = "y"\n'
    with pytest.raises(ConfigError) as info:
        config.load(write_config(tmp_path, ("school", body)))
    assert info.value.problems == [
        "accounts[0] (\"school\").client_secret: unknown key; did you mean 'client_secrets_file'?"
    ]


def test_reading_a_config_imports_no_provider_client_library(tmp_path: Path) -> None:
    path = write_config(tmp_path, *ACCOUNTS.items())
    script = f"from agent import config\nconfig.load(__import__('pathlib').Path({str(path)!r}))\n"
    heavy = ("google", "googleapiclient", "google_auth_oauthlib", "msal", "msal_extensions")
    assert imported(script, (*heavy, "requests")) == []


def test_open_connector_builds_each_providers_connector(tmp_path: Path) -> None:
    for box in ("cur", "new", "tmp"):
        (tmp_path / "mail" / "school" / box).mkdir(parents=True)
    accounts = every_provider(tmp_path).accounts
    built = [type(registry.open_connector(a, tmp_path / "state")) for a in accounts]
    assert built == [MaildirConnector, GmailConnector, OutlookConnector]


def test_a_maildir_needs_no_sign_in(tmp_path: Path) -> None:
    (maildir, *_) = every_provider(tmp_path).accounts
    message = registry.authorize(maildir, tmp_path / "state", browser=None)
    assert message == "Account 'maildir' is a local Maildir; it needs no sign-in."
    assert not (tmp_path / "state").exists()
