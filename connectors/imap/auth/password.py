"""The account's password: printed by ``password_command`` (run by the one runner of
connectors/token_command.py) or kept in the OS keyring (service ``residency-agent``, the
account's name). Never in the config file."""

from __future__ import annotations

import logging
from typing import Any

from connectors.errors import AuthError, ConnectorError
from connectors.imap.account import KEYRING_SERVICE, ImapAccount
from connectors.token_command import run_password_command

log = logging.getLogger(__name__)


def keyring_password(account: ImapAccount) -> str | None:
    """The password stored in the OS keyring, None when there is none."""
    keyring = _keyring(account)
    try:
        return keyring.get_password(KEYRING_SERVICE, account.name)
    except Exception as exc:  # keyring backends raise their own errors; one message for all
        raise _no_keyring(account, exc) from None


def store_in_keyring(account: ImapAccount, password: str) -> None:
    keyring = _keyring(account)
    try:
        keyring.set_password(KEYRING_SERVICE, account.name, password)
    except Exception as exc:
        raise _no_keyring(account, exc) from None


def password_of(account: ImapAccount) -> str:
    """The password to log in with, from the command or the keyring."""
    if account.password_command:
        return run_password_command(account.name, account.password_command)
    password = keyring_password(account)
    if not password:
        raise AuthError(
            account.name,
            "no password: the account has no `password_command` and the OS keyring holds no "
            f"password for it (service {KEYRING_SERVICE!r}, user {account.name!r})",
        )
    return password


def _keyring(account: ImapAccount) -> Any:
    try:
        import keyring
    except ImportError as exc:
        raise _no_keyring(account, exc) from None
    return keyring


def _no_keyring(account: ImapAccount, exc: BaseException) -> ConnectorError:
    return ConnectorError(
        f"account {account.name!r}: the OS keyring cannot be used here "
        f"({type(exc).__name__}). Set `password_command` in the [[accounts]] entry to a "
        "command that prints the password (for example `pass show mail/school`)."
    )
