"""A local Microsoft Graph mail emulator for the Outlook connector's tests and benchmark.

An HTTP server on 127.0.0.1 (ephemeral port) implementing the slice of Graph v1.0 the
connector uses: per-folder message delta with nextLink/deltaLink, message get and list with
``$filter`` on a single-value extended property, ``createReply``, PATCH, ``POST
/me/messages`` and DELETE. Every request is recorded; faults (429 with Retry-After, 503,
expired sync state) can be queued. Test-side helpers deliver mail and act as the user.

``FakeIdentityProvider`` stands in for login.microsoftonline.com through MSAL's
``http_client`` hook, so the real MSAL library runs without network.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import html
import itertools
import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

FOLDERS = ("inbox", "sentitems", "drafts", "deleteditems")
_PROP_ID = re.compile(r"ep/id eq '((?:[^']|'')*)'", re.I)
_PROP_VALUE = re.compile(r"ep/value eq '((?:[^']|'')*)'", re.I)
_EXPAND_ID = re.compile(r"singleValueExtendedProperties\(\$filter=id eq '((?:[^']|'')*)'\)", re.I)
_SINCE = re.compile(r"receivedDateTime ge (\S+)", re.I)
_PAGE = re.compile(r"odata\.maxpagesize=(\d+)")


@dataclass
class Recorded:
    method: str
    path: str  # without the /v1.0 prefix
    query: dict[str, str]
    headers: dict[str, str]
    body: Any = None
    status: int = 0
    in_batch: bool = False  # one request of a JSON $batch (the $batch POST is recorded too)


@dataclass
class Fault:
    status: int
    match: str  # substring of the path this fault applies to
    method: str | None = None
    retry_after: str | None = None
    code: str | None = None


@dataclass
class _DeltaState:
    folder: str
    since: str | None
    select: str | None
    seq: int  # changes up to this sequence number are reflected
    pending: list[str] = field(default_factory=list)  # ids still to page out
    removed: list[str] = field(default_factory=list)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _email_address(name: str, addr: str) -> dict[str, Any]:
    return {"emailAddress": {"name": name, "address": addr}}


class GraphEmulator:
    def __init__(self, token: str = "graph-test-token") -> None:
        self.tokens = {token}
        self.messages: dict[str, dict[str, Any]] = {}
        self.seq = 0
        self._changed: dict[str, int] = {}  # id -> seq of its last change
        self._gone: list[tuple[int, str, str]] = []  # (seq, id, folder it left)
        self._delta: dict[str, _DeltaState] = {}
        self._expired = False
        self.requests: list[Recorded] = []
        self.faults: deque[Fault] = deque()
        self._ids = itertools.count(1)
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self.in_flight = 0
        self.max_in_flight = 0
        self.latency = 0.0  # seconds each request takes, to observe concurrency

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> str:
        emulator = self

        class Handler(_Handler):
            graph = emulator

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self.endpoint

    @property
    def endpoint(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1.0"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # -- the outside world (test side) ---------------------------------------------------

    def _new_id(self) -> str:
        # Graph ids are long base64-like strings, sometimes with '=' and '-'
        n = next(self._ids)
        return f"AAMkAG{n:08d}-" + base64.urlsafe_b64encode(f"m{n}".encode()).decode()

    def _touch(self, msg_id: str) -> None:
        self.seq += 1
        self._changed[msg_id] = self.seq

    def add(
        self,
        *,
        folder: str,
        subject: str,
        sender: tuple[str, str],
        to: list[tuple[str, str]],
        date: datetime,
        body: str = "",
        message_id: str | None = None,
        in_reply_to: str | None = None,
        references: str | None = None,
        cc: list[tuple[str, str]] | None = None,
        conversation_id: str | None = None,
    ) -> str:
        """Put a message straight into a folder (inbox, sentitems, drafts)."""
        with self._lock:
            msg_id = self._new_id()
            if conversation_id is None and in_reply_to:
                conversation_id = next(
                    (
                        m["conversationId"]
                        for m in self.messages.values()
                        if m["internetMessageId"] == in_reply_to
                    ),
                    None,
                )
            headers = [{"name": "Message-ID", "value": message_id or ""}]
            if in_reply_to:
                headers.append({"name": "In-Reply-To", "value": in_reply_to})
                headers.append({"name": "References", "value": references or in_reply_to})
            self.messages[msg_id] = {
                "id": msg_id,
                "parentFolderId": folder,
                "conversationId": conversation_id
                or f"CONV{hashlib.sha1(msg_id.encode()).hexdigest()[:16]}",
                "internetMessageId": message_id or f"<{msg_id[-12:]}@emulator.invalid>",
                "subject": subject,
                "from": _email_address(*sender),
                "toRecipients": [_email_address(*a) for a in to],
                "ccRecipients": [_email_address(*a) for a in cc or []],
                "sentDateTime": _iso(date),
                "receivedDateTime": _iso(date),
                "isDraft": folder == "drafts",
                "body": {"contentType": "text", "content": body},
                "internetMessageHeaders": headers,
                "singleValueExtendedProperties": [],
            }
            self._touch(msg_id)
            return msg_id

    def deliver(self, raw: bytes, folder: str = "inbox") -> str:
        """Deliver RFC 5322 mail into the inbox, or file it in sentitems (folder 'sent')."""
        msg = email.message_from_bytes(raw, policy=email.policy.default)

        def pairs(name: str) -> list[tuple[str, str]]:
            return [(n, a.lower()) for n, a in getaddresses([str(msg.get(name, ""))]) if a]

        body_part = msg.get_body(preferencelist=("plain", "html"))
        body = body_part.get_content() if body_part is not None else ""
        senders = pairs("From")
        return self.add(
            folder="sentitems" if folder == "sent" else folder,
            subject=str(msg.get("Subject", "")),
            sender=senders[0] if senders else ("", ""),
            to=pairs("To"),
            cc=pairs("Cc"),
            date=parsedate_to_datetime(str(msg["Date"])),
            body=body,
            message_id=str(msg.get("Message-ID", "")) or None,
            in_reply_to=str(msg.get("In-Reply-To", "")) or None,
            references=str(msg.get("References", "")) or None,
        )

    def _move(self, msg_id: str, folder: str) -> None:
        msg = self.messages[msg_id]
        self.seq += 1
        self._gone.append((self.seq, msg_id, msg["parentFolderId"]))
        msg["parentFolderId"] = folder
        self._touch(msg_id)

    def user_deletes(self, msg_id: str) -> None:
        """The user deletes a message in Outlook: it moves to Deleted Items."""
        with self._lock:
            self._move(msg_id, "deleteditems")

    def user_edits_draft(
        self,
        msg_id: str,
        text: str,
        *,
        keep_marker: bool = True,
        message_id: str | None = None,
        as_new_item: bool = False,
    ) -> str:
        """A client edits a draft: new body (HTML, as Outlook saves it); a client that
        rewrites the draft may drop the marker, give it a new Message-ID, or save it as a new
        item (the old one deleted). Returns the draft's id afterwards."""
        with self._lock:
            msg = self.messages[msg_id]
            if as_new_item:
                copy = {**msg, "id": self._new_id()}
                del self.messages[msg_id]
                self.seq += 1
                self._gone.append((self.seq, msg_id, msg["parentFolderId"]))
                self.messages[copy["id"]] = msg = copy
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
            msg["body"] = {
                "contentType": "html",
                "content": f"<html><body>{paragraphs}</body></html>",
            }
            if not keep_marker:
                msg["singleValueExtendedProperties"] = []
            if message_id is not None:
                msg["internetMessageId"] = message_id
            self._touch(msg["id"])
            return str(msg["id"])

    def user_sends(self, msg_id: str) -> None:
        """The user sends a draft from Outlook: it leaves Drafts and appears in Sent Items."""
        with self._lock:
            msg = self.messages[msg_id]
            msg["isDraft"] = False
            msg["sentDateTime"] = msg["receivedDateTime"] = _iso(datetime.now(UTC))
            self._move(msg_id, "sentitems")

    def expire_sync_state(self) -> None:
        """Every delta token issued so far stops working (410 / syncStateNotFound)."""
        with self._lock:
            self._delta.clear()

    def fail(
        self,
        status: int,
        *,
        match: str = "",
        method: str | None = None,
        times: int = 1,
        retry_after: str | None = None,
    ) -> None:
        """The next ``times`` requests whose path contains ``match`` answer ``status``."""
        code = {429: "TooManyRequests", 503: "ServiceUnavailable"}.get(status, "Error")
        for _ in range(times):
            self.faults.append(Fault(status, match, method, retry_after, code))

    def folder_of(self, msg_id: str) -> str | None:
        msg = self.messages.get(msg_id)
        return msg["parentFolderId"] if msg else None

    def in_folder(self, folder: str) -> list[dict[str, Any]]:
        return [m for m in self.messages.values() if m["parentFolderId"] == folder]

    def mark(self) -> int:
        return len(self.requests)

    def since(self, mark: int) -> list[Recorded]:
        return self.requests[mark:]

    # -- the API (server side) -----------------------------------------------------------

    def handle(self, rec: Recorded) -> tuple[int, dict[str, str], Any]:
        if rec.path == "/$batch" and rec.method == "POST" and not rec.in_batch:
            return self._batch(rec)
        with self._lock:
            for fault in list(self.faults):
                if fault.match in rec.path and fault.method in (None, rec.method):
                    self.faults.remove(fault)
                    headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                    return fault.status, headers, _error(fault.code or "Error")
            auth = rec.headers.get("authorization", "")
            if not auth.startswith("Bearer ") or auth[7:] not in self.tokens:
                return 401, {}, _error("InvalidAuthenticationToken")
            return self._route(rec)

    def _batch(self, rec: Recorded) -> tuple[int, dict[str, str], Any]:
        """JSON batching: up to 20 requests, each answered (and failed) on its own."""
        items = (rec.body or {}).get("requests")
        if not isinstance(items, list) or not 0 < len(items) <= 20:
            return 400, {}, _error("BadRequest")
        responses = []
        for item in items:
            url = urlsplit(str(item.get("url", "")))
            query = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            headers = dict(rec.headers)
            headers.update({k.lower(): v for k, v in (item.get("headers") or {}).items()})
            inner = Recorded(
                str(item.get("method", "GET")),
                url.path,
                query,
                headers,
                item.get("body"),
                in_batch=True,
            )
            with self._lock:
                self.requests.append(inner)
            status, extra, payload = self.handle(inner)
            inner.status = status
            answer: dict[str, Any] = {"id": item.get("id"), "status": status, "headers": extra}
            if payload is not None:
                answer["body"] = payload
            responses.append(answer)
        return 200, {}, {"responses": responses}

    def _route(self, rec: Recorded) -> tuple[int, dict[str, str], Any]:
        parts = [unquote(p) for p in rec.path.strip("/").split("/")]
        if parts[:1] != ["me"]:
            return 404, {}, _error("ResourceNotFound")
        rest = parts[1:]
        method = rec.method
        in_folder = len(rest) >= 3 and rest[0] == "mailFolders" and rest[1] in FOLDERS
        if in_folder and method == "GET" and rest[2:] == ["messages", "delta"]:
            return self._delta_page(rest[1], rec)
        if in_folder and method == "GET" and rest[2:] == ["messages"]:
            return self._list(rec, rest[1])
        if rest == ["messages"]:
            if method == "GET":
                return self._list(rec, None)
            if method == "POST":
                return self._create(rec.body or {})
        if len(rest) >= 2 and rest[0] == "messages":
            msg = self.messages.get(rest[1])
            if msg is None:
                return 404, {}, _error("ErrorItemNotFound")
            if len(rest) == 2 and method == "GET":
                return 200, {}, self._view(msg, rec)
            if len(rest) == 2 and method == "PATCH":
                return self._patch(msg, rec.body or {})
            if len(rest) == 2 and method == "DELETE":
                self._move(msg["id"], "deleteditems")
                return 204, {}, None
            if rest[2:] == ["createReply"] and method == "POST":
                return self._create_reply(msg, rec.body or {})
        return 405, {}, _error("UnsupportedEndpoint")

    def _view(self, msg: dict[str, Any], rec: Recorded) -> dict[str, Any]:
        select = rec.query.get("$select")
        fields = {"id", *select.split(",")} if select else set(msg) - {"parentFolderId"}
        out: dict[str, Any] = {}
        for name in fields:
            if name == "singleValueExtendedProperties":
                continue  # only through $expand, as in Graph
            if name in msg:
                out[name] = msg[name]
        if "body" in out and 'outlook.body-content-type="text"' in rec.headers.get("prefer", ""):
            body = out["body"]
            if body["contentType"] == "html":
                text = html.unescape(re.sub(r"<[^>]+>", " ", body["content"]))
                out["body"] = {"contentType": "text", "content": text}
        expand = _EXPAND_ID.search(rec.query.get("$expand", ""))
        if expand:
            wanted = expand.group(1).replace("''", "'").lower()
            props = [p for p in msg["singleValueExtendedProperties"] if p["id"].lower() == wanted]
            if props:
                out["singleValueExtendedProperties"] = props
        return out

    def _delta_page(self, folder: str, rec: Recorded) -> tuple[int, dict[str, str], Any]:
        token = rec.query.get("$deltatoken") or rec.query.get("$skiptoken")
        if token is not None:
            state = self._delta.get(token)
            if state is None or state.folder != folder:
                return 410, {}, _error("syncStateNotFound")
            if "$deltatoken" in rec.query:
                state = self._resume(state)
        else:
            since = None
            if "$filter" in rec.query:
                found = _SINCE.search(rec.query["$filter"])
                if not found:
                    return 400, {}, _error("ErrorInvalidUrlQueryFilter")
                since = found.group(1)
            state = _DeltaState(folder, since, rec.query.get("$select"), self.seq)
            state.pending = [
                m["id"]
                for m in sorted(self.messages.values(), key=lambda m: m["receivedDateTime"])
                if m["parentFolderId"] == folder
                and (since is None or m["receivedDateTime"] >= since)
            ]
        size = int(next(iter(_PAGE.findall(rec.headers.get("prefer", ""))), "10"))
        value: list[dict[str, Any]] = [
            {"id": i, "@removed": {"reason": "deleted"}} for i in state.removed
        ]
        state.removed = []
        take, state.pending = state.pending[:size], state.pending[size:]
        view = Recorded("GET", "", {"$select": state.select} if state.select else {}, {})
        value += [self._view(self.messages[i], view) for i in take]
        link = f"{self.endpoint}/me/mailFolders/{folder}/messages/delta?"
        new_token = hashlib.sha1(f"{time.time_ns()}{id(state)}{self.seq}".encode()).hexdigest()
        self._delta[new_token] = state
        if state.pending:
            page = {"value": value, "@odata.nextLink": link + urlencode({"$skiptoken": new_token})}
        else:
            page = {
                "value": value,
                "@odata.deltaLink": link + urlencode({"$deltatoken": new_token}),
            }
        if "$skiptoken" in rec.query:
            self._delta.pop(token or "", None)  # a page link is used once; deltaLinks stay valid
        return 200, {}, page

    def _resume(self, old: _DeltaState) -> _DeltaState:
        state = _DeltaState(old.folder, old.since, old.select, self.seq)
        state.pending = [
            i
            for i, seq in sorted(self._changed.items(), key=lambda kv: kv[1])
            if seq > old.seq
            and self.messages[i]["parentFolderId"] == old.folder
            and (old.since is None or self.messages[i]["receivedDateTime"] >= old.since)
        ]
        state.removed = [i for seq, i, f in self._gone if seq > old.seq and f == old.folder]
        return state

    def _list(self, rec: Recorded, folder: str | None) -> tuple[int, dict[str, str], Any]:
        flt = rec.query.get("$filter", "")
        prop = _PROP_ID.search(flt)
        value = _PROP_VALUE.search(flt)
        if flt and not prop:
            return 400, {}, _error("ErrorInvalidUrlQueryFilter")
        out = []
        for msg in self.messages.values():
            if folder is not None and msg["parentFolderId"] != folder:
                continue
            if prop:
                wanted = prop.group(1).replace("''", "'").lower()
                props = [
                    p for p in msg["singleValueExtendedProperties"] if p["id"].lower() == wanted
                ]
                if not props:
                    continue
                if value and props[0]["value"].lower() != value.group(1).replace("''", "'").lower():
                    continue
            out.append(self._view(msg, rec))
        top = int(rec.query.get("$top", "10"))
        skip = int(rec.query.get("$skip", "0"))
        page: dict[str, Any] = {"value": out[skip : skip + top]}
        if skip + top < len(out):
            query = {k: v for k, v in rec.query.items() if k != "$skip"}
            query["$skip"] = str(skip + top)
            page["@odata.nextLink"] = f"{self.endpoint}{rec.path}?{urlencode(query)}"
        return 200, {}, page

    def _apply(self, msg: dict[str, Any], changes: dict[str, Any]) -> None:
        for name in ("subject", "toRecipients", "ccRecipients", "body", "internetMessageId"):
            if name in changes:
                msg[name] = changes[name]
        for prop in changes.get("singleValueExtendedProperties", []):
            others = [
                p
                for p in msg["singleValueExtendedProperties"]
                if p["id"].lower() != prop["id"].lower()
            ]
            msg["singleValueExtendedProperties"] = [
                *others,
                {"id": prop["id"], "value": prop["value"]},
            ]

    def _create(self, body: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        msg_id = self.add(
            folder="drafts", subject="", sender=("", ""), to=[], date=datetime.now(UTC)
        )
        msg = self.messages[msg_id]
        msg["from"] = None
        self._apply(msg, body)
        return 201, {}, self._view(msg, Recorded("GET", "", {}, {}))

    def _create_reply(
        self, original: dict[str, Any], body: dict[str, Any]
    ) -> tuple[int, dict[str, str], Any]:
        subject = original["subject"]
        msg_id = self.add(
            folder="drafts",
            subject=subject if subject.lower().startswith("re:") else f"RE: {subject}",
            sender=("", ""),
            to=[
                (
                    original["from"]["emailAddress"]["name"],
                    original["from"]["emailAddress"]["address"],
                )
            ],
            date=datetime.now(UTC),
            body=f"\n\n-----Original Message-----\n{original['body']['content']}",
            in_reply_to=original["internetMessageId"],
            conversation_id=original["conversationId"],
        )
        msg = self.messages[msg_id]
        msg["from"] = None
        self._apply(msg, body.get("message") or {})
        return 201, {}, self._view(msg, Recorded("GET", "", {}, {}))

    def _patch(self, msg: dict[str, Any], body: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        if "internetMessageId" in body and not msg["isDraft"]:
            return 400, {}, _error("ErrorInvalidPropertyUpdateSentMessage")
        self._apply(msg, body)
        self._touch(msg["id"])
        return 200, {}, self._view(msg, Recorded("GET", "", {}, {}))


def _error(code: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": f"emulated {code}"}}


class _Handler(BaseHTTPRequestHandler):
    graph: GraphEmulator
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        url = urlsplit(self.path)
        path = url.path.removeprefix("/v1.0")
        query = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        headers = {k.lower(): v for k, v in self.headers.items()}
        rec = Recorded(self.command, path, query, headers, body)
        graph = self.graph
        with graph._lock:
            graph.requests.append(rec)
            graph.in_flight += 1
            graph.max_in_flight = max(graph.max_in_flight, graph.in_flight)
        try:
            if graph.latency:
                time.sleep(graph.latency)
            status, extra, payload = graph.handle(rec)
        finally:
            with graph._lock:
                graph.in_flight -= 1
        rec.status = status
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        if data:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _serve


# -- the identity provider, for MSAL's http_client hook ----------------------------------


@dataclass
class _Response:
    status_code: int
    text: str
    headers: dict[str, str] = field(default_factory=dict)

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise RuntimeError(f"HTTP {self.status_code}")


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


class FakeIdentityProvider:
    """login.microsoftonline.com as MSAL sees it: discovery, device code and token
    endpoints. Issues access tokens the ``GraphEmulator`` accepts."""

    AUTHORITY = "https://login.microsoftonline.com"

    def __init__(self, graph: GraphEmulator, client_id: str, tenant: str = "common") -> None:
        self.graph = graph
        self.client_id = client_id
        self.tenant = tenant
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.scopes_requested: list[str] = []
        self.revoked = False  # refresh tokens refused with invalid_grant
        self.pending_polls = 1  # device flow: "authorization_pending" this many times first
        self.username = "jordan.rivera@med.example.edu"
        self._n = itertools.count(1)

    def _base(self) -> str:
        return f"{self.AUTHORITY}/{self.tenant}"

    def get(self, url: str, params: Any = None, headers: Any = None, **kwargs: Any) -> _Response:
        self.calls.append(("GET", url, dict(params or {})))
        if url.endswith("/v2.0/.well-known/openid-configuration"):
            base = self._base()
            return _Response(
                200,
                json.dumps(
                    {
                        "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                        "token_endpoint": f"{base}/oauth2/v2.0/token",
                        "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
                        "issuer": f"{self.AUTHORITY}/{{tenantid}}/v2.0",
                    }
                ),
            )
        if url.endswith("/common/discovery/instance"):
            hosts = ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com"]
            return _Response(
                200,
                json.dumps(
                    {
                        "tenant_discovery_endpoint": f"{self._base()}/v2.0/.well-known/"
                        "openid-configuration",
                        "metadata": [
                            {
                                "preferred_network": hosts[0],
                                "preferred_cache": hosts[1],
                                "aliases": [*hosts, "sts.windows.net"],
                            }
                        ],
                    }
                ),
            )
        return _Response(404, json.dumps({"error": "not_found"}))

    def post(
        self, url: str, params: Any = None, data: Any = None, headers: Any = None, **kwargs: Any
    ) -> _Response:
        form = dict(data) if isinstance(data, dict) else dict(parse_qs(data or ""))
        form = {k: v[-1] if isinstance(v, list) else v for k, v in form.items()}
        self.calls.append(("POST", url, form))
        if "scope" in form:
            self.scopes_requested.append(str(form["scope"]))
        if url.endswith("/devicecode"):
            return _Response(
                200,
                json.dumps(
                    {
                        "device_code": "DEVICE-CODE",
                        "user_code": "ABCD-EFGH",
                        "verification_uri": "https://microsoft.com/devicelogin",
                        "expires_in": 900,
                        "interval": 0,
                        "message": "To sign in, open https://microsoft.com/devicelogin "
                        "and enter the code ABCD-EFGH.",
                    }
                ),
            )
        if url.endswith("/token"):
            grant = form.get("grant_type", "")
            if grant == "urn:ietf:params:oauth:grant-type:device_code":
                if self.pending_polls > 0:
                    self.pending_polls -= 1
                    return _Response(400, json.dumps({"error": "authorization_pending"}))
                return self._tokens()
            if grant == "refresh_token":
                if self.revoked:
                    return _Response(
                        400,
                        json.dumps(
                            {
                                "error": "invalid_grant",
                                "error_description": "AADSTS70008: refresh token expired",
                                "suberror": "bad_token",
                            }
                        ),
                    )
                return self._tokens()
        return _Response(400, json.dumps({"error": "unsupported"}))

    def _tokens(self) -> _Response:
        n = next(self._n)
        access = f"msal-access-token-{n}"
        self.graph.tokens.add(access)
        now = int(time.time())
        id_token = ".".join(
            (
                _b64({"alg": "none", "typ": "JWT"}),
                _b64(
                    {
                        "aud": self.client_id,
                        "iss": f"{self.AUTHORITY}/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
                        "iat": now,
                        "nbf": now,
                        "exp": now + 3600,
                        "oid": "00000000-0000-0000-66f3-3332eca7ea81",
                        "tid": "9188040d-6c67-4c5b-b112-36a304b66dad",
                        "sub": "subject",
                        "preferred_username": self.username,
                        "name": "Jordan Rivera",
                    }
                ),
                "",
            )
        )
        client_info = _b64(
            {
                "uid": "00000000-0000-0000-66f3-3332eca7ea81",
                "utid": "9188040d-6c67-4c5b-b112-36a304b66dad",
            }
        )
        return _Response(
            200,
            json.dumps(
                {
                    "token_type": "Bearer",
                    "scope": "Mail.ReadWrite openid profile offline_access",
                    "expires_in": 3600,
                    "ext_expires_in": 3600,
                    "access_token": access,
                    "refresh_token": f"refresh-{n}",
                    "id_token": id_token,
                    "client_info": client_info,
                }
            ),
        )


def quote_id(graph_id: str) -> str:
    return quote(graph_id, safe="=-_")
