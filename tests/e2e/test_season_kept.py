"""What the season reads from program mail (interview, policy, interviewers) is kept in the
state between passes: a pass with nothing new reads no program message again, new mail or a
changed program entry re-reads that program only, and `agent status --json` says the same
with the kept readings as without them. Through the real CLI on a generated season."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import agent.facts.interviewers as interviewers_module
import agent.facts.interviews as interviews_module
import agent.facts.policies as policies_module
from agent.cli.main import main
from connectors.base import MailMessage
from tests.support.scenario import BASE_CONFIG
from tests.support.season_mailbox import (
    ME,
    ME_NAME,
    ZONES,
    ProgramTruth,
    SeasonBox,
    message,
    write_season,
)

Cap = pytest.CaptureFixture[str]
NOW = "2026-11-20T09:00"
PROGRAM = """
[[programs]]
name = "{name}"
aliases = ["{alias}"]
domains = ["{domain}"]
timezone = "{zone}"
"""


class Season:
    """A generated season whose programs name no interview, policy or interviewers in the
    config: all of it is read from mail. Counts the messages each reader reads."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.truth = write_season(root / "mail", count=6, noise=20)
        self.config = root / "config.toml"
        self.write_config()
        # What the readers read: the sender's domain of each message the interview reader
        # reads, "policy" and "itinerary" for each body the other two read.
        self.read: list[str] = []
        self.subjects: list[str] = []  # of the messages the interview reader reads
        self._count(monkeypatch, interviews_module, "_read_message", self._note)
        self._count(monkeypatch, policies_module, "policy_of_text", lambda body: "policy")
        self._count(monkeypatch, interviewers_module, "read_itinerary", lambda body: "itinerary")

    def _count(
        self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str, what: Callable[[Any], str]
    ) -> None:
        real = getattr(module, name)

        def counted(first: Any, *args: Any, **kwargs: Any) -> Any:
            self.read.append(what(first))
            return real(first, *args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    def write_config(self, zones: dict[str, str] | None = None) -> None:
        programs = "".join(
            PROGRAM.format(
                name=p.name, alias=p.alias, domain=p.domain, zone=(zones or {}).get(p.name, p.tz)
            )
            for p in self.truth
        )
        self.config.write_text(BASE_CONFIG + programs)  # the season's applicant, ME

    def domains_read(self) -> set[str]:
        return {r for r in self.read if r not in ("policy", "itinerary")}

    def _note(self, message: MailMessage) -> str:
        self.subjects.append(message.subject)
        return message.sender.email.partition("@")[2] if message.sender else ""

    def run(self, *args: str, capsys: Cap) -> str:
        self.read.clear()
        self.subjects.clear()
        try:
            main([*args, "--config", str(self.config), "--now", NOW])
        except SystemExit as exc:
            assert not exc.code, capsys.readouterr()
        return capsys.readouterr().out

    def status(self, capsys: Cap) -> dict[str, Any]:
        return json.loads(self.run("status", "--json", capsys=capsys))

    def forget_readings(self) -> None:
        with sqlite3.connect(self.root / "state" / "state.sqlite3") as db:
            db.execute("DELETE FROM facts")


@pytest.fixture
def season(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Season:
    return Season(tmp_path, monkeypatch)


def _read_from_mail(status: dict[str, Any]) -> tuple[int, int, int]:
    """Programs whose interview, policy and interviewers came from mail (not vacuous)."""
    programs = status["programs"]
    return (
        sum(bool(p["interview"]) and p["interview"]["source"].startswith("mail") for p in programs),
        sum(p["contact_policy_source"].startswith("mail") for p in programs),
        sum(any(i["source"] == "mail" for i in p["interviewers"]) for p in programs),
    )


def _of(program: ProgramTruth, domain: str) -> bool:
    """Mail of the program: from its domain or a subdomain, or a platform writing for it."""
    platforms = {"thalamusgme.com", "erasmail.org", "interviewbroker.com"}
    return domain in platforms or domain == program.domain or domain.endswith("." + program.domain)


def test_a_pass_with_nothing_new_reads_no_program_message(season: Season, capsys: Cap) -> None:
    season.run("sync", capsys=capsys)
    assert season.read  # the first pass reads every program's mail
    season.run("sync", capsys=capsys)
    assert season.read == []
    kept = season.status(capsys)
    assert season.read == []
    assert all(n >= 2 for n in _read_from_mail(kept)), _read_from_mail(kept)

    season.forget_readings()
    afresh = season.status(capsys)
    assert season.read  # read again, from the mail
    assert afresh == kept


def test_new_mail_from_a_program_re_reads_that_program_only(season: Season, capsys: Cap) -> None:
    season.run("sync", capsys=capsys)
    first = season.truth[0]
    box = SeasonBox(season.root / "mail", written=10_000)  # a new file, not one written before
    box.put(
        message(
            sender=f"Ana Lopez <alopez@{first.domain}>",
            to=f"{ME_NAME} <{ME}>",
            subject="Your interview day has moved",
            body="Dear Jordan,\n\nYour interview is now on Friday, December 4, 2026 at "
            f"10:00 AM {first.zone}.\n\nAna Lopez\nProgram Coordinator\n{first.name}",
            date=datetime(2026, 11, 10, 9, tzinfo=ZONES["ET"]),
        )
    )
    season.run("sync", capsys=capsys)
    # The new message alone is read (by the season, and by the look for new programs): the
    # others' readings were kept one by one.
    assert set(season.subjects) == {"Your interview day has moved"}
    assert set(season.read) == {first.domain, "policy", "itinerary"}
    kept = season.status(capsys)
    moved = next(p for p in kept["programs"] if p["name"] == first.name)
    assert moved["interview"]["start"].startswith("2026-12-04T10:00")

    season.forget_readings()
    assert season.status(capsys) == kept


def test_a_changed_program_entry_re_reads_that_program_only(season: Season, capsys: Cap) -> None:
    season.run("sync", capsys=capsys)
    second = season.truth[1]
    season.write_config({second.name: "America/Phoenix"})
    kept = season.status(capsys)
    read = season.domains_read()
    assert read and all(_of(second, domain) for domain in read), read
    # Only the interview is read in the program's zone: the other readings are kept.
    assert "policy" not in season.read and "itinerary" not in season.read
    season.forget_readings()
    assert season.status(capsys) == kept
