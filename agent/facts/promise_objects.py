"""The object of a promise, as the program wrote it: "the schedule for your virtual second
look evening", "a J-1 visa FAQ", "hotel block information".

A noun phrase is read from the words after the sending verb (or before a passive one) up to
where the phrase plainly ends: punctuation, a time phrase, a new clause, a recipient ("to
you", "with everyone") or a place ("on our website"). Determiners and modifiers that say
which one are kept. Pronouns are replaced by the last deliverable noun phrase written before
them. Coordinated objects ("the survey and the recording") are separate promises.
"""

from __future__ import annotations

import re

from agent.facts import lazy
from agent.facts.dates import MONTH_NAMES, WEEKDAY_NAMES

__all__ = [
    "antecedent",
    "content_words",
    "head_noun",
    "is_deliverable",
    "object_after",
    "slug",
    "split_objects",
    "subject_before",
]

_I = re.IGNORECASE
_DET = r"(?:the|a|an|our|your|her|his|their|my|this|that|these|those|any|some|all|each)"
_RECIPIENTS = (
    r"(?:you|u|y'all|yourself|everyone|everybody|anyone|those|each\s+of\s+you|all\s+of\s+you|"
    r"both\s+of\s+you|"
    r"(?:all\s+|each\s+|every\s+)?(?:applicants?|interviewees?|candidates?|attendees?|participants?)"
    r"(?:\s+(?:who|that)\s+\w+(?:\s+\w+)?)?|your\s+(?:inbox|email|e-mail|way))"
)
# Words that end a noun phrase wherever they appear after its first word.
_STOP = lazy.pattern(
    r"[,;:!?()\[\]{}\"“”<>|]|\.(?=\s|$)|\s[-–—]+\s|[–—]|"
    r"(?<![-'’])\b(?:by|before|after|within|until|till|during|via|through|throughout|once|when|whenever|"
    r"so|because|since|if|unless|while|which|who|whom|whose|that|where|but|nor|will|would|"
    r"should|shall|can|could|may|might|must|is|are|was|were|be|been|being|has|have|had|do|does|"
    r"did|today|tonight|tomorrow|tmrw|tmr|tmw|soon|no\s+later\s+than|on\s+a\s+rolling\s+basis|"
    r"\w+n['’]t|"
    rf"(?:{WEEKDAY_NAMES})(?!['’-])|(?:{MONTH_NAMES})\.?\s+\d|shortly|now|later|asap|cob|eod|sometime|closer|nearer|"
    r"including|includes|such\s+as|along\s+with|as\s+well\s+as|ahead|prior|in\s+advance|at|in|"
    r"into|over|per|between|across|around|towards?|upon|as|we|i|they|she|he|it|please|thanks|off|"
    r"goes|went|opens|closes|launches|starts|begins|ends|arrives|remains|"
    r"(?:close|end)\s+of\s+(?:business|play|day)|this\s+coming|first\s+thing|(?:the\s+)?(?:first|second|third|"
    r"last|final)\s+(?:week|half|days?)\s+of|"
    rf"again|too|also|either|both|out|then|(?:this|next|last)\s+(?:week|month|weekend|year|time|"
    rf"few|couple|{WEEKDAY_NAMES})|(?:early|mid|late)[-\s]+(?:{MONTH_NAMES}|next|this)|"
    rf"(?:the\s+)?(?:day|night|evening|morning|afternoon|week|wk|{WEEKDAY_NAMES})\s+"
    r"(?:before|of|prior)|"
    r"\d+\s*(?:hours?|hrs?|minutes?|mins?|days?|weeks?|business)|(?:a|one|two|three|four|five|ten|few|couple)\s+"
    r"(?:business\s+)?(?:hours?|days?|weeks?)|from\s+(?:us|me|him|her|them|hr|thalamus|eras|"
    r"(?:our|the|my)\s+(?:office|team|coordinator|program|gme\s+office|chiefs?|residency))\b|"
    rf"with\s+{_RECIPIENTS}|for\s+(?:you|your\s+(?:records?|review|reference|convenience)))\b(?![-'’])|"
    rf"\band\s+(?:we|i|you|will|then|it|they|she|he|our|also|please|let|feel|have|look)\b|"
    rf"\b(?:to|on)\s+{_RECIPIENTS}\b|\byour\s+way\b",
    _I,
)
# "to" and "on" end the phrase unless they say which one: "a link to the survey",
# "an update on the waitlist"; never "to you", "on Friday", "on our website".
_TO_KEEPERS = lazy.pattern(
    r"\b(?:links?|guides?|directions|access|invitations?|invites?|answers?|introduction|maps?|"
    r"keys?|addend(?:um|a)|supplements?|responses?|changes|updates?|passes?|tickets?|admission)\s*$",
    _I,
)
_PLACE = (
    rf"(?:\d|the\s+\d|(?:{WEEKDAY_NAMES}|{MONTH_NAMES}|or\s+before|(?:your|our|their|the)\s+"
    r"(?:[\w-]+\s+)?(?:portal|website|site|web\s*site|dashboard|page|forum|board|channel|drive|"
    r"platform|app|account|inbox|profile|calendar|phone|e-?mail|file|server|intranet)|"
    r"thalamus|eras|zoom|social\s+media|file|record)\b)"
)
_LEADING = lazy.pattern(
    rf"^(?:\s*(?:out|over|along|back|on\s+over|across|round|around)\b|\s*(?:to\s+)?{_RECIPIENTS}\b(?:\s+all)?|"
    r"\s*(?:about|of|regarding|re:?|on|with)\b(?=\s+\S))",
    _I,
)
_ENVELOPE = lazy.pattern(
    r"^(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:e-?mail|message|note|reminder|notification|follow-up|letter|text(?:\s+message)?|word)"
    r"(?:\s+from\s+[\w.' -]{1,40}?)?"
    r"(?:\s+(?:on|by|this|next)\s+\w+|\s+(?:tomorrow|today|tonight|soon|shortly))?"
    r"\s+(?:with|containing|that\s+(?:has|includes|contains|will\s+include)|including|about|"
    r"regarding|on|confirming|listing|outlining|detailing|(?P<inviting>inviting\s+you\s+to))\s+",
    _I,
)
_SOMEONE_FIRST = lazy.pattern(
    r"(?:(?:dr|mr|ms|mrs|prof)\.?\s+[\w'-]+|(?:the|our)\s+(?:[\w-]+\s+){0,2}(?:interns|residents|"
    r"faculty|committee|class|team|chiefs|staff))\s+(?=(?:a|an|the|your|our|his|her|their)\b)",
    _I,
)
_TRAILING = lazy.pattern(
    r"(?:\s+(?:out|over|along|both|all|again|too|also|as|well|soon|then|each|to|for|of|and|or|"
    r"the|a|an|our|your|with|from|about|on|up|back|off|shortly|directly|separately|"
    r"electronically|u|you|e-?mailed|sent|mailed|delivered|shipped|forwarded|posted|uploaded))+$",
    _I,
)
_PRONOUN = lazy.pattern(r"^(?:it|them|this|that|these|those|one|the\s+same|both)$", _I)
_PP = lazy.pattern(r"\s(?:of|for|from|about|on|regarding|with|to|re)\s", _I)
# Where a noun phrase may start: after a determiner, or bare after a verb of preparing
# ("compiling answers to ..., and will email them").
_NP_START = lazy.pattern(
    rf"\b{_DET}\s+(?=\S)|\b(?:compiling|finalizing|preparing|updating|drafting|gathering|"
    r"collecting|editing|revising|creating|assembling|together|on)\s+(?P<bare>)(?=\w)",
    _I,
)
_MAX_WORDS = 14


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Heads that are people, events, meals, favours or plain contact: never the thing promised.
_NOT_DELIVERABLE = _wordset(
    "resident residents faculty interviewer interviewers chief chiefs coordinator "
    "coordinators director directors applicant applicants interviewee interviewees "
    "candidate candidates team committee class you us them everyone dr pd apd staff member "
    "members student students intern interns people person host hosts we i he she they "
    "steps lunch breakfast dinner meal meals food refreshments snacks coffee drinks tour "
    "tours seat spot social party celebration reception gathering welcome overview talk "
    "hour happy opportunity chance support thoughts love thanks best regards wishes luck "
    "question questions concerns feedback reimbursement refund payment money stipend "
    "stipends car ride shuttle driver taxi scrubs parking lodging accommodations accommodation "
    "transportation room rooms way day days time week weekend morning evening afternoon night "
    "which who whom whose month year years season today interview interviews conversation meeting "
    "call session break experiences experience stories insights perspectives advice "
    "more anything "
    "something everything things it this that these those one word news consideration "
    "regrets apologies congratulations condolences references referees recommenders advisor "
    "advisors dean mentor mentors scheduling logistics availability sense feel taste glimpse "
)
_SPAN_OF_TIME = lazy.pattern(
    r"\s*(?:\d+|a\s+few|several|a\s+couple\s+of|an?)\s+(?:minutes?|hours?|days?|weeks?)\b", _I
)
_EVENTS = _wordset("tour tours social party reception talk overview welcome")
_MEDIA = lazy.pattern(
    r"\b(?:video|virtual|recorded|recording|online|photos?|pdf|link|slides)\b", _I
)
# Heads too vague to name back without a "which one" phrase after them.
_VAGUE_ALONE = _wordset(
    "email e-mail message note line update updates reminder decision decisions "
)


def _np(text: str) -> str:
    """The noun phrase at the start of `text`."""
    pronoun = re.match(r"\s*(it|them|this|that|these|those|one|both)\b", text, _I)
    if pronoun:
        return pronoun.group(1)
    if _STOP.match(text.lstrip()) or re.match(r"\s*(?:to|on|and|or)\b", text, _I):
        return ""  # "we'll send soon": no object
    first = re.match(r"\s*\S+", text)
    stop = _STOP.search(text, first.end() if first else 0)
    phrase = text[: stop.start()] if stop else text
    for m in re.finditer(r"\s(?:to|on)\s", phrase, _I):
        if not _keeps(m.group(0).strip().lower(), phrase[: m.start()], phrase[m.end() :]):
            phrase = phrase[: m.start()]
            break
    words = phrase.split()[:_MAX_WORDS]
    phrase = " ".join(words)
    return _TRAILING.sub("", phrase.rstrip(" .,;:!?")).strip(" '\"")


def _keeps(prep: str, before: str, rest: str) -> bool:
    """Whether "to"/"on" still says which one ("a link to the survey", "an update on the
    waitlist") rather than whom or where ("to you", "on our website", "on Friday")."""
    if prep == "to":
        return bool(_TO_KEEPERS.search(before)) and not re.match(_RECIPIENTS, rest, _I)
    return not re.match(_PLACE, rest, _I)


# A quoted title inside a phrase is part of it: a little "survival guide" to Denver.
_TITLE_QUOTES = lazy.pattern(r"[\"“]([^\"“”\n]{1,40})[\"”]")


def object_after(text: str) -> str:
    """The object written after a sending verb: "you the J-1 visa FAQ by Friday" -> "the J-1
    visa FAQ"; "an email with the final itinerary" -> "the final itinerary"."""
    s = _TITLE_QUOTES.sub(r"\1", text.strip())
    for _ in range(4):
        m = _LEADING.match(s)
        if not m:
            break
        s = s[m.end() :].strip()
    if _SOMEONE_FIRST.match(s):
        return ""  # "send Dr. Kim your CV": the deliverable is for someone else
    envelope = _ENVELOPE.match(s)
    if envelope:
        s = ("an invitation to " if envelope["inviting"] else "") + s[envelope.end() :]
    return _np(s)


def unwrap(phrase: str) -> str:
    """The content of an envelope: "An email confirming your interview time" -> "your
    interview time"; anything else unchanged."""
    envelope = _ENVELOPE.match(phrase)
    return (_np(phrase[envelope.end() :]) or phrase) if envelope else phrase


def subject_before(text: str) -> str:
    """The subject written before a passive verb: "Quick note: the hotel block code for the
    Riverside Inn" -> "the hotel block code for the Riverside Inn"."""
    # a list label: "Zoom link: will be sent ...", "Hotel info - coming soon"; no asides
    s = re.sub(r"\s*[:\-–—]+\s*$", "", re.sub(r"\([^)]*\)", " ", text).rstrip())
    s = re.sub(r"\b(?:when|date|due|status|eta|timing|expected)\s*:?\s*$", "", s, flags=_I).rstrip()
    s = re.sub(
        r",\s*(?:including|incl\.|such\s+as|along\s+with|with|plus|comprising|containing|"
        r"consisting\s+of)\b.*$",
        "",
        s,
        flags=_I,
    )
    parts = re.split(
        r"[,;:!?()\"“”]|(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bst)\.\s|\s[-–—]+\s|[–—]|\b(?:that|but|so|because|since|as|once|when|while|if|"
        r"know|note|(?<!\ba\s)(?<!\bthe\s)(?<!\bone\s)reminder|fyi|heads\s+up|and\s+(?=(?:we|i|you)\b)|please)\b",
        s,
        flags=_I,
    )
    tail = parts[-1].strip() if parts else ""
    tail = re.sub(r"\s+(?:and|or|but)$", "", tail.strip(), flags=_I)
    # "The schedule ... is being finalized and will be emailed": the subject without its state
    tail = re.sub(
        r"\s+(?:is|are)\s+(?:being\s+|almost\s+|nearly\s+|still\s+)?(?:\w+ed|ready|done|complete|"
        r"in\s+the\s+works|"
        r"in\s+the\s+mail|on\s+(?:its|their|the)\s+way|underway|in\s+progress)$",
        "",
        tail,
        flags=_I,
    )
    if re.search(r"\b(?:is|are|was|were|been|being|has|have|had)\b.*\band\s+", tail, _I):
        tail = re.split(r"\band\s+", tail, flags=_I)[-1]
    tail = re.sub(
        r"^(?:(?:also|both|then|plus|additionally|in\s+addition|finally|lastly|btw|ps|p\.s\.|"
        r"oh|and|update|program\s+update|important)\b[\s,]*)+",
        "",
        tail,
        flags=_I,
    )
    tail = re.sub(
        r"(?:\s+(?:both|all|also|then|soon|each|too|likely|probably|hopefully))+$",
        "",
        tail,
        flags=_I,
    )
    words = tail.split()
    return " ".join(words[-_MAX_WORDS:]).strip(" '\"")


def split_objects(phrase: str) -> list[str]:
    """Coordinated objects: "the survey and the recording" -> two; "salary and benefits
    information" stays one (a modifier pair, not two things)."""
    parts = [
        p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+(?:and|&|\+|plus)\s+", phrase) if p.strip()
    ]
    if len(parts) < 2:
        return [phrase]
    out = [parts[0]]
    for part in parts[1:]:
        starts_det = re.match(rf"{_DET}\b|\d", part, _I)
        both_long = len(content_words(out[-1])) >= 2 and len(content_words(part)) >= 2
        # "Your interview confirmation and itinerary": a thing of its own after a named thing
        own_thing = len(content_words(out[-1])) >= 2 and bool(_THING.fullmatch(part.strip()))
        if starts_det or both_long or own_thing:
            out.append(part)
        else:
            out[-1] = f"{out[-1]} and {part}"
    return out


_THING = lazy.pattern(
    r"(?:itinerary|schedule|agenda|survey|link|recording|slides|map|handbook|packet|brochure|"
    r"guide|contract|form|forms|faq|video|newsletter|invitation|invite|code|badge|pass|permit|"
    r"roster|list|directions|instructions)",
    _I,
)


def antecedent(text: str) -> str | None:
    """The last deliverable noun phrase written in `text` (what "it" or "them" stands for)."""
    found: list[str] = []
    last_end = 0
    text = re.sub(r"\bthe\s+process\s+of\b", " ", text, flags=_I)  # "... of finalizing the X"
    text = _TITLE_QUOTES.sub(r"\1", text)
    for m in _NP_START.finditer(text):
        start = m.start("bare") if m.group("bare") is not None else m.start()
        if start < last_end:
            continue
        np = _np(text[start:])
        if not np:
            continue
        last_end = start + len(np)
        if is_deliverable(np):
            found.append(np)
    return found[-1] if found else None


def head_noun(phrase: str) -> str:
    """The phrase's head: the last word before its first prepositional phrase."""
    core = _PP.split(f" {phrase} ", maxsplit=1)[0]
    words = re.findall(r"[\w'’-]+", core.lower())
    return words[-1].strip("'’") if words else ""


def is_deliverable(phrase: str) -> bool:
    """Not a pronoun, a person, an event, a meal or plain contact ("an email")."""
    if not phrase or _PRONOUN.match(phrase.strip()):
        return False
    head = head_noun(phrase)
    if not head or head.isdigit() or _SPAN_OF_TIME.match(phrase):
        return False
    if head in _NOT_DELIVERABLE and not (head in _EVENTS and _MEDIA.search(phrase)):
        return False
    if head in _VAGUE_ALONE:  # "an email from HR" says nothing; "an update on the waitlist" does
        core = content_words(_PP.split(f" {phrase} ", maxsplit=1)[0])
        if len(core) <= 1 and not re.search(
            r"\s(?:about|on|regarding|with|containing|re)\s", phrase, _I
        ):
            return False
    return True


_DETERMINERS = frozenset(_DET[3:-1].split("|"))
_FUNCTION = frozenset(("of", "for", "from", "about", "on", "regarding", "with", "to", "re", "and"))


def content_words(phrase: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+(?:['’-][a-z0-9]+)*", phrase.lower().replace("’", "'"))
    return [w for w in words if w not in _DETERMINERS and w not in _FUNCTION]


def slug(phrase: str) -> str:
    """A short stable key for the object: the same phrase always gives the same slug.
    Prepositions stay ("code-for-riverside-inn") so the head noun can be found again."""
    text = phrase.lower().replace("’", "'")
    words = [w for w in re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text) if w not in _DETERMINERS]
    words = words[:8]
    return "-".join(w.replace("'", "") for w in words)[:60].strip("-") or "information"
