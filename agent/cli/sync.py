"""What the CLI commands do, as plain functions (the CLI only parses and prints)."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date, datetime

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from agent.config import Config, Update
from agent.dashboard import Dashboard, build
from agent.drafts.render import Renderer
from agent.engine.lock import StateLock
from agent.engine.store import Store
from agent.engine.sync import PassReport, run_pass, state_path
from agent.facts.memo import RULES, Memo
from agent.facts.season import read_season
from agent.plan import plan
from agent.rules.letters import update_id


def run_sync(config: Config, now: datetime, *, dry_run: bool, out: Console, err: Console) -> bool:
    path = state_path(config)
    # A dry run writes nothing, not even the lock: it reads the state as `agent status` does.
    with nullcontext() if dry_run else StateLock(config.agent.state_dir):
        if dry_run:
            store = Store(path, readonly=True) if path.exists() else Store(None)
        else:
            store = Store(path)
        try:
            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err,
                transient=True,
                disable=not err.is_terminal,
            ) as bar:
                tasks: dict[str, TaskID] = {}

                def progress(account: str, count: int) -> None:
                    if account not in tasks:
                        tasks[account] = bar.add_task(f"reading {account}")
                    bar.update(tasks[account], description=f"{account}: {count:,} messages read")

                report = run_pass(config, store, now, dry_run=dry_run, progress=progress)
        finally:
            store.close()
    print_report(report, config, out, err)
    return report.ok


def _when(value: datetime, config: Config) -> str:
    return value.astimezone(config.applicant.zone).strftime("%a %b %-d %-I:%M %p %Z")


def print_report(report: PassReport, config: Config, out: Console, err: Console) -> None:
    for account in report.accounts:
        if account.error:
            err.print(f"[red]✗ {account.name}:[/red] {account.error}")
        else:
            kind = " (full read)" if account.full else ""
            out.print(f"{account.name}: {account.pulled} new or changed messages{kind}")
    for key, state in report.ledger_changes:
        meaning = {
            "sent": "you sent it",
            "dismissed": "you deleted the draft; it will not be recreated",
            "created": "found after an interrupted pass",
            "forgotten": "was never written; it will be drafted again if still due",
        }
        out.print(f"  {key}: {meaning.get(state, state)}")
    assert report.plan is not None
    actions = report.plan.actions if report.dry_run else report.written
    verb = "Would draft" if report.dry_run else "Drafted"
    if actions:
        out.print(f"[bold]{verb} {len(actions)} follow-up(s):[/bold]")
    for action in actions:
        f = action.followup
        out.print(f"  ✉ {f.program} — {f.kind} → {f.recipient} (account {f.account})")
        out.print(f"      [dim]{f.reason}[/dim]")
        if f.needs_detail:
            out.print(
                "      [yellow]needs your detail:[/yellow] replace the [[ADD DETAIL: …]] "
                "line in the draft before sending"
            )
    for action, problem in report.failed:
        err.print(f"[red]✗ could not draft {action.followup.key}:[/red] {problem}")
    for problem in report.plan.problems:
        err.print(f"[red]✗ {problem}[/red]")
    if not actions and not report.failed:
        out.print("Nothing is due right now.")
    upcoming = [(a.at, a) for a in report.plan.assessments if a.state == "upcoming" and a.at]
    if upcoming:
        at, item = min(upcoming, key=lambda pair: pair[0])
        out.print(f"Next: {item.kind} to {item.who} ({item.program}) at {_when(at, config)}.")
    if report.dry_run:
        out.print("[dim]Dry run: no draft and no state was written.[/dim]")


def dashboard(config: Config, now: datetime) -> Dashboard:
    path = state_path(config)
    store = Store(path, readonly=True) if path.exists() else Store(None)
    try:
        season = read_season(config, store.messages())
        updates = [Update(text=t, date=d) for t, d in store.updates()]
        # The full plan, not just the rules: drafts the lint would block show as blocked.
        memo = Memo(store.facts(RULES))  # read, never written: status is read-only
        result = plan(
            config,
            season,
            store.ledger(),
            store.first_seen(),
            now,
            Renderer(config),
            updates,
            memo,
        )
        return build(config, season, result.assessments, store.account_health(), now)
    finally:
        store.close()


def recorded_updates(config: Config) -> list[Update]:
    """Updates from the config and from `agent update add`, oldest first."""
    stored: list[Update] = []
    path = state_path(config)
    if path.exists():
        store = Store(path, readonly=True)
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
