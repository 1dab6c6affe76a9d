"""Mail and configs for superset tests (a pre-filter or a server search must never rule out
what the full matcher keeps): the corpora's raw mail, and for a message the configs whose
program claims it, one way each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from agent.config import Config, parse
from connectors.base import MailMessage
from tests.support.scenario import mail

ROOT = Path(__file__).resolve().parents[2]
ME = "jordan.rivera@med.example.edu"
WHEN = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def config_with(program: dict[str, object] | None = None) -> Config:
    applicant = {
        "name": "Jordan Rivera",
        "email": ME,
        "phone": "555",
        "specialty": "Internal Medicine",
        "timezone": "America/New_York",
    }
    accounts = [{"name": "box", "provider": "maildir", "path": "/nonexistent"}]
    return parse(
        {"applicant": applicant, "accounts": accounts, "programs": [program] if program else []}
    )


def _safe(program: dict[str, object]) -> Config | None:
    try:
        return config_with(program)
    except Exception:  # a derived term the config refuses (not a domain, not an address)
        return None


def derived_configs(message: MailMessage) -> Iterator[Config]:
    """Configs whose program claims this message, one way each: the sender's domain, the
    sender or a recipient as an interviewer, words of the subject as a name or an alias."""
    builds: list[dict[str, object]] = []
    if message.sender and "@" in message.sender.email:
        builds.append({"name": "By Domain", "domains": [message.sender.email.rpartition("@")[2]]})
        builds.append(
            {"name": "By Sender", "interviewers": [{"name": "X", "email": message.sender.email}]}
        )
    for person in (*message.to, *message.cc)[:5]:
        if person.email != ME and "@" in person.email:
            domain = person.email.rpartition("@")[2]
            builds.append(
                {"name": "By Person", "interviewers": [{"name": "Y", "email": person.email}]}
            )
            builds.append({"name": "By Their Domain", "domains": [domain]})
    words = message.subject.split()
    for start, size in ((0, 3), (len(words) // 2, 2), (max(len(words) - 1, 0), 1)):
        name = " ".join(words[start : start + size])
        if name:
            builds.append({"name": f"Named {start}", "aliases": [name]})
    if message.subject.strip():
        builds.append({"name": message.subject.strip()[:200]})
    for build in builds:
        config = _safe(build)
        if config is not None:
            yield config


def corpus_raw() -> Iterator[bytes]:
    for path in [
        *sorted((ROOT / "tests" / "corpus").glob("*.json")),
        ROOT.parent / "shared" / "corpus" / "mail-facts.json",
    ]:
        if not path.exists():
            continue
        for item in json.loads(path.read_text()):
            if item.get("raw"):
                yield item["raw"].encode("utf-8", "surrogateescape")
            for msg in item.get("messages", []) if isinstance(item.get("messages"), list) else []:
                if isinstance(msg, dict) and msg.get("raw"):
                    yield msg["raw"].encode("utf-8", "surrogateescape")
            if item.get("text"):
                first = item["text"].strip().splitlines()[0][:120]
                yield mail(subject=first, body=item["text"], date=WHEN)
