"""A local Gmail API emulator: enough of Gmail v1 for the connector, served on 127.0.0.1.

It speaks the real wire protocol (JSON over HTTP, multipart/mixed batches), so tests drive it
with the real google-api-python-client. It records every request, can inject failures (429
with Retry-After, 5xx, rate-limit 403) and expire history, and plays the user: delivering
mail, deleting or sending drafts. It also fakes Google's identity provider (authorize and
token endpoints), the one outside party the tests may fake.
"""

from __future__ import annotations

import base64
import email
import email.policy
import itertools
import json
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from connectors.pacing import gmail_cost
from tests.support.emulators import gmail_query

USER = "jordan.rivera@med.example.edu"
_MSGID = re.compile(r"<[^<>\s]+>")
_PREFIX = re.compile(r"^\s*((re|aw|sv|fwd?)\s*:\s*)+", re.IGNORECASE)
SCOPES_GRANTED = (
    "https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.compose"
)


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    api: str  # "messages.get", "batch", "token", ...
    status: int
    in_batch: bool = False


@dataclass
class Fault:
    status: int
    times: int
    api: str | None  # None: any outer API request (a whole batch counts once)
    retry_after: str | None = None
    reason: str | None = None


@dataclass
class StoredMessage:
    id: str
    thread_id: str
    labels: set[str]
    raw: bytes
    internal_ms: int
    history_id: int
    message_id: str
    subject: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    search_index: dict[str, Any] = field(default_factory=dict)  # gmail_query's, per field

    def resource(self, fmt: str = "full", only: Iterable[str] = ()) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "threadId": self.thread_id,
            "labelIds": sorted(self.labels),
            "snippet": "",
            "sizeEstimate": len(self.raw),
            "historyId": str(self.history_id),
            "internalDate": str(self.internal_ms),
        }
        if fmt == "raw":
            out["raw"] = base64.urlsafe_b64encode(self.raw).decode()
        elif fmt == "metadata":
            wanted = {h.lower() for h in only}
            headers = [
                {"name": n, "value": v}
                for n, v in self.headers
                if not wanted or n.lower() in wanted
            ]
            out["payload"] = {"partId": "", "mimeType": "", "filename": "", "headers": headers}
        elif fmt == "full":
            msg = email.message_from_bytes(self.raw, policy=email.policy.compat32)
            out["payload"] = _payload(msg, "")
        return out


def _payload(part: Message, part_id: str) -> dict[str, Any]:
    body: dict[str, Any] = {"size": 0}
    out: dict[str, Any] = {
        "partId": part_id,
        "mimeType": part.get_content_type(),
        "filename": part.get_filename() or "",
        "headers": [{"name": n, "value": str(v)} for n, v in part.items()],
        "body": body,
    }
    if part.is_multipart():
        subparts = part.get_payload()
        assert isinstance(subparts, list)
        out["parts"] = [
            _payload(p, f"{part_id}.{i}" if part_id else str(i)) for i, p in enumerate(subparts)
        ]
    else:
        data = part.get_payload(decode=True)
        if isinstance(data, bytes):
            body.update(size=len(data), data=base64.urlsafe_b64encode(data).decode())
    return out


def _error(status: int, message: str, reason: str = "failed") -> dict[str, Any]:
    domain = "usageLimits" if reason.endswith("RateLimitExceeded") else "global"
    return {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": domain, "reason": reason}],
        }
    }


class ApiError(Exception):
    def __init__(self, status: int, message: str, reason: str = "failed") -> None:
        super().__init__(message)
        self.status, self.reason = status, reason


_ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (m, re.compile(f"^/gmail/v1/users/(?P<user>[^/]+){p}$"), api)
    for m, p, api in [
        ("GET", "/profile", "getProfile"),
        ("POST", "/messages/send", "messages.send"),
        ("GET", "/messages", "messages.list"),
        ("GET", "/messages/(?P<id>[^/]+)", "messages.get"),
        ("GET", "/threads/(?P<id>[^/]+)", "threads.get"),
        ("GET", "/history", "history.list"),
        ("POST", "/drafts/send", "drafts.send"),
        ("POST", "/drafts", "drafts.create"),
        ("GET", "/drafts", "drafts.list"),
        ("GET", "/drafts/(?P<id>[^/]+)", "drafts.get"),
        ("DELETE", "/drafts/(?P<id>[^/]+)", "drafts.delete"),
    ]
]


class GmailEmulator:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.messages: dict[str, StoredMessage] = {}
        self.drafts: dict[str, str] = {}  # draft id -> message id
        self.history: list[dict[str, Any]] = []
        self.history_id = 1000
        self.history_floor = 0  # startHistoryId below this answers 404
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self.access_tokens: set[str] = {"ya29.emulator-valid"}
        self.refresh_tokens: dict[str, str] = {"1//emulator-refresh": SCOPES_GRANTED}
        self.codes: dict[str, str] = {}
        self.auth_requests: list[dict[str, list[str]]] = []
        self._ids = itertools.count(0x18F0000000000000)
        self._draft_ids = itertools.count(1)
        self._tokens = itertools.count(1)
        self._by_msgid: dict[str, str] = {}
        self._order: list[StoredMessage] | None = None
        self._server: ThreadingHTTPServer | None = None
        self.url = ""
        # Gmail's per-user quota (units a second, over any one-second window); None: off.
        self.quota: int | None = None
        self._spent: list[tuple[float, int]] = []
        self._arrival = threading.local()  # when the batch being served arrived

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> str:
        emulator = self

        class Handler(_Handler):
            pass

        Handler.emulator = emulator
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- the user's side -----------------------------------------------------------------

    def deliver(
        self, raw: bytes, labels: Iterable[str] = ("INBOX",), internal_date: datetime | None = None
    ) -> str:
        """Mail arrives (INBOX) or the user sends from another client (SENT)."""
        with self.lock:
            message = self._store(raw, set(labels), internal_date)
            self._record("messagesAdded", message)
            return message.id

    def user_creates_draft(self, raw: bytes) -> str:
        with self.lock:
            message = self._store(raw, {"DRAFT"}, None)
            draft_id = f"r{next(self._draft_ids):019d}"
            self.drafts[draft_id] = message.id
            self._record("messagesAdded", message)
            return draft_id

    def user_deletes_draft(self, draft_id: str) -> None:
        with self.lock:
            self._delete_draft(draft_id)

    def user_edits_draft(self, draft_id: str, raw: bytes) -> str:
        """The user edits a draft in a client: Gmail keeps the draft id and thread but stores
        a new message (new id) in place of the old one, which is deleted."""
        with self.lock:
            old = self.messages.pop(self.drafts[draft_id])
            self.history_id += 1
            self._record("messagesDeleted", old)
            message = self._store(raw, {"DRAFT"}, datetime.now(UTC))
            message.thread_id = old.thread_id
            self.drafts[draft_id] = message.id
            self._record("messagesAdded", message)
            return message.id

    def user_sends_draft(self, draft_id: str) -> str:
        """The user presses Send in Gmail: the draft's message becomes a sent message."""
        with self.lock:
            message = self.messages[self.drafts.pop(draft_id)]
            message.labels = {"SENT"}
            if message.message_id:
                self._by_msgid[message.message_id] = message.id
            self.history_id += 1
            message.history_id = self.history_id
            ref = {"id": message.id, "threadId": message.thread_id, "labelIds": ["SENT"]}
            self.history.append(
                {
                    "id": str(self.history_id),
                    "messages": [{"id": message.id, "threadId": message.thread_id}],
                    "labelsRemoved": [{"message": ref, "labelIds": ["DRAFT"]}],
                    "labelsAdded": [{"message": ref, "labelIds": ["SENT"]}],
                }
            )
            return message.id

    def expire_history(self) -> None:
        """Every history id older than the current one becomes too old (Gmail keeps about
        a week of history)."""
        with self.lock:
            self.history_floor = self.history_id

    def fail(
        self,
        status: int,
        *,
        times: int = 1,
        api: str | None = None,
        retry_after: str | None = None,
        reason: str | None = None,
    ) -> None:
        with self.lock:
            self.faults.append(Fault(status, times, api, retry_after, reason))

    def revoke(self, refresh_token: str = "1//emulator-refresh") -> None:
        with self.lock:
            self.refresh_tokens.pop(refresh_token, None)

    def expire_access_tokens(self) -> None:
        with self.lock:
            self.access_tokens.clear()

    def api_requests(self) -> list[Recorded]:
        """HTTP requests to the Gmail API (a batch counts once), not to the identity provider."""
        return [r for r in self.requests if not r.in_batch and r.api not in ("token", "auth")]

    def calls(self, api: str | None = None) -> list[Recorded]:
        """API calls, each part of a batch counted separately."""
        return [r for r in self.requests if r.api != "batch" and (api is None or r.api == api)]

    def clear_log(self) -> None:
        with self.lock:
            self.requests.clear()

    def draft_message(self, draft_id: str) -> StoredMessage:
        return self.messages[self.drafts[draft_id]]

    # -- state ---------------------------------------------------------------------------

    def _store(self, raw: bytes, labels: set[str], when: datetime | None) -> StoredMessage:
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        headers = [(n, " ".join(str(v).split())) for n, v in msg.items()]
        message_id = next(iter(_MSGID.findall(str(msg.get("Message-ID", "")))), "")
        subject = " ".join(str(msg.get("Subject", "")).split())
        if when is None:
            try:
                when = parsedate_to_datetime(str(msg.get("Date")))
            except (TypeError, ValueError):
                when = datetime.now(UTC)
        refs = _MSGID.findall(f"{msg.get('In-Reply-To', '')} {msg.get('References', '')}")
        thread = next(
            (self.messages[self._by_msgid[r]].thread_id for r in refs if r in self._by_msgid), None
        )
        new_id = format(next(self._ids), "x")
        self.history_id += 1
        message = StoredMessage(
            id=new_id,
            thread_id=thread or new_id,
            labels=labels,
            raw=raw,
            internal_ms=int(when.timestamp() * 1000),
            history_id=self.history_id,
            message_id=message_id,
            subject=subject,
            headers=headers,
        )
        self.messages[new_id] = message
        if message_id and "DRAFT" not in labels:
            self._by_msgid[message_id] = new_id
        self._order = None
        return message

    def _record(self, kind: str, message: StoredMessage) -> None:
        ref = {"id": message.id, "threadId": message.thread_id}
        entry = {**ref, "labelIds": sorted(message.labels)} if kind == "messagesAdded" else ref
        self.history.append(
            {
                "id": str(self.history_id),
                "messages": [ref],
                kind: [{"message": entry}],
            }
        )

    def _delete_draft(self, draft_id: str) -> None:
        message_id = self.drafts.pop(draft_id, None)
        if message_id is None:
            raise ApiError(404, "Requested entity was not found.", "notFound")
        message = self.messages.pop(message_id)
        self.history_id += 1
        self._record("messagesDeleted", message)
        self._order = None

    def _newest_first(self) -> list[StoredMessage]:
        if self._order is None:
            self._order = sorted(self.messages.values(), key=lambda m: (-m.internal_ms, m.id))
        return self._order

    # -- API -----------------------------------------------------------------------------

    def handle(
        self, method: str, target: str, headers: dict[str, str], body: bytes, in_batch: bool
    ) -> tuple[int, dict[str, str], bytes]:
        split = urlsplit(target)
        query = parse_qs(split.query)
        path = split.path
        api, params = "unknown", {}
        if path in ("/batch/gmail/v1", "/batch") and method == "POST" and not in_batch:
            api = "batch"
        elif path == "/token" and method == "POST":
            api = "token"
        elif path == "/o/oauth2/auth":
            api = "auth"
        else:
            for route_method, pattern, name in _ROUTES:
                match = pattern.match(path)
                if match and route_method == method:
                    api, params = name, match.groupdict()
                    break
        record = Recorded(method, path, query, api, 0, in_batch)
        with self.lock:
            self.requests.append(record)
        status, extra, payload = self._dispatch(api, params, query, headers, body, in_batch)
        record.status = status
        return status, extra, payload

    def _fault(self, api: str, in_batch: bool) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                matches = fault.api == api if fault.api else not in_batch
                if matches and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    def _dispatch(
        self,
        api: str,
        params: dict[str, str],
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes,
        in_batch: bool,
    ) -> tuple[int, dict[str, str], bytes]:
        if api == "token":
            return self._token(body)
        if api == "auth":
            return self._authorize(query)
        if api not in ("unknown",):
            fault = self._fault(api, in_batch)
            if fault is not None:
                extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                reason = fault.reason or (
                    "rateLimitExceeded" if fault.status == 429 else "backendError"
                )
                return (
                    fault.status,
                    extra,
                    json.dumps(_error(fault.status, "injected", reason)).encode(),
                )
        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] not in self.access_tokens:
            return 401, {}, json.dumps(_error(401, "Invalid Credentials", "authError")).encode()
        if api != "batch" and not self._within_quota(api):
            message = "User-rate limit exceeded"
            body = json.dumps(_error(429, message, "rateLimitExceeded")).encode()
            return 429, {"Retry-After": "1"}, body
        if api == "batch":
            self._arrival.at = time.monotonic()
            try:
                return self._batch(headers, body)
            finally:
                self._arrival.at = None
        try:
            if api == "unknown":
                raise ApiError(404, "Not Found", "notFound")
            if params.get("user") not in ("me", USER):
                raise ApiError(403, "Delegation denied", "forbidden")
            handler = getattr(self, "_api_" + api.replace(".", "_"))
            with self.lock:
                result = handler(params, query, body)
        except ApiError as exc:
            return exc.status, {}, json.dumps(_error(exc.status, str(exc), exc.reason)).encode()
        if result is None:
            return 204, {}, b""
        return 200, {}, json.dumps(result).encode()

    def _within_quota(self, api: str) -> bool:
        """Charge the call's units (each call of a batch counts); False past the quota."""
        if self.quota is None:
            return True
        units = gmail_cost("gmail.users." + api)
        with self.lock:
            # A batch's calls are counted when the batch arrives, as one burst.
            now = getattr(self._arrival, "at", None) or time.monotonic()
            self._spent = [(t, u) for t, u in self._spent if t > now - 1.0]
            if sum(u for _, u in self._spent) + units > self.quota:
                return False
            self._spent.append((now, units))
            return True

    def _api_getProfile(self, params: dict[str, str], query: Any, body: bytes) -> Any:
        threads = {m.thread_id for m in self.messages.values()}
        return {
            "emailAddress": USER,
            "messagesTotal": len(self.messages),
            "threadsTotal": len(threads),
            "historyId": str(self.history_id),
        }

    def _api_messages_send(self, *args: Any) -> Any:
        raise ApiError(403, "the emulator never sends mail", "forbidden")

    _api_drafts_send = _api_messages_send

    def _api_messages_list(self, params: Any, query: dict[str, list[str]], body: bytes) -> Any:
        try:
            match = gmail_query.query(query.get("q", [""])[0])
        except gmail_query.QueryError as exc:
            raise ApiError(400, str(exc), "invalidArgument") from exc
        required = set(query.get("labelIds", []))
        hidden = (
            set() if query.get("includeSpamTrash", ["false"])[0] == "true" else {"SPAM", "TRASH"}
        )
        found = [
            m
            for m in self._newest_first()
            if required <= m.labels and not (m.labels & hidden) and match(m)
        ]
        page = _page(found, query)
        out: dict[str, Any] = {"resultSizeEstimate": len(found)}
        if page.items:
            out["messages"] = [{"id": m.id, "threadId": m.thread_id} for m in page.items]
        if page.next_token:
            out["nextPageToken"] = page.next_token
        return out

    def _get_message(self, message_id: str) -> StoredMessage:
        message = self.messages.get(message_id)
        if message is None:
            raise ApiError(404, "Requested entity was not found.", "notFound")
        return message

    def _api_messages_get(
        self, params: dict[str, str], query: dict[str, list[str]], body: bytes
    ) -> Any:
        fmt = query.get("format", ["full"])[0]
        if fmt not in ("minimal", "metadata", "raw", "full"):
            raise ApiError(400, f"Invalid format {fmt}", "invalidArgument")
        return self._get_message(params["id"]).resource(fmt, query.get("metadataHeaders", []))

    def _api_threads_get(
        self, params: dict[str, str], query: dict[str, list[str]], body: bytes
    ) -> Any:
        fmt = query.get("format", ["full"])[0]
        members = sorted(
            (m for m in self.messages.values() if m.thread_id == params["id"]),
            key=lambda m: m.internal_ms,
        )
        if not members:
            raise ApiError(404, "Requested entity was not found.", "notFound")
        return {
            "id": params["id"],
            "historyId": str(max(m.history_id for m in members)),
            "messages": [m.resource(fmt, query.get("metadataHeaders", [])) for m in members],
        }

    def _api_history_list(self, params: Any, query: dict[str, list[str]], body: bytes) -> Any:
        try:
            start = int(query["startHistoryId"][0])
        except (KeyError, ValueError) as exc:
            raise ApiError(400, "Invalid startHistoryId", "invalidArgument") from exc
        if start < self.history_floor:
            raise ApiError(404, "Requested entity was not found.", "notFound")
        kinds = {f"{t}s" for t in query.get("historyTypes", [])}
        label = query.get("labelId", [None])[0]
        records = []
        for record in self.history:
            if int(record["id"]) <= start:
                continue
            if kinds and not kinds & set(record):
                continue
            if label and not any(
                label in e["message"].get("labelIds", [])
                for k in ("messagesAdded", "labelsAdded", "labelsRemoved")
                for e in record.get(k, [])
            ):
                continue
            records.append(record)
        page = _page(records, query)
        out: dict[str, Any] = {"historyId": str(self.history_id)}
        if page.items:
            out["history"] = page.items
        if page.next_token:
            out["nextPageToken"] = page.next_token
        return out

    def _api_drafts_create(self, params: Any, query: Any, body: bytes) -> Any:
        try:
            message = json.loads(body)["message"]
            raw = base64.urlsafe_b64decode(message["raw"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ApiError(400, "Invalid draft", "invalidArgument") from exc
        stored = self._store(raw, {"DRAFT"}, datetime.now(UTC))
        stored.thread_id = self._draft_thread(stored, message.get("threadId"))
        draft_id = f"r{next(self._draft_ids):019d}"
        self.drafts[draft_id] = stored.id
        self._record("messagesAdded", stored)
        return {"id": draft_id, "message": stored.resource("minimal")}

    def _draft_thread(self, draft: StoredMessage, thread_id: str | None) -> str:
        """Gmail's documented rule: the requested thread is used only when the draft's
        References/In-Reply-To point into it and the subject matches; else a new thread."""
        if not thread_id:
            return draft.id
        members = [m for m in self.messages.values() if m.thread_id == thread_id and m is not draft]
        if not members:
            raise ApiError(404, "Requested entity was not found.", "notFound")
        msg = email.message_from_bytes(draft.raw, policy=email.policy.compat32)
        refs = set(_MSGID.findall(f"{msg.get('In-Reply-To', '')} {msg.get('References', '')}"))
        same_subject = _PREFIX.sub("", draft.subject) == _PREFIX.sub("", members[0].subject)
        if refs & {m.message_id for m in members} and same_subject:
            return thread_id
        return draft.id

    def _draft_resource(self, draft_id: str, fmt: str = "minimal") -> dict[str, Any]:
        message = self._get_message(self.drafts[draft_id])
        return {"id": draft_id, "message": message.resource(fmt)}

    def _api_drafts_list(self, params: Any, query: dict[str, list[str]], body: bytes) -> Any:
        ids = sorted(self.drafts, reverse=True)
        page = _page(ids, query)
        out: dict[str, Any] = {"resultSizeEstimate": len(ids)}
        if page.items:
            out["drafts"] = [
                {
                    "id": d,
                    "message": {
                        "id": self.drafts[d],
                        "threadId": self.messages[self.drafts[d]].thread_id,
                    },
                }
                for d in page.items
            ]
        if page.next_token:
            out["nextPageToken"] = page.next_token
        return out

    def _api_drafts_get(
        self, params: dict[str, str], query: dict[str, list[str]], body: bytes
    ) -> Any:
        if params["id"] not in self.drafts:
            raise ApiError(404, "Requested entity was not found.", "notFound")
        return self._draft_resource(params["id"], query.get("format", ["full"])[0])

    def _api_drafts_delete(self, params: dict[str, str], query: Any, body: bytes) -> Any:
        self._delete_draft(params["id"])
        return None

    # -- batch ---------------------------------------------------------------------------

    def _batch(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
        ctype = headers.get("content-type", "")
        parsed = email.message_from_bytes(
            f"Content-Type: {ctype}\r\n\r\n".encode() + body, policy=email.policy.compat32
        )
        if not parsed.is_multipart():
            return 400, {}, json.dumps(_error(400, "batch must be multipart/mixed")).encode()
        parts = parsed.get_payload()
        assert isinstance(parts, list)
        if len(parts) > 100:
            return 400, {}, json.dumps(_error(400, "Too many requests in batch")).encode()
        boundary = "batch_emulator_boundary"
        out: list[str] = []
        for part in parts:
            content_id = str(part.get("Content-ID", "<x>"))[1:-1]
            text = part.get_payload()
            assert isinstance(text, str)
            head, _, inner_body = text.replace("\r\n", "\n").partition("\n\n")
            request_line, *header_lines = head.split("\n")
            method, target, _ = request_line.split(" ", 2)
            inner_headers = dict(headers)
            for line in header_lines:
                name, _, value = line.partition(":")
                inner_headers[name.strip().lower()] = value.strip()
            status, extra, payload = self.handle(
                method, target, inner_headers, inner_body.encode(), in_batch=True
            )
            response_headers = "".join(f"{k}: {v}\r\n" for k, v in extra.items())
            out.append(
                f"--{boundary}\r\nContent-Type: application/http\r\n"
                f"Content-ID: <response-{content_id}>\r\n\r\n"
                f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
                f"Content-Type: application/json; charset=UTF-8\r\n{response_headers}\r\n"
                f"{payload.decode()}\r\n"
            )
        out.append(f"--{boundary}--\r\n")
        return 200, {"Content-Type": f"multipart/mixed; boundary={boundary}"}, "".join(out).encode()

    # -- identity provider ---------------------------------------------------------------

    def _authorize(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        self.auth_requests.append(query)
        code = f"code-{next(self._tokens)}"
        self.codes[code] = query.get("scope", [""])[0]
        target = (
            query["redirect_uri"][0]
            + "?"
            + urlencode(
                {"state": query.get("state", [""])[0], "code": code, "scope": self.codes[code]}
            )
        )
        return 302, {"Location": target}, b""

    def _token(self, body: bytes) -> tuple[int, dict[str, str], bytes]:
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        with self.lock:
            if form.get("grant_type") == "authorization_code" and form.get("code") in self.codes:
                scopes = self.codes.pop(form["code"])
                refresh = f"1//emulator-refresh-{next(self._tokens)}"
                self.refresh_tokens[refresh] = scopes
            elif (
                form.get("grant_type") == "refresh_token"
                and form.get("refresh_token") in self.refresh_tokens
            ):
                refresh = form["refresh_token"]
                scopes = self.refresh_tokens[refresh]
            else:
                error = {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                }
                return 400, {}, json.dumps(error).encode()
            access = f"ya29.emulator-{next(self._tokens)}"
            self.access_tokens.add(access)
        answer = {
            "access_token": access,
            "expires_in": 3599,
            "refresh_token": refresh,
            "scope": scopes,
            "token_type": "Bearer",
        }
        return 200, {}, json.dumps(answer).encode()


_REASONS = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


@dataclass
class _Page:
    items: list[Any]
    next_token: str | None


def _page(items: list[Any], query: dict[str, list[str]]) -> _Page:
    size = min(500, max(1, int(query.get("maxResults", ["100"])[0])))
    start = int(query.get("pageToken", ["0"])[0] or 0)
    end = start + size
    return _Page(items[start:end], str(end) if end < len(items) else None)


class _Handler(BaseHTTPRequestHandler):
    emulator: GmailEmulator
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once, without a 40 ms stall

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            status, extra, payload = self.emulator.handle(
                self.command, self.path, headers, body, False
            )
        except ApiError as exc:
            status, extra, payload = (
                exc.status,
                {},
                json.dumps(_error(exc.status, str(exc), exc.reason)).encode(),
            )
        self.send_response(status)
        extra.setdefault("Content-Type", "application/json; charset=UTF-8")
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_DELETE = do_PUT = _serve
