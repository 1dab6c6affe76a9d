"""News for the programs (`agent update`): recorded in the state, read with the config's."""

from __future__ import annotations

from datetime import date, datetime

from agent.config import Config, Update
from agent.engine.lock import StateLock
from agent.engine.status import open_readonly
from agent.engine.store import Store
from agent.engine.sync import state_path
from agent.rules.letters import update_id


def recorded_updates(config: Config) -> list[Update]:
    """Updates from the config and from `agent update add`, oldest first."""
    store = open_readonly(config)
    try:
        stored = [Update(text=t, date=d) for t, d in store.updates()]
    finally:
        store.close()
    return sorted([*config.updates, *stored], key=lambda u: u.date)


def add_update(config: Config, text: str, day: date, now: datetime) -> bool:
    update = Update(text=text, date=day)
    with StateLock(config.agent.state_dir):
        store = Store(state_path(config))
        try:
            return store.add_update(update_id(update), update.text, update.date, now)
        finally:
            store.close()
