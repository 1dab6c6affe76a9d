"""The config model of a Gmail ``[[accounts]]`` entry.

Kept apart from the connector so that reading a config never imports the Google client
libraries (a Maildir user never loads them at all).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import field_validator, model_validator

from connectors.account import Account


class GmailAccount(Account):
    provider: Literal["gmail"]
    client_secrets_file: Path | None = None
    token_command: str | None = None
    api_endpoint: str | None = None  # base URL of the API, for emulators and tests

    @field_validator("client_secrets_file")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @field_validator("api_endpoint")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
            raise ValueError("must be an http(s) URL such as https://gmail.googleapis.com/")
        return value

    @model_validator(mode="after")
    def _has_credentials(self) -> GmailAccount:
        if self.client_secrets_file is None and not (self.token_command or "").strip():
            raise ValueError(
                "a Gmail account needs `client_secrets_file` (the desktop OAuth client JSON, "
                "then run `agent auth NAME`) or `token_command` (a command printing an access "
                "token)"
            )
        return self
