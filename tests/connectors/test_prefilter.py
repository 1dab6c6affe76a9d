"""The raw-header pre-filter never rules out mail the full matcher keeps (a superset), on the
hostile corpus, the real-corpus suites' raw mail, mail built from their texts and mail
generated to trip it; and it does rule out ordinary mail."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agent.engine.newcomers import candidate
from agent.engine.prefilter import pull_filter
from agent.facts.matching import Matcher
from connectors.base import Folder, MailMessage, PullRequest
from connectors.maildir import HEAD_BYTES, MaildirAccount, MaildirConnector
from connectors.mime import parse_message
from tests.support import hostile
from tests.support.mailbox import Maildir
from tests.support.scenario import mail
from tests.support.superset import WHEN, config_with, corpus_raw, derived_configs

# Mail built to trip a byte search: encoded words, folds, comments, quoting, case, 8-bit.
TRICKY = [
    b"From: Ana <ana@lakesidemed.org>\nTo: jordan.rivera@med.example.edu\nSubject: Hello\n\nx",
    b"From: =?utf-8?q?Ana_L=C3=B3pez?= <ana@example.net>\nSubject: "
    b"=?utf-8?q?Harbor_City_Hospital_interview?=\n\nx",
    b"From: a@example.net\nSubject: Your Harbor City\n Hospital interview\n\nx",
    b"From: a@example.net\nSubject: Harbor\tCity\x0bHospital day\n\nx",
    b"From: Ana <ana@(office)lakesidemed.org>\nSubject: hi\n\nx",
    b"From: Ana <ana@lakesidemed . org>\nSubject: hi\n\nx",
    b'From: "pn.atarajan"@LakesideMed.ORG\nSubject: hi\n\nx',
    b'From: "Mercy Hosp\\ital" <gme@mercy.example>\nSubject: Interview day\n\nx',
    b"From: Ana <ana@example.net>\nSubject: H\xc3\xb4pital Saint-Luc entrevue\n\nx",
    b"From: Ana <ana@example.net>\rSubject: Harbor City Hospital\r\rbody",
    b"From: Thalamus <noreply@THALAMUSGME.com>\nSubject: Update\n\nx",
    b"From: x@example.net\nTo: Dr. P <pnatarajan@lakesidemed.org>\nSubject: Re: thanks\n\nx",
    b"Subject: no sender at all, Lakeside IM\n\nx",
    b"From: jordan.rivera@med.example.edu\nTo: gme@riverside.example.org\nSubject: Question\n\nx",
    b"From: Residency Office <gme@riverside.example.org>\nSubject: Visit day schedule\n\nx",
]


def _messages() -> Iterator[tuple[bytes, Folder]]:
    for raw in hostile.corpus(120, seed=17, huge=1):
        yield raw, "inbox"
    for raw in corpus_raw():
        yield raw, "inbox"
    for raw in TRICKY:
        yield raw, "inbox"
        yield raw, "sent"


def _parsed(raw: bytes, folder: Folder) -> MailMessage:
    return parse_message(
        raw[:HEAD_BYTES], id="x", folder=folder, fallback_date=WHEN, with_body=False
    )


def test_the_prefilter_is_a_superset_of_the_full_matcher() -> None:
    checked = missed = 0
    failures: list[str] = []
    for raw, folder in _messages():
        message = _parsed(raw, folder)
        head = raw[:HEAD_BYTES]
        configs = [config_with(), *derived_configs(message)]
        for config in configs:
            matcher = Matcher(config)
            # What a sync pass wants a body of (engine/sync.py): program mail, and mail that
            # may come from a program not in the config.
            wanted = matcher.is_program_mail(message) or candidate(config)(message)
            if not wanted:
                continue
            checked += 1
            if not pull_filter(matcher)(head, folder):
                missed += 1
                failures.append(
                    f"{message.subject[:60]!r} from {message.sender} by {config.programs}"
                )
    assert checked > 500  # the derived configs do claim the mail
    assert missed == 0, "\n".join(failures[:10])


LAKESIDE = {
    "name": "Lakeside Medical Center Internal Medicine Residency",
    "aliases": ["Lakeside IM"],
    "domains": ["lakesidemed.org"],
    "interviewers": [{"name": "Dr. P", "email": "pnatarajan@lakesidemed.org"}],
}


@pytest.mark.parametrize(
    "raw",
    [
        b"From: Ana <ana@lakesidemed.org>\nSubject: Hello\n\nx",
        b"From: Ana <ana@mail.LAKESIDEMED.org>\nSubject: Hello\n\nx",
        b"From: Bob <bob@example.net>\nSubject: about Lakeside\n  IM, again\n\nx",
        b"From: Bob <bob@example.net>\nCc: pnatarajan@lakesidemed.org\nSubject: x\n\nx",
        b"From: Bob <bob@example.net>\nSubject: =?utf-8?b?TGFrZXNpZGUgSU0=?=\n\nx",
        b"From: Thalamus <no-reply@thalamusgme.com>\nSubject: Reminder\n\nx",
    ],
)
def test_program_mail_passes(raw: bytes) -> None:
    assert pull_filter(Matcher(config_with(LAKESIDE)))(raw, "inbox")


@pytest.mark.parametrize(
    "raw",
    [
        b"From: Shop <deals@shop.example.com>\nTo: jordan.rivera@med.example.edu\n"
        b"Subject: 20% off this week\n\nLakeside IM interview program residency",
        b"From: Person 7 <person7@list7.example.com>\nSubject: Newsletter 7\n\nx",
        b"From: Friend <friend@gmail.com>\nSubject: Dinner Friday?\n\n=?utf-8?q?x?=",
    ],
)
def test_ordinary_mail_is_ruled_out_from_its_headers_alone(raw: bytes) -> None:
    # The body's words never count: only the header block is searched.
    assert not pull_filter(Matcher(config_with(LAKESIDE)))(raw, "inbox")


def _box(tmp_path: Path) -> tuple[Maildir, MaildirConnector]:
    box = Maildir(tmp_path / "mail")
    account = MaildirAccount(name="box", provider="maildir", path=box.root)
    return box, MaildirConnector(account, tmp_path / "state")


def test_maildir_parses_only_what_passes_and_stats_what_came_before_the_season(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box, connector = _box(tmp_path)
    box.deliver(mail(subject="Interview day", body="See you", date=WHEN), "inbox")
    box.deliver(
        mail(subject="Sale", body="Lakeside IM", sender="deals@shop.example.com", date=WHEN),
        "inbox",
    )
    old = box.deliver(mail(subject="Old news", body="x", date=WHEN), "inbox")
    season = datetime(2026, 9, 1, tzinfo=UTC)
    past = (season - timedelta(days=30)).timestamp()
    os.utime(old, (past, past))
    parsed: list[bytes] = []
    import connectors.maildir as maildir

    real = maildir.parse_message

    def counting(raw: bytes, **kwargs: object) -> MailMessage:
        parsed.append(raw)
        return real(raw, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(maildir, "parse_message", counting)
    opened: list[str] = []
    real_open = open
    monkeypatch.setattr(
        "builtins.open", lambda p, *a, **k: (opened.append(str(p)), real_open(p, *a, **k))[1]
    )
    seen: list[int] = []
    request = PullRequest(
        since=season,
        wants_body=Matcher(config_with(LAKESIDE)).is_program_mail,
        progress=seen.append,
        header_filter=pull_filter(Matcher(config_with(LAKESIDE))),
    )
    pull = connector.pull(None, request)
    assert [m.subject for m in pull.messages] == ["Interview day"]
    assert pull.messages[0].body is not None
    assert len(parsed) == 1  # the program mail's headers, once (its body from the same bytes)
    assert str(old) not in opened
    assert seen[-1] == 3


@pytest.mark.parametrize(
    ("alias", "subject"),
    [
        ("!!!", b"!!! big news"),  # no letter or digit to look for: everything passes
        ("\u017faint Mary", b"Saint Mary interview"),  # the matcher's case-blind long s
        ("\u212aent Valley", b"KENT VALLEY day"),  # Kelvin sign
    ],
)
def test_names_the_bytes_cannot_spell_still_pass(alias: str, subject: str) -> None:
    matcher = Matcher(config_with({"name": "Somewhere", "aliases": [alias]}))
    raw = b"From: x@example.net\nSubject: " + subject + b"\n\nx"
    assert matcher.is_program_mail(_parsed(raw, "inbox"))
    assert pull_filter(matcher)(raw, "inbox")


def test_a_header_block_longer_than_the_first_read_is_parsed_whole(tmp_path: Path) -> None:
    box, connector = _box(tmp_path)
    refs = " ".join(f"<r{i}@x.example>" for i in range(HEAD_BYTES // 12))
    raw = mail(subject="Interview day", body="See you at 8", date=WHEN)
    head, _, body = raw.partition(b"\n\n")
    # Subject and From come after the first read's end: only the whole parse sees them.
    late = b"References: " + refs.encode() + b"\n" + head
    box.deliver(late + b"\n\n" + body, "inbox")
    request = PullRequest(
        since=None,
        wants_body=Matcher(config_with(LAKESIDE)).is_program_mail,
        header_filter=pull_filter(Matcher(config_with(LAKESIDE))),
    )
    (message,) = connector.pull(None, request).messages
    assert message.subject == "Interview day"
    assert message.body is not None and "See you at 8" in message.body


def test_a_domain_passes_by_all_its_labels_not_a_generic_one() -> None:
    keep = pull_filter(Matcher(config_with({"name": "Seventh", "domains": ["list7.example.com"]})))
    assert keep(b"From: A <a@list7.example.com>\nSubject: hi\n\nx", "inbox")
    assert keep(b"From: A <a@mail.LIST7.example.com>\nSubject: hi\n\nx", "inbox")
    assert not keep(b"From: B <b@list8.example.com>\nSubject: hi\n\nx", "inbox")
    assert not keep(b"From: C <c@example.com>\nSubject: list seven\n\nx", "inbox")
