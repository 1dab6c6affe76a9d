"""Which folder is which: the inbox is INBOX; the sent and drafts folders are the configured
names, else the ones marked SPECIAL-USE ``\\Sent`` / ``\\Drafts`` (RFC 6154; Gmail's
``[Gmail]/Sent Mail`` is found this way), else the first common name that exists.

What was found is remembered in a small owner-only file in the state dir, with the drafts
folder's last listing, so a pass with nothing new needs no LIST; a folder that has gone
(renamed, deleted) is looked for again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from imapclient import IMAPClient

from connectors.errors import ConnectorError
from connectors.files import write_private
from connectors.imap.account import ImapAccount

log = logging.getLogger(__name__)

Role = Literal["sent", "drafts"]
SPECIAL_USE: dict[Role, bytes] = {"sent": b"\\Sent", "drafts": b"\\Drafts"}
# Tried in order, case-insensitively, with any namespace prefix ("INBOX.Sent" on Courier).
COMMON_NAMES: dict[Role, tuple[str, ...]] = {
    "sent": (
        "Sent",
        "[Gmail]/Sent Mail",
        "[Google Mail]/Sent Mail",
        "Sent Items",
        "Sent Messages",
        "Sent Mail",
        "Envoyés",
        "Gesendet",
    ),
    "drafts": ("Drafts", "[Gmail]/Drafts", "[Google Mail]/Drafts", "Draft", "Entwürfe"),
}


@dataclass(frozen=True)
class Listed:
    name: str
    flags: frozenset[bytes]
    delimiter: str


def list_folders(client: IMAPClient) -> list[Listed]:
    out = []
    for flags, delimiter, name in client.list_folders():
        sep = delimiter.decode() if isinstance(delimiter, bytes) else str(delimiter or "/")
        out.append(Listed(str(name), frozenset(bytes(f) for f in flags), sep))
    return out


def choose(folders: Iterable[Listed], role: Role) -> str | None:
    """The folder for ``role`` among the listed ones, or None."""
    selectable = [f for f in folders if b"\\Noselect" not in f.flags]
    selectable = [f for f in selectable if b"\\NonExistent" not in f.flags]
    for folder in selectable:
        if SPECIAL_USE[role] in folder.flags:
            return folder.name
    by_name = {_plain(f): f.name for f in reversed(selectable)}
    for common in COMMON_NAMES[role]:
        found = by_name.get(common.lower())
        if found is not None:
            return found
    return None


def _plain(folder: Listed) -> str:
    """The name without an INBOX. prefix, lower-cased, so INBOX.Sent matches Sent."""
    name = folder.name
    prefix = f"INBOX{folder.delimiter}"
    if name.upper().startswith(prefix.upper()) and len(name) > len(prefix):
        name = name[len(prefix) :]
    return name.lower()


def missing_configured(account: ImapAccount, role: Role, name: str, listed: list[Listed]) -> str:
    names = ", ".join(sorted(f.name for f in listed)) or "none"
    return (
        f"account {account.name!r}: the {role} folder {name!r} named in the [[accounts]] "
        f"entry is not on the server (its folders: {names}). Set `{role}_folder` to one of "
        "them, or remove the key to let the agent find it."
    )


class Known:
    """What this connector remembers about the account between runs (a cache, never truth)."""

    def __init__(self, state_dir: Path | None, account: ImapAccount) -> None:
        server = f"{account.username}@{account.host}:{account.server_port}"
        digest = hashlib.sha256(f"{account.name}\0{server}".encode()).hexdigest()[:16]
        self.path = state_dir / "imap" / f"{digest}.json" if state_dir is not None else None
        self.server = server
        self.data: dict[str, Any] = self._load()

    def _load(self) -> dict[str, Any]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            log.info("imap cache %s unreadable; starting afresh", self.path)
            return {}
        return data if isinstance(data, dict) and data.get("server") == self.server else {}

    def folder(self, role: Role) -> str | None:
        value = self.data.get("folders", {}).get(role)
        return value if isinstance(value, str) else None

    def remember_folder(self, role: Role, name: str | None) -> None:
        folders = self.data.setdefault("folders", {})
        if folders.get(role) != name:
            folders[role] = name
            self.save()

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def put(self, key: str, value: Any) -> None:
        self.data[key] = value
        self.save()

    def save(self) -> None:
        if self.path is None:
            return
        self.data["server"] = self.server
        try:
            write_private(self.path, json.dumps(self.data, sort_keys=True).encode())
        except OSError as exc:  # only a cache: the next pass lists again
            log.warning("cannot write the imap cache %s: %s", self.path, exc.strerror)


class Folders:
    """Resolves roles to names, through the config, the cache and a LIST when needed."""

    def __init__(self, account: ImapAccount, known: Known) -> None:
        self.account = account
        self.known = known

    def configured(self, role: Role) -> str | None:
        return self.account.sent_folder if role == "sent" else self.account.drafts_folder

    def name(self, client: IMAPClient, role: Role, *, fresh: bool = False) -> str | None:
        """The folder for ``role``; ``fresh`` lists the server again (the cached one is gone).
        None when there is no such folder and the config named none."""
        configured = self.configured(role)
        if configured is not None and not fresh:
            return configured
        cached = self.known.folder(role)
        if cached is not None and not fresh:
            return cached
        listed = list_folders(client)
        if configured is not None:
            if not any(f.name == configured for f in listed):
                raise ConnectorError(missing_configured(self.account, role, configured, listed))
            return configured
        found = choose(listed, role)
        if found is None:
            log.warning("account %s: no %s folder found on the server", self.account.name, role)
        else:
            log.debug("account %s: %s folder is %r", self.account.name, role, found)
        self.known.remember_folder(role, found)
        for other in SPECIAL_USE:  # one LIST answers for both roles
            unknown = self.configured(other) is None and self.known.folder(other) is None
            if other != role and unknown:
                self.known.remember_folder(other, choose(listed, other))
        return found
