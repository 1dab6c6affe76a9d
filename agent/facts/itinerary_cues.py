"""What the words around a name say about that person: interviewing the applicant ("Interview
with", "Interviewer:", "you will meet with"), or presenting, hosting, being a contact, or
being replaced. Pure regular expressions over one sentence, line or table row."""

from __future__ import annotations

import re

from agent.facts import lazy

_I = re.IGNORECASE
INTERVIEW = r"interv(?:ie|ei)w"
# The applicant's own conversations: "Interview with", "Interviewer:", "you will meet with".
POSITIVE = lazy.pattern(
    rf"{INTERVIEW}er(?:s|\(s\))?\b|{INTERVIEW}(?:s|ing)?\s+(?:will\s+(?:now\s+)?be\s+)?"
    rf"(?:with|w/)|{INTERVIEW}ed\s+by"
    # a session named for the interview: "Interview 2 - Dr. X", "Faculty Interview (20 min):"
    rf"|(?:^|\|)\s*(?:[\w/&:-]+\s+){{0,4}}{INTERVIEW}s?(?:\s*#?\d+)?\s*(?:\([^)]*\)\s*)?"
    r"(?::|\||[-–—]\s|$)"
    rf"|(?:^|\|)\s*{INTERVIEW}ing\s*:"
    rf"|\bmeet(?:ing)?\s+(?:one[- ]on[- ]one\s+|individually\s+|1:1\s+)?with|\bwill\s+meet\b"
    r"|\b(?:one[- ]on[- ]ones?|1:1s?|1-on-1s?)\b|\bconversations?\s+with|panel\s+interview"
    rf"|interview\s+panel|interview\s+team|scheduled\s+to\s+meet"
    rf"|{INTERVIEW}s?\b[^.|;]{{0,25}}?(?:\bwith\b|\bw/)|{INTERVIEW}ing\s+you\b"
    r"|\breplaced\s+by\b|\byour\s+(?:faculty\s+|resident\s+)?interviewers?\b",
    _I,
)
# Presenters, hosts, guests and contacts: named, but not interviewing the applicant.
NEGATIVE = lazy.pattern(
    r"\b(?:welcom\w*|overview|introduc\w*|remarks|orientation|presentation|presented\s+by|"
    r"presenter|presents|presenting|talk|lecture|conference|grand\s+rounds|morning\s+report|"
    r"didactics?|speak\w*|host\w*|social|happy\s+hour|dinner|lunch\w*|breakfast|tour\w*|"
    r"coordinator|contact|questions?|attending:|attendees|residents\s+attending|leadership|"
    r"roster|q\s*&\s*a|meet[- ]and[- ]greet|reception|open\s+house|info(?:rmation)?\s+session|"
    r"closing|wrap[- ]up|debrief|break|say\s+hi|office\s+hours|faculty\s+who|"
    r"will\s+send|reach\s+out|second\s+look|TBA|TBD|such\s+as|"
    # who interviews in general, not on the applicant's day
    r"(?:our|the\s+program's)\s+(?:faculty\s+)?interviewers\s+(?:include|come|are\s+drawn)|"
    r"interviewers\s+(?:this|each|every)\s+(?:season|year|cycle))\b",
    _I,
)
# Said after a name: "Dr. X will interview you"; "Dr. X will host".
TRAILING_POSITIVE = lazy.pattern(
    r"^[^.|]{0,20}?\b(?:will\s+(?:now\s+)?(?:also\s+)?(?:interview|meet\s+with)\s+you|"
    r"(?:is|are|will\s+be)\s+(?:one\s+of\s+)?your\s+(?:\w+\s+)?interviewer|replaces|(?:is|will\s+be)\s+replacing|"
    r"(?:has|will)\s+replace|will\s+take\s+(?:his|her|their|the)\s+(?:place|slot)|"
    r"will\s+(?:now\s+)?(?:be\s+)?(?:interviewing\s+you|conduct|step\s+in|fill\s+in)|"
    rf"for\s+(?:your|the|a)\s+(?:[\w-]+\s+){{0,2}}{INTERVIEW}\b)"
    # the session named after the person: "Dr. X (PD) - 9:00 AM Interview"
    r"|^\s*(?:\([^)]*\)\s*)?[-–—|,:]\s*(?:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*)?"
    rf"(?:[\w-]+\s+){{0,2}}{INTERVIEW}s?\b(?!\s+day)",
    _I,
)
TRAILING_NEGATIVE = lazy.pattern(
    r"^[^.|]{0,20}?\b(?:will\s+(?:also\s+)?(?:host|speak|present|give|lead|open|welcome|join\s+"
    r"(?:you|us)\s+for)|hosts|presents|is\s+hosting)",
    _I,
)
# The person named here no longer interviews: "Dr. Y replaces Dr. X", "Dr. X is unable to".
REPLACED_BEFORE = lazy.pattern(
    r"(?:replac(?:es|ing|ed)|in\s+place\s+of|instead\s+of|substitut\w*\s+for|filling\s+in\s+for"
    r"|covering\s+for|taking\s+over\s+for)\s*$",
    _I,
)
REPLACED_AFTER = lazy.pattern(
    r"^[^.|]{0,30}?\b(?:(?:is|was|will\s+be|are)\s+(?:no\s+longer|unable|not\s+able|unavailable)"
    r"|can\s+no\s+longer|can't\s+make\s+it|(?:has|had)\s+(?:had\s+)?to\s+withdraw|will\s+not\s+be"
    r"\s+(?:able|interviewing|joining)|(?:will\s+be|has\s+been|is\s+being|is)\s+replaced)",
    _I,
)
SALUTATION = lazy.pattern(r"(?:^|\|)\s*(?:dear|hi|hello|hey|good\s+\w+)\s*,?\s*$", _I)

# A line that starts with a clock time: a slot of a schedule.
TIMED = lazy.pattern(
    r"^\s*(?:[-*•]\s*)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[-–]\s*\d{1,2}(?::\d{2})?\s*"
    r"(?:[ap]\.?m\.?)?)?\s*(?:[A-Z]{2,3}\b)?\s*[-–:|]?\s*",
    _I,
)
SCHEDULE = lazy.pattern(
    rf"{INTERVIEW}\w*\s+(?:day\s+)?(?:schedule|itinerary|agenda|slots?|times)|"
    rf"(?:schedule|itinerary|agenda)\b[^.]{{0,30}}\b{INTERVIEW}",
    _I,
)


def last_cue(text: str) -> str | None:
    """Which way the last cue in the text points: "pos", "neg" or None."""
    last: tuple[int, str] | None = None
    for pattern, sign in ((POSITIVE, "pos"), (NEGATIVE, "neg")):
        for m in pattern.finditer(text):
            if last is None or m.end() > last[0] or (m.end() == last[0] and sign == "pos"):
                last = (m.end(), sign)
    return last[1] if last else None


def decide(lead: str, tail: str, previous: str | None, context: str | None) -> str | None:
    """A person's cue: the last one before the name, else the one the previous name in the
    same sentence had, else what follows the name, else the list's heading."""
    cue = last_cue(lead)
    if cue:
        return cue
    if previous:
        return previous
    if TRAILING_NEGATIVE.search(tail):
        return "neg"
    if TRAILING_POSITIVE.search(tail):
        return "pos"
    return context
