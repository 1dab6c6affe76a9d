"""Owner-only files: the state dir is 0700; tokens, state and logs are 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def private_dir(path: Path) -> Path:
    """``path``, made if need be, readable by the owner only; a folder above it that is made
    too is owner-only as well (as the XDG base directory spec asks). A shared directory
    (sticky, as /tmp is) is left as it is: making it private would lock every other user
    out, and what the agent writes there is owner-only file by file."""
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):  # mkdir(parents=True) would make the parents 0755
        folder.mkdir(mode=0o700, exist_ok=True)
    if not path.stat().st_mode & stat.S_ISVTX:
        os.chmod(path, 0o700)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``, readable by the owner only."""
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
