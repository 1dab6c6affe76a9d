"""Gmail drafts the agent wrote: how a reply is threaded, and which drafts still exist.

Gmail files a draft in a thread only when it carries the thread's ``threadId``, RFC 2822
``In-Reply-To``/``References`` and the same subject. Agent drafts carry ``MARKER_HEADER``.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from connectors.base import MARKER_HEADER, DraftRef, OutgoingDraft
from connectors.gmail.api import GmailCalls
from connectors.mime import clean_header_text, decode_marker, draft_bytes, reply_subject

log = logging.getLogger(__name__)

LIST_PAGE = 500


def draft_message(draft: OutgoingDraft) -> dict[str, Any]:
    """The ``message`` of a drafts.create body: raw MIME, and the thread for a reply."""
    message: dict[str, Any] = {}
    target = draft.reply_to
    if target is not None:
        subject = reply_subject(target.subject)
        if subject != draft.subject:
            log.debug("draft %s: subject set to the thread's so Gmail threads it", draft.key)
        draft = replace(draft, subject=subject)
        if target.thread_hint:
            message["threadId"] = target.thread_hint
    raw = draft_bytes(draft)
    message["raw"] = base64.urlsafe_b64encode(raw).decode("ascii")
    return message


@dataclass
class DraftChanges:
    """What one history read says about drafts, to answer ``list_agent_drafts`` for free."""

    added: set[str] = field(default_factory=set)  # messages added with the DRAFT label
    touched: set[str] = field(default_factory=set)  # messages deleted, relabelled, changed

    def prove_unchanged(self, known: Sequence[DraftRef]) -> bool:
        """True when every known draft is untouched and no draft appeared that could be an
        agent draft the ledger has not recorded (a crash between create and record).

        Sound because each pass's history starts where the previous pass's pull ended, so
        every change to a known draft since its creation falls in some pass's history; the
        orchestrator asks on every pass that has drafts awaiting the user."""
        ids = {ref.extra.get("message") for ref in known}
        if None in ids or "" in ids:
            return False  # a ref without its Gmail message id cannot be checked
        return not (self.added - ids) and not (self.touched & ids)


class DraftIndex:
    """Lists drafts and reads their marker, remembering markers by Gmail message id (a
    draft's message id changes whenever it is edited, so the cache never goes stale)."""

    def __init__(self) -> None:
        self.markers: dict[str, tuple[str, str] | None] = {}  # message id -> (key, Message-ID)

    def remember(self, ref: DraftRef) -> None:
        if ref.extra.get("message"):
            self.markers.setdefault(ref.extra["message"], (ref.key, ref.message_id or ""))

    def agent_drafts(
        self, users: Any, calls: GmailCalls, known: Sequence[DraftRef]
    ) -> list[DraftRef]:
        listed: list[tuple[str, str, str]] = []  # (draft id, message id, thread id)
        token: str | None = None
        while True:
            page = calls.execute(
                users.drafts().list(userId="me", maxResults=LIST_PAGE, pageToken=token),
                "listing drafts",
            )
            for item in page.get("drafts", []):
                message = item.get("message", {})
                listed.append((item["id"], message.get("id", ""), message.get("threadId", "")))
            token = page.get("nextPageToken")
            if not token:
                break
        for ref in known:
            self.remember(ref)
        self._read_markers(users, calls, [m for _, m, _ in listed if m and m not in self.markers])
        found = []
        for draft_id, message_id, thread_id in listed:
            marker = self.markers.get(message_id)
            if marker is not None:
                extra = {"message": message_id, "thread": thread_id}
                found.append(DraftRef(marker[0], draft_id, marker[1] or None, extra))
        return found

    def _read_markers(self, users: Any, calls: GmailCalls, message_ids: list[str]) -> None:
        names = {MARKER_HEADER.lower(), "message-id"}

        def keep(message_id: str, response: dict[str, Any]) -> None:
            values = {
                h["name"].lower(): clean_header_text(h.get("value", ""))
                for h in response.get("payload", {}).get("headers", [])
                if h.get("name", "").lower() in names
            }
            key = decode_marker(values.get(MARKER_HEADER.lower(), ""))
            self.markers[message_id] = (key, values.get("message-id", "")) if key else None

        messages = users.messages()
        calls.batch(
            [
                (
                    i,
                    messages.get(
                        userId="me",
                        id=i,
                        format="metadata",
                        metadataHeaders=[MARKER_HEADER, "Message-ID"],
                    ),
                )
                for i in message_ids
            ],
            "reading draft markers",
            keep,
        )
