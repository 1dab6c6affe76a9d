"""The rest of the playbook: update letters with real news, one honest letter of intent,
an optional late-season note of interest. Pure functions of config, mail, ledger and time.

Honesty is enforced here, not left to templates: only the single ``top_choice`` program
ever gets a letter of intent, and once one was drafted the agent refuses a second.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta

from agent.config import Config, Update
from agent.facts.season import ProgramView, Season, program_slug
from agent.rules.followup import Candidate, LedgerEntry
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
    config: Config, season: Season, updates: Sequence[Update]
) -> Iterator[Candidate]:
    """One update letter per program that interviewed the applicant before the news."""
    for update in updates:
        uid = update_id(update)
        news_at = _at(config, update.date)
        for view in season.programs:
            if not _interviewed(view, news_at):
                continue
            recipient, reply_to = _latest_thread(view)
            yield Candidate(
                key=f"update:{program_slug(view.program)}:{uid}",
                kind="update",
                view=view,
                who=_who(recipient),
                recipient=recipient,
                template="update.txt.j2",
                context={
                    "update": update,
                    "interview_date": view.interview.start if view.interview else None,
                },
                reason=f"news of {update.date:%b %-d}: {update.text[:60]}",
                opens=news_at,
                blocked_by=("no-contact",),
                after_rank_deadline="skipped",
                reply_to=reply_to,
                no_address="no program director address or coordinator in mail",
                ledger_note=update.text,
            )


def _who(recipient: Address | None) -> str:
    return recipient.name or recipient.email if recipient else "program"


def intent_letter(
    config: Config, season: Season, ledger: Mapping[str, LedgerEntry], now: datetime
) -> Iterator[Candidate]:
    """At most one letter of intent, ever, and only to the single top_choice program."""
    top = next((v for v in season.programs if v.program.top_choice), None)
    if top is None:
        return
    key = f"intent:{program_slug(top.program)}"
    opens = _letters_open(config)
    recipient = _leadership(top)
    refused = None
    earlier = [e for e in ledger.values() if e.kind == "intent" and e.key != key]
    if earlier:
        first = earlier[0]
        refused = (
            f"a letter of intent was already drafted for {first.program} on "
            f"{first.planned_at:%b %-d}; telling a second program it is your first choice "
            "breaks the Match's honesty rule, so the agent will not draft another"
        )
    yield Candidate(
        key=key,
        kind="intent",
        view=top,
        who=_who(recipient),
        recipient=recipient,
        template="intent.txt.j2",
        context={"interview_date": top.interview.start if top.interview else None},
        reason=f"top choice; {config.rules.intent_letter_days} days before the rank deadline "
        f"({config.season.rank_deadline:%b %-d})",
        opens=opens,
        blocked_by=("no-contact",),
        after_rank_deadline="missed",
        needs_detail=not top.program.notes,
        refused=refused,
        waiting=None if _interviewed(top, now) else "after the interview, before the rank deadline",
        no_address="no program director address or coordinator in mail",
        at_in_ledger=opens,
    )


def interest_notes(config: Config, season: Season, now: datetime) -> Iterator[Candidate]:
    """Optional: one concise note of continued interest to programs that welcome contact."""
    if not config.rules.late_season_note:
        return
    opens = _letters_open(config)
    for view in season.programs:
        if view.program.top_choice or not _interviewed(view, now):
            continue
        recipient = _leadership(view)
        yield Candidate(
            key=f"interest:{program_slug(view.program)}",
            kind="interest",
            view=view,
            who=_who(recipient),
            recipient=recipient,
            template="interest.txt.j2",
            context={"interview_date": view.interview.start if view.interview else None},
            reason="late-season note of continued interest",
            opens=opens,
            blocked_by=("no-contact", "discouraged"),
            after_rank_deadline="missed",
            no_address="",
            at_in_ledger=opens,
        )
