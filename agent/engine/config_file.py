"""Writes the configuration for the applicant: a commented TOML file made by `agent init`,
and a program appended to an existing file by `agent programs add`, keeping its comments and
layout (tomlkit). What mail showed but the config need not pin (the interview time, the
contact policy, the coordinator) is written as a comment: the agent keeps reading it from
mail, so a reschedule after setup is still followed."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from agent import config as config_mod
from agent.config import Config
from agent.facts.discovery import FoundProgram


@dataclass
class InterviewerDraft:
    name: str
    email: str | None = None
    role: str | None = None
    notes: str | None = None


@dataclass
class ProgramDraft:
    """A program as it will be written; the comments say where each fact came from."""

    name: str
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    timezone: str | None = None
    interview: datetime | None = None  # pinned in the config only when the applicant set it
    interviewers: list[InterviewerDraft] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    policy: str | None = None  # as read from mail; not written (mail keeps being read)


def _cite(when: datetime, subject: str) -> str:
    return f"mail of {when:%Y-%m-%d} ({subject!r})"


def describe_interview(found: FoundProgram) -> str | None:
    interview = found.interview
    if interview is None or interview.start is None:
        return None
    start = interview.start
    text = f"{start:%a %b} {start.day}, {start.year}"
    if interview.timed:
        text += f" {start:%-I:%M %p %Z}"
    return f"{text}, read from {_cite(interview.source.date, interview.source.subject)}"


def draft_of(found: FoundProgram) -> ProgramDraft:
    comments = []
    if found.evidence is not None:
        comments.append(f"found in {_cite(found.evidence.date, found.evidence.subject)}")
    interview = describe_interview(found)
    if interview:
        comments.append(
            f"interview: {interview}; read from mail on every pass "
            "(set `interview = ...` to pin it)"
        )
    if found.coordinator is not None:
        comments.append(f"coordinator: {found.coordinator}")
    if found.policy is not None:
        comments.append(
            f"contact policy read from mail: {found.policy.policy} "
            f'("{found.policy.sentence[:160]}")'
        )
    return ProgramDraft(
        name=found.name,
        aliases=list(found.aliases),
        domains=list(found.domains),
        timezone=found.timezone,
        interviewers=[InterviewerDraft(p.name, p.email, p.role) for p in found.interviewers],
        comments=comments,
        policy=found.policy.policy if found.policy else None,
    )


def _program_table(program: ProgramDraft) -> Table:
    table = tomlkit.table()
    table.add("name", program.name)
    if program.aliases:
        table.add("aliases", program.aliases)
    table.add("domains", program.domains)
    if program.timezone:
        table.add("timezone", program.timezone)
    if program.interview is not None:
        table.add("interview", program.interview.replace(tzinfo=None))
    for line in program.comments:
        table.add(tomlkit.comment(line))
    if program.interviewers:
        people = tomlkit.aot()
        for person in program.interviewers:
            people.append(_interviewer_table(person))
        table.add("interviewers", people)
    return table


def _interviewer_table(person: InterviewerDraft) -> Table:
    table = tomlkit.table()
    table.add("name", person.name)
    if person.email:
        table.add("email", person.email)
    if person.role:
        table.add("role", person.role)
    if person.notes:
        table.add("notes", person.notes)
    else:
        table.add(
            tomlkit.comment(
                'notes = "..."   # what you talked about; until then the thank-you carries '
                "an [[ADD DETAIL: ...]] line"
            )
        )
    return table


def _table(values: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in values.items():
        if value is not None:
            table.add(key, value)
    return table


def new_config(
    applicant: dict[str, Any],
    account: dict[str, Any],
    programs: list[ProgramDraft],
    season_start: date | None,
    today: date,
) -> str:
    """The text of a new config; checked by the config validation before it is returned."""
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"Residency follow-up agent: written by `agent init` on {today}."))
    doc.add(tomlkit.comment("config.example.toml documents every key; `agent doctor` checks it."))
    doc.add(tomlkit.nl())
    doc.add("applicant", _table(applicant))
    agent = tomlkit.table()
    agent.add(tomlkit.comment('state_dir = "..."   # default: the platform data dir'))
    if season_start is not None:
        agent.add("season_start", season_start)
        agent["season_start"].comment("mail before it is ignored")
    doc.add("agent", agent)
    accounts = tomlkit.aot()
    accounts.append(_table(account))
    doc.add("accounts", accounts)
    doc.add(tomlkit.nl())
    doc.add(tomlkit.comment("The programs found in your mail. `agent programs` lists more that"))
    doc.add(tomlkit.comment("mail shows; `agent programs add NAME` appends one here."))
    if programs:
        table = tomlkit.aot()
        for program in programs:
            table.append(_program_table(program))
        doc.add("programs", table)
    text = tomlkit.dumps(doc)
    check(text)
    return text


def append_program(text: str, program: ProgramDraft) -> str:
    """``text`` with ``program`` appended to its [[programs]]: the file's own text is kept
    byte for byte and the new table follows it (an inline ``programs = [...]`` is edited in
    the parsed document instead, comments kept)."""
    doc = tomlkit.parse(text)
    existing = doc.get("programs")
    if existing is None or isinstance(existing, AoT):
        piece = tomlkit.document()
        aot = tomlkit.aot()
        aot.append(_program_table(program))
        piece.add("programs", aot)
        out = text.rstrip("\n") + "\n\n" + tomlkit.dumps(piece).lstrip("\n")
    else:
        existing.append(_program_table(program))
        out = tomlkit.dumps(doc)
    check(out)
    return out


def check(text: str) -> Config:
    """The config validation, as `agent sync` runs it (ConfigError names every problem)."""
    return config_mod.parse(tomllib.loads(text))


def write_new(path: Path, text: str) -> None:
    """Create ``path`` (and its folder); never replaces a file that appeared meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def replace(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, path.stat().st_mode & 0o777)
    os.replace(tmp, path)
