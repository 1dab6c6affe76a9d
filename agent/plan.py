"""plan(config, season, ledger, now) -> actions: pure, so ``--dry-run`` and ``--now`` are
free. Also the reconciliation of the ledger with what the provider still holds."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from agent.config import Config, Update
from agent.drafts import lint
from agent.drafts.render import CreateDraft, Renderer, TemplateProblem, compose
from agent.engine.store import DraftState, LedgerEntry
from agent.facts.memo import Memo
from agent.facts.season import Season, from_applicant
from agent.rules import cadence
from agent.rules.inquiry import inquiries
from agent.rules.letters import intent_letter, interest_notes, update_letters
from agent.rules.thank_you import Assessment, thank_yous
from connectors.base import DraftRef

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
    updates: Sequence[Update] = (),
    memo: Memo | None = None,
) -> list[Assessment]:
    """Every follow-up of the season and its state at ``now``."""
    items = [
        *thank_yous(config, season, ledger, first_seen, now),
        *inquiries(config, season, ledger, now, memo),
        *update_letters(config, season, ledger, [*config.updates, *updates], now),
        *intent_letter(config, season, ledger, now),
        *interest_notes(config, season, ledger, now),
    ]
    return cadence.limit(config, items, ledger, now)


def plan(
    config: Config,
    season: Season,
    ledger: Mapping[str, LedgerEntry],
    first_seen: Mapping[str, datetime],
    now: datetime,
    renderer: Renderer,
    updates: Sequence[Update] = (),
    memo: Memo | None = None,
) -> Plan:
    result = Plan(assess(config, season, ledger, first_seen, now, updates, memo))
    for i, item in enumerate(result.assessments):
        if item.state != "due" or item.followup is None:
            continue
        try:
            action = compose(config, renderer, item.followup, now)
        except TemplateProblem as exc:
            result.problems.append(f"{item.program}: {exc}")
            continue
        mail = [
            m.body for m in season.view(item.program).messages if m.body and m.folder == "inbox"
        ]
        problems = lint.check(config, action, mail)
        if problems:
            result.assessments[i] = replace(
                item, state="blocked", followup=None, note="; ".join(problems)
            )
            log.warning("draft %s blocked by the lint: %s", item.followup.key, problems)
        else:
            result.actions.append(action)
    return result


@dataclass(frozen=True)
class LedgerChange:
    key: str
    state: DraftState | None  # None: forget a planned row whose draft never got written
    provider_id: str | None = None
    provider_extra: dict[str, str] | None = None


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
                LedgerChange(entry.key, "created", ref.provider_id, ref.extra)
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
            if not from_applicant(message, season.me):
                continue
            if message.message_id == entry.message_id:
                return True
            if message.date >= since and any(
                a.email == entry.recipient for a in (*message.to, *message.cc)
            ):
                return True
    return False
