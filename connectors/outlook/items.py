"""Microsoft Graph message JSON to and from the connector's domain values."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from connectors.addresses import MAX_RECIPIENTS
from connectors.base import Address, DraftRef, Folder, MailMessage, OutgoingDraft
from connectors.draft_match import Unmarked
from connectors.mime import (
    MAX_BODY_CHARS,
    clean_header_text,
    html_to_text,
    message_ids,
    text_to_html,
)

# The agent's marker: a named String MAPI property in a GUID namespace of our own.
MARKER_PROPERTY = "String {6d1c0a52-93b4-4f7e-9a0c-3e5f0c2b7a41} Name ResidencyAgentKey"


def path_segment(graph_id: Any) -> str:
    """A Graph id as one path segment."""
    return quote(str(graph_id), safe="=-_")


def iso_utc(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _address(value: Any) -> Address | None:
    email = value.get("emailAddress") if isinstance(value, dict) else None
    if not isinstance(email, dict):
        return None
    addr = clean_header_text(str(email.get("address") or "")).lower()
    if "@" not in addr or " " in addr:
        return None
    return Address(clean_header_text(str(email.get("name") or "")).strip('"'), addr)


def _addresses(values: Any) -> tuple[Address, ...]:
    if not isinstance(values, list):
        return ()
    found = (_address(v) for v in values[:MAX_RECIPIENTS])
    return tuple(a for a in found if a is not None)


def normalize(item: dict[str, Any], folder: Folder) -> MailMessage | None:
    """A Graph message as a ``MailMessage`` (without body). Never raises on odd data."""
    graph_id = item.get("id")
    if not isinstance(graph_id, str) or not graph_id:
        return None
    date = _parse_time(item.get("sentDateTime")) or _parse_time(item.get("receivedDateTime"))
    message_id = next(iter(message_ids(str(item.get("internetMessageId") or ""))), "")
    if not message_id:
        message_id = f"<{hashlib.sha1(graph_id.encode()).hexdigest()[:24]}@missing-id.invalid>"
    conversation = item.get("conversationId")
    return MailMessage(
        id=graph_id,
        folder=folder,
        message_id=message_id,
        subject=clean_header_text(str(item.get("subject") or "")),
        sender=_address(item.get("from")),
        to=_addresses(item.get("toRecipients")),
        cc=_addresses(item.get("ccRecipients")),
        date=date or datetime.now(UTC),
        thread_hint=str(conversation) if conversation else None,
    )


def _recipients(addresses: Sequence[Address]) -> list[dict[str, Any]]:
    return [
        {"emailAddress": {"name": clean_header_text(a.name), "address": clean_header_text(a.email)}}
        for a in addresses
    ]


def draft_content(draft: OutgoingDraft) -> dict[str, Any]:
    """What the agent writes into a draft: subject, recipients, body, Message-ID, marker."""
    return {
        "subject": clean_header_text(draft.subject),
        "toRecipients": _recipients(draft.to),
        "body": {"contentType": "html", "content": draft.html or text_to_html(draft.text)},
        "internetMessageId": draft.message_id,
        "singleValueExtendedProperties": [{"id": MARKER_PROPERTY, "value": draft.key}],
    }


def marker_of(item: dict[str, Any]) -> str | None:
    for prop in item.get("singleValueExtendedProperties") or []:
        if isinstance(prop, dict) and str(prop.get("id", "")).lower() == MARKER_PROPERTY.lower():
            value = prop.get("value")
            return str(value) if value else None
    return None


def draft_ref(key: str, item: dict[str, Any], *, with_text: bool = True) -> DraftRef:
    """A draft as listed (``$select`` of ``DRAFT_SELECT``, body as text)."""
    found = unmarked(item)
    return DraftRef(
        key,
        found.provider_id,
        found.message_id,
        found.extra,
        text=found.text if with_text else None,
        subject=found.subject,
        to=found.to,
    )


# What a listing of drafts selects: enough to say what each says and to recognise one.
DRAFT_SELECT = "id,internetMessageId,conversationId,subject,toRecipients,body"


def unmarked(item: dict[str, Any]) -> Unmarked:
    conversation = str(item["conversationId"]) if item.get("conversationId") else None
    extra = {"conversationId": conversation} if conversation else {}
    mid = next(iter(message_ids(str(item.get("internetMessageId") or ""))), None)
    return Unmarked(
        str(item["id"]),
        mid,
        clean_header_text(str(item.get("subject") or "")),
        tuple(a.email for a in _addresses(item.get("toRecipients"))),
        conversation,
        _body_text(item.get("body")),
        extra,
    )


def _body_text(body: Any) -> str | None:
    if not isinstance(body, dict) or "content" not in body:
        return None
    content = str(body.get("content") or "")
    if str(body.get("contentType", "text")).lower() == "html":
        content = html_to_text(content)
    return content.replace("\r\n", "\n")[:MAX_BODY_CHARS]
