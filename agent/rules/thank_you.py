"""The rules: which follow-ups exist at ``now`` and in what state. Pure functions.

Every follow-up has a ledger key, so it is drafted at most once, ever; its state comes from
the ledger, from what the user sent, and from the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from agent.config import Config, Interviewer
from agent.engine.store import LedgerEntry
from agent.facts.season import ProgramView, Season, from_applicant, program_slug
from connectors.base import Address, ReplyTarget

if TYPE_CHECKING:
    from agent.rules.inquiry import OpenPromise

State = Literal[
    "upcoming",  # not yet due; `at` says when
    "due",  # a draft should be written now
    "drafted",  # in the Drafts folder, waiting for the user
    "sent",  # the user sent it (or wrote on their own)
    "deleted",  # the user deleted the draft: never recreated
    "missed",  # the window closed with nothing sent
    "skipped",  # policy or a rule says no
    "no-address",  # nobody to write to
    "fulfilled",  # what was promised arrived (or the user already asked)
    "blocked",  # the draft failed the lint; `note` says why
    "refused",  # honesty rule: a second letter of intent
]


@dataclass(frozen=True)
class FollowUp:
    """A message the agent would draft, with everything the template needs."""

    key: str
    kind: str  # "thank-you" | "thank-you-team" | "inquiry" | ...
    program: str
    account: str
    recipient: Address
    template: str
    context: Mapping[str, Any]
    reason: str
    needs_detail: bool = False
    reply_to: ReplyTarget | None = None


@dataclass(frozen=True)
class Assessment:
    """One follow-up's state at ``now``: what the plan acts on and the dashboard shows."""

    program: str
    kind: str
    who: str
    state: State
    at: datetime | None = None  # when it opens (upcoming) or closes (due)
    note: str = ""
    followup: FollowUp | None = field(default=None, compare=False)
    needs_detail: bool = False
    promise: OpenPromise | None = field(default=None, compare=False)  # for the dashboard


def ledger_state(entry: LedgerEntry) -> State:
    return {"planned": "drafted", "created": "drafted", "sent": "sent", "dismissed": "deleted"}[
        entry.state
    ]  # type: ignore[return-value]


def wrote_to(view: ProgramView, me: frozenset[str], address: str, since: datetime) -> bool:
    return any(
        from_applicant(m, me)
        and m.date >= since
        and any(a.email == address for a in (*m.to, *m.cc))
        for m in view.messages
    )


def thank_yous(
    config: Config,
    season: Season,
    ledger: Mapping[str, LedgerEntry],
    first_seen: Mapping[str, datetime],
    now: datetime,
) -> list[Assessment]:
    out: list[Assessment] = []
    for view in season.programs:
        out.extend(_thank_yous_for(config, season, view, ledger, first_seen, now))
    return out


def interview_key(view: ProgramView) -> str:
    assert view.interview is not None
    return f"interview:{program_slug(view.program)}:{view.interview.key}"


def _thank_yous_for(
    config: Config,
    season: Season,
    view: ProgramView,
    ledger: Mapping[str, LedgerEntry],
    first_seen: Mapping[str, datetime],
    now: datetime,
) -> list[Assessment]:
    interview = view.interview
    name = view.program.name
    if interview is None:
        return []
    if interview.cancelled:
        return [Assessment(name, "thank-you", "program", "skipped", note="interview cancelled")]
    closes = interview.end + timedelta(hours=config.rules.thank_you_window_hours)
    recipients = _recipients(view)
    if not recipients:
        return [
            Assessment(
                name,
                "thank-you",
                "program team",
                "no-address",
                note="no interviewer address and no program contact in mail; "
                "add interviewers' emails to the config",
            )
        ]
    seen = first_seen.get(interview_key(view), now)
    out = []
    for person, address in recipients:
        kind = "thank-you" if person else "thank-you-team"
        who = person.name if person else f"program team ({address.email})"
        key = f"thank-you:{program_slug(view.program)}:{interview.key}:{address.email}"
        detail = (person.notes if person else view.program.notes) or None
        if key in ledger:
            entry = ledger[key]
            out.append(
                Assessment(
                    name, kind, who, ledger_state(entry), closes, needs_detail=entry.needs_detail
                )
            )
        elif wrote_to(view, season.me, address.email, interview.start):
            out.append(Assessment(name, kind, who, "sent", note="you wrote after the interview"))
        elif view.policy in ("no-contact", "discouraged"):
            out.append(
                Assessment(
                    name,
                    kind,
                    who,
                    "skipped",
                    note=f"program policy: {view.policy}",
                )
            )
        elif now < interview.end:
            out.append(
                Assessment(
                    name,
                    kind,
                    who,
                    "upcoming",
                    interview.end,
                    note="window opens when the interview ends",
                )
            )
        elif now >= closes or seen >= closes:
            note = (
                "window closed before the agent saw the interview"
                if seen >= closes
                else ("the 48-hour window closed with nothing sent")
            )
            out.append(Assessment(name, kind, who, "missed", closes, note=note))
        else:
            followup = FollowUp(
                key=key,
                kind=kind,
                program=name,
                account=view.account,
                recipient=address,
                template="thank_you.txt.j2" if person else "thank_you_team.txt.j2",
                context={
                    "interviewer": person,
                    "interviewers": [i for i in view.interviewers],
                    "detail": detail,
                    "interview_date": interview.start,
                },
                reason=f"interview ended {interview.end:%a %b %-d %-I:%M %p %Z}; "
                f"window closes {closes:%a %b %-d %-I:%M %p %Z}",
                needs_detail=detail is None,
            )
            out.append(
                Assessment(
                    name, kind, who, "due", closes, followup=followup, needs_detail=detail is None
                )
            )
    return out


def _recipients(view: ProgramView) -> list[tuple[Interviewer | None, Address]]:
    """One note per interviewer with a known address; else one note to the program team."""
    people = [(i, Address(i.name, i.email)) for i in view.interviewers if i.email]
    if people:
        return list(people)
    if view.contact is not None:
        return [(None, view.contact)]
    return []
