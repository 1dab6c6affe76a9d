"""What a pass reads from and writes to the SQLite state (agent/engine/store.py), through a
real state file: the program mail back as it was kept with a digest of every field, the facts
of one reader version, and a cursor written only when it changed."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agent.engine.mail_rows import row
from agent.engine.schema import DIGESTS, MIGRATIONS
from agent.engine.store import Store
from connectors.base import Address, MailMessage

NOW = datetime(2026, 11, 20, 14, tzinfo=UTC)


def _mail(n: int, date: datetime, **fields: object) -> MailMessage:
    message = MailMessage(
        id=f"id{n}",
        folder="inbox",
        message_id=f"<{n}@program.example>",
        subject=f"Subject {n}",
        sender=Address("Pat Coordinator", "pat@program.example"),
        to=(Address("Sam", "sam@mail.example"), Address("", "other@mail.example")),
        cc=(Address("Lee", "lee@program.example"),),
        date=date,
        in_reply_to="<0@program.example>",
        references=("<a@x>", "<0@program.example>"),
        thread_hint="thread-1",
        body=f"Body {n}\nwith two lines",
    )
    return replace(message, **fields)


def _saved_at(store: Store) -> str:
    return str(store.db.execute("SELECT saved_at FROM cursors").fetchone()[0])


def test_messages_come_back_as_kept_oldest_first_ties_in_the_order_kept(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    day = datetime(2026, 10, 1, 9, tzinfo=UTC)
    kept = [
        _mail(1, day + timedelta(days=2)),
        _mail(2, day),  # the same moment as 3, kept before it
        _mail(3, day, sender=None, cc=(), in_reply_to=None, references=(), thread_hint=None),
        _mail(4, day + timedelta(seconds=1, microseconds=5)),
        _mail(5, day - timedelta(days=1), folder="sent"),
    ]
    store.record_pull("school", kept[:3], "c1", NOW)
    store.record_pull("school", kept[3:], "c2", NOW)
    store.record_pull("home", [_mail(6, day)], "c1", NOW)
    read = store.messages()
    assert read["school"] == [kept[4], kept[1], kept[2], kept[3], kept[0]]
    assert read["home"] == [_mail(6, day)]
    assert [m.id for m in read["school"]] == ["id5", "id2", "id3", "id4", "id1"]


def test_facts_are_those_of_one_reader_version_alone(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.save_facts("ab", {"ab|x": "1", "ab|": "2", "abc|y": "3", "a|z": "4", "ab}|w": "5"})
    assert store.facts("ab") == {"ab|x": "1", "ab|": "2"}
    store.save_facts("abc", {"abc|y": "6"})
    assert store.facts("abc") == {"abc|y": "6"}
    assert store.facts("ab") == {}  # another version's facts are forgotten when it saves
    assert store.db.execute("SELECT count(*) FROM facts").fetchone()[0] == 1


def test_a_cursor_is_written_only_when_it_changed(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.record_pull("school", [], "names: a b c", NOW)
    store.record_pull("school", [], "names: a b c", NOW + timedelta(hours=1))
    assert store.cursor("school") == "names: a b c"
    assert _saved_at(store) == NOW.isoformat()  # the same cursor: the row was left alone
    store.record_pull("school", [], "names: a b c d", NOW + timedelta(hours=2))
    assert store.cursor("school") == "names: a b c d"
    assert _saved_at(store) == (NOW + timedelta(hours=2)).isoformat()
    store.close()
    again = Store(tmp_path / "state.sqlite3")
    assert again.cursor("school") == "names: a b c d"
    again.record_pull("school", [], "names: a b c d", NOW + timedelta(hours=3))
    assert _saved_at(again) == (NOW + timedelta(hours=2)).isoformat()  # as read: not written
    # Forgotten (the programs changed), then pulled to the same place: written again.
    again.restart_reading("fingerprint", {})
    again.record_pull("school", [], "names: a b c d", NOW + timedelta(hours=4))
    assert again.cursor("school") == "names: a b c d"
    # A pull whose writing failed leaves the cursor as it was, and the next one writes its own.
    fails = _mail(1, DAY)
    object.__setattr__(fails, "date", "not a date")
    with pytest.raises(AttributeError):
        again.record_pull("school", [fails], "names: e", NOW)
    assert Store(tmp_path / "state.sqlite3").cursor("school") == "names: a b c d"
    again.record_pull("school", [], "names: e", NOW + timedelta(hours=5))
    assert Store(tmp_path / "state.sqlite3").cursor("school") == "names: e"


DAY = datetime(2026, 10, 1, 9, tzinfo=UTC)
CHANGES: dict[str, object] = {
    "id": "other",
    "folder": "sent",
    "message_id": "<9@program.example>",
    "subject": "Subject 1.",
    "sender": Address("Pat Coordinator", "pat2@program.example"),
    "to": (Address("Sam", "sam@mail.example"),),
    "cc": (),
    "date": DAY + timedelta(microseconds=1),
    "in_reply_to": None,
    "references": ("<a@x>",),
    "thread_hint": "thread-2",
    "body": "Body 1\nwith two lines.",
}


def test_each_message_read_back_carries_a_digest_that_changes_with_every_field(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "state.sqlite3")
    base = _mail(1, DAY)
    store.record_pull("base", [base], "c", NOW)
    store.record_pull("same", [base], "c", NOW)  # the same message in another account
    for name, value in CHANGES.items():
        store.record_pull(name, [replace(base, **{name: value})], "c", NOW)
    read = store.messages()
    digest = read["base"][0].digest
    assert digest is not None and read["same"][0].digest == digest
    for name, value in CHANGES.items():
        (changed,) = read[name]
        assert getattr(changed, name) == value, name
        assert changed.digest not in (None, digest), name
    assert len({m[0].digest for m in read.values()}) == len(CHANGES) + 1


def test_a_message_updated_in_place_gets_the_digest_of_what_it_now_is(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    base = _mail(1, DAY)
    store.record_pull("school", [base], "c", NOW)
    (before,) = store.messages()["school"]
    # A provider moved it and gave its body again: the row is updated, not added.
    moved = replace(base, folder="sent", thread_hint="thread-9", body="Body, fetched again")
    store.record_pull("school", [moved], "c", NOW)
    (after,) = store.messages()["school"]
    assert after == moved and after.digest != before.digest
    fresh = Store(tmp_path / "fresh.sqlite3")
    fresh.record_pull("school", [moved], "c", NOW)
    assert after.digest == fresh.messages()["school"][0].digest
    # Pulled again without its body: the body kept is the one read back, and its digest.
    store.record_pull("school", [replace(moved, body=None)], "c", NOW)
    assert store.messages()["school"][0].digest == after.digest


def test_messages_kept_before_digests_get_one_read_back_and_at_the_next_pull(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.record_pull("school", [_mail(1, DAY), _mail(2, DAY)], "c", NOW)
    kept = {m.id: m.digest for m in store.messages()["school"]}
    store.db.execute("UPDATE messages SET digest = NULL")  # as the upgrade leaves them
    assert {m.id: m.digest for m in store.messages()["school"]} == kept
    store.record_pull("school", [], "c", NOW)
    rows = store.db.execute("SELECT id, digest FROM messages").fetchall()
    assert dict(rows) == kept


def test_a_state_of_the_version_before_digests_is_read_without_upgrading_it(
    tmp_path: Path,
) -> None:
    assert "ADD COLUMN digest" in MIGRATIONS[DIGESTS - 1]
    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[: DIGESTS - 1], start=1):
        for statement in filter(str.strip, script.split(";")):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
    message = _mail(1, DAY)
    db.execute("INSERT INTO messages VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", row("school", message)[:12])
    db.close()
    old = Store(path, readonly=True)  # as `agent status` reads it: no upgrade, no write
    (read,) = old.messages()["school"]
    assert old.schema_version == DIGESTS - 1
    assert read == message and read.digest == row("school", message)[12]
    old.close()
    upgraded = Store(path)
    upgraded.record_pull("school", [], "c", NOW)
    assert upgraded.db.execute("SELECT digest FROM messages").fetchone()[0] == read.digest
