"""Program mail as the store keeps it: one row of the ``messages`` table per message, its
addresses as JSON, with a digest of its columns; and back, the digest on the message."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from connectors.base import Address, MailMessage

Row = tuple[object, ...]

# The columns a message is read back from, in the order ``Decoder`` takes them (the digest
# after them).
COLUMNS = (
    "account, id, folder, message_id, subject, sender, recipients, date, in_reply_to, refs, "
    "thread_hint, body"
)
_MESSAGE = slice(1, 12)  # the columns a message is made of: all but the account and digest


def row(account: str, m: MailMessage) -> Row:
    """The ``messages`` row of ``m``, columns in the table's order."""
    columns = (
        account,
        m.id,
        m.folder,
        m.message_id,
        m.subject,
        json.dumps([m.sender.name, m.sender.email]) if m.sender else None,
        json.dumps({"to": _pairs(m.to), "cc": _pairs(m.cc)}),
        m.date.astimezone(UTC).isoformat(),
        m.in_reply_to,
        " ".join(m.references),
        m.thread_hint,
        m.body,
    )
    return (*columns, digest(columns))


def digest(r: Sequence[Any]) -> str:
    """A digest of the columns a message is read back from (``r`` in ``COLUMNS`` order): the
    message is made from them alone, so the same digest means the same message."""
    return "row:" + hashlib.sha256(repr(tuple(r[_MESSAGE])).encode()).hexdigest()[:32]


def keep(db: sqlite3.Connection, account: str, messages: Sequence[MailMessage]) -> None:
    """The messages' rows, added or updated in place (a row updated gets a new digest)."""
    db.executemany(
        """INSERT INTO messages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
           ON CONFLICT (account, id) DO UPDATE SET
             folder = excluded.folder, thread_hint = excluded.thread_hint,
             body = COALESCE(excluded.body, messages.body), digest = NULL""",
        [row(account, m) for m in messages],
    )
    # Rows updated in place, and rows kept before digests were.
    rows = db.execute(f"SELECT rowid, {COLUMNS} FROM messages WHERE digest IS NULL").fetchall()
    db.executemany(
        "UPDATE messages SET digest = ? WHERE rowid = ?", [(digest(r[1:]), r[0]) for r in rows]
    )


def by_account(rows: Iterable[Sequence[Any]]) -> dict[str, list[MailMessage]]:
    """Messages from their rows (``COLUMNS`` and the digest), by account, oldest first."""
    out: dict[str, list[MailMessage]] = {}
    decode = Decoder()
    # Sorted here, ties in the order given: SQLite's sort copied every row, bodies and all.
    # The date as stored (UTC, ISO) sorts as the dates do.
    for r in sorted(rows, key=itemgetter(7)):
        out.setdefault(r[0], []).append(decode(r))
    return out


def _pairs(value: Sequence[Address]) -> list[list[str]]:
    return [[a.name, a.email] for a in value]


class Decoder:
    """Rows back into messages. The same few senders and recipient lists recur in a
    season's mail: each is decoded once per read, and the messages share the result."""

    def __init__(self) -> None:
        self._senders: dict[str, Address] = {}
        self._recipients: dict[str, tuple[tuple[Address, ...], tuple[Address, ...]]] = {}

    def __call__(self, r: Sequence[Any]) -> MailMessage:
        """``r``: the row's ``COLUMNS`` and its digest, if it has one."""
        to, cc = self._people(r[6])
        message = MailMessage(
            r[1],
            r[2],
            r[3],
            r[4],
            self._sender(r[5]),
            to,
            cc,
            datetime.fromisoformat(r[7]),
            r[8],
            tuple(r[9].split()),
            r[10],
            r[11],
        )
        object.__setattr__(message, "digest", r[12] or digest(r))  # frozen: set once, here
        return message

    def _sender(self, text: str | None) -> Address | None:
        if not text:
            return None
        known = self._senders.get(text)
        if known is None:
            known = self._senders[text] = Address(*json.loads(text))
        return known

    def _people(self, text: str) -> tuple[tuple[Address, ...], tuple[Address, ...]]:
        known = self._recipients.get(text)
        if known is None:
            people = json.loads(text)
            known = (
                tuple(Address(*a) for a in people["to"]),
                tuple(Address(*a) for a in people["cc"]),
            )
            self._recipients[text] = known
        return known
