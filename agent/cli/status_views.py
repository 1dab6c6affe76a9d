"""The narrow views of `agent status`: one line per follow-up in 80 columns, the agenda in
date order, and the whole decision trail of one program (`--why`)."""

from __future__ import annotations

import textwrap
from datetime import date, datetime, timedelta

from rich.console import Console
from rich.markup import escape

from agent.config import Config
from agent.dashboard import Dashboard, ProgramStatus
from agent.rules.followup import Assessment

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


def when(value: datetime | date | None, config: Config, *, year: bool = False) -> str:
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return f"{value:%a %b %-d}"
    local = value.astimezone(config.applicant.zone)
    return local.strftime("%a %b %-d %Y %-I:%M %p %Z" if year else "%a %b %-d %-I:%M %p")


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
    needs = needs_you(board, config)
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


def needs_you(board: Dashboard, config: Config) -> list[str]:
    """What only the applicant can do, in one list: unreadable mail, details to add, drafts
    to delete or fix."""
    out = []
    for p in board.programs:
        for n in p.needs_you:
            out.append(f"{p.short}: {n.what}")
        for a in p.followups:
            if a.state == "drafted" and a.needs_detail:
                out.append(f"{p.short}: add your detail to the {a.kind} to {a.who}, then send it")
            elif a.state == "obsolete":
                out.append(f"{p.short}: {a.kind} to {a.who}: {a.reason}")
            elif a.state == "blocked":
                out.append(f"{p.short}: the {a.kind} to {a.who} was not drafted: {a.note}")
    return out


def agenda(board: Dashboard, config: Config, console: Console) -> None:
    """What happens next, in date order: today, this week, later."""
    entries: list[tuple[datetime, str]] = []
    zone = config.applicant.zone
    for p in board.programs:
        for a in p.followups:
            entries.extend(_agenda_entries(p, a))
    deadline = datetime.combine(config.season.rank_deadline, datetime.min.time(), zone)
    entries.append((deadline.replace(hour=21), "rank list certification deadline (9 PM ET)"))
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
