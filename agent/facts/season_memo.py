"""What the season reads from a program's own mail, kept between passes (see memo.py).

The interview statement, the contact policy and the itinerary's interviewers are read again
only when the program's own mail, its entry in the config or the applicant changes, so a
pass with nothing new reads no program message. A kept reading names a message by its place
in the program's own mail, which the stamp covers; a reading that cannot be written down
exactly is simply read again on the next pass.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import datetime, timezone, tzinfo
from operator import attrgetter
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from agent.config import Config, Program
from agent.facts.interviewers import Itinerary, interviewers_from_mail
from agent.facts.interviews import InterviewReading, ScheduledInterview, read_interview
from agent.facts.memo import RULES, Each, Memo, each_read
from agent.facts.people import Person
from agent.facts.policies import PolicyStatement, policy_from_mail
from connectors.base import MailMessage

log = logging.getLogger(__name__)
T = TypeVar("T")

# The kinds of reading written down, by name: anything else is read again each pass.
_KINDS: dict[str, type] = {
    k.__name__: k
    for k in (InterviewReading, ScheduledInterview, PolicyStatement, Person, Itinerary)
}
_PLAIN = (bool, int, float, str)


# Every field of a message but its addresses, which are written as (name, email) pairs.
STAMPED = (
    "id",
    "folder",
    "message_id",
    "subject",
    "date",
    "in_reply_to",
    "references",
    "thread_hint",
    "body",
)
ADDRESSES = ("sender", "to", "cc")
_stamped = attrgetter(*STAMPED)


class _NotKept(Exception):
    """A value this module cannot write down so that it reads back the same."""


def stamp(config: Config, program: Program, own: list[MailMessage], me: frozenset[str]) -> str:
    """A digest of everything the readers see: the program's entry, its zone, the applicant
    and every field of each message of its own mail, in order."""
    h = hashlib.sha256(program.model_dump_json().encode())
    h.update(repr((config.program_zone(program).key, sorted(me), config.applicant.name)).encode())
    for message in own:
        h.update(b"\x00")
        h.update(message_digest(message).encode())
    return h.hexdigest()[:32]


def message_key(m: MailMessage) -> str:
    """How a message's own readings are named in the memo."""
    return f"{m.folder}|{m.id}|{m.message_id}"


def read_before(memo: Memo) -> set[str]:
    """The messages (``message_key``) an earlier pass read the interview of: every program
    message read has that reading."""
    prefix = f"{RULES}|each|interview|"
    return {key.split("|", 4)[4] for key in memo.known if key.startswith(prefix)}


def message_digest(m: MailMessage) -> str:
    """A digest of every field of ``m``: the one it carries (the store's, kept when the
    message was), else one made of its fields now."""
    return m.digest or "text:" + hashlib.sha256(_message_text(m).encode()).hexdigest()[:32]


def _message_text(m: MailMessage) -> str:
    """Every field of ``m`` as text (the message's own repr is several times slower)."""
    people = [m.sender, *m.to, None, *m.cc]  # None: where To ends and Cc begins
    return repr((_stamped(m), [(a.name, a.email) if a else None for a in people]))


class ProgramReadings:
    """The readers of one program's own mail, through the memo when there is one."""

    def __init__(self, memo: Memo | None, program: str, stamp: str, own: list[MailMessage]):
        self.memo, self.program, self.stamp, self.own = memo, program, stamp, own

    def interview(self, zone: tzinfo, me: frozenset[str]) -> InterviewReading:
        each = self._each(str(getattr(zone, "key", zone)))
        return self._through("interview", lambda: read_interview(self.own, zone, me, each))

    def policy(self) -> PolicyStatement | None:
        each = self._each("")
        return self._through("policy", lambda: policy_from_mail(self.own, each=each))

    def interviewers(self, applicant: str) -> list[Person]:
        each = self._each(applicant)
        return self._through(
            "interviewers", lambda: interviewers_from_mail(self.own, applicant, each)
        )

    def _each(self, inputs: str) -> Each:
        """Each message's own reading kept too: when one message of a program is new, the
        program's reading is made again from the kept readings of the others."""
        memo = self.memo
        if memo is None:
            return each_read

        def through(message: MailMessage, what: str, read: Callable[[], T]) -> T:
            key = f"each|{what}|{inputs}|{message_key(message)}"
            return _kept(memo, key, message_digest(message), [message], read)

        return through

    def _through(self, what: str, read: Callable[[], T]) -> T:
        if self.memo is None:
            return read()
        return _kept(self.memo, f"season|{self.program}|{what}", self.stamp, self.own, read)


def _kept(memo: Memo, key: str, stamp: str, own: list[MailMessage], read: Callable[[], T]) -> T:
    """The reading kept under ``key`` for these inputs, else ``read()``, kept if it can be
    written down exactly (messages are named by their place in ``own``)."""
    kept = memo.kept(key, stamp)
    if kept is not None:
        decoded: T = _decode(json.loads(kept), own)
        return decoded
    value = read()
    index = {id(m): i for i, m in enumerate(own)}
    try:
        memo.keep(key, stamp, json.dumps(_encode(value, index)))
    except _NotKept as exc:
        log.debug("a reading is not kept (%s): %s", key.partition("|")[0], exc)
    return value


def _encode(value: Any, index: dict[int, int]) -> Any:
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, datetime):
        return {"at": _moment(value)}
    if isinstance(value, MailMessage):
        if id(value) not in index:
            raise _NotKept("a message outside the program's own mail")
        return {"mail": index[id(value)]}
    if type(value) is list:
        return [_encode(v, index) for v in value]
    if type(value) is tuple:
        return {"tuple": [_encode(v, index) for v in value]}
    kind = type(value).__name__
    if _KINDS.get(kind) is not type(value) or not is_dataclass(value):
        raise _NotKept(f"a {kind}")
    return {
        "kind": kind,
        "fields": {f.name: _encode(getattr(value, f.name), index) for f in fields(value)},
    }


def _decode(data: Any, own: list[MailMessage]) -> Any:
    if isinstance(data, list):
        return [_decode(d, own) for d in data]
    if not isinstance(data, dict):
        return data
    if "at" in data:
        return _moment_back(data["at"])
    if "mail" in data:
        return own[data["mail"]]
    if "tuple" in data:
        return tuple(_decode(v, own) for v in data["tuple"])
    return _KINDS[data["kind"]](**{k: _decode(v, own) for k, v in data["fields"].items()})


def _moment(value: datetime) -> list[Any]:
    """A moment with its zone as the readers made it: a named zone keeps its name (its
    arithmetic is wall-clock), a fixed offset its offset."""
    zone = value.tzinfo
    if isinstance(zone, ZoneInfo) and zone.key:
        return [value.replace(tzinfo=None).isoformat(), zone.key, value.fold]
    back = datetime.fromisoformat(value.isoformat())
    if type(zone) is not timezone or back.tzinfo != zone or back.tzname() != value.tzname():
        raise _NotKept(f"a time in {zone!r}")
    return [value.isoformat(), None, value.fold]


def _moment_back(data: list[Any]) -> datetime:
    text, key, fold = data
    if key is None:
        return datetime.fromisoformat(text).replace(fold=fold)
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(key), fold=fold)
