"""Fill a plan's snapshot from the store, the same way for `agent sync` and `agent status`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from agent.config import Config, Update
from agent.engine import unread_mail
from agent.engine.store import Store
from agent.facts.memo import RULES, Memo
from agent.facts.season import Season
from agent.plan import Snapshot
from connectors.base import MailMessage


def read_mail(
    config: Config, store: Store, unsaved: Mapping[str, Sequence[MailMessage]] | None = None
) -> Season:
    """The season from the stored program mail, plus mail a dry run pulled but did not keep.
    What earlier passes read from that mail is taken from the store, not read again."""
    mail = store.messages()
    for account, messages in (unsaved or {}).items():
        mail.setdefault(account, []).extend(messages)
    return unread_mail.read_on_two_cores(config, mail, Memo(store.facts(RULES)))


def load(store: Store, season: Season) -> Snapshot:
    """Ledger, sightings, updates and facts already read, in one read transaction."""
    with store.reading():
        return Snapshot(
            season=season,
            ledger=store.ledger(),
            first_seen=store.first_seen(),
            updates=tuple(Update(text=t, date=d) for t, d in store.updates()),
            # Already loaded to read the season, when it was read from this store.
            facts=season.kept if season.kept is not None else store.facts(RULES),
        )


def persist_learned(
    store: Store, facts: dict[str, str], sightings: list[str], now: datetime
) -> None:
    """What a plan newly read from mail, kept so the next pass need not read it again."""
    if facts:
        store.save_facts(RULES, facts)
    if sightings:
        store.record_sightings(sightings, now)
