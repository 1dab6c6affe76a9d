"""Cadence: at most one purpose-driven message (status inquiry or update) per program
within ``[rules] cadence_days``. Logistics first: an inquiry wins over an update."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from agent.config import Config
from agent.rules.followup import Assessment, LedgerEntry

PURPOSEFUL = ("inquiry", "update")


def limit(
    config: Config,
    assessments: list[Assessment],
    ledger: Mapping[str, LedgerEntry],
    now: datetime,
) -> list[Assessment]:
    window = timedelta(days=config.rules.cadence_days)
    last: dict[str, tuple[datetime, str]] = {}  # program -> when and what was last drafted
    for entry in ledger.values():
        if entry.kind in PURPOSEFUL and entry.state in ("planned", "created", "sent"):
            known = last.get(entry.program)
            if known is None or entry.planned_at > known[0]:
                last[entry.program] = (entry.planned_at, entry.kind)
    out = []
    due = sorted(
        (i for i, a in enumerate(assessments) if a.state == "due" and a.kind in PURPOSEFUL),
        key=lambda i: PURPOSEFUL.index(assessments[i].kind),
    )
    deferred: dict[int, Assessment] = {}
    for i in due:
        item = assessments[i]
        previous = last.get(item.program)
        if previous is not None and now < previous[0] + window:
            when, kind = previous
            note = (
                f"deferred by the cadence rule until {when + window:%b %-d} because of the "
                f"{kind} drafted {'now' if when == now else f'on {when:%b %-d}'} "
                f"(one purpose-driven message per {config.rules.cadence_days} days)"
            )
            deferred[i] = replace(
                item,
                state="upcoming",
                at=when + window,
                followup=None,
                note=note,
                reason=note,
            )
        else:
            last[item.program] = (now, item.kind)
    for i, item in enumerate(assessments):
        out.append(deferred.get(i, item))
    return out
