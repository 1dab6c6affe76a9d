"""The command line; the commands are in agent/cli/main.py."""

import os

# The agent uses no pydantic plugin: spare each run pydantic's scan of every installed
# package's entry points for one when the config's first model is built (~5 ms a run).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
