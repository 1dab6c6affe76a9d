"""The 48-hour rule: after each interview, one thank-you per interviewer with a known
address (else one note to the program team), drafted when the interview ends and missed
once the window has closed. Which candidates exist and why; `ladder.decide` does the rest.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from agent.config import Config, Interviewer
from agent.facts.season import ProgramView, Season, from_applicant, program_slug
from agent.rules.followup import Candidate, Settled
from connectors.base import Address

TIME = "%a %b %-d %-I:%M %p %Z"


def wrote_to(view: ProgramView, me: frozenset[str], address: str, since: datetime) -> bool:
    return any(
        from_applicant(m, me)
        and m.date >= since
        and any(a.email == address for a in (*m.to, *m.cc))
        for m in view.messages
    )


def interview_key(view: ProgramView) -> str:
    assert view.interview is not None
    return f"interview:{program_slug(view.program)}:{view.interview.key}"


def thank_yous(
    config: Config, season: Season, first_seen: Mapping[str, datetime], now: datetime
) -> Iterator[Candidate]:
    for view in season.programs:
        yield from _for_program(config, season, view, first_seen, now)


def _for_program(
    config: Config,
    season: Season,
    view: ProgramView,
    first_seen: Mapping[str, datetime],
    now: datetime,
) -> Iterator[Candidate]:
    interview = view.interview
    if interview is None:
        return
    slug = program_slug(view.program)
    closes = interview.end + timedelta(hours=config.rules.thank_you_window_hours)
    base = Candidate(
        key=f"thank-you:{slug}:{interview.key}:team",
        kind="thank-you",
        view=view,
        who="program team",
        recipient=None,
        template="thank_you_team.txt.j2",
        context={},
        reason=f"interview ended {interview.end:{TIME}}; window closes {closes:{TIME}}",
        opens=interview.end,
        closes=closes,
        blocked_by=("no-contact", "discouraged"),
        upcoming_note="window opens when the interview ends",
        missed_note="the 48-hour window closed with nothing sent",
        at_in_ledger=closes,
        no_address="no interviewer address and no program contact in mail; "
        "add interviewers' emails to the config",
    )
    if interview.cancelled:
        yield replace(base, who="program", settled=Settled("skipped", "interview cancelled"))
        return
    recipients = _recipients(view)
    if not recipients:
        yield base
        return
    # An interview first seen after its window closed was never the agent's to draft.
    seen_late = first_seen.get(interview_key(view), now) >= closes
    for person, address in recipients:
        detail = (person.notes if person else view.program.notes) or None
        settled = None
        if wrote_to(view, season.me, address.email, interview.start):
            settled = Settled("sent", "you wrote after the interview")
        elif seen_late and view.policy not in base.blocked_by:
            settled = Settled("missed", "window closed before the agent saw the interview")
        yield replace(
            base,
            key=f"thank-you:{slug}:{interview.key}:{address.email}",
            kind="thank-you" if person else "thank-you-team",
            who=person.name if person else f"program team ({address.email})",
            recipient=address,
            template="thank_you.txt.j2" if person else "thank_you_team.txt.j2",
            context={
                "interviewer": person,
                # The team note greets the interviewers it covers: those without an address.
                "interviewers": [i for i in view.interviewers if not (person or i.email)],
                "detail": detail,
                "interview_date": interview.start,
            },
            needs_detail=detail is None,
            settled=settled,
        )


def _recipients(view: ProgramView) -> list[tuple[Interviewer | None, Address]]:
    """One note per interviewer with a known address, and one note to the program team
    (through the coordinator who wrote) for the interviewers whose address is not known."""
    people: list[tuple[Interviewer | None, Address]] = [
        (i, Address(i.name, i.email)) for i in view.interviewers if i.email
    ]
    uncovered = not people or any(not i.email for i in view.interviewers)
    contact = view.contact
    if uncovered and contact is not None and all(a.email != contact.email for _, a in people):
        people.append((None, contact))
    return people
