"""The Maildir cursor: a folder's new names found by walking two listings in order (never
missing one, whatever the order), and its names kept in files beside the state."""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest

from connectors.base import PullRequest
from connectors.maildir import MaildirAccount, MaildirConnector
from connectors.maildir_cursor import Cursor, _walked, unique_names, unseen
from tests.support.contract import rfc822, stored
from tests.support.mailbox import Maildir, files_read


def _names(rng: random.Random, count: int) -> list[str]:
    return [f"{1788000000 + rng.randrange(10**6)}.M{n}P{rng.randrange(99)}.h" for n in range(count)]


def _edited(rng: random.Random, known: list[str], put: int, taken: int) -> list[str]:
    """``known`` in the same order with ``taken`` names removed and ``put`` new ones placed
    anywhere (as a directory hashed by name lists them)."""
    listing = list(known)
    for _ in range(min(taken, len(listing))):
        listing.pop(rng.randrange(len(listing)))
    for n in range(put):
        listing.insert(rng.randrange(len(listing) + 1), f"9{n}.new{rng.randrange(10**9)}.host")
    return listing


@pytest.mark.parametrize("seed", range(40))
def test_names_put_in_and_taken_out_in_place_are_found_exactly_by_walking(seed: int) -> None:
    rng = random.Random(seed)
    known = _names(rng, rng.choice([1, 5, 300, 3000]))
    listing = _edited(rng, known, put=rng.randrange(0, 40), taken=rng.randrange(0, 40))
    found = _walked("\n".join(listing), "\n".join(known))
    assert found is not None  # few differences in a stable order: walked, not set-compared
    assert sorted(found) == sorted(set(listing) - set(known))


@pytest.mark.parametrize("seed", range(40))
def test_a_new_name_is_never_missed_whatever_the_order(seed: int) -> None:
    """A file system that lists in another order each time may cost reading known names
    again (or a set comparison), never a new name."""
    rng = random.Random(1000 + seed)
    known = _names(rng, rng.choice([2, 50, 2000]))
    listing = _edited(rng, known, put=rng.randrange(0, 30), taken=rng.randrange(0, 30))
    if seed % 2:
        rng.shuffle(listing)
    else:  # a few known names moved elsewhere in the order
        for _ in range(rng.randrange(1, 20)):
            moved = listing.pop(rng.randrange(len(listing)))
            listing.insert(rng.randrange(len(listing) + 1), moved)
    text, before = "\n".join(listing), "\n".join(known)
    if seed % 2 == 0 and len(known) > 50:  # a few moves are walked, not set-compared
        assert _walked(text, before) is not None
    found = set(unseen(text, before))
    assert set(listing) - set(known) <= found <= set(listing)


def test_edge_listings() -> None:
    assert unseen("", "") == [] and unseen("", "a\nb") == []
    assert unseen("a\nb", "") == ["a", "b"]
    assert unseen("a\nb", "a\nb") == []
    assert unseen("a\nab\nb", "a\nb") == ["ab"]  # a name that begins like its neighbour
    assert unseen("x\ny", "a\nb") == ["x", "y"]  # nothing in common
    assert set(unseen("b\na", "a\nb")) <= {"a", "b"}  # swapped: read again at most


def test_flags_are_not_part_of_a_name() -> None:
    assert unique_names("1.M1.h:2,S\n2.M2.h\n3.M3.h:2,RS") == "1.M1.h\n2.M2.h\n3.M3.h"
    plain = "1.M1.h\n2.M2.h"
    assert unique_names(plain) is plain


def _settled(box: Maildir) -> None:
    past = time.time() - 10
    for base in (box.root, box.sent):
        for sub in ("new", "cur"):
            os.utime(base / sub, (past, past))


@pytest.fixture
def box(tmp_path: Path) -> Maildir:
    box = Maildir(tmp_path / "mail")
    for n in range(20):
        box.deliver(rfc822(subject=f"Old {n}"), "inbox")
    return box


def _connector(box: Maildir) -> MaildirConnector:
    account = MaildirAccount(name="school", provider="maildir", path=box.root)
    return MaildirConnector(account, box.root.parent / "state")


def _request() -> PullRequest:
    return PullRequest(since=None)


def test_the_cursor_names_files_written_only_when_it_is_stored(box: Maildir) -> None:
    connector = _connector(box)
    pull = connector.pull(None, _request())
    assert "Old" not in pull.cursor and len(pull.cursor) < 2000
    assert not connector.names.directory.exists()  # a dry run stores nothing: writes nothing
    cursor = stored(pull)
    refs = json.loads(cursor)["names"]
    names = Cursor.load(cursor).known(str(box.root / "new"), connector.names)
    assert names is not None and len(names.split("\n")) == 20
    written = sorted(p.name for p in connector.names.directory.iterdir())
    assert written == sorted(f"{ref}.names" for ref in refs.values())


def test_a_folder_unchanged_keeps_its_file_and_a_changed_one_gets_a_new_one(
    box: Maildir, monkeypatch: pytest.MonkeyPatch
) -> None:
    connector = _connector(box)
    first = stored(connector.pull(None, _request()))
    _settled(box)
    box.deliver(rfc822(subject="New"), "inbox")
    read = files_read(monkeypatch)
    again = stored(connector.pull(first, _request()))
    assert len(read) == 1
    before, after = json.loads(first)["names"], json.loads(again)["names"]
    new, cur = str(box.root / "new"), str(box.root / "cur")
    assert after[cur] == before[cur] and after[new] != before[new]
    left = {p.name.removesuffix(".names") for p in connector.names.directory.iterdir()}
    assert left == set(before.values()) | set(after.values())  # the stored one's until replaced


def test_what_a_pass_that_did_not_store_its_cursor_wrote_is_removed(box: Maildir) -> None:
    connector = _connector(box)
    committed = stored(connector.pull(None, _request()))
    box.deliver(rfc822(subject="New"), "inbox")
    failed = stored(connector.pull(committed, _request()))  # saved, then the pass failed
    kept = set(json.loads(committed)["names"].values())
    orphans = set(json.loads(failed)["names"].values()) - kept
    assert orphans
    again = connector.pull(committed, _request())  # the next pass starts from the stored one
    assert [m.subject for m in again.messages] == ["New"]
    cursor = stored(again)
    left = {p.name.removesuffix(".names") for p in connector.names.directory.iterdir()}
    assert not orphans & left
    assert set(json.loads(cursor)["names"].values()) <= left
    assert kept <= left


def test_a_lost_names_file_costs_reading_that_folder_again_not_mail(box: Maildir) -> None:
    connector = _connector(box)
    first = stored(connector.pull(None, _request()))
    _settled(box)
    for path in connector.names.directory.iterdir():
        path.unlink()
    box.deliver(rfc822(subject="New"), "inbox")
    again = connector.pull(first, _request())
    assert len(again.messages) == 21  # new/ read whole again; the engine keeps each once
    assert connector.pull(stored(again), _request()).messages == []


def test_a_cursor_holding_its_names_is_read_on_without_reading_the_mailbox_again(
    box: Maildir, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A state from before the names moved beside it (cursor version 2)."""
    connector = _connector(box)
    first = Cursor.load(stored(connector.pull(None, _request())))
    names = {d: first.known(d, connector.names) for d in first.refs}
    old = json.dumps({"v": 2, "dirs": first.dirs, "names": names, "retry": []})
    _settled(box)
    box.deliver(rfc822(subject="New"), "inbox")
    read = files_read(monkeypatch)
    again = connector.pull(old, _request())
    assert [m.subject for m in again.messages] == ["New"] and len(read) == 1
    cursor = stored(again)
    assert json.loads(cursor)["v"] == 3
    assert connector.pull(cursor, _request()).messages == []


def test_a_folder_listed_just_after_it_changed_is_listed_again(
    box: Maildir, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file delivered in the same clock tick as the change before a listing leaves the
    folder's mtime as it was: the next pass must not take the folder for unchanged."""
    connector = _connector(box)
    first = stored(connector.pull(None, _request()))  # new/ changed a moment ago
    new = box.root / "new"
    tick = new.stat().st_mtime_ns
    box.deliver(rfc822(subject="Same tick"), "inbox")
    os.utime(new, ns=(tick, tick))
    later = time.time_ns() + 60 * 10**9  # the next pass, a minute on
    monkeypatch.setattr(time, "time_ns", lambda: later)
    again = connector.pull(first, _request())
    assert [m.subject for m in again.messages] == ["Same tick"]
    assert connector.pull(stored(again), _request()).messages == []  # settled now: recorded
