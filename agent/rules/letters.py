"""The rest of the playbook: update letters with real news, one honest letter of intent,
an optional late-season note of interest. Pure functions of config, mail, ledger and time.

Honesty is enforced here, not left to templates: only the single ``top_choice`` program
ever gets a letter of intent, and once one was drafted the agent refuses a second.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta

from agent.config import Config, Update
from agent.engine.store import LedgerEntry
from agent.facts.season import ProgramView, Season, program_slug
from agent.rules.thank_you import Assessment, FollowUp, ledger_state
from connectors.base import Address, MailMessage, ReplyTarget


def update_id(update: Update) -> str:
    return hashlib.sha256(f"{update.date}|{update.text}".encode()).hexdigest()[:12]


def _program_director(view: ProgramView) -> Address | None:
    for person in view.interviewers:
        role = (person.role or "").lower()
        if (
            person.email
            and "program director" in role
            and "associate" not in role
            and ("assistant" not in role)
        ):
            return Address(person.name, person.email)
    return None


def _leadership(view: ProgramView) -> Address | None:
    """The program director when known, else the coordinator who wrote."""
    return _program_director(view) or view.contact


def _latest_thread(view: ProgramView) -> tuple[Address | None, ReplyTarget | None]:
    """Where an update goes: the program's most recent thread with the program director or
    the coordinator, answering whoever of them wrote last; else a new note to them."""
    people = {a.email for a in (_program_director(view), view.contact) if a is not None}
    latest: MailMessage | None = None
    for thread in view.threads:
        for message in thread.messages:
            ours = message.sender is not None and message.sender.email in people
            if (
                ours
                and message.folder == "inbox"
                and (latest is None or message.date > latest.date)
            ):
                latest = message
    if latest is None or latest.sender is None:
        return _leadership(view), None
    target = ReplyTarget(
        latest.id, latest.message_id, latest.references, latest.thread_hint, latest.subject
    )
    return latest.sender, target


def _interviewed(view: ProgramView, before: datetime) -> bool:
    return (
        view.interview is not None
        and not view.interview.cancelled
        and (view.interview.end <= before)
    )


def _at(config: Config, day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=config.applicant.zone)


def _letters_open(config: Config) -> datetime:
    """Letters of intent and notes of interest: a set time before the rank deadline."""
    return _at(
        config, config.season.rank_deadline - timedelta(days=config.rules.intent_letter_days)
    )


def update_letters(
    config: Config,
    season: Season,
    ledger: Mapping[str, LedgerEntry],
    updates: Sequence[Update],
    now: datetime,
) -> list[Assessment]:
    """One update letter per program that interviewed the applicant before the news."""
    out = []
    for update in updates:
        uid = update_id(update)
        news_at = _at(config, update.date)
        for view in season.programs:
            if not _interviewed(view, news_at):
                continue
            name = view.program.name
            key = f"update:{program_slug(view.program)}:{uid}"
            recipient, reply_to = _latest_thread(view)
            who = recipient.name or recipient.email if recipient else "program"
            if key in ledger:
                out.append(
                    Assessment(name, "update", who, ledger_state(ledger[key]), note=update.text)
                )
                continue
            if view.policy == "no-contact":
                out.append(
                    Assessment(name, "update", who, "skipped", note="program policy: no-contact")
                )
                continue
            if now.date() > config.season.rank_deadline:
                out.append(
                    Assessment(name, "update", who, "skipped", note="the rank deadline has passed")
                )
                continue
            if recipient is None:
                out.append(
                    Assessment(
                        name,
                        "update",
                        who,
                        "no-address",
                        note="no program director address or coordinator in mail",
                    )
                )
                continue
            if now < news_at:
                out.append(Assessment(name, "update", who, "upcoming", at=news_at))
                continue
            followup = FollowUp(
                key=key,
                kind="update",
                program=name,
                account=view.account,
                recipient=recipient,
                template="update.txt.j2",
                context={
                    "update": update,
                    "interview_date": view.interview.start if view.interview else None,
                },
                reason=f"news of {update.date:%b %-d}: {update.text[:60]}",
                reply_to=reply_to,
            )
            out.append(Assessment(name, "update", who, "due", followup=followup))
    return out


def intent_letter(
    config: Config, season: Season, ledger: Mapping[str, LedgerEntry], now: datetime
) -> list[Assessment]:
    """At most one letter of intent, ever, and only to the single top_choice program."""
    top = next((v for v in season.programs if v.program.top_choice), None)
    if top is None:
        return []
    name = top.program.name
    key = f"intent:{program_slug(top.program)}"
    opens = _at(
        config, config.season.rank_deadline - timedelta(days=config.rules.intent_letter_days)
    )
    recipient = _leadership(top)
    who = recipient.name or recipient.email if recipient else "program"
    earlier = [e for e in ledger.values() if e.kind == "intent" and e.key != key]
    if key in ledger:
        return [Assessment(name, "intent", who, ledger_state(ledger[key]), at=opens)]
    if earlier:
        first = earlier[0]
        return [
            Assessment(
                name,
                "intent",
                who,
                "refused",
                note=f"a letter of intent was already drafted for {first.program} on "
                f"{first.planned_at:%b %-d}; telling a second program it is your first choice "
                "breaks the Match's honesty rule, so the agent will not draft another",
            )
        ]
    if top.policy == "no-contact":
        return [Assessment(name, "intent", who, "skipped", note="program policy: no-contact")]
    if not _interviewed(top, now):
        return [
            Assessment(
                name,
                "intent",
                who,
                "upcoming",
                at=opens,
                note="after the interview, before the rank deadline",
            )
        ]
    if now.date() > config.season.rank_deadline:
        return [Assessment(name, "intent", who, "missed", note="the rank deadline has passed")]
    if recipient is None:
        return [
            Assessment(
                name,
                "intent",
                who,
                "no-address",
                note="no program director address or coordinator in mail",
            )
        ]
    if now < opens:
        return [Assessment(name, "intent", who, "upcoming", at=opens)]
    followup = FollowUp(
        key=key,
        kind="intent",
        program=name,
        account=top.account,
        recipient=recipient,
        template="intent.txt.j2",
        context={"interview_date": top.interview.start if top.interview else None},
        reason=f"top choice; {config.rules.intent_letter_days} days before the rank deadline "
        f"({config.season.rank_deadline:%b %-d})",
        needs_detail=not top.program.notes,
    )
    return [
        Assessment(
            name,
            "intent",
            who,
            "due",
            at=opens,
            followup=followup,
            needs_detail=not top.program.notes,
        )
    ]


def interest_notes(
    config: Config, season: Season, ledger: Mapping[str, LedgerEntry], now: datetime
) -> list[Assessment]:
    """Optional: one concise note of continued interest to programs that welcome contact."""
    if not config.rules.late_season_note:
        return []
    opens = _at(
        config, config.season.rank_deadline - timedelta(days=config.rules.intent_letter_days)
    )
    out = []
    for view in season.programs:
        if view.program.top_choice or not _interviewed(view, now):
            continue
        name = view.program.name
        key = f"interest:{program_slug(view.program)}"
        recipient = _leadership(view)
        who = recipient.name or recipient.email if recipient else "program"
        if key in ledger:
            out.append(Assessment(name, "interest", who, ledger_state(ledger[key]), at=opens))
        elif view.policy != "welcome":
            out.append(
                Assessment(name, "interest", who, "skipped", note=f"program policy: {view.policy}")
            )
        elif now.date() > config.season.rank_deadline:
            out.append(
                Assessment(name, "interest", who, "missed", note="the rank deadline has passed")
            )
        elif recipient is None:
            out.append(Assessment(name, "interest", who, "no-address"))
        elif now < opens:
            out.append(Assessment(name, "interest", who, "upcoming", at=opens))
        else:
            followup = FollowUp(
                key=key,
                kind="interest",
                program=name,
                account=view.account,
                recipient=recipient,
                template="interest.txt.j2",
                context={"interview_date": view.interview.start if view.interview else None},
                reason="late-season note of continued interest",
            )
            out.append(Assessment(name, "interest", who, "due", at=opens, followup=followup))
    return out
