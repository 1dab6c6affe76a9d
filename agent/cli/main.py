"""The command line. Thin commands over plain functions; every user error becomes a message
and exit status 2, every other failure exit status 1, never a traceback for either."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from agent import __version__
from agent import config as config_mod
from agent.config import Config
from agent.engine.clock import parse_now, utcnow
from agent.errors import AgentFailure, UserError

log = logging.getLogger("agent")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

CONFIG_HELP = (
    "Config file (TOML). Default: $AGENT_CONFIG, else the platform config dir "
    "(~/.config/residency-agent/config.toml on Linux)."
)
NOW_HELP = (
    "Pretend it is this moment (ISO 8601, e.g. 2026-10-06T09:00; without an offset it is the "
    "applicant's timezone). Replaces the clock for the whole run."
)


def config_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=CONFIG_HELP,
    )(f)


def now_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--now", "now_text", metavar="ISO-8601", default=None, help=NOW_HELP)(f)


def load_config(path: Path | None) -> Config:
    return config_mod.load(path or config_mod.default_config_path())


def resolve_now(config: Config, text: str | None) -> datetime:
    return parse_now(text, config.applicant.zone) if text else utcnow()


def setup_logging(verbose: int) -> None:
    from agent.engine.logs import PrivacyFilter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    # Addresses are masked at INFO and above before the config (and so the applicant's own
    # addresses) is even known; `agent run` replaces this with its file-and-stderr setup.
    handler.addFilter(PrivacyFilter(()))
    logging.basicConfig(level=logging.WARNING - 10 * min(verbose, 2), handlers=[handler])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="agent")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Residency follow-up agent: watches your mailbox during interview season and writes
    personalized follow-up drafts (thank-you notes, overdue-information inquiries) into your
    Drafts folder, in the right thread. It never sends mail: you review and send.

    \b
    Typical use:
      agent sync --dry-run     show what would be drafted now
      agent sync               draft what is due
      agent status             the whole season at a glance
      agent run                keep doing that in the background
    """
    setup_logging(verbose)


@cli.command()
@config_option
@now_option
@click.option("--dry-run", is_flag=True, help="Show the plan; write no draft and no state.")
def sync(config_path: Path | None, now_text: str | None, dry_run: bool) -> None:
    """Read new mail, then draft every follow-up that is due.

    Safe to run any number of times: a follow-up is drafted at most once, a draft you
    deleted is never recreated, and a note you sent yourself counts as done.
    """
    from agent.cli.sync import run_sync

    config = load_config(config_path)
    now = resolve_now(config, now_text)
    ok = run_sync(config, now, dry_run=dry_run, out=out, err=err)
    if not ok:
        raise AgentFailure("some accounts or drafts failed; see the messages above")


@cli.command()
@config_option
@now_option
@click.option("--json", "as_json", is_flag=True, help="Print the dashboard as JSON.")
def status(config_path: Path | None, now_text: str | None, as_json: bool) -> None:
    """The season at a glance: interviews, each thank-you's state, contact policies, open
    promises, accounts and what the agent will do next. Read-only; works while
    `agent run` is running."""
    from agent.cli.status import render
    from agent.cli.sync import dashboard
    from agent.dashboard import as_data

    config = load_config(config_path)
    now = resolve_now(config, now_text)
    board = dashboard(config, now)
    if as_json:
        click.echo(json.dumps(as_data(board), indent=2))
    else:
        render(board, config, out)


@cli.command()
@click.argument("account")
@config_option
@click.option(
    "--browser/--no-browser",
    default=None,
    help="Gmail: --no-browser prints the sign-in URL (for SSH). Outlook: --browser signs in "
    "in a browser instead of with a device code.",
)
def auth(account: str, config_path: Path | None, browser: bool | None) -> None:
    """Sign in to a Gmail or Outlook ACCOUNT (its `name` in the config) and store the token
    owner-only in the state dir. Maildir accounts need no sign-in."""
    config = load_config(config_path)
    target = config.account(account)
    if target.provider == "maildir":
        out.print(f"Account {account!r} is a local Maildir; it needs no sign-in.")
        return
    if target.provider == "gmail":
        from connectors.gmail.connector import authorize as authorize_gmail

        message = authorize_gmail(target, config.agent.state_dir, browser=browser)
    else:
        from connectors.outlook.connector import authorize as authorize_outlook

        message = authorize_outlook(target, config.agent.state_dir, browser=browser)
    out.print(message)


@cli.group()
def update() -> None:
    """Real news for the programs that interviewed you (a publication, an award, a Step 2
    CK score). The next pass drafts one update letter per program that interviewed you
    before the news and does not ask for no contact, in its latest thread with the program
    director or coordinator; at most one purposeful message per program every 14 days."""


@update.command("add")
@click.argument("text")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="When the news happened (YYYY-MM-DD). Default: today.",
)
@config_option
def update_add(text: str, day: datetime | None, config_path: Path | None) -> None:
    """Record TEXT as news, e.g. agent update add "My abstract on sepsis bundles was
    accepted for presentation at SHM 2027"."""
    from agent.cli.sync import add_update

    config = load_config(config_path)
    when = day.date() if day else utcnow().astimezone(config.applicant.zone).date()
    added = add_update(config, text, when, utcnow())
    out.print(
        f"Recorded the update of {when:%b %-d}." if added else "That update was already recorded."
    )
    out.print("The next `agent sync` drafts the letters; `agent update list` shows them.")


@update.command("list")
@config_option
@now_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def update_list(config_path: Path | None, now_text: str | None, as_json: bool) -> None:
    """The recorded updates and, per program, the state of each update letter."""
    from agent.cli.sync import dashboard, recorded_updates

    config = load_config(config_path)
    now = resolve_now(config, now_text)
    updates = recorded_updates(config)
    board = dashboard(config, now)
    letters = [(p.name, a) for p in board.programs for a in p.followups if a.kind == "update"]
    if as_json:
        data = {
            "updates": [{"date": u.date.isoformat(), "text": u.text} for u in updates],
            "letters": [
                {"program": name, "who": a.who, "state": a.state, "note": a.note}
                for name, a in letters
            ],
        }
        click.echo(json.dumps(data, indent=2))
        return
    if not updates:
        out.print('No updates recorded. Add one with `agent update add "TEXT"`.')
    for u in updates:
        out.print(f"{u.date:%Y-%m-%d}  {u.text}")
    for name, a in letters:
        out.print(f"  {name} → {a.who}: {a.state}" + (f" ({a.note})" if a.note else ""))


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="agent", standalone_mode=False)
    except click.exceptions.Abort:
        err.print("Aborted.")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UserError as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True)
        sys.exit(exc.exit_code)
    except AgentFailure as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        from connectors.errors import ConnectorError

        if isinstance(exc, ConnectorError):
            err.print(f"[red]error:[/red] {exc}")
            sys.exit(1)
        raise
    sys.exit(0)


from agent.cli import daemon as _daemon  # noqa: E402,F401  (registers run and service)
