"""What every ``[[accounts]]`` entry has, whatever its provider.

The rest of the agent only reads these two keys; each provider's model (in its own module,
which must not import the provider's client libraries) adds its own.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Account(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str  # the user's name for the mailbox (`agent auth NAME`)
    provider: str  # each provider narrows it to its own literal, the registry's key
