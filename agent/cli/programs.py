"""`agent programs`: the config's programs and the ones mail shows that are not in it, with
the mail that named them; `agent programs add NAME` appends a found one to the config,
keeping the file's comments and layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from agent import paths
from agent.cli import review
from agent.cli.options import CONFIG_HELP, err, load_config, out
from agent.config import Config
from agent.engine import config_file, setup
from agent.errors import UserError
from agent.facts import program_names as N
from agent.facts.discovery import FoundProgram


def _scan(config: Config) -> list[FoundProgram]:
    def progress(account: str, count: int) -> None:
        if err.is_terminal:
            err.print(f"{account}: {count:,} messages read", end="\r")

    return setup.scan_config(config, progress)


def _config_path(ctx: click.Context, own: Path | None) -> Path | None:
    parent = ctx.parent.params.get("config_path") if ctx.parent else None
    return own or parent


@click.group(invoke_without_command=True)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help=CONFIG_HELP
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def programs(ctx: click.Context, config_path: Path | None, as_json: bool) -> None:
    """The programs in your config, and the ones your mail shows that are not in it."""
    if ctx.invoked_subcommand is not None:
        return
    config = load_config(config_path)
    found = _scan(config)
    listed: dict[str, FoundProgram] = {}
    for f in found:
        program = setup.found_in_config(config, f)
        if program is not None:
            listed.setdefault(program.name, f)
    extra = setup.unlisted(config, found)
    if as_json:
        data = {
            "programs": [
                {
                    "name": p.name,
                    "domains": p.domains,
                    "aliases": p.aliases,
                    "evidence": review.as_json(listed[p.name])["evidence"]
                    if p.name in listed
                    else None,
                }
                for p in config.programs
            ],
            "found": [review.as_json(f) for f in extra],
        }
        click.echo(json.dumps(data, indent=2))
        return
    out.print(f"[bold]In your config ({len(config.programs)}):[/bold]")
    for p in config.programs:
        seen = review.evidence_line(listed[p.name]) if p.name in listed else "no mail found yet"
        out.print(f"  {escape(p.name)} — {escape(seen)}")
    if not extra:
        out.print("No other program found in your mail.")
        return
    out.print(f"[bold]Found in your mail, not in the config ({len(extra)}):[/bold]")
    for f in extra:
        review.show(f, out.real)
        out.print(f"   `agent programs add {_quoted(f.name)}` to follow it")


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "'\\''") + "'"


def _pick(found: list[FoundProgram], name: str) -> FoundProgram:
    wanted = name.strip().lower()
    exact = [f for f in found if f.name.lower() == wanted or wanted in map(str.lower, f.aliases)]
    close = exact or [f for f in found if N.same_program(f.name, name)]
    if len(close) == 1:
        return close[0]
    names = ", ".join(repr(f.name) for f in (close or found)) or "none"
    what = "matches several" if close else "is not among the programs found in your mail"
    raise UserError(f"{name!r} {what} (found: {names}); `agent programs` lists them")


@programs.command()
@click.argument("name")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help=CONFIG_HELP
)
@click.pass_context
def add(ctx: click.Context, name: str, config_path: Path | None) -> None:
    """Append a program found in your mail to the config (comments and layout kept)."""
    path = _config_path(ctx, config_path) or paths.default_config_path()
    config = load_config(path)
    for program in config.programs:
        if name.strip().lower() in {n.lower() for n in (program.name, *program.aliases)}:
            raise UserError(f"{program.name!r} is already in the config ({path})")
    found = _pick(setup.unlisted(config, _scan(config)), name)
    text = config_file.append_program(path.read_text(encoding="utf-8"), config_file.draft_of(found))
    config_file.replace(path, text)
    summary: dict[str, Any] = review.as_json(found)
    out.print(f"Added {escape(found.name)} to {path}.")
    if summary["interviewers"]:
        out.print("Add your notes on each interviewer there (`notes = ...`) before the thank-yous.")
    out.print("`agent sync` reads its mail on the next pass.")
