"""Run the real `agent` command in a subprocess, as the user would, and make folders and
files read-only or full for real: with chmod for an ordinary user, and (root ignores
permissions) with a read-only bind mount or a small tmpfs when the tests run as root."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def clean(self) -> bool:
        """No traceback, and a known exit status."""
        return "Traceback" not in self.err + self.out and self.code in (0, 1, 2)


def agent(*args: str, cwd: Path | None = None) -> Result:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "AGENT_LOCK_WAIT_SECONDS": "1"}
    env.pop("AGENT_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "agent", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mount {' '.join(args)} is not possible here: {done.stderr.strip()}")


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` (a folder or a file) cannot be written while the block runs."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        os.chmod(path, 0o500 if path.is_dir() else 0o400)
        try:
            yield
        finally:
            os.chmod(path, mode)
        return
    _mount("--bind", str(path), str(path))
    try:
        _mount("-o", "remount,ro,bind", str(path))
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@contextmanager
def small_disk(path: Path, size_kb: int) -> Iterator[Path]:
    """A folder on a file system of ``size_kb`` KiB (root only: a tmpfs)."""
    if os.geteuid() != 0:
        pytest.skip("a small file system needs root (mount -t tmpfs)")
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(path))
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
