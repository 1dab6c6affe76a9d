"""What a fresh interpreter imports: for tests that a command loads only what it uses."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterable


def imported(script: str, packages: Iterable[str]) -> list[str]:
    """Those of ``packages`` ("rich", or a module "rich.progress") a fresh interpreter has
    imported, sorted, once it has run ``script`` with standard input not a terminal."""
    wanted = sorted(set(packages))
    probe = (
        f"{script}\n"
        "import sys as _sys\n"
        f"print([p for p in {wanted!r} "
        "if any(m == p or m.startswith(p + '.') for m in _sys.modules)])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found: list[str] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return found
