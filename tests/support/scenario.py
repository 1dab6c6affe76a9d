"""Build a real applicant setup in a temp dir: a config file and a Maildir++ mailbox."""

from __future__ import annotations

import email
import email.policy
import textwrap
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from agent.cli.main import main
from tests.support.builders import lakeside, programs_toml
from tests.support.mailbox import Maildir

ET = ZoneInfo("America/New_York")
CT = ZoneInfo("America/Chicago")

APPLICANT_CONFIG = """
[applicant]
name = "Jordan Rivera"
email = "jordan.rivera@med.example.edu"
phone = "(555) 123-4567"
specialty = "Internal Medicine"
timezone = "America/New_York"

[agent]
state_dir = "state"
season_start = 2026-09-01
"""

BASE_CONFIG = (
    APPLICANT_CONFIG
    + """
[[accounts]]
name = "school"
provider = "maildir"
path = "mail"
"""
)

LAKESIDE = programs_toml(lakeside())


def mail(
    *,
    subject: str,
    body: str,
    sender: str = "Ana Lopez <alopez@lakesidemed.org>",
    to: str = "Jordan Rivera <jordan.rivera@med.example.edu>",
    date: datetime,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    html: bool = False,
) -> bytes:
    msg = EmailMessage(policy=email.policy.default)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id or f"<{abs(hash((subject, date, body)))}@test.example>"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(textwrap.dedent(body).strip() + "\n", subtype="html" if html else "plain")
    return msg.as_bytes()


class Applicant:
    """A temp dir holding config.toml, a Maildir and the state dir; runs the real CLI."""

    def __init__(self, root: Path, programs: str = LAKESIDE, extra: str = "") -> None:
        self.root = root
        self.box = Maildir(root / "mail")
        self.config = root / "config.toml"
        self.config.write_text(BASE_CONFIG + extra + programs)

    def deliver(self, raw: bytes, folder: str = "inbox") -> Path:
        return self.box.deliver(raw, folder)  # type: ignore[arg-type]

    def run(self, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
        code = 0
        try:
            main([*args, "--config", str(self.config)])
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    def drafts(self) -> list[EmailMessage]:
        out = []
        for path in self.box.drafts():
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            assert isinstance(msg, EmailMessage)
            out.append(msg)
        return out

    def recipients(self) -> list[str]:
        return sorted(a.addr_spec for d in self.drafts() for a in d["To"].addresses)

    def draft_to(self, address: str) -> EmailMessage:
        (found,) = [d for d in self.drafts() if address in str(d["To"])]
        return found

    @staticmethod
    def text(msg: EmailMessage) -> str:
        part = msg.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())
