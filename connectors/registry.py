"""The providers, one entry each. Everything the agent knows about a provider is derived from
its entry: the config model of an ``[[accounts]]`` entry (``AccountConfig``), which of its keys
are paths, the config's ``provider must be one of ...`` message, ``agent auth`` (``authorize``)
and ``open_connector``.

Connector classes and sign-in functions are named by dotted path and imported only when used,
so reading a config never loads a provider's client libraries.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Field

from connectors.account import Account
from connectors.base import MailConnector
from connectors.gmail.account import GmailAccount
from connectors.imap.account import ImapAccount
from connectors.maildir import MaildirAccount
from connectors.outlook.account import OutlookAccount
from connectors.token_command import run_token_command


@dataclass(frozen=True)
class Provider:
    name: str  # the value of `provider` in an [[accounts]] entry
    label: str  # how a message names such an account: "a local Maildir"
    account: type[Account]  # its config model; its module imports no client library
    connector: str  # "module:Class", called as Class(account, state_dir)
    authorize: str | None  # "module:function" that signs in; None: needs no sign-in
    path_keys: tuple[str, ...] = ()  # keys holding a path, relative to the config file


PROVIDERS: tuple[Provider, ...] = (
    Provider(
        name="maildir",
        label="a local Maildir",
        account=MaildirAccount,
        connector="connectors.maildir:MaildirConnector",
        authorize=None,
        path_keys=("path",),
    ),
    Provider(
        name="gmail",
        label="a Gmail account",
        account=GmailAccount,
        connector="connectors.gmail.connector:GmailConnector",
        authorize="connectors.gmail.auth:authorize",
        path_keys=("client_secrets_file",),
    ),
    Provider(
        name="outlook",
        label="an Outlook account",
        account=OutlookAccount,
        connector="connectors.outlook.connector:OutlookConnector",
        authorize="connectors.outlook.auth:authorize",
    ),
    Provider(
        name="imap",
        label="an IMAP account",
        account=ImapAccount,
        connector="connectors.imap.connector:ImapConnector",
        authorize="connectors.imap.auth:authorize",
    ),
)
NAMES: tuple[str, ...] = tuple(p.name for p in PROVIDERS)

if TYPE_CHECKING:
    AccountConfig = Account
else:
    # An [[accounts]] entry: which model applies is decided by its `provider` key.
    AccountConfig = Annotated[
        Union[tuple(p.account for p in PROVIDERS)],  # noqa: UP007 (built from the entries)
        Field(discriminator="provider"),
    ]


def find(name: object) -> Provider | None:
    """The entry for a `provider` value, None for an unknown one."""
    return next((p for p in PROVIDERS if p.name == name), None)


def provider_of(account: Account) -> Provider:
    entry = find(account.provider)
    if entry is None or not isinstance(account, entry.account):
        raise ValueError(f"account {account.name!r}: no provider {account.provider!r}")
    return entry


def open_connector(account: Account, state_dir: Path) -> MailConnector:
    entry = provider_of(account)
    connector: Callable[..., MailConnector] = _load(entry.connector)
    return connector(account, state_dir)


def authorize(account: Account, state_dir: Path, *, browser: bool | None = None) -> str:
    """Sign ``account`` in (``agent auth``) and return the message to print.

    ``browser`` is the user's choice of a browser sign-in; None lets the provider decide.
    An account with a ``token_command`` key is checked by running the command instead.
    """
    entry = provider_of(account)
    if entry.authorize is None:
        return f"Account {account.name!r} is {entry.label}; it needs no sign-in."
    command = getattr(account, "token_command", None)
    if command:  # the user's command replaces the sign-in: check that it prints a token
        run_token_command(account.name, command)
        return (
            f"Account {account.name!r} uses token_command; the command printed a token, "
            "so there is nothing to sign in."
        )
    sign_in: Callable[..., str] = _load(entry.authorize)
    return sign_in(account, state_dir, browser=browser)


def _load(path: str) -> Any:
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)
