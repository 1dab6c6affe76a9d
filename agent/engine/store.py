"""SQLite state: cursors, the normalized mail the rules need, and the draft ledger.

One file in the state dir, versioned schema with in-place upgrades, WAL so that
``agent status`` can read while a pass writes. Every write happens in an explicit
transaction; a crash leaves the previous consistent state.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from agent.dashboard import AccountHealth
from agent.engine import mail_rows
from agent.engine.schema import DIGESTS, MIGRATIONS
from agent.errors import StateUnusable, explain
from agent.rules.followup import DraftState, LedgerEntry
from connectors.base import MailMessage
from connectors.files import private_dir

log = logging.getLogger(__name__)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _unusable(path: Path, exc: Exception) -> StateUnusable:
    """One clear line for a state that cannot be opened or written, whatever the cause."""
    if isinstance(exc, OSError):
        return StateUnusable(explain(exc, "the state"))
    text = str(exc)
    if "full" in text:
        advice = "the disk is full: free some space, then run the command again"
    elif "readonly" in text or "unable to open" in text or "authoriz" in text:
        advice = (
            "check that the folder and its files belong to you and that you may write to them "
            f"(ls -la {path.parent}; chmod u+rwX), or set [agent] state_dir to another folder"
        )
    elif "not a database" in text or "malformed" in text:
        advice = (
            f"the file is damaged: move it aside (mv {path} {path}.broken); the agent "
            "rebuilds the state from your mailbox without writing any draft twice"
        )
    else:
        advice = "check the folder, its permissions and the free disk space"
    return StateUnusable(f"the state {path}: {text}; {advice}")


class Store:
    def __init__(self, path: Path | None, *, readonly: bool = False) -> None:
        self.path = path or Path(":memory:")
        try:
            self._open(path, readonly)
        except (sqlite3.Error, OSError) as exc:
            raise _unusable(self.path, exc) from None

    def _open(self, path: Path | None, readonly: bool) -> None:
        if path is None:  # a scratch state for dry runs on a first pass: nothing on disk
            self.db = sqlite3.connect(":memory:", isolation_level=None)
            self._migrate()
        elif readonly:
            if not path.exists():
                raise FileNotFoundError(path)
            # Not mode=ro: a read-only connection cannot recreate the WAL index a writer
            # removed on close. query_only gives the same guarantee without that race.
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA query_only = ON")
        else:
            private_dir(path.parent)
            if not path.exists():
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
            os.chmod(path, 0o600)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self._migrate()
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    os.chmod(side, 0o600)
        self.db.row_factory = sqlite3.Row

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _unusable(self.path, exc) from None
        try:
            yield
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise _unusable(self.path, exc) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):  # a failed COMMIT may have ended it already
            self.db.execute("ROLLBACK")

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Several reads that see one consistent state (a deferred transaction)."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def _tuples(self, sql: str, parameters: tuple[object, ...] = ()) -> sqlite3.Cursor:
        """Rows as plain tuples: many rows read whole, where a ``Row`` each costs time."""
        cursor = self.db.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, parameters)

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self.transaction():
            version = self.schema_version
            if version > len(MIGRATIONS):
                raise RuntimeError(
                    f"{self.path} was written by a newer version of the agent "
                    f"(schema {version}); upgrade the agent"
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
                log.info("state schema upgraded to version %d", number)

    # -- cursors and messages ------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def restart_reading(self, fingerprint: str, parts: dict[str, object]) -> None:
        """What counts as program mail changed: forget the cursors so the next pull reads
        every account in full, and remember what the mail will now be read for."""
        with self.transaction():
            self.db.execute("DELETE FROM cursors")
            self._note_matching(fingerprint, parts)

    def note_matching(self, fingerprint: str, parts: dict[str, object]) -> None:
        """Every account was read for what counts as program mail now (``fingerprint``;
        ``parts``: what it is made of, so the next change can tell what changed)."""
        with self.transaction():
            self._note_matching(fingerprint, parts)

    def _note_matching(self, fingerprint: str, parts: dict[str, object]) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('matching', ?)", (fingerprint,))
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('matching_programs', ?)", (json.dumps(parts),)
        )

    def cursor(self, account: str) -> str | None:
        row = self.db.execute("SELECT value FROM cursors WHERE account = ?", (account,)).fetchone()
        return row[0] if row else None

    def record_pull(
        self, account: str, messages: list[MailMessage], cursor: str, now: datetime
    ) -> None:
        """Messages and the new cursor in one transaction: the cursor never runs ahead."""
        with self.transaction():
            mail_rows.keep(self.db, account, messages)
            # An unchanged cursor is left as it is: a pass that pulled nothing writes nothing.
            self.db.execute(
                """INSERT INTO cursors VALUES (?, ?, ?) ON CONFLICT (account) DO UPDATE
                   SET value = excluded.value, saved_at = excluded.saved_at
                   WHERE value != excluded.value""",
                (account, cursor, _iso(now)),
            )

    def kept_ids(self, account: str) -> frozenset[str]:
        """Ids of the account's messages kept with their body (the program mail)."""
        rows = self.db.execute(
            "SELECT id FROM messages WHERE account = ? AND body IS NOT NULL", (account,)
        )
        return frozenset(r[0] for r in rows)

    def messages(self) -> dict[str, list[MailMessage]]:
        """The program mail (the rules read nothing else) by account, oldest first."""
        # A state of an older version read without upgrading it (`agent status` writes
        # nothing) has no digests: the reader makes them.
        digest = "digest" if self.schema_version >= DIGESTS else "NULL"
        rows = self._tuples(
            f"SELECT {mail_rows.COLUMNS}, {digest} FROM messages WHERE body IS NOT NULL "
            "ORDER BY rowid"
        )
        return mail_rows.by_account(rows)

    # -- facts read from mail once (see agent.facts.memo) ---------------------------------------

    def facts(self, version: str) -> dict[str, str]:
        # The keys from "version|" up to "version}" ("}" follows "|"), read in one pass over
        # the table: the rows are nearly all this version's (saving facts deletes the others),
        # and going through the key's index costs a second lookup a row (300k: 28 -> 18 ms).
        low, high = f"{version}|", f"{version}}}"
        rows = self._tuples(
            "SELECT key, value FROM facts NOT INDEXED WHERE key >= ? AND key < ?", (low, high)
        )
        return dict(rows)

    def save_facts(self, version: str, facts: dict[str, str]) -> None:
        with self.transaction():
            low, high = f"{version}|", f"{version}}}"
            self.db.execute("DELETE FROM facts WHERE key < ? OR key >= ?", (low, high))
            self.db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?)", facts.items())

    # -- sightings: when the agent first knew of something (for "missed before we saw it") --

    def first_seen(self) -> dict[str, datetime]:
        return {
            r["key"]: datetime.fromisoformat(r["first_seen"])
            for r in self.db.execute("SELECT * FROM sightings")
        }

    def record_sightings(self, keys: list[str], now: datetime) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT OR IGNORE INTO sightings VALUES (?, ?)", [(k, _iso(now)) for k in keys]
            )

    # -- the draft ledger ------------------------------------------------------------------

    def ledger(self) -> dict[str, LedgerEntry]:
        out = {}
        for r in self.db.execute("SELECT * FROM ledger"):
            out[r["key"]] = LedgerEntry(
                key=r["key"],
                kind=r["kind"],
                program=r["program"],
                account=r["account"],
                recipient=r["recipient"],
                subject=r["subject"],
                message_id=r["message_id"],
                state=r["state"],
                provider_id=r["provider_id"],
                reason=r["reason"],
                needs_detail=bool(r["needs_detail"]),
                planned_at=datetime.fromisoformat(r["planned_at"]),
                updated_at=datetime.fromisoformat(r["updated_at"]),
                provider_extra=json.loads(r["provider_extra"]),
                written=r["written"],
                edited=bool(r["edited"]),
            )
        return out

    def plan_draft(self, entry: LedgerEntry) -> None:
        """Write the ledger row *before* the provider call: a crash after it is reconciled."""
        with self.transaction():
            self.db.execute(
                """INSERT INTO ledger (key, kind, program, account, recipient, subject,
                   message_id, state, provider_id, reason, needs_detail, planned_at,
                   updated_at, provider_extra, written) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (
                    entry.key,
                    entry.kind,
                    entry.program,
                    entry.account,
                    entry.recipient,
                    entry.subject,
                    entry.message_id,
                    entry.state,
                    entry.provider_id,
                    entry.reason,
                    int(entry.needs_detail),
                    _iso(entry.planned_at),
                    _iso(entry.updated_at),
                    json.dumps(entry.provider_extra),
                    entry.written,
                ),
            )

    def forget_draft(self, key: str) -> None:
        """Drop a planned row whose draft never reached the provider (crash before create)."""
        with self.transaction():
            self.db.execute("DELETE FROM ledger WHERE key = ? AND state = 'planned'", (key,))

    def set_draft_state(
        self,
        key: str,
        state: DraftState,
        now: datetime,
        provider_id: str | None = None,
        provider_extra: dict[str, str] | None = None,
    ) -> None:
        extra = json.dumps(provider_extra) if provider_extra is not None else None
        with self.transaction():
            self.db.execute(
                """UPDATE ledger SET state = ?, updated_at = ?,
                   provider_id = COALESCE(?, provider_id),
                   provider_extra = COALESCE(?, provider_extra) WHERE key = ?""",
                (state, _iso(now), provider_id, extra, key),
            )

    def note_draft(
        self,
        key: str,
        now: datetime,
        *,
        provider_id: str,
        provider_extra: dict[str, str],
        needs_detail: bool,
        edited: bool,
    ) -> None:
        """What a waiting draft is now: where the provider keeps it, whether the detail is
        still to be filled in, whether the user changed it."""
        with self.transaction():
            self.db.execute(
                """UPDATE ledger SET updated_at = ?, provider_id = ?, provider_extra = ?,
                   needs_detail = ?, edited = ? WHERE key = ?""",
                (
                    _iso(now),
                    provider_id,
                    json.dumps(provider_extra),
                    int(needs_detail),
                    int(edited),
                    key,
                ),
            )

    # -- updates recorded with `agent update add` --------------------------------------------

    def add_update(self, update_id: str, text: str, day: date, now: datetime) -> bool:
        with self.transaction():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO updates VALUES (?, ?, ?, ?)",
                (update_id, text, day.isoformat(), _iso(now)),
            )
        return cursor.rowcount == 1

    def remove_update(self, update_id: str) -> bool:
        with self.transaction():
            cursor = self.db.execute("DELETE FROM updates WHERE id = ?", (update_id,))
        return cursor.rowcount == 1

    def updates(self) -> list[tuple[str, date]]:
        return [
            (r["text"], date.fromisoformat(r["date"]))
            for r in self.db.execute("SELECT * FROM updates ORDER BY date, added_at")
        ]

    # -- account health --------------------------------------------------------------------

    def record_pass(self, account: str, now: datetime, error: str | None) -> None:
        with self.transaction():
            self.db.execute("INSERT OR IGNORE INTO accounts (name) VALUES (?)", (account,))
            if error is None:
                self.db.execute(
                    "UPDATE accounts SET last_pass = ?, last_error = NULL WHERE name = ?",
                    (_iso(now), account),
                )
            else:
                self.db.execute(
                    "UPDATE accounts SET last_error = ?, last_error_at = ? WHERE name = ?",
                    (error, _iso(now), account),
                )

    def account_health(self) -> dict[str, AccountHealth]:
        return {
            r["name"]: AccountHealth(
                r["name"], _dt(r["last_pass"]), r["last_error"], _dt(r["last_error_at"])
            )
            for r in self.db.execute("SELECT * FROM accounts")
        }
