"""The views of `agent status`: one line per follow-up in 80 columns, tables on a wide
terminal, the agenda in date order, and the whole decision trail of one program (`--why`)."""

from __future__ import annotations

import textwrap
from datetime import date, datetime, time, timedelta

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agent.config import Config
from agent.dashboard import Dashboard, ProgramStatus, needs_you
from agent.rules.followup import Assessment
from agent.views.moments import NRMP_ZONE

STYLE = {
    "due": "bold yellow",
    "drafted": "cyan",
    "sent": "green",
    "fulfilled": "green",
    "deleted": "dim",
    "missed": "red",
    "skipped": "dim",
    "no-address": "magenta",
    "obsolete": "yellow",
    "blocked": "red",
    "refused": "red",
    "edited": "cyan",
}


def when(
    value: datetime | date | None, config: Config, *, year: bool = False, zone: bool = False
) -> str:
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return f"{value:%a %b %-d}"
    local = value.astimezone(config.applicant.zone)
    shape = "%a %b %-d" + (" %Y" if year else "") + " %-I:%M %p" + (" %Z" if zone or year else "")
    return local.strftime(shape)


def styled(state: str, width: int = 0) -> str:
    """The state in its colour, padded to ``width`` visible characters."""
    text = f"{state:<{width}}"
    style = STYLE.get(state)
    return f"[{style}]{text}[/{style}]" if style else text


def interview_line(p: ProgramStatus, config: Config) -> str:
    if p.interview is None:
        return "interview not known yet"
    start = p.interview["start"]
    text = when(start, config) if start else "day not stated"
    return f"interview {text} (cancelled)" if p.interview["cancelled"] else f"interview {text}"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def compact(board: Dashboard, config: Config, console: Console) -> None:
    """Per program a heading and one line per follow-up; fits 80 columns."""
    console.print(f"[bold]Season as of {escape(when(board.now, config, year=True))}[/bold]")
    for p in board.programs:
        console.print()
        head = f"{p.short} · {interview_line(p, config)} · policy {p.policy}"
        console.print(f"[bold]{escape(_fit(head, 79))}[/bold]")
        items = [a for a in p.followups if a.promise is None] + p.promises
        if not items:
            console.print("  [dim]nothing to follow up yet[/dim]")
        for a in items:
            label = f"{a.kind} → {a.who}"
            if a.promise is not None:
                label = f"inquiry: {a.promise.promise.topic_label}"
            line = f"  {escape(f'{_fit(label, 44):<44}')} {styled(a.state, 10)}"
            line += f" {escape(when(a.at, config))}"
            console.print(line)
            if a.needs_detail and a.state in ("due", "drafted"):
                console.print("    [yellow]needs your detail[/yellow]")
            if a.state in ("obsolete", "blocked", "refused", "no-address", "missed"):
                console.print(f"    [dim]{escape(_fit(a.reason or a.note, 75))}[/dim]")
    needs = [str(need) for need in needs_you(board)]
    if needs:
        console.print()
        console.print("[bold]Needs you[/bold]")
        for line in needs:
            wrapped = textwrap.fill(
                line, console.width - 1, initial_indent="  • ", subsequent_indent="    "
            )
            console.print(escape(wrapped))
    failing = [a for a in board.accounts if a["last_error"]]
    for acc in failing:
        console.print(f"[red]account {escape(acc['name'])}: {escape(acc['last_error'])}[/red]")


def agenda(board: Dashboard, config: Config, console: Console) -> None:
    """What happens next, in date order: today, this week, later."""
    entries: list[tuple[datetime, str]] = []
    zone = config.applicant.zone
    for p in board.programs:
        for a in p.followups:
            entries.extend(_agenda_entries(p, a))
    deadline = datetime.combine(config.season.rank_deadline, time(21), NRMP_ZONE)
    entries.append((deadline, "rank list certification deadline (9 PM Eastern)"))
    now = board.now.astimezone(zone)
    week_end = (now + timedelta(days=7 - now.weekday())).replace(hour=0, minute=0, second=0)
    groups: dict[str, list[tuple[datetime, str]]] = {"Today": [], "This week": [], "Later": []}
    for at, what in sorted(entries):
        local = at.astimezone(zone)
        if local < now - timedelta(days=1):
            continue
        group = "Today" if local.date() <= now.date() else "This week"
        groups[group if local < week_end else "Later"].append((local, what))
    console.print(f"[bold]Agenda as of {escape(when(board.now, config, year=True))}[/bold]")
    for name, items in groups.items():
        if not items:
            continue
        console.print(f"\n[bold]{name}[/bold]")
        for at, what in items:
            console.print(f"  {escape(when(at, config)):<22} {escape(what)}")


def _agenda_entries(p: ProgramStatus, a: Assessment) -> list[tuple[datetime, str]]:
    out = []
    if a.promise is not None:
        promise = a.promise.promise
        due = datetime.combine(promise.due, datetime.min.time(), a.promise.opens.tzinfo)
        if a.state in ("upcoming", "due", "drafted"):
            out.append((due, f"{p.short}: {promise.topic_label} promised by today"))
    if a.at is None:
        return out
    if a.state == "due":
        out.append((a.at, f"{p.short}: {a.kind} to {a.who} — window closes"))
    elif a.state == "drafted" and a.kind.startswith("thank-you"):
        out.append((a.at, f"{p.short}: send the drafted {a.kind} to {a.who} — window closes"))
    elif a.state == "upcoming":
        out.append((a.at, f"{p.short}: the agent drafts the {a.kind} to {a.who}"))
    return out


def why(board: Dashboard, config: Config, name: str, console: Console) -> bool:
    """The whole decision trail of the program whose name or alias contains ``name``."""
    wanted = name.casefold()
    found = [
        p for p in board.programs if wanted in p.name.casefold() or wanted in p.short.casefold()
    ]
    if not found:
        return False
    for p in found:
        console.print(f"[bold]{escape(p.name)}[/bold]")
        if p.interview:
            source = p.interview["source"]
            console.print(f"  {escape(interview_line(p, config))} — from {escape(str(source))}")
        else:
            console.print("  interview not known yet")
        console.print(f"  contact policy {p.policy} — from {escape(p.policy_source)}")
        for person in p.interviewers:
            address = person["email"] or "no address known"
            console.print(
                f"  interviewer {escape(person['name'])} ({escape(address)}) — "
                f"from {person['source']}"
            )
        for n in p.needs_you:
            console.print(f"  [yellow]needs you:[/yellow] {escape(n.what)}")
        for a in [*(f for f in p.followups if f.promise is None), *p.promises]:
            label = f"{a.kind} → {a.who}" + (f" <{a.recipient}>" if a.recipient else "")
            console.print(f"\n  {escape(label)}: {styled(a.state)}")
            if a.promise is not None:
                console.print(f"    promise: “{escape(a.promise.promise.sentence)}”")
            console.print(f"    why: {escape(a.reason or a.note)}")
            for step in a.trail:
                console.print(f"    [dim]{escape(step)}[/dim]")
    return True


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


def wide(dashboard: Dashboard, config: Config, console: Console) -> None:
    """Tables, for a terminal of 120 columns or more."""
    table = Table(title=f"Interview season as of {when(dashboard.now, config, zone=True)}")
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
            interview = when(start, config, zone=True) if isinstance(start, datetime) else ""
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
            state = styled(a.state)
            if a.needs_detail and a.state in ("drafted", "due"):
                state += "\n[yellow]needs your detail[/yellow]"
            table.add_row(
                name,
                interview if first else "",
                f"{a.kind} → {a.who}",
                state,
                when(a.at, config, zone=True),
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
                will += f" at {when(a.at, config, zone=True)} if nothing arrives"
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
            when(acc["last_pass"], config, zone=True) or "never",
            f"[red]{acc['last_error']}[/red]" if acc["last_error"] else "",
        )
    console.print(accounts)
    if dashboard.upcoming:
        console.print("[bold]Next moments the agent will act[/bold]")
        for at, what in dashboard.upcoming:
            console.print(f"  {when(at, config, zone=True)}  {what}")
