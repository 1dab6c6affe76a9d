"""`agent auth`: sign in to a Gmail, Outlook or IMAP account."""

from __future__ import annotations

from pathlib import Path

import click

from agent.cli.options import config_option, load_config, out
from connectors import registry


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
    """Sign in to ACCOUNT (its `name` in the config): Gmail and Outlook through the
    provider's sign-in page, the token stored owner-only in the state dir; IMAP by asking
    for the password (or app password), checked by logging in once and kept in your
    system's keyring. An account with token_command or password_command only has its
    command checked. Maildir accounts need no sign-in."""
    config = load_config(config_path)
    target = config.account(account)
    message = registry.authorize(target, config.agent.state_dir, browser=browser)
    out.print(message)
