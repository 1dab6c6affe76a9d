"""Reading a Maildir directory's new files, by two processes when there are many.

The first pass over a big mailbox, and the pass reading it again after a program was added,
spend their time opening files one after another and looking at their headers. With a
second CPU (connectors.second_core), a forked child reads every other name while this
process reads the rest; the two readings merge into exactly what one process reading the
names in order finds: the same messages in delivery order, the same names vanished or to
read again. Every other name, not each half in one piece: a mailbox's old mail is only
stat'ed (it is before the season), its new mail read, so the halves of the order differ.
A child that fails or dies costs time only: this process reads its names as well.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from ctypes import c_longlong
from dataclasses import dataclass, field
from operator import itemgetter

from connectors import second_core
from connectors.base import MailMessage

log = logging.getLogger(__name__)

# Below this many files the fork, the child's first touches of memory and the pickled
# result cost about what the second CPU saves: a fork costs ~13 ms, a file ~34 us; measured
# serial -> split, 500 files 17 -> 22 ms, 1,000: 35 -> 32 ms, 2,000: 68 -> 45 ms.
MIN_SPLIT = 2_000
PROGRESS_EVERY = 500  # files between two progress calls


class Unreadable(Exception):
    """The file is there but could not be read this time."""


class Vanished(Exception):
    """The file was moved or deleted since the folder was listed."""


# A name's message (None when it cannot matter); raises Vanished or Unreadable.
Read = Callable[[str], MailMessage | None]


class Counter:
    """Files read by a pull, told to ``progress`` every ``PROGRESS_EVERY``; a child's files
    count as it reads them, and once only (not again when this process reads them after
    the child failed: what was told stays told until the count passes it)."""

    def __init__(self, progress: Callable[[int], None] | None) -> None:
        self.done = 0  # files whose reading is over (this process's and a finished child's)
        self._progress = progress
        self._told = 0
        self.child: c_longlong | None = None  # a running child's count, in shared memory

    def add(self) -> None:
        self.done += 1
        if self._progress is None:
            return
        total = self.done + (self.child.value if self.child is not None else 0)
        if total // PROGRESS_EVERY > self._told // PROGRESS_EVERY:
            self._progress(total)
            self._told = total


@dataclass
class Reading:
    """What reading some of a directory's names found: each message with its name's place
    in the order, the names that vanished, those to read again, and how many were read."""

    messages: list[tuple[int, MailMessage]] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    count: int = 0

    def found(self) -> list[MailMessage]:
        return [message for _, message in self.messages]


def read_names(names: Sequence[str], read: Read, counter: Counter) -> Reading:
    """``names``, in delivery order, read: in two processes when they are many and a
    second CPU is there, else here one after another."""
    if len(names) >= MIN_SPLIT:
        both = _in_two(names, read, counter)
        if both is not None:
            return both
    return _read_each(names, range(len(names)), read, counter.add)


def _in_two(names: Sequence[str], read: Read, counter: Counter) -> Reading | None:
    """The even places read by a child, the odd ones here, merged; None without a child."""
    # Imported here: an incremental pass never splits, and the import costs ~3 ms a pass.
    from multiprocessing.sharedctypes import RawValue

    shared = RawValue(c_longlong, 0)

    def count_in_child() -> None:
        shared.value += 1  # never ``progress``: the parent tells it, counting these too

    def child_half() -> Reading:
        return _read_each(names, range(0, len(names), 2), read, count_in_child)

    half = second_core.start(child_half)
    if half is None:
        return None
    log.debug("reading %d files in two processes", len(names))
    counter.child = shared
    try:
        mine = _read_each(names, range(1, len(names), 2), read, counter.add)
    except BaseException:
        half.abandon()
        raise
    finally:
        counter.child = None
    theirs = half.result()  # given up on when stuck (second_core.STUCK_AFTER_S)
    if theirs is None:  # second_core logged why: this process reads the child's names
        theirs = _read_each(names, range(0, len(names), 2), read, counter.add)
    else:
        counter.done += theirs.count
    return Reading(
        sorted(theirs.messages + mine.messages, key=itemgetter(0)),
        theirs.vanished + mine.vanished,
        theirs.unreadable + mine.unreadable,
        theirs.count + mine.count,
    )


def _read_each(
    names: Sequence[str], places: range, read: Read, counted: Callable[[], None]
) -> Reading:
    reading = Reading()
    for place in places:
        name = names[place]
        try:
            message = read(name)
        except Vanished:
            reading.vanished.append(name)
            continue
        except Unreadable:
            reading.unreadable.append(name)
            continue
        if message is not None:
            reading.messages.append((place, message))
        reading.count += 1
        counted()
    return reading
