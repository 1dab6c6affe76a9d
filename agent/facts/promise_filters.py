"""What makes a commitment no promise: requests, conditional offers, hedges, refusals,
things already sent, public posts, things handed out at an event, deliverables for someone
else, and anything about rank lists or the Match. Precision first: a false promise makes the
agent ask the program about something it never offered."""

from __future__ import annotations

import re

from agent.facts import lazy
from agent.facts.promise_clauses import Commitment

__all__ = ["about_ranking", "disqualified", "for_others", "to_someone_else"]

_I = re.IGNORECASE

_NEGATION = lazy.pattern(
    r"\b(?:will\s+not|won't|won’t|will\s+no\s+longer|shall\s+not|do\s+not|don't|don’t|does\s+not|"
    r"doesn't|not\s+be|not\s+going|no\s+(?:further|additional|longer)|unable|cannot|can't|can’t|"
    r"not\s+(?:able|currently|yet\s+able|planning|plan)|never|neither|nor)\b",
    _I,
)
_HEDGE = lazy.pattern(
    r"\b(?:may|might|could|would|possibly|perhaps|maybe|if\s+possible|tentatively|"
    r"(?:we|i)\s+can)\b",
    _I,
)
_CONDITIONAL = lazy.pattern(
    r"\b(?:if(?!\s+not\s+(?:sooner|earlier|before))|should\s+(?:you|your|there|anything|any|the\s+"
    r"(?:weather|schedule))|unless|in\s+the\s+event|provided\s+that|as\s+needed|upon\s+request|"
    r"on\s+request|by\s+request|who\s+(?:request|ask|want|need|would\s+like)|happy\s+to|glad\s+to|"
    r"feel\s+free|do\s+not\s+hesitate|don't\s+hesitate|let\s+(?:us|me)\s+know|"
    r"(?:once|when|as\s+soon\s+as|whenever|upon)\s+(?:you|your)\b|after\s+you\b|"
    r"(?:once|when|after|as\s+soon\s+as)\s+(?:we|i)\s+(?:receive|get|hear)\s+(?:your|back|from\s+you)|"
    r"(?:applicants|candidates|those|anyone|students)\s+who\s+(?:are|get|will\s+be|have\s+been)\s+"
    r"(?:invited|selected|matched|chosen|offered|ranked))",
    _I,
)
# "remind me if I forget": the program's own memory, not a condition on the applicant.
_SELF_REMINDER = lazy.pattern(r"\bif\s+(?:i|we)\s+(?:forget|don't|do\s+not|haven't|miss)\b.*", _I)
_PUBLIC = lazy.pattern(
    r"\b(?:social\s+media|instagram|twitter|facebook|linkedin|tiktok|youtube\s+channel|"
    r"our\s+(?:blog|podcast))\b",
    _I,
)
_HANDED_OUT = lazy.pattern(
    r"\b(?:at|upon|on)\s+(?:check-?in|registration|arrival)\b|\b(?:ready|waiting)\s+for\s+you\b", _I
)
_BY_YOU = lazy.pattern(
    r"\b(?:sent|returned|submitted|e-?mailed|completed|uploaded|signed)\s+by\s+you\b", _I
)
_IN_CASE = lazy.pattern(r"\bin\s+case\b", _I)
_REQUEST = lazy.pattern(
    r"^\W*(?:remember|be\s+sure|make\s+sure|don't\s+forget|do\s+not\s+forget|note\s+that\s+you|"
    r"you\s+(?:must|need|will\s+need|are\s+required|are\s+asked))\b|"
    r"\b(?:please|kindly|pls)\s+(?!(?:note|know|be\s+advised|expect|look|keep|watch|allow|stay|"
    r"be\s+on)\b)\w+|\bwe\s+(?:ask|request|encourage|invite|remind|need)\s+(?:that\s+)?"
    r"(?:you|all|applicants|candidates)\b|\byou\s+(?:must|need\s+to|will\s+need\s+to|"
    r"are\s+required|are\s+asked)\b",
    _I,
)
_IMPERATIVE = lazy.pattern(
    r"^\W*(?:reply|respond|send|e-?mail|submit|complete|fill|return|upload|tell|sign|rsvp|"
    r"register|click|confirm|call|text|book|choose|pick|select|give|forward|share|let\s+(?:us|me)"
    r"\s+know|drop\s+(?:us|me)|answer|write)\b",
    _I,
)
_DONE = lazy.pattern(
    r"\b(?:attached|enclosed|below|above|here\s+(?:is|are)|here's|here’s|as\s+promised|"
    r"(?:is|are)\s+included|included\s+(?:here|below)|herein|please\s+find|"
    r"you(?:'ll|’ll|\s+will)\s+find(?![^.;]*\bin\s+your\s+(?:inbox|mailbox|e-?mail))|find\s+attached|already|(?:have|has|had|'ve|’ve)\s+"
    r"(?:just\s+)?(?:been\s+)?(?:sent|e-?mailed|shared|posted|uploaded|mailed|forwarded|dispatched|"
    r"couriered|issued|released|circulated|distributed)|"
    r"should\s+have\s+(?:received|gotten|got)|(?:was|were)\s+(?:sent|e-?mailed|shared|posted|"
    r"mailed)|as\s+mentioned|i\s+sent|we\s+sent)\b",
    _I,
)
_RANKING = lazy.pattern(
    r"\b(?:rank(?:s|ed|ing|ings)?(?:\s+lists?)?|match(?:es|ed)?|nrmp|soap|where\s+you\s+stand|"
    r"your\s+(?:application\s+|applicant\s+)?status|candidacy|final\s+decisions?|"
    r"selection\s+decisions?|(?:the|your)\s+outcome\b|(?:our|the)\s+decisions?\b(?!\s+(?:on|about)\s+your\s+(?:interview|"
    r"away|rotation))|positions?\s+offered|offers?\s+of\s+(?:a\s+)?(?:position|residency))\b",
    _I,
)
# Case matters only for a capitalized name ("to Dr. Kim", "to Maria"); the rest ignores it.
_SOMEONE_ELSE = lazy.pattern(
    r"^\s*(?!(?i:along\s+with|together\s+with)\b)(?i:over\s+|along\s+|on\s+)?(?:\w+ly\s+)?(?i:to|with)\s+(?!(?i:you|u|y'all|yourself|everyone|everybody|"
    r"each|every|all\s+(?:of\s+you|applicants|interviewees|candidates|attendees|participants)|"
    r"(?:all\s+)?(?:applicants|interviewees|candidates|attendees|participants)|your\s+(?:inbox|"
    r"(?!dean|advisor|advisers?|school|mentor|letter|references?|recommenders?|home\s+(?:program|school|institution))\w+)|"
    r"the\s+(?:\w+\s+)?(?:number|address|phone|e-?mail)\b|(?:the|our)\s+(?:[\w-]+\s+)?(?:portal|"
    r"website|site|dashboard|group|folder|drive|box|page|platform|system|calendar|channel|app|"
    r"repository|library|class\s+of\s+applicants)|thalamus|eras|\{\{)\b)"
    r"(?:(?i:dr\.?|the\s|your\s|our\s|his\s|her\s|their\s|hr\b|him\b|them\b|"
    r"(?:those|these|such|selected|ranked|matched)\s+(?:applicants|candidates|interviewees)\b|"
    r"all\s+(?:of\s+)?(?:our|the)\s)|[A-Z])",
)


def disqualified(clause: str, commit: Commitment, previous: str, joint: str) -> bool:
    """True for requests, conditionals, hedges, refusals, things already sent and things
    posted for the public (social media)."""
    head = clause[: commit.end]
    verb_phrase = re.split(r"\b(?:and|but)\b|,", head)[-1]  # "would love to meet you and will"
    if _NEGATION.search(clause) or _HEDGE.search(verb_phrase) or _DONE.search(clause):
        return True
    if _PUBLIC.search(clause) or _REQUEST.search(head) or _HANDED_OUT.search(clause):
        return True
    if _BY_YOU.search(clause):  # "is to be sent by you to the GME office"
        return True
    if _CONDITIONAL.search(_SELF_REMINDER.sub("", clause)) or _IN_CASE.search(head[: commit.start]):
        return True
    # "Reply with your size and we'll mail ...", "Let us know if ... and we'll ..."
    return joint.lower() == "and" and bool(
        _IMPERATIVE.search(previous) or _CONDITIONAL.search(previous)
    )


_WITH_PEOPLE = lazy.pattern(
    r"^\s*(?:\w+ly\s+)?with\s+(?:dr\.?\s|(?:the|our|your|my|all)\s+(?:[\w-]+\s+){0,2}?(?:committee|"
    r"faculty|team|residents|chiefs?|director|pd|apd|interviewers?|department|office|staff|class|"
    r"group|leadership|coordinator|colleagues|members)\b)",
    re.IGNORECASE,
)


def to_someone_else(after_object: str) -> bool:
    """A deliverable for someone else ("... to Dr. Kim", "... with the committee"), or
    something said at an event, not sent ("... at the next info session")."""
    if re.match(r"^\s*(?:\w+ly\s+)?with\b", after_object, re.IGNORECASE):
        return bool(_WITH_PEOPLE.match(after_object))  # "with the details" is a thing
    return bool(_SOMEONE_ELSE.match(after_object) or _AT_EVENT.match(after_object))


_AT_EVENT = lazy.pattern(
    r"^\s*(?:at|during)\s+(?:the|our|your)\s+(?:next\s+|upcoming\s+)?(?:[\w-]+\s+)?(?:session|"
    r"event|orientation|social|meeting|interview|dinner|lunch|breakfast|webinar|open\s+house|"
    r"visit|conference|day|panel|q&a|lecture|presentation|town\s+hall|grand\s+rounds|tour)\b|^\s*(?:at|upon|on)\s+(?:check-?in|registration|arrival)\b|"
    r"^\s*(?:on\s+site|onsite|in\s+person)\b",
    _I,
)


_OTHERS = lazy.pattern(
    r"\bto\s+(?:the|our|all|their)\s+(?:[\w-]+\s+){0,3}(?:class|residents|interns|faculty|"
    r"committee|team|department|director|chiefs?|staff|members|cohort|group)\b(?!['’])"
    r"(?:\s+of\s+[\w\s-]+)?\s*$",
    _I,
)


def for_others(what: str) -> bool:
    """ "a GroupMe invite to the incoming intern class": the object names other recipients."""
    return bool(_OTHERS.search(what))


def about_ranking(text: str) -> bool:
    return bool(_RANKING.search(text))
