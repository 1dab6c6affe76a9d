"""Scale benchmark: `agent sync` on a generated Maildir of 100,000 messages.

2% of the mail is program mail (25 programs: interview confirmations, day-of logistics,
promises, threads the applicant answered); the rest is newsletters, lists and personal mail
from 3,000 senders, 85% inbox and 15% sent. The real CLI runs as a subprocess; for each
pass this prints the wall time and that process's peak RSS (from ``wait4``).

    .venv/bin/python bench/scale_bench.py [--messages 100000] [--keep DIR] [--profile]
    .venv/bin/python bench/scale_bench.py --floor [--rounds 3] [--messages 300000]

Without ``--floor``: one first and one no-change pass, against the first targets (first pass
< 60 s, no-change pass < 1 s, peak RSS < 300 MB). With ``--profile`` the first pass runs
under cProfile and the top functions are printed.

With ``--floor`` each round runs, interleaved on the same mailbox, two floors as
subprocesses (a plain Python script parsing every file's headers; a listing of the
folders), a first pass on a fresh state, a no-change pass, an incremental pass after
100 new messages and a pass after a program is added to the config; the medians and the
agent's ratios to the floors are printed, against the targets on 2 cores: first pass
<= 1.5x the header floor, no-change pass <= 3x the listing floor, incremental pass <= 0.5 s
at 300k, adding a program <= 0.5x a first pass, peak RSS < 200 MB. Each round also times
a first pass over the program mail alone (the same files, linked into a mailbox of their
own) and its header floor, and prints what the rest of the mailbox cost against its floor:
what a first pass costs whatever the mailbox's size (start-up, reading program mail,
writing drafts) is most of it in a small mailbox.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGENT = [sys.executable, str(Path(sys.executable).with_name("agent"))]
PROGRAMS = 25
ME = "Jordan Rivera <jordan.rivera@med.example.edu>"
START = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
NOW = "2026-11-20T09:00"

CONFIG_HEAD = """
[applicant]
name = "Jordan Rivera"
email = "jordan.rivera@med.example.edu"
phone = "(555) 123-4567"
specialty = "Internal Medicine"
timezone = "America/New_York"

[agent]
state_dir = "state"
season_start = 2026-09-01

[[accounts]]
name = "school"
provider = "maildir"
path = "mail"
"""

FILLER = (
    "This week in the department: grand rounds moves to the auditorium, the cafeteria "
    "has new hours, and the library extends its weekend schedule. "
)


def program_block(n: int) -> str:
    day = 1 + n  # interviews from Nov 2 to Nov 26; a few windows are open at NOW
    return f"""
[[programs]]
name = "Program {n} Medical Center Internal Medicine Residency"
aliases = ["P{n} IM"]
domains = ["program{n}.org"]
timezone = "America/Chicago"
interview = 2026-11-{day:02d}T08:00:00
interview_end = 2026-11-{day:02d}T13:00:00
notes = "teaching clinic number {n}"

[[programs.interviewers]]
name = "Dr. Alex Person{n}"
email = "aperson{n}@program{n}.org"
notes = "the research talk on topic {n}"
"""


def message(
    n: int, *, sender: str, to: str, subject: str, body: str, date: datetime, reply: str = ""
) -> bytes:
    head = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {format_datetime(date)}",
        f"Message-ID: <m{n}@bench.example>",
    ]
    if reply:
        head += [f"In-Reply-To: {reply}", f"References: {reply}"]
    head += ["MIME-Version: 1.0", 'Content-Type: text/plain; charset="utf-8"']
    return ("\n".join(head) + "\n\n" + body + "\n").encode()


def generate(root: Path, count: int, seed: int = 8) -> int:
    rng = random.Random(seed)
    mail = root / "mail"
    dirs = [mail / "tmp", mail / "new", mail / "cur"]
    dirs += [mail / ".Sent" / s for s in ("tmp", "new", "cur")]
    dirs += [mail / ".Drafts" / s for s in ("tmp", "new", "cur")]
    for d in dirs:
        d.mkdir(parents=True, exist_ok=True)
    config = CONFIG_HEAD + "".join(program_block(n) for n in range(1, PROGRAMS + 1))
    (root / "config.toml").write_text(config)
    programs = 0
    for n in range(count):
        date = START + timedelta(seconds=int(n * 70 * 86400 / count))
        program = n % 50 == 7  # 2%
        sent = n % 100 >= 85
        if program:
            programs += 1
            p = 1 + (n // 50) % PROGRAMS
            coordinator = f"Coordinator {p} <coord{p}@program{p}.org>"
            kind = (n // 50 // PROGRAMS) % 4
            if kind == 0:
                subject = f"Program {p} Medical Center interview confirmation"
                body = (
                    f"Dear Jordan,\n\nYour interview with P{p} IM is confirmed for "
                    f"November {p + 1}. Details about our Second Look Day will be sent to all "
                    f"interviewees by November {min(p + 3, 30)}.\n\nBest,\nCoordinator {p}"
                )
            elif kind == 1:
                subject = f"P{p} IM: parking and schedule"
                body = "Please park in garage B. " * 20
            elif kind == 2:
                subject = f"Re: P{p} IM question"
                body = "Thanks for your question; we will get back to you. " * 5
            else:
                subject = f"P{p} IM newsletter for applicants"
                body = FILLER * 5
            if sent:
                raw = message(
                    n,
                    sender=ME,
                    to=coordinator,
                    subject=f"Re: {subject}",
                    body="Thanks!",
                    date=date,
                    reply=f"<m{n - 1}@bench.example>",
                )
            else:
                raw = message(n, sender=coordinator, to=ME, subject=subject, body=body, date=date)
        else:
            other = f"Person {n % 3000} <person{n % 3000}@list{n % 300}.example.com>"
            words = FILLER * rng.randint(1, 12)
            if sent:
                raw = message(
                    n, sender=ME, to=other, subject=f"Re: note {n}", body=words, date=date
                )
            else:
                raw = message(
                    n, sender=other, to=ME, subject=f"Newsletter {n}", body=words, date=date
                )
        base = mail / ".Sent" if sent else mail
        name = f"{1788000000 + n}.M{n}P1.bench"
        path = base / ("cur" if sent else "new") / (name + (":2,S" if sent else ""))
        path.write_bytes(raw)
    return programs


ADDED_PROGRAM = """
[[programs]]
name = "Seventh List Hospital Internal Medicine Residency"
domains = ["list7.example.com"]
timezone = "America/Chicago"
"""
FOLDERS = ("new", "cur", ".Sent/new", ".Sent/cur")
HEADER_FLOOR = """
import email.parser, email.policy, os, sys
parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
for sub in {folders!r}:
    with os.scandir(os.path.join(sys.argv[1], sub)) as it:
        for entry in it:
            with open(entry.path, "rb") as fh:
                parser.parsebytes(fh.read(65536))
"""
LISTING_FLOOR = """
import os, sys
for sub in {folders!r}:
    with os.scandir(os.path.join(sys.argv[1], sub)) as it:
        for entry in it:
            entry.stat()
"""


def floor(root: Path, script: str) -> float:
    code = script.format(folders=FOLDERS)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(root / "mail")], check=True)
    return time.perf_counter() - started


def add_mail(root: Path, count: int, start: int) -> None:
    """``count`` new messages in the inbox (2% program mail, as in the mailbox)."""
    for n in range(start, start + count):
        sender = "Coordinator 3 <coord3@program3.org>" if n % 50 == 7 else f"p{n}@list.example.com"
        raw = message(
            n,
            sender=sender,
            to=ME,
            subject=f"Update {n}",
            body=FILLER,
            date=START + timedelta(days=75),
        )
        # A name never written before (a delivery agent's is unique): the same names again
        # would overwrite files in place, leave new/ unchanged and time a no-change pass.
        (root / "mail" / "new" / f"{time.time_ns()}.M{n}P1.bench").write_bytes(raw)


def program_mail_alone(root: Path) -> Path:
    """A second mailbox beside ``root``'s holding only its program mail (the same files,
    linked), with the same config: what a first pass costs whatever the mailbox's size."""
    alone = root / "program-mail-alone"
    shutil.rmtree(alone, ignore_errors=True)
    for sub in FOLDERS:
        (alone / "mail" / sub).mkdir(parents=True)
        for path in (root / "mail" / sub).iterdir():
            n = int(path.name.split(".M", 1)[1].split("P", 1)[0])
            if n % 50 == 7:  # as ``generate`` marks program mail
                os.link(path, alone / "mail" / sub / path.name)
    shutil.copy(root / "config.toml", alone / "config.toml")
    return alone


def floors(root: Path, messages: int, rounds: int) -> None:
    """Interleaved rounds: floors, first pass, no-change pass, incremental pass."""
    import statistics

    keys = ("headers", "listing", "first", "no-change", "incremental", "added", "rss")
    rows: dict[str, list[float]] = {k: [] for k in (*keys, "alone", "alone floor")}
    config = (root / "config.toml").read_text()
    alone = program_mail_alone(root)
    for r in range(rounds):
        shutil.rmtree(root / "state", ignore_errors=True)
        shutil.rmtree(alone / "state", ignore_errors=True)
        # Untimed: this machine's kernel reclaims page cache on its own, and a cold floor
        # (read from disk) would flatter every ratio.
        floor(root, HEADER_FLOOR)
        rows["headers"].append(floor(root, HEADER_FLOOR))
        first, rss, _, _ = run(root)
        rows["first"].append(first)
        rows["rss"].append(rss)
        rows["alone floor"].append(floor(alone, HEADER_FLOOR))
        rows["alone"].append(run(alone)[0])
        rows["listing"].append(floor(root, LISTING_FLOOR))
        rows["no-change"].append(run(root)[0])
        add_mail(root, 100, messages + 100 * r)
        time.sleep(2.1)  # past the Maildir cursor's settle window, as a later pass would be
        rows["incremental"].append(run(root)[0])
        # A program added mid-season: its mail (one sender domain's, ~1/300 of the box)
        # was never read with a body, so the pass reads the mailbox again.
        (root / "config.toml").write_text(config + ADDED_PROGRAM)
        rows["added"].append(run(root)[0])
        (root / "config.toml").write_text(config)
        print(f"  round {r + 1}: " + "  ".join(f"{k} {rows[k][-1]:.2f}" for k in keys))
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(f"median of {rounds} rounds at {messages:,} messages:")
    print(
        f"  header-parse floor {med['headers']:6.2f} s   "
        f"folder-listing floor {med['listing']:6.2f} s"
    )
    print(
        f"  first pass {med['first']:6.2f} s = {med['first'] / med['headers']:.2f}x the header "
        f"floor (target <= 1.5x), peak RSS {max(rows['rss']):.0f} MB (target < 200 MB)"
    )
    rest, rest_floor = med["first"] - med["alone"], med["headers"] - med["alone floor"]
    print(
        f"    of which the program mail alone, read by itself: {med['alone']:.2f} s (its header "
        f"floor {med['alone floor']:.2f} s); the rest of the mailbox {rest:.2f} s = "
        f"{rest / rest_floor:.2f}x its header floor ({rest_floor:.2f} s)"
    )
    print(
        f"  no-change pass {med['no-change']:6.2f} s = {med['no-change'] / med['listing']:.2f}x "
        "the listing floor (target <= 3x)"
    )
    print(
        f"  incremental pass after 100 new messages {med['incremental']:6.2f} s (target <= 0.5 s)"
    )
    print(
        f"  pass after adding a program {med['added']:6.2f} s = "
        f"{med['added'] / med['first']:.2f}x the first pass (target <= 0.5x)"
    )


# As an installed program runs: with its compiled bytecode kept (a shell may say not to
# write it, which would make every pass compile the sources again).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_ENV["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "scale-bench-pycache")


def run(root: Path, *extra: str, profile: Path | None = None) -> tuple[float, float, str, str]:
    """(seconds, peak RSS in MB, stdout, stderr) of one `agent sync` subprocess."""
    cmd = [*AGENT, "sync", "--config", str(root / "config.toml"), "--now", NOW, *extra]
    if profile is not None:
        cmd = [sys.executable, "-m", "cProfile", "-o", str(profile), *cmd[1:]]
    out_path, err_path = root / "out.txt", root / "err.txt"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, env=_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"agent sync failed ({proc.returncode}):\n{err_path.read_text()}")
    return elapsed, usage.ru_maxrss / 1024, out_path.read_text(), err_path.read_text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this directory")
    parser.add_argument("--profile", action="store_true", help="cProfile the first pass")
    parser.add_argument("--floor", action="store_true", help="interleaved floors and ratios")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --floor")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="scale-bench-"))
    try:
        started = time.perf_counter()
        programs = generate(root, args.messages)
        print(
            f"generated {args.messages:,} messages ({programs:,} program mail, "
            f"{PROGRAMS} programs) in {time.perf_counter() - started:.1f}s"
        )
        if args.floor:
            floors(root, args.messages, args.rounds)
            return
        profile = root / "first.prof" if args.profile else None
        first, first_rss, out, _ = run(root, profile=profile)
        drafted = next((line for line in out.splitlines() if "Drafted" in line), "no drafts")
        print(f"first pass:     {first:7.2f} s   peak RSS {first_rss:6.1f} MB   ({drafted})")
        again, again_rss, out2, _ = run(root)
        print(f"no-change pass: {again:7.2f} s   peak RSS {again_rss:6.1f} MB")
        if "Drafted" in out2:
            print("WARNING: the no-change pass drafted something:\n" + out2)
        targets = [
            ("first pass < 60 s", first < 60),
            ("no-change pass < 1 s", again < 1),
            ("peak RSS < 300 MB", max(first_rss, again_rss) < 300),
        ]
        for name, ok in targets:
            print(f"  {'ok  ' if ok else 'MISS'} {name}")
        if profile is not None:
            import pstats

            pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(30)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
