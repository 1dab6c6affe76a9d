"""Shared by the crash, fault, hostile-input and security tests: a multi-program applicant
(several interviews whose thank-you windows are open, one overdue promise) on Maildir, Gmail
or Outlook, and the real `agent sync` run as a subprocess."""

from __future__ import annotations

import email
import email.policy
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.builders import CHEN, NATARAJAN, lakeside, programs_toml
from tests.support.mailbox import Maildir
from tests.support.scenario import APPLICANT_CONFIG, mail

CT = ZoneInfo("America/Chicago")
ET = ZoneInfo("America/New_York")
ROOT = Path(__file__).resolve().parents[2]
AGENT = str(Path(sys.executable).with_name("agent"))
NOW = "2026-11-04T10:00"
ME = "Jordan Rivera <jordan.rivera@med.example.edu>"
MARKER = "X-Residency-Agent"
TOKEN = "test-token"

HEAD = APPLICANT_CONFIG  # the same applicant as the end-to-end scenarios

OKAFOR = {
    "name": "Dr. Sara Okafor",
    "email": "sokafor@lakesidemed.org",
    "notes": "the night-float redesign",
}
PROGRAMS = (
    programs_toml(lakeside(date(2026, 11, 3), NATARAJAN, CHEN, OKAFOR))
    + """
[[programs]]
name = "Riverside University Hospital Internal Medicine Residency"
aliases = ["Riverside IM"]
domains = ["riversidehealth.org"]
timezone = "America/New_York"
interview = 2026-11-03T09:00:00
interview_end = 2026-11-03T15:00:00
notes = "global health track"

[[programs.interviewers]]
name = "Dr. Hana Sato"
email = "hsato@riversidehealth.org"
notes = "her work on HIV clinic access"

[[programs.interviewers]]
name = "Dr. Omar Haddad"
email = "ohaddad@riversidehealth.org"
notes = "the ICU rotation schedule"

[[programs]]
name = "Summit Health Internal Medicine Residency"
aliases = ["Summit Health IM"]
domains = ["summithealth.org"]
timezone = "America/Denver"
interview = 2026-11-02T08:00:00
interview_end = 2026-11-02T12:00:00

[[programs.interviewers]]
name = "Dr. Lena Park"
email = "lpark@summithealth.org"
notes = "the rural track"

[[programs]]
name = "Bayview Community Hospital Internal Medicine Residency"
aliases = ["Bayview IM"]
domains = ["bayviewhospital.org"]
timezone = "America/Los_Angeles"
interview = 2026-10-05T08:00:00
interview_end = 2026-10-05T12:00:00
"""
)

PROMISE_ID = "<post-1006@bayviewhospital.org>"


def program_mail() -> list[tuple[bytes, str]]:
    """(raw, folder): the program mail of the scenario, real threads included."""
    out = [
        (
            mail(
                subject="Thank you for interviewing with Bayview IM",
                body="""
                Dear Jordan,

                Thank you for joining us. Details about our Second Look Day will be sent to
                all interviewees by November 1.

                Best,
                Ana Lopez
                Program Coordinator
                """,
                sender="Ana Lopez <alopez@bayviewhospital.org>",
                date=datetime(2026, 10, 6, 10, 0, tzinfo=CT),
                message_id=PROMISE_ID,
            ),
            "inbox",
        ),
        (
            mail(
                subject="Lakeside IM interview day schedule",
                body="Dear Jordan, your interview day begins at 8:00 AM. Parking is in lot C.",
                sender="Coordinator <coordinator@lakesidemed.org>",
                date=datetime(2026, 10, 20, 9, 0, tzinfo=CT),
                message_id="<sched-1@lakesidemed.org>",
            ),
            "inbox",
        ),
        (
            mail(
                subject="Riverside IM: welcome",
                body="Dear Jordan, we look forward to meeting you on November 3.",
                sender="Riverside GME <gme@riversidehealth.org>",
                date=datetime(2026, 10, 21, 9, 0, tzinfo=ET),
                message_id="<welcome-1@riversidehealth.org>",
            ),
            "inbox",
        ),
    ]
    return out


def filler(count: int) -> list[tuple[bytes, str]]:
    """Unrelated mail so a pass has some length to be killed in."""
    out = []
    for n in range(count):
        out.append(
            (
                mail(
                    subject=f"Weekly digest {n}",
                    body="Campus news, events and a reminder about the library hours. " * 20,
                    sender=f"News {n % 37} <news{n % 37}@list{n % 11}.example.com>",
                    date=datetime(2026, 9, 2, 8, 0, tzinfo=ET) + timedelta(hours=n % 1400),
                    message_id=f"<digest-{n}@list.example.com>",
                ),
                "inbox" if n % 7 else "sent",
            )
        )
    return out


class Setup:
    """A temp dir with config.toml and the state dir; the mailbox is a Maildir under mail/
    or lives in an emulator (``account`` is then the [[accounts]] block)."""

    def __init__(self, root: Path, account: str | None = None) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.config = root / "config.toml"
        self.state = root / "state"
        self.box: Maildir | None = None
        if account is None:
            self.box = Maildir(root / "mail")
            account = '[[accounts]]\nname = "school"\nprovider = "maildir"\npath = "mail"\n'
        self.config.write_text(HEAD + "\n" + account + PROGRAMS)

    def deliver_all(self, messages: list[tuple[bytes, str]]) -> None:
        assert self.box is not None
        for raw, folder in messages:
            self.box.deliver(raw, folder)  # type: ignore[arg-type]

    def command(self, *args: str, now: str = NOW) -> list[str]:
        """``args``: global flags (``-v``), then the command, then its options."""
        flags = [a for a in args if a in ("-v", "-vv")]
        rest = [a for a in args if a not in flags]
        return [AGENT, *flags, *rest[:1], "--config", str(self.config), "--now", now, *rest[1:]]

    def start(
        self, *extra: str, now: str = NOW, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            self.command(
                *[e for e in extra if e.startswith("-v")],
                "sync",
                *[e for e in extra if not e.startswith("-v")],
                now=now,
            ),
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
        )

    def sync(
        self, *extra: str, now: str = NOW, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(
                *[e for e in extra if e.startswith("-v")],
                "sync",
                *[e for e in extra if not e.startswith("-v")],
                now=now,
            ),
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
        )

    # -- what is on disk ---------------------------------------------------------------

    def draft_files(self) -> list[Path]:
        assert self.box is not None
        return self.box.drafts() if self.box.drafts_dir.exists() else []

    def draft_keys(self) -> list[str]:
        keys = []
        for path in self.draft_files():
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            keys.append(str(msg[MARKER]))
        return sorted(keys)

    def ledger(self) -> dict[str, str]:
        db = self.state / "state.sqlite3"
        if not db.exists():
            return {}
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return dict(con.execute("SELECT key, state FROM ledger").fetchall())
        except sqlite3.OperationalError:
            return {}
        finally:
            con.close()

    def integrity(self) -> str:
        db = self.state / "state.sqlite3"
        con = sqlite3.connect(db)
        try:
            return str(con.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            con.close()
