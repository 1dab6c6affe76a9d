"""`agent service`: run `agent run` at login, as a systemd user unit (Linux) or a launchd
agent (macOS).

The unit and plist texts are pure functions. Every systemctl/launchctl call goes through
one `Runner`, which tests replace; the real one says plainly when the tool is missing or
fails (e.g. no systemd user session in a container or over plain SSH).
"""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from agent.errors import AgentFailure, UserError
from connectors.files import private_dir

UNIT_NAME = "residency-agent.service"
LAUNCHD_LABEL = "local.residency-agent"


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str


Runner = Callable[[Sequence[str]], Outcome]


class ToolMissing(Exception):
    """systemctl or launchctl is not on this system."""


def run_tool(argv: Sequence[str]) -> Outcome:
    """The real runner: the tool's exit status and its combined output."""
    if shutil.which(argv[0]) is None:
        raise ToolMissing(f"`{argv[0]}` is not installed or not on PATH")
    proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=60, check=False)
    return Outcome(proc.returncode, (proc.stdout + proc.stderr).strip())


def command(python: str, config_path: Path) -> list[str]:
    return [python, "-m", "agent", "run", "--config", str(config_path)]


# -- texts (pure) ---------------------------------------------------------------------------


def _systemd_quote(arg: str) -> str:
    arg = arg.replace("%", "%%")  # systemd expands %-specifiers in ExecStart
    if arg and not any(c in arg for c in " \t\"'\\;$"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$") + '"'


def systemd_unit(argv: Sequence[str]) -> str:
    """The user unit that runs ``argv`` at login and restarts it if it crashes."""
    exec_start = " ".join(_systemd_quote(a) for a in argv)
    return f"""\
# Written by `agent service install`; remove with `agent service uninstall`.
[Unit]
Description=Residency follow-up agent (writes follow-up drafts; never sends mail)
# No network dependency: a user manager has no network-online.target, and a pass
# without network backs off and retries by itself.

[Service]
Type=simple
ExecStart={exec_start}
Environment=PYTHONUNBUFFERED=1
Restart=on-failure
RestartSec=60
# Exit status 2 is a config or usage error: restarting cannot fix it.
RestartPreventExitStatus=2
# SIGTERM lets the pass in progress finish for up to 20 s; the agent exits 0.
KillSignal=SIGTERM
TimeoutStopSec=60

[Install]
WantedBy=default.target
"""


def launchd_plist(argv: Sequence[str], log_dir: Path) -> str:
    """The launchd agent that runs ``argv`` at login and again if it crashes."""
    spec = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": list(argv),
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},  # restart after a crash, not after a stop
        "ThrottleInterval": 60,
        "ProcessType": "Background",
        "EnvironmentVariables": {"PYTHONUNBUFFERED": "1"},
        "StandardErrorPath": str(log_dir / "service-stderr.log"),
        "StandardOutPath": str(log_dir / "service-stdout.log"),
    }
    return plistlib.dumps(spec, sort_keys=False).decode()


# -- platforms ------------------------------------------------------------------------------


def _config_home(home: Path) -> Path:
    env = os.environ.get("XDG_CONFIG_HOME")
    return Path(env) if env else home / ".config"


@dataclass
class Service:
    """One platform's way to run the agent at login."""

    platform: str  # "linux" or "darwin"
    home: Path
    runner: Runner = run_tool

    @property
    def path(self) -> Path:
        if self.platform == "darwin":
            return self.home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
        return _config_home(self.home) / "systemd" / "user" / UNIT_NAME

    @property
    def manager(self) -> str:
        return "launchd" if self.platform == "darwin" else "systemd"

    def text(self, argv: Sequence[str], state_dir: Path) -> str:
        if self.platform == "darwin":
            return launchd_plist(argv, state_dir)
        return systemd_unit(argv)

    def _steps(self, action: str) -> list[list[str]]:
        p = str(self.path)
        if self.platform == "darwin":
            return {
                "install": [["launchctl", "load", "-w", p]],
                "uninstall": [["launchctl", "unload", "-w", p]],
            }[action]
        ctl = ["systemctl", "--user"]
        return {
            # try-restart: a rewritten unit replaces the one running; enable --now: first start
            "install": [
                [*ctl, "daemon-reload"],
                [*ctl, "try-restart", UNIT_NAME],
                [*ctl, "enable", "--now", UNIT_NAME],
            ],
            "uninstall": [[*ctl, "disable", "--now", UNIT_NAME]],
        }[action]

    def _run(self, steps: list[list[str]]) -> str | None:
        """Runs the steps in order; the first problem as a sentence, or None."""
        for argv in steps:
            try:
                result = self.runner(argv)
            except (ToolMissing, OSError, subprocess.SubprocessError) as exc:
                return str(exc)
            if result.code != 0:
                return f"`{' '.join(argv)}` failed ({result.code}): {result.output or 'no output'}"
        return None

    def install(self, argv: Sequence[str], state_dir: Path) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.platform == "darwin" and self.path.exists():
            self._run(self._steps("uninstall"))  # launchctl load does not reload a changed plist
        self.path.write_text(self.text(argv, state_dir))
        if self.platform == "darwin":
            private_dir(state_dir)  # launchd writes the stderr log there
        problem = self._run(self._steps("install"))
        if problem:
            manual = " && ".join(" ".join(s) for s in self._steps("install"))
            raise AgentFailure(
                f"wrote {self.path}, but could not start it with {self.manager}: {problem}. "
                f"In a login session with {self.manager} running, start it with: {manual}"
            )
        return f"Installed and started {self.path}; `agent run` now starts at login."

    def uninstall(self) -> str:
        if not self.path.exists():
            return f"Nothing to remove: {self.path} does not exist."
        problem = self._run(self._steps("uninstall"))
        self.path.unlink()
        if self.platform != "darwin":
            self._run([["systemctl", "--user", "daemon-reload"]])
        if problem:
            return (
                f"Removed {self.path}. Note: stopping it with {self.manager} failed ({problem}); "
                "if an `agent run` is still running, stop that process yourself."
            )
        return f"Stopped and removed {self.path}."

    def status(self) -> str:
        if not self.path.exists():
            return f"Not installed ({self.path} does not exist); `agent service install` adds it."
        lines = [f"Installed: {self.path}"]
        if self.platform == "darwin":
            probe = [["launchctl", "list", LAUNCHD_LABEL]]
        else:
            probe = [["systemctl", "--user", "is-active", UNIT_NAME]]
        try:
            result = self.runner(probe[0])
        except (ToolMissing, OSError, subprocess.SubprocessError) as exc:
            lines.append(f"Running: unknown ({exc})")
            return "\n".join(lines)
        if self.platform == "darwin":
            running = result.code == 0 and '"PID"' in result.output
            state = "yes" if running else ("loaded, not running" if result.code == 0 else "no")
        else:
            known = {
                "active": "yes",
                "inactive": "no",
                "failed": f"no (it failed; see `journalctl --user -u {UNIT_NAME}`)",
                "activating": "starting",
                "deactivating": "stopping",
            }
            state = known.get(result.output, f"unknown ({result.output or result.code})")
        lines.append(f"Running: {state}")
        return "\n".join(lines)


def for_this_system(runner: Runner = run_tool, home: Path | None = None) -> Service:
    platform = sys.platform
    if platform not in ("linux", "darwin"):
        raise UserError(
            f"`agent service` knows systemd (Linux) and launchd (macOS), not {sys.platform}; "
            "start `agent run` with your system's own startup mechanism instead"
        )
    return Service(platform, home or Path.home(), runner)
