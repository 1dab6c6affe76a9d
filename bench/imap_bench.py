"""IMAP connector benchmark against a real Dovecot on 127.0.0.1.

A Maildir of 20,000 messages (85% inbox, 15% sent; 2% program mail, whose bodies are
fetched) is written straight to disk before Dovecot starts; Dovecot indexes it once (a
warm-up SELECT from another client, as on a server in use) and the real connector then runs
a first pass (every header parsed, then with a header filter as `agent sync` gives one), a
pass with nothing new (twice: the first after a big read lets Dovecot update its index),
and a draft listing with nothing changed. For each it
prints round trips (IMAP commands, the LOGIN included, by command), wall time and whether
any FETCH was sent. Target: a pass with nothing new costs one STATUS per folder.

    .venv/bin/python -m bench.imap_bench [--messages 20000] [--plain]

``--plain`` runs against a server without CONDSTORE/QRESYNC and SPECIAL-USE.
"""

from __future__ import annotations

import argparse
import socket
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from connectors.base import MailMessage, PullRequest
from connectors.imap.connector import ImapConnector
from tests.connectors.test_imap_connector import account
from tests.support.contract import _draft
from tests.support.dovecot import Dovecot, own, running

SINCE = datetime(2026, 9, 1, tzinfo=UTC)
PROGRAM_DOMAIN = "lakesidemed.org"
PROGRAM_BYTES = PROGRAM_DOMAIN.split(".")[0].encode()


def message(n: int, sent: bool) -> bytes:
    program = n % 50 == 0
    sender = (
        f"Coordinator <gme{n % 7}@{PROGRAM_DOMAIN}>"
        if program
        else f"news{n % 37}@list.example.com"
    )
    if sent:
        sender, to = "Jordan Rivera <jordan.rivera@med.example.edu>", sender
    else:
        to = "Jordan Rivera <jordan.rivera@med.example.edu>"
    date = SINCE + timedelta(minutes=7 * n)
    body = ("Campus news, events and a reminder about the library hours. " * 12).strip()
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: Message {n}\r\n"
        f"Date: {format_datetime(date)}\r\nMessage-ID: <bench-{n}@example.com>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def fill(server: Dovecot, count: int) -> None:
    """The messages as Maildir files, written before Dovecot ever sees the mailbox."""
    host = socket.gethostname()
    for n in range(count):
        sent = n % 100 < 15
        folder = server.maildir / ".Sent" if sent else server.maildir
        (folder / "cur").mkdir(parents=True, exist_ok=True)
        name = f"{1_790_000_000 + n}.M{n}P1.{host}:2,S"
        (folder / "cur" / name).write_bytes(message(n, sent))
    own(server.maildir.parent.parent)


def wants_body(m: MailMessage) -> bool:
    return any(PROGRAM_DOMAIN in a.email for a in (m.sender, *m.to) if a is not None)


def report(name: str, connector: ImapConnector, seconds: float, extra: str = "") -> None:
    commands = ", ".join(f"{k} {v}" for k, v in sorted(connector.commands.items()))
    fetched = any("FETCH" in k for k in connector.commands)
    print(f"{name}:")
    print(f"  round trips  {connector.round_trips} ({commands})")
    print(f"  FETCH sent   {'yes' if fetched else 'no'}")
    print(f"  wall time    {seconds:.2f} s{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--plain", action="store_true", help="no CONDSTORE/QRESYNC, SPECIAL-USE")
    args = parser.parse_args()
    variant = {"condstore": not args.plain, "special_use": not args.plain}
    with TemporaryDirectory() as tmp, running(Path(tmp) / "dovecot", **variant) as server:
        server.stop()
        started = time.perf_counter()
        fill(server, args.messages)
        seconds = time.perf_counter() - started
        print(f"{args.messages} messages written to the Maildir in {seconds:.1f} s")
        server.start()
        started = time.perf_counter()
        with server.client() as other:  # Dovecot indexes the folders once, as on a live server
            for folder in ("INBOX", "Sent"):
                other.select_folder(folder, readonly=True)
        print(
            f"Dovecot indexed them in {time.perf_counter() - started:.1f} s "
            f"({'CONDSTORE/QRESYNC, SPECIAL-USE' if not args.plain else 'plain IMAP4rev1'})\n"
        )
        state = Path(tmp) / "state"
        request = PullRequest(since=SINCE, wants_body=wants_body)

        connector = ImapConnector(account(server), state)
        started = time.perf_counter()
        first = connector.pull(None, request)
        seconds = time.perf_counter() - started
        bodies = sum(m.body is not None for m in first.messages)
        report(
            "first pass, every header parsed",
            connector,
            seconds,
            f"; {len(first.messages)} messages, {bodies} bodies fetched",
        )
        connector.close()
        # As `agent sync` asks: a header filter rules most mail out before any parse.
        filtered = replace(request, header_filter=lambda raw, folder: PROGRAM_BYTES in raw)
        connector = ImapConnector(account(server), state)
        started = time.perf_counter()
        connector.pull(None, filtered)
        report("first pass with a header filter", connector, time.perf_counter() - started)
        connector.create_draft(_draft("thank-you:bench:1"))
        connector.list_agent_drafts([])
        connector.close()

        # The first STATUS after a big read lets Dovecot bring its index up to date: timed
        # apart from the steady state.
        for label in ("pass with nothing new (the first after it)", "pass with nothing new"):
            connector.close()
            connector = ImapConnector(account(server), state)
            started = time.perf_counter()
            again = connector.pull(first.cursor, request)
            seconds = time.perf_counter() - started
            assert again.messages == [], "a pass with nothing new returned mail"
            report(label, connector, seconds, " (target: LOGIN + one STATUS per folder)")
        before = connector.round_trips
        started = time.perf_counter()
        listed = connector.list_agent_drafts([])
        seconds = time.perf_counter() - started
        assert [d.key for d in listed] == ["thank-you:bench:1"]
        print(
            f"draft listing with nothing changed: {connector.round_trips - before} round trip "
            f"(STATUS Drafts), {seconds * 1000:.0f} ms"
        )
        connector.close()


if __name__ == "__main__":
    main()
