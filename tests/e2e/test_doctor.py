"""`agent doctor`: each problem named with what to do, exit 1; a healthy setup exits 0."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agent.cli.main import main
from agent.engine.lock import StateLock
from tests.support.scenario import Applicant


def run(app: Applicant, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code, out, err = app.run("doctor", capsys=capsys)
    return code, out + err


def test_a_healthy_setup_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = Applicant(tmp_path)
    code, out = run(app, capsys)
    assert code == 0, out
    assert "config: valid" in out and "not running" in out and "No problem found" in out


def test_state_permissions_are_named_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = Applicant(tmp_path)
    assert app.run("sync", "--now", "2026-09-10T09:00", capsys=capsys)[0] == 0
    state = tmp_path / "state"
    os.chmod(state, 0o755)
    os.chmod(state / "state.sqlite3", 0o644)
    code, out = run(app, capsys)
    assert code == 1
    assert f"chmod 700 {state}" in out and f"chmod 600 {state / 'state.sqlite3'}" in out


def test_a_missing_drafts_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = Applicant(tmp_path)
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "mail" / ".Drafts" / sub).rmdir()
    code, out = run(app, capsys)
    assert code == 1
    assert "mkdir -p" in out and ".Drafts" in out


def test_a_broken_config_is_a_problem_with_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = Applicant(tmp_path)
    app.config.write_text(app.config.read_text().replace("America/New_York", "America/Gotham"))
    code, out = run(app, capsys)
    assert code == 1
    assert "applicant.timezone" in out and "agent init" in out


def test_the_running_agent_is_seen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = Applicant(tmp_path)
    with StateLock(tmp_path / "state"):
        code, out = run(app, capsys)
    assert code == 0, out
    assert f"the agent is running (pid {os.getpid()})" in out


def test_no_config_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = 0
    try:
        main(["doctor", "--config", str(tmp_path / "none.toml")])
    except SystemExit as exc:
        code = int(exc.code or 0)
    assert code == 1
    assert "agent init" in capsys.readouterr().out


def test_a_gmail_account_is_reached_or_its_problem_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.emulators.gmail import GmailEmulator

    emulator = GmailEmulator()
    emulator.start()
    try:
        app = Applicant(tmp_path)
        maildir = 'provider = "maildir"\npath = "mail"'
        good = (
            f'provider = "gmail"\ntoken_command = "echo ya29.emulator-valid"\n'
            f'api_endpoint = "{emulator.url}"'
        )
        base = app.config.read_text()
        app.config.write_text(base.replace(maildir, good))
        code, out = run(app, capsys)
        assert code == 0, out
        assert "signed in and reachable" in out
        app.config.write_text(base.replace(maildir, good.replace("emulator-valid", "expired")))
        code, out = run(app, capsys)
        assert code == 1
        assert "account 'school'" in out and "→" in out
    finally:
        emulator.stop()
