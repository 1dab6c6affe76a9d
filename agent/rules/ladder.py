"""The one decision ladder every follow-up goes down, in this order:

1. the ledger: once drafted, its state is the draft's (drafted, sent, deleted), for ever;
   a draft still waiting that became unnecessary (it arrived, you wrote) is obsolete;
2. what the rule already knows (the user wrote on their own; the promise arrived);
3. honesty refusals (a second letter of intent);
4. the program's contact policy (optional notes only; never an inquiry about logistics);
5. the rank list deadline (nothing purposeful after it);
6. a recipient (nobody to write to: said, not guessed);
7. the window: not open yet (upcoming), or closed with nothing sent (missed);
8. due: the plan drafts it.

Rules only say which candidates exist and why; the order lives here alone. Each rung
passed is written down, so `agent status --why` can show the whole trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from agent.rules.followup import (
    Assessment,
    Candidate,
    FollowUp,
    LedgerEntry,
    State,
    ledger_state,
)

WHEN = "%a %b %-d %-I:%M %p %Z"
_WAITING = ("planned", "created")


def decide(
    candidate: Candidate,
    ledger: Mapping[str, LedgerEntry],
    now: datetime,
    rank_deadline: date,
) -> Assessment:
    c = candidate
    trail: list[str] = []

    def make(
        state: State, at: datetime | None = None, note: str = "", reason: str = "", **extra: object
    ) -> Assessment:
        trail.append(f"=> {state}")
        return Assessment(
            c.view.program.name,
            c.kind,
            c.who,
            state,
            at,
            note,
            promise=c.promise,
            recipient=c.recipient.email if c.recipient else None,
            reason=reason or note,
            trail=tuple(trail),
            opens=c.opens,
            closes=c.closes,
            **extra,  # type: ignore[arg-type]
        )

    entry = ledger.get(c.key)
    if entry is not None:
        trail.append(f"ledger: drafted on {entry.planned_at:%b %-d}, now {entry.state}")
        state = ledger_state(entry)
        if entry.state in _WAITING and c.settled is not None and c.settled.state != "missed":
            why = f"no longer needed ({c.settled.note}) — you can delete the draft"
            return make("obsolete", c.at_in_ledger, why, needs_detail=entry.needs_detail)
        if entry.state in _WAITING and entry.edited:
            detail = "; the detail is still to be added" if entry.needs_detail else ""
            why = f"you edited the draft; the agent leaves it as it is: send it when ready{detail}"
            return make("edited", c.at_in_ledger, why, needs_detail=entry.needs_detail)
        return make(
            state,
            c.at_in_ledger,
            c.ledger_note,
            _ledger_reason(entry),
            needs_detail=entry.needs_detail,
        )
    trail.append("ledger: not drafted yet")
    if c.settled is not None:
        return make(c.settled.state, note=c.settled.note)
    if c.refused is not None:
        return make("refused", note=c.refused)
    trail.append("honesty: nothing against it")
    if c.view.policy in c.blocked_by:
        return make(
            "skipped",
            note=f"program policy: {c.view.policy}",
            reason=f"skipped: the program's contact policy is {c.view.policy} "
            f"({c.view.policy_source})",
        )
    trail.append(
        f"contact policy: {c.view.policy} ({c.view.policy_source}) does not stop a {c.kind}"
    )
    if c.after_rank_deadline is not None:
        if now.date() > rank_deadline:
            return make(
                c.after_rank_deadline,
                note="the rank deadline has passed",
                reason=f"the rank list deadline ({rank_deadline:%b %-d}) has passed",
            )
        trail.append(f"rank deadline: {rank_deadline:%b %-d}, not passed")
    if c.recipient is None:
        return make("no-address", note=c.no_address, reason=f"nobody to write to: {c.no_address}")
    trail.append(f"recipient: {c.recipient.email}")
    if c.waiting is not None:
        return make("upcoming", c.opens, c.waiting)
    if c.opens is not None and now < c.opens:
        return make(
            "upcoming",
            c.opens,
            c.upcoming_note,
            f"waiting for its moment: opens {c.opens:{WHEN}}"
            + (f" ({c.upcoming_note})" if c.upcoming_note else ""),
        )
    if c.closes is not None and now >= c.closes:
        return make("missed", c.closes, c.missed_note)
    if c.opens is not None:
        trail.append(f"window: opened {c.opens:{WHEN}}")
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
    return make(
        "due",
        c.closes or c.opens,
        reason=f"due: {c.reason}",
        followup=followup,
        needs_detail=c.needs_detail,
    )


def _ledger_reason(entry: LedgerEntry) -> str:
    if entry.state in _WAITING:
        detail = "; add your detail where it says ADD DETAIL" if entry.needs_detail else ""
        return f"drafted {entry.planned_at:%b %-d}: review and send it{detail}"
    if entry.state == "sent":
        return f"you sent it ({entry.updated_at:%b %-d})"
    return f"you deleted the draft ({entry.updated_at:%b %-d}); it is never drafted again"


def decide_all(
    candidates: Iterable[Candidate],
    ledger: Mapping[str, LedgerEntry],
    now: datetime,
    rank_deadline: date,
) -> list[Assessment]:
    return [decide(c, ledger, now, rank_deadline) for c in candidates]
