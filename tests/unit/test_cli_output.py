"""What the commands print is what rich prints: the plain lines written without rich to a
stream that is no terminal (agent/cli/console.py) read exactly as rich writes them, and an
:emoji: code in a name stays as it is."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from rich.console import Console
from rich.markup import escape as rich_escape

from agent.cli.console import LazyConsole, escape, plain
from agent.cli.options import err, out

NAMES = [
    "Peds:baby: Residency",
    "St. Mary's [Internal Medicine]",
    "[bold]not a style[/bold] from mail",
    "a [link=https://x.org]link[/link]",
    "back\\slash \\[bold] and trailing \\",
    "tab\there and bell\a",
    "Ünïcödé — “quotes” ✉ → • ✗",
    "[red]",
    "x" * 200,
    "",
]
LINES = [
    *(escape(n) for n in NAMES),
    *(f"[red]✗ {escape(n)}:[/red] {escape(n)}" for n in NAMES),
    *(f"  ✉ {n} — thank-you → {n} (account school)" for n in NAMES),
    "[bold]Drafted 2 follow-up(s):[/bold]",
    "      [dim]promised by Nov 3 in mail of Oct 20 and not arrived: the schedule[/dim]",
    "[yellow]note:[/yellow] the config lists no programs",
    "school: 100 new or changed messages",
    "[/]",
    "[bold]unclosed",
    # Markup rich rejects: the same MarkupError without a terminal as with one.
    "[/bold] closes nothing",
    "[red]✗ name:[/bold] gone",
    "[bold]twice[/bold][/bold]",
]


def _rich_text(lines: list[str], **options: object) -> str:
    written = io.StringIO()
    console = Console(file=written, highlight=False, soft_wrap=True, emoji=False, **options)
    for line in lines:
        console.print(line)
    return written.getvalue()


def test_escape_is_riches() -> None:
    for name in NAMES:
        assert escape(name) == rich_escape(name)


@pytest.mark.parametrize("line", LINES)
def test_a_plain_line_reads_as_rich_writes_it(line: str) -> None:
    text = plain(line)
    if text is not None:
        assert text + "\n" == _rich_text([line])


def test_the_report_lines_take_the_plain_way() -> None:
    assert plain("[bold]Drafted 2 follow-up(s):[/bold]") == "Drafted 2 follow-up(s):"
    assert plain(f"[red]✗ {escape('Peds [IM]')}:[/red] gone") == "✗ Peds [IM]: gone"
    assert plain(escape("[bold]from mail[/bold]")) is None  # escaped: rich reads it


def test_a_console_to_no_terminal_writes_what_rich_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for stderr in (False, True):
        written = io.StringIO()
        monkeypatch.setattr(sys, "stderr" if stderr else "stdout", written)
        console = LazyConsole(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)
        for line in LINES:
            try:
                console.print(line)
            except Exception as exc:  # rich's markup error, as rich raises it
                written.write(f"{type(exc).__name__}\n")
        assert not console.is_terminal
        expected = io.StringIO()
        rich = Console(file=expected, highlight=False, soft_wrap=True, emoji=False)
        for line in LINES:
            try:
                rich.print(line)
            except Exception as exc:
                expected.write(f"{type(exc).__name__}\n")
        assert written.getvalue() == expected.getvalue()


def test_a_pass_report_needs_no_rich_without_a_terminal() -> None:
    script = (
        "import sys\n"
        "import agent.cli.sync\n"
        "from agent.cli.options import out\n"
        "out.print('[bold]Drafted 1 follow-up(s):[/bold]')\n"
        "print('rich' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == "Drafted 1 follow-up(s):\nFalse\n"


def test_the_consoles_print_an_emoji_code_as_written() -> None:
    for console in (out, err):
        with console.capture() as captured:
            console.print("Peds:baby: Residency")
        assert captured.get() == "Peds:baby: Residency\n"
