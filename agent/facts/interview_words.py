"""The words that say what a program's message does with the interview: confirms,
reminds, reschedules or cancels it, invites or offers days, or speaks of another event."""

from __future__ import annotations

import re

from agent.facts import lazy

_I = re.IGNORECASE
INTERVIEW = lazy.pattern(r"(?<![-\w])interview(?:s|ing)?\b(?!\s*(?:invitation|invite))", _I)
YOURS = lazy.pattern(
    r"\byour\s+(?:\w+\s+){0,2}(?:interview|visit|session|slot|schedule|itinerary|day|date|time)\b|"
    r"\binterview\s+(?:day|date|details|time|schedule|itinerary|confirm\w*|remind\w*|"
    r"resched\w*|cancel\w*|booked|scheduled|is|on|for)\b|^\s*(?:date|when|time|day|new)\b",
    _I,
)
INVITED = lazy.pattern(
    r"\binvit(?:e|ed|es|ing|ation)\b[^.\n]{0,40}\binterview|"
    r"\boffer(?:ing)?\s+you\s+(?:an?\s+)?interview|(?:would|'d)\s+(?:like|love)\s+to\s+interview\s+you|"
    r"\bclaim\s+(?:a|your)\s+(?:spot|slot|seat|place)\b|\breply\s+to\s+(?:claim|reserve|book)\b|"
    r"\b(?:select|choose|pick|sign\s+up\s+for|claim|schedule|book)\s+(?:an?|your|one)\b"
    r"[^.\n]{0,40}\b(?:date|slot|time|day)s?\b|\bavailable\s+(?:interview\s+)?dates\b|"
    r"accept\s+or\s+decline|reply\s+to\s+accept|confirm\s+your\s+(?:attendance|availability)|"
    r"\bplease\s+confirm\b|\bpropos(?:e|ed|al)\b|\btentative(?:ly)?\b|"
    r"\b(?:does|would|will|could)\s+(?:that|this|it|these)\s+work\b|\bwork\s+for\s+you\s*\?|"
    r"\bwe(?:'d|\s+would)\s+like\s+to\s+(?:move|reschedule|change)\b|"
    r"\bwait[- ]?list|unable\s+to\s+accept|\bdeclin",
    _I,
)
CANCELLED = lazy.pattern(
    r"\b(?:has|have|had)\s+been\s+cancel+(?:ed|led)\b|"
    r"\b(?:is|are|was|were)\s+(?:now\s+|being\s+)?cancel+(?:ed|led)\b|"
    r"\b(?:we|i)(?:'ve|\s+have|\s+had|\s+must|\s+will|\s+are)?"
    r"(?:\s+(?:to|forced|having|need|needed|going|regret(?:fully)?|unfortunately|sadly))*"
    r"\s+(?:cancel+(?:ed|led)?|cancel+ing)\b|"
    r"\b(?:must|have\s+to|had\s+to|need\s+to)\s+cancel\s+(?:your|all|the)\b|"
    r"\bcancel+(?:ed|led)\s+(?:all|your|the)\b|\bcancel+ation\s+of\s+your\b|"
    r"\binterview\s+(?:has\s+been\s+|is\s+|was\s+)?cancel+(?:ed|led)\b|"
    r"\byour\s+(?:\w+\s+){0,3}interview\s+(?:\w+\s+){0,3}(?:is|has\s+been)\s+cancel+(?:ed|led)|"
    r"^\s*(?:interview\s+)?cancel+(?:ed|led)\b|\bstatus:\s*cancel|"
    r"^\s*(?:interview\s+cancel+ation|cancel+ation\s+(?:notice|confirmation))\b|"
    r"\bno\s+longer\s+(?:be\s+)?able\s+to\s+(?:host|hold|conduct|offer)\s+your\b|"
    r"\b(?:unable|not\s+be\s+able)\s+to\s+(?:host|hold)\s+your\s+interview|"
    r"\bwill\s+not\s+(?:take\s+place|go\s+ahead|proceed|be\s+held)\b|"
    r"\b(?:has|have)\s+been\s+(?:called\s+off|suspended)\b|"
    r"\bwithdraw\w*\s+(?:our|the|your)\s+(?:interview\s+)?invitation\b|"
    r"\bunable\s+to\s+accommodate\s+your\s+interview\b|"
    r"\bwithdraw(?:n|ing)?\s+from\s+(?:your|the|our)\b[^.\n]{0,40}\binterview\b|"
    r"\byour\s+(?:interview\s+)?(?:spot|slot)\s+(?:has\s+been|was|is)\s+released\b",
    _I | re.MULTILINE,
)
NOT_CANCEL = lazy.pattern(
    r"\bif\b[^.\n]{0,40}cancel|cancel+ation\s+polic|remains?\s+(?:scheduled|confirmed|on)\b|"
    r"\bunchanged\b|\bstill\s+on\b|\bnot\s+(?:be\s+)?affected\b|(?<!place\s)\bas\s+planned\b|"
    r"\bnot\s+(?:been\s+)?cancel|\b(?:request(?:ed)?|want|wish|like)\s+to\s+cancel",
    _I,
)
# A sentence that schedules the interview: when its time cannot be read, the applicant is told.
SCHEDULING = lazy.pattern(
    r"(?<!please\s)(?<!to\s)\bconfirm(?:ed|s|ation)\b|\b(?:re)?scheduled\b|\breminder\b|\bpostpon\w*|"
    r"\bbooked\b|\bitinerary\b|\bnew\s+(?:interview\s+)?(?:date|time)\b|"
    r"\binterview\s+(?:details|date|time)\b|\bmoved\b|\bchanged\b",
    _I,
)
# Another event, a deadline or an offer: its day is not the interview's.
_EVENTS = (
    r"social|dinner|reception|happy\s+hour|open\s+house|info(?:rmation(?:al)?)?\s+session|"
    r"webinar|second\s+look|meet[- ]and[- ]greet|orientation|town\s+hall|q\s*&\s*a"
)
EVENT = lazy.pattern(rf"\b(?:{_EVENTS})\b", _I)
OTHER_EVENT = lazy.pattern(
    rf"\b(?:{_EVENTS}|match|results|deadline|due(?!\s+to)|expire\w*|waitlist|wait\s+list|rank|"
    r"survey|questionnaire|form|clos(?:e|es|ing)|sign[- ]?ups?|submit\w*|upload\w*)\b|"
    r"\b(?:select|choose|pick|sign\s+up|register|claim)\b",
    _I,
)
LIST_GAP = lazy.pattern(r"\s*(?:,|;|/|&|or|and|,\s*(?:or|and))\s*", _I)
# Said to the applicant (or a platform's notice of their booking), not general information.
ADDRESSED = lazy.pattern(
    r"\byou\b|\byour\b|\bu\b|\bur\b|\bconfirm\w*|\bremind\w*|\bscheduled\b|\bbooked\b|"
    r"\bstatus\b|\bdetails\b|\bitinerary\b|\bagenda\b|\bthe\s+interview\b(?!s)|\bregist\w*|\bresched\w*|\bcancel\w*|\bupdated\b|"
    r"\bchanged\b|\bmoved\b|\ball\s+set\b|^\s*interview(?:\s+(?:date|time|day))?\s*[:-]|"
    r"^\s*when\s*(?::|$)",
    _I,
)
# Just before a day or a time, words that make it a deadline, not an appointment.
DEADLINE = lazy.pattern(r"\b(?:by|until|till|before|no\s+later\s+than)\b[^.\n\d]{0,14}$", _I)
BY = lazy.pattern(r"\b(?:by|respond|reply|decide|before)\b[^.\n\d]{0,12}$", _I)
OLD = lazy.pattern(
    r"\b(?:previous(?:ly)?|old|original(?:ly)?|formerly|instead\s+of|released?|"
    r"was\s+(?:scheduled|set|booked)|rather\s+than|no\s+longer)\b[^.\n]{0,25}$|"
    r"\b(?:moved|moving|resched\w*|switched|changed|shifted|swapped)\b[^.\n]{0,30}\bfrom\s*$|"
    r"^\s*(?:was|it\s+was|old|before|from)\s*[:-]?\s*$|\b(?:it|this)\s+was\s*$",
    _I,
)
NEW = lazy.pattern(
    r"\b(?:new(?:\s+(?:interview\s+)?(?:date|time|day|slot))?|moved\s+(?:you\s+)?to|"
    r"resched\w*\s+(?:you\s+)?(?:to|for)|is\s+now|swapped\s+you\s+into|changed\s+to|"
    r"moving\s+you\s+to|updated|instead(?!\s+of))\b[^.\n]{0,30}$",
    _I,
)
OFFER = lazy.pattern(
    r"\b(?:choose|select|pick|alternatives?|available|options?|new\s+dates?|open\s+dates?)\b", _I
)
# Said of the applicant's own slot when "interview" is not written: "we have you down for".
PERSONAL = lazy.pattern(
    r"(?<!please\s)(?<!to\s)\bconfirm(?:ed|ing)\b|\bwe\s+have\s+you\b|\ball\s+set\b|"
    r"\byou(?:'re|\s+are)\s+(?:confirmed|booked|scheduled|registered)\b|\breminder\b|"
    r"\byou(?:'re|\s+are)\s+on\s+(?:the|our)\s+(?:interview\s+)?(?:schedule|calendar|books)\b|"
    r"\b(?:locked|penciled|pencilled|slotted|signed\s+up)\s+(?:you\s+)?(?:in|for)\b|"
    r"\b(?:moved|moving|swapped|switched|shifted|shifting|changed|changing|rescheduled|"
    r"rescheduling)\s+(?:you|your)\b|"
    r"\byour\s+(?:start|end)\s+time\b|\bsee\s+you\b",
    _I,
)
NOT_START = lazy.pattern(
    r"(?:log\s*(?:-\s*)?in|sign\s*(?:-\s*)?in|check[- ]?in|arrive|arrival|join|be\s+ready|"
    r"test|no\s+later\s+than|early|opens?|prior|before|by)\b[^.\n]{0,20}$",
    _I,
)
END = lazy.pattern(
    r"(?:\bend(?:s|ing)?|\bconclud\w*|\bfinish\w*|\bwrap\w*(?:\s+up)?|\buntil|\btill|"
    r"\bthrough|\bdismiss\w*|\badjourn\w*|\bdone)\b[^.\n\d]{0,25}$",
    _I,
)
SHIFT_FROM = lazy.pattern(
    r"\b(?:mov|shift|chang|push|switch|adjust)\w*\b[^.\n]{0,60}\bfrom\s*$", _I
)
# "7:45 Zoom opens": a time for getting in, not the interview's start.
LOBBY = lazy.pattern(
    r"\W{0,3}(?:(?:zoom|virtual|waiting|the)\s+)?(?:room|lobby|doors?|zoom|check[- ]?in|"
    r"registration|log[- ]?(?:in|on)|sign[- ]?in|arrival)\b",
    _I,
)
# A confirmation that also mentions invitations ("thank you for accepting our invitation").
CONFIRMED = lazy.pattern(
    r"(?<!please\s)(?<!to\s)\bconfirm(?:ed|s|ation)\b|\b(?:is|are|been|you're)\s+(?:now\s+)?(?:re)?scheduled\b|"
    r"\bwe\s+have\s+you\s+(?:down\s+|booked\s+|scheduled\s+)?(?:for|on)\b|"
    r"\breminder\b|\ball\s+set\b|(?<!be\s)\brescheduled\b|"
    r"\byour\s+new\s+(?:interview\s+)?(?:date|time|day)\s+(?:is|will\s+be)\b|"
    r"\bthank\w*\s+(?:you\s+)?for\s+(?:accepting|scheduling|signing\s+up|booking|selecting)\b|"
    r"\byou(?:'ve|\s+have)\s+(?:successfully\s+)?(?:scheduled|booked|selected|signed\s+up)\b|"
    r"^\s*(?:updated\s+)?invitation:[^\n]*\s@\s",  # a calendar invite's subject: "X @ Wed Dec 2"
    re.IGNORECASE | re.MULTILINE,
)
# The applicant still has to pick or book a day: an invitation even when called a reminder.
TO_PICK = lazy.pattern(
    r"\bplease\s+(?:sign\s+up\s+for|select|choose|pick|schedule|book|claim)\s+(?:an?\s+|your\s+)?"
    r"interview(?:\s+(?:date|slot|time|day))?(?:\s*(?:[.,;!]|$)|\s+(?:by|before|through|via|in|on)\b)|"
    r"\b(?:sign\s+up\s+for|select|choose|pick|book|claim)\s+one\s+of"
    r"\s+(?:the\s+)?(?:\w+\s+)?(?:dates|slots|days|times)\b",
    re.IGNORECASE | re.MULTILINE,
)
# "If you need to decline or reschedule, ...": a courtesy, not an invitation's question.
CONDITIONAL = lazy.pattern(
    r"^\s*(?:if|should|in\s+case|in\s+the\s+event)\b|\bif\s+you\s+(?:need|have|would\s+like|wish|must)\b",
    re.IGNORECASE,
)
# The program's season, not the applicant's day: "our last interview date this season is ...".
SEASON = lazy.pattern(
    r"\b(?:our|all|the\s+program's)\s+(?:\w+\s+){0,2}interview\s+(?:dates|days|season)\b|"
    r"\bour\s+(?:first|last|final|next|remaining)\s+interview\s+(?:date|day)\b|"
    r"\b(?:this|the)\s+(?:interview\s+)?season\b",
    re.IGNORECASE,
)
# Thanks for a day already over: not scheduling mail, so nothing to flag when no time is read.
PAST = lazy.pattern(
    r"\bthank(?:s|\s+you)\s+(?:again\s+|so\s+much\s+)?for\s+(?:interviewing|visiting|spending|"
    r"(?:your\s+)?visit\b)|\b(?:was|were)\s+(?:a\s+|such\s+a\s+)?(?:pleasure|great|wonderful|delight)"
    r"\s+(?:to\s+)?(?:meet|meeting)\b|\benjoyed\s+meeting\s+you\b",
    re.IGNORECASE,
)
# A subject that announces scheduling ("Interview Confirmed - X", "Reminder: your interview").
NOTICE = lazy.pattern(
    r"^(?!.*\b(?:season|process|policy|policies|tips|guide|faq|webinar|invitations?)\b).*(?:"
    r"(?<![-\w])interview\b[^\n]{0,40}\b(?:confirm|remind|resched|cancel|chang|updat|moved|"
    r"details|itinerary|scheduled|booked)|\b(?:confirm|remind|resched|cancel|chang|updat)\w*"
    r"[^\n]{0,40}(?<![-\w])interview\b)",
    re.IGNORECASE,
)
# Said of an interview close at hand or settled: flagged when its time cannot be read.
SOON = lazy.pattern(
    r"\b(?:remind\w*|coming\s+up|tomorrow|today|tmrw|this\s+week|set\s+for|scheduled|booked|"
    r"confirmed|look(?:ing)?\s+forward\s+to\s+(?:seeing|meeting)\s+you|see\s+you|is\s+on|"
    r"will\s+take\s+place|(?:is|will\s+be)\s+held\s+on)\b",
    re.IGNORECASE,
)
