"""One ``token_command`` runner for every provider: real commands, real subprocesses. Its
error output may hold secrets, so a failure names the account and the exit status, never
what the command wrote."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from connectors import registry
from connectors.base import PullRequest
from connectors.errors import AuthError
from connectors.token_command import SecretCommandError, run_token_command
from tests.support.scenario import Applicant

SECRET = "hunter2-vault-passphrase"


@pytest.fixture
def leaky(tmp_path: Path) -> str:
    """A command that prints a token-like line, writes a secret to stderr and exits 3."""
    script = tmp_path / "leaky-token.sh"
    script.write_text(
        f"#!/bin/sh\necho ya29.half-written-token\necho 'wrong passphrase {SECRET}' >&2\nexit 3\n"
    )
    script.chmod(0o700)
    return str(script)


def closed_port() -> str:
    """An endpoint nothing listens on: the token must fail before any request is sent."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/"


def account(provider: str, command: str) -> registry.Account:
    raw = {"name": "school", "provider": provider, "token_command": command}
    entry = registry.find(provider)
    assert entry is not None
    return entry.account.model_validate({**raw, "api_endpoint": closed_port()})


def assert_names_account_and_status_only(error: Exception, status: str) -> None:
    text = str(error)
    assert isinstance(error, AuthError)
    assert text.startswith("account 'school': token_command ")
    assert status in text
    assert "run the command in a shell" in text and "[[accounts]]" in text
    assert SECRET not in text and "passphrase" not in text and "half-written" not in text


def test_the_token_is_the_one_word_on_stdout() -> None:
    assert run_token_command("school", "printf '  ya29.abc\\n'") == "ya29.abc"


@pytest.mark.parametrize("provider", ["gmail", "outlook"])
def test_a_failing_command_names_account_and_status_never_stderr(
    provider: str, leaky: str, tmp_path: Path
) -> None:
    connector = registry.open_connector(account(provider, leaky), tmp_path)
    request = PullRequest(since=datetime(2026, 9, 1, tzinfo=UTC))
    with pytest.raises(AuthError) as caught:
        connector.pull(None, request)
    assert_names_account_and_status_only(caught.value, "exited with status 3.")


@pytest.mark.parametrize("provider", ["gmail", "outlook"])
def test_agent_auth_runs_the_command_instead_of_signing_in(
    provider: str, leaky: str, tmp_path: Path
) -> None:
    with pytest.raises(SecretCommandError) as caught:
        registry.authorize(account(provider, leaky), tmp_path, browser=False)
    assert_names_account_and_status_only(caught.value, "exited with status 3.")
    message = registry.authorize(account(provider, "echo ya29.ok"), tmp_path, browser=False)
    assert message == (
        "Account 'school' uses token_command; the command printed a token, "
        "so there is nothing to sign in."
    )
    assert not (tmp_path / "tokens").exists()


@pytest.mark.parametrize(
    ("command", "failure"),
    [
        (f"echo {SECRET} >&2; sleep 5", "did not finish within 0.5 s."),
        (f"echo {SECRET} >&2; kill -9 $$", "was stopped by signal 9."),
        ("no-such-token-helper-xyz", "exited with status 127 (the shell found no such command)."),
        (f"echo {SECRET} >&2", "exited with status 0 but printed no token."),
        ("echo ya29.one ya29.two", "printed more than one word"),
    ],
)
def test_every_failure_says_what_went_wrong(command: str, failure: str) -> None:
    with pytest.raises(SecretCommandError) as caught:
        run_token_command("school", command, timeout=0.5)
    assert_names_account_and_status_only(caught.value, failure)


def test_sync_reports_the_failure_without_the_secret(
    tmp_path: Path, leaky: str, capsys: pytest.CaptureFixture[str]
) -> None:
    hospital = (
        f'\n[[accounts]]\nname = "hospital"\nprovider = "outlook"\n'
        f'token_command = "{leaky}"\napi_endpoint = "{closed_port()}"\n'
    )
    applicant = Applicant(tmp_path / "home", extra=hospital)
    code, out, err = applicant.run("sync", capsys=capsys)
    assert code != 0
    assert "account 'hospital': token_command exited with status 3" in out + err
    assert SECRET not in out + err
    state = [p.read_bytes() for p in (tmp_path / "home" / "state").rglob("*") if p.is_file()]
    assert state and not any(SECRET.encode() in blob for blob in state)
