"""Which later message settles a promise, when a program promises the same thing several
times around one delivery: each promise is settled by the first delivery after it, and a
promise made after the delivery stays open. Through `plan()` with a fixed clock."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from agent.drafts.render import Renderer
from agent.facts.season import read_season
from agent.plan import Snapshot, plan
from connectors.base import MailMessage
from tests.support.builders import config, message, program

CT = ZoneInfo("America/Chicago")
NOW = datetime(2026, 12, 20, 9, tzinfo=CT)


def _promise(day: int, month: int = 10) -> MailMessage:
    return message(
        subject=f"Second look ({month}/{day})",
        body="Details about our Second Look Day will be sent by December 1.",
        date=datetime(2026, month, day, 10, tzinfo=CT),
    )


def _details(day: int, month: int) -> MailMessage:
    return message(
        subject=f"Second Look Day details ({month}/{day})",
        body="Here are the details for our Second Look Day: https://lakeside.example/look",
        date=datetime(2026, month, day, 10, tzinfo=CT),
    )


def test_each_promise_is_settled_by_the_first_delivery_after_it() -> None:
    cfg = config(program(interview=datetime(2026, 10, 5, 8)))
    mail = [
        _promise(10),
        _promise(12),
        _details(14, 10),
        _promise(16),  # made after the first delivery: the second one settles it
        _details(2, 11),
        _promise(20, 11),  # nothing delivered after it
    ]
    season = read_season(cfg, {"a": mail})
    result = plan(cfg, Snapshot(season, {}, {}), NOW, Renderer(cfg))
    inquiries = [a for a in result.assessments if a.kind == "inquiry"]
    settled = {a.promise.source.subject: a for a in inquiries if a.promise is not None}
    assert sorted(settled) == [f"Second look ({d})" for d in ("10/10", "10/12", "10/16", "11/20")]
    for day in ("10/10", "10/12"):
        assert settled[f"Second look ({day})"].state == "fulfilled"
        assert "2026-10-14" in settled[f"Second look ({day})"].note
    later = settled["Second look (10/16)"]
    assert later.state == "fulfilled" and "2026-11-02" in later.note
    assert settled["Second look (11/20)"].state != "fulfilled"
