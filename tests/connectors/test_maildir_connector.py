from __future__ import annotations

import email
import email.policy
import json
import os
import stat
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from connectors import maildir
from connectors.base import DraftRef, Folder, PullRequest
from connectors.errors import ConnectorError
from connectors.maildir import MaildirAccount, MaildirConnector
from connectors.maildir_cursor import Cursor
from tests.support.contract import ConnectorContract, edited, rfc822, stored
from tests.support.mailbox import Maildir, files_read


class MaildirHarness:
    def __init__(self, root: Path) -> None:
        self.box = Maildir(root)

    def connector(self) -> MaildirConnector:
        account = MaildirAccount(name="school", provider="maildir", path=self.box.root)
        return MaildirConnector(account, self.box.root.parent / "state")

    def deliver(self, raw: bytes, folder: Folder) -> None:
        self.box.deliver(raw, folder)

    def delete_draft(self, ref: DraftRef) -> None:
        for path in self.box.drafts():
            if path.name.startswith(ref.provider_id):
                path.unlink()

    def edit_draft(
        self, ref: DraftRef, text: str, *, keep_marker: bool = True, keep_message_id: bool = True
    ) -> None:
        """As mutt re-postpones a draft: a new file in place of the old."""
        (path,) = [p for p in self.box.drafts() if p.name.startswith(ref.provider_id)]
        raw = edited(
            path.read_bytes(), text, keep_marker=keep_marker, keep_message_id=keep_message_id
        )
        (path.parent / f"{time.time_ns()}.edited.host:2,DS").write_bytes(
            raw.replace(b"\r\n", b"\n")
        )
        path.unlink()

    def draft_thread(self, ref: DraftRef) -> str | None:
        for path in self.box.drafts():
            if path.name.startswith(ref.provider_id):
                msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                return str(msg["In-Reply-To"])
        return None


class TestMaildirContract(ConnectorContract):
    @pytest.fixture
    def mailbox(self, tmp_path: Path) -> MaildirHarness:
        return MaildirHarness(tmp_path / "mail")


def _request() -> PullRequest:
    return PullRequest(since=None)


def test_draft_is_written_atomically_with_the_draft_flag(tmp_path: Path) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    from tests.support.contract import _draft

    harness.connector().create_draft(_draft("k:1"))
    (path,) = harness.box.drafts()
    assert path.parent.name == "cur" and path.name.endswith(":2,D")
    assert list((harness.box.root / ".Drafts" / "tmp").iterdir()) == []
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert msg["X-Residency-Agent"] == "k:1"
    assert msg.get_content_type() == "multipart/alternative"
    assert b"\r\n" not in path.read_bytes()  # local mail uses Unix line endings


def test_broken_and_unreadable_files_are_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    harness.deliver(b"\xff\xfe not mail at all \x00\x01", "inbox")
    harness.deliver(
        b"Subject: =?x-unknown?q?caf=E9?=\nContent-Type: text/plain; charset=x-bogus\n\n\xe9t\xe9",
        "inbox",
    )
    harness.deliver(rfc822(subject="Fine"), "inbox")
    locked = harness.box.root / "cur" / "locked:2,S"
    locked.write_bytes(rfc822(subject="Locked"))
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads anything: make it vanish-like instead
        locked.unlink()
        locked.mkdir()
    pull = harness.connector().pull(None, _request())
    subjects = sorted(m.subject for m in pull.messages)
    assert "Fine" in subjects
    assert len(pull.messages) == 3  # the two broken messages degrade, never crash
    assert any("locked" in r.getMessage() for r in caplog.records)
    locked.chmod(stat.S_IRWXU)


def test_missing_date_and_message_id_are_synthesized(tmp_path: Path) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    harness.deliver(b"From: a@b.org\nSubject: hi\n\nbody\n", "inbox")
    (msg,) = harness.connector().pull(None, _request()).messages
    assert msg.message_id.endswith("@missing-id.invalid>")
    assert msg.date.tzinfo is not None and msg.date.year >= 2026


def test_huge_attachment_is_cut_not_fatal(tmp_path: Path) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    blob = b"A" * (12 * 1024 * 1024)
    harness.deliver(
        b"From: a@b.org\nSubject: big\nContent-Type: multipart/mixed; boundary=XX\n\n"
        b"--XX\nContent-Type: text/plain\n\nthe text\n--XX\n"
        b"Content-Type: application/pdf\nContent-Disposition: attachment\n\n"
        + blob
        + b"\n--XX--\n",
        "inbox",
    )
    (msg,) = harness.connector().pull(None, _request()).messages
    assert msg.body is not None and msg.body.strip() == "the text"


def test_a_long_message_is_read_whole_past_the_first_read(tmp_path: Path) -> None:
    # The text comes after a 90 KB attachment: past the first 64 KB read.
    harness = MaildirHarness(tmp_path / "mail")
    harness.deliver(
        b"From: a@b.org\nSubject: long\nContent-Type: multipart/mixed; boundary=XX\n\n"
        b"--XX\nContent-Type: application/pdf\nContent-Disposition: attachment\n\n"
        + b"x" * (90 * 1024)
        + b"\n--XX\nContent-Type: text/plain\n\nYour interview is on Monday.\n--XX--\n",
        "inbox",
    )
    (msg,) = harness.connector().pull(None, _request()).messages
    assert msg.body is not None and msg.body.strip() == "Your interview is on Monday."


@pytest.mark.parametrize("hidden", [".nfs0000000001", ".mutt-lock"])
@pytest.mark.parametrize("among", [0, 3])  # the only file, or one among others
def test_hidden_files_are_not_mail(tmp_path: Path, hidden: str, among: int) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    (harness.box.root / "new" / hidden).write_bytes(rfc822(subject="Hidden"))
    for n in range(among):
        harness.deliver(rfc822(subject=f"Real {n}"), "inbox")
    subjects = sorted(m.subject for m in harness.connector().pull(None, _request()).messages)
    assert subjects == [f"Real {n}" for n in range(among)]


def test_flag_change_by_the_mua_is_not_a_new_message(tmp_path: Path) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    harness.deliver(rfc822(subject="One"), "inbox")
    connector = harness.connector()
    first = connector.pull(None, _request())
    assert [m.subject for m in first.messages] == ["One"]
    (path,) = list((harness.box.root / "new").iterdir())
    os.rename(path, harness.box.root / "cur" / f"{path.name}:2,S")  # seen: new/ to cur/
    again = connector.pull(stored(first), _request())
    assert again.messages == []
    os.rename(harness.box.root / "cur" / f"{path.name}:2,S", harness.box.root / "cur" / path.name)
    assert connector.pull(stored(again), _request()).messages == []  # its flags changed


def _cursor_names(cursor: str, connector: MaildirConnector) -> set[str]:
    state = Cursor.load(cursor)
    dirs = [os.path.join(connector.root, sub) for sub in ("new", "cur")]
    texts = [state.known(directory, connector.names) for directory in dirs]
    return {name for text in texts if text for name in text.split("\n")}


def test_a_pass_reads_only_names_it_has_not_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    for n in range(30):
        harness.deliver(rfc822(subject=f"Old {n}"), "inbox")
    connector = harness.connector()
    first = connector.pull(None, _request())
    assert len(first.messages) == 30 and len(_cursor_names(stored(first), connector)) == 30
    next((harness.box.root / "new").iterdir()).unlink()  # one of the thirty, deleted
    harness.deliver(rfc822(subject="New"), "inbox")
    read = files_read(monkeypatch)
    time.sleep(0.01)
    again = connector.pull(stored(first), _request())
    assert [m.subject for m in again.messages] == ["New"]
    assert len(read) == 1  # the thirty it knew were not even looked at
    assert len(_cursor_names(stored(again), connector)) == 30  # the deleted one forgotten


def test_a_cursor_of_the_older_kind_reads_the_mailbox_once_more(tmp_path: Path) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    harness.deliver(rfc822(subject="One"), "inbox")
    old = json.dumps({"ctime_ns": time.time_ns(), "dirs": {}, "edge": [], "retry": []})
    pull = harness.connector().pull(old, _request())
    assert [m.subject for m in pull.messages] == ["One"]
    assert harness.connector().pull(stored(pull), _request()).messages == []


def test_not_a_maildir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConnectorError, match="is not a Maildir"):
        MaildirConnector(MaildirAccount(name="x", provider="maildir", path=tmp_path), tmp_path)


def test_since_uses_the_message_date(tmp_path: Path) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    harness.deliver(rfc822(subject="x", date=datetime(2026, 8, 1, tzinfo=UTC)), "inbox")
    since = datetime(2026, 9, 1, tzinfo=UTC)
    assert harness.connector().pull(None, PullRequest(since=since)).messages == []


def test_mail_arriving_in_new_does_not_list_the_rest_of_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = MaildirHarness(tmp_path / "mail")
    harness.deliver(rfc822(subject="Read"), "inbox")
    (path,) = list((harness.box.root / "new").iterdir())
    os.rename(path, harness.box.root / "cur" / f"{path.name}:2,S")  # the client read it
    past = time.time() - 10  # the last pass ran a while ago: every directory has settled
    for directory in harness.box.root.rglob("*"):
        if directory.name in ("new", "cur"):
            os.utime(directory, (past, past))
    connector = harness.connector()
    first = connector.pull(None, _request())
    assert [m.subject for m in first.messages] == ["Read"]
    harness.deliver(rfc822(subject="Arrived"), "inbox")
    listed: list[str] = []
    real = maildir.listing

    def recording(directory: str) -> str:
        listed.append(os.path.relpath(directory, harness.box.root))
        return real(directory)

    monkeypatch.setattr(maildir, "listing", recording)
    again = connector.pull(stored(first), _request())
    assert [m.subject for m in again.messages] == ["Arrived"]
    assert listed == ["new"]  # cur/, where the bulk of a mailbox lies, was not listed
