"""Logging for `agent run`: a rotating owner-only file in the state dir, and stderr.

What reaches INFO and above never carries a third party's full address or a token: the
`PrivacyFilter` masks them on every handler (DEBUG, which the user asks for with -vv,
is left as is). Message bodies are never logged anywhere; that is a rule for the callers.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
from collections.abc import Iterable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from connectors.files import private_dir

LOG_NAME = "agent.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_ADDRESS = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)")
_SECRET = re.compile(
    r"(?i)\b(bearer\s+|(?:access|refresh|id)_token[\"']?\s*[:=]\s*[\"']?)[\w.~+/=-]{8,}"
)


def mask_address(local: str, domain: str) -> str:
    return f"{local[:1]}***@{domain}"


def mask(text: str, keep: frozenset[str]) -> str:
    """Third-party addresses become ``p***@domain``; the applicant's stay; tokens go."""

    def address(m: re.Match[str]) -> str:
        whole = m.group(0)
        return whole if whole.lower() in keep else mask_address(m.group(1), m.group(2))

    text = _ADDRESS.sub(address, text)
    return _SECRET.sub(lambda m: f"{m.group(1)}[redacted]", text)


class PrivacyFilter(logging.Filter):
    """Rewrites INFO-and-above records in place before any handler formats them."""

    def __init__(self, applicant_addresses: Iterable[str]) -> None:
        super().__init__()
        self.keep = frozenset(a.lower() for a in applicant_addresses)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO or getattr(record, "_masked", False):
            return True
        record.msg = mask(record.getMessage(), self.keep)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text, self.keep)
        record._masked = True
        return True


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files, the first and every rotated one, are 0600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return open(fd, "a", encoding=self.encoding or "utf-8", errors=self.errors)


def log_path(state_dir: Path) -> Path:
    return state_dir / LOG_NAME


def setup(state_dir: Path, applicant_addresses: Iterable[str], *, verbose: int = 0) -> Path:
    """Route the root logger to the state dir's log file and stderr; returns the file's path.

    Replaces what ``logging.basicConfig`` installed, so it may run after the CLI's setup.
    """
    private_dir(state_dir)
    path = log_path(state_dir)
    privacy = PrivacyFilter(applicant_addresses)
    formatter = logging.Formatter(FORMAT)
    to_file = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    to_stderr = logging.StreamHandler(sys.stderr)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in (to_file, to_stderr):
        handler.addFilter(privacy)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose >= 2 else logging.INFO)
    # The scheduler's own chatter ("Running job ...") is noise at INFO.
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if verbose >= 2 else logging.WARNING)
    return path
