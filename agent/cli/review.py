"""What `agent init` and `agent programs` show of a program found in mail, and the
interactive review of `agent init`: keep, edit or drop each program, then the applicant's
notes on each interviewer."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from rich.console import Console
from rich.markup import escape

from agent.engine.config_file import ProgramDraft, describe_interview, draft_of
from agent.facts.discovery import FoundProgram


def evidence_line(found: FoundProgram) -> str:
    if found.evidence is None:
        return ""
    e = found.evidence
    return f"{e.kind}: '{e.subject}' ({e.date:%b} {e.date.day}, {e.date.year})"


def show(found: FoundProgram, console: Console, index: int | None = None) -> None:
    head = f"{index}. " if index is not None else ""
    console.print(f"[bold]{head}{escape(found.name)}[/bold]")
    rows = [
        ("domains", ", ".join(found.domains) or "none (named in platform mail)"),
        ("aliases", ", ".join(found.aliases)),
        ("timezone", found.timezone or ""),
        ("found in", evidence_line(found)),
        ("coordinator", str(found.coordinator) if found.coordinator else ""),
        ("interview", describe_interview(found) or "not read from mail"),
        ("interviewers", "; ".join(_person(p.name, p.role, p.email) for p in found.interviewers)),
        (
            "contact policy",
            f'{found.policy.policy} ("{found.policy.sentence}")' if found.policy else "",
        ),
    ]
    for label, value in rows:
        if value:
            console.print(f"   {label}: {escape(value)}")


def _person(name: str, role: str | None, email: str | None) -> str:
    return name + (f", {role}" if role else "") + (f" <{email}>" if email else "")


def as_json(found: FoundProgram) -> dict[str, Any]:
    interview = found.interview
    return {
        "name": found.name,
        "domains": found.domains,
        "aliases": found.aliases,
        "timezone": found.timezone,
        "coordinator": str(found.coordinator) if found.coordinator else None,
        "interview": {
            "start": interview.start.isoformat() if interview and interview.start else None,
            "source": {
                "subject": interview.source.subject,
                "date": interview.source.date.isoformat(),
            },
        }
        if interview
        else None,
        "interviewers": [
            {"name": p.name, "role": p.role, "email": p.email} for p in found.interviewers
        ],
        "contact_policy": found.policy.policy if found.policy else None,
        "evidence": {
            "subject": found.evidence.subject,
            "date": found.evidence.date.isoformat(),
            "kind": found.evidence.kind,
        }
        if found.evidence
        else None,
    }


def _listed(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _zone(text: str) -> str | None:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(
            f"{text!r} is not an IANA timezone such as 'America/Chicago'"
        ) from None
    return text


def edit(draft: ProgramDraft) -> ProgramDraft:
    draft.name = click.prompt("  Name", default=draft.name)
    draft.domains = _listed(
        click.prompt("  Domains (comma-separated)", default=", ".join(draft.domains))
    )
    draft.aliases = _listed(
        click.prompt("  Aliases (comma-separated)", default=", ".join(draft.aliases))
    )
    zone = click.prompt(
        "  Timezone", default=draft.timezone or "", show_default=bool(draft.timezone)
    )
    draft.timezone = _zone(zone) if zone else None
    when = click.prompt(
        "  Interview start (YYYY-MM-DD HH:MM, local; Enter: keep reading it from mail)",
        default="",
        show_default=False,
        value_proc=_moment,
    )
    draft.interview = when if isinstance(when, datetime) else None
    return draft


def _moment(text: str) -> datetime | str:
    if not text.strip():
        return ""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date and time such as 2026-10-05 08:00"
        ) from None


def review(found: list[FoundProgram], console: Console) -> list[ProgramDraft]:
    """Each program: keep (Enter), edit or drop."""
    kept: list[ProgramDraft] = []
    for i, program in enumerate(found, 1):
        show(program, console, i)
        choice = click.prompt(
            "   Keep, edit or drop?",
            type=click.Choice(["keep", "edit", "drop", "k", "e", "d"]),
            default="keep",
            show_choices=True,
        )
        if choice.startswith("d"):
            continue
        draft = draft_of(program)
        kept.append(edit(draft) if choice.startswith("e") else draft)
    return kept


def ask_notes(programs: list[ProgramDraft], console: Console) -> None:
    """What the applicant remembers of each conversation; Enter skips (the draft then asks)."""
    # A program that asked for no thank-you gets none: nothing to ask about its interviewers.
    people = [
        (p, i)
        for p in programs
        if p.policy not in ("no-contact", "discouraged")
        for i in p.interviewers
    ]
    if not people:
        return
    console.print(
        "\nWhat do you remember from each conversation? One detail makes a thank-you yours "
        "(Enter skips; the draft then carries an [[ADD DETAIL: ...]] line)."
    )
    for program, person in people:
        note = click.prompt(
            f"  {person.name} ({program.name})", default="", show_default=False
        ).strip()
        person.notes = note or None
