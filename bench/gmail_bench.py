"""Gmail connector benchmark against the local Gmail API emulator.

20,000 messages (85% inbox, 15% sent; 2% program mail, whose bodies are fetched, and 2%
unrelated mail with a scheduling word in its subject, which the narrowed search also lists)
served by the emulator in a child process; this process runs the real connector through the
real google-api-python-client. It prints HTTP requests, API calls, quota units (Gmail's
published per-method costs; a batch costs what its calls cost), wall time and peak memory
(Python heap during the pass from tracemalloc, measured on a repeat so the timed run is not
slowed by tracing; and this process's peak RSS) for:

- the first pass without narrowing (every message since the season's start) and with it
  (``PullRequest.search`` from a config of the 25 programs, as `agent sync` builds it), each
  on a fresh connector, alternating for ``--rounds``; the program mail both keep must be the
  same messages;
- a no-change pass, and a no-change pass with drafts awaiting the user.

The emulator enforces Gmail's per-user quota (250 units a second over any one-second window,
answering 429 past it; ``--quota 0`` turns it off) and every figure counts the 429s met; the
connector paces its calls under that quota (connectors/pacing.py). With the quota on, the
traced repeat of each pass is skipped (it would take as long again): no heap figure then.

    .venv/bin/python -m bench.gmail_bench [--messages 20000] [--quota 250] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import resource
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.config import parse
from agent.engine.pull_search import search_terms
from agent.facts.matching import Matcher
from connectors.base import Address, DraftRef, OutgoingDraft, Pull, PullRequest, SearchTerms
from connectors.gmail.api import MAX_BATCH
from connectors.gmail.connector import GmailAccount, GmailConnector
from connectors.gmail.search import listing_queries
from connectors.retry import RetryPolicy
from tests.support.emulators.gmail import GmailEmulator

SINCE = datetime(2026, 9, 1, tzinfo=UTC)
ME = "Jordan Rivera <jordan.rivera@med.example.edu>"
PROGRAMS = [f"program{n}.org" for n in range(25)]
# https://developers.google.com/gmail/api/reference/quota
QUOTA = {
    "getProfile": 1,
    "history.list": 2,
    "messages.list": 5,
    "messages.get": 5,
    "threads.get": 10,
    "drafts.list": 5,
    "drafts.get": 5,
    "drafts.create": 10,
    "drafts.delete": 10,
    "messages.send": 100,
    "drafts.send": 100,
}


# Unrelated mail a search for scheduling words also finds (2% of the mailbox).
DECOYS = ["Please confirm your subscription", "Your appointment is scheduled", "Match Day webinar"]


def _subject(n: int, program: bool) -> str:
    if program:
        return f"Interview {n}"
    return f"{DECOYS[n % len(DECOYS)]} {n}" if n % 50 == 25 else f"Newsletter {n}"


def _mail(n: int) -> tuple[bytes, list[str]]:
    program = n % 50 == 0  # 2%
    domain = PROGRAMS[n % len(PROGRAMS)] if program else f"list{n % 300}.example.com"
    other = f"Sender {n} <person{n % 997}@{domain}>"
    sent = n % 100 >= 85
    body = ("Thank you for interviewing with us. " * 20) if program else "Sale!"
    lines = [
        f"From: {ME if sent else other}",
        f"To: {other if sent else ME}",
        f"Subject: {_subject(n, program)}",
        f"Date: {format_datetime(SINCE + timedelta(minutes=7 * n))}",
        f"Message-ID: <m{n}@bench.example>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        body,
        "",
    ]
    return "\r\n".join(lines).encode(), ["SENT"] if sent else ["INBOX", "UNREAD"]


def _serve(conn: Connection, count: int, quota: int) -> None:
    """Child process: load the mailbox, serve it, report the request log until told to stop."""
    gmail = GmailEmulator()
    gmail.quota = quota or None
    for n in range(count):
        raw, labels = _mail(n)
        gmail.deliver(raw, labels)
    conn.send(gmail.start())
    while True:
        command = conn.recv()
        if command == "log":
            conn.send(
                {
                    "requests": len(gmail.api_requests()),
                    "calls": Counter(
                        r.api for r in gmail.calls() if r.api not in ("token", "auth")
                    ),
                    "429": sum(1 for r in gmail.requests if r.status == 429),
                }
            )
            gmail.clear_log()
        else:
            gmail.stop()
            conn.send("stopped")
            return


def _matcher() -> Matcher:
    """The config's matcher: the 25 programs, by their domains and names."""
    programs = [
        {"name": f"Program {n} Medical Center", "domains": [d]} for n, d in enumerate(PROGRAMS)
    ]
    applicant = {
        "name": "Jordan Rivera",
        "email": "jordan.rivera@med.example.edu",
        "phone": "555",
        "specialty": "Internal Medicine",
        "timezone": "UTC",
    }
    accounts = [{"name": "bench", "provider": "gmail", "client_secrets_file": "unused.json"}]
    return Matcher(parse({"applicant": applicant, "accounts": accounts, "programs": programs}))


def _measure(
    conn: Connection, run: Callable[[], Any], trace: bool = True
) -> tuple[Any, dict[str, Any]]:
    start = time.perf_counter()
    result = run()
    wall = time.perf_counter() - start
    conn.send("log")
    log = conn.recv()
    units = sum(QUOTA.get(api, 0) * n for api, n in log["calls"].items())
    if not trace:
        return result, {**log, "units": units, "wall": wall, "heap": None}
    tracemalloc.start()
    run()  # the same pass again, traced, for the heap peak
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    conn.send("log")
    conn.recv()
    return result, {**log, "units": units, "wall": wall, "heap": peak}


def _report(name: str, figures: dict[str, Any], floor: int | None = None) -> None:
    calls = ", ".join(f"{api} {n}" for api, n in sorted(figures["calls"].items()))
    print(f"{name}:")
    print(f"  HTTP requests   {figures['requests']}" + (f" (floor {floor})" if floor else ""))
    print(f"  API calls       {calls or 'none'}")
    print(f"  quota units     {figures['units']}")
    print(f"  wall time       {figures['wall']:.2f} s")
    print(f"  responses 429   {figures['429']}")
    if figures["heap"] is not None:
        print(f"  peak heap       {figures['heap'] / 1e6:.1f} MB (tracemalloc, during the pass)")


def _connector(endpoint: str, state: Path) -> GmailConnector:
    """A fresh connector (its own pacer) with a token for the emulator."""
    token = {
        "token": "ya29.emulator-valid",
        "refresh_token": "1//emulator-refresh",
        "token_uri": endpoint + "token",
        "client_id": "bench.apps.googleusercontent.com",
        "client_secret": "bench",
        "expiry": "2099-01-01T00:00:00Z",
    }
    (state / "tokens").mkdir(mode=0o700, parents=True)
    (state / "tokens" / "bench.json").write_text(json.dumps(token))
    account = GmailAccount(
        name="bench", provider="gmail", client_secrets_file=state / "x", api_endpoint=endpoint
    )
    return GmailConnector(account, state, retry=RetryPolicy(sleep=lambda s: None))


def _first_passes(
    conn: Connection, endpoint: str, tmp: Path, rounds: int, trace: bool
) -> tuple[GmailConnector, Pull]:
    """First passes without and with narrowing, alternating; the last narrowed one's
    connector and pull, for the passes after it."""
    matcher = _matcher()
    search = search_terms(matcher)
    kinds: list[tuple[str, SearchTerms | None]] = [("without narrowing", None)]
    kinds.append(("with narrowing", search))
    walls: dict[str, list[float]] = {name: [] for name, _ in kinds}
    kept: dict[str, set[str]] = {}
    last: tuple[GmailConnector, Pull] | None = None
    for n in range(rounds):
        for name, terms in kinds if n % 2 == 0 else kinds[::-1]:
            connector = _connector(endpoint, tmp / f"{n}-{kinds.index((name, terms))}")
            request = PullRequest(since=SINCE, wants_body=matcher.is_program_mail, search=terms)
            time.sleep(1.5)  # the previous pass's last second of quota is spent
            pull, figures = _measure(conn, partial(connector.pull, None, request), trace)
            walls[name].append(figures["wall"])
            kept[name] = {m.message_id for m in pull.messages if matcher.is_program_mail(m)}
            listed = len(pull.messages)
            bodies = sum(1 for m in pull.messages if m.body is not None)
            if terms is None:
                floor = 1 + math.ceil(listed / 500) + math.ceil(listed / MAX_BATCH)
                floor += math.ceil(bodies / MAX_BATCH)
                _report(
                    f"first pass {name}, round {n + 1} ({listed} messages, {bodies} bodies)",
                    figures,
                    floor,
                )
            else:
                searches = len(listing_queries(terms, SINCE))
                what = f"{listed} messages listed by {searches} searches, {bodies} bodies"
                _report(f"first pass {name}, round {n + 1} ({what})", figures)
                last = connector, pull
    same = kept["without narrowing"] == kept["with narrowing"]
    print(
        f"program mail kept: {len(kept['with narrowing'])} messages with narrowing, "
        f"{len(kept['without narrowing'])} without; the same messages: {'yes' if same else 'NO'}"
    )
    for name, values in walls.items():
        median = statistics.median(values)
        print(f"first pass {name}: median wall {median:.2f} s over {len(values)} runs")
    assert last is not None
    return last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--quota", type=int, default=250, help="units/s/user; 0: no quota")
    parser.add_argument("--rounds", type=int, default=1, help="first passes of each kind")
    args = parser.parse_args()
    trace = not args.quota
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(
        target=_serve, args=(child, args.messages, args.quota), daemon=True
    )
    started = time.perf_counter()
    server.start()
    endpoint = parent.recv()
    print(f"emulator loaded with {args.messages} messages in {time.perf_counter() - started:.1f} s")
    with TemporaryDirectory() as tmp:
        connector, first = _first_passes(parent, endpoint, Path(tmp), args.rounds, trace)
        request = PullRequest(since=SINCE, wants_body=_matcher().is_program_mail)
        cursor = first.cursor
        time.sleep(1.5)
        _, figures = _measure(parent, lambda: connector.pull(cursor, request), trace)
        _report("no-change pass", figures)

        me = Address("Jordan Rivera", "jordan.rivera@med.example.edu")
        known: list[DraftRef] = [
            connector.create_draft(
                OutgoingDraft(
                    key=f"thank-you:bench:{i}",
                    message_id=f"<ty{i}@med.example.edu>",
                    sender=me,
                    to=(Address("Dr. X", f"x{i}@program{i}.org"),),
                    subject="Thank you",
                    text="Thank you.",
                )
            )
            for i in range(10)
        ]
        cursor = connector.pull(cursor, request).cursor  # reads the drafts' own creation
        connector.list_agent_drafts(known)
        parent.send("log")
        parent.recv()
        _, figures = _measure(
            parent,
            lambda: (connector.pull(cursor, request), connector.list_agent_drafts(known)),
            trace,
        )
        _report(
            "no-change pass with 10 drafts awaiting the user (pull + list_agent_drafts)", figures
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the connector process: {rss:.0f} MB")
    parent.send("stop")
    parent.recv()
    server.join(5)


if __name__ == "__main__":
    main()
