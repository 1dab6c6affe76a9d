"""Gmail sign-in: the desktop OAuth flow, the stored token, or a ``token_command``.

Scopes are exactly ``gmail.readonly`` (read mail, history and drafts) and ``gmail.compose``
(create drafts). ``gmail.compose`` would also allow sending; the connector never calls a send
method, and tests check that against the emulator's request log.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import google.auth.credentials
from google.auth.exceptions import GoogleAuthError, RefreshError
from google.oauth2.credentials import Credentials as OAuthCredentials

from connectors.errors import AuthError
from connectors.files import write_private
from connectors.token_command import run_token_command

if TYPE_CHECKING:
    from connectors.gmail.account import GmailAccount

log = logging.getLogger(__name__)

SCOPES = (
    "https://www.googleapis.com/auth/gmail.readonly",
    "https://www.googleapis.com/auth/gmail.compose",
)
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"
TESTING_MODE_HINT = (
    "Google refuses the saved sign-in (invalid_grant: the refresh token was revoked or "
    "has expired). If your Google Cloud project is still in 'Testing' mode, its refresh "
    "tokens expire after 7 days: sign in again, or publish the app (README: Gmail accounts)"
)


def token_path(account: GmailAccount, state_dir: Path) -> Path:
    return state_dir / "tokens" / f"{account.name}.json"


def save_token(path: Path, credentials: OAuthCredentials) -> None:
    write_private(path, credentials.to_json().encode())


def refresh_failure(account: str, exc: GoogleAuthError) -> AuthError:
    """The one place a failed refresh becomes a message for the user."""
    text = str(exc)
    if "invalid_grant" in text:
        return AuthError(account, TESTING_MODE_HINT)
    if "invalid_client" in text or "unauthorized_client" in text:
        return AuthError(
            account, "Google no longer accepts the OAuth client (was it deleted or reset?)"
        )
    return AuthError(account, f"could not refresh the Google sign-in ({type(exc).__name__})")


class TokenCommandCredentials(google.auth.credentials.Credentials):
    """An access token printed by a user command (like mbsync's PassCmd), re-run on 401."""

    def __init__(self, account: str, command: str) -> None:
        super().__init__()
        self._account = account
        self._command = command

    def refresh(self, request: Any) -> None:
        self.token = run_token_command(self._account, self._command)
        self.expiry = None  # unknown: refreshed when the API answers 401


def _token_uri(saved: object) -> str:
    """Where refresh tokens go: Google, or an identity provider on this machine (tests).
    google-auth's own loader always forces Google's endpoint; we keep the same guarantee
    that a refresh token never leaves for a third party."""
    if isinstance(saved, str):
        host = urlsplit(saved).hostname or ""
        google = saved.startswith("https://") and (
            host == "oauth2.googleapis.com" or host == "accounts.google.com"
        )
        if google or host in ("127.0.0.1", "localhost", "::1"):
            return saved
    return GOOGLE_TOKEN_URI


def _credentials_from(info: dict[str, Any]) -> OAuthCredentials:
    missing = {"refresh_token", "client_id", "client_secret"} - set(info)
    if missing:
        raise ValueError(f"token file lacks {', '.join(sorted(missing))}")
    expiry = None
    if info.get("expiry"):
        expiry = datetime.strptime(
            str(info["expiry"]).rstrip("Z").split(".")[0], "%Y-%m-%dT%H:%M:%S"
        )
    return OAuthCredentials(
        token=info.get("token"),
        refresh_token=info["refresh_token"],
        token_uri=_token_uri(info.get("token_uri")),
        client_id=info["client_id"],
        client_secret=info["client_secret"],
        scopes=list(SCOPES),
        expiry=expiry,  # naive UTC, as google-auth expects
    )


def load_credentials(account: GmailAccount, state_dir: Path) -> google.auth.credentials.Credentials:
    """Credentials ready for the API, refreshed (and saved) when the access token expired."""
    if account.token_command:
        return TokenCommandCredentials(account.name, account.token_command)
    path = token_path(account, state_dir)
    try:
        info = json.loads(path.read_text())
        credentials = _credentials_from(info)
    except FileNotFoundError:
        raise AuthError(account.name, "not signed in to Gmail yet") from None
    except (OSError, ValueError) as exc:
        raise AuthError(account.name, f"the saved token {path} is unreadable") from exc
    granted = set(info.get("scopes") or SCOPES)
    if not set(SCOPES) <= granted:
        raise AuthError(account.name, "the saved sign-in lacks the Gmail scopes the agent needs")
    if not credentials.valid:
        from google.auth.transport.requests import Request

        try:
            credentials.refresh(Request())
        except RefreshError as exc:
            raise refresh_failure(account.name, exc) from exc
        except GoogleAuthError as exc:
            raise refresh_failure(account.name, exc) from exc
        save_token(path, credentials)
    return credentials


def _browser_available() -> bool:
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return False
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def authorize(account: GmailAccount, state_dir: Path, *, browser: bool | None = None) -> str:
    """Run the desktop OAuth flow (loopback redirect) and save the token; return a message.

    ``browser=None`` opens a browser when one is likely (not over SSH); ``False`` only
    prints the URL, for signing in from another machine. ``connectors.registry.authorize``
    handles accounts with ``token_command`` before calling this.
    """
    if account.client_secrets_file is None:  # the model validator makes this unreachable
        raise AuthError(account.name, "set client_secrets_file or token_command")
    from google_auth_oauthlib.flow import InstalledAppFlow

    try:
        flow = InstalledAppFlow.from_client_secrets_file(
            str(account.client_secrets_file), scopes=list(SCOPES)
        )
    except (OSError, ValueError) as exc:
        raise AuthError(
            account.name,
            f"cannot read client_secrets_file {account.client_secrets_file} "
            "(download the desktop OAuth client JSON from Google Cloud Console)",
        ) from exc
    open_browser = _browser_available() if browser is None else browser
    prompt = (
        "Open this URL in a browser to let the agent read mail and write drafts:\n\n  {url}\n\n"
        "Google then sends the browser to http://localhost:PORT/ on THIS machine (PORT is in "
        "redirect_uri in the URL). Over SSH, forward it from the computer with the browser "
        "first: ssh -L PORT:localhost:PORT this-host. Waiting for the sign-in..."
    )
    try:
        credentials = flow.run_local_server(
            host="localhost",
            port=0,
            open_browser=open_browser,
            authorization_prompt_message=prompt,
            success_message="Signed in. You can close this tab and return to the terminal.",
            access_type="offline",
            prompt="consent",  # always issue a refresh token, even on a second sign-in
        )
    except Exception as exc:  # oauthlib raises many kinds; each means the sign-in failed
        raise AuthError(account.name, f"sign-in failed ({type(exc).__name__})") from exc
    granted = set(credentials.granted_scopes or credentials.scopes or ())
    if granted and not set(SCOPES) <= granted:
        raise AuthError(
            account.name, "both Gmail permissions (read, compose drafts) must be granted"
        )
    path = token_path(account, state_dir)
    save_token(path, credentials)
    log.info("saved Gmail token for account %s", account.name)
    return f"Signed in account {account.name!r}; token saved to {path}."
