"""Print a draft file as a reader sees it: the headers that matter, then the plain text.

Used by the demo (`python -m agent.cli.show FILE`); any RFC 5322 file works.
"""

from __future__ import annotations

import email
import email.policy
import sys
from email.message import EmailMessage
from pathlib import Path


def show(path: Path) -> str:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    lines = [
        f"{name}: {msg[name]}" for name in ("From", "To", "Subject", "In-Reply-To") if msg[name]
    ]
    body = msg.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    return "\n".join(lines) + "\n\n" + text.rstrip() + "\n"


if __name__ == "__main__":
    for name in sys.argv[1:]:
        sys.stdout.write(show(Path(name)))
