"""The few exceptions a connector may raise. Provider-specific errors are mapped here-to in
each connector, in one place, so the orchestrator handles every provider the same way."""


class ConnectorError(Exception):
    """A pass against this account failed; the message says what to do next."""


class AuthError(ConnectorError):
    """Credentials are missing, expired or revoked; the user must run ``agent auth``."""

    def __init__(self, account: str, detail: str) -> None:
        super().__init__(
            f"account {account!r}: {detail}. Run `agent auth {account}` to sign in again."
        )
        self.account = account


class AccountMisconfigured(ConnectorError):
    """The account's settings point at something that is not there (a Maildir path that
    does not exist): a configuration problem, exit status 2."""


class TransientError(ConnectorError):
    """The provider or network failed past the retry budget; a later pass may succeed."""


class CursorExpired(ConnectorError):
    """The stored sync cursor is no longer valid; connectors fall back to a full listing."""
