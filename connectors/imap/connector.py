"""``ImapConnector``: the inbox and the sent folder read incrementally, drafts APPENDed to
the drafts folder. Never sends.

Round trips: a pass with nothing new is one LOGIN, then one STATUS per folder (inbox, sent,
and drafts when the ledger has drafts to check), and no FETCH.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from connectors.base import DraftRef, Folder, MailMessage, OutgoingDraft, Pull, PullRequest
from connectors.errors import ConnectorError
from connectors.imap import drafts
from connectors.imap.account import ImapAccount
from connectors.imap.auth.password import password_of
from connectors.imap.folders import Folders, Known, Role
from connectors.imap.reading import FolderState, examine, plan_read, read_messages, status
from connectors.imap.session import FolderMissing, Session, is_missing_folder
from connectors.retry import RetryPolicy

__all__ = ["ImapAccount", "ImapConnector"]

log = logging.getLogger(__name__)

CURSOR_VERSION = 1
DEFAULT_DRAFTS = "Drafts"  # created when the server has no drafts folder at all


def _load_cursor(cursor: str | None) -> dict[str, FolderState]:
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
        if data.get("v") != CURSOR_VERSION:
            raise ValueError("another version")
        folders = data["folders"]
    except (ValueError, KeyError, TypeError, AttributeError):
        log.warning("imap cursor unreadable; reading the folders again")
        return {}
    states = {role: FolderState.load(value) for role, value in folders.items()}
    return {role: state for role, state in states.items() if state is not None}


def _dump_cursor(states: dict[str, FolderState]) -> str:
    folders = {role: state.dump() for role, state in states.items()}
    return json.dumps({"v": CURSOR_VERSION, "folders": folders}, sort_keys=True)


def _counting_on(request: PullRequest, already: int) -> PullRequest:
    """``request`` whose progress counts on from the folders already read."""
    report = request.progress
    if report is None or not already:
        return request
    return replace(request, progress=lambda count: report(already + count))


class ImapConnector:
    def __init__(
        self,
        account: ImapAccount,
        state_dir: Path | None = None,
        *,
        retry: RetryPolicy | None = None,
        password: Callable[[], str] | None = None,
        timeout: float | None = None,
    ) -> None:
        self.name = account.name
        self.account = account
        self.session = Session(
            account,
            password or (lambda: password_of(account)),
            retry,
            **({"timeout": timeout} if timeout is not None else {}),
        )
        self.known = Known(state_dir, account)
        self.folders = Folders(account, self.known)

    @property
    def round_trips(self) -> int:
        return self.session.round_trips

    @property
    def commands(self) -> dict[str, int]:
        return dict(self.session.commands)

    # -- reading -------------------------------------------------------------------------

    def pull(self, cursor: str | None, request: PullRequest) -> Pull:
        before = _load_cursor(cursor)
        states: dict[str, FolderState] = {}
        messages: list[MailMessage] = []
        full = not before
        roles: tuple[Folder, ...] = ("inbox", "sent")
        for role in roles:
            got = self._read_folder(role, before.get(role), _counting_on(request, len(messages)))
            if got is None:
                continue
            state, found, was_full = got
            states[role] = state
            messages.extend(found)
            full = full or was_full
        return Pull(messages, _dump_cursor(states), full=full)

    def _read_folder(
        self, role: Folder, before: FolderState | None, request: PullRequest
    ) -> tuple[FolderState, list[MailMessage], bool] | None:
        def read(client: IMAPClient) -> tuple[FolderState, list[MailMessage], bool] | None:
            return self._pull_folder(client, role, before, request)

        got: tuple[FolderState, list[MailMessage], bool] | None = self._guard(
            lambda: self.session.run(f"reading the {role} folder", read)
        )
        return got

    def _pull_folder(
        self,
        client: IMAPClient,
        role: Folder,
        before: FolderState | None,
        request: PullRequest,
    ) -> tuple[FolderState, list[MailMessage], bool] | None:
        now = self._status(client, role)
        if now is None:
            return None  # no sent folder on this server
        if before is not None and (before.uidvalidity, before.uidnext) == (
            now.uidvalidity,
            now.uidnext,
        ):
            return now, [], False  # the one round trip of a pass with nothing new
        now = examine(client, now.name)
        batches, full = plan_read(client, before, now, request.since)
        return now, read_messages(client, batches, role, request), full

    def _status(self, client: IMAPClient, role: Folder | Role) -> FolderState | None:
        """STATUS of the folder for ``role``; a folder gone since it was found is looked for
        again (renamed by the user), and a configured one that is gone is an error."""
        name = self._name(client, role)
        if name is None:
            return None
        try:
            return status(client, name)
        except IMAPClientError as exc:
            if not is_missing_folder(exc) or role == "inbox":
                raise
        log.info("account %s: folder %r has gone; looking for the %s folder", self.name, name, role)
        name = self.folders.name(client, role, fresh=True)
        if name is None:
            return None
        try:
            return status(client, name)
        except IMAPClientError as exc:
            if is_missing_folder(exc):
                raise FolderMissing(name) from None
            raise

    def _name(self, client: IMAPClient, role: Folder | Role) -> str | None:
        if role == "inbox":
            return "INBOX"
        return self.folders.name(client, role)

    # -- drafts --------------------------------------------------------------------------

    def list_agent_drafts(self, known: Sequence[DraftRef] = ()) -> list[DraftRef]:
        def listing(client: IMAPClient) -> list[DraftRef]:
            return self._list(client, known)

        return self._guard(lambda: self.session.run("listing the drafts", listing))

    def _list(self, client: IMAPClient, known: Sequence[DraftRef]) -> list[DraftRef]:
        now = self._status(client, "drafts")
        if now is None:
            return []  # no drafts folder: no draft of ours exists
        remembered = drafts.memo_refs(self.known.get("drafts"), now, known)
        if remembered is not None:
            log.debug("account %s: drafts folder unchanged since the last listing", self.name)
            return remembered
        refs, state = drafts.listing(client, now.name, known)
        self.known.put("drafts", drafts.memo_dump(state, refs))
        return refs

    def create_draft(self, draft: OutgoingDraft) -> DraftRef:
        attempts = 0

        def write(client: IMAPClient) -> DraftRef:
            nonlocal attempts
            attempts += 1
            folder = self._drafts_folder(client)
            if attempts > 1:  # the last APPEND may have landed before the connection dropped
                found = drafts.find(client, folder, draft.key)
                if found is not None:
                    return found
            return drafts.append(client, folder, draft)

        return self._guard(lambda: self.session.run("writing a draft", write))

    def _drafts_folder(self, client: IMAPClient) -> str:
        now = self._status(client, "drafts")
        if now is not None:
            return now.name
        log.info("account %s: no drafts folder; creating %r", self.name, DEFAULT_DRAFTS)
        client.create_folder(DEFAULT_DRAFTS)
        self.known.remember_folder("drafts", DEFAULT_DRAFTS)
        return DEFAULT_DRAFTS

    # -- plumbing ------------------------------------------------------------------------

    def _guard(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except FolderMissing as exc:
            raise ConnectorError(
                f"account {self.name!r}: the folder {exc.folder!r} is not on the server. "
                "Set `sent_folder` / `drafts_folder` in the [[accounts]] entry to the right one."
            ) from None

    def close(self) -> None:
        self.session.close()
