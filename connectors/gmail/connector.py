"""Gmail connector: incremental sync from the History API, drafts filed in their thread.

Never sends: drafts only. Reading uses ``gmail.readonly``; drafts use ``gmail.compose``.
Requests per pass: a pass with nothing new is one ``history.list`` call; a first pass is a
``getProfile``, the ``messages.list`` pages, metadata in batches of 50 and raw bodies (in
batches) for the messages ``PullRequest.wants_body`` picks. With ``PullRequest.search`` a
first pass lists only what Gmail's search finds for those terms (connectors/gmail/search.py
says what it cannot see); incremental passes read every new message from the history.
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from connectors.base import DraftRef, Folder, MailMessage, OutgoingDraft, Pull, PullRequest
from connectors.gmail.account import GmailAccount
from connectors.gmail.api import GmailCalls, NotFound, build_service
from connectors.gmail.auth import SCOPES, authorize, load_credentials, save_token, token_path
from connectors.gmail.drafts import (
    LIST_PAGE,
    DraftChanges,
    DraftIndex,
    draft_message,
    reply_subject,
)
from connectors.gmail.search import listing_queries
from connectors.mime import clean_header_text, parse_message
from connectors.pacing import GMAIL_UNITS_PER_SECOND, Pacer, gmail_cost
from connectors.retry import RetryPolicy

__all__ = ["SCOPES", "GmailAccount", "GmailConnector", "authorize", "reply_subject"]

log = logging.getLogger(__name__)

INBOX, SENT, DRAFT = "INBOX", "SENT", "DRAFT"
WATCHED = frozenset({INBOX, SENT})
HEADERS = ["From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References"]
BODY_BATCH_BYTES = 16 * 1024 * 1024  # keep one batch of raw bodies to a sane size


def _load_cursor(cursor: str | None) -> str | None:
    if not cursor:
        return None
    try:
        history_id = json.loads(cursor)["history_id"]
    except (ValueError, KeyError, TypeError):
        log.warning("gmail cursor unreadable; listing the mailbox again")
        return None
    return str(history_id) if str(history_id).isdigit() else None


def _dump_cursor(history_id: str) -> str:
    return json.dumps({"v": 1, "history_id": str(history_id)})


def _internal_date(meta: dict[str, Any]) -> datetime:
    try:
        return datetime.fromtimestamp(int(meta["internalDate"]) / 1000, UTC)
    except (KeyError, ValueError, TypeError, OverflowError):
        return datetime.now(UTC)


def _header_block(meta: dict[str, Any]) -> bytes:
    lines = []
    for header in meta.get("payload", {}).get("headers", []):
        name, value = header.get("name"), header.get("value")
        if isinstance(name, str) and isinstance(value, str) and re.fullmatch(r"[!-9;-~]+", name):
            lines.append(f"{name}: {clean_header_text(value)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "replace")


def _header_message(message_id: str, meta: dict[str, Any]) -> tuple[MailMessage, int] | None:
    """A header-only message and its size, or None for drafts and mail outside inbox/sent."""
    labels = set(meta.get("labelIds", []))
    if DRAFT in labels or not labels & WATCHED:
        return None
    folder: Folder = "sent" if SENT in labels else "inbox"
    message = parse_message(
        _header_block(meta),
        id=message_id,
        folder=folder,
        fallback_date=_internal_date(meta),
        with_body=False,
        thread_hint=meta.get("threadId"),
    )
    return message, int(meta.get("sizeEstimate") or 0)


class GmailConnector:
    def __init__(
        self,
        account: GmailAccount,
        state_dir: Path,
        *,
        retry: RetryPolicy | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.name = account.name
        self.account = account
        self.state_dir = state_dir
        self.retry = retry or RetryPolicy()
        # Every call waits its turn under Gmail's per-user quota: a first sync meets no 429.
        self.pacer = pacer or Pacer(GMAIL_UNITS_PER_SECOND)
        self._service: Any = None
        self._calls: GmailCalls | None = None
        self._credentials: Any = None
        self._saved_token: str | None = None
        self._drafts: DraftChanges | None = None  # None: no history read in this process
        self._index = DraftIndex()

    # -- plumbing ------------------------------------------------------------------------

    def _api(self) -> tuple[Any, GmailCalls]:
        if self._service is None or self._calls is None:
            self._credentials = load_credentials(self.account, self.state_dir)
            self._saved_token = getattr(self._credentials, "token", None)
            self._service, batch_uri = build_service(self._credentials, self.account.api_endpoint)
            self._calls = GmailCalls(self.name, batch_uri, self.retry, self.pacer)
        return self._service.users(), self._calls

    def _keep_refreshed_token(self) -> None:
        """The HTTP layer refreshes expired access tokens itself; keep the newest on disk."""
        creds = self._credentials
        if creds is None or self.account.token_command or creds.token == self._saved_token:
            return
        save_token(token_path(self.account, self.state_dir), creds)
        self._saved_token = creds.token

    # -- reading -------------------------------------------------------------------------

    def pull(self, cursor: str | None, request: PullRequest) -> Pull:
        history_id = _load_cursor(cursor)
        try:
            if history_id is not None:
                try:
                    return self._pull_history(history_id, request)
                except NotFound:
                    log.info("gmail history %s expired; listing since season start", history_id)
            return self._pull_full(request)
        finally:
            self._keep_refreshed_token()

    def _pull_full(self, request: PullRequest) -> Pull:
        users, calls = self._api()
        profile = calls.execute(users.getProfile(userId="me"), "reading the profile")
        history_id = str(profile["historyId"])  # read first: later changes come from history
        queries = listing_queries(request.search, request.since)
        # The union of the searches, each message once (a message may match several).
        ids = list(dict.fromkeys(i for query in queries for i in self._list(query)))
        self._drafts = None
        seconds = self.pacer.seconds_for(len(ids) * gmail_cost("messages.get"))
        if request.expect:
            request.expect(len(ids), seconds)
        minutes = seconds / 60
        log.info(
            "gmail account %s: first sync of %d messages (%s), about %.0f minutes under "
            "Gmail's quota",
            self.name,
            len(ids),
            f"narrowed by {len(queries)} searches" if request.search else "all since the season",
            max(minutes, 1),
        )
        messages = self._read(ids, request)
        return Pull(messages, _dump_cursor(history_id), full=True)

    def _list(self, query: str) -> list[str]:
        """Ids of every message ``query`` finds, page by page."""
        users, calls = self._api()
        ids: list[str] = []
        token: str | None = None
        while True:
            page = calls.execute(
                users.messages().list(userId="me", q=query, maxResults=LIST_PAGE, pageToken=token),
                "listing messages",
            )
            ids.extend(m["id"] for m in page.get("messages", []))
            token = page.get("nextPageToken")
            if not token:
                return ids

    def _pull_history(self, start: str, request: PullRequest) -> Pull:
        users, calls = self._api()
        changes = DraftChanges()
        wanted: dict[str, None] = {}
        token: str | None = None
        history_id = start
        while True:
            page = calls.execute(
                users.history().list(
                    userId="me", startHistoryId=start, maxResults=LIST_PAGE, pageToken=token
                ),
                "reading mailbox history",
            )
            for record in page.get("history", []):
                self._note_record(record, changes, wanted)
            history_id = str(page.get("historyId") or history_id)
            token = page.get("nextPageToken")
            if not token:
                break
        self._drafts = changes
        messages = self._read(list(wanted), request)
        return Pull(messages, _dump_cursor(history_id))

    @staticmethod
    def _note_record(
        record: dict[str, Any], changes: DraftChanges, wanted: dict[str, None]
    ) -> None:
        added_here: set[str] = set()
        for item in record.get("messagesAdded", []):
            message = item.get("message", {})
            labels = set(message.get("labelIds", []))
            added_here.add(message.get("id", ""))
            if DRAFT in labels:
                changes.added.add(message["id"])
            elif labels & WATCHED:
                wanted[message["id"]] = None
        for item in record.get("labelsAdded", []):
            message = item.get("message", {})
            changes.touched.add(message.get("id", ""))
            if set(item.get("labelIds", [])) & WATCHED and DRAFT not in message.get("labelIds", []):
                wanted[message["id"]] = None  # moved back to the inbox, or a draft sent
        for kind in ("labelsRemoved", "messagesDeleted"):
            for item in record.get(kind, []):
                changes.touched.add(item.get("message", {}).get("id", ""))
        for message in record.get("messages", []):
            if message.get("id") not in added_here:
                changes.touched.add(message.get("id", ""))

    def _read(self, ids: list[str], request: PullRequest) -> list[MailMessage]:
        """Headers of ``ids`` in batches, then raw bodies of the messages worth reading."""
        _, calls = self._api()
        users = self._service.users().messages()
        headers: dict[str, tuple[MailMessage, int]] = {}

        def keep(message_id: str, meta: dict[str, Any]) -> None:
            header = _header_message(message_id, meta)
            if header is not None:
                headers[message_id] = header

        for start in range(0, len(ids), 500):
            calls.batch(
                [
                    (i, users.get(userId="me", id=i, format="metadata", metadataHeaders=HEADERS))
                    for i in ids[start : start + 500]
                ],
                "reading message headers",
                keep,
            )
            if request.progress:
                request.progress(min(start + 500, len(ids)))
        since = request.since
        found = [headers[i] for i in ids if i in headers]  # absent: deleted since listed
        found = [(m, size) for m, size in found if since is None or m.date >= since]
        bodies = self._bodies([(m, size) for m, size in found if request.wants_body(m)])
        return [bodies.get(m.id, m) for m, _ in found]

    def _bodies(self, wanted: list[tuple[MailMessage, int]]) -> dict[str, MailMessage]:
        _, calls = self._api()
        users = self._service.users().messages()
        by_id = {m.id: m for m, _ in wanted}
        out: dict[str, MailMessage] = {}

        def parsed(message_id: str, response: dict[str, Any]) -> None:
            header = by_id[message_id]
            try:
                raw = base64.urlsafe_b64decode(response.get("raw", "") + "==")
            except (ValueError, TypeError):
                log.warning("gmail message %s: raw content undecodable; headers only", message_id)
                return
            out[message_id] = parse_message(
                raw,
                id=message_id,
                folder=header.folder,
                fallback_date=header.date,
                thread_hint=response.get("threadId") or header.thread_hint,
            )

        group: list[str] = []
        size = 0
        for message, estimate in [*wanted, (None, 0)]:
            full = message is None or (group and size + estimate > BODY_BATCH_BYTES)
            if full and group:
                calls.batch(
                    [(i, users.get(userId="me", id=i, format="raw")) for i in group],
                    "reading message bodies",
                    parsed,
                )
                group, size = [], 0
            if message is not None:
                group.append(message.id)
                size += estimate
        return out

    # -- drafts --------------------------------------------------------------------------

    def create_draft(self, draft: OutgoingDraft) -> DraftRef:
        users, calls = self._api()
        try:
            created = calls.execute(
                users.drafts().create(userId="me", body={"message": draft_message(draft)}),
                "creating a draft",
                idempotent=False,  # a retried create could leave two drafts
            )
        finally:
            self._keep_refreshed_token()
        message = created.get("message", {})
        extra = {"message": str(message.get("id", "")), "thread": str(message.get("threadId", ""))}
        target = draft.reply_to
        subject = reply_subject(target.subject) if target is not None else draft.subject
        to = tuple(a.email for a in draft.to)
        ref = DraftRef(draft.key, str(created["id"]), draft.message_id, extra, None, subject, to)
        self._index.remember(ref)
        return ref

    def list_agent_drafts(self, known: Sequence[DraftRef] = ()) -> list[DraftRef]:
        if self._drafts is not None and self._drafts.prove_unchanged(known):
            log.debug("gmail history shows no draft changes; %d drafts still there", len(known))
            return [ref if ref.text is None else replace(ref, text=None) for ref in known]
        users, calls = self._api()
        try:
            return self._index.agent_drafts(users, calls, known)
        finally:
            self._keep_refreshed_token()

    def close(self) -> None:
        try:
            self._keep_refreshed_token()
        except OSError:  # pragma: no cover - disk full while saving; the next pass refreshes
            log.warning("could not save the refreshed Gmail token for %s", self.name)
