"""The types every rule shares: the ledger's entry, a follow-up the agent would draft, the
candidate a rule proposes, and the assessment the decision ladder makes of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from agent.facts.promises import Promise
from agent.facts.season import ProgramView
from connectors.base import Address, MailMessage, ReplyTarget

DraftState = Literal["planned", "created", "sent", "dismissed"]

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
    "obsolete",  # drafted, then no longer needed (it arrived; you wrote): delete the draft
    "edited",  # drafted, then changed by you: the agent never touches it again
]


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One follow-up the agent has acted on, keyed so it can never be drafted twice."""

    key: str
    kind: str
    program: str
    account: str
    recipient: str
    subject: str
    message_id: str
    state: DraftState
    provider_id: str | None
    reason: str
    needs_detail: bool
    planned_at: datetime
    updated_at: datetime
    provider_extra: dict[str, str] = field(default_factory=dict)
    written: str = ""  # a digest of the words the agent wrote ("" for rows from before)
    edited: bool = False  # the user changed the draft since


def ledger_state(entry: LedgerEntry) -> State:
    return {"planned": "drafted", "created": "drafted", "sent": "sent", "dismissed": "deleted"}[
        entry.state
    ]  # type: ignore[return-value]


@dataclass(frozen=True)
class OpenPromise:
    """A promise as the dashboard shows it."""

    promise: Promise
    source: MailMessage
    opens: datetime  # when an inquiry becomes due


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
    opens: datetime | None = None  # when it became due (a note sent since may be this one)


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
    recipient: str | None = None  # the address it goes (or went) to
    reason: str = ""  # why it is in this state, in words
    trail: tuple[str, ...] = field(default=(), compare=False)  # each rung of the ladder
    # Its window as the rule set it (None: at once / no end), for calendars and the page.
    opens: datetime | None = field(default=None, compare=False)
    closes: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Settled:
    """A state a rule knows before the ladder runs (the user already wrote; it arrived)."""

    state: State
    note: str


@dataclass(frozen=True)
class Candidate:
    """A follow-up a rule says exists, and why; `decide` works out its state at ``now``."""

    key: str
    kind: str
    view: ProgramView
    who: str
    recipient: Address | None
    template: str
    context: Mapping[str, Any]
    reason: str
    # The window: drafted from `opens` (None: at once) until `closes` (None: no end).
    opens: datetime | None = None
    closes: datetime | None = None
    # Which stated contact policies suppress it; logistics the program promised: none.
    blocked_by: tuple[str, ...] = ()
    # What becomes of it once the rank list deadline has passed (None: nothing).
    after_rank_deadline: State | None = None
    reply_to: ReplyTarget | None = None
    needs_detail: bool = False
    settled: Settled | None = None  # checked right after the ledger
    refused: str | None = None  # an honesty rule says no, whatever else holds
    waiting: str | None = None  # a condition not met yet (e.g. the interview is ahead)
    no_address: str = "nobody to write to"
    upcoming_note: str = ""
    missed_note: str = "the window closed with nothing sent"
    at_in_ledger: datetime | None = None  # the `at` shown once it is in the ledger
    ledger_note: str = ""
    promise: OpenPromise | None = None
