"""`agent run`, `agent service` and the daemon's logs: pure parts with a fixed clock, the
daemon's pass in-process, and the real daemon as a subprocess on the real clock."""

from __future__ import annotations

import json
import logging
import os
import plistlib
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agent import config as config_mod
from agent.engine.daemon import Backoff, Daemon, next_wakeup, retry_delay
from agent.engine.lock import StateLock
from agent.engine.logs import PrivacyFilter, mask
from agent.engine.service import (
    LAUNCHD_LABEL,
    Outcome,
    Service,
    ToolMissing,
    command,
    launchd_plist,
    systemd_unit,
)
from agent.engine.store import Store
from agent.errors import AgentFailure
from agent.rules.followup import Assessment
from tests.support.mailbox import Maildir
from tests.support.scenario import BASE_CONFIG, ET, LAKESIDE, mail

T0 = datetime(2026, 10, 6, 14, 0, tzinfo=UTC)
ME = "jordan.rivera@med.example.edu"
BOUND = 15.0  # seconds a draft may take to appear under the daemon


def upcoming(at: datetime | None, state: str = "upcoming") -> Assessment:
    return Assessment("Lakeside", "thank-you", "Dr. Chen", state, at)  # type: ignore[arg-type]


# -- next wake-up (pure) --------------------------------------------------------------------


def test_next_wakeup_is_the_earliest_upcoming_moment_after_now() -> None:
    items = [
        upcoming(T0 + timedelta(hours=2)),
        upcoming(T0 + timedelta(minutes=30)),
        upcoming(T0 + timedelta(minutes=5), state="due"),  # `at` of a due item: its close
        upcoming(T0 + timedelta(minutes=1), state="drafted"),
        upcoming(None),
        upcoming(T0 - timedelta(minutes=1)),  # a stale moment is never a wake-up
        upcoming(T0),
    ]
    assert next_wakeup(items, T0) == T0 + timedelta(minutes=30)


def test_no_wakeup_when_nothing_is_upcoming() -> None:
    assert next_wakeup([], T0) is None
    assert next_wakeup([upcoming(T0 + timedelta(hours=1), state="due")], T0) is None


# -- backoff (pure) -------------------------------------------------------------------------


def test_retry_delay_doubles_per_failure_up_to_an_hour() -> None:
    ten = timedelta(minutes=10)
    assert [retry_delay(n, ten) for n in range(6)] == [
        timedelta(0),
        ten,
        2 * ten,
        4 * ten,
        timedelta(hours=1),
        timedelta(hours=1),
    ]
    assert retry_delay(3, timedelta(hours=2)) == timedelta(hours=2)  # never below one interval
    assert retry_delay(10_000, ten) == timedelta(hours=1)


def test_a_failing_account_rests_longer_each_time_and_others_are_unaffected() -> None:
    i = timedelta(minutes=10)
    backoff = Backoff(i)
    backoff.record("gmail", T0, "network down")
    backoff.record("school", T0, None)
    assert backoff.resting("gmail", T0 + i) is None  # one failure costs no pass
    backoff.record("gmail", T0 + i, "network down")
    trouble = backoff.resting("gmail", T0 + 2 * i)
    assert trouble is not None and trouble.failures == 2
    assert trouble.last_error == "network down"
    assert backoff.resting("school", T0 + 2 * i) is None
    assert backoff.resting("gmail", T0 + 3 * i) is None
    backoff.record("gmail", T0 + 3 * i, None)
    assert backoff.accounts == {}


# -- the daemon's pass, in-process with a fixed clock ----------------------------------------


def write_config(root: Path, text: str) -> config_mod.Config:
    path = root / "config.toml"
    path.write_text(text)
    return config_mod.load(path)


def test_a_pass_drafts_backs_off_a_broken_account_and_keeps_its_last_error(
    tmp_path: Path,
) -> None:
    Maildir(tmp_path / "mail")
    broken = '\n[[accounts]]\nname = "old"\nprovider = "maildir"\npath = "nowhere"\n'
    later = LAKESIDE.replace("Lakeside", "Later").replace("lakesidemed", "latermed")
    later = later.replace("2026-10-05T", "2026-10-08T")
    config = write_config(tmp_path, BASE_CONFIG + broken + LAKESIDE + later)
    clock = [T0]
    daemon = Daemon(config, interval=timedelta(minutes=10), clock=lambda: clock[0])

    report = daemon.run_once()
    assert report is not None and len(report.written) == 2
    assert [a.error is None for a in report.accounts] == [True, False]
    # Later's interview ends Oct 8, 13:00 Chicago time: the exact wake-up is set for it.
    wake = datetime(2026, 10, 8, 18, 0, tzinfo=UTC)
    assert daemon._wake_job == f"wake-up {wake.isoformat()}"
    assert daemon.scheduler.get_job(daemon._wake_job) is not None

    clock[0] = T0 + timedelta(minutes=10)
    daemon.run_once()  # second failure: rests for two intervals
    clock[0] = T0 + timedelta(minutes=20)
    report = daemon.run_once()
    assert report is not None
    old = report.accounts[1]
    assert old.error is not None and old.error.startswith("not retried before")
    assert "nowhere does not exist" in old.error  # the real error is still what the user sees
    store = Store(config.agent.state_dir / "state.sqlite3", readonly=True)
    health = store.account_health()
    store.close()
    assert health["school"].last_pass == clock[0] and health["school"].last_error is None
    assert "nowhere does not exist" in (health["old"].last_error or "")
    assert daemon.backoff.accounts["old"].failures == 2  # resting is not another failure


def test_a_pass_that_finds_the_state_locked_is_retried_a_minute_later(tmp_path: Path) -> None:
    Maildir(tmp_path / "mail")
    config = write_config(tmp_path, BASE_CONFIG + LAKESIDE)
    daemon = Daemon(config, interval=timedelta(minutes=10), clock=lambda: T0, lock_wait=0.1)
    with StateLock(config.agent.state_dir):
        assert daemon.run_once() is None
    assert daemon._wake_job == f"wake-up {(T0 + timedelta(minutes=1)).isoformat()}"


# -- service texts and commands ---------------------------------------------------------------


def test_systemd_unit_runs_this_python_with_the_absolute_config_at_login() -> None:
    argv = command("/home/j/.venv/bin/python", Path("/home/j/.config/residency-agent/config.toml"))
    unit = systemd_unit(argv)
    assert (
        "ExecStart=/home/j/.venv/bin/python -m agent run "
        "--config /home/j/.config/residency-agent/config.toml\n"
    ) in unit
    assert "WantedBy=default.target" in unit
    assert "Restart=on-failure" in unit and "RestartPreventExitStatus=2" in unit


def test_systemd_unit_quotes_spaces_and_escapes_percent_signs() -> None:
    unit = systemd_unit(command("/opt/my py/bin/python", Path("/home/j/100% sure/c.toml")))
    assert (
        'ExecStart="/opt/my py/bin/python" -m agent run --config "/home/j/100%% sure/c.toml"'
        in (unit)
    )


def test_launchd_plist_runs_at_load_and_restarts_only_after_a_crash() -> None:
    argv = command("/Users/j/.venv/bin/python", Path("/Users/j/agent.toml"))
    spec = plistlib.loads(launchd_plist(argv, Path("/Users/j/state")).encode())
    assert spec["Label"] == LAUNCHD_LABEL
    assert spec["ProgramArguments"] == [
        "/Users/j/.venv/bin/python",
        "-m",
        "agent",
        "run",
        "--config",
        "/Users/j/agent.toml",
    ]
    assert spec["RunAtLoad"] is True
    assert spec["KeepAlive"] == {"SuccessfulExit": False}
    assert spec["StandardErrorPath"] == "/Users/j/state/service-stderr.log"


class FakeTools:
    def __init__(self, fail: Callable[[Sequence[str]], Outcome | None] | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail = fail

    def __call__(self, argv: Sequence[str]) -> Outcome:
        self.calls.append(list(argv))
        problem = self.fail(argv) if self.fail else None
        return problem or Outcome(0, "active")


def test_service_install_status_uninstall_on_linux(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    tools = FakeTools()
    service = Service("linux", tmp_path, tools)
    argv = command(sys.executable, tmp_path / "config.toml")
    message = service.install(argv, tmp_path / "state")
    unit = tmp_path / ".config/systemd/user/residency-agent.service"
    assert service.path == unit and unit.read_text() == systemd_unit(argv)
    assert "Installed and started" in message
    assert tools.calls[-1] == ["systemctl", "--user", "enable", "--now", "residency-agent.service"]
    assert service.status() == f"Installed: {unit}\nRunning: yes"
    assert "Stopped and removed" in service.uninstall()
    assert not unit.exists()
    assert ["systemctl", "--user", "disable", "--now", "residency-agent.service"] in tools.calls
    assert "Not installed" in service.status()


def test_service_install_without_systemd_writes_the_unit_and_says_how_to_start_it(
    tmp_path: Path,
) -> None:
    def missing(argv: Sequence[str]) -> Outcome:
        raise ToolMissing("`systemctl` is not installed or not on PATH")

    service = Service("linux", tmp_path, missing)
    with pytest.raises(AgentFailure) as failure:
        service.install(command(sys.executable, tmp_path / "c.toml"), tmp_path / "state")
    assert service.path.exists()
    assert "systemctl` is not installed" in str(failure.value)
    assert "systemctl --user enable --now residency-agent.service" in str(failure.value)
    assert "Running: unknown (`systemctl` is not installed" in service.status()

    no_bus = FakeTools(lambda argv: Outcome(1, "Failed to connect to bus: No medium found"))
    service = Service("linux", tmp_path, no_bus)
    with pytest.raises(AgentFailure, match="Failed to connect to bus"):
        service.install(command(sys.executable, tmp_path / "c.toml"), tmp_path / "state")


def test_service_on_macos_is_a_launch_agent(tmp_path: Path) -> None:
    tools = FakeTools(lambda argv: Outcome(0, '{\n\t"PID" = 4242;\n}') if "list" in argv else None)
    service = Service("darwin", tmp_path, tools)
    service.install(command(sys.executable, tmp_path / "c.toml"), tmp_path / "state")
    plist = tmp_path / "Library/LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
    assert service.path == plist and plist.exists()
    assert tools.calls == [["launchctl", "load", "-w", str(plist)]]
    assert service.status().endswith("Running: yes")
    service.uninstall()
    assert tools.calls[-1] == ["launchctl", "unload", "-w", str(plist)] and not plist.exists()


# -- log privacy ------------------------------------------------------------------------------


def test_third_party_addresses_and_tokens_are_masked_the_applicants_kept() -> None:
    keep = frozenset([ME])
    text = f"drafted thank-you:lakeside:1:pnatarajan@lakesidemed.org from {ME}"
    assert mask(text, keep) == f"drafted thank-you:lakeside:1:p***@lakesidemed.org from {ME}"
    assert mask("Authorization: Bearer ya29.a0AfH6SMBxyz123", keep) == (
        "Authorization: Bearer [redacted]"
    )


def test_the_filter_masks_info_and_above_and_leaves_debug_alone() -> None:
    privacy = PrivacyFilter([ME])

    def record(level: int) -> logging.LogRecord:
        return logging.LogRecord("agent", level, __file__, 1, "to %s", ("mchen@x.org",), None)

    info, debug = record(logging.INFO), record(logging.DEBUG)
    assert privacy.filter(info) and privacy.filter(debug)
    assert info.getMessage() == "to m***@x.org"
    assert debug.getMessage() == "to mchen@x.org"


# -- the real daemon, as a subprocess on the real clock ---------------------------------------


def toml_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def config_text(interview_start: datetime, interview_end: datetime) -> str:
    start = (datetime.now(UTC) - timedelta(days=60)).date().isoformat()
    return f"""
[applicant]
name = "Jordan Rivera"
email = "{ME}"
timezone = "America/New_York"

[agent]
state_dir = "state"
season_start = {start}

[[accounts]]
name = "school"
provider = "maildir"
path = "mail"

[[programs]]
name = "Lakeside Medical Center Internal Medicine Residency"
domains = ["lakesidemed.org"]
interview = {toml_time(interview_start)}
interview_end = {toml_time(interview_end)}

[[programs.interviewers]]
name = "Dr. Priya Natarajan"
email = "pnatarajan@lakesidemed.org"
notes = "her QI project on sepsis bundles"

[[programs.interviewers]]
name = "Dr. Marcus Chen"
email = "mchen@lakesidemed.org"

[[programs]]
name = "Bayview Community Hospital Internal Medicine Residency"
domains = ["bayviewhospital.org"]

[[programs.interviewers]]
name = "Dr. Lee Park"
email = "lpark@bayviewhospital.org"
"""


class Running:
    """`python -m agent run` in a temp dir, stopped (SIGTERM) and reaped by the test."""

    def __init__(self, root: Path, interval: float) -> None:
        self.root = root
        self.box = Maildir(root / "mail")
        self.proc = subprocess.Popen(
            [
                *agent(),
                "run",
                "--config",
                str(root / "config.toml"),
                "--interval-seconds",
                f"{interval}",
            ],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def drafts_to(self) -> list[str]:
        return sorted(
            line.split("<")[-1].rstrip(">").strip()
            for p in self.box.drafts()
            for line in p.read_text().splitlines()
            if line.startswith("To:")
        )

    def wait_for(self, count: int, bound: float = BOUND) -> float:
        started = time.monotonic()
        while time.monotonic() - started < bound:
            if len(self.box.drafts()) >= count:
                return time.monotonic() - started
            assert self.proc.poll() is None, self.proc.communicate()[1]
            time.sleep(0.1)
        raise AssertionError(f"{count} drafts did not appear within {bound} s: {self.drafts_to()}")

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGTERM)
        _, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, err


def agent() -> list[str]:
    return [sys.executable, "-m", "agent"]


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Callable[[float], Running]]:
    started: list[Running] = []

    def start(interval: float) -> Running:
        started.append(Running(tmp_path, interval))
        return started[-1]

    yield start
    for daemon in started:
        if daemon.proc.poll() is None:
            daemon.proc.kill()
            daemon.proc.communicate()


def test_daemon_drafts_picks_up_new_mail_coexists_with_status_and_stops_cleanly(
    tmp_path: Path, running: Callable[[float], Running]
) -> None:
    now = datetime.now(UTC)
    (tmp_path / "config.toml").write_text(
        config_text(now - timedelta(hours=6), now - timedelta(hours=1))
    )
    daemon = running(1.0)
    daemon.wait_for(2)
    assert daemon.drafts_to() == ["mchen@lakesidemed.org", "pnatarajan@lakesidemed.org"]

    # New mail: Bayview confirms an interview that ended two hours ago (its window is open).
    local = (datetime.now(ET) - timedelta(hours=6)).replace(minute=0, second=0, microsecond=0)
    daemon.box.deliver(
        mail(
            subject="Interview confirmation",
            sender="Kim Ross <kross@bayviewhospital.org>",
            body=f"Your interview is scheduled for {local:%B %-d, %Y} at {local:%-I:%M %p} ET.",
            date=local - timedelta(days=2),
        )
    )
    daemon.wait_for(3)
    assert "lpark@bayviewhospital.org" in daemon.drafts_to()

    status = subprocess.run(
        [*agent(), "status", "--json", "--config", str(tmp_path / "config.toml")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert status.returncode == 0, status.stderr
    assert "Bayview Community Hospital" in status.stdout
    json.loads(status.stdout)

    time.sleep(1.5)  # another pass or two: still no duplicate
    code, err = daemon.stop()
    assert code == 0, err
    assert "stopped" in err
    assert len(daemon.box.drafts()) == 3

    db = sqlite3.connect(tmp_path / "state" / "state.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = db.execute("SELECT recipient, state FROM ledger ORDER BY recipient").fetchall()
    assert rows == [
        ("lpark@bayviewhospital.org", "created"),
        ("mchen@lakesidemed.org", "created"),
        ("pnatarajan@lakesidemed.org", "created"),
    ]
    db.close()

    log = tmp_path / "state" / "agent.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "p***@lakesidemed.org" in text and "l***@bayviewhospital.org" in text
    for full in ("pnatarajan@lakesidemed.org", "lpark@bayviewhospital.org", "kross@"):
        assert full not in text and full not in err
    assert "sepsis" not in text  # nothing of a draft's body


def test_daemon_wakes_up_when_the_interview_ends_not_an_interval_later(
    tmp_path: Path, running: Callable[[float], Running]
) -> None:
    # Far enough ahead that a slow start on a loaded machine still has its first pass before.
    end = datetime.now(UTC) + timedelta(seconds=8)
    (tmp_path / "config.toml").write_text(config_text(end - timedelta(hours=3), end))
    daemon = running(3600.0)  # the interval alone would not pass again for an hour
    time.sleep(2.0)
    assert daemon.box.drafts() == []
    daemon.wait_for(2, bound=BOUND)
    assert datetime.now(UTC) >= end
    code, err = daemon.stop()
    assert code == 0, err
    assert "next wake-up at" in err


def test_sync_while_a_pass_holds_the_lock_exits_2_naming_the_holder(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    (tmp_path / "config.toml").write_text(config_text(now - timedelta(hours=6), now))
    Maildir(tmp_path / "mail")
    with StateLock(tmp_path / "state"):
        sync = subprocess.run(
            [*agent(), "sync", "--config", str(tmp_path / "config.toml")],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "AGENT_LOCK_WAIT_SECONDS": "0.3"},
        )
    assert sync.returncode == 2
    assert f"another agent process (pid {os.getpid()}) is using the state" in sync.stderr
    assert "Traceback" not in sync.stderr


SLOW_DAEMON = """
import sys, time
from datetime import timedelta
from pathlib import Path
from agent import config
from agent.engine import logs
from agent.engine.daemon import Daemon
from agent.engine.sync import default_connector

def slow(cfg, account):
    print("pass started", flush=True)
    time.sleep(60)
    return default_connector(cfg, account)

cfg = config.load(Path(sys.argv[1]))
logs.setup(cfg.agent.state_dir, cfg.applicant.addresses)
Daemon(cfg, interval=timedelta(hours=1), connect=slow).run()
"""


def test_a_second_sigterm_abandons_a_long_pass_safely_and_exits_0(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    config = tmp_path / "config.toml"
    config.write_text(config_text(now - timedelta(hours=6), now - timedelta(hours=1)))
    box = Maildir(tmp_path / "mail")
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_DAEMON, str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "pass started\n"
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert proc.poll() is None  # the first signal waits for the pass to finish
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "abandoning the pass in progress" in err
    db = sqlite3.connect(tmp_path / "state" / "state.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    # The lock went with the process, and the next pass does the work.
    sync = subprocess.run(
        [*agent(), "sync", "--config", str(config)], capture_output=True, text=True, timeout=30
    )
    assert sync.returncode == 0, sync.stderr
    assert len(box.drafts()) == 2
