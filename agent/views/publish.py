"""Writing the season's calendar and page: into the state folder after each daemon pass
(for calendar apps that subscribe to the file), or where `agent calendar` / `agent view`
are told. Atomic and owner-only: the files name the programs and the people met."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from agent.config import Config
from agent.dashboard import Dashboard
from agent.views.calendar import calendar
from agent.views.page import page
from connectors.files import write_private

log = logging.getLogger(__name__)

CALENDAR_FILE = "season.ics"
PAGE_FILE = "season.html"


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


def into_state(board: Dashboard, config: Config) -> tuple[Path, Path]:
    """season.ics and season.html in the state folder, current as of ``board.now``."""
    folder = config.agent.state_dir
    ics, html = folder / CALENDAR_FILE, folder / PAGE_FILE
    write_private(ics, calendar(board, config, previous(ics)))
    write_private(html, page(board, config))
    log.info("season calendar and page written to %s", folder)
    return ics, html
