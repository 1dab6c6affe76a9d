"""`agent update`: news for the programs that interviewed you."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from agent import config as config_mod
from agent import paths
from agent.cli.options import config_option, load_config, now_option, out, resolve_now
from agent.engine.clock import utcnow


def _cadence_days() -> str:
    """The configured cadence for the help text; the default when no config can be read."""
    try:
        days = config_mod.load(paths.default_config_path()).rules.cadence_days
    except Exception:  # help must print whatever state the config is in
        return f"{config_mod.Rules().cadence_days} days ([rules] cadence_days)"
    return f"{days} days (your [rules] cadence_days)"


class _UpdateGroup(click.Group):
    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = (self.help or "").replace("{cadence}", _cadence_days())
        super().format_help_text(ctx, formatter)


@click.group(cls=_UpdateGroup)
def update() -> None:
    """Real news for the programs that interviewed you (a publication, an award, a Step 2
    CK score). The next pass drafts one update letter per program that interviewed you
    before the news and does not ask for no contact, in its latest thread with the program
    director or coordinator; at most one purposeful message (update or inquiry) per
    program every {cadence}."""


def _text(ctx: click.Context, param: click.Parameter, value: str) -> str:
    text = " ".join(value.split())
    if len(text) < 3:
        raise click.BadParameter(
            "the news is empty; write what happened, e.g. "
            '"My abstract on sepsis bundles was accepted at SHM 2027"',
            ctx,
            param,
        )
    return text


@update.command("add")
@click.argument("text", callback=_text)
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


@update.command("remove")
@click.argument("number", type=click.IntRange(min=1))
@config_option
def update_remove(number: int, config_path: Path | None) -> None:
    """Forget update NUMBER (as numbered by `agent update list`). Letters already drafted
    stay in your Drafts folder; no new ones are drafted for it."""
    from agent.engine.updates import recorded_updates, remove_update

    config = load_config(config_path)
    updates = recorded_updates(config)
    if number > len(updates):
        raise click.BadParameter(
            f"there are {len(updates)} update(s); `agent update list` numbers them",
            param_hint="NUMBER",
        )
    chosen = updates[number - 1]
    if chosen.in_config:
        raise click.UsageError(
            f"update {number} is written in the config file ([[updates]] of "
            f"{chosen.update.date}); remove it there"
        )
    remove_update(config, chosen.update)
    out.print(f"Removed update {number}: {chosen.update.text}")


@update.command("list")
@config_option
@now_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def update_list(config_path: Path | None, now_text: str | None, as_json: bool) -> None:
    """The recorded updates, numbered, and per program the state of each update letter."""
    from agent.engine.status import dashboard
    from agent.engine.updates import recorded_updates

    config = load_config(config_path)
    now = resolve_now(config, now_text)
    updates = recorded_updates(config)
    board = dashboard(config, now)
    letters = [(p.name, a) for p in board.programs for a in p.followups if a.kind == "update"]
    if as_json:
        data = {
            "updates": [
                {
                    "number": i,
                    "date": r.update.date.isoformat(),
                    "text": r.update.text,
                    "in_config": r.in_config,
                }
                for i, r in enumerate(updates, 1)
            ],
            "letters": [
                {"program": name, "who": a.who, "state": a.state, "note": a.note}
                for name, a in letters
            ],
        }
        click.echo(json.dumps(data, indent=2))
        return
    if not updates:
        out.print('No updates recorded. Add one with `agent update add "TEXT"`.')
    for i, r in enumerate(updates, 1):
        where = " (in the config)" if r.in_config else ""
        out.print(f"{i}. {r.update.date:%Y-%m-%d}  {r.update.text}{where}")
    for name, a in letters:
        out.print(f"  {name} → {a.who}: {a.state}" + (f" ({a.note})" if a.note else ""))
