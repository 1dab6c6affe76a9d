"""Signing in to an IMAP account is checking its password: ``agent auth NAME``."""

from connectors.imap.auth.signin import authorize

__all__ = ["authorize"]
