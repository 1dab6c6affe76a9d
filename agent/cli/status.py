"""`agent status`: the season at a glance, as tables for the terminal or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from agent.cli import status_views as views
from agent.cli.options import (
    config_option,
    load_config,
    now_option,
    out,
    resolve_now,
    warn_without_programs,
)
from agent.dashboard import as_data
from agent.engine import newcomers
from agent.engine.status import dashboard

WIDE = 120  # columns from which the tables fit without wrapping


@click.command()
@config_option
@now_option
@click.option("--json", "as_json", is_flag=True, help="Print the dashboard as JSON (pinned).")
@click.option(
    "--agenda", is_flag=True, help="What happens next in date order: today, this week, later."
)
@click.option(
    "--why",
    "program",
    metavar="PROGRAM",
    default=None,
    help="The whole decision trail of one program (a part of its name or alias).",
)
def status(
    config_path: Path | None, now_text: str | None, as_json: bool, agenda: bool, program: str | None
) -> None:
    """The season at a glance: interviews, each follow-up's state and why, contact
    policies, open promises, what needs you, and what the agent will do next. Read-only;
    works while `agent run` is running. One line per follow-up in 80 columns; tables on
    a terminal of 120 columns or more; colour only on a terminal."""
    config = load_config(config_path)
    now = resolve_now(config, now_text)
    warn_without_programs(config)
    board = dashboard(config, now)
    if as_json:
        click.echo(json.dumps(as_data(board), indent=2))
        return
    # Sized now, not at import: the terminal (or $COLUMNS) decides the layout.
    console = Console(highlight=False)
    if program is not None:
        if not views.why(board, config, program, console):
            known = ", ".join(p.short for p in board.programs) or "none"
            raise click.BadParameter(f"no program matches {program!r} (known: {known})")
        return
    if agenda:
        views.agenda(board, config, console)
    elif console.width >= WIDE:
        views.wide(board, config, console)
    else:
        views.compact(board, config, console)
    for notice in newcomers.notices_once(config, now):  # unlisted programs, said once
        out.print(escape(notice))
