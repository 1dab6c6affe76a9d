"""Much program mail not read yet (a first pass, a program added, new readers): its readings
made on two cores before the season is read from them.

The programs are split in two halves of about as much text each; a forked child reads one
half (interview, policy, interviewers, each message's promises and what closes them) while
this process reads the other, and hands back its readings as the memo's strings. The season
is then read as on any pass, from kept readings: the same facts, sooner when the second core
is free (at 100k, reading and plan 2.4-2.8 s -> 1.8-2.1 s). Without a second core, or when
the child fails, the season simply reads the rest itself.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from agent.config import Config
from agent.facts.memo import RULES, Memo
from agent.facts.season import read_season
from agent.rules.inquiry import read_promises
from connectors import second_core
from connectors.base import MailMessage

log = logging.getLogger(__name__)

# Below this many messages without kept readings, a second process costs about what it saves
# (a fork of the whole process, the season's threads built twice, patterns compiled in both);
# measured: 200 unread messages read in 0.25-0.34 s split against 0.36-0.38 s in one process.
WORTH_SPLITTING = 150
_READ = f"{RULES}|each|interview|"  # every program message read before has this reading


def unread(mail: dict[str, list[MailMessage]], memo: Memo) -> int:
    """How many received messages have no kept readings: the program mail not read yet,
    and the few kept messages that are not a program's (an over-estimate that only
    decides whether to split)."""
    read = {key.split("|", 4)[4] for key in memo.known if key.startswith(_READ)}
    return sum(
        f"{m.folder}|{m.id}|{m.message_id}" not in read
        for messages in mail.values()
        for m in messages
        if m.folder != "sent"  # the applicant's own mail is not read for facts
    )


def read_in_halves(config: Config, mail: dict[str, list[MailMessage]], memo: Memo) -> None:
    """The readings of unread program mail, made into ``memo.new`` on two cores."""
    if unread(mail, memo) < WORTH_SPLITTING or not second_core.available():
        return
    mine, theirs = _halves(config, mail)
    if not mine or not theirs:
        return
    child = second_core.start(lambda: _read(config, mail, memo, theirs))
    if child is None:
        return
    try:
        _read(config, mail, memo, mine)
    except BaseException:
        child.abandon()
        raise
    learned = child.result()  # given up on when stuck (second_core.STUCK_AFTER_S)
    if learned is not None:
        memo.new.update(learned)
    log.debug("program mail read on two cores: %d and %d programs", len(mine), len(theirs))


def _halves(config: Config, mail: dict[str, list[MailMessage]]) -> tuple[set[str], set[str]]:
    """The programs in two halves of about as much mail to read each (the most first, each
    to the lighter half; reading takes about as long as the text is)."""
    season = read_season(config, mail, only=())
    sizes = sorted(
        ((sum(len(m.body or "") for m in v.messages), v.program.name) for v in season.programs),
        reverse=True,
    )
    halves: tuple[set[str], set[str]] = (set(), set())
    loads = [0, 0]
    for size, name in sizes:
        lighter = 0 if loads[0] <= loads[1] else 1
        halves[lighter].add(name)
        loads[lighter] += size
    return halves


def _read(
    config: Config, mail: dict[str, list[MailMessage]], memo: Memo, programs: Collection[str]
) -> dict[str, str]:
    """What reading ``programs``' mail adds to the memo: the season's readings, each
    message's promises and what closes them."""
    season = read_season(config, mail, memo, only=programs)
    for view in season.programs:
        if view.program.name in programs:
            read_promises(config, view, season.me, memo)
    return memo.new
