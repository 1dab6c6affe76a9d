"""Much program mail not read yet (a first pass, a program added, new readers): the season
read with its readings made on two cores.

The programs are assigned their threads once, then split in two halves of about as much
text; a forked child reads one half (interview, policy, interviewers, each message's
promises and what closes them) while this process reads the other into the season, and
hands back its readings as the memo's strings, from which this process then reads that
half's facts. The same facts as one process, sooner when the second core is free (at 100k,
reading and plan 2.25 s -> 1.27-1.36 s, paired, load 0.5). Without a second core, or when
the child fails, this process reads the rest itself.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from agent.config import Config
from agent.facts.memo import Memo
from agent.facts.season import Season, assign, read_facts
from agent.facts.season_memo import message_key, read_before
from agent.rules.inquiry import read_promises
from connectors import second_core
from connectors.base import MailMessage

log = logging.getLogger(__name__)

# Below this many messages without kept readings, a second process costs about what it saves
# (a fork of the whole process, the patterns compiled in both);
# measured: 200 unread messages read in 0.25-0.34 s split against 0.36-0.38 s in one process.
WORTH_SPLITTING = 150


def unread(season: Season, memo: Memo) -> int:
    """How many messages of the programs' own mail have no kept readings: those the readers
    would read afresh. Kept mail that is no program's own (a newcomer's, a fellow applicant's
    reply-all) is never read for facts, so it is not counted: it would count on every pass,
    and once there were enough of it, split every pass in two."""
    read = read_before(memo)
    return sum(
        message_key(m) not in read
        for view in season.programs
        for m in view.own_mail
        if m.folder != "sent"  # the applicant's own mail is not read for facts
    )


def read_on_two_cores(config: Config, mail: dict[str, list[MailMessage]], memo: Memo) -> Season:
    """The season, as ``read_season`` reads it; its unread program mail read on two cores
    when there is much of it and a second core."""
    season = assign(config, mail, memo)
    worth = unread(season, memo) >= WORTH_SPLITTING and second_core.available()
    mine, theirs = _halves(season) if worth else (set(), set())
    child = second_core.start(lambda: _read(config, season, memo, theirs)) if theirs else None
    if child is None:
        read_facts(config, season, memo)
        return season
    try:
        _read(config, season, memo, mine)
    except BaseException:
        child.abandon()
        raise
    learned = child.result()  # None when it failed or was stuck: read here, below
    if learned is not None:
        memo.new.update(learned)
        log.debug("program mail read on two cores: %d and %d programs", len(mine), len(theirs))
    read_facts(config, season, memo, only=theirs)  # from the child's readings, or afresh
    return season


def _halves(season: Season) -> tuple[set[str], set[str]]:
    """The programs in two halves of about as much mail to read each (the most first, each
    to the lighter half; reading takes about as long as the text is)."""
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


def _read(config: Config, season: Season, memo: Memo, programs: Collection[str]) -> dict[str, str]:
    """What reading ``programs``' mail adds to the memo: the season's readings (into their
    views), each message's promises and what closes them."""
    read_facts(config, season, memo, only=programs)
    for view in season.programs:
        if view.program.name in programs:
            read_promises(config, view, season.me, memo)
    return memo.new
