"""The one interface every mail provider implements, and the values that cross it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

Folder = Literal["inbox", "sent"]

# Header that marks a draft as written by this agent; its value is the ledger key.
MARKER_HEADER = "X-Residency-Agent"


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    email: str  # always lower-case

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True, slots=True)
class MailMessage:
    """A message normalized from any provider. Dates are timezone-aware."""

    id: str  # provider-stable id, unique within the account
    folder: Folder
    message_id: str  # RFC 5322 Message-ID with angle brackets; synthesized when missing
    subject: str
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    thread_hint: str | None = None  # provider thread id: Gmail threadId, Graph conversationId
    body: str | None = None  # plain text; None when the connector did not fetch it
    # A digest of every field above when one is at hand (the store keeps one per message),
    # else None. Not compared, and not carried over by ``replace``: a changed copy has none.
    digest: str | None = field(default=None, init=False, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class SearchTerms:
    """What can make mail matter, for a provider that searches on its server (Gmail's ``q``)
    before anything is read. Program mail has a participant at one of ``domains`` (or a
    subdomain) or one of ``addresses``, or holds one of ``names`` in its subject as whole
    words; ``words`` are subject words that make mail worth a look for a program not in the
    config (whole words: a search cannot look for the start of one)."""

    domains: tuple[str, ...] = ()  # programs' and platforms' domains
    addresses: tuple[str, ...] = ()  # interviewers' addresses
    names: tuple[str, ...] = ()  # programs' names and aliases
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PullRequest:
    """What the orchestrator asks of one pull."""

    since: datetime | None  # mail older than this is ignored (the season's start)
    # Decides from headers alone whether a message's body is worth fetching (program mail).
    wants_body: Callable[[MailMessage], bool] = lambda m: True
    # Called with the number of messages read so far, for long first syncs.
    progress: Callable[[int], None] | None = None
    # Called once by a first pull that knows ahead what it will read: how many messages,
    # and about how many seconds that takes (a provider's quota sets the pace).
    expect: Callable[[int, float], None] | None = None
    # For connectors that read raw mail: from a message's raw header bytes (and its folder),
    # False only when no parse could make it wanted; such a message is neither parsed nor
    # returned. None: every message is parsed (connectors.prefilter builds one).
    header_filter: Callable[[bytes, Folder], bool] | None = None
    # For connectors that search on the server: a first pass lists only mail matching one
    # of these terms (incremental passes still see everything new). None: list everything.
    search: SearchTerms | None = None
    # Ids of messages already kept with their body (a pass reading a mailbox again after the
    # programs changed): a connector that reads raw files may leave them unread.
    kept: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Pull:
    messages: list[MailMessage]
    cursor: str  # opaque; store it only after the whole pass succeeded
    full: bool = False  # True when this was a full listing (first pass or expired cursor)
    # Writes what the cursor names outside itself (a Maildir's folder names): called just
    # before the cursor is stored, never by a dry run.
    save: Callable[[], None] = field(default=lambda: None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ReplyTarget:
    """The message a draft answers, so providers can file the draft in its thread."""

    id: str  # provider id of the message being answered
    message_id: str
    references: tuple[str, ...]
    thread_hint: str | None
    subject: str


@dataclass(frozen=True, slots=True)
class OutgoingDraft:
    key: str  # ledger key; written into the draft as MARKER_HEADER
    message_id: str  # deterministic, so a draft can be recognised after a crash
    sender: Address
    to: tuple[Address, ...]
    subject: str
    text: str
    html: str | None = None
    reply_to: ReplyTarget | None = None
    date: datetime | None = None


@dataclass(frozen=True, slots=True)
class DraftRef:
    """One of the agent's drafts in a Drafts folder, as known or as found.

    In ``known`` (what the ledger believes exists) ``subject`` and ``to`` are what the agent
    wrote, so a draft whose marker a client dropped can still be recognised; ``text`` may
    be left None there.

    From ``list_agent_drafts``: ``text`` is the draft's plain-text body as it is now, or
    None when the connector proved the draft unchanged since the ``known`` ref it was given
    (then what the ledger knew still holds). ``subject`` and ``to`` are the draft's own when
    ``text`` is given. ``marker_lost`` is True when the draft no longer carries
    ``MARKER_HEADER`` and was recognised by its Message-ID or by thread, subject and
    recipient; its ``provider_id``/``extra`` may then be new and should be stored.

    From ``create_draft``: ``text`` is None (the agent knows what it wrote), ``subject`` and
    ``to`` are what the provider was given (a reply's subject may be the thread's).
    """

    key: str
    provider_id: str
    message_id: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    text: str | None = None
    subject: str | None = None
    to: tuple[str, ...] = ()  # recipient addresses, lower-case
    marker_lost: bool = False


class MailConnector(Protocol):
    """A mailbox. Methods raise only the exceptions in ``connectors.errors``."""

    name: str  # the account's name from the config

    def pull(self, cursor: str | None, request: PullRequest) -> Pull:
        """New and changed messages in the inbox and the sent folder since ``cursor``.

        ``cursor=None`` (or an expired cursor) means a full listing bounded by
        ``request.since``. The same message may be returned again; callers dedupe by id.
        """
        ...

    def list_agent_drafts(self, known: Sequence[DraftRef]) -> list[DraftRef]:
        """Every draft carrying the agent's marker that still exists in the Drafts folder,
        plus, for each ``known`` ref whose marker is gone, the draft that is still there
        without it (same ``key``, ``marker_lost=True``): the one with its Message-ID, else
        one in its thread (when the provider has threads) with the same subject and
        recipient. A draft found without its marker is never claimed for two keys.

        ``known`` is what the ledger believes exists; a connector may use it to answer
        without a full listing when it can prove nothing changed (then ``text`` is None).
        The search for marker-less drafts costs nothing unless a known draft is missing.
        """
        ...

    def create_draft(self, draft: OutgoingDraft) -> DraftRef:
        """Write ``draft`` into the Drafts folder (in its thread when it replies). Never sends."""
        ...

    def close(self) -> None: ...
