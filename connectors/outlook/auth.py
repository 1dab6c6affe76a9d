"""Signing in to Microsoft for the Outlook connector: MSAL as a public client, one delegated
scope (Mail.ReadWrite), a token cache persisted with msal-extensions, or a ``token_command``.

The MSAL application contacts Microsoft (authority discovery) when it is built, so it is
built lazily, the first time a token is actually needed.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from connectors.errors import AuthError, ConnectorError, TransientError
from connectors.files import private_dir
from connectors.token_command import run_token_command

if TYPE_CHECKING:
    import msal
    from msal_extensions import PersistedTokenCache

    from connectors.outlook.account import OutlookAccount

log = logging.getLogger(__name__)

SCOPES = ["Mail.ReadWrite"]  # the one delegated permission: read mail and write drafts
AUTHORITY_HOST = "https://login.microsoftonline.com"
# MSAL answers that mean the sign-in itself is gone: the user must sign in again.
_SIGN_IN_AGAIN = {
    "invalid_grant",
    "interaction_required",
    "login_required",
    "consent_required",
    "invalid_client",
    "unauthorized_client",
    "expired_token",
}


@dataclass(frozen=True)
class TokenCacheFile:
    cache: PersistedTokenCache
    location: Path
    encrypted: bool

    def describe(self) -> str:
        if self.encrypted:
            return f"encrypted by the system keyring (marker file {self.location})"
        return f"an owner-only file {self.location} (no encrypted store on this system)"


def open_token_cache(state_dir: Path, account: str) -> TokenCacheFile:
    """The account's MSAL cache: encrypted where the platform offers it, else a 0600 file."""
    from msal_extensions import FilePersistence, PersistedTokenCache, build_encrypted_persistence

    tokens = private_dir(state_dir / "tokens")
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", account)
    location = tokens / f"outlook-{safe}.msal-cache"
    persistence: Any
    try:
        persistence = build_encrypted_persistence(str(location))
        encrypted = bool(persistence.is_encrypted)
    except Exception as exc:  # no Keychain/DPAPI/libsecret here: owner-only file instead
        log.debug("no encrypted token store (%s); using an owner-only file", type(exc).__name__)
        persistence = FilePersistence(str(location))
        encrypted = False
    if not encrypted:
        _owner_only(location)
    return TokenCacheFile(PersistedTokenCache(persistence), location, encrypted)


def _owner_only(location: Path) -> None:
    if not location.exists():
        location.touch(mode=0o600)
    location.chmod(0o600)


class MsalTokens:
    """Access tokens for one account from its MSAL cache, refreshed silently."""

    def __init__(self, account: OutlookAccount, state_dir: Path, http_client: Any = None) -> None:
        self.account = account
        self.state_dir = state_dir
        self.http_client = http_client
        self._app: msal.PublicClientApplication | None = None
        self._cache: TokenCacheFile | None = None
        self._lock = threading.Lock()

    @property
    def cache(self) -> TokenCacheFile:
        if self._cache is None:
            self._cache = open_token_cache(self.state_dir, self.account.name)
        return self._cache

    def app(self) -> msal.PublicClientApplication:
        if self._app is None:
            import msal
            import requests

            assert self.account.client_id is not None
            kwargs: dict[str, Any] = {}
            if self.http_client is not None:
                kwargs["http_client"] = self.http_client
            try:
                self._app = msal.PublicClientApplication(
                    self.account.client_id,
                    authority=f"{AUTHORITY_HOST}/{self.account.tenant}",
                    token_cache=self.cache.cache,
                    **kwargs,
                )
            except ValueError as exc:  # authority discovery refused the tenant
                raise ConnectorError(
                    f"account {self.account.name!r}: Microsoft does not know tenant "
                    f"{self.account.tenant!r}; check `tenant` in the [[accounts]] entry"
                ) from exc
            except requests.RequestException as exc:
                raise TransientError(
                    f"account {self.account.name!r}: cannot reach Microsoft sign-in "
                    f"({type(exc).__name__})"
                ) from exc
        return self._app

    def __call__(self, force_refresh: bool = False) -> str:
        import msal
        import requests

        with self._lock:
            app = self.app()
            try:
                accounts = app.get_accounts()
                if not accounts:
                    raise AuthError(self.account.name, "not signed in to Microsoft")
                result = app.acquire_token_silent_with_error(
                    SCOPES, account=accounts[0], force_refresh=force_refresh
                )
            except (requests.RequestException, msal.exceptions.MsalServiceError) as exc:
                raise TransientError(
                    f"account {self.account.name!r}: Microsoft sign-in service unreachable "
                    f"({type(exc).__name__})"
                ) from exc
        return _token_from(self.account.name, result)


def _token_from(account: str, result: dict[str, Any] | None) -> str:
    if result and "access_token" in result:
        return str(result["access_token"])
    if not result:
        raise AuthError(account, "the Microsoft sign-in has expired")
    error = str(result.get("error", "unknown_error"))
    if error in _SIGN_IN_AGAIN:
        raise AuthError(account, f"the Microsoft sign-in was refused ({error})")
    raise TransientError(
        f"account {account!r}: Microsoft sign-in failed ({error}); try again later"
    )


class CommandTokens:
    """``token_command``: run again whenever a token is needed (the command may cache)."""

    def __init__(self, account: str, command: str) -> None:
        self.account = account
        self.command = command

    def __call__(self, force_refresh: bool = False) -> str:
        return run_token_command(self.account, self.command)


def token_source(
    account: OutlookAccount, state_dir: Path, http_client: Any = None
) -> Callable[[bool], str]:
    if account.token_command:
        return CommandTokens(account.name, account.token_command)
    return MsalTokens(account, state_dir, http_client)


def authorize(
    account: OutlookAccount,
    state_dir: Path,
    *,
    browser: bool | None = None,
    prompt: Callable[[str], None] | None = None,
    http_client: Any = None,
) -> str:
    """Sign in (device code by default, the system browser when ``browser``) and return a
    message for the CLI to print: who signed in and where the token cache lives.

    ``prompt`` shows the device-code instructions to the user while this waits.
    ``connectors.registry.authorize`` handles accounts with ``token_command`` before this.
    """
    show = prompt or _to_stderr
    import requests

    tokens = MsalTokens(account, state_dir, http_client)
    app = tokens.app()
    try:
        if browser:
            result = app.acquire_token_interactive(SCOPES, prompt="select_account")
        else:
            flow = app.initiate_device_flow(scopes=SCOPES)
            if "user_code" not in flow:
                raise AuthError(
                    account.name,
                    f"Microsoft refused to start a device sign-in ({flow.get('error', 'unknown')})",
                )
            show(str(flow["message"]))
            result = app.acquire_token_by_device_flow(flow)
    except requests.RequestException as exc:
        raise TransientError(
            f"account {account.name!r}: cannot reach Microsoft sign-in ({type(exc).__name__})"
        ) from exc
    if not result or "access_token" not in result:
        error = (result or {}).get("error", "no answer")
        raise AuthError(account.name, f"the Microsoft sign-in did not complete ({error})")
    if not tokens.cache.encrypted:
        _owner_only(tokens.cache.location)
    who = (result.get("id_token_claims") or {}).get("preferred_username", "your account")
    return (
        f"Signed in to Microsoft as {who} for account {account.name!r} "
        f"(scope Mail.ReadWrite). Token cache: {tokens.cache.describe()}."
    )


def _to_stderr(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
