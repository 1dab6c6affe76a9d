"""User errors, kept apart from bugs: the CLI turns these into a message and an exit code,
never a traceback."""


class UserError(Exception):
    """Something the user can fix; the message says how. Exit status 2."""

    exit_code = 2


class ConfigError(UserError):
    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) in the configuration:\n{lines}")


class LockHeld(UserError):
    """Another agent process is writing the state."""


class AgentFailure(Exception):
    """A pass failed for a reason outside the user's config (exit status 1)."""

    exit_code = 1
