"""A Maildir pull with many files to read splits them with a forked child: the result is
exactly the one-process pull's, a child that dies costs no mail, and progress counts each
file once, from this process only."""

from __future__ import annotations

import builtins
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import connectors.maildir as maildir
import connectors.maildir_halves as halves
from connectors import second_core
from connectors.base import MailMessage, Pull, PullRequest
from connectors.maildir import MaildirAccount, MaildirConnector
from connectors.maildir_cursor import Cursor
from tests.support.contract import rfc822, stored
from tests.support.mailbox import Maildir
from tests.support.second_core_spy import answers

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux")

SINCE = datetime(2026, 9, 1, tzinfo=UTC)
INBOX, SENT = 160, 40


@pytest.fixture
def box(tmp_path: Path) -> Maildir:
    """Program mail among newsletters, before and during the season, inbox and sent."""
    box = Maildir(tmp_path / "mail")
    for n in range(INBOX + SENT):
        program = n % 7 == 3
        sender = "Ana Lopez <alopez@lakesidemed.org>" if program else f"p{n}@list.example"
        date = SINCE + timedelta(days=n % 90 - 10)  # a tenth before the season
        raw = rfc822(subject=f"{'Interview' if program else 'News'} {n}", sender=sender, date=date)
        box.deliver(raw, "inbox" if n < INBOX else "sent")
    return box


@pytest.fixture
def split(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """Split from 10 names on, a second CPU or not; the files each child said it read
    (None: it gave no answer)."""
    monkeypatch.setattr(halves, "MIN_SPLIT", 10)
    monkeypatch.setattr(second_core, "available", lambda: True)
    counts: list[int | None] = answers(monkeypatch, lambda reading: reading.count)
    return counts


def _pull(box: Maildir, request: PullRequest) -> Pull:
    """The pull, its cursor with each folder's names in place of the file holding them."""
    account = MaildirAccount(name="school", provider="maildir", path=box.root)
    connector = MaildirConnector(account, box.root.parent / "state")
    pull = connector.pull(None, request)
    cursor = Cursor.load(stored(pull))
    names = {d: cursor.known(d, connector.names) for d in cursor.refs}
    seen = {"dirs": cursor.dirs, "names": names, "retry": sorted(cursor.retry)}
    return replace(pull, cursor=json.dumps(seen, sort_keys=True))


def _request(progress: Any = None, kept: frozenset[str] = frozenset()) -> PullRequest:
    return PullRequest(
        since=SINCE,
        wants_body=lambda m: m.subject.startswith("Interview"),
        header_filter=lambda raw, folder: b"lakesidemed" in raw or folder == "sent",
        progress=progress,
        kept=kept,
    )


def _dies_in_child(
    monkeypatch: pytest.MonkeyPatch, after: int, end: Callable[[], object] = lambda: os._exit(9)
) -> None:
    """A child ends without an answer once it has read ``after`` files (as if killed), or
    does what ``end`` does then."""
    parent, read, files = os.getpid(), MaildirConnector._read, [0]

    def dying(self: MaildirConnector, *args: Any) -> MailMessage | None:
        if os.getpid() != parent:
            files[0] += 1  # the child's own copy of the count
            if files[0] > after:
                end()
        return read(self, *args)

    monkeypatch.setattr(MaildirConnector, "_read", dying)


def _troubled(monkeypatch: pytest.MonkeyPatch, box: Maildir) -> None:
    """Some files vanish as they are opened, others cannot be read: in both halves."""
    files = sorted((box.root / "new").iterdir())
    gone = {str(p) for p in files[5::11]}
    locked = {str(p) for p in files[8::13]}

    def guard(real: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file) in gone:
                raise FileNotFoundError(2, "No such file or directory", str(file))
            if str(file) in locked:
                raise PermissionError(13, "Permission denied", str(file))
            return real(file, *args, **kwargs)

        return guarded

    # Whichever the connector opens files with (as root, chmod alone would not stop it).
    monkeypatch.setattr(maildir, "open", guard(builtins.open), raising=False)
    monkeypatch.setattr(maildir.os, "open", guard(os.open))


def test_a_split_pull_is_exactly_the_one_process_pull(
    box: Maildir, monkeypatch: pytest.MonkeyPatch, split: list[int | None]
) -> None:
    _troubled(monkeypatch, box)
    kept = sorted((box.root / "new").iterdir())[20:24]
    request = _request(kept=frozenset(f"inbox/{p.name}" for p in kept))

    both = _pull(box, request)
    monkeypatch.setattr(halves, "MIN_SPLIT", 10**9)
    alone = _pull(box, request)

    assert split and all(answer for answer in split)  # each child read files and answered
    assert [m.subject for m in both.messages] == [m.subject for m in alone.messages]
    assert both == alone  # the messages, their order, the cursor (names, retries), full
    assert '"retry": ["new/' in both.cursor and len(both.messages) > 15


def test_a_child_that_dies_costs_no_mail(
    box: Maildir,
    monkeypatch: pytest.MonkeyPatch,
    split: list[int | None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(halves, "MIN_SPLIT", 10**9)
    alone = _pull(box, _request())
    monkeypatch.setattr(halves, "MIN_SPLIT", 10)
    _dies_in_child(monkeypatch, after=10)  # in the inbox's half (80 names) and sent's (20)

    with caplog.at_level(logging.WARNING, logger="connectors.second_core"):
        both = _pull(box, _request())

    assert len(split) == 2 and split == [None, None]
    assert both == alone
    assert len([r for r in caplog.records if "second process failed" in r.getMessage()]) == len(
        split
    )


def test_a_child_that_hangs_is_given_up_on_and_costs_no_mail(
    box: Maildir, monkeypatch: pytest.MonkeyPatch, split: list[int | None]
) -> None:
    monkeypatch.setattr(halves, "MIN_SPLIT", 10**9)
    alone = _pull(box, _request())
    monkeypatch.setattr(halves, "MIN_SPLIT", 10)
    monkeypatch.setattr(second_core, "STUCK_AFTER_S", 0.5)

    def stuck() -> None:  # as on a lock, for 20 s (then gone: a test must end)
        time.sleep(20)
        os._exit(9)

    _dies_in_child(monkeypatch, after=10, end=stuck)

    started = time.monotonic()
    both = _pull(box, _request())

    assert time.monotonic() - started < 10  # not the 2 x 20 s the children would sleep
    assert split == [None, None]
    assert both == alone


def test_progress_counts_each_file_once_and_only_here(
    box: Maildir, monkeypatch: pytest.MonkeyPatch, split: list[int | None], tmp_path: Path
) -> None:
    monkeypatch.setattr(halves, "PROGRESS_EVERY", 10)
    told = tmp_path / "told"

    def progress(count: int) -> None:  # a file: a child's calls would be seen too
        with open(told, "a") as fh:
            fh.write(f"{os.getpid()} {count}\n")

    def calls() -> list[tuple[int, int]]:
        lines = told.read_text().split()
        told.unlink()
        return [(int(pid), int(count)) for pid, count in zip(lines[::2], lines[1::2], strict=True)]

    for dies in (False, True):
        if dies:
            _dies_in_child(monkeypatch, after=10)
        _pull(box, _request(progress))
        told_here = calls()
        assert {pid for pid, _ in told_here} == {os.getpid()}  # never from a child
        counts = [count for _, count in told_here]
        assert counts[-1] == max(counts) == INBOX + SENT  # every file once, none twice
        assert counts == sorted(counts) and len(counts) >= (INBOX + SENT) // 10 // 2
    assert split[0] is not None and split[-1] is None  # a child answered, then one died
