"""Gmail drafts the agent wrote: how a reply is threaded, and which drafts still exist.

Gmail files a draft in a thread only when it carries the thread's ``threadId``, RFC 2822
``In-Reply-To``/``References`` and the same subject. Agent drafts carry ``MARKER_HEADER``.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from connectors.base import DraftRef, OutgoingDraft
from connectors.draft_match import Unmarked, missing, recognise
from connectors.gmail.api import GmailCalls
from connectors.mime import (
    MAX_BODY_CHARS,
    clean_header_text,
    draft_bytes,
    html_to_text,
    marker_of,
    parse_message,
    reply_subject,
)

log = logging.getLogger(__name__)

LIST_PAGE = 500
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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


@dataclass(frozen=True, slots=True)
class _Seen:
    """What one Gmail draft message says. A message never changes: an edit makes a new one."""

    key: str | None  # the marker's ledger key; None for a draft without the marker
    message_id: str
    subject: str = ""
    to: tuple[str, ...] = ()
    text: str | None = None  # None: not read (the agent's own message, as it wrote it)
    marker_lost: bool = False  # recognised earlier as the agent's draft without its marker


class DraftIndex:
    """Lists drafts and reads what they say, remembering it by Gmail message id (a draft's
    message id changes whenever it is edited, so the cache never goes stale)."""

    def __init__(self) -> None:
        self.seen: dict[str, _Seen] = {}

    def remember(self, ref: DraftRef) -> None:
        message = ref.extra.get("message")
        if message:
            lost = ref.marker_lost or ref.extra.get("marker") == LOST
            self.seen.setdefault(
                message,
                _Seen(ref.key, ref.message_id or "", ref.subject or "", ref.to, None, lost),
            )

    def agent_drafts(
        self, users: Any, calls: GmailCalls, known: Sequence[DraftRef]
    ) -> list[DraftRef]:
        listed = _listing(users, calls)
        for ref in known:
            self.remember(ref)
        self._read(users, calls, [m for _, m, _ in listed if m and m not in self.seen])
        as_known = {ref.key: ref.extra.get("message") for ref in known}
        found: list[DraftRef] = []
        unmarked: list[Unmarked] = []
        for draft_id, message_id, thread_id in listed:
            seen = self.seen.get(message_id)
            if seen is None:
                continue  # deleted between the listing and the read
            extra = {"message": message_id, "thread": thread_id}
            if seen.key is None:
                unmarked.append(
                    Unmarked(
                        draft_id,
                        seen.message_id or None,
                        seen.subject,
                        seen.to,
                        thread_id,
                        seen.text,
                        {**extra, "marker": LOST},
                    )
                )
                continue
            unchanged = as_known.get(seen.key) == message_id
            if seen.marker_lost:
                extra["marker"] = LOST
            found.append(
                DraftRef(
                    seen.key,
                    draft_id,
                    seen.message_id or None,
                    extra,
                    text=None if unchanged else seen.text,
                    subject=seen.subject or None,
                    to=seen.to,
                    marker_lost=seen.marker_lost,
                )
            )
        lost = missing(known, found)
        if lost:
            for ref in recognise(lost, unmarked, "thread"):
                found.append(ref)
                self.seen[ref.extra["message"]] = _Seen(
                    ref.key, ref.message_id or "", ref.subject or "", ref.to, ref.text, True
                )
        return found

    def _read(self, users: Any, calls: GmailCalls, message_ids: list[str]) -> None:
        """Headers and text of new draft messages, in one batch (``full`` carries the text
        parts, never attachment data)."""

        def keep(message_id: str, response: dict[str, Any]) -> None:
            self.seen[message_id] = _seen(response.get("payload") or {})

        messages = users.messages()
        calls.batch(
            [(i, messages.get(userId="me", id=i, format="full")) for i in message_ids],
            "reading drafts",
            keep,
        )


# In a DraftRef's extra: the draft was recognised without the agent's marker.
LOST = "lost"


def _listing(users: Any, calls: GmailCalls) -> list[tuple[str, str, str]]:
    """Every draft as (draft id, message id, thread id)."""
    listed: list[tuple[str, str, str]] = []
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
            return listed


def _seen(payload: dict[str, Any]) -> _Seen:
    lines = []
    for header in payload.get("headers", []):
        name, value = header.get("name"), header.get("value")
        if isinstance(name, str) and isinstance(value, str) and re.fullmatch(r"[!-9;-~]+", name):
            lines.append(f"{name}: {clean_header_text(value)}")
    block = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "replace")
    head = parse_message(block, id="", folder="sent", fallback_date=_EPOCH, with_body=False)
    has_id = any(line.lower().startswith("message-id:") for line in lines)
    return _Seen(
        marker_of(block),
        head.message_id if has_id else "",
        head.subject,
        tuple(a.email for a in head.to),
        _payload_text(payload),
    )


def _payload_text(payload: dict[str, Any]) -> str:
    """The first text/plain part of a ``full`` payload, else its HTML made plain."""
    plain: str | None = None
    markup: str | None = None
    stack = [payload]
    while stack and (plain is None or markup is None):
        part = stack.pop(0)
        stack[:0] = part.get("parts") or []
        if part.get("filename"):
            continue  # an attachment
        kind = str(part.get("mimeType", "")).lower()
        data = (part.get("body") or {}).get("data")
        if not data or kind not in ("text/plain", "text/html"):
            continue
        try:
            text = base64.urlsafe_b64decode(data + "==").decode(_charset(part), "replace")
        except (ValueError, TypeError, LookupError):
            continue
        if kind == "text/plain" and plain is None:
            plain = text
        elif kind == "text/html" and markup is None:
            markup = text
    text = plain if plain is not None else html_to_text(markup or "")
    return text.replace("\r\n", "\n")[:MAX_BODY_CHARS]


def _charset(part: dict[str, Any]) -> str:
    for header in part.get("headers") or []:
        if str(header.get("name", "")).lower() == "content-type":
            found = re.search(r'charset="?([\w.:-]+)', str(header.get("value", "")), re.I)
            return found.group(1) if found else "utf-8"
    return "utf-8"
