"""Gmail connector benchmark against the local Gmail API emulator.

20,000 messages (85% inbox, 15% sent; 2% program mail, whose bodies are fetched) served by
the emulator in a child process; this process runs the real connector through the real
google-api-python-client. For the first pass, a no-change pass, and a no-change pass with
drafts awaiting the user, it prints HTTP requests, API calls, quota units (Gmail's published
per-method costs; a batch costs what its calls cost), wall time and peak memory (Python heap
during the pass from tracemalloc, measured on a repeat so the timed run is not slowed by
tracing; and this process's peak RSS).

The emulator enforces Gmail's per-user quota (250 units a second over any one-second window,
answering 429 past it; ``--quota 0`` turns it off) and every figure counts the 429s met; the
connector paces its calls under that quota (connectors/pacing.py). With the quota on, the
traced repeat of each pass is skipped (it would take as long again): no heap figure then.

    .venv/bin/python -m bench.gmail_bench [--messages 20000] [--quota 250]
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import resource
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from multiprocessing.connection import Connection
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from connectors.base import Address, DraftRef, MailMessage, OutgoingDraft, PullRequest
from connectors.gmail.api import MAX_BATCH
from connectors.gmail.connector import GmailAccount, GmailConnector
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


def _mail(n: int) -> tuple[bytes, list[str]]:
    program = n % 50 == 0  # 2%
    domain = PROGRAMS[n % len(PROGRAMS)] if program else f"list{n % 300}.example.com"
    other = f"Sender {n} <person{n % 997}@{domain}>"
    sent = n % 100 >= 85
    body = ("Thank you for interviewing with us. " * 20) if program else "Sale!"
    lines = [
        f"From: {ME if sent else other}",
        f"To: {other if sent else ME}",
        f"Subject: {'Interview' if program else 'Newsletter'} {n}",
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


def _wants_body(message: MailMessage) -> bool:
    people = [message.sender, *message.to] if message.sender else list(message.to)
    return any(a.email.rsplit("@", 1)[-1] in PROGRAMS for a in people)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--quota", type=int, default=250, help="units/s/user; 0: no quota")
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
        state = Path(tmp)
        token = {
            "token": "ya29.emulator-valid",
            "refresh_token": "1//emulator-refresh",
            "token_uri": endpoint + "token",
            "client_id": "bench.apps.googleusercontent.com",
            "client_secret": "bench",
            "expiry": "2099-01-01T00:00:00Z",
        }
        (state / "tokens").mkdir(mode=0o700)
        (state / "tokens" / "bench.json").write_text(json.dumps(token))
        account = GmailAccount(
            name="bench",
            provider="gmail",
            client_secrets_file=state / "unused.json",
            api_endpoint=endpoint,
        )
        connector = GmailConnector(account, state, retry=RetryPolicy(sleep=lambda s: None))
        request = PullRequest(since=SINCE, wants_body=_wants_body)

        first, figures = _measure(parent, lambda: connector.pull(None, request), trace)
        n = len(first.messages)
        bodies = sum(1 for m in first.messages if m.body is not None)
        floor = 1 + math.ceil(n / 500) + math.ceil(n / MAX_BATCH) + math.ceil(bodies / MAX_BATCH)
        _report(f"first pass ({n} messages, {bodies} bodies)", figures, floor)
        print(f"  within floor    {figures['requests'] / floor - 1:+.1%} (target: within +10%)")

        cursor = first.cursor
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
