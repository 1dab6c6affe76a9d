"""Which connector serves which account, and the config model of an ``[[accounts]]`` entry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field

from .accounts import GmailAccount, OutlookAccount
from .base import MailConnector
from .maildir import MaildirAccount

# An ``[[accounts]]`` entry: which model applies is decided by its ``provider`` key.
AccountConfig = Annotated[
    MaildirAccount | GmailAccount | OutlookAccount, Field(discriminator="provider")
]


def open_connector(account: AccountConfig, state_dir: Path) -> MailConnector:
    if isinstance(account, MaildirAccount):
        from .maildir import MaildirConnector

        return MaildirConnector(account)
    if isinstance(account, GmailAccount):
        from .gmail import GmailConnector

        return GmailConnector(account, state_dir)
    from .outlook import OutlookConnector

    return OutlookConnector(account, state_dir)
