"""Outlook connector benchmark against the local Graph emulator.

20,000 messages (85% inbox, 15% sent; 2% program mail, whose bodies are fetched) served by
the emulator in a child process; this process runs the real connector. For the first pass
and a no-change pass it prints HTTP requests (a JSON $batch of up to 20 bodies counts once),
wall time and peak memory (Python heap during the
pass, from tracemalloc, measured on a repeat of the same pass so the timing run is not
slowed by tracing; and this process's peak RSS).

    .venv/bin/python -m bench.outlook_bench [--messages 20000]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from connectors.base import MailMessage, PullRequest
from connectors.outlook.connector import OutlookAccount, OutlookConnector
from tests.support.emulators.graph import GraphEmulator

SINCE = datetime(2026, 9, 1, tzinfo=UTC)
ME = ("Jordan Rivera", "jordan.rivera@med.example.edu")
PROGRAMS = [f"program{n}.org" for n in range(25)]
TOKEN = "bench-token"


def _serve(conn: Connection, count: int) -> None:
    """Child process: load the mailbox, serve it, answer request counts until told to stop."""
    graph = GraphEmulator(TOKEN)
    for n in range(count):
        program = n % 50 == 0  # 2%
        domain = PROGRAMS[n % len(PROGRAMS)] if program else f"list{n % 300}.example.com"
        other = (f"Sender {n}", f"person{n % 997}@{domain}")
        sent = n % 100 >= 85
        graph.add(
            folder="sentitems" if sent else "inbox",
            subject=f"{'Interview' if program else 'Newsletter'} {n}",
            sender=ME if sent else other,
            to=[other] if sent else [ME],
            date=SINCE + timedelta(minutes=7 * n),
            body=("Thank you for interviewing with us. " * 20) if program else "Sale!",
            message_id=f"<m{n}@bench.example>",
        )
    graph.start()
    conn.send(graph.endpoint)
    while True:
        command = conn.recv()
        if command == "count":
            conn.send(sum(1 for r in graph.requests if not r.in_batch))  # a $batch is one
        else:
            graph.stop()
            conn.send("stopped")
            return


def _is_program(message: MailMessage) -> bool:
    sender = message.sender.email if message.sender else ""
    recipients = [a.email for a in message.to]
    return any(addr.endswith(tuple(PROGRAMS)) for addr in [sender, *recipients])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    args = parser.parse_args()

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    server = ctx.Process(target=_serve, args=(child, args.messages), daemon=True)
    loaded = time.perf_counter()
    server.start()
    endpoint = parent.recv()
    print(f"emulator: {args.messages} messages loaded in {time.perf_counter() - loaded:.1f}s")

    def requests_so_far() -> int:
        parent.send("count")
        return int(parent.recv())

    request = PullRequest(since=SINCE, wants_body=_is_program)
    with TemporaryDirectory() as state:
        account = OutlookAccount(
            name="bench", provider="outlook", token_command=f"echo {TOKEN}", api_endpoint=endpoint
        )
        connector = OutlookConnector(account, Path(state))

        def run(label: str, cursor: str | None) -> str:
            before = requests_so_far()
            started = time.perf_counter()
            pull = connector.pull(cursor, request)
            wall = time.perf_counter() - started
            made = requests_so_far() - before
            tracemalloc.start()
            connector.pull(cursor, request)  # the same pass again, traced
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            bodies = sum(1 for m in pull.messages if m.body is not None)
            print(
                f"{label:<16} requests={made:<5} wall={wall:6.2f}s "
                f"heap_peak={peak / 2**20:6.1f} MiB  process_peak_rss={rss_mb:6.1f} MiB  "
                f"messages={len(pull.messages)} bodies={bodies} full={pull.full}"
            )
            return pull.cursor

        cursor = run("first pass", None)
        run("no-change pass", cursor)
        connector.close()
    parent.send("stop")
    parent.recv()
    server.join(timeout=5)


if __name__ == "__main__":
    main()
