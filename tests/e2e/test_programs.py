"""`agent programs` and `agent programs add` on a generated season, and the one-time "New:"
notice of `agent sync` and `agent status` when an unlisted program writes mid-season."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from agent.cli.main import main
from agent.config import load
from tests.support.season_mailbox import (
    ME,
    ME_NAME,
    ZONES,
    ProgramTruth,
    SeasonBox,
    message,
    write_season,
)

COMMENTED = """# my own config, with my comments
[applicant]
name = "{name}"   # as I sign
email = "{me}"
timezone = "America/New_York"

[agent]
state_dir = "state"
season_start = 2026-09-01

[[accounts]]
name = "school"
provider = "maildir"
path = "mail"

# the two programs I typed in myself
[[programs]]
name = "{first}"
domains = ["{first_domain}"]   # its own domain

[[programs]]
name = "{second}"
aliases = ["{second_alias}"]

# news for the programs
# [[updates]]
# text = "..."
"""


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def season(tmp_path: Path) -> tuple[Path, list[ProgramTruth]]:
    truth = write_season(tmp_path / "mail", count=6, noise=30)
    config = tmp_path / "config.toml"
    config.write_text(
        COMMENTED.format(
            name=ME_NAME,
            me=ME,
            first=truth[0].name,
            first_domain=truth[0].domain,
            second=truth[1].name,
            second_alias=truth[1].alias,
        )
    )
    return config, truth


def test_programs_lists_the_config_and_what_mail_shows_beside_it(
    season: tuple[Path, list[ProgramTruth]], capsys: pytest.CaptureFixture[str]
) -> None:
    config, truth = season
    code, out, err = run("programs", "--json", "--config", str(config), capsys=capsys)
    assert code == 0, err
    data = json.loads(out)
    assert [p["name"] for p in data["programs"]] == [truth[0].name, truth[1].name]
    assert all(p["evidence"] for p in data["programs"])  # both named in mail
    assert {f["name"] for f in data["found"]} == {t.name for t in truth[2:]}
    for found in data["found"]:
        assert found["evidence"]["subject"] and found["evidence"]["date"]
    code, out, _ = run("programs", "--config", str(config), capsys=capsys)
    assert code == 0
    assert f"agent programs add '{truth[3].name}'" in out


def test_add_appends_and_keeps_comments_and_layout(
    season: tuple[Path, list[ProgramTruth]], capsys: pytest.CaptureFixture[str]
) -> None:
    config, truth = season
    before = config.read_text()
    code, out, err = run("programs", "add", truth[4].alias, "--config", str(config), capsys=capsys)
    assert code == 0, err
    after = config.read_text()
    assert after.startswith(before.rstrip("\n"))  # the file's own text, byte for byte
    assert "# news for the programs" in after and "# my own config" in after
    added = load(config).programs[-1]
    assert added.name == truth[4].name and added.domains == [truth[4].domain]
    code, out, _ = run("programs", "--json", "--config", str(config), capsys=capsys)
    assert truth[4].name not in {f["name"] for f in json.loads(out)["found"]}
    code, _, err = run("programs", "add", "Nowhere General", "--config", str(config), capsys=capsys)
    assert code == 2 and "not among" in err
    code, _, err = run("programs", "add", truth[0].name, "--config", str(config), capsys=capsys)
    assert code == 2 and "already in the config" in err


def _invitation(box: SeasonBox, at: datetime) -> None:
    box.put(
        message(
            sender="Rosa Vega <rvega@harborpoint.org>",
            to=f"{ME_NAME} <{ME}>",
            subject="Interview Invitation - Harbor Point IM",
            body="Dear Jordan,\n\nThank you for applying to the Harbor Point Internal Medicine "
            "Residency. We would like to invite you to interview.\n\nRosa Vega\nCoordinator",
            date=at,
        )
    )


def test_new_program_is_said_once(
    season: tuple[Path, list[ProgramTruth]], capsys: pytest.CaptureFixture[str]
) -> None:
    config, _ = season
    code, out, err = run(
        "sync", "--config", str(config), "--now", "2026-10-01T09:00", capsys=capsys
    )
    assert code == 0, err
    assert "New:" not in out  # the season read at once: those programs were seen at setup
    box = SeasonBox(config.parent / "mail")
    _invitation(box, datetime(2026, 10, 12, 10, tzinfo=ZONES["ET"]))
    code, out, err = run(
        "sync", "--config", str(config), "--now", "2026-10-12T11:00", capsys=capsys
    )
    assert code == 0, err
    expected = (
        "New: an interview invitation from Harbor Point Internal Medicine Residency (Oct 12). "
        "`agent programs add 'Harbor Point Internal Medicine Residency'` to follow it"
    )
    assert expected in out
    for command in ("sync", "status"):
        code, out, err = run(
            command, "--config", str(config), "--now", "2026-10-12T12:00", capsys=capsys
        )
        assert code == 0, err
        assert "New:" not in out


def test_status_says_it_when_the_daemon_found_it(
    season: tuple[Path, list[ProgramTruth]], capsys: pytest.CaptureFixture[str]
) -> None:
    config, _ = season
    from agent.engine.store import Store
    from agent.engine.sync import run_pass, state_path

    cfg = load(config)
    store = Store(state_path(cfg))
    run_pass(cfg, store, datetime(2026, 10, 1, 9, tzinfo=ZONES["ET"]))
    _invitation(SeasonBox(config.parent / "mail"), datetime(2026, 10, 12, 10, tzinfo=ZONES["ET"]))
    run_pass(cfg, store, datetime(2026, 10, 12, 11, tzinfo=ZONES["ET"]))  # as the daemon does
    store.close()
    outs = []
    for _ in range(2):
        code, out, err = run(
            "status", "--config", str(config), "--now", "2026-10-12T12:00", capsys=capsys
        )
        assert code == 0, err
        outs.append(out.count("New: an interview invitation from Harbor Point"))
    assert outs == [1, 0]
    code, out, _ = run("status", "--json", "--config", str(config), capsys=capsys)
    json.loads(out)  # JSON stays JSON
