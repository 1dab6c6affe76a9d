"""A lost or restored state folder costs nothing: the agent recognises its drafts still in
Drafts and the notes already in Sent, on a Maildir and on both emulators, and writes no
draft twice."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.e2e.test_providers_e2e import PROMISE_ID, applicant, season_mail
from tests.support.emulators.gmail import GmailEmulator
from tests.support.emulators.graph import GraphEmulator
from tests.support.scenario import CT, Applicant, mail

Cap = pytest.CaptureFixture[str]


class Season:
    """One applicant on one provider, with a way to count the drafts it holds."""

    def __init__(self, person: Applicant, count: Callable[[], int]) -> None:
        self.person = person
        self.count = count

    def sync(self, now: str, capsys: Cap) -> str:
        code, out, err = self.person.run("sync", "--now", now, capsys=capsys)
        assert code == 0, err
        return out

    def lose_state(self) -> None:
        shutil.rmtree(self.person.root / "state")


@pytest.fixture(params=["maildir", "gmail", "outlook"])
def season(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Season]:
    if request.param == "maildir":
        person = applicant(tmp_path, 'provider = "maildir"\npath = "mail"')
        for raw, folder in season_mail():
            person.deliver(raw, folder)
        yield Season(person, lambda: len(person.drafts()))
    elif request.param == "gmail":
        gmail = GmailEmulator()
        gmail.start()
        person = applicant(
            tmp_path,
            f'provider = "gmail"\ntoken_command = "echo ya29.emulator-valid"\n'
            f'api_endpoint = "{gmail.url}"',
        )
        for raw, folder in season_mail():
            gmail.deliver(raw, ["INBOX"] if folder == "inbox" else ["SENT"])
        yield Season(person, lambda: len(gmail.drafts))
        gmail.stop()
    else:
        graph = GraphEmulator()
        graph.start()
        person = applicant(
            tmp_path,
            f'provider = "outlook"\ntoken_command = "echo graph-test-token"\n'
            f'api_endpoint = "{graph.endpoint}"',
        )
        for raw, folder in season_mail():
            graph.deliver(raw, folder)
        yield Season(person, lambda: len(graph.in_folder("drafts")))
        graph.stop()


def test_a_lost_state_at_any_moment_writes_no_draft_twice(season: Season, capsys: Cap) -> None:
    season.sync("2026-10-06T09:00", capsys)  # two thank-yous
    assert season.count() == 2
    season.lose_state()
    out = season.sync("2026-10-06T12:00", capsys)
    assert season.count() == 2 and "Found 2 due draft(s) already in your Drafts" in out
    season.sync("2026-10-23T09:00", capsys)  # the overdue promise: one inquiry
    assert season.count() == 3
    season.lose_state()
    season.sync("2026-10-23T10:00", capsys)
    season.sync("2026-10-24T10:00", capsys)
    assert season.count() == 3


def test_a_state_restored_from_an_older_backup_writes_no_draft_twice(
    season: Season, capsys: Cap
) -> None:
    season.sync("2026-10-06T09:00", capsys)
    backup = season.person.root / "backup"
    shutil.copytree(season.person.root / "state", backup)
    season.sync("2026-10-23T09:00", capsys)
    assert season.count() == 3
    shutil.rmtree(season.person.root / "state")
    shutil.copytree(backup, season.person.root / "state")
    season.sync("2026-10-23T11:00", capsys)
    assert season.count() == 3


def test_notes_already_sent_are_not_drafted_again_after_a_lost_state(
    tmp_path: Path, capsys: Cap
) -> None:
    person = applicant(tmp_path, 'provider = "maildir"\npath = "mail"')
    for raw, folder in season_mail():
        person.deliver(raw, folder)
    assert person.run("sync", "--now", "2026-10-23T09:00", capsys=capsys)[0] == 0
    # The applicant sends the inquiry as drafted (mutt keeps its Message-ID) and deletes
    # the thank-you drafts; then the state folder is lost.
    for path in person.box.drafts():
        raw = path.read_bytes()
        if b"In-Reply-To: " + PROMISE_ID.encode() in raw:
            person.deliver(raw, "sent")
        path.unlink()
    shutil.rmtree(tmp_path / "state")
    code, out, _ = person.run("sync", "--now", "2026-10-23T10:00", capsys=capsys)
    assert code == 0
    assert person.drafts() == []  # the thank-you window had closed; the inquiry was sent
    code, out, _ = person.run("status", "--json", "--now", "2026-10-23T10:00", capsys=capsys)
    (promise,) = json.loads(out)["programs"][0]["promises"]
    # Your own reply about it closes the promise before the ladder looks any further.
    assert promise["inquiry"]["state"] in ("sent", "fulfilled"), promise["inquiry"]


def test_an_update_letter_sent_by_hand_is_recognised_by_subject_and_recipient(
    tmp_path: Path, capsys: Cap
) -> None:
    person = applicant(tmp_path, 'provider = "maildir"\npath = "mail"')
    for raw, folder in season_mail():
        person.deliver(raw, folder)
    assert (
        person.run(
            "update", "add", "Abstract accepted at SHM 2027", "--date", "2026-10-07", capsys=capsys
        )[0]
        == 0
    )
    person.run("sync", "--now", "2026-10-07T12:00", capsys=capsys)
    (letter,) = [d for d in person.drafts() if "SHM 2027" in Applicant.text(d)]
    # Sent from another client: a new Message-ID, the same subject, to the same person.
    person.deliver(
        mail(
            subject=str(letter["Subject"]),
            body="(as drafted)",
            sender="Jordan Rivera <jordan.rivera@med.example.edu>",
            to=str(letter["To"]),
            date=datetime(2026, 10, 7, 15, tzinfo=CT),
        ),
        "sent",
    )
    for path in person.box.drafts():
        path.unlink()
    shutil.rmtree(tmp_path / "state")
    person.run(
        "update", "add", "Abstract accepted at SHM 2027", "--date", "2026-10-07", capsys=capsys
    )
    person.run("sync", "--now", "2026-10-08T12:00", capsys=capsys)
    assert [d for d in person.drafts() if "SHM 2027" in Applicant.text(d)] == []
