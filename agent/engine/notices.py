"""What needs the applicant (mail the agent could not read), said once by `agent sync`:
each item is remembered in the state once shown, and `agent status` keeps listing it."""

from __future__ import annotations

import hashlib
import json

from agent.engine.store import Store
from agent.facts.season import Season

SAID = "needs_you_said"


def _key(program: str, what: str) -> str:
    return hashlib.sha256(f"{program}|{what}".encode()).hexdigest()[:16]


def needs_you_once(store: Store, season: Season, *, remember: bool) -> list[str]:
    """The items not shown before, as lines; remembered as shown unless ``remember`` is
    False (a dry run writes nothing)."""
    said: set[str] = set(json.loads(store.meta(SAID) or "[]"))
    fresh: dict[str, str] = {}
    for view in season.programs:
        short = next(iter(view.program.aliases), view.program.name)
        for item in view.needs_you:
            fresh.setdefault(_key(view.program.name, item.what), f"{short}: {item.what}")
    new = {k: line for k, line in fresh.items() if k not in said}
    if new and remember:
        store.set_meta(SAID, json.dumps(sorted(said | set(new))))
    return list(new.values())
