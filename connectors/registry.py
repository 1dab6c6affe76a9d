"""Which connector serves which account. Provider modules are imported lazily so a Maildir
user never loads the Google or Microsoft client libraries."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from .base import MailConnector
from .maildir import MaildirAccount

if TYPE_CHECKING:
    from .gmail import GmailAccount
    from .outlook import OutlookAccount


def account_type() -> object:
    """The config model of an ``[[accounts]]`` entry: a union keyed by ``provider``."""
    from .gmail import GmailAccount
    from .outlook import OutlookAccount

    return Annotated[
        MaildirAccount | GmailAccount | OutlookAccount, Field(discriminator="provider")
    ]


def open_connector(
    account: MaildirAccount | GmailAccount | OutlookAccount, state_dir: Path
) -> MailConnector:
    if isinstance(account, MaildirAccount):
        from .maildir import MaildirConnector

        return MaildirConnector(account)
    if account.provider == "gmail":
        from .gmail import GmailConnector

        return GmailConnector(account, state_dir)
    from .outlook import OutlookConnector

    return OutlookConnector(account, state_dir)
