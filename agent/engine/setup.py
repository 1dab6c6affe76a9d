"""Reading a whole season to find its programs, before (`agent init`) or beside (`agent
programs`) the config's list: every account pulled with the real connector, bodies fetched
only for mail whose headers could name a program (facts/discovery.py `wants_body`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from agent.config import Config, Program
from agent.facts import program_names as N
from agent.facts.discovery import Applicant, FoundProgram, discover, wants_body
from connectors.account import Account
from connectors.base import MailConnector, MailMessage, PullRequest
from connectors.registry import find, open_connector

log = logging.getLogger(__name__)

Progress = Callable[[str, int], None]
Connect = Callable[[Account, Path], MailConnector]


def account_model(values: dict[str, Any]) -> Account:
    """The validated ``[[accounts]]`` entry for ``values`` (pydantic names what is wrong)."""
    entry = find(values.get("provider"))
    if entry is None:
        raise ValueError(f"no provider {values.get('provider')!r}")
    return entry.account.model_validate(values)


def applicant_of(config: Config) -> Applicant:
    a = config.applicant
    return Applicant(a.name, a.addresses, a.zone)


def read_account(
    account: Account,
    state_dir: Path,
    applicant: Applicant,
    since: datetime | None,
    progress: Progress | None = None,
    connect: Connect = open_connector,
) -> list[MailMessage]:
    """The account's season: headers of all its mail, bodies of the candidates."""
    connector = connect(account, state_dir)
    me = applicant.addresses
    try:
        request = PullRequest(
            since=since,
            wants_body=lambda m: wants_body(m, me),
            progress=(lambda n: progress(account.name, n)) if progress else None,
        )
        pulled = connector.pull(None, request)
    finally:
        connector.close()
    log.info("account %s: %d messages read", account.name, len(pulled.messages))
    return [m for m in pulled.messages if m.body is not None]


def find_programs(
    accounts: list[Account],
    state_dir: Path,
    applicant: Applicant,
    since: datetime | None,
    progress: Progress | None = None,
    connect: Connect = open_connector,
) -> list[FoundProgram]:
    mail: list[MailMessage] = []
    seen: set[str] = set()
    for account in accounts:
        for message in read_account(account, state_dir, applicant, since, progress, connect):
            if message.message_id not in seen or message.folder == "sent":
                seen.add(message.message_id)
                mail.append(message)
    return discover(mail, applicant)


def season_start(config: Config) -> datetime | None:
    start = config.agent.season_start
    if start is None:
        return None
    return datetime(start.year, start.month, start.day, tzinfo=config.applicant.zone)


def found_in_config(config: Config, found: FoundProgram) -> Program | None:
    """The configured program a found one is: a shared domain or the same name."""
    for program in config.programs:
        names = [program.name, *program.aliases]
        if set(found.domains) & set(program.domains):
            return program
        if any(N.same_program(found.name, n) for n in names):
            return program
        if any(N.same_program(alias, n) for alias in found.aliases for n in names):
            return program
    return None


def unlisted(config: Config, found: list[FoundProgram]) -> list[FoundProgram]:
    return [f for f in found if found_in_config(config, f) is None]


def scan_config(config: Config, progress: Progress | None = None) -> list[FoundProgram]:
    """The programs the config's accounts show, read in full."""
    return find_programs(
        list(config.accounts),
        config.agent.state_dir,
        applicant_of(config),
        season_start(config),
        progress,
    )
