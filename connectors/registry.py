"""Which connector serves which account, and the config model of an ``[[accounts]]`` entry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field

from connectors.base import MailConnector
from connectors.gmail.account import GmailAccount
from connectors.maildir import MaildirAccount
from connectors.outlook.account import OutlookAccount

# An ``[[accounts]]`` entry: which model applies is decided by its ``provider`` key.
AccountConfig = Annotated[
    MaildirAccount | GmailAccount | OutlookAccount, Field(discriminator="provider")
]


def open_connector(account: AccountConfig, state_dir: Path) -> MailConnector:
    if isinstance(account, MaildirAccount):
        from connectors.maildir import MaildirConnector

        return MaildirConnector(account)
    if isinstance(account, GmailAccount):
        from connectors.gmail.connector import GmailConnector

        return GmailConnector(account, state_dir)
    from connectors.outlook.connector import OutlookConnector

    return OutlookConnector(account, state_dir)
