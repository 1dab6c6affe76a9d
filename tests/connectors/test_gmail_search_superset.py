"""The first sync's Gmail search never misses mail the full listing would keep: over the
hostile corpus, the corpus suites' raw mail and mail built to trip a search, every message
the matcher keeps for a config (each message read as the connector reads Gmail's metadata)
is found by one of the queries built for that config, as the emulator searches like Gmail.
And the invitations in which discovery finds a program not in the config are found too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from agent.config import Config, parse
from agent.engine.pull_search import search_terms
from agent.facts import program_names as N
from agent.facts.discovery import from_applicant
from agent.facts.matching import Matcher, is_platform
from connectors.base import MailMessage
from connectors.gmail.connector import HEADERS, _header_message
from connectors.gmail.search import narrowed_queries
from tests.support import hostile
from tests.support.emulators.gmail import GmailEmulator, StoredMessage
from tests.support.emulators.gmail_query import query
from tests.support.scenario import mail

ROOT = Path(__file__).resolve().parents[2]
ME = "jordan.rivera@med.example.edu"
WHEN = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SINCE = datetime(2026, 9, 1, tzinfo=UTC)

# Mail built to trip a search: encoded words, folds, comments, quoting, case, punctuation.
TRICKY = [
    b"From: Ana <ana@lakesidemed.org>\nTo: jordan.rivera@med.example.edu\nSubject: Hello\n\nx",
    b"From: =?utf-8?q?Ana_L=C3=B3pez?= <ana@example.net>\nSubject: "
    b"=?utf-8?q?Harbor_City_Hospital_interview?=\n\nx",
    b"From: a@example.net\nSubject: Your Harbor City\n Hospital interview\n\nx",
    b"From: a@example.net\nSubject: Harbor\tCity Hospital day\n\nx",
    b"From: Ana <ana@(office)lakesidemed.org>\nSubject: hi\n\nx",
    b'From: "pn.atarajan"@LakesideMed.ORG\nSubject: hi\n\nx',
    b'From: "Mercy Hosp\\ital" <gme@mercy.example>\nSubject: Interview day\n\nx',
    b"From: Ana <ana@example.net>\nSubject: H\xc3\xb4pital Saint-Luc entrevue\n\nx",
    b"From: Thalamus <noreply@THALAMUSGME.com>\nSubject: Update\n\nx",
    b"From: x@example.net\nTo: Dr. P <pnatarajan@lakesidemed.org>\nSubject: Re: thanks\n\nx",
    b"From: x@example.net\nCc: a@b.example, Dr. P <pn@IM.lakesidemed.org>\nSubject: x\n\nx",
    b"Subject: no sender at all, Lakeside IM\n\nx",
    b"From: jordan.rivera@med.example.edu\nTo: gme@riverside.example.org\nSubject: Question\n\nx",
    b"From: Residency Office <gme@riverside.example.org>\nSubject: Visit day schedule\n\nx",
    b"From: a@example.net\nSubject: Re: Fwd: St. Mary's (IM) -- itinerary\n\nx",
    b"From: a@example.net\nSubject: [Lakeside IM]Interview\n\nx",
    b"From: a@example.net\nSubject: Invitation_to_interview\n\nx",
]


def _config(program: dict[str, object] | None = None) -> Config:
    applicant = {
        "name": "Jordan Rivera",
        "email": ME,
        "phone": "555",
        "specialty": "Internal Medicine",
        "timezone": "America/New_York",
    }
    accounts = [{"name": "box", "provider": "gmail", "client_secrets_file": "x"}]
    return parse(
        {"applicant": applicant, "accounts": accounts, "programs": [program] if program else []}
    )


def _safe(program: dict[str, object]) -> Config | None:
    try:
        return _config(program)
    except Exception:  # a derived term the config refuses (not a domain, not an address)
        return None


def _derived(message: MailMessage) -> Iterator[Config]:
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


def _corpus_raw() -> Iterator[bytes]:
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


@cache
def _listed() -> list[tuple[StoredMessage, MailMessage]]:
    """Every message stored in an emulator, and as a first pass reads it from Gmail's
    metadata (as the connector does)."""
    gmail = GmailEmulator()
    raws = [(raw, "INBOX") for raw in [*hostile.corpus(120, seed=17, huge=1), *_corpus_raw()]]
    raws += [(raw, folder) for raw in TRICKY for folder in ("INBOX", "SENT")]
    out = []
    for raw, folder in raws:
        stored = gmail.messages[gmail.deliver(raw, [folder], WHEN)]
        header = _header_message(stored.id, stored.resource("metadata", HEADERS))
        if header is not None:
            out.append((stored, header[0]))
    return out


def _found(config: Config, stored: StoredMessage) -> bool:
    queries = narrowed_queries(search_terms(Matcher(config)), SINCE)
    return not queries or any(query(q)(stored) for q in queries)


def test_the_search_is_a_superset_of_the_full_matcher() -> None:
    checked = 0
    missed: list[str] = []
    for stored, message in _listed():
        for config in [_config(), *_derived(message)]:
            if not Matcher(config).is_program_mail(message):
                continue
            checked += 1
            if not _found(config, stored):
                missed.append(
                    f"{message.subject[:60]!r} from {message.sender} by {config.programs}"
                )
    assert checked > 500  # the derived configs do claim the mail
    assert missed == [], "\n".join(missed[:10])


def test_the_search_finds_the_mail_discovery_finds_a_program_in() -> None:
    """Platform mail, and an invitation or itinerary in the subject (discovery's mark of a
    program's own mail), whatever the config."""
    checked = 0
    missed: list[str] = []
    config = _config()
    for stored, message in _listed():
        if message.sender is None or from_applicant(message, frozenset({ME})):
            continue
        platform = is_platform(message.sender.email)
        if not (platform or N.INTERVIEW_SUBJECT.search(message.subject)):
            continue
        checked += 1
        if not _found(config, stored):
            missed.append(f"{message.subject[:60]!r} from {message.sender}")
    assert checked > 50
    assert missed == [], "\n".join(missed[:10])
