"""Drafts on an IMAP server: APPENDed to the drafts folder with ``\\Draft`` and ``\\Seen``
and the agent's marker header; found again by a header SEARCH on the marker, so a draft
APPENDed just before a crash is found by the next pass.

An IMAP message never changes: a client that saves an edited draft APPENDs a new message
and expunges the old one. So a draft still at the UID the ledger knows is unchanged (its
text is not read again), a draft at a new UID is read, and the last listing, remembered with
the folder's numbers, holds while one STATUS shows them unchanged. A known draft missing
from the marker search is looked for among the drafts without the marker (a client dropped
it): by Message-ID, then by subject and recipient (``connectors.draft_match``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from connectors.base import MARKER_HEADER, DraftRef, OutgoingDraft
from connectors.draft_match import Unmarked, missing, recognise
from connectors.imap.reading import FolderState, examine
from connectors.mime import draft_bytes, marker_of, message_ids, parse_message

log = logging.getLogger(__name__)

DRAFT_FLAGS = (b"\\Draft", b"\\Seen")  # \Seen: clients and indexers do not show it as new mail
MARKER_ITEM = f"BODY.PEEK[HEADER.FIELDS ({MARKER_HEADER.upper()} MESSAGE-ID)]"
DRAFT_BYTES = 1024 * 1024  # a draft's text comes first; attachments the user added are cut
CONTENT_ITEM = f"BODY.PEEK[]<0.{DRAFT_BYTES}>"
CHECK_ALL_UP_TO = 2000  # drafts folders are small; beyond this, SEARCH is trusted
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]", re.IGNORECASE)


def provider_id(uidvalidity: int, uid: int) -> str:
    return f"{uidvalidity}:{uid}"


def append(client: IMAPClient, folder: str, draft: OutgoingDraft) -> DraftRef:
    answer = client.append(folder, draft_bytes(draft), flags=DRAFT_FLAGS, msg_time=draft.date)
    match = _APPENDUID.search(answer if isinstance(answer, bytes) else str(answer).encode())
    if match:  # UIDPLUS: the server told us where the draft landed
        where = provider_id(int(match.group(1)), int(match.group(2)))
    else:
        found = find(client, folder, draft.key)
        where = found.provider_id if found else ""
    return written(draft, where)


def written(draft: OutgoingDraft, where: str) -> DraftRef:
    to = tuple(a.email for a in draft.to)
    return DraftRef(draft.key, where, draft.message_id, subject=draft.subject, to=to)


def find(client: IMAPClient, folder: str, key: str) -> DraftRef | None:
    """The agent's draft for ``key`` in ``folder``, if it is there."""
    refs = listing(client, folder, (), key)[0]
    return next((ref for ref in refs if ref.key == key), None)


def listing(
    client: IMAPClient, folder: str, known: Sequence[DraftRef] = (), key: str = ""
) -> tuple[list[DraftRef], FolderState]:
    """Every message in ``folder`` carrying the marker (``key``: only that value), and the
    known drafts that lost it."""
    state = examine(client, folder)
    if not state.messages:
        return [], state
    uids = _search_marker(client, key)
    if not uids and state.messages <= CHECK_ALL_UP_TO:
        # Some servers' SEARCH ignores headers they do not index: an empty answer in a small
        # drafts folder is checked by reading every draft's marker, so a draft of ours is
        # never taken for deleted (and then written twice).
        uids = client.search(["ALL"])
    markers = _markers(client, uids)
    unchanged = {ref.provider_id for ref in known}
    read = _contents(
        client,
        (u for u in markers if provider_id(state.uidvalidity, u) not in unchanged),
        state.uidvalidity,
    )
    refs = []
    for uid, (marker, message_id) in sorted(markers.items()):
        if marker is None or (key and marker != key):
            continue
        where = provider_id(state.uidvalidity, uid)
        draft = read.get(uid)
        if draft is None:  # at the UID the ledger knows: unchanged since it was listed
            refs.append(DraftRef(marker, where, message_id))
        else:
            refs.append(
                DraftRef(
                    marker, where, message_id, text=draft.text, subject=draft.subject, to=draft.to
                )
            )
    lost = missing(known, refs)
    if lost and not key:
        refs += _recognised(client, lost, markers, state)
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


def _markers(client: IMAPClient, uids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]:
    """UID -> (marker, Message-ID) of the given messages."""
    if not uids:
        return {}
    got = client.fetch(list(uids), [MARKER_ITEM])
    out = {}
    for uid, data in got.items():
        raw = _section(data)
        ids = message_ids(_header(raw, "message-id"))
        out[uid] = (marker_of(raw), next(iter(ids), None))
    return out


def _recognised(
    client: IMAPClient,
    lost: list[DraftRef],
    markers: dict[int, tuple[str | None, str | None]],
    state: FolderState,
) -> list[DraftRef]:
    """The lost drafts found among the drafts without the marker (read only now)."""
    marked = {uid for uid, (marker, _) in markers.items() if marker}
    others = [uid for uid in client.search(["ALL"]) if uid not in marked]
    return recognise(lost, list(_contents(client, others, state.uidvalidity).values()))


def _contents(client: IMAPClient, uids: Iterable[int], uidvalidity: int) -> dict[int, Unmarked]:
    wanted = sorted(set(uids))
    if not wanted:
        return {}
    got = client.fetch(wanted, [CONTENT_ITEM])
    out = {}
    now = datetime.now(UTC)
    for uid, data in got.items():
        message = parse_message(_section(data), id="", folder="inbox", fallback_date=now)
        out[uid] = Unmarked(
            provider_id(uidvalidity, uid),
            message.message_id,
            message.subject,
            tuple(a.email for a in message.to),
            text=message.body,
        )
    return out


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
        "refs": [[r.key, r.provider_id, r.message_id or "", r.marker_lost] for r in refs],
    }


def memo_refs(memo: Any, now: FolderState, known: Sequence[DraftRef]) -> list[DraftRef] | None:
    """The remembered listing when the folder provably holds the same messages and the
    ledger knows each draft where that listing found it (so each is unchanged since the
    ledger's ref: ``text`` None), else None."""
    if not isinstance(memo, dict):
        return None
    then = FolderState.load(memo.get("state"))
    if then is None or not then.unchanged(now):
        return None
    try:
        refs = [
            DraftRef(str(k), str(p), str(m) or None, marker_lost=bool(lost))
            for k, p, m, lost in memo.get("refs", [])
        ]
    except (TypeError, ValueError):
        return None
    listed = {(ref.key, ref.provider_id) for ref in refs}
    if any((ref.key, ref.provider_id) not in listed for ref in known):
        return None  # the ledger knows a draft elsewhere, or one that listing did not find
    return refs
