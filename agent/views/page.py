"""The season as one self-contained HTML page: what needs the applicant now, and per program
a timeline (interview, thank-you window and its drafts, promises and their due days, letters)
with the decision trail on each item. Inline CSS, no script, no external asset; every
mail-derived text is escaped by the template engine (mail is hostile input)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from zoneinfo import ZoneInfo

from jinja2 import Environment, StrictUndefined

from agent.config import Config
from agent.dashboard import Dashboard, Need, ProgramStatus, needs_you
from agent.rules.followup import Assessment
from agent.views.moments import Moment, ProgramMoments, deadlines, season

TEMPLATE = "season.html.j2"


@dataclass(frozen=True)
class Item:
    """One follow-up as the page shows it."""

    kind: str
    who: str
    recipient: str
    state: str
    needs_detail: bool
    when: str
    reason: str
    trail: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    when: str
    title: str
    kind: str
    state: str  # the CSS class: one state, "mixed" or ""
    past: bool
    cancelled: bool
    detail: str
    items: list[Item]


@dataclass
class Card:
    name: str
    short: str
    anchor: str
    interview: str
    policy: str
    interviewers: list[str]
    next_action: str
    rows: list[Row]
    undated: list[Row] = field(default_factory=list)
    now_at: int = 0  # the index of the first row still ahead: where "now" is drawn


class Clock:
    """Times as the applicant reads them: in their own zone, with the zone's name."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone

    def when(self, value: datetime | date | None) -> str:
        if value is None:
            return ""
        if not isinstance(value, datetime):
            return f"{value:%a %b %-d}"
        return value.astimezone(self.zone).strftime("%a %b %-d, %-I:%M %p %Z")

    def interview(self, value: datetime, zone: ZoneInfo) -> str:
        there = value.astimezone(zone)
        mine = value.astimezone(self.zone)
        text = there.strftime("%a %b %-d, %-I:%M %p %Z")
        if mine.utcoffset() != there.utcoffset():
            text += mine.strftime(" (%-I:%M %p %Z your time)")
        return text


def to_review(board: Dashboard, clock: Clock) -> list[Need]:
    """Drafts waiting in the Drafts folder with nothing missing: review and send them."""
    out = []
    for p in board.programs:
        for a in p.followups:
            ready = a.state == "edited" or (a.state == "drafted" and not a.needs_detail)
            if ready:
                closes = f" (window closes {clock.when(a.at)})" if a.at and a.closes else ""
                out.append(Need(p.short, f"review and send the {a.kind} to {a.who}{closes}"))
    return out


def _item(a: Assessment, clock: Clock) -> Item:
    return Item(
        a.kind,
        a.who,
        a.recipient or "",
        a.state,
        a.needs_detail and a.state in ("due", "drafted"),
        clock.when(a.at),
        a.reason or a.note,
        a.trail,
    )


def _row(m: Moment, clock: Clock, now: datetime) -> Row:
    states = {a.state for a in m.items}
    when = clock.when(m.start)
    if m.kind == "interview" and isinstance(m.start, datetime):
        when = clock.interview(m.start, m.zone)
    elif m.kind == "thank-you window":
        when += f" → {clock.when(m.end)}"
    end = m.end if m.end is not None else m.start
    past = end is not None and _instant(end, clock.zone) <= now
    # An inquiry's follow-up is shown once, under the promise's due day.
    shown = [] if m.kind == "inquiry" else [_item(a, clock) for a in m.items]
    return Row(
        when,
        m.title,
        m.kind,
        states.pop() if len(states) == 1 else ("mixed" if states else ""),
        past,
        m.cancelled,
        m.detail,
        shown,
    )


def _instant(value: datetime | date, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=zone)


def _card(pm: ProgramMoments, anchor: str, clock: Clock, now: datetime) -> Card:
    p: ProgramStatus = pm.program
    rows = [_row(m, clock, now) for m in pm.moments if m.start is not None]
    interview = "not known yet"
    start = p.interview["start"] if p.interview else None
    if isinstance(start, datetime):
        interview = clock.interview(start, pm.zone)
    elif start is not None:
        interview = clock.when(start)
    if p.interview and p.interview["cancelled"]:
        interview = f"cancelled ({interview})" if start else "cancelled"
    people = [f"{i['name']}" + (f" ({i['role']})" if i.get("role") else "") for i in p.interviewers]
    return Card(
        p.name,
        p.short,
        anchor,
        interview,
        f"{p.policy} ({p.policy_source})",
        people,
        p.next_action + (f" — {clock.when(p.next_at)}" if p.next_at else ""),
        rows,
        [_row(m, clock, now) for m in pm.moments if m.start is None],
        next((i for i, r in enumerate(rows) if not r.past), len(rows)),
    )


def _environment() -> Environment:
    # Autoescape: every value is text, whatever the mail it came from held.
    return Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )


def page(board: Dashboard, config: Config) -> bytes:
    """The whole page, UTF-8."""
    clock = Clock(config.applicant.zone)
    source = resources.files("agent.views").joinpath(TEMPLATE).read_text(encoding="utf-8")
    # Anchors are numbers, never mail-derived text.
    cards = [
        _card(pm, f"program-{i}", clock, board.now) for i, pm in enumerate(season(board, config), 1)
    ]
    html = (
        _environment()
        .from_string(source)
        .render(
            applicant=config.applicant.name,
            now=clock.when(board.now),
            needs=needs_you(board),
            review=to_review(board, clock),
            cards=cards,
            season=[_row(m, clock, board.now) for m in deadlines(config)],
            accounts=[
                {
                    "name": a["name"],
                    "last_pass": clock.when(a["last_pass"]) or "never",
                    "error": a["last_error"] or "",
                }
                for a in board.accounts
            ],
        )
    )
    return html.encode("utf-8")
