"""`agent status`: the season at a glance, as tables for the terminal or as JSON."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agent.cli import status_views as views
from agent.cli.options import (
    config_option,
    load_config,
    now_option,
    out,
    resolve_now,
    warn_without_programs,
)
from agent.config import Config
from agent.dashboard import Dashboard, as_data
from agent.engine import newcomers
from agent.engine.status import dashboard
from agent.rules.followup import Assessment

_WILL = {
    "upcoming": "will draft an inquiry",
    "due": "drafts an inquiry on the next pass",
    "drafted": "inquiry drafted: review and send it",
    "sent": "you sent the inquiry",
    "deleted": "you deleted the inquiry draft",
    "fulfilled": "nothing: it arrived",
    "skipped": "nothing",
    "no-address": "nothing: nobody to ask",
}


def _when(value: datetime | None, config: Config) -> str:
    if value is None:
        return ""
    return value.astimezone(config.applicant.zone).strftime("%a %b %-d %-I:%M %p %Z")


_STATE_STYLE = {
    "due": "bold yellow",
    "drafted": "cyan",
    "sent": "green",
    "fulfilled": "green",
    "deleted": "dim",
    "missed": "red",
    "skipped": "dim",
    "no-address": "magenta",
    "upcoming": "",
}


def _styled(state: str) -> str:
    style = _STATE_STYLE.get(state, "")
    return f"[{style}]{state}[/{style}]" if style else state


def wide(dashboard: Dashboard, config: Config, console: Console) -> None:
    """Tables, for a terminal of 120 columns or more."""
    table = Table(title=f"Interview season as of {_when(dashboard.now, config)}")
    table.add_column("Program", overflow="fold", ratio=3)
    table.add_column("Interview", ratio=2)
    table.add_column("Follow-up", overflow="fold", ratio=3)
    table.add_column("State", overflow="fold", ratio=2)
    table.add_column("When", ratio=2)
    notes: list[str] = []
    for p in dashboard.programs:
        if p.interview is None:
            interview = "[dim]not known yet[/dim]"
        else:
            start = p.interview["start"]  # a datetime, a date (no time read) or None
            interview = _when(start, config) if isinstance(start, datetime) else ""
            interview = interview or (f"{start:%a %b %-d}" if start else "day not stated")
            if p.interview["cancelled"]:
                interview = f"[strike]{interview}[/strike] cancelled"
        rows: list[Assessment | None] = [a for a in p.followups if a.promise is None] or [None]
        for i, a in enumerate(rows):
            first = i == 0
            name = f"{p.name}\n[dim]policy: {p.policy}[/dim]" if first else ""
            if a is None:
                table.add_row(name, interview if first else "", "[dim]—[/dim]", "", "")
                continue
            state = _styled(a.state)
            if a.needs_detail and a.state in ("drafted", "due"):
                state += "\n[yellow]needs your detail[/yellow]"
            table.add_row(
                name, interview if first else "", f"{a.kind} → {a.who}", state, _when(a.at, config)
            )
            if a.note and a.state in ("missed", "skipped", "no-address"):
                notes.append(f"{p.name}: {a.kind} → {a.who}: {a.note}")
        table.add_section()
        if p.policy_source not in ("default", "config"):
            notes.append(f"{p.name}: contact policy {p.policy} from {p.policy_source}")
    console.print(table)

    promises = [(p, a) for p in dashboard.programs for a in p.promises]
    if promises:
        ptable = Table(title="Promised information")
        for col, ratio in (("Program", 3), ("What", 3), ("Due", 1), ("Agent", 3)):
            ptable.add_column(col, overflow="fold", ratio=ratio)
        for p, a in promises:
            info = a.promise
            assert info is not None  # only promise rows get here
            will = _WILL.get(a.state, a.state)
            if a.state == "upcoming":
                will += f" at {_when(a.at, config)} if nothing arrives"
            elif a.note and a.state in ("fulfilled", "skipped", "no-address"):
                will += f" ({a.note})"
            what = f"{info.promise.topic_label}\n[dim]“{info.promise.sentence}”[/dim]"
            ptable.add_row(p.name, what, f"{info.promise.due:%b %-d}", will)
        console.print(ptable)

    if notes:
        console.print("[bold]Notes[/bold]")
        for note in notes:
            console.print(f"  • {note}")

    accounts = Table(title="Accounts")
    for col in ("Account", "Provider", "Last pass", "Last error"):
        accounts.add_column(col, overflow="fold")
    for acc in dashboard.accounts:
        accounts.add_row(
            acc["name"],
            acc["provider"],
            _when(acc["last_pass"], config) or "never",
            f"[red]{acc['last_error']}[/red]" if acc["last_error"] else "",
        )
    console.print(accounts)
    if dashboard.upcoming:
        console.print("[bold]Next moments the agent will act[/bold]")
        for at, what in dashboard.upcoming:
            console.print(f"  {_when(at, config)}  {what}")


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
        wide(board, config, console)
    else:
        views.compact(board, config, console)
    for notice in newcomers.notices_once(config, now):  # unlisted programs, said once
        out.print(escape(notice))
