"""The one decision ladder every follow-up goes down, in this order:

1. the ledger: once drafted, its state is the draft's (drafted, sent, deleted), for ever;
2. what the rule already knows (the user wrote on their own; the promise arrived);
3. honesty refusals (a second letter of intent);
4. the program's contact policy (optional notes only; never an inquiry about logistics);
5. the rank list deadline (nothing purposeful after it);
6. a recipient (nobody to write to: said, not guessed);
7. the window: not open yet (upcoming), or closed with nothing sent (missed);
8. due: the plan drafts it.

Rules only say which candidates exist and why; the order lives here alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from agent.rules.followup import Assessment, Candidate, FollowUp, LedgerEntry, ledger_state


def decide(
    candidate: Candidate,
    ledger: Mapping[str, LedgerEntry],
    now: datetime,
    rank_deadline: date,
) -> Assessment:
    c = candidate

    def make(state: str, at: datetime | None = None, note: str = "", **extra: object) -> Assessment:
        return Assessment(
            c.view.program.name,
            c.kind,
            c.who,
            state,  # type: ignore[arg-type]
            at,
            note,
            promise=c.promise,
            **extra,  # type: ignore[arg-type]
        )

    entry = ledger.get(c.key)
    if entry is not None:
        state = ledger_state(entry)
        return make(state, c.at_in_ledger, c.ledger_note, needs_detail=entry.needs_detail)
    if c.settled is not None:
        return make(c.settled.state, note=c.settled.note)
    if c.refused is not None:
        return make("refused", note=c.refused)
    if c.view.policy in c.blocked_by:
        return make("skipped", note=f"program policy: {c.view.policy}")
    if c.after_rank_deadline is not None and now.date() > rank_deadline:
        return make(c.after_rank_deadline, note="the rank deadline has passed")
    if c.recipient is None:
        return make("no-address", note=c.no_address)
    if c.waiting is not None:
        return make("upcoming", c.opens, c.waiting)
    if c.opens is not None and now < c.opens:
        return make("upcoming", c.opens, c.upcoming_note)
    if c.closes is not None and now >= c.closes:
        return make("missed", c.closes, c.missed_note)
    followup = FollowUp(
        key=c.key,
        kind=c.kind,
        program=c.view.program.name,
        account=c.view.account,
        recipient=c.recipient,
        template=c.template,
        context=c.context,
        reason=c.reason,
        needs_detail=c.needs_detail,
        reply_to=c.reply_to,
        opens=c.opens,
    )
    return make("due", c.closes or c.opens, followup=followup, needs_detail=c.needs_detail)


def decide_all(
    candidates: Iterable[Candidate],
    ledger: Mapping[str, LedgerEntry],
    now: datetime,
    rank_deadline: date,
) -> list[Assessment]:
    return [decide(c, ledger, now, rank_deadline) for c in candidates]
