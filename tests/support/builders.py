"""One builder for the applicant, the programs and in-memory mail, for tests that call the
pure core directly (the end-to-end tests write the same applicant as TOML: scenario.py)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time
from typing import Any

import tomlkit

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


NATARAJAN = {
    "name": "Dr. Priya Natarajan",
    "email": "pnatarajan@lakesidemed.org",
    "notes": "her QI project on sepsis bundles",
}
CHEN = {"name": "Dr. Marcus Chen", "email": "mchen@lakesidemed.org"}


def lakeside(day: date = date(2026, 10, 5), *people: dict[str, Any], **keys: Any) -> dict[str, Any]:
    """The test applicant's usual program: interviewed 8:00-13:00 Central on ``day`` by
    ``people`` (Dr. Natarajan, with a note, and Dr. Chen, without)."""
    start = datetime.combine(day, time(8))
    base = {
        "interview": start,
        "interview_end": start.replace(hour=13),
        "notes": "resident-run free clinic",
        "interviewers": list(people) or [NATARAJAN, CHEN],
    }
    return program(**{**base, **keys})


def programs_toml(*programs: dict[str, Any]) -> str:
    """``[[programs]]`` tables as a config file writes them."""
    return "\n" + tomlkit.dumps({"programs": list(programs)})


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
