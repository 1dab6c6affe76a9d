"""Maildir++ connector: the local, no-account mailbox (mutt, neomutt, Dovecot, the demo).

Layout (pinned): ``path`` is a Maildir++ root whose inbox is the root itself; the sent and
drafts folders are ``.<sent_folder>`` and ``.<drafts_folder>`` under it. Drafts are written
atomically (``tmp/`` then ``cur/``) with the Maildir draft flag (``:2,D``).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from pydantic import field_validator

from connectors.account import Account
from connectors.base import DraftRef, Folder, MailMessage, OutgoingDraft, Pull, PullRequest
from connectors.draft_match import Unmarked, missing, recognise
from connectors.errors import AccountMisconfigured, ConnectorError
from connectors.maildir_ahead import SENT_FOLDER, listing, take
from connectors.maildir_cursor import Cursor, NameFiles, unique_name, unique_names, unseen
from connectors.maildir_halves import Counter, Unreadable, Vanished, read_names
from connectors.mime import draft_bytes, marker_of, message_body, parse_message

log = logging.getLogger(__name__)

HEAD_BYTES = 64 * 1024  # enough for any sane header block
MAX_MESSAGE_BYTES = 4 * 1024 * 1024  # a huge attachment is cut; the text comes first
# A directory whose mtime was this recent when it was listed may have received a file after
# the listing within the same clock tick (its mtime then did not move): listed again.
SETTLE_NS = 2_000_000_000
UNSETTLED = -1  # the mtime recorded for such a directory: no mtime equals it
# A file delivered (mtime) this long before the season's start holds mail from before it:
# senders' clocks run ahead of the receiving host's by less.
DELIVERY_SKEW = timedelta(days=2)


class MaildirAccount(Account):
    provider: Literal["maildir"]
    path: Path
    sent_folder: str = SENT_FOLDER
    drafts_folder: str = "Drafts"

    @field_validator("path")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("sent_folder", "drafts_folder")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if not value or "/" in value or value.startswith("."):
            raise ValueError("must be a folder name without '/' or a leading '.'")
        return value


def _whole_header(head: bytes) -> bool:
    """Does this start of a file hold its whole header block (an empty line ends it)?"""
    return len(head) < HEAD_BYTES or b"\n\n" in head or b"\n\r\n" in head


def _read_on(fd: int, have: bytes, limit: int, size: int) -> bytes:
    """``have`` and what follows it, up to ``limit`` bytes or the end (``size``, the stat'ed
    length, tells it without a last read that would return nothing)."""
    parts = [have]
    total = len(have)
    while total < limit:
        chunk = os.read(fd, limit - total)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if total >= size:
            break
    return parts[0] if len(parts) == 1 else b"".join(parts)


class MaildirConnector:
    def __init__(self, account: MaildirAccount, state_dir: Path) -> None:
        self.name = account.name
        # The folders' names, beside the state (the cursor names their files).
        slug = hashlib.sha1(account.name.encode()).hexdigest()[:16]
        self.names = NameFiles(state_dir / "maildir" / slug)
        self._count = Counter(None)  # files read by the current pull, for the progress line
        self.root = account.path
        self.sent = self.root / f".{account.sent_folder}"
        self.drafts = self.root / f".{account.drafts_folder}"
        if not (self.root / "cur").is_dir() and not (self.root / "new").is_dir():
            what = "is not a Maildir (no cur/ or new/)" if self.root.exists() else "does not exist"
            raise AccountMisconfigured(
                f"account {self.name!r}: {self.root} {what}. "
                "Check `path` in the [[accounts]] entry."
            )

    # -- reading -------------------------------------------------------------------------

    def _folders(self) -> list[tuple[Folder, Path]]:
        return [("inbox", self.root), ("sent", self.sent)]

    def pull(self, cursor: str | None, request: PullRequest) -> Pull:
        state = Cursor.load(cursor)
        started_ns = time.time_ns()
        self._count = Counter(request.progress)
        dirs: dict[str, int] = {}
        after = Cursor(dirs)
        retry: set[str] = set()
        out: list[MailMessage] = []
        written: dict[str, str] = {}  # ref -> names of the folders listed anew
        for folder, base in self._folders():
            new_dir = os.path.join(base, "new")
            listed_new: str | None = None  # what new/ holds now, when it was listed
            for sub in ("new", "cur"):
                directory = os.path.join(base, sub)  # plain strings: a Path a file costs
                try:
                    st = os.stat(directory)
                except FileNotFoundError:
                    continue
                mtime = st.st_mtime_ns
                dirs[directory] = mtime if mtime < started_ns - SETTLE_NS else UNSETTLED
                again = {
                    n.partition("/")[2].rpartition("@")[0]
                    for n in state.retry
                    if n.startswith(f"{sub}/") and n.endswith(f"@{folder}")
                }
                settled = state.dirs is not None and state.dirs.get(directory) == mtime
                if settled and not again:
                    if directory in state.refs:  # nothing arrived, left or moved
                        after.refs[directory] = state.refs[directory]
                        continue
                    if directory in state.inline:
                        after.refs[directory] = ref = self.names.new_ref()
                        written[ref] = state.inline[directory]
                        continue
                ahead = take(st)  # listed while the program started, if still current
                if ahead is not None:
                    log.debug("%s %s/ of %s: listed ahead", folder, sub, self.name)
                    if mtime >= ahead.started_ns - SETTLE_NS:
                        dirs[directory] = UNSETTLED  # recent as of that earlier listing
                known = state.known(directory, self.names)
                # A message the client moved out of new/ is no news in cur/.
                moved = functools.partial(self._in_new, state, new_dir, listed_new)
                text, failed = self._pull_directory(
                    directory,
                    folder,
                    known,
                    moved if sub == "cur" else None,
                    again,
                    request,
                    out,
                    ahead.names if ahead is not None else None,
                )
                listed_new = text if sub == "new" else listed_new
                retry |= {f"{sub}/{name}@{folder}" for name in failed}
                if text == known and directory in state.refs:
                    after.refs[directory] = state.refs[directory]
                else:
                    after.refs[directory] = ref = self.names.new_ref()
                    written[ref] = text
        if request.progress and self._count.done:
            request.progress(self._count.done)
        after.retry = frozenset(retry)
        keep = set(state.refs.values())
        save = functools.partial(self.names.save, written, keep)
        return Pull(out, after.dump(), full=state.dirs is None, save=save)

    def _pull_directory(
        self,
        directory: str,
        folder: Folder,
        known: str | None,
        moved: Callable[[], set[str]] | None,
        again: set[str],
        request: PullRequest,
        out: list[MailMessage],
        listed: str | None = None,
    ) -> tuple[str, list[str]]:
        """Read the files of ``directory`` whose names are not ``known`` (its names at the
        last pass, a line each) nor ``moved`` there from elsewhere, or are to be read
        ``again``, into ``out``; the names it holds, a line each, and those that could not
        be read."""
        joined = listing(directory) if listed is None else listed
        text = unique_names(joined)
        fresh = unseen(text, known or "")
        if fresh and moved:
            elsewhere = moved()
            fresh = [n for n in fresh if n not in elsewhere]
        if again:
            lines = f"\n{text}\n"
            fresh += [n for n in again if f"\n{n}\n" in lines]
        # Delivery order, as names begin with the time; what was read and kept before is
        # not read again: files do not change under their name.
        todo = [n for n in sorted(set(fresh)) if f"{folder}/{n}" not in request.kept]
        flagged = text is not joined  # the names are not simply the files'
        by_name = {unique_name(f): f for f in joined.split("\n")} if todo and flagged else {}
        reading = read_names(
            todo,
            lambda n: self._read(os.path.join(directory, by_name.get(n, n)), folder, n, request),
            self._count,
        )
        out += reading.found()
        # A vanished name was moved by the mail client: it is read under its new name.
        if gone := set(reading.vanished + reading.unreadable):
            text = "\n".join(n for n in text.split("\n") if n not in gone)
        return text, reading.unreadable

    def _in_new(self, state: Cursor, new_dir: str, listed: str | None) -> set[str]:
        """The names new/ held at the last pass and holds now (when listed this pass)."""
        texts = (state.known(new_dir, self.names), listed)
        return set().union(*(text.split("\n") for text in texts if text))

    def _read(
        self, path: str, folder: Folder, name: str, request: PullRequest
    ) -> MailMessage | None:
        """The message of file ``path`` (unique ``name``), with its body when wanted; None
        when it cannot matter (before the season, or ruled out by the request's filter)."""
        uid = f"{folder}/{name}"
        try:
            stat = os.lstat(path)
        except FileNotFoundError as exc:
            raise Vanished from exc
        mtime = datetime.fromtimestamp(stat.st_mtime, UTC)
        if request.since and mtime < request.since - DELIVERY_SKEW:
            return None  # delivered before the season: a stat is all it costs
        header: MailMessage | None = None
        size = stat.st_size
        try:
            # A plain descriptor: a buffered file object costs twice the system calls.
            fd = os.open(path, os.O_RDONLY)
            try:
                raw = _read_on(fd, b"", HEAD_BYTES, size)
                if not _whole_header(raw):  # a header block past the first read: all of it
                    raw = _read_on(fd, raw, MAX_MESSAGE_BYTES, size)
                if request.header_filter and not request.header_filter(raw, folder):
                    return None  # cannot be wanted: never parsed
                if not request.header_filter:
                    header = parse_message(
                        raw, id=uid, folder=folder, fallback_date=mtime, with_body=False
                    )
                    if request.since and header.date < request.since:
                        return None
                    if not request.wants_body(header):
                        return header  # an unfiltered pull returns every message it reads
                # What passes the filter is nearly always wanted: read whole, parsed once.
                raw = _read_on(fd, raw, MAX_MESSAGE_BYTES, size)
            finally:
                os.close(fd)
        except FileNotFoundError as exc:
            raise Vanished from exc
        except OSError as exc:
            log.warning(
                "cannot read message %s (%s); it is read again on the next pass",
                path,
                exc.strerror or exc,
            )
            raise Unreadable from exc
        try:
            if header is not None:
                return replace(header, body=message_body(raw))
            message = parse_message(raw, id=uid, folder=folder, fallback_date=mtime)
        except Exception as exc:  # the parser promises not to raise; a last guard all the same
            log.warning(
                "skipping message %s that could not be parsed (%s)", path, type(exc).__name__
            )
            return None
        if request.since and message.date < request.since:
            return None
        return message if request.wants_body(message) else None

    # -- drafts --------------------------------------------------------------------------

    def _ensure_drafts_folder(self) -> None:
        for sub in ("tmp", "new", "cur"):
            (self.drafts / sub).mkdir(parents=True, exist_ok=True)
        (self.drafts / "maildirfolder").touch(exist_ok=True)

    def list_agent_drafts(self, known: Sequence[DraftRef] = ()) -> list[DraftRef]:
        found: list[DraftRef] = []
        unmarked: list[tuple[Path, bytes]] = []
        for path, head in self._draft_heads():
            key = marker_of(head.split(b"\n\n", 1)[0])
            if not key:
                unmarked.append((path, head))
                continue
            draft = _read_draft(path, head)
            if draft is not None:
                found.append(_ref(key, draft))
        lost = missing(known, found)
        if lost:  # a client may have rewritten a draft without the marker: look for it
            drafts = (_read_draft(path, head) for path, head in unmarked)
            candidates = [_unmarked(d) for d in drafts if d is not None]
            found += recognise(lost, candidates)
        return found

    def _draft_heads(self) -> Iterator[tuple[Path, bytes]]:
        for sub in ("new", "cur"):
            names = listing(str(self.drafts / sub))
            for file in names.split("\n") if names else ():
                path = self.drafts / sub / file
                try:
                    with open(path, "rb") as fh:
                        yield path, fh.read(HEAD_BYTES)
                except OSError:
                    continue  # moved by the mail client since the listing

    def create_draft(self, draft: OutgoingDraft) -> DraftRef:
        self._ensure_drafts_folder()
        digest = hashlib.sha1(draft.key.encode()).hexdigest()[:16]
        unique = f"{int(time.time())}.ra{digest}.{socket.gethostname().replace('/', '_')}"
        data = draft_bytes(draft, linesep="\n")
        tmp = self.drafts / "tmp" / unique
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            # The rename is the commit point: the draft is either wholly there or not at all.
            os.replace(tmp, self.drafts / "cur" / f"{unique}:2,D")
            _fsync_dir(self.drafts / "cur")
        except OSError as exc:
            raise ConnectorError(
                f"account {self.name!r}: cannot write a draft in {self.drafts}: {exc.strerror}"
            ) from exc
        to = tuple(a.email for a in draft.to)
        return DraftRef(draft.key, unique, draft.message_id, subject=draft.subject, to=to)

    def close(self) -> None:
        pass


def _read_draft(path: Path, head: bytes) -> MailMessage | None:
    """A draft file read whole (bounded), with its text; None if it vanished meanwhile."""
    raw = head
    if len(head) == HEAD_BYTES:
        try:
            with open(path, "rb") as fh:
                raw = fh.read(MAX_MESSAGE_BYTES)
        except OSError:
            return None
    unique = unique_name(path.name)
    return parse_message(raw, id=unique, folder="sent", fallback_date=datetime.now(UTC))


def _ref(key: str, draft: MailMessage) -> DraftRef:
    to = tuple(a.email for a in draft.to)
    return DraftRef(key, draft.id, draft.message_id, text=draft.body, subject=draft.subject, to=to)


def _unmarked(draft: MailMessage) -> Unmarked:
    to = tuple(a.email for a in draft.to)
    return Unmarked(draft.id, draft.message_id, draft.subject, to, text=draft.body)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
