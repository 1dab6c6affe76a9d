"""The account's password: printed by ``password_command`` (like mbsync's PassCmd) or kept in
the OS keyring (service ``residency-agent``, the account's name). Never in the config file.

The command's error output may hold secrets (a password manager explaining a refusal): it is
discarded unread, and nothing the command prints is logged.
"""

from __future__ import annotations

import logging
import subprocess
from typing import Any

from connectors.errors import AuthError, ConnectorError
from connectors.imap.account import KEYRING_SERVICE, ImapAccount

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 60.0
_SHELL_STATUS = {126: "the command is not executable", 127: "the shell found no such command"}


class PasswordCommandError(AuthError):
    """The account's password_command failed: the fix is in the command, not a new sign-in."""

    def __init__(self, account: str, failure: str) -> None:
        ConnectorError.__init__(
            self,
            f"account {account!r}: password_command {failure}. Its error output is not shown "
            "(it may hold secrets): run the command in a shell to see it, fix it or "
            f"`password_command` in the [[accounts]] entry, then check with `agent auth "
            f"{account}`.",
        )
        self.account = account


def run_password_command(account: str, command: str, *, timeout: float = TIMEOUT_SECONDS) -> str:
    """The password the command prints on stdout (its one line, spaces kept)."""
    try:
        done = subprocess.run(
            command,
            shell=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PasswordCommandError(account, f"did not finish within {timeout:g} s") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise PasswordCommandError(account, f"could not be started ({reason})") from None
    if done.returncode != 0:
        raise PasswordCommandError(account, _status(done.returncode))
    text = done.stdout.decode("utf-8", errors="replace")
    # Like PassCmd: the first line is the password; a trailing newline is not part of it.
    password = text.splitlines()[0] if text.strip() else ""
    if not password:
        raise PasswordCommandError(account, "exited with status 0 but printed no password")
    log.debug("account %s: password_command printed a password", account)
    return password


def _status(code: int) -> str:
    if code < 0:
        return f"was stopped by signal {-code}"
    known = _SHELL_STATUS.get(code)
    return f"exited with status {code}" + (f" ({known})" if known else "")


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
