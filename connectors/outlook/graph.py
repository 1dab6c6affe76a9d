"""The Microsoft Graph HTTP client of the Outlook connector: one session per mailbox, at most
``MAX_IN_FLIGHT`` requests at a time, bounded retries, and every Graph error mapped to the
domain exceptions of ``connectors.errors`` here, in one place."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from connectors.errors import AuthError, ConnectorError, CursorExpired, TransientError
from connectors.retry import RetryPolicy, retry_after_seconds

if TYPE_CHECKING:  # requests is imported when a client is built: Maildir users never load it
    import requests

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://graph.microsoft.com/v1.0"
MAX_IN_FLIGHT = 4  # per mailbox: Graph throttles per app and mailbox well above this
TIMEOUT = (10, 60)  # connect, read (seconds)
# Ids that survive a move between folders, so a draft the user sent keeps its id.
IMMUTABLE_IDS = 'IdType="ImmutableId"'
_EXPIRED_CODES = {"syncstatenotfound", "syncstateinvalid", "resyncrequired"}


class NotFound(ConnectorError):
    """The item is gone (the user deleted or moved it)."""


class GraphClient:
    """JSON over HTTPS to Graph with a bearer token from ``token(force_refresh)``."""

    def __init__(
        self,
        account: str,
        endpoint: str,
        token: Callable[[bool], str],
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.account = account
        self.endpoint = endpoint.rstrip("/")
        self._token = token
        self._bearer: str | None = None
        self._token_lock = threading.Lock()
        self.retry = retry or RetryPolicy()
        self._slots = threading.BoundedSemaphore(MAX_IN_FLIGHT)
        if session is None:
            import requests
            from requests.adapters import HTTPAdapter

            session = requests.Session()
            adapter = HTTPAdapter(pool_connections=1, pool_maxsize=MAX_IN_FLIGHT)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        self.session = session

    def owns(self, url: str) -> bool:
        """Whether ``url`` (a nextLink or deltaLink) points at this client's Graph host."""
        return urlsplit(url)[:2] == urlsplit(self.endpoint)[:2]

    def url(self, path: str) -> str:
        return path if path.startswith(("https://", "http://")) else f"{self.endpoint}{path}"

    def _bearer_token(self, refresh: bool) -> str:
        with self._token_lock:
            if self._bearer is None or refresh:
                self._bearer = self._token(refresh)
            return self._bearer

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, Any] | None = None,
        prefer: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        """One call, retried on 429/5xx/network errors within the policy; the JSON answer."""
        import requests

        url = self.url(path)
        if not self.owns(url):
            # nextLink/deltaLink come from the server; never send the token elsewhere.
            raise ConnectorError(
                f"account {self.account!r}: Graph returned a link off {self.endpoint}"
            )
        headers = {"Prefer": ", ".join((IMMUTABLE_IDS, *prefer)), "Accept": "application/json"}
        attempt, waited, refreshed = 0, 0.0, False
        while True:
            attempt += 1
            headers["Authorization"] = f"Bearer {self._bearer_token(False)}"
            try:
                with self._slots:
                    resp = self.session.request(
                        method, url, params=params, json=json, headers=headers, timeout=TIMEOUT
                    )
            except (requests.ConnectionError, requests.Timeout) as exc:
                detail, retry_after = f"network error ({type(exc).__name__})", None
                if method == "POST" and not isinstance(exc, requests.ConnectTimeout):
                    raise TransientError(
                        f"account {self.account!r}: {detail} talking to Microsoft Graph"
                    ) from exc
            else:
                status = resp.status_code
                if status < 300:
                    return _json(resp)
                if status == 401 and not refreshed:
                    refreshed = True  # the token may have expired mid-pass: one fresh try
                    self._bearer_token(True)
                    attempt -= 1
                    continue
                if status != 429 and status < 500:
                    raise self._error(method, url, resp)
                detail = f"HTTP {status} {_code(resp) or ''}".strip()
                retry_after = retry_after_seconds(resp.headers.get("Retry-After"))
                if method == "POST" and status != 429:
                    # a POST that failed may still have created something: no blind retry;
                    # the connector finds a half-made draft by its marker on the next pass
                    raise TransientError(
                        f"account {self.account!r}: Microsoft Graph failed ({detail}); "
                        "the next pass will try again"
                    )
            next_waited = self.retry.wait(attempt, waited, retry_after)
            if next_waited is None:
                raise TransientError(
                    f"account {self.account!r}: Microsoft Graph still failing after "
                    f"{attempt} tries ({detail}); the next pass will try again"
                )
            log.info("%s %s: %s; retrying", method, _path_of(url), detail)
            waited = next_waited

    def batch(
        self, urls: dict[str, str], *, prefer: tuple[str, ...] = ()
    ) -> dict[str, dict[str, Any]]:
        """GETs of ``urls`` (key -> relative URL, at most 20) as one JSON batch; the answers
        by key. A request answered 429 or 5xx inside the batch is sent again in a smaller
        batch after its Retry-After, within the retry policy; 404 (deleted since listed)
        is left out."""
        headers = {"Prefer": ", ".join((IMMUTABLE_IDS, *prefer))}
        pending, out = dict(urls), dict[str, dict[str, Any]]()
        attempt, waited = 0, 0.0
        while pending:
            attempt += 1
            keys = list(pending)
            calls = [
                {"id": str(n), "method": "GET", "url": pending[k], "headers": headers}
                for n, k in enumerate(keys)
            ]
            answer = self.request("POST", "/$batch", json={"requests": calls})
            again, pauses = dict(pending), [0.0]
            for item in answer.get("responses") or []:
                key = _batch_key(item, keys)
                if key is None or key not in again:
                    continue
                status = int(item.get("status") or 0)
                if status < 300 and status:
                    out[key] = item.get("body") or {}
                elif status in (404, 410):
                    log.debug("GET in a batch: %s no longer exists", key)
                elif status and status != 429 and status < 500:
                    raise ConnectorError(
                        f"account {self.account!r}: Microsoft Graph refused a batched GET: "
                        f"HTTP {status}"
                    )
                if status and (status < 300 or status in (404, 410)):
                    del again[key]
                elif status:
                    after = (item.get("headers") or {}).get("Retry-After")
                    pauses.append(retry_after_seconds(after) or 0.0)
            if again:
                next_waited = self.retry.wait(attempt, waited, max(pauses) or None)
                if next_waited is None:
                    raise TransientError(
                        f"account {self.account!r}: Microsoft Graph still throttling batched "
                        f"reads after {attempt} tries; the next pass will try again"
                    )
                log.info("batched GETs: %d of %d to send again", len(again), len(keys))
                waited = next_waited
            pending = again
        return out

    def _error(self, method: str, url: str, resp: requests.Response) -> ConnectorError:
        status, code = resp.status_code, _code(resp)
        where = f"{method} {_path_of(url)}"
        if status == 410 or (code or "").lower() in _EXPIRED_CODES:
            return CursorExpired(f"account {self.account!r}: sync state expired ({where})")
        if status == 401:
            return AuthError(self.account, "Microsoft rejected the access token")
        if status == 403:
            return AuthError(
                self.account,
                f"Microsoft Graph denied access ({code or 'HTTP 403'}); the sign-in needs the "
                "Mail.ReadWrite permission, which a school may have to approve (admin consent)",
            )
        if status == 404:
            return NotFound(f"account {self.account!r}: not found ({where})")
        return ConnectorError(
            f"account {self.account!r}: Microsoft Graph refused {where}: "
            f"HTTP {status} {code or ''}".strip()
        )


def _batch_key(item: Any, keys: list[str]) -> str | None:
    """The key of a batch response item (its id is the request's index)."""
    try:
        return keys[int(item.get("id"))]
    except (AttributeError, TypeError, ValueError, IndexError):
        return None


def _json(resp: requests.Response) -> dict[str, Any]:
    if resp.status_code == 204 or not resp.content:
        return {}
    try:
        data = resp.json()
    except ValueError as exc:
        raise TransientError("Microsoft Graph sent a response that is not JSON") from exc
    return data if isinstance(data, dict) else {}


def _code(resp: requests.Response) -> str | None:
    """Graph's error code (``{"error": {"code": ...}}``), never the message text."""
    try:
        err = resp.json().get("error")
    except (ValueError, AttributeError):
        return None
    code = err.get("code") if isinstance(err, dict) else None
    return str(code)[:80] if code else None


def _path_of(url: str) -> str:
    """The path without the query: delta and skip tokens stay out of logs and messages."""
    return urlsplit(url).path
