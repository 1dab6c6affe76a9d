"""The season at a glance, as data: per program its interview, policy, interviewers, what
needs the applicant, each follow-up and each promise. `agent status` prints it as tables or
JSON (the JSON is pinned)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from agent.config import Config
from agent.facts.season import NeedsYou, ProgramView, Season, interview_data
from agent.rules.followup import Assessment

_NEXT_ORDER = {"due": 0, "drafted": 1, "obsolete": 2, "upcoming": 3}


@dataclass(frozen=True, slots=True)
class AccountHealth:
    name: str
    last_pass: datetime | None
    last_error: str | None
    last_error_at: datetime | None


@dataclass
class ProgramStatus:
    name: str
    interview: dict[str, Any] | None
    policy: str
    policy_source: str
    followups: list[Assessment]
    next_action: str
    next_at: datetime | None
    interviewers: list[dict[str, Any]] = field(default_factory=list)
    needs_you: list[NeedsYou] = field(default_factory=list)
    short: str = ""  # the name as the applicant calls it: its first alias, else its name

    @property
    def promises(self) -> list[Assessment]:
        return [a for a in self.followups if a.promise is not None]


@dataclass
class Dashboard:
    now: datetime
    programs: list[ProgramStatus]
    accounts: list[dict[str, Any]]
    upcoming: list[tuple[datetime, str]] = field(default_factory=list)


def _next_action(items: list[Assessment]) -> tuple[str, datetime | None]:
    ranked = sorted(
        (a for a in items if a.state in _NEXT_ORDER),
        key=lambda a: (_NEXT_ORDER[a.state], a.at.timestamp() if a.at else float("inf")),
    )
    if not ranked:
        return "nothing to do", None
    first = ranked[0]
    if first.state == "due":
        return f"draft {first.kind} to {first.who} on the next pass", first.at
    if first.state == "drafted":
        if any(a.needs_detail and a.state == "drafted" for a in items):
            return "add your detail to the drafted note, then send it", first.at
        return "review and send the drafted note", first.at
    if first.state == "obsolete":
        return f"delete the drafted {first.kind} to {first.who}: no longer needed", None
    return f"{first.kind} to {first.who}", first.at


_SCHEDULING = re.compile(r"\binterview", re.I)
_SETTLES_IN = timedelta(days=30)  # invitations usually come 2-6 weeks before the day


def _no_interview_yet(view: ProgramView, now: datetime) -> list[NeedsYou]:
    """A program that wrote about interviews a month ago or more, and still no interview
    time is known: say so rather than stay silent (declined? add it to the config)."""
    if view.interview is not None or view.interview_cancelled is not None:
        return []
    first = next((m for m in view.own_mail if _SCHEDULING.search(m.subject)), None)
    if first is None or now - first.date < _SETTLES_IN:
        return []
    return [
        NeedsYou(
            f"no interview time is known although the program wrote about interviews on "
            f"{first.date:%b %-d} — if you have one, add `interview = ...` to the config; if "
            'you declined, add `contact_policy = "no-contact"` or remove the program',
            first,
        )
    ]


def build(
    config: Config,
    season: Season,
    assessments: list[Assessment],
    health: Mapping[str, AccountHealth],
    now: datetime,
) -> Dashboard:
    programs = []
    upcoming: list[tuple[datetime, str]] = []
    for view in season.programs:
        items = [a for a in assessments if a.program == view.program.name]
        interview = interview_data(view)
        action, at = _next_action(items)
        people = [
            {"name": i.name, "email": i.email, "role": i.role, "source": view.interviewers_source}
            for i in view.interviewers
        ]
        programs.append(
            ProgramStatus(
                view.program.name,
                interview,
                view.policy,
                view.policy_source,
                items,
                action,
                at,
                people,
                [*view.needs_you, *_no_interview_yet(view, now)],
                next(iter(view.program.aliases), view.program.name),
            )
        )
        upcoming.extend(
            (a.at, f"{a.program}: {a.kind} to {a.who}")
            for a in items
            if a.state == "upcoming" and a.at is not None
        )
    accounts = []
    for account in config.accounts:
        h = health.get(account.name)
        accounts.append(
            {
                "name": account.name,
                "provider": account.provider,
                "last_pass": h.last_pass if h else None,
                "last_error": h.last_error if h else None,
                "last_error_at": h.last_error_at if h else None,
            }
        )
    return Dashboard(now, programs, accounts, sorted(upcoming)[:10])


def as_data(dashboard: Dashboard) -> dict[str, Any]:
    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    def item(a: Assessment) -> dict[str, Any]:
        return {
            "kind": a.kind,
            "who": a.who,
            "state": a.state,
            "at": when(a.at),
            "needs_detail": a.needs_detail,
            "note": a.note,
            "reason": a.reason or a.note,
            "recipient": a.recipient,
        }

    def promise(a: Assessment) -> dict[str, Any]:
        info = a.promise
        assert info is not None  # only promise rows get here
        return {
            "topic": info.promise.topic,
            "what": info.promise.topic_label,
            "due": info.promise.due.isoformat(),
            "due_explicit": info.promise.due_explicit,
            "sentence": info.promise.sentence,
            "source": {"date": when(info.source.date), "subject": info.source.subject},
            "inquiry": item(a),
        }

    return {
        "now": when(dashboard.now),
        "programs": [
            {
                "name": p.name,
                "interview": None
                if p.interview is None
                else {
                    **p.interview,
                    "start": when(p.interview["start"]),
                    "end": when(p.interview["end"]),
                },
                "contact_policy": p.policy,
                "contact_policy_source": p.policy_source,
                "interviewers": p.interviewers,
                "needs_you": [
                    {
                        "what": n.what,
                        "message": None
                        if n.message is None
                        else {"subject": n.message.subject, "date": when(n.message.date)},
                    }
                    for n in p.needs_you
                ],
                "followups": [item(a) for a in p.followups if a.promise is None],
                "promises": [promise(a) for a in p.promises],
                "next_action": p.next_action,
                "next_at": when(p.next_at),
            }
            for p in dashboard.programs
        ],
        "accounts": [
            {**a, "last_pass": when(a["last_pass"]), "last_error_at": when(a["last_error_at"])}
            for a in dashboard.accounts
        ],
        "upcoming": [{"at": when(at), "what": what} for at, what in dashboard.upcoming],
    }


@dataclass(frozen=True)
class Need:
    """One thing only the applicant can do, as `agent status`, the page and sync say it."""

    program: str  # the program's short name
    what: str
    about: str = ""  # the mail it is about: subject and date

    def __str__(self) -> str:
        return f"{self.program}: {self.what}"


def needs_you(board: Dashboard) -> list[Need]:
    """What needs the applicant now: mail the agent could not read, a detail to add, a draft
    no longer needed, a draft the lint held back."""
    out = []
    for p in board.programs:
        for n in p.needs_you:
            about = f"{n.message.subject} ({n.message.date:%b %-d})" if n.message else ""
            out.append(Need(p.short, n.what, about))
        for a in p.followups:
            if a.state in ("drafted", "edited") and a.needs_detail:
                out.append(
                    Need(p.short, f"add your detail to the {a.kind} to {a.who}, then send it")
                )
            elif a.state == "obsolete":
                out.append(Need(p.short, f"{a.kind} to {a.who}: {a.reason}"))
            elif a.state == "blocked":
                out.append(Need(p.short, f"the {a.kind} to {a.who} was not drafted: {a.note}"))
    return out
