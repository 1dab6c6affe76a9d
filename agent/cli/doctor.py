"""`agent doctor`: checks the config, each account's access, the state folder's permissions
and whether the daemon runs, and says what to do about each problem. Exit 1 on a problem."""

from __future__ import annotations

import fcntl
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import click
from rich.markup import escape

from agent import config as config_mod
from agent import paths
from agent.cli.options import CONFIG_HELP, out
from agent.config import Config
from agent.errors import ConfigError, UserError
from connectors.account import Account
from connectors.errors import AuthError, ConnectorError
from connectors.maildir import MaildirAccount
from connectors.registry import open_connector


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    fix: str = ""


def _maildir(account: MaildirAccount) -> list[Finding]:
    problems = []
    for label, folder in (
        ("inbox", account.path),
        ("sent folder", account.path / f".{account.sent_folder}"),
        ("drafts folder", account.path / f".{account.drafts_folder}"),
    ):
        writable = label == "drafts folder"
        for sub in ("cur", "new", "tmp"):
            where = folder / sub
            mode = os.R_OK | os.X_OK | (os.W_OK if writable else 0)
            if not where.is_dir():
                problems.append(
                    Finding(
                        False,
                        f"account {account.name!r}: {where} is missing",
                        f"create it (`mkdir -p {where}`) or fix `path` in the config",
                    )
                )
            elif not os.access(where, mode):
                need = "readable and writable" if writable else "readable"
                problems.append(
                    Finding(
                        False,
                        f"account {account.name!r}: {where} is not {need}",
                        f"`chmod u+rwx {where}`",
                    )
                )
    return problems or [Finding(True, f"account {account.name!r}: Maildir folders readable")]


def _account(account: Account, state_dir: Path) -> list[Finding]:
    if isinstance(account, MaildirAccount):
        return _maildir(account)
    try:
        connector = open_connector(account, state_dir)
        try:
            connector.list_agent_drafts([])  # a cheap call that needs the account's access
        finally:
            connector.close()
    except AuthError as exc:
        return [
            Finding(
                False,
                f"account {account.name!r}: {exc}",
                f"sign in again: `agent auth {account.name}`",
            )
        ]
    except ConnectorError as exc:
        return [
            Finding(
                False,
                f"account {account.name!r}: {exc}",
                "check the account's keys in the config and the network",
            )
        ]
    return [Finding(True, f"account {account.name!r}: signed in and reachable")]


def _permissions(state_dir: Path) -> list[Finding]:
    if not state_dir.exists():
        return [Finding(True, f"state folder {state_dir} not created yet (the first sync does)")]
    problems = []
    if stat.S_IMODE(state_dir.stat().st_mode) != 0o700:
        problems.append(
            Finding(
                False, f"state folder {state_dir} is readable by others", f"`chmod 700 {state_dir}`"
            )
        )
    for path in sorted(state_dir.rglob("*")):
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir() and mode != 0o700:
            problems.append(Finding(False, f"{path} is readable by others", f"`chmod 700 {path}`"))
        elif path.is_file() and mode & 0o077:
            problems.append(Finding(False, f"{path} is readable by others", f"`chmod 600 {path}`"))
    return problems or [Finding(True, f"state folder {state_dir}: owner-only (0700/0600)")]


def daemon_pid(state_dir: Path) -> str | None:
    """The holder of the state lock (the daemon or a sync), None when nobody holds it."""
    lock = state_dir / "agent.lock"
    if not lock.exists():
        return None
    fd = os.open(lock, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return os.pread(fd, 200, 0).decode(errors="replace").strip() or "unknown"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _daemon(state_dir: Path) -> Finding:
    holder = daemon_pid(state_dir)
    if holder:
        return Finding(True, f"the agent is running ({holder})")
    return Finding(
        True,
        "the daemon is not running: `agent run`, or `agent service install` to start it at login",
    )


def checks(config: Config) -> list[Finding]:
    found = [Finding(True, "config: valid")]
    for account in config.accounts:
        found += _account(account, config.agent.state_dir)
    found += _permissions(config.agent.state_dir)
    found.append(_daemon(config.agent.state_dir))
    return found


@click.command()
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help=CONFIG_HELP
)
def doctor(config_path: Path | None) -> None:
    """Check the config, each account's access, the state folder and the daemon."""
    path = config_path or paths.default_config_path()
    try:
        config = config_mod.load(path)
    except ConfigError as exc:
        findings = [
            Finding(
                False,
                str(exc),
                "fix the keys named above (config.example.toml "
                "documents each), or run `agent init`",
            )
        ]
    else:
        findings = checks(config)
    for f in findings:
        mark = "[green]✓[/green]" if f.ok else "[red]✗[/red]"
        out.print(f"{mark} {escape(f.what)}")
        if f.fix:
            out.print(f"    [yellow]→[/yellow] {escape(f.fix)}")
    problems = [f for f in findings if not f.ok]
    if problems:
        raise _Problems(f"{len(problems)} problem(s) found; see above")
    out.print("No problem found.")


class _Problems(UserError):
    exit_code = 1
