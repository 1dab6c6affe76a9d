"""What a pass reads from and writes to the SQLite state (agent/engine/store.py), through a
real state file: the program mail back as it was kept, the facts of one reader version, and
a cursor written only when it changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

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
    return MailMessage(**{**{k: getattr(message, k) for k in message.__slots__}, **fields})


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
    assert Store(tmp_path / "state.sqlite3").cursor("school") == "names: a b c d"
