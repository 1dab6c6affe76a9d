"""The residency follow-up agent: finds what is due and drafts it. Never sends mail."""

__version__ = "0.1.0"
