"""`agent init`: a config for the season from the mailbox. Asks for what mail cannot tell
(name, address, timezone, specialty), sets up the account, reads the season's mail, then
proposes the programs it found to keep, edit or drop and asks for the applicant's notes on
each interviewer. `--yes` accepts every proposal, for scripts and checks."""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from pydantic import ValidationError
from rich.markup import escape

from agent import config as config_mod
from agent import paths
from agent.cli import review
from agent.cli.options import out, reading_progress
from agent.config import AgentSettings
from agent.engine import config_file, setup
from agent.errors import UserError
from agent.facts.discovery import Applicant, FoundProgram
from connectors import registry
from connectors.account import Account

PROVIDERS = ("maildir", "gmail", "outlook", "imap")
# What --yes needs per provider; gmail and outlook need a person at a browser to sign in,
# so a script gives them a token command instead.
NEEDED = {
    "maildir": ("path",),
    "imap": ("host", "username"),
    "gmail": ("token_command",),
    "outlook": ("token_command",),
}


def system_timezone() -> str | None:
    """$TZ, else the zone /etc/localtime points at, else /etc/timezone."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(str(Path("/etc/localtime").resolve()).partition("zoneinfo/")[2])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text().strip())
    for name in candidates:
        if name and "/" in name:
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def season_since(today: date) -> datetime:
    """Where the season's mail begins: June 1 of the application year (ERAS opens then)."""
    year = today.year if today.month >= 6 else today.year - 1
    return datetime(year, 6, 1)


def _missing(options: dict[str, Any], provider: str) -> list[str]:
    needed = ["name", "email", "timezone", *NEEDED[provider]]
    return [f"--{key.replace('_', '-')}" for key in needed if not options.get(key)]


def _ask(options: dict[str, Any], key: str, text: str, default: str | None = None) -> None:
    if not options.get(key):
        options[key] = click.prompt(text, default=default, show_default=bool(default)).strip()


def _ask_account(options: dict[str, Any]) -> None:
    provider = options["provider"]
    if provider == "maildir":
        _ask(options, "path", "Maildir folder (its root: cur/ new/ and .Sent under it)")
    elif provider == "imap":
        _ask(options, "host", "IMAP server (e.g. imap.school.edu)")
        _ask(options, "username", "IMAP user name", options.get("email"))
        if not options.get("password_command"):
            options["password_command"] = click.prompt(
                "Command that prints the password (Enter: the OS keyring)",
                default="",
                show_default=False,
            ).strip()
    elif provider == "gmail":
        if not options.get("token_command"):
            _ask(options, "client_secrets", "Google OAuth client file (client_secret.json)")
    elif provider == "outlook" and not options.get("token_command"):
        _ask(options, "client_id", "Microsoft Entra application (client) id")


def _account_values(options: dict[str, Any]) -> dict[str, Any]:
    provider = options["provider"]
    values: dict[str, Any] = {"name": options["account"], "provider": provider}
    keys = {
        "maildir": [("path", "path")],
        "imap": [
            ("host", "host"),
            ("port", "port"),
            ("security", "security"),
            ("username", "username"),
            ("password_command", "password_command"),
        ],
        "gmail": [("client_secrets_file", "client_secrets"), ("token_command", "token_command")],
        "outlook": [("client_id", "client_id"), ("token_command", "token_command")],
    }[provider]
    for key, option in keys:
        value = options.get(option)
        if value:
            values[key] = (
                str(Path(value).expanduser().resolve())
                if key.endswith(("path", "_file"))
                else value
            )
    return values


def _account(values: dict[str, Any]) -> Account:
    if registry.find(values["provider"]) is None:
        raise UserError(f"provider {values['provider']!r} is not available in this version")
    try:
        return setup.account_model(values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise UserError(f"the account settings are not usable: {problems}") from None


def _read(
    account: Account, state_dir: Path, applicant: Applicant, since: datetime
) -> list[FoundProgram]:
    with reading_progress() as progress:
        found = setup.find_programs([account], state_dir, applicant, since, progress)
    return found


def _target(config_path: Path | None, yes: bool) -> tuple[Path, bool]:
    path = config_path or paths.default_config_path()
    if not path.exists():
        return path, False
    if yes:
        raise UserError(
            f"{path} already exists; `agent init --yes` never overwrites a config. "
            "Pass another --config PATH, or move that file away first."
        )
    if not click.confirm(f"{path} already exists. Replace it?", default=False):
        raise UserError(f"left {path} as it was; pass --config PATH to write elsewhere")
    return path, True


@click.command()
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the config. Default: the platform config path.",
)
@click.option(
    "--provider",
    type=click.Choice(PROVIDERS),
    default=None,
    help="The mailbox kind (default: asked; maildir with --yes).",
)
@click.option("--path", help="maildir: the Maildir++ root.")
@click.option("--name", help="Your name as you sign your mail.")
@click.option("--email", help="Your address; drafts are from it.")
@click.option("--timezone", help="Your IANA timezone, e.g. America/New_York.")
@click.option("--specialty", help="Your specialty (default: Internal Medicine).")
@click.option("--account", default="mail", show_default=True, help="A name for the account.")
@click.option("--host", help="imap: the server.")
@click.option("--username", help="imap: the user name.")
@click.option("--password-command", help="imap: a command that prints the password.")
@click.option("--port", type=int, help="imap: the port (default 993, or 143 without TLS).")
@click.option(
    "--security",
    type=click.Choice(["tls", "starttls", "none"]),
    help="imap: tls (default), starttls, or none (only to this computer).",
)
@click.option("--client-secrets", help="gmail: the OAuth client file (client_secret.json).")
@click.option("--client-id", help="outlook: the Entra application (client) id.")
@click.option("--token-command", help="gmail/outlook: a command that prints an access token.")
@click.option("--yes", is_flag=True, help="Accept every proposal; ask nothing.")
def init(config_path: Path | None, yes: bool, **options: Any) -> None:
    """Write your config from your mailbox: finds the season's programs, their domains,
    interview times and interviewers. Asks only what mail cannot tell."""
    options["provider"] = options["provider"] or ("maildir" if yes else None)
    if yes:
        missing = _missing(options, options["provider"])
        if missing:
            raise UserError(f"--yes needs {', '.join(missing)} (it asks nothing)")
    path, replacing = _target(config_path, yes)
    if not yes:
        _ask(options, "name", "Your name, as you sign your mail")
        _ask(options, "email", "Your email address (drafts are from it)")
        _ask(options, "timezone", "Your timezone", system_timezone())
        _ask(options, "specialty", "Your specialty", "Internal Medicine")
        if not options["provider"]:
            options["provider"] = click.prompt(
                "Your mailbox", type=click.Choice(PROVIDERS), default="maildir"
            )
        _ask_account(options)
    applicant_values = {
        "name": options["name"],
        "email": options["email"],
        "specialty": options.get("specialty") or "Internal Medicine",
        "timezone": options["timezone"],
    }
    try:
        applicant_cfg = config_mod.Applicant.model_validate(applicant_values)
    except ValidationError as exc:
        raise UserError(
            "; ".join(
                f"--{e['loc'][0]}: {e['msg'].removeprefix('Value error, ')}" for e in exc.errors()
            )
        ) from None
    account = _account(_account_values(options))
    state_dir = AgentSettings().state_dir
    if not yes and registry.provider_of(account).authorize is not None:
        out.print(escape(registry.authorize(account, state_dir)))
    today = datetime.now(applicant_cfg.zone).date()
    since = season_since(today).replace(tzinfo=applicant_cfg.zone)
    applicant = Applicant(applicant_cfg.name, applicant_cfg.addresses, applicant_cfg.zone)
    found = _read(account, state_dir, applicant, since)
    out.print(f"Found {len(found)} program(s) in your mail.")
    if yes:
        drafts = [config_file.draft_of(f) for f in found]
        for f in found:
            out.print(f"  {escape(f.name)} — {escape(review.evidence_line(f))}")
    else:
        drafts = review.review(found, out.real)
        review.ask_notes(drafts, out.real)
    starts = [f.evidence.date.date() for f in found if f.evidence]
    start = min(starts).replace(day=1) if starts else since.date()
    applicant_values = {k: v for k, v in applicant_values.items() if v}
    text = config_file.new_config(applicant_values, _account_values(options), drafts, start, today)
    if replacing:
        config_file.replace(path, text)
    else:
        config_file.write_new(path, text)
    out.print(f"Wrote {path} ({len(drafts)} program(s)).")
    flag = f" --config {path}" if config_path else ""
    out.print(
        f"Next: `agent sync{flag} --dry-run` shows what would be drafted; "
        f"`agent run{flag}` keeps at it."
    )
