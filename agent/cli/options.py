"""What every command shares: the consoles, the --config and --now options, loading the
config and resolving the moment."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from agent import config as config_mod
from agent import paths
from agent.cli.console import LazyConsole, escape
from agent.config import Config
from agent.engine.clock import parse_now, utcnow

# No :emoji: codes: the output prints none on purpose, a name holding one ("Peds:baby:") is
# shown as written, and rich's table of codes is not loaded on each run (~3 ms).
out = LazyConsole(highlight=False, soft_wrap=True, emoji=False)
err = LazyConsole(stderr=True, highlight=False, soft_wrap=True, emoji=False)

CONFIG_HELP = (
    "Config file (TOML). Default: $AGENT_CONFIG, else the platform config dir "
    "(~/.config/residency-agent/config.toml on Linux)."
)
NOW_HELP = (
    "Pretend it is this moment (ISO 8601, e.g. 2026-10-06T09:00; without an offset it is the "
    "applicant's timezone). Replaces the clock for the whole run."
)


def config_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=CONFIG_HELP,
    )(f)


def now_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--now", "now_text", metavar="ISO-8601", default=None, help=NOW_HELP)(f)


def load_config(path: Path | None) -> Config:
    return config_mod.load(path or paths.default_config_path())


def resolve_now(config: Config, text: str | None) -> datetime:
    return parse_now(text, config.applicant.zone) if text else utcnow()


def warn_without_programs(config: Config) -> None:
    if not config.programs:
        err.print(
            "[yellow]note:[/yellow] "
            + escape(
                "the config lists no [[programs]], so no mail is followed up; "
                "`agent init` finds them in your mailbox, or add them by hand"
            )
        )


def output_option(default: str, what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--output/-o FILE`` for commands that write a file; '-' means standard output."""
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
        default=Path(default),
        show_default=f"{default} in the current folder",
        help=f"Where to write {what} (owner-only); '-' writes it to standard output.",
    )


class ReadingProgress:
    """The progress line of each account: messages read so far, and, when a first pull
    knows ahead what it will read, how many in all and about how long it takes. ``bar`` is
    rich's progress display, made by ``start`` at the first news (no ``start``: shown
    nowhere)."""

    def __init__(self, start: Callable[[], Any] | None = None) -> None:
        self.bar: Any = None
        self._start = start
        self.tasks: dict[str, Any] = {}
        self.expected: dict[str, tuple[int, float]] = {}

    def __call__(self, account: str, count: int) -> None:
        self._show(account, f"{account}: {count:,} messages read")
        if account in self.expected:
            total, seconds = self.expected[account]
            self._show(account, f"{account}: {count:,} of {total:,} messages read{_about(seconds)}")

    def expect(self, account: str, total: int, seconds: float) -> None:
        self.expected[account] = (total, seconds)
        self._show(account, f"{account}: first sync of {total:,} messages{_about(seconds)}")

    def _show(self, account: str, text: str) -> None:
        if self.bar is None:
            if self._start is None:
                return
            self.bar, self._start = self._start(), None
        if account not in self.tasks:
            self.tasks[account] = self.bar.add_task(text)
        self.bar.update(self.tasks[account], description=text)


def _about(seconds: float) -> str:
    if seconds < 90:
        return ""
    return f" (about {round(seconds / 60):,} min in all, under the provider's quota)"


@contextmanager
def reading_progress() -> Iterator[ReadingProgress]:
    """A progress line per account while mail is read (on a terminal only): the callback
    the engine calls with (account, messages read so far). The line starts with the first
    news: a pass that reads no mail, or has no terminal, does not even import rich's
    progress display (12 ms of a pass)."""
    with ExitStack() as shown:

        def start() -> Any:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err.real,
                transient=True,
            )
            return shown.enter_context(bar)

        yield ReadingProgress(start if err.is_terminal else None)
