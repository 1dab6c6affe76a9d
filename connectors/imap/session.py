"""One logged-in IMAP connection: TLS, STARTTLS or (loopback only) plain; every server or
network failure mapped, in this one place, to the errors of ``connectors.errors``; transient
failures retried with backoff on a fresh connection; round trips counted."""

from __future__ import annotations

import contextlib
import imaplib
import logging
import socket
import ssl
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from connectors.errors import AuthError, ConnectorError, TransientError
from connectors.imap.account import ImapAccount
from connectors.retry import RetryPolicy

log = logging.getLogger(__name__)

T = TypeVar("T")
TIMEOUT_SECONDS = 30.0
# Response codes (RFC 5530) that mean "try again later" rather than "this is wrong".
_TRANSIENT_CODES = (b"[UNAVAILABLE]", b"[INUSE]", b"[SERVERBUG]", b"[LIMIT]")
# The resolver's "no such name" (a typo in `host`), as opposed to "try again" (offline).
_NO_SUCH_HOST = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}


class FolderMissing(Exception):
    """A folder named in the cursor or the config is not on the server (renamed, deleted)."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.folder = folder


class Session:
    def __init__(
        self,
        account: ImapAccount,
        password: Callable[[], str],
        retry: RetryPolicy | None = None,
        *,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self.account = account
        self.name = account.name
        self._password = password
        self.retry = retry or RetryPolicy()
        self.timeout = timeout
        self._client: IMAPClient | None = None
        self.round_trips = 0  # tagged commands sent, the login included
        self.commands: Counter[str] = Counter()  # the same, by command ("UID FETCH": 3)
        self.connections = 0

    # -- the connection ------------------------------------------------------------------

    def client(self) -> IMAPClient:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> IMAPClient:
        account = self.account
        password = self._password()  # before the socket: a failing command costs no login
        # Verifies the certificate and the host name; not built for a plain loopback server.
        context = ssl.create_default_context() if account.security != "none" else None
        client = IMAPClient(
            account.host,
            port=account.server_port,
            ssl=account.security == "tls",
            ssl_context=context,
            timeout=self.timeout,
        )
        self.connections += 1
        self._count(client)
        try:
            if account.security == "starttls":
                if not client.has_capability("STARTTLS"):
                    raise ConnectorError(
                        f"account {self.name!r}: {account.host} does not offer STARTTLS, so the "
                        'password would travel unencrypted. Use security = "tls" (port 993) '
                        "if the server offers it."
                    )
                client.starttls(context or ssl.create_default_context())
            client.login(account.username, password)
        except BaseException:
            _quietly_close(client)
            raise
        log.debug("account %s: logged in to %s", self.name, account.host)
        return client

    def _count(self, client: IMAPClient) -> None:
        """Count every tagged command: imapclient sends most through imaplib's ``_command``
        and some (SEARCH, APPEND with literals) through its own ``_raw_command``."""
        imap = getattr(client, "_imap", None)
        command = getattr(imap, "_command", None)
        raw = getattr(client, "_raw_command", None)
        if imap is None or command is None or raw is None:
            return

        def note(args: tuple[Any, ...], uid: bool = False) -> None:
            words = [str(a.decode() if isinstance(a, bytes) else a).upper() for a in args[:2]]
            name = " ".join(words) if words[0] == "UID" else words[0]
            self.round_trips += 1
            self.commands[f"UID {name}" if uid and client.use_uid else name] += 1

        def counted(*args: Any, **kwargs: Any) -> Any:
            note(args)
            return command(*args, **kwargs)

        def counted_raw(name: bytes, args: Any, uid: bool = True) -> Any:
            note((name,), uid)
            return raw(name, args, uid=uid)

        imap._command = counted
        client._raw_command = counted_raw

    def drop(self) -> None:
        """Forget the connection (after a failure) without a round trip."""
        if self._client is not None:
            _quietly_close(self._client)
            self._client = None

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:
            _quietly_close(client)

    # -- running commands ----------------------------------------------------------------

    def run(self, what: str, op: Callable[[IMAPClient], T]) -> T:
        """``op`` on a logged-in client; a dropped connection or an unavailable server is
        retried from a fresh connection (``op`` must be safe to run again)."""
        attempt, waited = 1, 0.0
        while True:
            try:
                return op(self.client())
            except (ConnectorError, FolderMissing):
                raise
            except Exception as exc:
                self.drop()
                reason = self._retry_reason(exc, what)  # or raises the account's error
                log.warning("account %s: %s while %s; retrying", self.name, reason, what)
                next_wait = self.retry.wait(attempt, waited)
                if next_wait is None:
                    raise TransientError(self._unreachable(reason, what)) from None
                attempt, waited = attempt + 1, next_wait

    def _retry_reason(self, exc: Exception, what: str) -> str:
        """Why ``exc`` is worth another try; raises the one clear error when it is not."""
        host = self.account.host
        if isinstance(exc, LoginError):
            if any(code in _raw(exc) for code in _TRANSIENT_CODES):
                return "the login was refused for now"
            raise AuthError(
                self.name,
                f"the IMAP server {host} refused the login of {self.account.username!r} "
                f"({_text(exc)}); check the password (most providers want an app password "
                "here, not your usual one)",
            ) from None
        if isinstance(exc, ssl.SSLCertVerificationError):
            raise ConnectorError(
                f"account {self.name!r}: the certificate of {host} is not trusted "
                f"({exc.verify_message}). Check `host`; for a server with a private CA, point "
                "SSL_CERT_FILE at its certificate."
            ) from None
        if isinstance(exc, socket.gaierror) and exc.errno in _NO_SUCH_HOST:
            raise ConnectorError(
                f"account {self.name!r}: there is no host {host!r} ({exc.strerror}). Check "
                "`host` in the [[accounts]] entry."
            ) from None
        reason = _transient_reason(exc)
        if reason is None:
            raise ConnectorError(
                f"account {self.name!r}: the IMAP server refused {what} ({_text(exc)})."
            ) from None
        return reason

    def _unreachable(self, reason: str, what: str) -> str:
        account = self.account
        return (
            f"account {self.name!r}: {reason} while {what} on {account.host}:"
            f"{account.server_port}, after retries. Check `host`, `port` and `security` in the "
            "[[accounts]] entry and your network; the next pass tries again."
        )


def _transient_reason(exc: BaseException) -> str | None:
    """Why a failure is worth retrying, or None when it is not."""
    if isinstance(exc, ConnectionRefusedError):
        return "the server refused the connection (is it down?)"
    if isinstance(exc, socket.gaierror):
        return f"the host name could not be resolved ({exc.strerror})"
    if isinstance(exc, socket.timeout | TimeoutError):
        return "the server did not answer in time"
    if isinstance(exc, IMAPClientAbortError | imaplib.IMAP4.abort | EOFError):
        return "the connection was dropped"
    if isinstance(exc, OSError):
        return f"a network error ({exc.strerror or type(exc).__name__})"
    if isinstance(exc, IMAPClientError) and any(c in _raw(exc) for c in _TRANSIENT_CODES):
        return f"the server is busy ({_text(exc)})"
    return None


def _raw(exc: BaseException) -> bytes:
    return str(exc).encode("utf-8", "replace")


def _text(exc: BaseException) -> str:
    text = str(exc).strip()
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    return text[:200] or type(exc).__name__


def is_missing_folder(exc: BaseException) -> bool:
    """A NO answer because the mailbox does not exist (RFC 5530 NONEXISTENT, or older text)."""
    if not isinstance(exc, IMAPClientError) or isinstance(exc, IMAPClientAbortError):
        return False
    text = str(exc).lower()
    return "nonexistent" in text or "doesn't exist" in text or "does not exist" in text


def _quietly_close(client: IMAPClient) -> None:
    with contextlib.suppress(Exception):
        client.shutdown()
