"""Recognising the agent's drafts after a mail client dropped their marker header.

A client that rewrites a draft when the user edits it may keep every header but the
agent's ``X-`` marker. Such a draft is still the agent's: it keeps its Message-ID (which the
agent made deterministic), or at least its thread, subject and recipient.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from connectors.base import DraftRef
from connectors.mime import REPLY_PREFIX


@dataclass(frozen=True, slots=True)
class Unmarked:
    """A draft in the Drafts folder without the agent's marker: perhaps one of its own."""

    provider_id: str
    message_id: str | None
    subject: str
    to: tuple[str, ...]  # lower-case addresses
    thread: str | None = None  # the provider's thread (Gmail threadId, Graph conversationId)
    text: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def same_subject(a: str, b: str) -> bool:
    """Subjects equal once reply prefixes, case and runs of white space are set aside."""
    return _plain_subject(a) == _plain_subject(b)


def _plain_subject(subject: str) -> str:
    return " ".join(REPLY_PREFIX.sub("", subject).split()).casefold()


def same_draft_text(a: str, b: str) -> bool:
    """Two renderings of a draft say the same words: providers re-wrap lines, turn HTML
    into text with their own spacing and swap non-breaking spaces for spaces."""
    return a.split() == b.split()


def words_digest(text: str) -> str:
    """A digest that two renderings of the same draft share (see ``same_draft_text``)."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:24]


def missing(known: Sequence[DraftRef], found: Iterable[DraftRef]) -> list[DraftRef]:
    """The known drafts not found by their marker."""
    keys = {ref.key for ref in found}
    return [ref for ref in known if ref.key not in keys]


def recognise(
    lost: Sequence[DraftRef], unmarked: Sequence[Unmarked], thread_key: str | None = None
) -> list[DraftRef]:
    """The drafts among ``unmarked`` that are the ``lost`` ones: by Message-ID first, then
    by thread (when both sides know it, under ``extra[thread_key]``), subject and every
    recipient the agent wrote to. Each unmarked draft is claimed at most once."""
    claimed: dict[str, tuple[DraftRef, Unmarked]] = {}
    taken: set[str] = set()
    for ref in lost:
        match = next(
            (u for u in unmarked if ref.message_id and u.message_id == ref.message_id), None
        )
        if match is not None and match.provider_id not in taken:
            claimed[ref.key] = (ref, match)
            taken.add(match.provider_id)
    for ref in lost:
        if ref.key in claimed or not ref.subject or not ref.to:
            continue
        thread = ref.extra.get(thread_key) if thread_key else None
        match = next(
            (
                u
                for u in unmarked
                if u.provider_id not in taken
                and same_subject(u.subject, ref.subject)
                and set(ref.to) <= set(u.to)
                and not (thread and u.thread and u.thread != thread)
            ),
            None,
        )
        if match is not None:
            claimed[ref.key] = (ref, match)
            taken.add(match.provider_id)
    return [_found(ref, u) for ref, u in claimed.values()]


def _found(ref: DraftRef, draft: Unmarked) -> DraftRef:
    return DraftRef(
        ref.key,
        draft.provider_id,
        draft.message_id,
        draft.extra,
        text=draft.text,
        subject=draft.subject,
        to=draft.to,
        marker_lost=True,
    )
