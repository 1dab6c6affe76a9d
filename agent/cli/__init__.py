"""The command line; the commands are in agent/cli/main.py."""

import gc
import os

# The agent uses no pydantic plugin: spare each run pydantic's scan of every installed
# package's entry points for one when the config's first model is built (~5 ms a run).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# A young generation of 50,000 objects, not 700, before the cyclic collector looks: most of
# what a run makes is freed by its last reference going, and what stays (the imports, the
# season's mail) is otherwise walked again and again (agent.cli.main freezes the imports).
gc.set_threshold(50_000, 20, 10)
