"""Outlook / Microsoft 365 connector over Microsoft Graph.

Reading: one delta query per folder (inbox, sentitems) with ``$select`` of the fields the
agent needs; the first pass is filtered on ``receivedDateTime ge since``. The cursor holds
each folder's deltaLink; an expired one (410, ``syncStateNotFound``) costs a bounded full
pass of that folder. Bodies are fetched, as text, only for messages ``wants_body`` picks.

Drafts: replies are made with ``createReply`` on the message answered, so they land in its
conversation; new notes with ``POST /me/messages``. Each agent draft carries a single-value
extended property holding its ledger key, which is how drafts are found again. This module
only ever creates, updates and reads drafts: there is no delivery call anywhere in it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from connectors.base import DraftRef, Folder, MailMessage, OutgoingDraft, Pull, PullRequest
from connectors.draft_match import missing, recognise
from connectors.errors import ConnectorError, CursorExpired
from connectors.mime import (
    MAX_BODY_CHARS,
    clean_header_text,
    html_to_text,
    message_ids,
)
from connectors.outlook.account import OutlookAccount
from connectors.outlook.auth import authorize, token_source
from connectors.outlook.graph import DEFAULT_ENDPOINT, MAX_IN_FLIGHT, GraphClient, NotFound
from connectors.outlook.items import (
    DRAFT_SELECT,
    MARKER_PROPERTY,
    draft_content,
    draft_ref,
    iso_utc,
    marker_of,
    normalize,
    path_segment,
    unmarked,
)
from connectors.retry import RetryPolicy

__all__ = ["MARKER_PROPERTY", "OutlookAccount", "OutlookConnector", "authorize"]

log = logging.getLogger(__name__)

PAGE_SIZE = 200  # Prefer: odata.maxpagesize for delta pages
FOLDERS: tuple[tuple[Folder, str], ...] = (("inbox", "inbox"), ("sent", "sentitems"))
SELECT = ",".join(
    (
        "id",
        "conversationId",
        "internetMessageId",
        "subject",
        "from",
        "toRecipients",
        "ccRecipients",
        "sentDateTime",
        "receivedDateTime",
    )
)
_TEXT_BODY = 'outlook.body-content-type="text"'
_BODY_FIELDS = "body,internetMessageHeaders"
BATCH_SIZE = 20  # Graph's JSON batching takes at most 20 requests
_MARKER_FILTER = f"singleValueExtendedProperties/Any(ep: ep/id eq '{MARKER_PROPERTY}')"
_MARKER_EXPAND = f"singleValueExtendedProperties($filter=id eq '{MARKER_PROPERTY}')"


def _made(draft: OutgoingDraft, item: dict[str, Any]) -> DraftRef:
    """The ref of a draft the agent just wrote: it knows what it says."""
    ref = draft_ref(draft.key, item, with_text=False)
    return replace(ref, subject=clean_header_text(draft.subject), to=_emails(draft))


def _emails(draft: OutgoingDraft) -> tuple[str, ...]:
    return tuple(a.email for a in draft.to)


class _Cursor:
    """Each folder's deltaLink, as one opaque JSON string."""

    VERSION = 1

    def __init__(self, links: dict[str, str] | None = None) -> None:
        self.links = links or {}

    @classmethod
    def load(cls, text: str | None) -> _Cursor:
        if not text:
            return cls()
        try:
            data = json.loads(text)
            if data.get("v") != cls.VERSION:
                raise ValueError("version")
            return cls({str(k): str(v) for k, v in data["delta"].items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("outlook cursor unreadable; reading the mailbox again since season start")
            return cls()

    def dump(self) -> str:
        return json.dumps({"v": self.VERSION, "delta": self.links}, sort_keys=True)


class OutlookConnector:
    def __init__(
        self,
        account: OutlookAccount,
        state_dir: Path,
        *,
        retry: RetryPolicy | None = None,
        identity_http_client: Any = None,
    ) -> None:
        """``identity_http_client`` replaces MSAL's HTTP client (tests use a fake sign-in
        service); ``retry`` sets the backoff policy (tests pass a no-op sleep)."""
        self.name = account.name
        self.account = account
        self.graph = GraphClient(
            account.name,
            account.api_endpoint or DEFAULT_ENDPOINT,
            token_source(account, state_dir, identity_http_client),
            retry=retry,
        )
        self._pool: ThreadPoolExecutor | None = None

    def _workers(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(
                MAX_IN_FLIGHT, thread_name_prefix=f"outlook-{self.name}"
            )
        return self._pool

    # -- reading -------------------------------------------------------------------------

    def pull(self, cursor: str | None, request: PullRequest) -> Pull:
        state = _Cursor.load(cursor)
        links: dict[str, str] = {}
        full = False
        headers: list[MailMessage] = []
        wanted: dict[str, MailMessage] = {}
        seen = 0

        def take(item: dict[str, Any], folder: Folder) -> None:
            nonlocal seen
            seen += 1
            if request.progress and seen % 500 == 0:
                request.progress(seen)
            message = normalize(item, folder)
            if message is None or (request.since and message.date < request.since):
                return
            headers.append(message)
            if request.wants_body(message):
                wanted[message.id] = message

        for folder, graph_folder in FOLDERS:
            link = state.links.get(graph_folder)
            if link is not None and not self.graph.owns(link):
                log.info("%s: stored %s link is for another endpoint", self.name, graph_folder)
                link = None  # api_endpoint changed since the last pass: start over
            try:
                links[graph_folder] = self._delta(graph_folder, link, request, folder, take)
            except CursorExpired:
                if link is None:
                    raise
                log.info("%s: %s sync state expired; full pass", self.name, graph_folder)
                links[graph_folder] = self._delta(graph_folder, None, request, folder, take)
                full = True
            else:
                full = full or link is None
        bodies = self._bodies(list(wanted.values()))
        messages = [bodies.get(m.id, m) for m in headers]
        if request.progress and seen:
            request.progress(seen)
        return Pull(messages, _Cursor(links).dump(), full=full)

    def _delta(
        self,
        graph_folder: str,
        link: str | None,
        request: PullRequest,
        folder: Folder,
        take: Callable[[dict[str, Any], Folder], None],
    ) -> str:
        """Walk one delta round from ``link`` (or from scratch) and return its deltaLink."""
        prefer = (f"odata.maxpagesize={PAGE_SIZE}",)
        url = link or f"/me/mailFolders/{graph_folder}/messages/delta"
        params: dict[str, str] | None = None
        if link is None:
            params = {"$select": SELECT}
            if request.since:
                params["$filter"] = f"receivedDateTime ge {iso_utc(request.since)}"
        while True:
            page = self.graph.request("GET", url, params=params, prefer=prefer)
            for item in page.get("value", []):
                if isinstance(item, dict) and "@removed" not in item:
                    take(item, folder)
            params = None  # the links carry the query
            if "@odata.nextLink" in page:
                url = str(page["@odata.nextLink"])
            elif "@odata.deltaLink" in page:
                return str(page["@odata.deltaLink"])
            else:
                raise ConnectorError(
                    f"account {self.name!r}: Graph delta for {graph_folder} ended without a link"
                )

    def _bodies(self, wanted: list[MailMessage]) -> dict[str, MailMessage]:
        """Bodies of ``wanted``: one GET for a single message, else JSON batches of 20,
        up to MAX_IN_FLIGHT at a time."""
        if len(wanted) == 1:
            return {wanted[0].id: self._with_body(wanted[0])}
        chunks = [wanted[i : i + BATCH_SIZE] for i in range(0, len(wanted), BATCH_SIZE)]
        out: dict[str, MailMessage] = {}
        futures = [self._workers().submit(self._batch_bodies, chunk) for chunk in chunks]
        try:
            for future in futures:
                out.update(future.result())
        finally:
            for future in futures:
                future.cancel()
        return out

    def _batch_bodies(self, chunk: list[MailMessage]) -> dict[str, MailMessage]:
        by_id = {m.id: m for m in chunk}
        urls = {m.id: f"/me/messages/{path_segment(m.id)}?$select={_BODY_FIELDS}" for m in chunk}
        answers = self.graph.batch(urls, prefer=(_TEXT_BODY,))
        return {key: _with_item(by_id[key], item) for key, item in answers.items()}

    def _with_body(self, message: MailMessage) -> MailMessage:
        item = self.graph.request(
            "GET",
            f"/me/messages/{path_segment(message.id)}",
            params={"$select": _BODY_FIELDS},
            prefer=(_TEXT_BODY,),
        )
        return _with_item(message, item)

    # -- drafts --------------------------------------------------------------------------

    def list_agent_drafts(self, known: Sequence[DraftRef] = ()) -> list[DraftRef]:
        found = [
            draft_ref(key, item)
            for item in self._drafts(_MARKER_FILTER)
            if (key := marker_of(item)) is not None
        ]
        lost = missing(known, found)
        if lost:  # a client may have rewritten a draft without the marker: look for it
            candidates = [unmarked(i) for i in self._drafts(None) if marker_of(i) is None]
            found += recognise(lost, candidates, "conversationId")
        return found

    def _drafts(self, where: str | None) -> Iterator[dict[str, Any]]:
        """The Drafts folder's messages (those matching ``where``), bodies as text."""
        url = "/me/mailFolders/drafts/messages"
        query = {"$select": DRAFT_SELECT, "$expand": _MARKER_EXPAND, "$top": "100"}
        if where is not None:
            query["$filter"] = where
        params: dict[str, str] | None = query
        while True:
            page = self.graph.request("GET", url, params=params, prefer=(_TEXT_BODY,))
            yield from (i for i in page.get("value", []) if isinstance(i, dict) and i.get("id"))
            if "@odata.nextLink" not in page:
                return
            url, params = str(page["@odata.nextLink"]), None

    def create_draft(self, draft: OutgoingDraft) -> DraftRef:
        # A crash between creating a draft and recording it leaves a tagged draft behind:
        # find it by its key first, so a retry completes it instead of making a second one.
        existing = self._find_by_key(draft.key)
        if existing is not None:
            if existing.get("isDraft"):
                self.graph.request(
                    "PATCH",
                    f"/me/messages/{path_segment(existing['id'])}",
                    json=draft_content(draft),
                )
            return _made(draft, existing)
        tag = {"singleValueExtendedProperties": [{"id": MARKER_PROPERTY, "value": draft.key}]}
        if draft.reply_to is not None:
            try:
                created = self.graph.request(
                    "POST",
                    f"/me/messages/{path_segment(draft.reply_to.id)}/createReply",
                    json={"message": tag},
                )
            except NotFound:
                # the user deleted the message answered: a new note is better than none
                log.warning("%s: message answered is gone; writing a new draft", self.name)
                return self._create_new(draft, tag)
            created_id = str(created.get("id", ""))
            if not created_id:
                raise ConnectorError(f"account {self.name!r}: createReply returned no draft id")
            updated = self.graph.request(
                "PATCH", f"/me/messages/{path_segment(created_id)}", json=draft_content(draft)
            )
            return _made(draft, {**created, **updated, "id": created_id})
        return self._create_new(draft, tag)

    def _create_new(self, draft: OutgoingDraft, tag: dict[str, Any]) -> DraftRef:
        created = self.graph.request("POST", "/me/messages", json={**draft_content(draft), **tag})
        return _made(draft, created)

    def _find_by_key(self, key: str) -> dict[str, Any] | None:
        escaped = key.replace("'", "''")
        page = self.graph.request(
            "GET",
            "/me/messages",
            params={
                "$filter": (
                    "singleValueExtendedProperties/Any(ep: ep/id eq "
                    f"'{MARKER_PROPERTY}' and ep/value eq '{escaped}')"
                ),
                "$select": "id,internetMessageId,conversationId,isDraft",
                "$top": "5",
            },
        )
        items = [i for i in page.get("value", []) if isinstance(i, dict) and i.get("id")]
        # A draft still in Drafts wins over a copy the user already sent.
        items.sort(key=lambda i: not i.get("isDraft"))
        return items[0] if items else None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self.graph.session.close()


def _with_item(message: MailMessage, item: dict[str, Any]) -> MailMessage:
    """``message`` with the body and threading headers of its Graph item."""
    body = item.get("body") or {}
    content = str(body.get("content") or "")
    if str(body.get("contentType", "text")).lower() == "html":
        content = html_to_text(content)
    wanted = {"in-reply-to": "", "references": ""}
    for header in item.get("internetMessageHeaders") or []:
        name = str(header.get("name", "")).lower()
        if name in wanted:
            wanted[name] = clean_header_text(str(header.get("value", "")))
    return replace(
        message,
        body=content.replace("\r\n", "\n")[:MAX_BODY_CHARS],
        in_reply_to=next(iter(message_ids(wanted["in-reply-to"])), None),
        references=message_ids(wanted["references"])[-50:],
    )
