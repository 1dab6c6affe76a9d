"""One snapshot in, one plan out: ``plan(config, snapshot, now, renderer) -> Plan``.

Pure: no clock, no disk, no network, so ``--dry-run``, ``--now`` and exact tests are free.
The shell (agent.engine) fills the snapshot in one read and persists what the plan learned.
Also the reconciliation of the ledger with the drafts the provider still holds.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from agent.config import Config, Update
from agent.drafts.render import (
    PLACEHOLDER_OPEN,
    CreateDraft,
    Renderer,
    TemplateProblem,
    compose,
)
from agent.facts.memo import Memo
from agent.facts.season import Season, from_applicant
from agent.facts.threads import base_subject
from agent.rules import cadence
from agent.rules.followup import Assessment, Candidate, DraftState, LedgerEntry
from agent.rules.inquiry import inquiries
from agent.rules.ladder import decide
from agent.rules.letters import intent_letter, interest_notes, update_letters
from agent.rules.thank_you import interview_key, thank_yous
from connectors.base import DraftRef
from connectors.draft_match import words_digest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """Everything a plan reads, filled by the store in one read."""

    season: Season
    ledger: Mapping[str, LedgerEntry]
    first_seen: Mapping[str, datetime]  # interview key -> when the agent first saw it
    updates: tuple[Update, ...] = ()  # news recorded with `agent update add`
    facts: Mapping[str, str] = field(default_factory=dict)  # read from mail on earlier passes


@dataclass
class Plan:
    assessments: list[Assessment]
    actions: list[CreateDraft] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)  # newly read from mail: to keep
    # (the rules' readings and the season's: Season.learned)
    sightings: list[str] = field(default_factory=list)  # interviews seen for the first time


def candidates(config: Config, snapshot: Snapshot, now: datetime, memo: Memo) -> list[Candidate]:
    season = snapshot.season
    first_seen = {**_sightings(season, now), **snapshot.first_seen}
    return [
        *thank_yous(config, season, first_seen, now),
        *inquiries(config, season, memo, now),
        *update_letters(config, season, [*config.updates, *snapshot.updates]),
        *intent_letter(config, season, snapshot.ledger, now),
        *interest_notes(config, season, now),
    ]


def assess(
    config: Config, snapshot: Snapshot, found: Sequence[Candidate], now: datetime
) -> list[Assessment]:
    """Every follow-up of the season and its state at ``now``."""
    ledger = _carry_renamed(found, snapshot.ledger)
    items = [decide(c, ledger, now, config.season.rank_deadline) for c in found]
    return cadence.limit(config, items, snapshot.ledger, now)


def _carry_renamed(
    found: Sequence[Candidate], ledger: Mapping[str, LedgerEntry]
) -> Mapping[str, LedgerEntry]:
    """An inquiry's key ends with a slug of what was promised; when a newer reader names the
    same promise of the same message otherwise, the row under the old name still counts."""
    keys = {c.key for c in found}
    orphans: dict[str, list[LedgerEntry]] = {}
    for key, row in ledger.items():
        if row.kind == "inquiry" and key not in keys:
            orphans.setdefault(key.rpartition(":")[0], []).append(row)
    if not orphans:
        return ledger
    carried = dict(ledger)
    for c in found:
        left = orphans.get(c.key.rpartition(":")[0])
        if c.kind == "inquiry" and c.key not in ledger and left:
            carried[c.key] = left.pop(0)
    return carried


def _lint(config: Config, action: CreateDraft, mail: list[str]) -> list[str]:
    """What the lint finds wrong with a due draft; imported only when one is due (it brings
    difflib: ~4 ms of each pass that drafts nothing)."""
    from agent.drafts import lint

    return lint.check(config, action, mail)


def plan(config: Config, snapshot: Snapshot, now: datetime, renderer: Renderer) -> Plan:
    # What the season read on this pass counts as known too (promises read on a second core).
    memo = Memo({**snapshot.facts, **snapshot.season.learned})
    sightings = [k for k in _sightings(snapshot.season, now) if k not in snapshot.first_seen]
    found = candidates(config, snapshot, now, memo)
    result = Plan(assess(config, snapshot, found, now), sightings=sightings)
    # Every follow-up of the season, so that sibling letters pick different phrasings.
    season_keys = sorted({*snapshot.ledger, *(c.key for c in found)})
    for i, item in enumerate(result.assessments):
        if item.state != "due" or item.followup is None:
            continue
        mail = [m.body for m in snapshot.season.view(item.program).own_mail if m.body]
        try:
            action = compose(
                config, renderer, item.followup, now, program_mail=mail, season=season_keys
            )
        except TemplateProblem as exc:
            result.problems.append(f"{item.program}: {exc}")
            continue
        sent = _already_sent(action, snapshot.season)
        if sent:
            result.assessments[i] = replace(
                item, state="sent", followup=None, note=sent, reason=f"found in Sent: {sent}"
            )
            continue
        problems = _lint(config, action, mail)
        if problems:
            note = "; ".join(problems)
            result.assessments[i] = replace(
                item, state="blocked", followup=None, note=note, reason=f"blocked: {note}"
            )
            log.warning("draft %s blocked by the lint: %s", item.followup.key, problems)
        else:
            result.actions.append(action)
    result.facts = {**snapshot.season.learned, **memo.new}
    return result


def _already_sent(action: CreateDraft, season: Season) -> str:
    """A note the applicant already sent that is this draft: its Message-ID, or the same
    subject to the same person since it became due. Only a lost or restored state gets here
    (the ledger knows every draft it wrote), and then nothing sent is drafted again."""
    draft, followup = action.draft, action.followup
    subject = base_subject(draft.subject)
    for message in season.view(followup.program).messages:
        if not from_applicant(message, season.me):
            continue
        if message.message_id == draft.message_id:
            return f"you sent it on {message.date:%b %-d}"
        to_them = any(a.email == followup.recipient.email for a in (*message.to, *message.cc))
        since = followup.opens or message.date
        if to_them and message.date >= since and base_subject(message.subject) == subject:
            return f"you sent {message.subject!r} to them on {message.date:%b %-d}"
    return ""


def _sightings(season: Season, now: datetime) -> dict[str, datetime]:
    """Interviews known now: one first seen now is first seen at ``now``."""
    return {interview_key(v): now for v in season.programs if v.interview is not None}


@dataclass(frozen=True)
class LedgerChange:
    key: str
    state: DraftState | None  # None: forget a planned row whose draft never got written
    provider_id: str | None = None
    provider_extra: dict[str, str] | None = None


@dataclass(frozen=True)
class DraftNow:
    """What a draft still waiting in Drafts is now (the user may have filled it in, edited
    it, or a client may have moved it)."""

    key: str
    provider_id: str
    provider_extra: dict[str, str]
    needs_detail: bool
    edited: bool


def reconcile(
    entries: Sequence[LedgerEntry], present: Sequence[DraftRef], season: Season
) -> tuple[list[LedgerChange], list[DraftNow]]:
    """What became of the drafts the agent wrote: still there (and as written, filled in or
    edited), sent, or deleted by the user.

    A planned row is one whose provider call may or may not have happened (a crash in
    between): if the draft is there it was created, otherwise it never was.
    """
    by_key = {ref.key: ref for ref in present}
    changes = []
    waiting = []
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
        if ref is not None and entry.state in ("planned", "created"):
            now = _draft_now(entry, ref)
            if now is not None:
                waiting.append(now)
    return changes, waiting


def _draft_now(entry: LedgerEntry, ref: DraftRef) -> DraftNow | None:
    needs, edited = entry.needs_detail, entry.edited
    if ref.text is not None:  # None: the provider proved it unchanged
        needs = PLACEHOLDER_OPEN in ref.text
        edited = edited or bool(entry.written and words_digest(ref.text) != entry.written)
    moved = ref.provider_id != entry.provider_id or ref.extra != entry.provider_extra
    if not moved and (needs, edited) == (entry.needs_detail, entry.edited):
        return None
    return DraftNow(entry.key, ref.provider_id, dict(ref.extra), needs, edited)


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
