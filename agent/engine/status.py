"""The season as `agent status` shows it: the full plan (so drafts the lint would block show
as blocked), read-only, built from the same snapshot `agent sync` plans from."""

from __future__ import annotations

from datetime import datetime

from agent.config import Config
from agent.dashboard import AccountHealth, Dashboard, build
from agent.drafts.render import Renderer
from agent.engine import snapshot
from agent.engine.store import Store
from agent.engine.sync import AccountResult, run_pass, state_path
from agent.facts.matching import Matcher
from agent.plan import plan


def open_readonly(config: Config) -> Store:
    """The state as it is, never written (an empty scratch state before the first pass)."""
    path = state_path(config)
    return Store(path, readonly=True) if path.exists() else Store(None)


def dashboard(config: Config, now: datetime) -> Dashboard:
    store = open_readonly(config)
    try:
        if _not_read_yet(config, store):
            # Never synced for this config (a new user, or programs just added): read the
            # mailbox now, in memory, as `agent sync --dry-run` does, rather than show nothing.
            report = run_pass(config, store, now, dry_run=True)
            assert report.plan is not None and report.season is not None
            health = {a.name: _health(a, now) for a in report.accounts}
            return build(config, report.season, report.plan.assessments, health, now)
        season = snapshot.read_mail(config, store)
        result = plan(config, snapshot.load(store, season), now, Renderer(config))
        return build(config, season, result.assessments, store.account_health(), now)
    finally:
        store.close()


def _not_read_yet(config: Config, store: Store) -> bool:
    """The stored mail does not answer for this config: an account never read, or the
    programs changed since (what counts as program mail changed with them)."""
    if store.meta("matching") != Matcher(config).fingerprint():
        return True
    return any(store.cursor(account.name) is None for account in config.accounts)


def _health(account: AccountResult, now: datetime) -> AccountHealth:
    failed = account.error is not None
    return AccountHealth(account.name, None, account.error, now if failed else None)
