"""The pull of one folder: cheap when nothing is new, headers first, bodies only of the mail
``PullRequest.wants_body`` picks.

Per folder the cursor keeps UIDVALIDITY, UIDNEXT, the message count and (where the server
offers CONDSTORE) HIGHESTMODSEQ. Nothing new: one STATUS, no FETCH. New mail: EXAMINE, then
one FETCH of the headers of UIDs from the old UIDNEXT on. A changed UIDVALIDITY (the server
renumbered the folder) means the folder is read again in full, bounded by the season's start.
Messages are identified by folder and Message-ID, so a renumbered folder yields the same ids.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from imapclient import IMAPClient

from connectors.base import Folder, MailMessage, PullRequest
from connectors.mime import parse_message

log = logging.getLogger(__name__)

HEADER_FIELDS = "FROM TO CC SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES"
HEADERS_ITEM = f"BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})]"
MAX_MESSAGE_BYTES = 4 * 1024 * 1024  # a huge attachment is cut; the text comes first
BODY_ITEM = f"BODY.PEEK[]<0.{MAX_MESSAGE_BYTES}>"
HEADER_BATCH = 2000  # UIDs per header FETCH
BODY_BATCH_BYTES = 8 * 1024 * 1024  # per body FETCH


@dataclass(frozen=True)
class FolderState:
    name: str
    uidvalidity: int
    uidnext: int
    messages: int
    modseq: int | None = None  # HIGHESTMODSEQ, where the server offers CONDSTORE

    @classmethod
    def load(cls, data: Any) -> FolderState | None:
        try:
            modseq = data.get("modseq")
            return cls(
                str(data["name"]),
                int(data["uidvalidity"]),
                int(data["uidnext"]),
                int(data["messages"]),
                int(modseq) if modseq is not None else None,
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def dump(self) -> dict[str, Any]:
        return asdict(self)

    def same_messages(self, other: FolderState) -> bool:
        """Whether ``other`` holds exactly the messages this state did: UIDs are never
        reused, so no new UID and no fewer messages means nothing was added or removed."""
        return (
            self.name == other.name
            and self.uidvalidity == other.uidvalidity
            and self.uidnext == other.uidnext
            and self.messages == other.messages
        )

    def unchanged(self, other: FolderState) -> bool:
        """``same_messages`` and, where both know it, no flag change either."""
        if not self.same_messages(other):
            return False
        return self.modseq is None or other.modseq is None or self.modseq == other.modseq


def status_items(client: IMAPClient) -> list[bytes]:
    items = [b"MESSAGES", b"UIDNEXT", b"UIDVALIDITY"]
    if client.has_capability("CONDSTORE"):
        items.append(b"HIGHESTMODSEQ")
    return items


SELECTED = "_residency_agent_selected"  # the folder this connection has selected, if any


def status(client: IMAPClient, name: str) -> FolderState:
    """One round trip: the folder's numbers without selecting it. The selected folder's
    STATUS may lag its own view (RFC 3501 6.3.10): it is selected again instead."""
    if getattr(client, SELECTED, None) == name:
        return examine(client, name)
    got = client.folder_status(name, status_items(client))
    return _state(name, got, b"MESSAGES")


def examine(client: IMAPClient, name: str) -> FolderState:
    """Select the folder read-only (nothing is marked read) and return its numbers."""
    setattr(client, SELECTED, None)
    got = client.select_folder(name, readonly=True)
    setattr(client, SELECTED, name)
    return _state(name, got, b"EXISTS")


def _state(name: str, got: dict[bytes, Any], count_key: bytes) -> FolderState:
    modseq = got.get(b"HIGHESTMODSEQ")
    uidnext = got.get(b"UIDNEXT")
    return FolderState(
        name,
        int(got[b"UIDVALIDITY"]),
        int(uidnext) if uidnext is not None else 0,
        int(got.get(count_key) or 0),
        int(modseq) if modseq is not None else None,
    )


def plan_read(
    client: IMAPClient, before: FolderState | None, now: FolderState, since: datetime | None
) -> tuple[list[list[int]], bool]:
    """The UIDs to FETCH in batches, and whether this is a full read of the folder."""
    if before is not None and before.uidvalidity == now.uidvalidity:
        if now.uidnext and now.uidnext <= before.uidnext:
            return [], False
        # "n:*" always names the last message, even below n: those are dropped.
        found = client.search(["UID", f"{before.uidnext}:*"])
        return _batches([u for u in found if u >= before.uidnext]), False
    if before is not None:
        log.info("folder %s was renumbered (UIDVALIDITY changed); reading it again", now.name)
    if not now.messages:
        return [], True
    if since is None:
        found = client.search(["ALL"])
    else:
        day = (since.astimezone(UTC) - timedelta(days=1)).date()  # SINCE counts whole days
        found = client.search(["OR", "SENTSINCE", day, "SINCE", day])
    return _batches(found), True


def _batches(uids: Iterable[int]) -> list[list[int]]:
    ordered = sorted(set(uids))
    return [ordered[i : i + HEADER_BATCH] for i in range(0, len(ordered), HEADER_BATCH)]


@dataclass(frozen=True)
class _Header:
    message: MailMessage
    uid: int
    size: int


def read_messages(
    client: IMAPClient,
    batches: Sequence[Sequence[int]],
    folder: Folder,
    request: PullRequest,
) -> list[MailMessage]:
    """Headers of the UIDs in ``batches``, then the bodies of the program mail.

    With the request's ``header_filter``, a header block it rules out is never parsed, and
    only the messages whose bodies were wanted are returned (as the Maildir connector does).
    """
    keep = request.header_filter
    headers: list[_Header] = []
    seen = 0
    for batch in batches:
        got = client.fetch(batch, [HEADERS_ITEM, "INTERNALDATE", "RFC822.SIZE"])
        for uid in sorted(got):
            data, seen = got[uid], seen + 1
            raw = _section(data)
            if keep is not None and not keep(raw, folder):
                continue  # cannot be wanted: never parsed
            message = _header_message(raw, data, folder)
            if request.since is None or message.date >= request.since:
                headers.append(_Header(message, uid, int(data.get(b"RFC822.SIZE") or 0)))
        if request.progress:
            request.progress(seen)
    wanted = [h for h in headers if request.wants_body(h.message)]
    bodies = _bodies(client, wanted, folder)
    return [bodies.get(h.uid, h.message) for h in (wanted if keep is not None else headers)]


def _section(data: dict[bytes, Any]) -> bytes:
    for key, value in data.items():
        if isinstance(key, bytes) and key.startswith(b"BODY[") and isinstance(value, bytes):
            return value
    return b""


def _fallback_date(data: dict[bytes, Any]) -> datetime:
    when = data.get(b"INTERNALDATE")
    if isinstance(when, datetime):
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    return datetime.now(UTC)


def _header_message(raw: bytes, data: dict[bytes, Any], folder: Folder) -> MailMessage:
    header = parse_message(
        raw, id="", folder=folder, fallback_date=_fallback_date(data), with_body=False
    )
    # Keyed by Message-ID, not UID: the same message keeps its id when the folder is renumbered.
    return replace(header, id=f"{folder}:{header.message_id}")


def _bodies(client: IMAPClient, wanted: list[_Header], folder: Folder) -> dict[int, MailMessage]:
    out: dict[int, MailMessage] = {}
    batch: list[_Header] = []
    size = 0
    for header in wanted:
        batch.append(header)
        size += min(header.size, MAX_MESSAGE_BYTES)
        if size >= BODY_BATCH_BYTES:
            out.update(_body_batch(client, batch, folder))
            batch, size = [], 0
    if batch:
        out.update(_body_batch(client, batch, folder))
    return out


def _body_batch(client: IMAPClient, batch: list[_Header], folder: Folder) -> dict[int, MailMessage]:
    got = client.fetch([h.uid for h in batch], [BODY_ITEM])
    out = {}
    for header in batch:
        data = got.get(header.uid)
        if data is None:
            continue  # expunged meanwhile: the headers stand
        message = header.message
        out[header.uid] = parse_message(
            _section(data), id=message.id, folder=folder, fallback_date=message.date
        )
    return out
