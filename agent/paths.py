"""Where the config lives by default; light, as the program's first step reads it before
anything else is imported (agent/cli/start.py)."""

from __future__ import annotations

import os
from pathlib import Path

APP = "residency-agent"


def default_config_path() -> Path:
    env = os.environ.get("AGENT_CONFIG")
    if env:
        return Path(env)
    import platformdirs  # only when no path is given: its import is about 5 ms a pass

    return Path(platformdirs.user_config_dir(APP)) / "config.toml"
