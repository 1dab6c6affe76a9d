"""Calls to the Gmail API: the client, bounded retries per call and per batch part, and the
one place where Google's errors become ``connectors.errors``."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httplib2
from google.auth.exceptions import GoogleAuthError, TransportError
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest, HttpRequest

from connectors.errors import AuthError, ConnectorError, TransientError
from connectors.gmail.auth import refresh_failure
from connectors.pacing import Pacer, gmail_cost
from connectors.retry import RetryPolicy, retry_after_seconds

log = logging.getLogger(__name__)


class NotFound(ConnectorError):
    """Gmail answered 404: the message, draft or history id no longer exists."""


DEFAULT_ENDPOINT = "https://gmail.googleapis.com/"
BATCH_PATH = "batch/gmail/v1"  # Gmail's documented batch path; the discovery doc says "batch"
MAX_BATCH = 50  # Gmail allows 100 calls a batch but rate-limits batches above 50
HTTP_TIMEOUT = 60
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
# Failures of the network itself; google-auth wraps them in TransportError during refresh.
NETWORK_ERRORS = (httplib2.HttpLib2Error, OSError, socket.timeout, TransportError)


def build_service(credentials: Any, endpoint: str | None) -> tuple[Any, str]:
    """A Gmail client from the bundled discovery document, and its batch URI."""
    base = endpoint or DEFAULT_ENDPOINT
    if not base.endswith("/"):
        base += "/"
    http = AuthorizedHttp(credentials, http=httplib2.Http(timeout=HTTP_TIMEOUT))
    service = build(
        "gmail",
        "v1",
        http=http,
        static_discovery=True,
        cache_discovery=False,
        client_options={"api_endpoint": base},
    )
    # service.new_batch_http_request() would post to the discovery rootUrl, not ``base``.
    return service, urljoin(base, BATCH_PATH)


def _reasons(exc: HttpError) -> set[str]:
    try:
        data = json.loads(exc.content.decode("utf-8", "replace"))
        return {str(e.get("reason", "")) for e in data["error"].get("errors", [])}
    except (ValueError, KeyError, TypeError, AttributeError):
        return set()


def is_retryable(exc: HttpError) -> bool:
    status = exc.status_code
    return status in RETRY_STATUSES or (status == 403 and bool(_reasons(exc) & RATE_LIMIT_REASONS))


def retry_after(exc: HttpError) -> float | None:
    return retry_after_seconds(exc.resp.get("retry-after"))


def map_error(account: str, exc: Exception, what: str) -> ConnectorError:
    """Every Google, HTTP and network failure becomes one of the domain exceptions here."""
    if isinstance(exc, ConnectorError):
        return exc
    if isinstance(exc, HttpError):
        status = exc.status_code
        if status == 401:
            return AuthError(account, "Gmail rejected the access token")
        if status == 403 and not is_retryable(exc):
            reasons = _reasons(exc)
            if reasons & {"insufficientPermissions", "forbidden", "accessNotConfigured"}:
                return AuthError(
                    account,
                    f"Gmail refused {what} ({', '.join(sorted(reasons))}); check that the "
                    "Gmail API is enabled and both scopes were granted",
                )
        if status == 404:
            return NotFound(f"account {account!r}: Gmail found nothing for {what} (HTTP 404)")
        if is_retryable(exc):
            return TransientError(
                f"account {account!r}: Gmail kept failing on {what} (HTTP {status}); "
                "the next pass will try again"
            )
        return ConnectorError(f"account {account!r}: Gmail refused {what} (HTTP {status})")
    if isinstance(exc, GoogleAuthError) and not isinstance(exc, TransportError):
        return refresh_failure(account, exc)
    if isinstance(exc, NETWORK_ERRORS):
        return TransientError(
            f"account {account!r}: cannot reach Gmail during {what} ({type(exc).__name__}); "
            "the next pass will try again"
        )
    return ConnectorError(f"account {account!r}: unexpected failure during {what}: {exc!r}")


@dataclass
class GmailCalls:
    """Executes requests for one account with bounded retries; counts what it sent."""

    account: str
    batch_uri: str
    policy: RetryPolicy
    # Paces every call under the per-user quota (units a second); None: unpaced.
    pacer: Pacer | None = None

    def _pace(self, requests: Sequence[HttpRequest]) -> None:
        if self.pacer is not None:
            self.pacer.take(sum(gmail_cost(getattr(r, "methodId", None)) for r in requests))

    def execute(self, request: HttpRequest, what: str, *, idempotent: bool = True) -> Any:
        """Run one call. A call that is not idempotent is retried only when Google says it
        was not processed (429 or a rate-limit 403), never after a 5xx or a network error."""
        attempt, waited = 1, 0.0
        while True:
            self._pace([request])
            try:
                return request.execute(num_retries=0)
            except HttpError as exc:
                retryable = is_retryable(exc) and (idempotent or exc.status_code in (403, 429))
                if not retryable:
                    raise map_error(self.account, exc, what) from exc
                pause = retry_after(exc)
                last: Exception = exc
            except NETWORK_ERRORS as exc:
                if not idempotent:
                    raise map_error(self.account, exc, what) from exc
                pause, last = None, exc
            except GoogleAuthError as exc:
                raise map_error(self.account, exc, what) from exc
            next_waited = self.policy.wait(attempt, waited, pause)
            if next_waited is None:
                raise map_error(self.account, last, what) from last
            log.info("gmail %s: retrying after %s", what, type(last).__name__)
            attempt, waited = attempt + 1, next_waited

    def batch(
        self,
        requests: Sequence[tuple[str, HttpRequest]],
        what: str,
        on_result: Callable[[str, Any], None],
        *,
        missing_ok: bool = True,
    ) -> None:
        """Run idempotent calls in batches of ``MAX_BATCH``; each part that fails with a
        retryable error is retried (in a later batch) within the same bounded budget.
        ``on_result(key, response)`` is called once per call that succeeded; with
        ``missing_ok``, calls answering 404 (deleted since listed) are dropped."""
        pending = list(requests)
        attempt, waited = 1, 0.0
        while pending:
            failed: list[tuple[str, HttpRequest]] = []
            pauses: list[float] = []
            last: Exception | None = None
            for start in range(0, len(pending), MAX_BATCH):
                chunk = pending[start : start + MAX_BATCH]
                errors: dict[str, HttpError] = {}

                def collect(
                    request_id: str, response: Any, exc: Exception | None, _e: Any = errors
                ) -> None:
                    if exc is None:
                        on_result(request_id, response)
                    elif isinstance(exc, HttpError):
                        _e[request_id] = exc
                    else:
                        raise exc

                batch = BatchHttpRequest(callback=collect, batch_uri=self.batch_uri)
                for key, request in chunk:
                    batch.add(request, request_id=key)
                self._pace([request for _, request in chunk])
                try:
                    batch.execute()
                except HttpError as exc:  # the whole batch was refused
                    if not is_retryable(exc):
                        raise map_error(self.account, exc, what) from exc
                    failed.extend(chunk)
                    pauses.append(retry_after(exc) or 0.0)
                    last = exc
                    continue
                except NETWORK_ERRORS as exc:
                    failed.extend(chunk)
                    last = exc
                    continue
                except GoogleAuthError as exc:
                    raise map_error(self.account, exc, what) from exc
                by_key = dict(chunk)
                for key, part_error in errors.items():
                    if is_retryable(part_error):
                        failed.append((key, by_key[key]))
                        pauses.append(retry_after(part_error) or 0.0)
                        last = part_error
                    elif part_error.status_code == 404 and missing_ok:
                        log.debug("gmail %s: %s no longer exists", what, key)
                    else:
                        raise map_error(self.account, part_error, what) from part_error
            if not failed:
                return
            assert last is not None
            pause = max(pauses) if pauses else None
            next_waited = self.policy.wait(attempt, waited, pause or None)
            if next_waited is None:
                raise map_error(self.account, last, what) from last
            log.info("gmail %s: retrying %d of %d calls", what, len(failed), len(pending))
            pending, attempt, waited = failed, attempt + 1, next_waited
