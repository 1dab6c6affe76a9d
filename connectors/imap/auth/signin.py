"""``agent auth NAME`` for an IMAP account: with ``password_command``, run it and log in
once; without, ask for the password (or app password), log in once to check it, and keep it
in the OS keyring. The password is never written anywhere else."""

from __future__ import annotations

import getpass
from pathlib import Path

from connectors.errors import AuthError
from connectors.imap.account import KEYRING_SERVICE, ImapAccount
from connectors.imap.auth.password import (
    keyring_password,
    run_password_command,
    store_in_keyring,
)


def check_login(account: ImapAccount, password: str) -> None:
    """Log in once and out again; raises the connector's errors."""
    from connectors.imap.session import Session  # the client library, only when used

    session = Session(account, lambda: password)
    try:
        session.run("logging in", lambda client: None)
    finally:
        session.close()


def authorize(account: ImapAccount, state_dir: Path, *, browser: bool | None = None) -> str:
    del state_dir, browser  # no tokens, no browser: a password only
    where = f"{account.username} at {account.host}"
    if account.password_command:
        password = run_password_command(account.name, account.password_command)
        check_login(account, password)
        return (
            f"Account {account.name!r}: password_command printed a password and {account.host} "
            "accepted it."
        )
    stored = keyring_password(account)
    if stored:
        try:
            check_login(account, stored)
            return (
                f"Account {account.name!r}: the password in the OS keyring still works for {where}."
            )
        except AuthError:
            pass  # refused: ask for a new one below
    password = getpass.getpass(f"Password (or app password) for {where}: ")
    if not password:
        raise AuthError(account.name, "no password was typed")
    check_login(account, password)
    store_in_keyring(account, password)
    return (
        f"Account {account.name!r}: {account.host} accepted the password; it is kept in the "
        f"OS keyring (service {KEYRING_SERVICE!r}, user {account.name!r}), not in the config."
    )
