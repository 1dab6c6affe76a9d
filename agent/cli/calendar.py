"""`agent calendar`: the season as an iCalendar file for calendar apps."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape

from agent.cli.options import (
    config_option,
    load_config,
    now_option,
    out,
    output_option,
    resolve_now,
)
from agent.engine.status import dashboard


@click.command("calendar")
@config_option
@now_option
@output_option("season.ics", "the file")
def calendar(config_path: Path | None, now_text: str | None, output: Path) -> None:
    """Your season as an iCalendar file (RFC 5545) to import into a calendar app or
    subscribe to: per program the interview in its own timezone, the thank-you window with
    an alarm 3 hours before it closes, each promised item's due day and the moment the
    agent asks about it, the letter of intent; and the rank list deadline. Importing it
    again updates the events instead of duplicating them. Read-only on your mail and
    state; `agent run` keeps season.ics current in the state folder."""
    # Imported here: the iCalendar library is not loaded for every other command.
    from agent.views.calendar import calendar as season_calendar
    from agent.views.files import previous, save

    config = load_config(config_path)
    board = dashboard(config, resolve_now(config, now_text))
    if str(output) == "-":
        data = season_calendar(board, config)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    data = season_calendar(board, config, previous(output))
    save(output, data)
    events = data.count(b"BEGIN:VEVENT")
    out.print(escape(f"wrote {output}: {events} events; import it or subscribe to it"))
