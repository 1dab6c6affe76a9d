"""Commitments said indirectly: a terse note without a subject ("Sending the lunch menu your
way by tonight"), "I'll make sure you have X", "please allow 5-7 business days for X to
arrive", "more to come on X", "look forward to an email with X", and the motion of a thing
towards the applicant ("will be headed your way"). Each gives where it was said and the
object as written; promise_clauses.py turns them into commitments."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.facts import lazy
from agent.facts.promise_objects import object_after

__all__ = ["HEADED", "Said", "indirect"]

_I = re.IGNORECASE

# Motion towards the applicant: "will be headed your way", "will make its way to your inbox".
HEADED = (
    r"(?:be\s+)?(?:head(?:ed|ing)|mak(?:e|ing)\s+(?:its|their)\s+way|wing(?:ing)?\s+(?:its|their)"
    r"\s+way)\s+(?:to\s+(?:you|u)|your\s+way|to\s+your\s+(?:inbox|mailbox|e-?mail))"
)
_WILL = r"(?:will|'ll|’ll|shall|(?:am|are|is|'m|’m|'re|’re)\s+going\s+to)\s+(?:\w+ly\s+)?"
# A terse note drops its subject; it must say when, or it is a note about now.
_GERUND_LEAD = lazy.pattern(
    r"^\W*(?:(?:just|also)\s+)?(?:sending|sharing|e-?mailing|forwarding|shooting|mailing)\b"
    r"(?=.*\b(?:by|before|tomorrow|tmrw|tonight|later|shortly|soon|first\s+thing|next|within|"
    r"end\s+of|this\s+(?:afternoon|evening)|(?:on|this)\s+\w+day|(?:morning|day|night|evening)"
    r"\s+(?:of|before)|ahead\s+of|in\s+advance)\b)",
    _I,
)
_ENSURE = lazy.pattern(
    rf"\b(?:we|i|our\s+\w+|the\s+\w+)\s*{_WILL}(?:make\s+sure|ensure)\s+(?:that\s+)?(?:(?:you|u)\s+"
    r"(?:have|get|receive)\s+(?P<obj>[^.;!?]{2,120})|(?P<subj>[^.;,]{2,90}?)\s+(?:reaches|gets\s+to|"
    r"is\s+sent\s+to|lands\s+in)\s+(?:you|u|your\s+inbox))(?=\s|[.;,!?]|$)",
    _I,
)
_ALLOW = lazy.pattern(
    r"\ballow\s+(?:up\s+to\s+|about\s+|approximately\s+)?[\w–-]+(?:\s+(?:to|-|–)\s+\w+)?\s+"
    r"(?:business\s+|working\s+)?(?:days?|weeks?|hours?)\s+for\s+(?P<obj>.{2,90}?)\s+to\s+"
    r"(?:arrive|reach\s+you|be\s+(?:sent|mailed|e-?mailed|delivered|processed\s+and\s+sent))\b",
    _I,
)
_MORE_ON = lazy.pattern(
    r"\bmore\s+(?:info(?:rmation)?\s+|details\s+)?(?:to\s+(?:come|follow)|coming(?:\s+soon)?)\s+"
    r"(?:on|about|regarding|re:?)\s+",
    _I,
)
# Only a thing that arrives: "look forward to an email with the Zoom details", never "to
# sharing our program with you" or "to your email".
_LOOK_FORWARD = lazy.pattern(
    r"\blook(?:ing)?\s+forward\s+to\s+(?=(?:an?|the)\s+(?:[\w-]+\s+)?(?:e-?mail|message|"
    r"notification|package|packet|invitation|invite)\b)",
    _I,
)


@dataclass(frozen=True, slots=True)
class Said:
    start: int
    end: int
    obj: str
    weak: bool = False  # the object must name information or material
    habitual: bool = False  # needs a time phrase


def indirect(clause: str) -> list[Said]:
    out: list[Said] = []
    for m in _ENSURE.finditer(clause):
        out.append(Said(m.start(), m.end(), object_after(m["obj"] or m["subj"])))
    for m in _ALLOW.finditer(clause):
        out.append(Said(m.start(), m.end(), object_after(m["obj"])))
    for m in _MORE_ON.finditer(clause):
        out.append(Said(m.start(), m.end(), object_after(clause[m.end() :]), weak=True))
    for m in _GERUND_LEAD.finditer(clause):
        obj = object_after(clause[m.end() :])
        out.append(Said(m.start(), m.end(), obj, weak=True, habitual=True))
    for m in _LOOK_FORWARD.finditer(clause):
        out.append(Said(m.start(), m.end(), object_after(clause[m.end() :])))
    return [s for s in out if s.obj]
