"""The config models of Gmail and Outlook ``[[accounts]]`` entries.

Kept apart from the connectors so that reading a config never imports the Google or
Microsoft client libraries (a Maildir user never loads them at all).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator


class GmailAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
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


class OutlookAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    provider: Literal["outlook"]
    client_id: str | None = None
    tenant: str = "common"  # consumers (outlook.com), organizations, or a tenant id/domain
    token_command: str | None = None
    api_endpoint: str | None = None  # Graph base URL; for emulators and tests

    @field_validator("tenant")
    @classmethod
    def _tenant_segment(cls, value: str) -> str:
        if not value or "/" in value or " " in value:
            raise ValueError("must be common, consumers, organizations, or a tenant id or domain")
        return value

    @field_validator("api_endpoint")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL such as https://graph.microsoft.com/v1.0")
        return value.rstrip("/") if value else value

    @model_validator(mode="after")
    def _some_way_to_sign_in(self) -> OutlookAccount:
        if not self.client_id and not self.token_command:
            raise ValueError(
                "an outlook account needs `client_id` (the application id of your app "
                "registration in Microsoft Entra) or `token_command`"
            )
        return self
