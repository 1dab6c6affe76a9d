"""Where the config and the state live by default; light, as the program's first step reads
the config before anything else is imported (agent/cli/start.py). platformdirs is imported
only when a path is not given (about 5 ms a pass)."""

from __future__ import annotations

import os
from pathlib import Path

APP = "residency-agent"


def default_config_path() -> Path:
    env = os.environ.get("AGENT_CONFIG")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_state_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP))
