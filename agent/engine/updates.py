"""News for the programs (`agent update`): recorded in the state, read with the config's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from agent.config import Config, Update
from agent.engine.lock import StateLock
from agent.engine.status import open_readonly
from agent.engine.store import Store
from agent.engine.sync import state_path
from agent.rules.letters import update_id


@dataclass(frozen=True)
class RecordedUpdate:
    update: Update
    in_config: bool  # written in the config file (removed there), or added with the CLI


def recorded_updates(config: Config) -> list[RecordedUpdate]:
    """Updates from the config and from `agent update add`, oldest first: the numbers
    `agent update list` shows and `agent update remove N` takes."""
    store = open_readonly(config)
    try:
        stored = [RecordedUpdate(Update(text=t, date=d), False) for t, d in store.updates()]
    finally:
        store.close()
    ours = [RecordedUpdate(u, True) for u in config.updates]
    return sorted([*ours, *stored], key=lambda r: r.update.date)


def remove_update(config: Config, update: Update) -> bool:
    with StateLock(config.agent.state_dir):
        store = Store(state_path(config))
        try:
            return store.remove_update(update_id(update))
        finally:
            store.close()


def add_update(config: Config, text: str, day: date, now: datetime) -> bool:
    update = Update(text=text, date=day)
    with StateLock(config.agent.state_dir):
        store = Store(state_path(config))
        try:
            return store.add_update(update_id(update), update.text, update.date, now)
        finally:
            store.close()
