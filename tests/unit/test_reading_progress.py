"""The progress line of `agent sync` and `agent init` while mail is read."""

from __future__ import annotations

import io

from rich.console import Console
from rich.progress import Progress, TextColumn

from agent.cli.options import ReadingProgress
from tests.support.imports import imported


def _line(progress: ReadingProgress, account: str) -> str:
    return str(progress.bar.tasks[progress.tasks[account]].description)


def test_a_first_sync_shows_its_size_and_how_long_it_takes() -> None:
    console = Console(file=io.StringIO(), force_terminal=True)
    with Progress(TextColumn("{task.description}"), console=console) as bar:
        progress = ReadingProgress(lambda: bar)
        progress("school", 500)
        assert _line(progress, "school") == "school: 500 messages read"
        progress.expect("gmail", 20_000, 410.0)
        assert _line(progress, "gmail") == (
            "gmail: first sync of 20,000 messages (about 7 min in all, under the provider's quota)"
        )
        progress("gmail", 1_500)
        assert _line(progress, "gmail").startswith("gmail: 1,500 of 20,000 messages read (about 7")
        progress.expect("small", 40, 2.0)
        progress("small", 10)
        assert _line(progress, "small") == "small: 10 of 40 messages read"  # quick: no estimate


def test_the_line_starts_with_the_first_news_and_is_shown_nowhere_without_a_terminal() -> None:
    console = Console(file=io.StringIO(), force_terminal=True)
    started: list[Progress] = []

    def start() -> Progress:
        started.append(Progress(TextColumn("{task.description}"), console=console))
        return started[-1]

    progress = ReadingProgress(start)
    assert started == []  # nothing read yet: no line, no progress display made
    progress("school", 3)
    progress.expect("gmail", 40, 2.0)
    assert len(started) == 1 and progress.bar is started[0]
    assert _line(progress, "school") == "school: 3 messages read"
    assert _line(progress, "gmail") == "gmail: first sync of 40 messages"
    nowhere = ReadingProgress()
    nowhere("school", 3)
    nowhere.expect("gmail", 40, 2.0)
    assert nowhere.bar is None and nowhere.tasks == {}


def test_a_pass_without_a_terminal_does_not_import_the_progress_display() -> None:
    script = (
        "from agent.cli.options import reading_progress\n"
        "with reading_progress() as progress:\n"
        "    progress('school', 100)\n"
    )
    assert imported(script, ["rich.progress"]) == []
