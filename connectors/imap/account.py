"""The config model of an IMAP ``[[accounts]]`` entry; imports no client library."""

from __future__ import annotations

import ipaddress
from typing import Literal

from pydantic import Field, field_validator, model_validator

from connectors.account import Account

Security = Literal["tls", "starttls", "none"]
KEYRING_SERVICE = "residency-agent"  # the keyring entry: this service, the account's name
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    name = host.strip().strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class ImapAccount(Account):
    provider: Literal["imap"]
    host: str
    port: int | None = Field(default=None, ge=1, le=65535)  # None: 993 for tls, else 143
    security: Security = "tls"
    username: str
    password_command: str | None = None  # prints the password; else the OS keyring
    sent_folder: str | None = None  # None: found by SPECIAL-USE \Sent, then common names
    drafts_folder: str | None = None  # None: found by SPECIAL-USE \Drafts, then common names

    @property
    def server_port(self) -> int:
        if self.port is not None:
            return self.port
        return 993 if self.security == "tls" else 143

    @field_validator("host", "username")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @field_validator("sent_folder", "drafts_folder", "password_command")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value if value is None or value.strip() else None

    @model_validator(mode="before")
    @classmethod
    def _no_password_key(cls, data: object) -> object:
        if isinstance(data, dict) and "password" in data:
            raise ValueError(
                "an IMAP account never holds its password in the config file: remove "
                "`password` and set `password_command` (a command printing it) or run "
                "`agent auth NAME` to store it in the OS keyring"
            )
        return data

    @model_validator(mode="after")
    def _plaintext_only_on_loopback(self) -> ImapAccount:
        if self.security == "none" and not is_loopback(self.host):
            raise ValueError(
                f'security = "none" sends the password unencrypted; it is allowed only for a '
                f"server on this machine (127.0.0.1, localhost), not {self.host!r}. Use "
                '"tls" (port 993) or "starttls" (port 143)'
            )
        return self
