"""The `agent` program's first step. Before the CLI and its libraries are imported (about
0.2 s on one core), `agent sync` starts listing its config's Maildir folders on the second
core (connectors/maildir_ahead.py); then the CLI runs as it always does."""

from __future__ import annotations

import os
import sys

from connectors import maildir_ahead


def main() -> None:
    list_ahead(sys.argv[1:])
    from agent.cli.main import main as cli

    cli()


def list_ahead(args: list[str]) -> bool:
    """For `agent sync`, start listing the Maildir folders of the config it will read; False
    when nothing was started. A guess made before the CLI parses anything: what it gets wrong
    (an option it misreads, a config that does not parse) only means the pass lists its
    folders itself, as the connector checks each listing before taking it."""
    command = next((a for a in args if not a.startswith("-")), None)
    if command != "sync" or "-h" in args or "--help" in args:
        return False
    path = _config_path(args[args.index(command) + 1 :])
    try:
        import tomllib  # what reading the config imports anyway

        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, ValueError):
        return False  # the CLI says what is wrong with it
    accounts = raw.get("accounts")
    directories: list[str] = []
    for account in accounts if isinstance(accounts, list) else []:
        if not isinstance(account, dict) or account.get("provider") != "maildir":
            continue
        root, sent = account.get("path"), account.get("sent_folder", maildir_ahead.SENT_FOLDER)
        if isinstance(root, str) and isinstance(sent, str):
            # Relative to the config file, as agent/config.py resolves it.
            root = os.path.join(os.path.dirname(path), os.path.expanduser(root))
            directories += maildir_ahead.folder_dirs(root, sent)
    return maildir_ahead.start(directories)


def _config_path(args: list[str]) -> str:
    """The --config of a command's arguments, else where the CLI looks by default."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--config" and i + 1 < len(args):
            return os.path.expanduser(args[i + 1])
        if arg.startswith("--config="):
            return os.path.expanduser(arg.removeprefix("--config="))
    from agent.paths import default_config_path

    return str(default_config_path().expanduser())
