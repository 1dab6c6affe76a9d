"""Whom the applicant meets, as the program's itinerary mail says: the people named as
conducting an interview or a one-on-one conversation, not those presenting, hosting or
answering questions. Pure functions of mail."""

from __future__ import annotations

import functools
import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import ValidationError

from agent.config import Interviewer
from agent.facts import lazy
from agent.facts.itinerary_cues import (
    INTERVIEW,
    NEGATIVE,
    POSITIVE,
    REPLACED_AFTER,
    REPLACED_BEFORE,
    SALUTATION,
    SCHEDULE,
    TIMED,
    decide,
    last_cue,
)
from agent.facts.memo import Each, each_read
from agent.facts.people import (
    CREDENTIALS,
    EMAIL,
    Mention,
    Person,
    bare_mention,
    credential_mentions,
    email_after,
    email_before,
    honorific_mentions,
    role_after,
    role_before,
    role_phrase,
)
from agent.facts.text import message_body
from connectors.base import MailMessage

log = logging.getLogger(__name__)

_I = re.IGNORECASE
_FIELD = lazy.pattern(
    rf"(?:{INTERVIEW}er(?:s|\(s\))?(?:\s*#?\d+)?|name|faculty|with|{INTERVIEW}(?:\s*#?\d+)?)"
    r"\s*:\s*",
    _I,
)
_LIST_START = lazy.pattern(
    r"^\s*(?:[-*•·◦▪–]\s*|\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)?"
    r"(?:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[-–]\s*\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)?"
    r"\s*[-–:|]?\s*)?",
    _I,
)
# From a cue to the name it introduces: "interview with |", "interviewers are |", "by |".
_CUE_TO_NAME = lazy.pattern(r"(?:\s*:|\s+(?:is|are|will\s+be))?\s*", _I)
# Between two names of one list: a role in parentheses or after a comma, then "and" or ",".
_JOINT = lazy.pattern(
    r"(?:,?\s*[A-Z]{1,4}\b\.?)*(?:\s*\([^()]{0,60}\)|,\s*[^,;()]{1,50}?(?=,|\s+and\s))?"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
)
_MAX_UNIT = 1500
# What follows a name up to the end of its cell or clause, and words that make it a clause.
_ROLE_SPAN = lazy.pattern(r"[^|;.]*")
_VERB = lazy.pattern(r"\b(?:will|who|is|are|was|hosts?|leads?|presents?|gives?|joins?)\b", _I)
_CREDENTIALS_ANYWHERE = lazy.pattern(r"\b(?:MD|DO|PhD|MPH|MBBS|MS|FACP|FAAP)\b")


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence of prose, a line of a list or table, or a table row whose cells are lines."""

    text: str
    prose: bool
    opens: bool = False  # the first sentence of a paragraph


@dataclass(frozen=True, slots=True)
class Itinerary:
    """What one message says: its interviewers in order and the people it takes off."""

    people: list[Person]
    removed: list[Person]


def units(body: str) -> list[Unit]:
    """Paragraphs as sentences; lists and tables line by line (cells joined by " | "); a
    small block of short lines naming one person as one row ("Interviewer: ..." / "Role: ...")."""
    out: list[Unit] = []
    for block in re.split(r"\n[ \t]*\n", body):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        if _is_prose(lines):
            flat = " ".join(ln.strip() for ln in lines)
            out.extend(Unit(s, True, i == 0) for i, s in enumerate(_split_sentences(flat)))
        elif _is_row(lines):
            out.append(Unit(" | ".join(ln.strip() for ln in lines), False))
        else:
            out.extend(Unit(_cells(ln), False) for ln in lines)
    return out


def _cells(line: str) -> str:
    return " | ".join(c.strip() for c in re.split(r"\t+|\s{3,}|\s\|\s", line.strip()) if c.strip())


def _is_prose(lines: list[str]) -> bool:
    text = " ".join(lines)
    if len(lines) > 1 and sum(len(ln) for ln in lines) / len(lines) < 45:
        return False
    if any(_hard_break(a, b) for a, b in itertools.pairwise(lines)):
        return False
    if any("\t" in ln or re.search(r"\S\s{3,}\S", ln) or _listed(ln) for ln in lines):
        return False
    if lines[-1].rstrip().endswith(":"):
        return False
    return len(text.split()) >= 8 and bool(re.search(r"[a-z0-9)][.!?][\"')]?(?:\s|$)", text))


def _listed(line: str) -> bool:
    """Starts like a list item or a schedule slot: "- ", "2) ", "9:30 AM - "."""
    start = _LIST_START.match(line)
    return bool(start and start.end())


def _hard_break(line: str, following: str) -> bool:
    """Lines of a list, not a wrapped paragraph: a short line that ends without punctuation
    and a next line that starts with a capital."""
    return (
        len(line.rstrip()) < 60
        and not re.search(r"[.!?,;:]\s*$|\b(?:Drs?|Mrs?|Ms)\.\s*$", line)
        and following.lstrip()[:1].isupper()
    )


def _is_row(lines: list[str]) -> bool:
    """Short lines with one person among them: a table row or a block of fields."""
    if not 2 <= len(lines) <= 8 or any(len(ln) > 90 for ln in lines):
        return False
    return sum(1 for ln in lines if _mentions(_cells(ln), True)) == 1


def _split_sentences(text: str) -> list[str]:
    protected = re.sub(
        r"\b(Drs?|Mrs?|Ms|Prof|St|[A-Z])\.", lambda m: m.group(0).replace(".", "\x00"), text
    )
    parts = re.split(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])", protected)
    return [p.replace("\x00", ".").strip() for p in parts if p.strip()]


def _uncapped(line: str) -> str:
    """An all-capitals line in title case (same length), so its names read as names."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return line
    return re.sub(
        r"[A-Za-z][A-Za-z'’]*",
        lambda m: m.group(0) if CREDENTIALS.match(m.group(0)) else m.group(0).capitalize(),
        line,
    )


def _mentions(text: str, listed: bool) -> list[Mention]:
    """People named in a unit; bare names only where a list or table would put them, or
    right after "interview with", "meet with", "Interviewer:"."""
    found = honorific_mentions(text) + credential_mentions(text)
    for m in POSITIVE.finditer(text):
        named = _CUE_TO_NAME.match(text, m.end())
        bare = bare_mention(text, named.end()) if named else None
        if bare:
            found.append(bare)
            found.extend(_joined(text, bare))
    if listed:
        for m in _FIELD.finditer(text):
            bare = bare_mention(text, m.end())
            if bare:
                found.append(bare)
        for cell in re.finditer(r"(?:^|\|)\s*", text):
            start = cell.end()
            lead = _LIST_START.match(text[start:])
            bare = bare_mention(text, start + (lead.end() if lead else 0))
            if bare:
                found.append(bare)
    return _first_of_each_span(found)


def _joined(text: str, first: Mention) -> list[Mention]:
    """Names joined to a bare name: "Jane Doe (PD) and John Smith", "A, PD, and B, APD"."""
    out = []
    while more := _JOINT.match(text, first.end):
        nxt = bare_mention(text, more.end())
        if nxt is None:
            break
        out.append(nxt)
        first = nxt
    return out


def _first_of_each_span(found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(found, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def read_itinerary(text: str, applicant: str | None = None) -> Itinerary:
    """The interviewers a message's own words name, in order of first appearance."""
    body = "\n".join(_uncapped(line) for line in message_body(text).splitlines())
    people: list[Person] = []
    removed: list[Person] = []
    context: str | None = None
    last: Person | None = None  # the interviewer named last, for an address on its own line
    for whole in units(body):
        unit = Unit(whole.text[:_MAX_UNIT], whole.prose, whole.opens)  # no itinerary line is longer
        mentions = _mentions(unit.text, not unit.prose)
        if not mentions and last is not None and not unit.prose:
            last = _completed(people, last, unit.text)
        if not unit.prose:
            context = _context(unit.text, mentions, context)
        decided: str | None = None
        for i, mention in enumerate(mentions):
            lead = unit.text[mentions[i - 1].end if i else 0 : mention.start]
            nxt = mentions[i + 1].start if i + 1 < len(mentions) else len(unit.text)
            tail = unit.text[mention.end : nxt]
            person = Person(
                mention.name,
                role_after(tail) or role_before(lead),
                email_after(tail) or email_before(lead),
            )
            if SALUTATION.search(lead) or _is_applicant(person, applicant, lead):
                continue
            if REPLACED_BEFORE.search(lead) or REPLACED_AFTER.search(tail):
                removed.append(person)
                continue
            after = _after(unit.text, mentions, i)
            decided = decide(lead, after, decided, _inherited(unit, mentions, context))
            last = _add(people, person) if decided == "pos" else None
    people = [p for p in people if not any(p.same_as(r) for r in removed)]
    return Itinerary(people, removed)


def _context(text: str, mentions: list[Mention], context: str | None) -> str | None:
    """What a heading, a table's header or a list's first line says of the lines under it:
    "pos", "neg", "weak" (an interview schedule: names alone on a line are interviewers)."""
    cue = last_cue(_without(text, mentions))
    timed = bool(TIMED.match(text))
    if mentions and timed:
        return context  # one slot of a schedule speaks for itself only
    if cue == "neg" and timed and context == "weak":
        return context  # "7:30 Breakfast" does not end the schedule
    if cue:
        return cue
    if not mentions and _is_header(text):
        return "weak" if SCHEDULE.search(text) else None
    return context


def _inherited(unit: Unit, mentions: list[Mention], context: str | None) -> str | None:
    """A list's heading holds for its lines, and for paragraphs that open with a name (the
    bios under "Meet your interviewers:") unless they say something else of that person."""
    if not unit.prose:
        own = last_cue(_without(unit.text, mentions))  # a row's "Interview" cell after the name
        if own:
            return own
        if context == "weak":
            return "pos" if _names_only(unit.text, mentions) else None
        return context
    if context == "weak":
        return None
    if unit.opens and not NEGATIVE.search(unit.text):
        return context
    return None


def _names_only(text: str, mentions: list[Mention]) -> bool:
    """A schedule line with nothing but a time, names, roles and addresses."""
    rest = EMAIL.sub(" ", _without(text, mentions))
    slot = TIMED.match(rest)
    rest = _CREDENTIALS_ANYWHERE.sub(" ", rest[slot.end() if slot else 0 :])
    words = re.sub(r"[^\w&-]+", " ", rest).split()
    return not words or role_phrase(" ".join(words)) is not None


def _after(text: str, mentions: list[Mention], i: int) -> str:
    """What follows the i-th name, the later names taken out: in "Drs. A and B will interview
    you" the verb is said of A too."""
    out, at = [], mentions[i].end
    for m in mentions[i + 1 :]:
        out.append(text[at : m.start])
        at = m.end
    return "".join(out) + text[at:]


def _without(text: str, mentions: list[Mention]) -> str:
    """The unit's words around its names: names and their roles blanked, so "Dr. Ann Hall"
    or "Social Committee Chair" say nothing about the session."""
    for i in range(len(mentions) - 1, -1, -1):
        m = mentions[i]
        end = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        role = _ROLE_SPAN.match(text, m.end, end)
        if role and role_after(role.group(0)) and not _VERB.search(role.group(0)):
            end = role.end()
        else:
            end = m.end
        text = text[: m.start] + " " * (end - m.start) + text[end:]
    return text


def _is_header(text: str) -> bool:
    return text.rstrip().endswith(":") or len(text.split()) <= 6


def _is_applicant(person: Person, applicant: str | None, lead: str) -> bool:
    """The applicant named in the text: by full name, or by surname when addressed at the
    start ("Dr. Patel - your interviewers:"); "one with Drs. Patel and Gomez" is a colleague."""
    if not applicant or not person.same_as(Person(applicant)):
        return False
    return len(person.name.split()) > 1 or not lead.strip(" |")


def _add(people: list[Person], person: Person) -> Person:
    for i, known in enumerate(people):
        if known.same_as(person):
            people[i] = known.merged(person)
            return people[i]
    people.append(person)
    return person


def _completed(people: list[Person], last: Person, line: str) -> Person | None:
    """A line holding only an address or a role, under an interviewer's name (a table cell
    with a line break, a card of lines): it completes that interviewer."""
    address = re.fullmatch(r"\s*(?:e-?mail\s*:?\s*)?<?" + EMAIL.pattern + r">?\s*", line, _I)
    field = re.sub(r"^\s*(?:role|title|position)\s*:", "", line, flags=_I)
    role = None if address else role_phrase(field)
    if address is None and (role is None or len(line.split()) > 6):
        return None
    email = address.group(1).lower() if address else None
    found = Person(last.name, last.role or role, last.email or email)
    people[people.index(last)] = found
    return found


def interviewers_from_mail(
    messages: Iterable[MailMessage], applicant: str | None = None, each: Each = each_read
) -> list[Person]:
    """The latest itinerary wins: a message naming two or more interviewers replaces the list,
    one naming a single interviewer adds to it, and a replaced interviewer is dropped.
    `messages` are the program's own mail, oldest first; ``each`` reads one of them (or
    gives what an earlier pass read of it)."""
    current: list[Person] = []
    for message in messages:
        body = message.body
        if not body or message.folder == "sent":
            continue
        found = each(message, "itinerary", functools.partial(read_itinerary, body, applicant))
        if not found.people and not found.removed:
            continue
        kept = [p for p in current if not any(p.same_as(r) for r in found.removed)]
        if len(found.people) >= 2 and not found.removed:
            kept = [_with_known(p, kept) for p in found.people]
        else:
            for person in found.people:
                _add(kept, person)
        current = kept
        log.debug("itinerary in message %s: %d interviewers", message.id, len(found.people))
    return current


def _with_known(person: Person, known: list[Person]) -> Person:
    """A restated interviewer keeps the role and address an earlier message gave."""
    for other in known:
        if other.same_as(person):
            return person.merged(other)
    return person


def as_interviewers(people: list[Person]) -> list[Interviewer]:
    """The config's shape; no notes, so a thank-you asks the applicant for their detail."""
    out = []
    for person in people:
        try:
            out.append(Interviewer(name=person.name, email=person.email, role=person.role))
        except ValidationError:  # an address the config would refuse: keep the person only
            out.append(Interviewer(name=person.name, role=person.role))
    return out
