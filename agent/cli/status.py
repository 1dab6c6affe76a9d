"""`agent status`: the season at a glance, as tables or as JSON. Read-only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from agent.config import Config
from agent.engine.store import AccountHealth
from agent.facts.season import Season
from agent.rules.thank_you import Assessment

_NEXT_ORDER = {"due": 0, "drafted": 1, "upcoming": 2}
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


@dataclass
class ProgramStatus:
    name: str
    interview: dict[str, Any] | None
    policy: str
    policy_source: str
    followups: list[Assessment]
    next_action: str
    next_at: datetime | None

    @property
    def promises(self) -> list[Assessment]:
        return [a for a in self.followups if a.promise is not None]


@dataclass
class Dashboard:
    now: datetime
    programs: list[ProgramStatus]
    accounts: list[dict[str, Any]]
    upcoming: list[tuple[datetime, str]] = field(default_factory=list)


def _next_action(items: list[Assessment]) -> tuple[str, datetime | None]:
    ranked = sorted(
        (a for a in items if a.state in _NEXT_ORDER),
        key=lambda a: (_NEXT_ORDER[a.state], a.at.timestamp() if a.at else float("inf")),
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
    return f"{first.kind} to {first.who}", first.at


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


def render(dashboard: Dashboard, config: Config, console: Console) -> None:
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
            interview = _when(p.interview["start"], config)
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


def as_data(dashboard: Dashboard) -> dict[str, Any]:
    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    def item(a: Assessment) -> dict[str, Any]:
        return {
            "kind": a.kind,
            "who": a.who,
            "state": a.state,
            "at": when(a.at),
            "needs_detail": a.needs_detail,
            "note": a.note,
        }

    def promise(a: Assessment) -> dict[str, Any]:
        info = a.promise
        assert info is not None  # only promise rows get here
        return {
            "topic": info.promise.topic,
            "what": info.promise.topic_label,
            "due": info.promise.due.isoformat(),
            "due_explicit": info.promise.due_explicit,
            "sentence": info.promise.sentence,
            "source": {"date": when(info.source.date), "subject": info.source.subject},
            "inquiry": item(a),
        }

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
                "followups": [item(a) for a in p.followups if a.promise is None],
                "promises": [promise(a) for a in p.promises],
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
