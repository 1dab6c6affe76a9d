"""`agent init --yes` on a generated 100,000-message Maildir.

The mailbox is written straight to disk: the season of tests/support/season_mailbox.py (22
programs writing directly and through Thalamus, ERAS and Interview Broker, itineraries, the
applicant's replies) plus each program's further mail (reminders, thread replies) up to 2%
of the total, and 98% noise (school lists, newsletters, NRMP and ERAS notices, personal
mail, receipts). Then it runs the real CLI in this process and prints the wall time, the
programs found, and the peak RSS.

    .venv/bin/python -m bench.init_bench [--messages 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.cli.main import main
from agent.config import load
from tests.support.season_mailbox import (
    ME,
    ME_NAME,
    ZONES,
    SeasonBox,
    programs,
    write_program,
)

_NOISE = [
    ("Student Affairs", "studentaffairs@med.example.edu", "Weekly announcements"),
    ("MS4 Class", "ms4-list@lists.example.edu", "Re: study group tonight"),
    ("ACP Weekly", "news@acponline.org", "This week in internal medicine"),
    ("NRMP", "support@nrmp.org", "Match timeline reminder"),
    ("ERAS", "noreply@aamc.org", "MyERAS: document uploaded"),
    ("Thalamus", "news@thalamusgme.com", "Tips for your interview day"),
    ("Sam Patel", "sam.patel@gmail.com", "weekend plans"),
    ("Mom", "carol.rivera@yahoo.com", "call me"),
    ("Amazon", "shipment@amazon.com", "Your order has shipped"),
    ("United Airlines", "receipts@united.com", "Your flight itinerary"),
]


def _raw(sender: str, address: str, subject: str, when: datetime, n: int) -> bytes:
    return (
        f"From: {sender} <{address}>\r\nTo: {ME_NAME} <{ME}>\r\nSubject: {subject}\r\n"
        f"Date: {when:%a, %d %b %Y %H:%M:%S -0400}\r\nMessage-ID: <noise-{n}@bench.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Message {n}: nothing here is about a program.\r\n"
    ).encode()


def _program_followups(box: SeasonBox, count: int, rng: random.Random) -> None:
    """More mail from the programs' own domains: reminders in their threads."""
    truth = programs()
    for n in range(count):
        p = truth[n % len(truth)]
        when = p.interview - timedelta(days=rng.randint(1, 20))
        coordinator = p.coordinator.lower().split()
        raw = (
            f"From: {p.coordinator} <{coordinator[0][0]}{coordinator[1]}@{p.domain}>\r\n"
            f"To: {ME_NAME} <{ME}>\r\nSubject: Re: Interview Invitation - {p.alias}\r\n"
            f"Date: {when:%a, %d %b %Y %H:%M:%S %z}\r\nMessage-ID: <followup-{n}@bench.example>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "A reminder that parking is free on your interview day.\r\n"
        ).encode()
        box.put(raw)


def generate(root: Path, total: int) -> int:
    rng = random.Random(11)
    box = SeasonBox(root)
    for i, p in enumerate(programs()):
        write_program(box, p, datetime(2026, 9, 15, 10, tzinfo=ZONES["ET"]) + timedelta(days=i))
    _program_followups(box, max(0, total * 2 // 100 - box.written), rng)
    start = datetime(2026, 6, 1)
    while box.written < total:
        sender, address, subject = rng.choice(_NOISE)
        when = start + timedelta(minutes=rng.randint(0, 240 * 24 * 60))
        box.put(_raw(sender, address, subject, when, box.written))
    return box.written


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None, help="generate into this folder")
    args = parser.parse_args()
    with TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        started = time.perf_counter()
        written = generate(root / "mail", args.messages)
        print(f"generated {written:,} messages in {time.perf_counter() - started:.1f} s")
        config = root / "config.toml"
        config.unlink(missing_ok=True)
        argv = ["init", "--yes", "--config", str(config), "--path", str(root / "mail")]
        argv += ["--name", ME_NAME, "--email", ME, "--timezone", "America/New_York"]
        started = time.perf_counter()
        try:
            main(argv)
        except SystemExit as exc:
            if exc.code:
                raise
        elapsed = time.perf_counter() - started
        found = load(config).programs
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"agent init --yes: {elapsed:.1f} s for {written:,} messages; "
            f"{len(found)} programs found (22 in the mailbox); peak RSS {rss:.0f} MB"
        )
        # The same mailbox read by a first `agent sync --dry-run`: what init costs beside it.
        started = time.perf_counter()
        try:
            main(["sync", "--dry-run", "--config", str(config), "--now", "2026-10-15T18:00"])
        except SystemExit as exc:
            if exc.code:
                raise
        print(f"first agent sync --dry-run on it: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main_bench()
