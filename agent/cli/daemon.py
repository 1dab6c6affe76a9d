"""The `agent run` and `agent service` commands, thin over agent.engine.daemon and
agent.engine.service."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import click

from agent import paths
from agent.cli.options import config_option, load_config, out


@click.command()
@config_option
@click.option(
    "--interval-seconds",
    type=click.FloatRange(min=0.2, max=24 * 3600),
    default=None,
    metavar="N",
    help="Check mail every N seconds instead of every [agent] interval_minutes. Meant for "
    "tests and demos; the config key is the way to set it for real use.",
)
@click.pass_context
def run(ctx: click.Context, config_path: Path | None, interval_seconds: float | None) -> None:
    """Keep the agent running in the background until stopped (SIGTERM or Ctrl-C).

    \b
    - Runs a pass at start, then every [agent] interval_minutes (default 10, with a
      little jitter), like `agent sync` on the real clock.
    - Also wakes up exactly when the next follow-up becomes due (an interview ends, a
      promise goes overdue), so the draft is there within seconds of its moment.
    - Holds the state lock only during a pass: `agent sync` and `agent status` work
      while it runs (a sync that arrives during a pass waits, then names this process).
    - An account that fails (expired sign-in, network, provider errors) is retried after
      1, 2, 4, ... intervals (at most an hour); other accounts go on. `agent status`
      shows its last error.
    - Logs to agent.log in the state dir (owner-only, rotated at 1 MB, 5 kept) and to
      stderr; third parties' addresses are masked, mail bodies never logged.
    - On SIGTERM/SIGINT the pass in progress finishes (up to 20 s, or at once on a second
      signal it is abandoned safely) and the exit status is 0.

    To start it at login, use `agent service install`.
    """
    from agent.engine import logs
    from agent.engine.daemon import Daemon
    from agent.engine.lock import DaemonLock

    # Absolute, so that the log and any message name the file whatever the working dir.
    config = load_config((config_path or paths.default_config_path()).expanduser().resolve())
    verbose = int(ctx.find_root().params.get("verbose") or 0)
    logs.setup(config.agent.state_dir, config.applicant.addresses, verbose=verbose)
    if interval_seconds is not None:
        interval = timedelta(seconds=interval_seconds)
    else:
        interval = timedelta(minutes=config.agent.interval_minutes)
    with DaemonLock(config.agent.state_dir):
        Daemon(config, interval=interval).run()


@click.group()
def service() -> None:
    """Start `agent run` at login: a systemd user unit on Linux
    (~/.config/systemd/user/residency-agent.service), a launchd agent on macOS
    (~/Library/LaunchAgents/local.residency-agent.plist).

    The service runs this Python (`python -m agent run`) with the config file's absolute
    path, so a later change of directory or $AGENT_CONFIG does not affect it. After
    editing the config, run `agent service install` again to restart it.
    """


def _config_file(config_path: Path | None) -> Path:
    path = (config_path or paths.default_config_path()).expanduser().resolve()
    load_config(path)  # refuse to install a service that would exit 2 at every start
    return path


@service.command("install")
@config_option
@click.option(
    "--print",
    "print_only",
    is_flag=True,
    help="Print the unit (or plist) that would be written, and change nothing.",
)
def service_install(config_path: Path | None, print_only: bool) -> None:
    """Write the service for this user, enable it and start it now.

    Checks the config first. Running it again rewrites the service and restarts it
    (do that after editing the config or moving the virtualenv). Without a running
    systemd user session (containers, some SSH logins) the unit is written and the
    command says how to start it by hand (exit status 1).
    """
    from agent.engine.service import command, for_this_system

    path = _config_file(config_path)
    unit = for_this_system()
    argv = command(sys.executable, path)
    state_dir = load_config(path).agent.state_dir
    if print_only:
        click.echo(f"# {unit.path}")
        click.echo(unit.text(argv, state_dir), nl=False)
        return
    out.print(unit.install(argv, state_dir))


@service.command("uninstall")
def service_uninstall() -> None:
    """Stop the service, disable it and remove its file. Your config, state and drafts
    stay as they are."""
    from agent.engine.service import for_this_system

    out.print(for_this_system().uninstall())


@service.command("status")
def service_status() -> None:
    """Say whether the service is installed and whether it is running. For what the agent
    has done and will do next, see `agent status`."""
    from agent.engine.service import for_this_system

    out.print(for_this_system().status())
