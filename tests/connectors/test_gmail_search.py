"""A Gmail first sync narrowed by a search built from the config: through the real client
against the emulator, it reads every message the full listing would keep for the config's
programs and asks for far fewer; it lists everything when there is nothing to narrow by;
long configs split the search; new mail the search could not see arrives by the history."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agent.config import Config, parse
from agent.engine.pull_search import search_terms, subject_words
from agent.facts import program_names as N
from agent.facts.matching import Matcher
from connectors.base import PullRequest, SearchTerms
from connectors.gmail.connector import GmailAccount, GmailConnector
from connectors.gmail.search import QUERY_LIMIT, base_query, listing_queries, narrowed_queries
from connectors.retry import RetryPolicy
from tests.support.emulators.gmail import GmailEmulator
from tests.support.emulators.gmail_query import QueryError, query
from tests.support.scenario import LAKESIDE, Applicant, mail

ME = "jordan.rivera@med.example.edu"
SINCE = datetime(2026, 9, 1, tzinfo=UTC)
WHEN = datetime(2026, 10, 2, 9, tzinfo=UTC)
HARBOR = {
    "name": "Harbor City Hospital Internal Medicine",
    "aliases": ["Harbor City IM"],
    "domains": ["harborcity.org"],
    "interviewers": [
        {"name": "Dr. Okafor", "email": "okafor@harborcity.org"},
        {"name": "Dr. Wells", "email": "t.wells.md@gmail.com"},  # a private address
    ],
}
SUMMIT = {"name": "Summit Valley Family Medicine", "domains": ["summitvalley.edu"]}


def config(*programs: dict[str, object]) -> Config:
    return parse(
        {
            "applicant": {
                "name": "Jordan Rivera",
                "email": ME,
                "phone": "555",
                "specialty": "Internal Medicine",
                "timezone": "America/New_York",
            },
            "accounts": [{"name": "school", "provider": "gmail", "client_secrets_file": "x"}],
            "programs": list(programs),
        }
    )


@pytest.fixture
def emulator() -> Iterator[GmailEmulator]:
    emu = GmailEmulator()
    emu.start()
    yield emu
    emu.stop()


def connector(emulator: GmailEmulator, state: Path) -> GmailConnector:
    (state / "tokens").mkdir(parents=True, exist_ok=True, mode=0o700)
    token = {
        "token": "ya29.emulator-valid",
        "refresh_token": "1//emulator-refresh",
        "token_uri": emulator.url + "token",
        "client_id": "emulator.apps.googleusercontent.com",
        "client_secret": "x",
        "expiry": "2099-01-01T00:00:00Z",
    }
    (state / "tokens" / "school.json").write_text(json.dumps(token))
    account = GmailAccount(
        name="school", provider="gmail", client_secrets_file=state / "x", api_endpoint=emulator.url
    )
    return GmailConnector(account, state, retry=RetryPolicy(sleep=lambda s: None))


def request(matcher: Matcher, search: SearchTerms | None) -> PullRequest:
    return PullRequest(since=SINCE, wants_body=matcher.is_program_mail, search=search)


def deliver(emulator: GmailEmulator, sender: str, subject: str, **kw: str) -> None:
    folder, cc = kw.pop("folder", "inbox"), kw.pop("cc", None)
    raw = mail(subject=subject, body=kw.pop("body", "Hello."), sender=sender, date=WHEN, **kw)
    if cc:
        raw = raw.replace(b"\nSubject:", f"\nCc: {cc}\nSubject:".encode(), 1)
    emulator.deliver(raw, ["SENT"] if folder == "sent" else ["INBOX"])


PROGRAM_MAIL = [  # (sender, subject, extra): each kept by the matcher for HARBOR or SUMMIT
    ("Ana <ana@harborcity.org>", "Hello", {}),
    ("Ana <ana@IM.HarborCity.org>", "A subdomain, upper case", {}),
    ("T Wells <t.wells.md@gmail.com>", "From an interviewer's own address", {}),
    ("Friend <friend@example.net>", "Copied", {"cc": f"{ME}, Bob <bob@summitvalley.edu>"}),
    ("Friend <friend@example.net>", "Sent on", {"to": f"{ME}, okafor@harborcity.org"}),
    ("Thalamus <no-reply@thalamusgme.com>", "Your schedule is ready", {}),
    ("Interview Broker <x@interviewbroker.com>", "Reminder", {}),
    ("Bulk <news@example.org>", "About Harbor City IM, again", {}),
    ("Someone <a@example.org>", "re: HARBOR CITY IM's day", {}),
    ("Someone <a@example.org>", "=?utf-8?q?Summit_Valley_Family_Medicine?= update", {}),
    (ME, "My question", {"to": "Ana <ana@harborcity.org>", "folder": "sent"}),
]
# An unlisted program's invitation: the search for programs not in the config needs it.
NEWCOMER = ("Kestrel GME <gme@kestrel.edu>", "Invitation to Interview: Kestrel IM", {})
UNRELATED = [
    ("Shop <deals@harborcityshop.com>", "Harbor deals", {}),
    ("Shop <deals@shop.example>", "HarborCity IM sale", {}),
    ("Friend <friend@example.net>", "Dinner", {"body": "Harbor City IM called about you"}),
    ("Friend <friend@example.net>", "Harbor City", {}),
]


def mailbox(emulator: GmailEmulator, noise: int = 200) -> None:
    for sender, subject, extra in [*PROGRAM_MAIL, NEWCOMER, *UNRELATED]:
        deliver(emulator, sender, subject, **extra)
    for n in range(noise):
        deliver(emulator, f"List {n} <news{n % 7}@list{n % 13}.example.com>", f"Newsletter {n}")


def gets(emulator: GmailEmulator) -> int:
    return len(emulator.calls("messages.get"))


def listed_queries(emulator: GmailEmulator) -> list[str]:
    return [r.query["q"][0] for r in emulator.calls("messages.list")]


def test_the_narrowed_first_sync_keeps_all_the_program_mail_and_reads_far_less(
    emulator: GmailEmulator, tmp_path: Path
) -> None:
    mailbox(emulator)
    matcher = Matcher(config(HARBOR, SUMMIT))
    full = connector(emulator, tmp_path / "a").pull(None, request(matcher, None))
    full_gets = gets(emulator)
    emulator.clear_log()
    narrow = connector(emulator, tmp_path / "b").pull(None, request(matcher, search_terms(matcher)))
    kept = {m.message_id for m in full.messages if matcher.is_program_mail(m)}
    assert len(kept) == len(PROGRAM_MAIL)
    assert {m.message_id for m in narrow.messages if matcher.is_program_mail(m)} == kept
    assert all(m.body for m in narrow.messages if matcher.is_program_mail(m))
    assert NEWCOMER[1] in {m.subject for m in narrow.messages}
    # Metadata of what was listed, bodies of the program mail; before, every message's.
    assert len(narrow.messages) == len(PROGRAM_MAIL) + 1
    assert gets(emulator) == 2 * len(PROGRAM_MAIL) + 1
    assert full_gets == 2 * len(PROGRAM_MAIL) + 1 + len(UNRELATED) + 200
    assert narrow.full and narrow.cursor
    assert all(len(q) <= QUERY_LIMIT for q in listed_queries(emulator))


def test_without_terms_the_first_sync_lists_everything(
    emulator: GmailEmulator, tmp_path: Path
) -> None:
    mailbox(emulator, noise=20)
    matcher = Matcher(config(HARBOR))
    pulled = connector(emulator, tmp_path).pull(None, request(matcher, None))
    assert listed_queries(emulator) == [base_query(SINCE)]
    assert len(pulled.messages) == len(PROGRAM_MAIL) + 1 + len(UNRELATED) + 20


@pytest.mark.parametrize(
    "search",
    [
        SearchTerms(),  # a config with no program and no platform
        SearchTerms(domains=("harborcity.org",), names=("!!!",)),  # no word to look for
        SearchTerms(addresses=("@",)),
    ],
)
def test_terms_that_cannot_narrow_list_everything(
    search: SearchTerms, emulator: GmailEmulator, tmp_path: Path
) -> None:
    assert narrowed_queries(search, SINCE) == []
    assert listing_queries(search, SINCE) == [base_query(SINCE)]
    mailbox(emulator, noise=5)
    matcher = Matcher(config(HARBOR))
    pulled = connector(emulator, tmp_path).pull(None, request(matcher, search))
    assert listed_queries(emulator) == [base_query(SINCE)]
    assert len(pulled.messages) == len(PROGRAM_MAIL) + 1 + len(UNRELATED) + 5


def test_a_long_config_splits_the_search_and_reads_the_union(
    emulator: GmailEmulator, tmp_path: Path
) -> None:
    programs = [
        {"name": f"Program Number {n} Residency", "domains": [f"program-number-{n}.org"]}
        for n in range(120)
    ]
    for n in range(0, 120, 7):
        deliver(emulator, f"C <c@im.program-number-{n}.org>", "Hello")
    deliver(emulator, "X <x@example.org>", "Program Number 119 Residency news")
    for n in range(50):
        deliver(emulator, f"List <news@list{n}.example.com>", f"Newsletter {n}")
    matcher = Matcher(config(*programs))
    pulled = connector(emulator, tmp_path).pull(None, request(matcher, search_terms(matcher)))
    queries = listed_queries(emulator)
    assert len(queries) > 3 and all(len(q) <= QUERY_LIMIT for q in queries)
    assert all(q.startswith(base_query(SINCE) + " {") for q in queries)
    kept = [m for m in pulled.messages if matcher.is_program_mail(m)]
    assert len(kept) == len(range(0, 120, 7)) + 1 == len(pulled.messages)
    assert len({m.id for m in pulled.messages}) == len(pulled.messages)


def test_new_mail_the_search_cannot_see_arrives_by_the_history(
    emulator: GmailEmulator, tmp_path: Path
) -> None:
    mailbox(emulator, noise=10)
    matcher = Matcher(config(HARBOR))
    gmail = connector(emulator, tmp_path)
    first = gmail.pull(None, request(matcher, search_terms(matcher)))
    # A message tied to the program only by its body: no first-pass search finds it.
    deliver(emulator, "Friend <friend@example.net>", "Later", body="Harbor City IM says hi")
    deliver(emulator, "Ana <ana@harborcity.org>", "Later from the program")
    emulator.clear_log()
    later = gmail.pull(first.cursor, request(matcher, search_terms(matcher)))
    assert sorted(m.subject for m in later.messages) == ["Later", "Later from the program"]
    assert next(r.api for r in emulator.api_requests()) == "history.list"
    assert emulator.calls("messages.list") == []


def test_a_sync_pass_narrows_its_first_listing(
    emulator: GmailEmulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jordan = Applicant(tmp_path, programs=LAKESIDE)
    account = (
        f'provider = "gmail"\ntoken_command = "echo ya29.emulator-valid"\n'
        f'api_endpoint = "{emulator.url}"'
    )
    jordan.config.write_text(
        jordan.config.read_text().replace('provider = "maildir"\npath = "mail"', account)
    )
    deliver(emulator, "Ana Lopez <alopez@lakesidemed.org>", "Interview confirmed")
    for n in range(30):
        deliver(emulator, f"List <news@list{n}.example.com>", f"Newsletter {n}")
    code, _, err = jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert code == 0, err
    assert "from:lakesidemed.org" in " ".join(listed_queries(emulator))
    assert gets(emulator) == 2  # the confirmation's headers and its body; no newsletter


# -- the words, and what the emulator's search matches -------------------------------------


def test_discovery_words_are_spelled_out_from_its_pattern() -> None:
    words = subject_words(N.SCHEDULING.pattern)
    for word in ["interview", "interviews", "invitation", "itinerary", "rescheduled", "ranking"]:
        assert word in words
    assert "second look" in words and all(N.SCHEDULING.fullmatch(w) for w in words)
    with pytest.raises(ValueError):
        subject_words(r"\b(?:interview[s]?)\b")


def _matches(q: str, raw: bytes, folder: str = "INBOX") -> bool:
    emu = GmailEmulator()
    return query(q)(emu.messages[emu.deliver(raw, [folder])])


def _raw(sender: str = "a@example.org", subject: str = "x", **headers: str) -> bytes:
    lines = [f"From: {sender}", f"Subject: {subject}", "Date: Fri, 2 Oct 2026 09:00:00 +0000"]
    lines += [f"{name.title()}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\nbody\r\n").encode()


@pytest.mark.parametrize(
    ("q", "raw", "found"),
    [
        ("from:program1.org", _raw("A <a@program1.org>"), True),
        ("from:program1.org", _raw("A <a@im.PROGRAM1.org>"), True),
        ("from:program1.org", _raw("A <a@program10.org>"), False),
        ("from:program1.org", _raw("A <a@notprogram1.org>"), False),
        ("from:program1.org", _raw(to="a@program1.org"), False),
        ("to:program1.org", _raw(to="B <b@x.org>, a@program1.org"), True),
        ("cc:program1.org", _raw(cc="a@sub.program1.org"), True),
        ("from:amy", _raw("Amy Wu <aw@x.org>"), True),
        ("from:a.b@x.org", _raw("a.b@x.org"), True),
        ("from:a.b@x.org", _raw("c.a.b@x.org"), False),
        ('subject:"harbor city im"', _raw(subject="Re: Harbor City IM's day"), True),
        ('subject:"harbor city im"', _raw(subject="HarborCity IM"), False),
        ('subject:"harbor city im"', _raw(subject="Harbor City, IM"), True),
        ("subject:interview", _raw(subject="Interviews"), False),
        ("subject:interview", _raw(subject="INTERVIEW-day"), True),
        ('subject:"saint mary"', _raw(subject="=?utf-8?q?Saint_Mary?= visit"), True),
        ("{from:x.org subject:hello} in:inbox", _raw(subject="hello"), True),
        ("{from:x.org subject:hello} in:sent", _raw(subject="hello"), False),
        ("from:x.org OR subject:hello", _raw(subject="hello"), True),
        ("after:1790000000", _raw(), True),
        ("after:1800000000", _raw(), False),
    ],
)
def test_the_emulator_searches_as_gmail_does(q: str, raw: bytes, found: bool) -> None:
    assert _matches(q, raw) is found


@pytest.mark.parametrize("q", ["harbor", '"harbor city"', "-from:x.org", "subject:", "{from:x"])
def test_the_emulator_refuses_what_it_does_not_know(q: str) -> None:
    with pytest.raises(QueryError):
        query(q)


def test_queries_stay_within_the_limit_and_spell_every_term() -> None:
    terms = SearchTerms(
        domains=tuple(f"d{n}.example.org" for n in range(80)),
        addresses=("a@d1.example.org", "Odd.Name+x@mail.example.com", '"q"@x.org'),
        names=("St. Mary's", "\u017faint Luke", "Harbor"),
        words=("interview", "second look"),
    )
    queries = narrowed_queries(terms, SINCE + timedelta(hours=5))
    assert len(queries) > 1 and all(len(q) <= QUERY_LIMIT for q in queries)
    text = " ".join(queries)
    assert "from:d79.example.org" in text and "cc:d0.example.org" in text
    assert "a@d1.example.org" not in text  # its domain already covers it
    assert "from:odd.name+x@mail.example.com" in text and 'to:"q x org"' in text
    assert 'subject:"st mary s"' in text and 'subject:"saint luke"' in text
    assert "subject:harbor " in text + " " and 'subject:"second look"' in text
