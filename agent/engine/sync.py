"""One sync pass: the only code that touches both a connector and the store.

pull every account -> record mail and cursor together -> reconcile the ledger with the
drafts that still exist -> plan (pure) -> for each action: ledger row first, then the
provider call, then the row marked created. A crash anywhere leaves a state the next pass
completes without duplicating a draft.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from agent.config import Config, Program
from agent.drafts.render import CreateDraft, Renderer
from agent.engine import newcomers, snapshot
from agent.engine.prefilter import pull_filter
from agent.engine.pull_search import search_terms
from agent.engine.store import Store
from agent.facts.matching import Matcher
from agent.facts.season import Season
from agent.plan import Plan, plan, reconcile
from agent.rules.followup import LedgerEntry
from connectors.base import DraftRef, MailConnector, MailMessage, PullRequest
from connectors.draft_match import words_digest
from connectors.errors import AccountMisconfigured, AuthError, ConnectorError
from connectors.prefilter import HeaderFilter
from connectors.registry import open_connector

log = logging.getLogger(__name__)
# Marks a log record whose news `agent sync` also prints in its report: its stderr shows it
# once; the daemon, which prints no report, logs it as usual.
REPORTED = {"reported": True}

ConnectorFactory = Callable[[Config, str], MailConnector]


def default_connector(config: Config, account: str) -> MailConnector:
    return open_connector(config.account(account), config.agent.state_dir)


@dataclass
class AccountResult:
    name: str
    pulled: int = 0
    full: bool = False
    error: str | None = None
    auth_failed: bool = False
    misconfigured: bool = False  # the account's settings are wrong: exit status 2


@dataclass
class PassReport:
    now: datetime
    dry_run: bool
    accounts: list[AccountResult] = field(default_factory=list)
    plan: Plan | None = None
    season: Season | None = None  # as this pass read it
    written: list[CreateDraft] = field(default_factory=list)
    # Due drafts already in the Drafts folder though the ledger did not know them (a lost or
    # restored state): recorded, not written again.
    found: list[CreateDraft] = field(default_factory=list)
    failed: list[tuple[CreateDraft, str]] = field(default_factory=list)
    ledger_changes: list[tuple[str, str]] = field(default_factory=list)  # (key, new state)

    @property
    def ok(self) -> bool:
        return not self.failed and all(a.error is None for a in self.accounts)


def state_path(config: Config) -> Path:
    return config.agent.state_dir / "state.sqlite3"


def run_pass(
    config: Config,
    store: Store,
    now: datetime,
    *,
    dry_run: bool = False,
    connect: ConnectorFactory = default_connector,
    progress: Callable[[str, int], None] | None = None,
) -> PassReport:
    report = PassReport(now, dry_run)
    matcher = Matcher(config)
    since = None
    if config.agent.season_start is not None:
        start = config.agent.season_start
        since = datetime(start.year, start.month, start.day, tzinfo=config.applicant.zone)
    connectors: dict[str, MailConnector] = {}
    unsaved: dict[str, list[MailMessage]] = {}
    fingerprint = matcher.fingerprint()
    reread = store.meta("matching") != fingerprint
    # Mail that arrived before a program was added was read without its body: read again,
    # for the programs that changed only when the state says which they are.
    changed = _changed_programs(store, matcher) if reread else None
    if reread and changed is None and not dry_run:
        log.info("the programs in the config changed; reading every account in full")
        store.restart_reading(fingerprint, _matching(matcher))
    elif changed is not None:
        log.info("programs changed: reading every account again for %d of them", len(changed))
    newcomer = newcomers.candidate(config)
    try:
        for account in config.accounts:
            result = AccountResult(account.name)
            report.accounts.append(result)
            try:
                connector = connect(config, account.name)
                cursor = None if reread and changed is None else store.cursor(account.name)
                request = PullRequest(
                    since=since,
                    # Program mail, and mail that may name a program not in the config.
                    wants_body=lambda m: matcher.is_program_mail(m) or newcomer(m),
                    progress=_progress_for(account.name, progress),
                    expect=_expect_for(account.name, progress),
                    header_filter=pull_filter(matcher),
                    search=search_terms(matcher),
                    # Read again for the changed programs: what is kept need not be.
                    kept=store.kept_ids(account.name) if reread else frozenset(),
                )
                pulled = connector.pull(cursor, request)
                messages = list(pulled.messages)
                if changed:  # every message again, for what the changed programs claim
                    messages += connector.pull(None, _backfill(config, changed, request)).messages
                result.pulled, result.full = len(messages), pulled.full or bool(changed)
                # Only program mail is kept: the rules need nothing else.
                wanted = [m for m in messages if m.body is not None and matcher.is_program_mail(m)]
                if dry_run:
                    unsaved[account.name] = wanted
                else:
                    last = newcomers.previous_pass(store, account.name)
                    newcomers.record(config, store, account.name, pulled.messages, last, now)
                    pulled.save()  # what the cursor names, before the cursor
                    store.record_pull(account.name, wanted, pulled.cursor, now)
                connectors[account.name] = connector
            except ConnectorError as exc:
                result.error, result.auth_failed = str(exc), isinstance(exc, AuthError)
                result.misconfigured = isinstance(exc, AccountMisconfigured)
                log.error("account %s: %s", account.name, exc, extra=REPORTED)
                if not dry_run:
                    store.record_pass(account.name, now, str(exc))

        if changed is not None and not dry_run and all(r.error is None for r in report.accounts):
            store.note_matching(fingerprint, _matching(matcher))
        season = report.season = snapshot.read_mail(config, store, unsaved)
        listed = _reconcile(store, season, connectors, report, dry_run)
        report.plan = plan(config, snapshot.load(store, season), now, Renderer(config))
        if not dry_run:
            snapshot.persist_learned(store, report.plan.facts, report.plan.sightings, now)
        for problem in report.plan.problems:
            log.error("%s", problem, extra=REPORTED)
        _list_before_writing(store, connectors, report, listed)
        if not dry_run:
            _execute(config, store, connectors, report, now, listed)
            for result in report.accounts:
                if result.error is None:
                    store.record_pass(result.name, now, None)
    finally:
        for connector in connectors.values():
            connector.close()
    return report


def _matching(matcher: Matcher) -> dict[str, object]:
    """What tells program mail apart: the applicant's addresses (mail between them and a
    program's domain is no program's) and what makes each program's mail its own."""
    return {"me": sorted(matcher.me), "programs": matcher.program_parts()}


def _changed_programs(store: Store, matcher: Matcher) -> list[Program] | None:
    """The programs whose mail is told apart otherwise than when the mailbox was last read;
    None when every program's may be (the applicant's addresses changed) or the state does
    not say: read everything again."""
    try:
        before = json.loads(store.meta("matching_programs") or "")
    except ValueError:
        return None
    if not isinstance(before, dict) or before.get("me") != sorted(matcher.me):
        return None
    programs = before.get("programs")
    if not isinstance(programs, dict):
        return None
    parts = matcher.program_parts()
    # Empty when programs were only removed or reordered: nothing to read again.
    return [p for p in matcher.config.programs if programs.get(p.name) != parts[p.name]]


def _backfill(config: Config, changed: list[Program], request: PullRequest) -> PullRequest:
    """The pull that reads the whole mailbox again for the changed programs' mail only."""
    narrow = Matcher(config.model_copy(update={"programs": changed}))
    return replace(
        request,
        header_filter=HeaderFilter(narrow.header_terms()),
        search=search_terms(narrow),
        progress=None,
        expect=None,
    )


def _progress_for(
    account: str, progress: Callable[[str, int], None] | None
) -> Callable[[int], None] | None:
    if progress is None:
        return None
    return lambda count: progress(account, count)


def _expect_for(
    account: str, progress: Callable[[str, int], None] | None
) -> Callable[[int, float], None] | None:
    """A progress callback may also take what a first pull expects: (account, messages,
    seconds) through its ``expect``."""
    expect = getattr(progress, "expect", None)
    if expect is None:
        return None
    return lambda total, seconds: expect(account, total, seconds)


def _reconcile(
    store: Store,
    season: Season,
    connectors: dict[str, MailConnector],
    report: PassReport,
    dry_run: bool,
) -> dict[str, dict[str, DraftRef]]:
    """Bring the ledger up to date with the drafts that still exist; the listings made
    (account -> key -> draft) are handed on so no account is listed twice in a pass."""
    listed: dict[str, dict[str, DraftRef]] = {}
    pending = _pending(store, connectors)
    for account, entries in pending.items():
        present = _list(connectors[account], entries)
        if present is None:
            continue
        listed[account] = {ref.key: ref for ref in present}
        changes, waiting = reconcile(entries, present, season)
        for change in changes:
            report.ledger_changes.append((change.key, change.state or "forgotten"))
            if dry_run:
                continue
            if change.state is None:
                store.forget_draft(change.key)
            else:
                store.set_draft_state(
                    change.key, change.state, report.now, change.provider_id, change.provider_extra
                )
        for draft in [] if dry_run else waiting:
            store.note_draft(
                draft.key,
                report.now,
                provider_id=draft.provider_id,
                provider_extra=draft.provider_extra,
                needs_detail=draft.needs_detail,
                edited=draft.edited,
            )
    return listed


def _pending(store: Store, connectors: dict[str, MailConnector]) -> dict[str, list[LedgerEntry]]:
    pending: dict[str, list[LedgerEntry]] = {}
    for entry in store.ledger().values():
        if entry.state in ("planned", "created") and entry.account in connectors:
            pending.setdefault(entry.account, []).append(entry)
    return pending


def _list(connector: MailConnector, entries: list[LedgerEntry]) -> list[DraftRef] | None:
    # Subject and recipient let a connector recognise a draft whose marker a client dropped.
    known = [
        DraftRef(
            e.key,
            e.provider_id,
            e.message_id,
            e.provider_extra,
            subject=e.subject,
            to=(e.recipient,),
        )
        for e in entries
        if e.provider_id
    ]
    try:
        return connector.list_agent_drafts(known)
    except ConnectorError as exc:
        log.error("account %s: cannot list drafts: %s", connector.name, exc)
        return None


def _list_before_writing(
    store: Store,
    connectors: dict[str, MailConnector],
    report: PassReport,
    listed: dict[str, dict[str, DraftRef]],
) -> None:
    """Before the first draft of a pass goes to an account, know the agent's drafts already
    there: with a lost or restored state the ledger does not, and a due draft that is
    already in Drafts must be recorded, not written twice."""
    assert report.plan is not None
    accounts = {a.followup.account for a in report.plan.actions} - set(listed)
    pending = _pending(store, connectors)
    for account in accounts & set(connectors):
        present = _list(connectors[account], pending.get(account, []))
        if present is not None:
            listed[account] = {ref.key: ref for ref in present}
    report.found = [
        a for a in report.plan.actions if a.followup.key in listed.get(a.followup.account, {})
    ]


def _execute(
    config: Config,
    store: Store,
    connectors: dict[str, MailConnector],
    report: PassReport,
    now: datetime,
    listed: dict[str, dict[str, DraftRef]],
) -> None:
    assert report.plan is not None
    for action in report.plan.actions:
        followup = action.followup
        connector = connectors.get(followup.account)
        if connector is None:
            continue  # that account failed this pass; the follow-up stays due for the next
        if followup.account not in listed:
            # Its drafts could not be listed: writing now could duplicate one; next pass.
            report.failed.append((action, "could not check the Drafts folder first"))
            continue
        store.plan_draft(
            LedgerEntry(
                key=followup.key,
                kind=followup.kind,
                program=followup.program,
                account=followup.account,
                recipient=followup.recipient.email,
                subject=action.draft.subject,
                message_id=action.draft.message_id,
                state="planned",
                provider_id=None,
                reason=followup.reason,
                needs_detail=followup.needs_detail,
                planned_at=now,
                updated_at=now,
                written=words_digest(action.draft.text),
            )
        )
        there = listed[followup.account].get(followup.key)
        if there is not None:
            store.set_draft_state(followup.key, "created", now, there.provider_id, there.extra)
            log.info("found %s already in Drafts; recorded it", followup.key)
            continue
        try:
            ref = connector.create_draft(action.draft)
        except ConnectorError as exc:
            # The row stays planned: the next pass finds the draft by its marker or retries.
            report.failed.append((action, str(exc)))
            log.error(
                "account %s: draft for %s failed: %s",
                followup.account,
                followup.key,
                exc,
                extra=REPORTED,
            )
            continue
        store.set_draft_state(followup.key, "created", now, ref.provider_id, ref.extra)
        report.written.append(action)
        log.info("drafted %s (%s)", followup.key, followup.kind)
