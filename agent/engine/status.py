"""The season as `agent status` shows it: the full plan (so drafts the lint would block show
as blocked), read-only, built from the same snapshot `agent sync` plans from."""

from __future__ import annotations

from datetime import datetime

from agent.config import Config
from agent.dashboard import Dashboard, build
from agent.drafts.render import Renderer
from agent.engine import snapshot
from agent.engine.store import Store
from agent.engine.sync import state_path
from agent.plan import plan


def open_readonly(config: Config) -> Store:
    """The state as it is, never written (an empty scratch state before the first pass)."""
    path = state_path(config)
    return Store(path, readonly=True) if path.exists() else Store(None)


def dashboard(config: Config, now: datetime) -> Dashboard:
    store = open_readonly(config)
    try:
        season = snapshot.read_mail(config, store)
        result = plan(config, snapshot.load(store, season), now, Renderer(config))
        return build(config, season, result.assessments, store.account_health(), now)
    finally:
        store.close()
