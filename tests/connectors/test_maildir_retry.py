"""A Maildir file that could not be read is read again on a later pass once it can be."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

import connectors.maildir as maildir
from connectors.base import PullRequest
from connectors.maildir import MaildirAccount, MaildirConnector
from tests.support.contract import rfc822, stored
from tests.support.mailbox import Maildir


def _connector(box: Maildir) -> MaildirConnector:
    account = MaildirAccount(name="school", provider="maildir", path=box.root)
    return MaildirConnector(account, box.root.parent / "state")


def _settled(box: Maildir) -> None:
    """Directories last changed an hour ago: the pass may skip any it saw unchanged."""
    past = time.time() - 3600
    for sub in ("new", "cur"):
        os.utime(box.root / sub, (past, past))


_OPEN = os.open  # the real one, for every other file


def _deny(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Permission denied on one file (as root, chmod alone would not stop the read)."""

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return _OPEN(file, *args, **kwargs)

    monkeypatch.setattr(maildir.os, "open", guarded)


def test_a_file_skipped_as_unreadable_is_read_once_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    box = Maildir(tmp_path / "mail")
    locked = box.deliver(rfc822(subject="Locked"))
    box.deliver(rfc822(subject="Fine"))
    _settled(box)
    connector, request = _connector(box), PullRequest(since=None)

    _deny(monkeypatch, locked)
    first = connector.pull(None, request)
    assert [m.subject for m in first.messages] == ["Fine"]
    assert any("read again" in r.getMessage() for r in caplog.records)

    still = connector.pull(stored(first), request)  # still locked: nothing, and no crash
    assert still.messages == []

    monkeypatch.undo()  # the applicant fixed the permissions; nothing else changed
    again = connector.pull(stored(still), request)
    assert [m.subject for m in again.messages] == ["Locked"]

    assert connector.pull(stored(again), request).messages == []  # read once, then done


def test_a_file_moved_away_while_listed_is_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = Maildir(tmp_path / "mail")
    gone = box.deliver(rfc822(subject="Moved"))

    def vanished(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(gone):
            raise FileNotFoundError(2, "No such file", str(file))
        return _OPEN(file, *args, **kwargs)

    monkeypatch.setattr(maildir.os, "open", vanished)
    pull = _connector(box).pull(None, PullRequest(since=None))
    assert pull.messages == []
    assert '"retry": []' in pull.cursor
