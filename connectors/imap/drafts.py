"""Drafts on an IMAP server: APPENDed to the drafts folder with ``\\Draft`` and ``\\Seen``
and the agent's marker header; found again by a header SEARCH on the marker, so a draft
APPENDed just before a crash is found by the next pass. The last listing is remembered with
the folder's numbers: while they are unchanged, one STATUS proves the list still holds."""

from __future__ import annotations

import logging
import re
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from connectors.base import MARKER_HEADER, DraftRef, OutgoingDraft
from connectors.imap.reading import FolderState, examine
from connectors.mime import draft_bytes, marker_of, message_ids

log = logging.getLogger(__name__)

DRAFT_FLAGS = (b"\\Draft", b"\\Seen")  # \Seen: clients and indexers do not show it as new mail
MARKER_ITEM = f"BODY.PEEK[HEADER.FIELDS ({MARKER_HEADER.upper()} MESSAGE-ID)]"
CHECK_ALL_UP_TO = 2000  # drafts folders are small; beyond this, SEARCH is trusted
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]", re.IGNORECASE)


def provider_id(uidvalidity: int, uid: int) -> str:
    return f"{uidvalidity}:{uid}"


def append(client: IMAPClient, folder: str, draft: OutgoingDraft) -> DraftRef:
    answer = client.append(folder, draft_bytes(draft), flags=DRAFT_FLAGS, msg_time=draft.date)
    match = _APPENDUID.search(answer if isinstance(answer, bytes) else str(answer).encode())
    if match:  # UIDPLUS: the server told us where the draft landed
        uidvalidity, uid = int(match.group(1)), int(match.group(2))
        return DraftRef(draft.key, provider_id(uidvalidity, uid), draft.message_id)
    found = find(client, folder, draft.key)
    return found or DraftRef(draft.key, "", draft.message_id)


def find(client: IMAPClient, folder: str, key: str) -> DraftRef | None:
    """The agent's draft for ``key`` in ``folder``, if it is there."""
    return next((ref for ref in listing(client, folder, key)[0] if ref.key == key), None)


def listing(client: IMAPClient, folder: str, key: str = "") -> tuple[list[DraftRef], FolderState]:
    """Every message in ``folder`` carrying the marker (``key``: only that value)."""
    state = examine(client, folder)
    if not state.messages:
        return [], state
    uids = _search_marker(client, key)
    if not uids and state.messages <= CHECK_ALL_UP_TO:
        # Some servers' SEARCH ignores headers they do not index: an empty answer in a small
        # drafts folder is checked by reading every draft's marker, so a draft of ours is
        # never taken for deleted (and then written twice).
        uids = client.search(["ALL"])
    if not uids:
        return [], state
    got = client.fetch(list(uids), [MARKER_ITEM])
    refs = []
    for uid in sorted(got):
        raw = _section(got[uid])
        marker = marker_of(raw)
        if marker:
            ids = message_ids(_header(raw, "message-id"))
            where = provider_id(state.uidvalidity, uid)
            refs.append(DraftRef(marker, where, next(iter(ids), None)))
    return refs, state


def _search_marker(client: IMAPClient, key: str) -> list[int]:
    # An empty string matches every message that has the header (RFC 3501 SEARCH HEADER).
    try:
        return list(client.search(["HEADER", MARKER_HEADER, key]))
    except IMAPClientAbortError:
        raise
    except IMAPClientError as exc:
        log.info("the server refused a header SEARCH (%s); reading the markers instead", exc)
        return []


def _section(data: dict[bytes, Any]) -> bytes:
    for name, value in data.items():
        if isinstance(name, bytes) and name.startswith(b"BODY[") and isinstance(value, bytes):
            return value
    return b""


def _header(raw: bytes, name: str) -> str:
    import email
    import email.policy

    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    return str(msg.get(name, "") or "")


def memo_dump(state: FolderState, refs: list[DraftRef]) -> dict[str, Any]:
    return {
        "state": state.dump(),
        "refs": [[r.key, r.provider_id, r.message_id or ""] for r in refs],
    }


def memo_refs(memo: Any, now: FolderState) -> list[DraftRef] | None:
    """The remembered listing when the folder provably holds the same messages, else None."""
    if not isinstance(memo, dict):
        return None
    then = FolderState.load(memo.get("state"))
    if then is None or not then.unchanged(now):
        return None
    try:
        return [DraftRef(str(k), str(p), str(m) or None) for k, p, m in memo.get("refs", [])]
    except (TypeError, ValueError):
        return None
