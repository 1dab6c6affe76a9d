"""`agent run`: sync passes on a schedule, plus an exact wake-up when something falls due.

Shape: an APScheduler 3 BackgroundScheduler with a single worker thread, and the main
thread waiting for SIGTERM/SIGINT.

- A pass every ``interval`` (with jitter, coalesced, max one instance), first one at start.
- After every pass, a one-off wake-up at `next_wakeup` of the pass's assessments (the
  moment the earliest "upcoming" follow-up becomes due), so a draft appears within a
  second or two of its moment instead of up to one interval later.
- Never two passes at once: one worker thread runs every job, and a lock guards the pass.
- The state lock is held only *during* a pass, not for the daemon's life, so a one-off
  `agent sync` can run between passes; one that arrives during a long pass waits briefly,
  then exits 2 naming the daemon's pid (see `agent.engine.lock`).
- An account whose passes fail is skipped, with a delay that doubles per failure (one
  interval, two, four, ... at most an hour); other accounts are unaffected. The backoff
  lives in memory: a restarted daemon retries every account at once.
- SIGTERM/SIGINT: no new pass starts; the pass in progress gets ``stop_grace`` seconds to
  finish, else it is abandoned (the process exits). Either way the state is consistent:
  run_pass writes in transactions and records a ledger row before each draft, so the next
  pass completes what was cut short. Exit status 0.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from agent.config import Config
from agent.engine.clock import utcnow
from agent.engine.lock import StateLock
from agent.engine.store import Store
from agent.engine.sync import ConnectorFactory, PassReport, default_connector, run_pass, state_path
from agent.errors import LockHeld
from agent.rules.followup import Assessment
from connectors.base import MailConnector
from connectors.errors import ConnectorError

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
LOCK_WAIT_SECONDS = 30.0  # the daemon waits longer than `agent sync` for a busy state
RETRY_WHEN_BUSY = timedelta(minutes=1)  # a pass skipped because the lock was held
WAKE_SLACK = timedelta(seconds=1)  # wake just after the moment, never just before it
STOP_GRACE_SECONDS = 20.0  # launchd's default ExitTimeOut; systemd's TimeoutStopSec is 60 here


def next_wakeup(assessments: Iterable[Assessment], now: datetime) -> datetime | None:
    """The earliest moment after ``now`` at which an "upcoming" follow-up becomes due."""
    return min(
        (a.at for a in assessments if a.state == "upcoming" and a.at is not None and a.at > now),
        default=None,
    )


def retry_delay(failures: int, interval: timedelta) -> timedelta:
    """How long an account rests after ``failures`` failed passes in a row."""
    if failures <= 0:
        return timedelta(0)
    return min(interval * 2 ** min(failures - 1, 20), max(interval, MAX_BACKOFF))


class BackingOff(ConnectorError):
    """This account is resting after failed passes; it is not contacted this pass."""


@dataclass
class AccountTrouble:
    failures: int
    retry_at: datetime
    last_error: str


class Backoff:
    """Consecutive failures per account and when each may be tried again (in memory)."""

    def __init__(self, interval: timedelta, zone: tzinfo = UTC) -> None:
        self.interval = interval
        self.zone = zone
        self.accounts: dict[str, AccountTrouble] = {}
        # Passes start a little late or early (jitter): a retry due within half an
        # interval counts as due, so one failure costs no pass and two cost exactly one.
        self.tolerance = interval / 2

    def resting(self, account: str, now: datetime) -> AccountTrouble | None:
        trouble = self.accounts.get(account)
        if trouble is None or now + self.tolerance >= trouble.retry_at:
            return None
        return trouble

    def record(self, account: str, now: datetime, error: str | None) -> None:
        if error is None:
            if self.accounts.pop(account, None) is not None:
                log.info("account %s: working again", account)
            return
        failures = self.accounts[account].failures + 1 if account in self.accounts else 1
        retry_at = now + retry_delay(failures, self.interval)
        self.accounts[account] = AccountTrouble(failures, retry_at, error)

    def guard(self, connect: ConnectorFactory, now: datetime) -> ConnectorFactory:
        """A connector factory that refuses the accounts resting at ``now``."""

        def guarded(config: Config, account: str) -> MailConnector:
            trouble = self.resting(account, now)
            if trouble is not None:
                when = trouble.retry_at.astimezone(self.zone).strftime("%b %-d %H:%M %Z")
                raise BackingOff(
                    f"not retried before {when} after {trouble.failures} failed passes in a "
                    f"row; last error: {trouble.last_error}"
                )
            return connect(config, account)

        return guarded


class Daemon:
    def __init__(
        self,
        config: Config,
        *,
        interval: timedelta,
        jitter: timedelta | None = None,
        connect: ConnectorFactory = default_connector,
        clock: Callable[[], datetime] = utcnow,
        lock_wait: float = LOCK_WAIT_SECONDS,
        stop_grace: float = STOP_GRACE_SECONDS,
    ) -> None:
        self.config = config
        self.interval = interval
        self.jitter = min(interval / 10, timedelta(minutes=1)) if jitter is None else jitter
        self.connect = connect
        self.clock = clock
        self.lock_wait = lock_wait
        self.stop_grace = stop_grace
        self.backoff = Backoff(interval, config.applicant.zone)
        self.stopping = threading.Event()
        self.abandon = threading.Event()
        self._one_pass = threading.Lock()
        self._wake_job: str | None = None
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC,
        )

    # -- one pass ---------------------------------------------------------------------------

    def run_once(self) -> PassReport | None:
        """One pass under the state lock, then the next wake-up. Never raises."""
        with self._one_pass:
            if self.stopping.is_set():
                return None
            now = self._now()
            resting = {a.name for a in self.config.accounts if self.backoff.resting(a.name, now)}
            try:
                report = self._pass(now)
            except LockHeld as exc:
                log.warning("pass skipped, the state is busy: %s", exc)
                self.wake_at(now + RETRY_WHEN_BUSY)
                return None
            except Exception:
                log.exception("pass failed; the next one starts from the last saved state")
                self.wake_at(now + self.interval)
                return None
            self._after(report, resting)
            self._publish(report.now)
            return report

    def _publish(self, now: datetime) -> None:
        """season.ics and season.html in the state folder, as `agent status` would show."""
        from agent.engine.status import dashboard  # imported here: the first pass starts sooner
        from agent.views.publish import into_state

        try:
            into_state(dashboard(self.config, now), self.config)
        except Exception:
            log.exception("the season calendar and page were not written; the next pass retries")

    def _now(self) -> datetime:
        now = self.clock()
        return now if now.tzinfo else now.replace(tzinfo=UTC)

    def _pass(self, now: datetime) -> PassReport:
        with StateLock(self.config.agent.state_dir, wait_seconds=self.lock_wait):
            store = Store(state_path(self.config))
            try:
                connect = self.backoff.guard(self.connect, now)
                return run_pass(self.config, store, now, connect=connect)
            finally:
                store.close()

    def _after(self, report: PassReport, resting: set[str]) -> None:
        for account in report.accounts:
            if account.name in resting:
                continue  # skipped, not a new failure
            self.backoff.record(account.name, report.now, account.error)
            trouble = self.backoff.accounts.get(account.name)
            if trouble is not None:
                log.warning(
                    "account %s: %d failed pass(es) in a row; next try after %s",
                    account.name,
                    trouble.failures,
                    trouble.retry_at.isoformat(timespec="seconds"),
                )
        drafted = len(report.written)
        log.info(
            "pass done: %d new or changed messages, %d draft(s) written, %d failed",
            sum(a.pulled for a in report.accounts),
            drafted,
            len(report.failed),
        )
        assessments = report.plan.assessments if report.plan is not None else []
        self.wake_at(next_wakeup(assessments, report.now))

    # -- scheduling -------------------------------------------------------------------------

    def wake_at(self, moment: datetime | None) -> None:
        """Replace the pending exact wake-up (None: no wake-up beyond the interval)."""
        moment = None if moment is None else moment.astimezone(UTC)
        job_id = None if moment is None else f"wake-up {moment.isoformat()}"
        if self._wake_job is not None and self._wake_job != job_id:
            with contextlib.suppress(JobLookupError):  # it may have run already
                self.scheduler.remove_job(self._wake_job)
        self._wake_job = job_id
        if moment is None or job_id is None:
            return
        # A fresh id per moment: the job that is running now is never the one replaced.
        self.scheduler.add_job(
            self.run_once,
            DateTrigger(run_date=moment + WAKE_SLACK),
            id=job_id,
            name=job_id,
            replace_existing=True,
        )
        log.info("next wake-up at %s", moment.isoformat(timespec="seconds"))

    # -- life cycle -------------------------------------------------------------------------

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping.is_set():
            self.abandon.set()  # a second signal: do not wait for the pass
        self.stopping.set()

    def run(self) -> None:
        """Run until SIGTERM or SIGINT; returns normally (exit 0) or ends the process."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        self.scheduler.add_job(
            self.run_once,
            IntervalTrigger(
                seconds=self.interval.total_seconds(),
                jitter=self.jitter.total_seconds() or None,
                timezone=UTC,
            ),
            id="pass",
            name="pass",
            next_run_time=datetime.now(UTC),
        )
        self.scheduler.start()
        log.info(
            "agent run started (pid %d): a pass every %s over %s; state in %s",
            os.getpid(),
            self.interval,
            ", ".join(a.name for a in self.config.accounts),
            self.config.agent.state_dir,
        )
        while not self.stopping.wait(0.5):
            pass
        self.stop()

    def stop(self) -> None:
        log.info("stopping: no new pass starts")
        self.scheduler.shutdown(wait=False)
        deadline = time.monotonic() + self.stop_grace
        while not self._one_pass.acquire(timeout=0.2):
            if self.abandon.is_set() or time.monotonic() >= deadline:
                log.warning(
                    "abandoning the pass in progress; the next start completes it from the "
                    "last saved state"
                )
                logging.shutdown()
                os._exit(0)  # the worker thread cannot be interrupted; the state is consistent
        self._one_pass.release()
        log.info("stopped")
