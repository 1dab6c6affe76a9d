"""Rebuild conversations from headers: Message-ID, In-Reply-To, References, the provider's
own thread id, and the subject as a last resort."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from connectors.base import MailMessage
from connectors.mime import REPLY_PREFIX


@lru_cache(maxsize=4096)
def base_subject(subject: str) -> str:
    """The subject without Re:/Fwd: prefixes, folded for comparison (a thread's messages,
    and a program's many letters, share their subject: each is folded once)."""
    return " ".join(REPLY_PREFIX.sub("", subject).split()).casefold()


def is_reply_subject(subject: str) -> bool:
    return bool(REPLY_PREFIX.match(subject))


@dataclass
class Thread:
    account: str
    messages: list[MailMessage] = field(default_factory=list)  # oldest first

    @property
    def subject(self) -> str:
        return self.messages[0].subject if self.messages else ""

    @property
    def last(self) -> MailMessage:
        return self.messages[-1]


class _Sets:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:  # path compression keeps large mailboxes linear
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def build_threads(account: str, messages: Iterable[MailMessage]) -> list[Thread]:
    """Group one account's messages into threads, each sorted by date."""
    ordered = sorted(messages, key=lambda m: m.date)
    sets = _Sets()
    for m in ordered:
        node = f"id:{m.message_id}"
        sets.find(node)
        for ref in (m.in_reply_to, *m.references):
            if ref:
                sets.union(node, f"id:{ref}")
        if m.thread_hint:
            sets.union(node, f"hint:{m.thread_hint}")
    # Subject fallback: a reply that carries no link at all joins the latest thread whose
    # subject matches, as mail clients that drop References would expect.
    latest_by_subject: dict[str, str] = {}
    for m in ordered:
        node = f"id:{m.message_id}"
        key = base_subject(m.subject)
        linked = m.in_reply_to or m.references or m.thread_hint
        if key and not linked and is_reply_subject(m.subject) and key in latest_by_subject:
            sets.union(latest_by_subject[key], node)
        if key:
            latest_by_subject[key] = node
    groups: dict[str, Thread] = {}
    for m in ordered:
        root = sets.find(f"id:{m.message_id}")
        thread = groups.get(root)
        if thread is None:  # not a Thread made for each message and dropped
            thread = groups[root] = Thread(account)
        thread.messages.append(m)
    return list(groups.values())
