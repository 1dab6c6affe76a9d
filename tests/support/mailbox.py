"""A real Maildir++ on disk for tests: deliver messages the way an MDA does."""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Any

import pytest

from connectors.base import Folder, MailMessage
from connectors.maildir import MaildirConnector

_counter = itertools.count()


class Maildir:
    def __init__(self, root: Path, sent: str = "Sent", drafts: str = "Drafts") -> None:
        self.root = root
        self.sent = root / f".{sent}"
        self.drafts_dir = root / f".{drafts}"
        for base in (root, self.sent, self.drafts_dir):
            for sub in ("tmp", "new", "cur"):
                (base / sub).mkdir(parents=True, exist_ok=True)

    def deliver(self, raw: bytes, folder: Folder = "inbox") -> Path:
        base = self.root if folder == "inbox" else self.sent
        name = f"{next(_counter):08d}.{os.getpid()}.test"
        tmp = base / "tmp" / name
        tmp.write_bytes(raw)
        # Mail in the inbox arrives in new/; the MUA files what the user sent straight in cur/.
        final = base / "new" / name if folder == "inbox" else base / "cur" / f"{name}:2,S"
        os.rename(tmp, final)
        return final

    def drafts(self) -> list[Path]:
        return sorted(
            p for sub in ("new", "cur") for p in (self.drafts_dir / sub).iterdir() if p.is_file()
        )


def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the Maildir connector reads from now on (each time it does)."""
    read: list[str] = []
    real = MaildirConnector._read

    def counting(self: MaildirConnector, path: str, *args: Any) -> MailMessage | None:
        read.append(os.path.basename(path))
        return real(self, path, *args)

    monkeypatch.setattr(MaildirConnector, "_read", counting)
    return read
