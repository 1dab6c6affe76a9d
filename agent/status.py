"""`agent status`: the season at a glance, as a table or as JSON. Read-only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from .config import Config
from .followups import Assessment
from .season import Season
from .store import AccountHealth

_NEXT_ORDER = {"due": 0, "drafted": 1, "upcoming": 2}


@dataclass
class ProgramStatus:
    name: str
    interview: dict[str, Any] | None
    policy: str
    policy_source: str
    followups: list[Assessment]
    next_action: str
    next_at: datetime | None


@dataclass
class Dashboard:
    now: datetime
    programs: list[ProgramStatus]
    accounts: list[dict[str, Any]]
    upcoming: list[tuple[datetime, str]] = field(default_factory=list)


def _next_action(items: list[Assessment]) -> tuple[str, datetime | None]:
    ranked = sorted(
        (a for a in items if a.state in _NEXT_ORDER),
        key=lambda a: (
            _NEXT_ORDER[a.state],
            a.at or datetime.max.replace(tzinfo=None).astimezone(),
        ),
    )
    if not ranked:
        return "nothing to do", None
    first = ranked[0]
    if first.state == "due":
        return f"draft {first.kind} to {first.who} on the next pass", first.at
    if first.state == "drafted":
        if any(a.needs_detail and a.state == "drafted" for a in items):
            return "add your detail to the drafted note, then send it", first.at
        return "review and send the drafted note", first.at
    return f"{first.kind} to {first.who} when the window opens", first.at


def build(
    config: Config,
    season: Season,
    assessments: list[Assessment],
    health: Mapping[str, AccountHealth],
    now: datetime,
) -> Dashboard:
    programs = []
    upcoming: list[tuple[datetime, str]] = []
    for view in season.programs:
        items = [a for a in assessments if a.program == view.program.name]
        interview = None
        if view.interview is not None:
            interview = {
                "start": view.interview.start,
                "end": view.interview.end,
                "cancelled": view.interview.cancelled,
                "source": view.interview.source,
            }
        action, at = _next_action(items)
        programs.append(
            ProgramStatus(
                view.program.name, interview, view.policy, view.policy_source, items, action, at
            )
        )
        upcoming.extend(
            (a.at, f"{a.program}: {a.kind} to {a.who}")
            for a in items
            if a.state == "upcoming" and a.at is not None
        )
    accounts = []
    for account in config.accounts:
        h = health.get(account.name)
        accounts.append(
            {
                "name": account.name,
                "provider": account.provider,
                "last_pass": h.last_pass if h else None,
                "last_error": h.last_error if h else None,
                "last_error_at": h.last_error_at if h else None,
            }
        )
    return Dashboard(now, programs, accounts, sorted(upcoming)[:10])


def _when(value: datetime | None, config: Config) -> str:
    if value is None:
        return ""
    return value.astimezone(config.applicant.zone).strftime("%a %b %-d %-I:%M %p %Z")


_STATE_STYLE = {
    "due": "bold yellow",
    "drafted": "cyan",
    "sent": "green",
    "deleted": "dim",
    "missed": "red",
    "skipped": "dim",
    "no-address": "magenta",
    "upcoming": "",
}


def render(dashboard: Dashboard, config: Config, console: Console) -> None:
    table = Table(title=f"Interview season as of {_when(dashboard.now, config)}", expand=False)
    table.add_column("Program", overflow="fold", max_width=34)
    table.add_column("Interview")
    table.add_column("Follow-ups")
    table.add_column("Policy")
    table.add_column("Next", overflow="fold", max_width=36)
    for p in dashboard.programs:
        if p.interview is None:
            interview = "[dim]not known yet[/dim]"
        else:
            interview = _when(p.interview["start"], config)
            if p.interview["cancelled"]:
                interview = f"[strike]{interview}[/strike] cancelled"
        lines = []
        for a in p.followups:
            style = _STATE_STYLE.get(a.state, "")
            state = a.state + (
                ", needs your detail" if a.needs_detail and a.state in ("drafted", "due") else ""
            )
            label = (
                f"{a.kind} → {a.who}: [{style}]{state}[/{style}]"
                if style
                else (f"{a.kind} → {a.who}: {state}")
            )
            if a.note and a.state in ("missed", "skipped", "no-address"):
                label += f" [dim]({a.note})[/dim]"
            lines.append(label)
        nxt = p.next_action + (f"\n[dim]{_when(p.next_at, config)}[/dim]" if p.next_at else "")
        table.add_row(p.name, interview, "\n".join(lines) or "[dim]—[/dim]", p.policy, nxt)
    console.print(table)
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
        console.print("[bold]Next moments the agent will act:[/bold]")
        for at, what in dashboard.upcoming:
            console.print(f"  {_when(at, config)}  {what}")


def as_data(dashboard: Dashboard) -> dict[str, Any]:
    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "now": when(dashboard.now),
        "programs": [
            {
                "name": p.name,
                "interview": None
                if p.interview is None
                else {
                    **p.interview,
                    "start": when(p.interview["start"]),
                    "end": when(p.interview["end"]),
                },
                "contact_policy": p.policy,
                "contact_policy_source": p.policy_source,
                "followups": [
                    {
                        "kind": a.kind,
                        "who": a.who,
                        "state": a.state,
                        "at": when(a.at),
                        "needs_detail": a.needs_detail,
                        "note": a.note,
                    }
                    for a in p.followups
                ],
                "next_action": p.next_action,
                "next_at": when(p.next_at),
            }
            for p in dashboard.programs
        ],
        "accounts": [
            {**a, "last_pass": when(a["last_pass"]), "last_error_at": when(a["last_error_at"])}
            for a in dashboard.accounts
        ],
        "upcoming": [{"at": when(at), "what": what} for at, what in dashboard.upcoming],
    }
