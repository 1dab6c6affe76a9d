"""Where a Maildir pull stopped, and how a directory's new names are found.

The cursor (stored by the engine) is small: each directory's mtime and which file beside the
state holds its names. The names of a big folder (8 MB at 300,000 messages) are written to a
file of their own only when that directory changed, so a pass does not encode, store and
decode every name of the mailbox.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from connectors.files import private_dir

log = logging.getLogger(__name__)

_FLAGS = re.compile(r":[^\n]*")  # a file name's ``:2,FLAGS`` info, up to the end of its line
# Differences between two listings worth walking line by line before comparing sets: about
# one for every sixteen names (a directory's order is stable; see ``added``).
_LINES_PER_DIFFERENCE = 16
# How far past a difference (in characters) a line is looked for in the other listing.
_WINDOW = 4096


def unique_name(filename: str) -> str:
    """The Maildir unique name: the file name without its ``:2,FLAGS`` info."""
    return filename.split(":", 1)[0]


def unique_names(joined: str) -> str:
    """A listing's unique names, a line each, in the listing's order."""
    return _FLAGS.sub("", joined) if ":" in joined else joined


def unseen(listing: str, known: str) -> list[str]:
    """The lines of ``listing`` (a directory's names, a line each, in the order it lists
    them) that are not lines of ``known``, and maybe a few that are: never one fewer."""
    walked = _walked(listing, known)
    if walked is None:  # too many differences to walk: compare sets (in C)
        return list(set(listing.split("\n")).difference(known.split("\n")))
    return walked


def _walked(listing: str, known: str) -> list[str] | None:
    """``unseen``, walking the two in order, or None when they differ too much to.

    A directory lists its names in a stable order (ext4 and XFS by a hash of the name, tmpfs
    and btrfs in creation order), so a new listing is the old one with lines put in or taken
    out here and there: equal runs are skipped by comparing slices (in C), and only the lines
    where the two differ are looked at. A line of ``listing`` not reported was matched with an
    equal line of ``known``; a known name that moved in the order is reported too (it is read
    again, which is harmless)."""
    if listing == known:
        return []
    if not listing:
        return []
    if not known:
        return listing.split("\n")
    a, b = f"\n{listing}\n", f"\n{known}\n"
    # i and j are at the newline before the next line of each to compare.
    i = j = 0
    out: list[str] = []
    budget = max(64, len(a) // (32 * _LINES_PER_DIFFERENCE))
    while True:
        run = _common(a, i, b, j)
        s = a.rfind("\n", i, i + run)  # the newline before the first line that differs
        t = j + (s - i)
        if s == len(a) - 1:
            return out
        if t == len(b) - 1:  # the rest of ``listing`` is new
            out += a[s + 1 : -1].split("\n")
            return out
        budget -= 1
        if budget < 0:
            return None
        line_end = a.index("\n", s + 1)
        gone_end = b.index("\n", t + 1)
        line, gone = a[s + 1 : line_end], b[t + 1 : gone_end]
        at = a.find(f"\n{gone}\n", line_end, line_end + _WINDOW)
        if at >= 0:  # lines put in before a known one
            out += a[s + 1 : at].split("\n")
            i, j = at, t
            continue
        at = b.find(f"\n{line}\n", gone_end, gone_end + _WINDOW)
        if at >= 0:  # known lines taken out
            i, j = s, at
            continue
        out.append(line)  # one in place of another
        i, j = line_end, gone_end


def _common(a: str, i: int, b: str, j: int) -> int:
    """The length of the longest common start of ``a[i:]`` and ``b[j:]``: doubling, then
    halving, the length of the slices compared."""
    n = min(len(a) - i, len(b) - j)
    k, step = 0, 256
    while k + step <= n and a.startswith(b[j + k : j + k + step], i + k):
        k += step
        step *= 2
    while step > 1:
        step //= 2
        if k + step <= n and a.startswith(b[j + k : j + k + step], i + k):
            k += step
    return k


class NameFiles:
    """The files beside the state that hold folders' names, a name a line, a folder a file.

    A file is written once, under a name never used before, and never changed; the engine
    has it written just before it stores the cursor naming it (``Pull.save``), so a dry run
    writes nothing, and a stored cursor names whole files. Losing one, or part of one (a
    crash before the disk had it), costs only reading that folder again: a name missing
    from it is taken for new."""

    SUFFIX: ClassVar[str] = ".names"

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @staticmethod
    def new_ref() -> str:
        return secrets.token_hex(8)

    def read(self, ref: str) -> str | None:
        try:
            data = (self.directory / f"{ref}{self.SUFFIX}").read_bytes()
        except OSError:
            log.info("a Maildir folder's names are missing; that folder is read again")
            return None
        return data.decode("utf-8", "surrogateescape")  # as os.listdir decodes names

    def save(self, texts: dict[str, str], keep: set[str]) -> None:
        """Write ``texts`` (by ref) and remove every file but those and ``keep`` (the stored
        cursor's: the pass may yet fail to store its own)."""
        private_dir(self.directory)
        for ref, text in texts.items():
            path = self.directory / f"{ref}{self.SUFFIX}"
            # No fsync: a file the disk lost in a crash costs a re-read, never mail.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue  # saved already: a ref is never used for two texts
            try:
                os.write(fd, text.encode("utf-8", "surrogateescape"))
            finally:
                os.close(fd)
        for entry in os.listdir(self.directory):
            ref = entry.removesuffix(self.SUFFIX)
            if ref not in texts and ref not in keep:
                with contextlib.suppress(OSError):
                    os.unlink(self.directory / entry)


@dataclass
class Cursor:
    """Where a pull stopped: each directory's mtime and the names of the files in it.

    A directory that did not change is not listed. One that changed is listed without a
    stat of each file, and only names not seen before are read: the way notmuch finds new
    mail. A name is the file's unique part (before ``:2,``), so a client changing a
    message's flags does not make it new, nor does moving it from new/ to cur/ (cur/ is
    compared with what new/ held too)."""

    VERSION: ClassVar[int] = 3
    dirs: dict[str, int] | None = None  # mtime_ns of each directory at the last pass
    refs: dict[str, str] = field(default_factory=dict)  # directory -> file of its names
    # Names carried in the cursor itself (one of version 2): written to files on this pass.
    inline: dict[str, str] = field(default_factory=dict)
    # Files that could not be read (permission denied, I/O error): their directory is listed
    # again on every pass until they can be.
    retry: frozenset[str] = frozenset()

    @classmethod
    def load(cls, text: str | None) -> Cursor:
        if not text:
            return cls()
        try:
            data = json.loads(text)
            version = data.get("v")
            if version not in (2, cls.VERSION):
                log.info("maildir cursor of an older version: the mailbox is read again once")
                return cls()
            names = {str(k): str(v) for k, v in data["names"].items()}
            return cls(
                {str(k): int(v) for k, v in data["dirs"].items()},
                names if version == cls.VERSION else {},
                names if version == 2 else {},
                frozenset(data.get("retry", [])),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("maildir cursor unreadable; reading the whole mailbox again")
            return cls()

    def known(self, directory: str, files: NameFiles) -> str | None:
        """The names ``directory`` held at the last pass, a line each; None if never listed."""
        if directory in self.inline:
            return self.inline[directory]
        ref = self.refs.get(directory)
        return None if ref is None else files.read(ref)

    def dump(self) -> str:
        data = {
            "v": self.VERSION,
            "dirs": self.dirs or {},
            "names": self.refs,
            "retry": sorted(self.retry),
        }
        return json.dumps(data, sort_keys=True)
