"""`agent init` through the real CLI on a generated season Maildir: every program found
with its domains and interview, no false program, a config `agent sync` runs on as is."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from agent.cli.main import cli, main
from agent.config import load
from tests.support.season_mailbox import ME, ME_NAME, ProgramTruth, write_season

YES = ["--name", ME_NAME, "--email", ME, "--timezone", "America/New_York"]


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def private_homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default state and config folders point into the test's folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    monkeypatch.delenv("AGENT_CONFIG", raising=False)


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[ProgramTruth]]:
    root = tmp_path_factory.mktemp("season")
    return root, write_season(root / "mail")


def _wrote_from_domain(p: ProgramTruth) -> bool:
    return p.channel == "direct" or bool(p.interviewers or p.policy)


def test_init_yes_finds_every_program_and_nothing_else(
    season: tuple[Path, list[ProgramTruth]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, truth = season
    path = tmp_path / "new" / "folder" / "config.toml"
    code, out, err = run(
        "init", "--yes", "--config", str(path), "--path", str(root / "mail"), *YES, capsys=capsys
    )
    assert code == 0, err
    config = load(path)
    found = {p.name: p for p in config.programs}
    assert set(found) == {t.name for t in truth}  # every program, and no false one
    for t in truth:
        program = found[t.name]
        assert program.domains == ([t.domain] if _wrote_from_domain(t) else []), t.name
        assert program.timezone == t.tz, t.name
        if t.channel == "direct":
            assert t.alias in program.aliases
        emails = sorted(i.email or "" for i in program.interviewers)
        assert emails == sorted(p.email for p in t.interviewers), t.name
    raw = tomllib.loads(path.read_text())
    assert raw["agent"]["season_start"].isoformat() == "2026-09-01"
    # The interview times read from mail, as `agent status` shows them after a sync.
    code, out, err = run("sync", "--config", str(path), "--now", "2026-09-30T12:00", capsys=capsys)
    assert code == 0, err
    code, out, err = run(
        "status", "--json", "--config", str(path), "--now", "2026-09-30T12:00", capsys=capsys
    )
    assert code == 0, err
    import json

    shown = {p["name"]: p for p in json.loads(out)["programs"]}
    for t in truth:
        start = shown[t.name]["interview"]["start"]
        assert datetime.fromisoformat(start) == t.interview, t.name


def test_written_config_drafts_the_same_thank_yous_as_a_hand_written_one(
    season: tuple[Path, list[ProgramTruth]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, truth = season
    made = tmp_path / "init.toml"
    code, _, err = run(
        "init", "--yes", "--config", str(made), "--path", str(root / "mail"), *YES, capsys=capsys
    )
    assert code == 0, err
    hand = tmp_path / "hand.toml"
    hand.write_text(_hand_written(truth, root / "mail", tmp_path / "hand-state"))
    text = made.read_text().replace('# state_dir = "..."', f'state_dir = "{tmp_path / "s"}"')
    made.write_text(text)
    plans = []
    for path in (made, hand):
        code, out, err = run(
            "sync", "--dry-run", "--config", str(path), "--now", "2026-10-15T18:00", capsys=capsys
        )
        assert code == 0, err
        plans.append(sorted(line for line in out.splitlines() if "✉" in line))
    assert plans[0] and plans[0] == plans[1]


def _hand_written(truth: list[ProgramTruth], mail: Path, state: Path) -> str:
    lines = [
        f'[applicant]\nname = "{ME_NAME}"\nemail = "{ME}"\ntimezone = "America/New_York"\n',
        f'[agent]\nstate_dir = "{state}"\nseason_start = 2026-09-01\n',
        f'[[accounts]]\nname = "mail"\nprovider = "maildir"\npath = "{mail}"\n',
    ]
    for t in truth:
        domains = f'["{t.domain}"]' if _wrote_from_domain(t) else "[]"
        lines.append(
            f'[[programs]]\nname = "{t.name}"\naliases = ["{t.alias}"]\n'
            f'domains = {domains}\ntimezone = "{t.tz}"\n'
        )
        for person in t.interviewers:
            lines.append(
                f'[[programs.interviewers]]\nname = "{person.name}"\nemail = "{person.email}"\n'
                f'role = "{person.role}"\n'
            )
    return "\n".join(lines)


def test_yes_names_what_is_missing_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    code, _, err = run("init", "--yes", "--config", str(path), "--name", "J", capsys=capsys)
    assert code == 2
    assert "--email" in err and "--timezone" in err and "--path" in err
    assert not path.exists()
    path.write_text("# mine\n")
    code, _, err = run(
        "init", "--yes", "--config", str(path), "--path", str(tmp_path), *YES, capsys=capsys
    )
    assert code == 2 and "already exists" in err
    assert path.read_text() == "# mine\n"
    code, _, err = run(
        "init",
        "--yes",
        "--provider",
        "gmail",
        "--config",
        str(tmp_path / "g.toml"),
        *YES,
        capsys=capsys,
    )
    assert code == 2 and "--token-command" in err


def test_interactive_keep_edit_drop_and_notes(
    season: tuple[Path, list[ProgramTruth]], tmp_path: Path
) -> None:
    root, truth = season
    path = tmp_path / "config.toml"
    answers = [
        ME_NAME,
        ME,
        "America/Chicago",
        "",  # name, address, timezone, specialty (default)
        "maildir",
        str(root / "mail"),
        "edit",
        "Harbor City IM Residency",
        "",
        "",
        "",
        "soon",
        "2026-10-06 08:00",  # edit the first (a bad date is asked again)
        "drop",  # drop the second
        *["keep"] * (len(truth) - 2),
    ]
    notes = ["her sepsis QI project"] + [""] * 100  # one note, then Enter skips the rest
    result = CliRunner().invoke(
        cli, ["init", "--config", str(path)], input="\n".join(answers + notes) + "\n"
    )
    assert result.exit_code == 0, result.output
    config = load(path)
    assert config.applicant.timezone == "America/Chicago"
    names = [p.name for p in config.programs]
    assert names[0] == "Harbor City IM Residency" and truth[1].name not in names
    assert len(names) == len(truth) - 1
    first = config.programs[0]
    assert first.interview == datetime(2026, 10, 6, 8, 0)
    assert first.domains == ["harborcity.org"]
    # Notes are asked only where a thank-you will go: Harbor City discourages them, so the
    # first note is for the first interviewer of the next program that welcomes them.
    welcoming = next(p for p in config.programs if p.name == truth[3].name)
    assert truth[3].policy and "welcome" in truth[3].policy
    assert welcoming.interviewers[0].notes == "her sepsis QI project"
    noted = [i for p in config.programs for i in p.interviewers if i.notes]
    assert noted == [welcoming.interviewers[0]]
    assert f"{first.interviewers[0].name} (Harbor City IM Residency)" not in result.output
    assert "[[ADD DETAIL" in path.read_text()  # the comment says what a missing note does


def test_interactive_refuses_to_overwrite_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n")
    result = CliRunner().invoke(cli, ["init", "--config", str(path)], input="n\n")
    assert result.exit_code != 0
    assert path.read_text() == "# mine\n"


def test_imap_init_reads_the_season_from_a_real_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.dovecot import PASSWORD, USER, running

    truth = write_season(tmp_path / "gen", count=5, noise=15)
    with running(tmp_path / "dovecot") as server:
        for folder, where in (("INBOX", "new"), ("Sent", ".Sent/cur")):
            for path in sorted((tmp_path / "gen" / where).iterdir()):
                server.append(path.read_bytes(), folder)
        config = tmp_path / "config.toml"
        code, out, err = run(
            "init",
            "--yes",
            "--provider",
            "imap",
            "--host",
            "127.0.0.1",
            "--port",
            str(server.port),
            "--security",
            "none",
            "--username",
            USER,
            "--password-command",
            f"printf '%s' '{PASSWORD}'",
            "--config",
            str(config),
            *YES,
            capsys=capsys,
        )
        assert code == 0, err + out
        assert {p.name for p in load(config).programs} == {t.name for t in truth}
        code, out, err = run(
            "sync", "--dry-run", "--config", str(config), "--now", "2026-10-01T09:00", capsys=capsys
        )
        assert code == 0, err + out


def test_system_timezone_is_an_iana_name() -> None:
    from agent.cli.init import system_timezone

    zone = system_timezone()
    assert zone is None or ZoneInfo(zone)
