"""`agent calendar` through the real CLI, read by a real calendar client (pimutils' khal):
every event at the right moment in UTC, re-importing updates instead of duplicating, and
the daemon keeping season.ics and season.html current in the state folder."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from markupsafe import escape

from agent import config as config_mod
from agent.engine.daemon import Daemon
from agent.views import calendar as ics
from tests.support.scenario import ET, Applicant, mail
from tests.support.views_season import NOW, NOW_UTC, synced

Cap = pytest.CaptureFixture[str]
KHAL = shutil.which("khal")
needs_khal = pytest.mark.skipif(
    KHAL is None,
    reason="khal is not installed (Debian/Ubuntu: apt-get install khal); "
    "scripts/install-test-servers installs it",
)
KHAL_CONFIG = """
[calendars]
[[season]]
path = {vdir}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC
[sqlite]
path = {db}
"""


class Khal:
    """khal with its own config, vdir and database in a temp dir; times shown in UTC."""

    def __init__(self, root: Path) -> None:
        root.mkdir()
        self.root, self.vdir = root, root / "season"
        self.vdir.mkdir()
        self.config = root / "khal.conf"
        self.config.write_text(KHAL_CONFIG.format(vdir=self.vdir, db=root / "khal.db"))

    def __call__(self, *args: str) -> str:
        assert KHAL is not None
        env = {**os.environ, "HOME": str(self.root), "XDG_CONFIG_HOME": str(self.root)}
        done = subprocess.run(
            [KHAL, "-c", str(self.config), *args],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout + done.stderr

    def events(self) -> dict[str, tuple[str, str, str]]:
        """UID -> (start, end, title), as khal lists them over the whole season."""
        out = self(
            "list",
            "--format",
            "{uid}|{start}|{end}|{title}",
            "--day-format",
            "",
            "2026-09-01",
            "2027-04-30",
        )
        found = {}
        for line in out.splitlines():
            if "@residency-agent|" in line:
                uid, start, end, title = line.split("|", 3)
                found[uid] = (start, end, title)
        return found


def uids(data: bytes) -> dict[str, str]:
    return {str(e["uid"]): str(e["summary"]) for e in Calendar.from_ical(data).walk("VEVENT")}


@pytest.fixture
def jordan(tmp_path: Path) -> Applicant:
    return synced(tmp_path / "jordan")


def test_writes_an_owner_only_file_and_stdout_on_request(jordan: Applicant, capsys: Cap) -> None:
    target = jordan.root / "season.ics"
    code, out, err = jordan.run("calendar", "--now", NOW, "--output", str(target), capsys=capsys)
    assert code == 0, err
    assert f"wrote {target}" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_bytes()
    assert first.startswith(b"BEGIN:VCALENDAR\r\n") and len(uids(first)) >= 12
    code, out, _ = jordan.run("calendar", "--now", NOW, "--output", "-", capsys=capsys)
    assert code == 0 and out.startswith("BEGIN:VCALENDAR")
    assert set(uids(out.encode())) == set(uids(first))  # the same UIDs on every run


@needs_khal
def test_khal_reads_every_event_at_its_moment(
    jordan: Applicant, tmp_path: Path, capsys: Cap
) -> None:
    target = tmp_path / "season.ics"
    assert jordan.run("calendar", "--now", NOW, "--output", str(target), capsys=capsys)[0] == 0
    khal = Khal(tmp_path / "khal")
    count = len(uids(target.read_bytes()))
    assert f"{count} events found" in khal("printics", str(target))
    khal("import", "--batch", "-a", "season", str(target))
    by_title = {title: (start, end) for start, end, title in khal.events().values()}
    assert len(by_title) == count
    assert by_title["Lakeside IM: Interview"] == ("2026-10-05 13:00", "2026-10-05 18:00")
    assert by_title["Lakeside IM: Thank-you window"] == ("2026-10-05 18:00", "2026-10-07 18:00")
    assert by_title["Pacific Coast IM: Interview"] == ("2026-10-26 15:30", "2026-10-26 19:30")
    assert by_title["Summit Valley IM: Interview"] == ("2026-10-09 15:00", "2026-10-09 19:00")
    assert by_title["Harbor City IM: Due: the J-1 visa FAQ"] == ("2026-10-09", "2026-10-09")
    assert by_title["Harbor City IM: Inquiry about the J-1 visa FAQ"][0] == "2026-10-12 04:00"
    assert by_title["Harbor City IM: Letter of intent"][0] == "2027-02-10 14:00"
    assert by_title["Rank list certification deadline (9 PM ET)"][0] == "2027-03-04 02:00"


@needs_khal
def test_importing_again_updates_events_instead_of_duplicating_them(
    jordan: Applicant, tmp_path: Path, capsys: Cap
) -> None:
    target = tmp_path / "season.ics"
    khal = Khal(tmp_path / "khal")
    assert jordan.run("calendar", "--now", NOW, "--output", str(target), capsys=capsys)[0] == 0
    khal("import", "--batch", "-a", "season", str(target))
    before = khal.events()
    # The promised FAQ arrives; a pass reads it; the calendar is written over the old file.
    jordan.deliver(
        mail(
            subject="Re: Thank you for interviewing with Harbor City",
            body="Hi Jordan, here is the J-1 visa FAQ, attached as promised.",
            sender="Rosa Diaz <rdiaz@harborcity.org>",
            date=datetime(2026, 10, 7, 10, tzinfo=ET),
        )
    )
    later = "2026-10-08T09:00"
    assert jordan.run("sync", "--now", later, capsys=capsys)[0] == 0
    assert jordan.run("calendar", "--now", later, "--output", str(target), capsys=capsys)[0] == 0
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    (due,) = [e for e in events if "J-1 visa FAQ" in str(e["summary"])]  # no inquiry now
    assert str(due["summary"]) == "Harbor City IM: Due: the J-1 visa FAQ (fulfilled)"
    assert due["sequence"] == 1
    (interview,) = [e for e in events if str(e["summary"]) == "Lakeside IM: Interview"]
    assert interview["sequence"] == 0  # unchanged events keep theirs
    khal("import", "--batch", "-a", "season", str(target))
    after = khal.events()
    assert set(after) == set(before)  # one event per UID: updated, never duplicated
    assert len(list(khal.vdir.iterdir())) == len(before)
    assert after[str(due["uid"])][2] == "Harbor City IM: Due: the J-1 visa FAQ (fulfilled)"


def test_the_daemon_keeps_the_calendar_and_page_in_the_state_folder(jordan: Applicant) -> None:
    config = config_mod.load(jordan.config)
    clock = [NOW_UTC + timedelta(hours=1)]
    daemon = Daemon(config, interval=timedelta(minutes=10), clock=lambda: clock[0])
    assert daemon.run_once() is not None
    ics, html = config.agent.state_dir / "season.ics", config.agent.state_dir / "season.html"
    for path in (ics, html):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Lakeside IM: Interview" in uids(ics.read_bytes()).values()
    assert (
        b"Needs you now" in html.read_bytes()
        and b"as of Tue Oct 6, 10:00 AM EDT" in html.read_bytes()
    )
    clock[0] = datetime(2026, 10, 27, 12, tzinfo=UTC)  # Pacific Coast's window is open
    daemon.run_once()
    assert b"add your detail to the thank-you to Dr. Lena Ortiz" in html.read_bytes()


def _agree(jordan: Applicant, now: str, capsys: Cap) -> dict[str, str]:
    """Status, calendar and page at ``now`` tell the same facts; the follow-up states."""
    code, out, err = jordan.run("status", "--json", "--now", now, capsys=capsys)
    assert code == 0, err
    data = json.loads(out)
    code, cal, err = jordan.run("calendar", "--now", now, "-o", "-", capsys=capsys)
    assert code == 0, err
    code, html, err = jordan.run("view", "--now", now, "-o", "-", capsys=capsys)
    assert code == 0, err
    by_uid = {str(e["uid"]): e for e in Calendar.from_ical(cal.encode()).walk("VEVENT")}
    all_day = {(e["dtstart"].dt, str(e["summary"])) for e in by_uid.values()}
    states = {}
    for p in data["programs"]:
        assert escape(p["name"]) in html
        start = p["interview"] and p["interview"]["start"]
        if start and "T" in start:
            event = by_uid[ics.uid(f"interview|{p['name']}")]
            assert event["dtstart"].dt == datetime.fromisoformat(start)
        for f in p["followups"]:
            states[f"{f['kind']} {f['who']}"] = f["state"]
            assert f">{f['state']}</span> {escape(f['kind'])} → {escape(f['who'])}" in html
            if f["kind"].startswith("thank-you") and f["state"] != "skipped":
                window = by_uid[ics.uid(f"thank-you-window|{p['name']}")]
                assert f"to {f['who']}" in str(window["description"])
                assert f": {f['state']}" in str(window["description"])
        for promise in p["promises"]:
            inquiry = promise["inquiry"]
            states[f"promise {promise['what']}"] = inquiry["state"]
            assert f">{inquiry['state']}</span> inquiry → {escape(inquiry['who'])}" in html
            due = date.fromisoformat(promise["due"])
            assert [s for d, s in all_day if d == due and promise["what"] in s]
    return states


def test_status_calendar_and_page_agree_as_the_season_moves(jordan: Applicant, capsys: Cap) -> None:
    first = _agree(jordan, NOW, capsys)
    assert first["thank-you Dr. Marcus Chen"] == "drafted"
    assert first["promise the J-1 visa FAQ"] == "upcoming"
    # The applicant deletes one draft; the promised FAQ arrives.
    (chen,) = [p for p in jordan.box.drafts() if b"mchen@" in p.read_bytes()]
    chen.unlink()
    jordan.deliver(
        mail(
            subject="Re: Thank you for interviewing with Harbor City",
            body="Hi Jordan, here is the J-1 visa FAQ, attached as promised.",
            sender="Rosa Diaz <rdiaz@harborcity.org>",
            date=datetime(2026, 10, 7, 10, tzinfo=ET),
        )
    )
    assert jordan.run("sync", "--now", "2026-10-08T09:00", capsys=capsys)[0] == 0
    second = _agree(jordan, "2026-10-08T09:00", capsys)
    assert second["thank-you Dr. Marcus Chen"] == "deleted"
    assert second["promise the J-1 visa FAQ"] == "fulfilled"
    # Pacific Coast's interview is over: its window is open and its note drafted.
    assert jordan.run("sync", "--now", "2026-10-27T08:00", capsys=capsys)[0] == 0
    third = _agree(jordan, "2026-10-27T08:00", capsys)
    assert third["thank-you Dr. Lena Ortiz"] == "drafted"
