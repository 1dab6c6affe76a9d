"""The season's calendar and page in the state folder, rewritten after each daemon pass for
calendar apps that subscribe to the file. Atomic and owner-only: the files name the
programs and the people met, and quote the programs' mail."""

from __future__ import annotations

import logging
from pathlib import Path

from agent.config import Config
from agent.dashboard import Dashboard
from agent.views.calendar import calendar
from agent.views.files import previous
from agent.views.page import page
from connectors.files import write_private

log = logging.getLogger(__name__)

CALENDAR_FILE = "season.ics"
PAGE_FILE = "season.html"


def into_state(board: Dashboard, config: Config) -> tuple[Path, Path]:
    """season.ics and season.html in the state folder, current as of ``board.now``."""
    folder = config.agent.state_dir
    ics, html = folder / CALENDAR_FILE, folder / PAGE_FILE
    write_private(ics, calendar(board, config, previous(ics)))
    write_private(html, page(board, config))
    log.info("season calendar and page written to %s", folder)
    return ics, html
