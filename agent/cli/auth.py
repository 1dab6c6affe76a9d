"""`agent auth`: sign in to a Gmail or Outlook account."""

from __future__ import annotations

from pathlib import Path

import click

from agent.cli.options import config_option, load_config, out


@click.command()
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
