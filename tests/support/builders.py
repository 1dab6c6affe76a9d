"""One builder for the applicant, the programs and in-memory mail, for tests that call the
pure core directly (the end-to-end tests write the same applicant as TOML: scenario.py)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from agent import config as config_mod
from connectors.base import Address, MailMessage

ME = "jordan.rivera@med.example.edu"
LAKESIDE = "Lakeside Medical Center Internal Medicine Residency"
_ids = itertools.count(1)


def program(name: str = LAKESIDE, **keys: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": name,
        "aliases": ["Lakeside IM"] if name == LAKESIDE else [],
        "domains": ["lakesidemed.org"] if name == LAKESIDE else [],
        "timezone": "America/Chicago",
    }
    return {**base, **keys}


def config(*programs: dict[str, Any], **sections: Any) -> config_mod.Config:
    """A validated config: the test applicant, one Maildir account, and these programs."""
    raw: dict[str, Any] = {
        "applicant": {"name": "Jordan Rivera", "email": ME, "timezone": "America/New_York"},
        "accounts": [{"name": "a", "provider": "maildir", "path": "/nonexistent/mail"}],
        "programs": list(programs) or [program()],
        **sections,
    }
    return config_mod.parse(raw)


def message(
    sender: str = "alopez@lakesidemed.org",
    to: str = ME,
    subject: str = "Hello",
    body: str = "",
    date: datetime = datetime(2026, 9, 20, 12, tzinfo=UTC),
    folder: str = "inbox",
    sender_name: str = "",
    **keys: Any,
) -> MailMessage:
    n = next(_ids)
    return MailMessage(
        id=f"m{n}",
        folder=folder,  # type: ignore[arg-type]
        message_id=keys.pop("message_id", f"<m{n}@test.example>"),
        subject=subject,
        sender=Address(sender_name, sender),
        to=(Address("", to),),
        cc=(),
        date=date,
        body=body,
        **keys,
    )
