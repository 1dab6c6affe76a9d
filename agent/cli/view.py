"""`agent view`: the season as one self-contained HTML page."""

from __future__ import annotations

import sys
import webbrowser
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
from agent.views.files import save
from agent.views.page import page


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@click.command("view")
@config_option
@now_option
@output_option("season.html", "the page")
@click.option(
    "--open/--no-open",
    "open_page",
    default=None,
    help="Open the page in your web browser. Default: open it when run from a terminal, "
    "never from a script, cron or a pipe.",
)
def view(
    config_path: Path | None, now_text: str | None, output: Path, open_page: bool | None
) -> None:
    """Your season as one HTML page that works offline: what needs you now, and per
    program a timeline of the interview, the thank-you window and its drafts, promises and
    their due days, letters and deadlines, with the reason and decision trail of each
    follow-up. No scripts, nothing loaded from the network; fits a phone. Read-only on
    your mail and state; `agent run` keeps season.html current in the state folder."""
    config = load_config(config_path)
    data = page(dashboard(config, resolve_now(config, now_text)), config)
    if str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    save(output, data)
    out.print(escape(f"wrote {output}"))
    wanted = open_page if open_page is not None else _interactive()
    if wanted and not webbrowser.open(output.resolve().as_uri()):
        out.print(escape(f"no web browser found; open {output.resolve()} yourself"))
