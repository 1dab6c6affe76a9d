"""A program added to the config mid-season: its mail that arrived before is read then,
through the real CLI on a real Maildir, new mail of the other programs too, and what was
already kept is not read again."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.mailbox import files_read
from tests.support.scenario import ET, LAKESIDE, Applicant, mail

HARBOR = """
[[programs]]
name = "Harbor Point Internal Medicine Residency"
domains = ["harborpoint.org"]
timezone = "America/New_York"
"""


def _status(jordan: Applicant, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    code, out, err = jordan.run("status", "--json", "--now", "2026-10-20T09:00", capsys=capsys)
    assert code == 0, err
    return {p["name"]: p for p in json.loads(out)["programs"]}


def test_an_added_programs_earlier_mail_is_read_and_kept_mail_is_not_read_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    jordan = Applicant(tmp_path)
    kept = jordan.deliver(
        mail(
            subject="Lakeside IM: parking",
            body="Park in garage B.",
            date=datetime(2026, 10, 1, 9, tzinfo=ET),
        )
    )
    harbor = jordan.deliver(
        mail(
            subject="Interview confirmed",
            body="Your interview is confirmed for Monday, October 26, 2026 at 8:00 AM Eastern.",
            sender="Rosa Vega <rvega@harborpoint.org>",
            date=datetime(2026, 10, 2, 9, tzinfo=ET),
        )
    )
    code, _, err = jordan.run("sync", "--now", "2026-10-05T09:00", capsys=capsys)
    assert code == 0, err
    jordan.config.write_text(jordan.config.read_text() + HARBOR)
    # Mail of a program that did not change, arrived since: read in full as always.
    jordan.deliver(
        mail(
            subject="Lakeside IM: lunch",
            body="Lunch is at noon.",
            date=datetime(2026, 10, 4, 9, tzinfo=ET),
        )
    )
    read = files_read(monkeypatch)
    code, _, err = jordan.run("sync", "--now", "2026-10-05T10:00", capsys=capsys)
    assert code == 0, err
    assert harbor.name in read  # read again, for the program that was added
    assert kept.name not in read  # kept with its body before: not opened again
    with sqlite3.connect(tmp_path / "state" / "state.sqlite3") as db:
        stored = {r[0] for r in db.execute("SELECT subject FROM messages WHERE body IS NOT NULL")}
    assert stored == {"Lakeside IM: parking", "Interview confirmed", "Lakeside IM: lunch"}
    programs = _status(jordan, capsys)
    interview = programs["Harbor Point Internal Medicine Residency"]["interview"]
    assert isinstance(interview, dict) and interview["start"].startswith("2026-10-26T08:00")
    assert programs["Lakeside Medical Center Internal Medicine Residency"]["name"]


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text.replace(HARBOR, ""),
        lambda text: text.replace(LAKESIDE + HARBOR, HARBOR + LAKESIDE),
    ],
    ids=["removed", "reordered"],
)
def test_removing_or_reordering_programs_reads_nothing_again(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[str], str],
) -> None:
    jordan = Applicant(tmp_path, programs=LAKESIDE + HARBOR)
    jordan.deliver(
        mail(
            subject="Lakeside IM: parking",
            body="Park in B.",
            date=datetime(2026, 10, 1, 9, tzinfo=ET),
        )
    )
    news = mail(
        subject="Weekly digest",
        body="Nothing for you.",
        sender="News <news@list.example.com>",
        date=datetime(2026, 10, 2, 9, tzinfo=ET),
    )
    jordan.deliver(news)  # opened by any pass that reads the whole mailbox again
    code, _, err = jordan.run("sync", "--now", "2026-10-05T09:00", capsys=capsys)
    assert code == 0, err
    edited = edit(jordan.config.read_text())
    assert edited != jordan.config.read_text()
    jordan.config.write_text(edited)
    read = files_read(monkeypatch)
    code, _, err = jordan.run("sync", "--now", "2026-10-05T10:00", capsys=capsys)
    assert code == 0, err
    assert read == []  # nothing new, and no program's mail to look for again


def test_a_program_added_with_the_applicants_addresses_changed_reads_everything_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The applicant once had an address at Lakeside: mail to it from a friend was theirs.
    jordan = Applicant(tmp_path)
    own = 'email = "jordan.rivera@med.example.edu"\n'
    alias = own + 'aliases = ["jordan@lakesidemed.org"]\n'
    jordan.config.write_text(jordan.config.read_text().replace(own, alias))
    jordan.deliver(
        mail(
            subject="Dinner on Friday?",
            body="Are you free?",
            sender="Sam Friend <sam@friends.example>",
            to="Jordan <jordan@lakesidemed.org>",
            date=datetime(2026, 10, 1, 9, tzinfo=ET),
        )
    )
    code, _, err = jordan.run("sync", "--now", "2026-10-05T09:00", capsys=capsys)
    assert code == 0, err
    # The address is no longer the applicant's, in the same edit as a program added: mail to
    # it is now Lakeside's, and only a pass that reads every account again finds it.
    jordan.config.write_text(jordan.config.read_text().replace(alias, own) + HARBOR)
    code, _, err = jordan.run("sync", "--now", "2026-10-05T10:00", capsys=capsys)
    assert code == 0, err
    with sqlite3.connect(tmp_path / "state" / "state.sqlite3") as db:
        stored = {r[0] for r in db.execute("SELECT subject FROM messages WHERE body IS NOT NULL")}
    assert stored == {"Dinner on Friday?"}
