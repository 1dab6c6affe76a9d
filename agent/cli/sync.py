"""`agent sync`: one pass now, with progress while mail is read, and its report."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path

import click

from agent.cli.console import LazyConsole, escape
from agent.cli.options import (
    config_option,
    err,
    load_config,
    now_option,
    out,
    reading_progress,
    resolve_now,
    warn_without_programs,
)
from agent.config import Config
from agent.engine import newcomers
from agent.engine.lock import StateLock
from agent.engine.notices import needs_you_once
from agent.engine.store import Store
from agent.engine.sync import PassReport, run_pass, state_path


def run_sync(
    config: Config, now: datetime, *, dry_run: bool, out: LazyConsole, err: LazyConsole
) -> int:
    """One pass and its report; the exit status: 0, 1 (a failure this pass), 2 (an
    account's settings are wrong)."""
    path = state_path(config)
    # A dry run writes nothing, not even the lock: it reads the state as `agent status` does.
    with nullcontext() if dry_run else StateLock(config.agent.state_dir):
        if dry_run:
            store = Store(path, readonly=True) if path.exists() else Store(None)
        else:
            store = Store(path)
        try:
            with reading_progress() as progress:
                report = run_pass(config, store, now, dry_run=dry_run, progress=progress)
            notices = [] if dry_run else newcomers.take_notices(config, store, now)
            unread = []
            if report.season is not None:
                unread = needs_you_once(store, report.season, remember=not dry_run)
        finally:
            store.close()
    print_report(report, config, out, err)
    for notice in notices:  # programs not in the config that wrote (said once)
        out.print(escape(notice))
    if unread:  # mail the agent could not read (said once; `agent status` keeps them)
        out.print("[bold]Needs you:[/bold]")
        for line in unread:
            out.print(f"  • {escape(line)}")
    if any(a.misconfigured for a in report.accounts):
        return 2
    return 0 if report.ok else 1


def _when(value: datetime, config: Config) -> str:
    return value.astimezone(config.applicant.zone).strftime("%a %b %-d %-I:%M %p %Z")


def print_report(report: PassReport, config: Config, out: LazyConsole, err: LazyConsole) -> None:
    for account in report.accounts:
        if account.error:
            err.print(f"[red]✗ {escape(account.name)}:[/red] {escape(account.error)}")
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
    found = {a.followup.key for a in report.found}
    if found:
        out.print(
            f"Found {len(found)} due draft(s) already in your Drafts folder that the state did "
            "not know (a new or restored state folder); recorded them, wrote none again."
        )
    planned = [a for a in report.plan.actions if a.followup.key not in found]
    actions = planned if report.dry_run else report.written
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
        err.print(f"[red]✗ could not draft {escape(action.followup.key)}:[/red] {escape(problem)}")
    for problem in report.plan.problems:
        err.print(f"[red]✗ {escape(problem)}[/red]")
    if not actions and not report.failed:
        out.print("Nothing is due right now.")
    upcoming = [(a.at, a) for a in report.plan.assessments if a.state == "upcoming" and a.at]
    if upcoming:
        at, item = min(upcoming, key=lambda pair: pair[0])
        out.print(f"Next: {item.kind} to {item.who} ({item.program}) at {_when(at, config)}.")
    if report.dry_run:
        out.print("[dim]Dry run: no draft and no state was written.[/dim]")


@click.command()
@config_option
@now_option
@click.option("--dry-run", is_flag=True, help="Show the plan; write no draft and no state.")
def sync(config_path: Path | None, now_text: str | None, dry_run: bool) -> None:
    """Read new mail, then draft every follow-up that is due.

    Safe to run any number of times: a follow-up is drafted at most once, a draft you
    deleted is never recreated, and a note you sent yourself counts as done.
    """
    config = load_config(config_path)
    now = resolve_now(config, now_text)
    warn_without_programs(config)
    if now_text and not dry_run:
        _confirm_time_travel(config, now)
    code = run_sync(config, now, dry_run=dry_run, out=out, err=err)
    if code:
        sys.exit(code)  # every problem was printed once in the report above


def _confirm_time_travel(config: Config, now: datetime) -> None:
    """--now without --dry-run writes drafts and state as of another moment: on a terminal
    ask first; in a script say so (scripts and tests use it on purpose)."""
    moment = now.astimezone(config.applicant.zone).strftime("%a %b %-d %Y %-I:%M %p %Z")
    what = f"drafts and state will be written as of {moment}, not now"
    if sys.stdin.isatty() and sys.stderr.isatty():
        click.confirm(f"--now without --dry-run: {what}. Go on?", abort=True, err=True)
    else:
        err.print(f"[yellow]note:[/yellow] --now without --dry-run: {what}.")
