"""`agent update`: news for the programs that interviewed you."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from agent.cli.options import config_option, load_config, now_option, out, resolve_now
from agent.engine.clock import utcnow


@click.group()
def update() -> None:
    """Real news for the programs that interviewed you (a publication, an award, a Step 2
    CK score). The next pass drafts one update letter per program that interviewed you
    before the news and does not ask for no contact, in its latest thread with the program
    director or coordinator; at most one purposeful message per program every 14 days."""


@update.command("add")
@click.argument("text")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="When the news happened (YYYY-MM-DD). Default: today.",
)
@config_option
def update_add(text: str, day: datetime | None, config_path: Path | None) -> None:
    """Record TEXT as news, e.g. agent update add "My abstract on sepsis bundles was
    accepted for presentation at SHM 2027"."""
    from agent.engine.updates import add_update

    config = load_config(config_path)
    when = day.date() if day else utcnow().astimezone(config.applicant.zone).date()
    added = add_update(config, text, when, utcnow())
    out.print(
        f"Recorded the update of {when:%b %-d}." if added else "That update was already recorded."
    )
    out.print("The next `agent sync` drafts the letters; `agent update list` shows them.")


@update.command("list")
@config_option
@now_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def update_list(config_path: Path | None, now_text: str | None, as_json: bool) -> None:
    """The recorded updates and, per program, the state of each update letter."""
    from agent.engine.status import dashboard
    from agent.engine.updates import recorded_updates

    config = load_config(config_path)
    now = resolve_now(config, now_text)
    updates = recorded_updates(config)
    board = dashboard(config, now)
    letters = [(p.name, a) for p in board.programs for a in p.followups if a.kind == "update"]
    if as_json:
        data = {
            "updates": [{"date": u.date.isoformat(), "text": u.text} for u in updates],
            "letters": [
                {"program": name, "who": a.who, "state": a.state, "note": a.note}
                for name, a in letters
            ],
        }
        click.echo(json.dumps(data, indent=2))
        return
    if not updates:
        out.print('No updates recorded. Add one with `agent update add "TEXT"`.')
    for u in updates:
        out.print(f"{u.date:%Y-%m-%d}  {u.text}")
    for name, a in letters:
        out.print(f"  {name} → {a.who}: {a.state}" + (f" ({a.note})" if a.note else ""))
