"""plan(config, season, ledger, now) -> actions: pure, so ``--dry-run`` and ``--now`` are
free. Also the reconciliation of the ledger with what the provider still holds."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from connectors.base import DraftRef

from .config import Config
from .drafting import CreateDraft, Renderer, TemplateProblem, compose
from .followups import Assessment, thank_yous
from .inquiries import inquiries
from .season import Season
from .store import DraftState, LedgerEntry

log = logging.getLogger(__name__)


@dataclass
class Plan:
    assessments: list[Assessment]
    actions: list[CreateDraft] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def assess(
    config: Config,
    season: Season,
    ledger: Mapping[str, LedgerEntry],
    first_seen: Mapping[str, datetime],
    now: datetime,
) -> list[Assessment]:
    """Every follow-up of the season and its state at ``now``."""
    return [
        *thank_yous(config, season, ledger, first_seen, now),
        *inquiries(config, season, ledger, now),
    ]


def plan(
    config: Config,
    season: Season,
    ledger: Mapping[str, LedgerEntry],
    first_seen: Mapping[str, datetime],
    now: datetime,
    renderer: Renderer,
) -> Plan:
    result = Plan(assess(config, season, ledger, first_seen, now))
    for item in result.assessments:
        if item.state != "due" or item.followup is None:
            continue
        try:
            result.actions.append(compose(config, renderer, item.followup, now))
        except TemplateProblem as exc:
            result.problems.append(f"{item.program}: {exc}")
    return result


@dataclass(frozen=True)
class LedgerChange:
    key: str
    state: DraftState | None  # None: forget a planned row whose draft never got written
    provider_id: str | None = None


def reconcile(
    entries: Sequence[LedgerEntry], present: Sequence[DraftRef], season: Season
) -> list[LedgerChange]:
    """What became of the drafts the agent wrote: still there, sent, or deleted by the user.

    A planned row is one whose provider call may or may not have happened (a crash in
    between): if the draft is there it was created, otherwise it never was.
    """
    by_key = {ref.key: ref for ref in present}
    changes = []
    for entry in entries:
        ref = by_key.get(entry.key)
        if entry.state == "planned":
            changes.append(
                LedgerChange(entry.key, "created", ref.provider_id)
                if ref
                else LedgerChange(entry.key, None)
            )
        elif entry.state == "created" and ref is None:
            state: DraftState = "sent" if _sent(entry, season) else "dismissed"
            changes.append(LedgerChange(entry.key, state))
    return changes


def _sent(entry: LedgerEntry, season: Season) -> bool:
    """Did a message to the draft's recipient leave after the draft was written?"""
    since = entry.planned_at - timedelta(hours=1)
    for view in season.programs:
        for message in view.messages:
            if message.folder != "sent" and (
                message.sender is None or message.sender.email not in season.me
            ):
                continue
            if message.message_id == entry.message_id:
                return True
            if message.date >= since and any(
                a.email == entry.recipient for a in (*message.to, *message.cc)
            ):
                return True
    return False
