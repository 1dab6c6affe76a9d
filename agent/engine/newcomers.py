"""Programs that write for the first time during the season: a sync pass finds them in mail
the config's programs do not claim, keeps them in the state (table ``newcomers``), and
`agent sync` / `agent status` say once that one arrived. Nothing adds a program by itself:
the applicant runs `agent programs add NAME`.

Mail read on an account's first pass (the season read as a whole, just after `agent init`)
is remembered without a notice: the applicant already saw those programs and chose.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from types import ModuleType

from agent.config import Config
from agent.engine.store import Store
from connectors.base import MailMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Newcomer:
    name: str
    kind: str  # "an interview invitation", ...
    subject: str
    date: datetime

    def notice(self, zone: object) -> str:
        day = self.date.astimezone(zone)  # type: ignore[arg-type]
        return (
            f"New: {self.kind} from {self.name} ({day:%b} {day.day}). "
            f"`agent programs add '{self.name}'` to follow it"
        )


def candidate(config: Config) -> Callable[[MailMessage], bool]:
    """For the pull: a message whose body discovery needs (beside the program mail). A
    newcomer announces itself by writing, so the applicant's own mail is not read for one
    (`agent init` still reads it): on a big mailbox the sent folder is most of what would
    otherwise be parsed in full."""
    me = config.applicant.addresses

    def wanted(message: MailMessage) -> bool:
        reader = _discovery()
        return not reader.from_applicant(message, me) and reader.wants_body(message, me)

    return wanted


@cache
def _discovery() -> ModuleType:
    """The discovery readers, imported when mail arrives: a pass with none needs none."""
    from agent.facts import discovery

    return discovery


def record(
    config: Config,
    store: Store,
    account: str,
    messages: list[MailMessage],
    previous_pass: datetime | None,
    now: datetime,
) -> None:
    """Keep the unlisted programs ``messages`` show; only mail newer than the account's
    previous pass makes a notice."""
    with_body = [m for m in messages if m.body is not None]
    if not with_body:
        return
    from agent.engine.setup import applicant_of, found_in_config

    try:
        found_programs = _discovery().discover(with_body, applicant_of(config))
    except Exception:  # a reading bug must not stop the pass that drafts the follow-ups
        log.exception("finding programs not in the config failed; the pass goes on")
        return
    for found in found_programs:
        if found_in_config(config, found) is not None or found.evidence is None:
            continue
        fresh = previous_pass is not None and found.evidence.date > previous_pass
        with store.transaction():
            store.db.execute(
                """INSERT OR IGNORE INTO newcomers
                   (name, kind, subject, date, account, found_at, announced_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (
                    found.name,
                    found.evidence.kind,
                    found.evidence.subject,
                    found.evidence.date.astimezone(UTC).isoformat(),
                    account,
                    now.astimezone(UTC).isoformat(),
                    None if fresh else now.astimezone(UTC).isoformat(),
                ),
            )
        log.info("mail from a program not in the config (%s)", "new" if fresh else "known")


def pending(config: Config, store: Store) -> list[Newcomer]:
    """Newcomers not announced yet and still not in the config."""
    try:
        rows = store.db.execute(
            "SELECT name, kind, subject, date FROM newcomers WHERE announced_at IS NULL "
            "ORDER BY date"
        ).fetchall()
    except Exception:  # a state from before the table: nothing to say
        return []
    out = []
    for name, kind, subject, when in rows:
        newcomer = Newcomer(name, kind, subject, datetime.fromisoformat(when))
        if not any(p.name == name or name in p.aliases for p in config.programs):
            out.append(newcomer)
    return out


def announced(store: Store, names: list[str], now: datetime) -> None:
    if not names:
        return
    with store.transaction():
        store.db.executemany(
            "UPDATE newcomers SET announced_at = ? WHERE name = ?",
            [(now.astimezone(UTC).isoformat(), n) for n in names],
        )


def previous_pass(store: Store, account: str) -> datetime | None:
    health = store.account_health().get(account)
    return health.last_pass if health else None


def take_notices(config: Config, store: Store, now: datetime) -> list[str]:
    """The notices to print now; each is printed once."""
    found = pending(config, store)
    announced(store, [n.name for n in found], now)
    return [n.notice(config.applicant.zone) for n in found]


def notices_once(config: Config, now: datetime) -> list[str]:
    """For `agent status`: the notices not said yet, marked said (a tiny write beside a
    read-only command); nothing when the state is missing or cannot be written."""
    path = config.agent.state_dir / "state.sqlite3"
    if not path.exists():
        return []
    try:
        store = Store(path)
    except Exception as exc:  # status must work whatever the state's trouble
        log.info("notices skipped: %s", exc)
        return []
    try:
        return take_notices(config, store, now)
    finally:
        store.close()
