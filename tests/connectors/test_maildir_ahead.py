"""Maildir folders listed ahead on the second core while the program starts: taken only
while still current, never at the cost of a name, and started by `agent sync` alone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.cli.start import list_ahead
from connectors import maildir_ahead, second_core
from connectors.base import PullRequest
from connectors.maildir import UNSETTLED, MaildirAccount, MaildirConnector
from connectors.maildir_cursor import Cursor
from tests.support.contract import rfc822, stored
from tests.support.mailbox import Maildir

pytestmark = pytest.mark.skipif(
    not second_core.available(), reason="listing ahead needs Linux and a second CPU"
)


@pytest.fixture(autouse=True)
def _no_child_left() -> Iterator[None]:
    yield
    maildir_ahead.discard()


@pytest.fixture
def box(tmp_path: Path) -> Maildir:
    box = Maildir(tmp_path / "mail")
    for n in range(30):
        box.deliver(rfc822(subject=f"Old {n}"), "inbox")
    box.deliver(rfc822(subject="Sent 1"), "sent")
    past = time.time() - 60
    for base in (box.root, box.sent):
        for sub in ("new", "cur"):
            os.utime(base / sub, (past, past))
    return box


def _dirs(box: Maildir) -> list[str]:
    return maildir_ahead.folder_dirs(str(box.root), "Sent")


def _connector(box: Maildir) -> MaildirConnector:
    account = MaildirAccount(name="school", provider="maildir", path=box.root)
    return MaildirConnector(account, box.root.parent / "state")


def test_a_listing_made_ahead_is_the_folders_and_is_given_once(box: Maildir) -> None:
    (box.root / "new" / ".hidden").write_text("not mail")
    assert maildir_ahead.start(_dirs(box))
    new = box.root / "new"
    made = maildir_ahead.take(os.stat(new))
    assert made is not None
    assert sorted(made.names.split("\n")) == sorted(maildir_ahead.listing(str(new)).split("\n"))
    assert len(made.names.split("\n")) == 30 and ".hidden" not in made.names
    assert maildir_ahead.take(os.stat(new)) is None  # given once
    assert maildir_ahead.take(os.stat(box.sent / "new")) is not None


def test_what_cannot_be_listed_is_left_to_the_pass(box: Maildir) -> None:
    """The pass lists it and says why it cannot; the child says nothing."""
    for path in (box.sent / "cur").iterdir():
        path.unlink()
    (box.sent / "cur").rmdir()
    (box.sent / "cur").write_text("not a folder")
    assert maildir_ahead.start(_dirs(box))
    assert maildir_ahead.wait() == 3
    assert maildir_ahead.take(os.stat(box.sent / "cur")) is None


def test_a_folder_changed_since_is_not_taken(box: Maildir) -> None:
    assert maildir_ahead.start(_dirs(box))
    assert maildir_ahead.wait() == 4
    box.deliver(rfc822(subject="Arrived meanwhile"), "inbox")
    os.utime(box.root / "new", (time.time(), time.time()))  # a later tick, whatever the clock
    assert maildir_ahead.take(os.stat(box.root / "new")) is None


def test_a_pull_takes_the_listing_and_finds_what_arrived_after_it(
    box: Maildir, caplog: pytest.LogCaptureFixture
) -> None:
    connector = _connector(box)
    first = stored(connector.pull(None, PullRequest(since=None)))
    box.deliver(rfc822(subject="Before the listing"), "inbox")
    os.utime(box.root / "new", (time.time() - 30, time.time() - 30))
    assert maildir_ahead.start(_dirs(box)) and maildir_ahead.wait() == 4
    box.deliver(rfc822(subject="After the listing"), "sent")  # .Sent/new changed since
    caplog.set_level("DEBUG", logger="connectors.maildir")
    pull = connector.pull(first, PullRequest(since=None))
    assert sorted(m.subject for m in pull.messages) == ["After the listing", "Before the listing"]
    assert "inbox new/ of school: listed ahead" in caplog.text
    assert "sent new/ of school: listed ahead" not in caplog.text  # changed: listed again
    assert connector.pull(stored(pull), PullRequest(since=None)).messages == []


def test_a_folder_that_changed_just_before_the_listing_ahead_is_listed_again_next_pass(
    box: Maildir, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing ahead began earlier than the pull: a folder whose mtime was that recent
    then may have received a file in the same clock tick, unseen; the cursor says so."""
    connector = _connector(box)
    first = stored(connector.pull(None, PullRequest(since=None)))
    box.deliver(rfc822(subject="Just now"), "inbox")  # new/ changed a moment ago
    assert maildir_ahead.start(_dirs(box))
    later = time.time_ns() + 60 * 10**9  # the pull a minute on: settled by its own clock
    monkeypatch.setattr(time, "time_ns", lambda: later)
    pull = connector.pull(first, PullRequest(since=None))
    assert [m.subject for m in pull.messages] == ["Just now"]
    dirs = Cursor.load(stored(pull)).dirs
    assert dirs is not None and dirs[str(box.root / "new")] == UNSETTLED


def test_only_sync_lists_ahead_and_only_the_maildir_folders_its_config_names(
    box: Maildir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(maildir_ahead, "start", lambda dirs: started.append(dirs) or True)
    config = tmp_path / "config.toml"
    config.write_text(
        '[[accounts]]\nname = "school"\nprovider = "maildir"\npath = "mail"\n'
        'sent_folder = "Sent Items"\n\n'
        '[[accounts]]\nname = "g"\nprovider = "gmail"\npath = "elsewhere"\n'
    )
    for args in (["status", "--config", str(config)], ["sync", "--help"], []):
        assert not list_ahead(args)
    assert not list_ahead(["sync", "--config", str(tmp_path / "missing.toml")])
    assert list_ahead(["-v", "sync", "--dry-run", f"--config={config}"])
    root = str(tmp_path / "mail")
    assert started == [
        [f"{root}/new", f"{root}/cur", f"{root}/.Sent Items/new", f"{root}/.Sent Items/cur"]
    ]
    monkeypatch.setenv("AGENT_CONFIG", str(config))
    assert list_ahead(["sync"]) and started[-1] == started[0]


def test_the_folders_listed_ahead_are_the_ones_a_pull_lists(
    box: Maildir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a config that names no sent folder: the defaults agree too."""
    config = tmp_path / "config.toml"
    config.write_text('[[accounts]]\nname = "school"\nprovider = "maildir"\npath = "mail"\n')
    ahead: list[list[str]] = []
    monkeypatch.setattr(maildir_ahead, "start", lambda dirs: ahead.append(dirs) or True)
    assert list_ahead(["sync", "--config", str(config)])
    listed: list[str] = []
    real = maildir_ahead.listing

    def spy(directory: str) -> str:
        listed.append(directory)
        return real(directory)

    monkeypatch.setattr("connectors.maildir.listing", spy)
    _connector(box).pull(None, PullRequest(since=None))
    assert box.root == tmp_path / "mail"
    assert sorted(listed) == sorted(ahead[0]) and len(listed) == 4


def test_agent_sync_takes_its_listings_from_the_child(tmp_path: Path) -> None:
    """The installed program, as a user runs it: the pass's folders listed ahead."""
    box = Maildir(tmp_path / "mail")
    box.deliver(rfc822(subject="Hello"), "inbox")
    past = time.time() - 60
    os.utime(box.root / "new", (past, past))
    (tmp_path / "config.toml").write_text(
        '[applicant]\nname = "Jordan Rivera"\nemail = "jordan.rivera@med.example.edu"\n'
        'timezone = "America/New_York"\n\n[agent]\nstate_dir = "state"\n\n'
        '[[accounts]]\nname = "school"\nprovider = "maildir"\npath = "mail"\n'
    )
    agent = Path(sys.executable).with_name("agent")
    run = subprocess.run(
        [str(agent), "-vv", "sync", "--dry-run", "--config", str(tmp_path / "config.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "inbox new/ of school: listed ahead" in run.stderr


def _sleeping_child() -> maildir_ahead._Ahead:
    fd = os.memfd_create("test-listing")
    pid = os.fork()
    if pid == 0:
        time.sleep(30)
        os._exit(0)
    return maildir_ahead._Ahead(pid, fd)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_child_stuck_listing_is_killed_and_the_pass_lists_for_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A listing that hangs (a dead network mount) costs the pass STUCK_AFTER_S at most."""
    monkeypatch.setattr(maildir_ahead, "STUCK_AFTER_S", 0.05)
    ahead = _sleeping_child()
    started = time.monotonic()
    assert ahead.collect() == {}
    assert time.monotonic() - started < 5 and _gone(ahead.pid)


def test_a_child_never_asked_is_not_left_behind_at_exit() -> None:
    ahead = _sleeping_child()
    started = time.monotonic()
    ahead.end()
    assert time.monotonic() - started < 5 and _gone(ahead.pid)
