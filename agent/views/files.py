"""Files the applicant asked for (`agent calendar -o`, `agent view -o`): replaced atomically,
readable by the owner only, their folder left as it is."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def previous(path: Path) -> bytes | None:
    """The file about to be replaced, so unchanged events keep their SEQUENCE."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return None


def save(path: Path, data: bytes) -> None:
    """Atomically replace ``path``, readable by the owner only, leaving its folder as it is."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
