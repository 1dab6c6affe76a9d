"""Commands of the user's that print a secret, like mbsync's PassCmd: ``token_command`` (an
access token, Gmail and Outlook) and ``password_command`` (a password, IMAP). One runner
for all of them.

The secret is a secret, and so may be the command's error output (a password manager saying
why it refused): the error output is discarded unread, and nothing the command prints is
logged. A failure names the account, the key, how the command failed, and what to do.
"""

from __future__ import annotations

import logging
import subprocess

from connectors.errors import AuthError, ConnectorError

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 60.0
# Exit statuses the shell itself uses, worth a word since the command's own message is hidden.
_SHELL_STATUS = {126: "the command is not executable", 127: "the shell found no such command"}


class SecretCommandError(AuthError):
    """The account's command failed: the fix is in the command, not a new sign-in."""

    def __init__(self, account: str, key: str, failure: str) -> None:
        # AuthError's advice is to sign in again; here the user must look at the command.
        ConnectorError.__init__(
            self,
            f"account {account!r}: {key} {failure}. Its error output is not shown "
            "(it may hold secrets): run the command in a shell to see it, fix the command "
            f"or `{key}` in the [[accounts]] entry, then check with `agent auth {account}`.",
        )
        self.account = account


def run_secret_command(
    account: str, key: str, command: str, *, timeout: float = TIMEOUT_SECONDS
) -> str:
    """What the command printed on stdout; every way it can fail is one clear error."""
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
        raise SecretCommandError(account, key, f"did not finish within {timeout:g} s") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SecretCommandError(account, key, f"could not be started ({reason})") from None
    if done.returncode != 0:
        raise SecretCommandError(account, key, _status(done.returncode))
    log.debug("account %s: %s printed its secret", account, key)
    return done.stdout.decode("utf-8", errors="replace")


def run_token_command(account: str, command: str, *, timeout: float = TIMEOUT_SECONDS) -> str:
    """The one access token the command prints on stdout."""
    key = "token_command"
    token = run_secret_command(account, key, command, timeout=timeout).strip()
    if not token:
        raise SecretCommandError(account, key, "exited with status 0 but printed no token")
    if any(c.isspace() for c in token):
        raise SecretCommandError(
            account, key, "printed more than one word; it must print exactly one access token"
        )
    return token


def run_password_command(account: str, command: str, *, timeout: float = TIMEOUT_SECONDS) -> str:
    """The password the command prints: its first line, spaces kept (app passwords have
    them), the newline not."""
    key = "password_command"
    text = run_secret_command(account, key, command, timeout=timeout)
    password = text.splitlines()[0] if text.strip() else ""
    if not password:
        raise SecretCommandError(account, key, "exited with status 0 but printed no password")
    return password


def _status(code: int) -> str:
    if code < 0:
        return f"was stopped by signal {-code}"
    known = _SHELL_STATUS.get(code)
    return f"exited with status {code}" + (f" ({known})" if known else "")
