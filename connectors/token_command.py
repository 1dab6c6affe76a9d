"""``token_command``: a command of the user's that prints an access token (like mbsync's
PassCmd), the one runner for every provider that accepts one.

The token is a secret, and so may be the command's error output (a password manager saying
why it refused): the error output is discarded unread, and nothing the command prints is
logged. A failure names the account, how the command failed, and what to do.
"""

from __future__ import annotations

import logging
import subprocess

from connectors.errors import AuthError, ConnectorError

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 60.0
# Exit statuses the shell itself uses, worth a word since the command's own message is hidden.
_SHELL_STATUS = {126: "the command is not executable", 127: "the shell found no such command"}


class TokenCommandError(AuthError):
    """The account's token_command failed: the fix is in the command, not a new sign-in."""

    def __init__(self, account: str, failure: str) -> None:
        # AuthError's advice is to sign in again; here the user must look at the command.
        ConnectorError.__init__(
            self,
            f"account {account!r}: token_command {failure}. Its error output is not shown "
            "(it may hold secrets): run the command in a shell to see it, fix the command "
            f"or `token_command` in the [[accounts]] entry, then check with `agent auth "
            f"{account}`.",
        )
        self.account = account


def run_token_command(account: str, command: str, *, timeout: float = TIMEOUT_SECONDS) -> str:
    """The one access token the command prints on stdout."""
    try:
        done = subprocess.run(
            command,
            shell=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TokenCommandError(account, f"did not finish within {timeout:g} s") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise TokenCommandError(account, f"could not be started ({reason})") from None
    if done.returncode != 0:
        raise TokenCommandError(account, _status(done.returncode))
    token = done.stdout.decode("utf-8", errors="replace").strip()
    if not token:
        raise TokenCommandError(account, "exited with status 0 but printed no token")
    if any(c.isspace() for c in token):
        raise TokenCommandError(
            account, "printed more than one word; it must print exactly one access token"
        )
    log.debug("account %s: token_command printed a token", account)
    return token


def _status(code: int) -> str:
    if code < 0:
        return f"was stopped by signal {-code}"
    known = _SHELL_STATUS.get(code)
    return f"exited with status {code}" + (f" ({known})" if known else "")
