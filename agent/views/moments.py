"""The season's dated moments, read off a `Dashboard`: per program the interview, the
thank-you window, each promise's due day and inquiry moment, the letters; for the season the
rank list deadline. The calendar and the page are both drawn from these, so they show the
same facts as `agent status`; nothing here decides anything the rules did not already decide.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from agent.config import Config
from agent.dashboard import Dashboard, ProgramStatus
from agent.rules.followup import Assessment

NRMP_ZONE = ZoneInfo("America/New_York")  # the rank list certifies until 9 PM Eastern
RANK_HOUR = 21
MOMENT_LENGTH = timedelta(minutes=15)  # a moment the agent acts at, shown as a short event

# States in which nothing is or will be written: such a moment stays off the calendar.
INERT = frozenset({"skipped", "refused"})
# States in which no inquiry is or will be drafted.
NO_INQUIRY = frozenset({"skipped", "refused", "fulfilled", "no-address"})
# States that still wait for the agent or for the applicant.
OPEN = frozenset({"upcoming", "due", "drafted", "edited"})

LETTERS = {"intent": "Letter of intent", "interest": "Note of interest", "update": "Update letter"}


@dataclass(frozen=True)
class Moment:
    key: str  # the same thing keeps the same key from pass to pass (the calendar UID)
    kind: str  # interview | thank-you window | promise | inquiry | intent | interest | update
    title: str
    start: datetime | date | None  # a date: all day; None: no day known
    end: datetime | date | None
    zone: ZoneInfo  # the zone its times are written in
    program: str = ""  # the program's short name; "" for the season's own dates
    items: tuple[Assessment, ...] = ()  # the follow-ups it is about
    detail: str = ""  # where it came from: the program's sentence, the mail, the config
    cancelled: bool = False
    alarm: bool = False  # remind the applicant before it ends

    @property
    def summary(self) -> str:
        """The title where no program card frames it: in a calendar."""
        return f"{self.program}: {self.title}" if self.program else self.title

    @property
    def inert(self) -> bool:
        return bool(self.items) and all(a.state in INERT for a in self.items)

    @property
    def sort_key(self) -> float:
        if self.start is None:
            return float("inf")
        return _as_datetime(self.start, self.zone).timestamp()


@dataclass
class ProgramMoments:
    program: ProgramStatus
    zone: ZoneInfo
    moments: list[Moment] = field(default_factory=list)


def _as_datetime(value: datetime | date, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0), tzinfo=zone)


def _zoned(value: datetime, fallback: ZoneInfo) -> tuple[datetime, ZoneInfo]:
    """The moment in a named zone (a fixed offset read from mail becomes the program's)."""
    zone = value.tzinfo if isinstance(value.tzinfo, ZoneInfo) else fallback
    return value.astimezone(zone), zone


def state_summary(items: tuple[Assessment, ...] | list[Assessment]) -> str:
    """One word for one state, else counts: '2 drafted, 1 sent'."""
    states = [a.state for a in items]
    if len(set(states)) == 1:
        return states[0]
    counts: dict[str, int] = {}
    for s in states:
        counts[s] = counts.get(s, 0) + 1
    return ", ".join(f"{n} {s}" for s, n in counts.items())


def season(board: Dashboard, config: Config) -> list[ProgramMoments]:
    """Every program with its moments in date order (those with no day known last)."""
    zones = {p.name: config.program_zone(p) for p in config.programs}
    out = []
    for status in board.programs:
        zone = zones.get(status.name, config.applicant.zone)
        moments = _unique(list(_program_moments(status, zone, config)))
        out.append(ProgramMoments(status, zone, sorted(moments, key=lambda m: m.sort_key)))
    return out


def deadlines(config: Config) -> list[Moment]:
    """The season's own dates, the same for every program."""
    day = config.season.rank_deadline
    start = datetime.combine(day, time(RANK_HOUR), tzinfo=NRMP_ZONE)
    match = config.season.match_day
    return [
        Moment(
            "rank-deadline",
            "rank deadline",
            "Rank list certification deadline (9 PM ET)",
            start,
            start + MOMENT_LENGTH,
            NRMP_ZONE,
            detail="certify your rank order list in the NRMP R3 system before 9 PM Eastern",
            alarm=True,
        ),
        Moment("match-day", "match day", "Match Day", match, match + timedelta(days=1), NRMP_ZONE),
    ]


def _unique(moments: list[Moment]) -> list[Moment]:
    """Two moments never share a key (two updates of one day): the later gets a suffix."""
    seen: dict[str, int] = {}
    out = []
    for m in moments:
        n = seen.get(m.key, 0)
        seen[m.key] = n + 1
        out.append(m if n == 0 else replace(m, key=f"{m.key}#{n + 1}"))
    return out


def _program_moments(p: ProgramStatus, zone: ZoneInfo, config: Config) -> Iterator[Moment]:
    thanks = [a for a in p.followups if a.kind.startswith("thank-you") and a.promise is None]
    yield from _interview(p, zone, thanks, config)
    if thanks and thanks[0].opens is not None and thanks[0].closes is not None:
        opens, zone_used = _zoned(thanks[0].opens, zone)
        yield Moment(
            f"thank-you-window|{p.name}",
            "thank-you window",
            "Thank-you window",
            opens,
            thanks[0].closes.astimezone(zone_used),
            zone_used,
            p.short,
            tuple(thanks),
            alarm=any(a.state in OPEN for a in thanks),
        )
    for a in p.promises:
        yield from _promise(p, zone, a)
    for a in p.followups:
        if a.promise is None and not a.kind.startswith("thank-you"):
            yield _letter(p, zone, a)


def _interview(
    p: ProgramStatus, zone: ZoneInfo, thanks: list[Assessment], config: Config
) -> Iterator[Moment]:
    if p.interview is None:
        return
    start, stated_end = p.interview["start"], p.interview["end"]
    cancelled = bool(p.interview["cancelled"])
    title = "Interview (cancelled)" if cancelled else "Interview"
    source = f"from {p.interview['source']}"
    key = f"interview|{p.name}"
    end: datetime | date | None = None
    if isinstance(start, datetime):
        start, zone = _zoned(start, zone)
        # The end the rules use: the stated one, else where the thank-you window opens.
        until = stated_end or next((a.opens for a in thanks if a.opens), None)
        end = (until or start + timedelta(hours=config.rules.interview_length_hours)).astimezone(
            zone
        )
    elif start is not None:  # a day without a time
        end = start + timedelta(days=1)
    # start None: a cancellation that named no day.
    yield Moment(key, "interview", title, start, end, zone, p.short, (), source, cancelled)


def _promise(p: ProgramStatus, zone: ZoneInfo, a: Assessment) -> Iterator[Moment]:
    info = a.promise
    assert info is not None  # only promise rows get here
    promise, source = info.promise, info.source
    key = f"{p.name}|{source.message_id}|{promise.topic}"
    cited = f"“{promise.sentence}” — mail of {source.date:%b %-d}: {source.subject}"
    yield Moment(
        f"promise|{key}",
        "promise",
        f"Due: {promise.topic_label}",
        promise.due,
        promise.due + timedelta(days=1),
        zone,
        p.short,
        (a,),
        cited,
    )
    if a.state in NO_INQUIRY:
        return
    # Deferred by the cadence rule, `at` is the new moment; else the inquiry opens then.
    at = a.at if a.state == "upcoming" and a.at is not None else info.opens
    at, zone_used = _zoned(at, zone)
    who = a.who + (f" <{a.recipient}>" if a.recipient else "")
    yield Moment(
        f"inquiry|{key}",
        "inquiry",
        f"Inquiry about {promise.topic_label}",
        at,
        at + MOMENT_LENGTH,
        zone_used,
        p.short,
        (a,),
        f"to {who}, if it has not arrived",
    )


def _letter(p: ProgramStatus, zone: ZoneInfo, a: Assessment) -> Moment:
    title = LETTERS.get(a.kind, a.kind.capitalize())
    when = a.at or a.opens
    key = f"{a.kind}|{p.name}" + (f"|{a.opens:%Y-%m-%d}" if a.kind == "update" and a.opens else "")
    if when is None:
        return Moment(key, a.kind, title, None, None, zone, p.short, (a,))
    when, zone_used = _zoned(when, zone)
    return Moment(key, a.kind, title, when, when + MOMENT_LENGTH, zone_used, p.short, (a,))
