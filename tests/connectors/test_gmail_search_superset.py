"""The first sync's Gmail search never misses mail the full listing would keep: over the
hostile corpus, the corpus suites' raw mail and mail built to trip a search, every message
the matcher keeps for a config (each message read as the connector reads Gmail's metadata)
is found by one of the queries built for that config, as the emulator searches like Gmail.
And the invitations in which discovery finds a program not in the config are found too."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from agent.config import Config
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
from tests.support.superset import ME, WHEN, config_with, corpus_raw, derived_configs

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


@cache
def _listed() -> list[tuple[StoredMessage, MailMessage]]:
    """Every message stored in an emulator, and as a first pass reads it from Gmail's
    metadata (as the connector does)."""
    gmail = GmailEmulator()
    raws = [(raw, "INBOX") for raw in [*hostile.corpus(120, seed=17, huge=1), *corpus_raw()]]
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
        for config in [config_with(), *derived_configs(message)]:
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
    config = config_with()
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
