"""The config model of an Outlook ``[[accounts]]`` entry.

Kept apart from the connector so that reading a config never imports msal or requests.
"""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator, model_validator

from connectors.account import Account


class OutlookAccount(Account):
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
