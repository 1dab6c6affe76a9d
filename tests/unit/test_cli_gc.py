"""What a command imports is set apart from the cyclic garbage collector once it is imported
(agent/cli/main.py): once a process, so what the command makes later is collected as usual."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc
import click
from agent.cli.main import cli

ctx = click.Context(cli)
before = gc.get_freeze_count()
cli.get_command(ctx, "status")
settled = gc.get_freeze_count()
garbage = [[i] for i in range(1000)]  # made after: must stay within the collector's reach
cli.get_command(ctx, "sync")
print(before, settled > 1000, gc.get_freeze_count() == settled, gc.get_threshold()[0])
"""


def test_a_commands_imports_are_frozen_once_and_what_follows_is_not() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=True
    )
    # The young generation is large (agent/cli/__init__.py): a run's lasting objects are
    # not walked again every 700 allocations.
    assert done.stdout.split() == ["0", "True", "True", "50000"]
