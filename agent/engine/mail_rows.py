"""Program mail as the store keeps it: one row of the ``messages`` table per message, its
addresses as JSON; and back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from connectors.base import Address, MailMessage

Row = tuple[object, ...]

# The columns a message is read back from, in the order ``Decoder`` takes them.
COLUMNS = (
    "account, id, folder, message_id, subject, sender, recipients, date, in_reply_to, refs, "
    "thread_hint, body"
)


def row(account: str, m: MailMessage) -> Row:
    """The ``messages`` row of ``m``, columns in the table's order."""
    return (
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


def _pairs(value: Sequence[Address]) -> list[list[str]]:
    return [[a.name, a.email] for a in value]


def date_of(r: Sequence[Any]) -> str:
    """A row's date as stored (UTC, ISO): its text sorts as the dates do."""
    text: str = r[7]
    return text


class Decoder:
    """Rows back into messages. The same few senders and recipient lists recur in a
    season's mail: each is decoded once per read, and the messages share the result."""

    def __init__(self) -> None:
        self._senders: dict[str, Address] = {}
        self._recipients: dict[str, tuple[tuple[Address, ...], tuple[Address, ...]]] = {}

    def __call__(self, r: Sequence[Any]) -> MailMessage:
        """``r``: the row's ``COLUMNS``."""
        to, cc = self._people(r[6])
        return MailMessage(
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
