"""Find what a program promised to send, and whether a later message delivered it.

A promise is a clause in which the program commits to future information or action
("Details about our Second Look Day will be sent by November 1"). Everything else is
discarded on purpose, precision first, because a false inquiry embarrasses the applicant:

- requests to the applicant ("please complete the survey by Friday");
- things already done ("we sent the link yesterday", "attached is the schedule");
- conditionals and offers ("if a spot opens we will let you know", "happy to help");
- "we will be in touch" and anything about ranking, match outcomes or a bare "decision";
- refusals ("we will not send further updates") and pleasantries ("we look forward ...");
- a commitment with no topic the applicant could name back ("we will be in touch soon").

Rules and regular expressions only (dates in `agent.facts.dates`); no network, no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from agent.facts.dates import When, event_date, find_when, strip_when
from agent.facts.text import message_body
from agent.facts.text import sentences as _sentences

__all__ = ["TOPICS", "Promise", "delivers", "extract_promises", "mentions", "message_body"]

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Promise:
    topic: str  # stable slug, one of TOPICS
    topic_label: str  # what the applicant can name back: "details about the Second Look Day"
    sentence: str  # the source sentence, whitespace-normalized
    due: date  # resolved due date in the program's timezone
    due_explicit: bool  # False when no time was given and the default applied
    when_text: str  # the phrase the date came from; "" for the default


@dataclass(frozen=True, slots=True)
class _Topic:
    slug: str
    pattern: re.Pattern[str]
    label: str  # "{m}" is the matched phrase as the program wrote it
    link_label: str  # used when the clause talks about a link, Zoom or registration


_MODS = r"(?:(?:updated|final|finalized|revised|new|virtual|in-person|post-interview|interview|"
_MODS += (
    r"resident|residents'?|day-of|full|detailed|official|applicant|informal|evening|zoom)\s+){0,3}"
)

TOPICS: tuple[_Topic, ...] = (
    _Topic(
        "second-look",
        re.compile(
            r"\b(?:second|2nd)[-\s]look(?:\s+(?:day|event|visit|weekend|dinner|program))?\b|"
            r"\brevisit\s+day\b|\bopen\s+house\b",
            _I,
        ),
        "details about the {m}",
        "the link for the {m}",
    ),
    _Topic(
        "social",
        re.compile(
            _MODS + r"(?:social(?!\s+media|\s+security|\s+work)(?:\s+(?:event|hour|night))?|"
            r"happy\s+hour|meet[-\s]and[-\s]greet|pre-interview\s+dinner|resident\s+dinner)\b",
            _I,
        ),
        "details about the {m}",
        "the link to the {m}",
    ),
    _Topic(
        "survey",
        re.compile(_MODS + r"(?:survey|questionnaire|feedback\s+form|evaluation\s+form)\b", _I),
        "the {m}",
        "the link to the {m}",
    ),
    _Topic(
        "schedule",
        re.compile(_MODS + r"(?<!\bto\s)(?:schedule|itinerary|agenda)(?!d)\b", _I),
        "the {m}",
        "the {m}",
    ),
    _Topic(
        "recording",
        re.compile(
            r"\b(?:recording|recorded\s+(?:session|presentation|video)|slides|slide\s+deck|"
            r"presentation\s+slides)(?:\s+(?:of|from)\s+(?:the\s+|our\s+|today's\s+)?"
            r"(?:[\w'-]+\s+){0,2}?(?:session|presentation|talk|overview|webinar|orientation))?\b",
            _I,
        ),
        "the {m}",
        "the link to the {m}",
    ),
    _Topic(
        "waitlist",
        re.compile(r"\b(?:the\s+|our\s+)?(?:interview\s+)?wait[-\s]?list(?:ed)?\b", _I),
        "an update on the waitlist",
        "an update on the waitlist",
    ),
    _Topic(
        "parking",
        re.compile(
            r"\b(?:parking(?:\s+(?:pass|passes|information|instructions|details|validation))?|"
            r"visitor\s+(?:badge|pass)|badges?|directions\s+to\s+(?:the\s+)?[\w\s]{0,30}?(?:campus|hospital))\b",
            _I,
        ),
        "the {m} details",
        "the {m} details",
    ),
    _Topic(
        "decision",
        re.compile(
            r"\b(?:interview|application|rotation|away\s+rotation|sub-?internship)\s+decisions?\b|"
            r"\bdecisions?\s+(?:on|about|regarding)\s+(?:your\s+)?(?:interview|application|"
            r"rotation|away\s+rotation)\b",
            _I,
        ),
        "the {m}",
        "the {m}",
    ),
    _Topic(
        "materials",
        re.compile(
            _MODS + r"(?:program\s+)?(?:materials|brochure|handbook|information\s+packet|"
            r"welcome\s+packet|"
            r"contract|benefits\s+(?:summary|information|packet)|salary\s+(?:and\s+benefits\s+)?"
            r"information|handouts?)\b",
            _I,
        ),
        "the {m}",
        "the {m}",
    ),
)
_TOPIC_BY_SLUG = {t.slug: t for t in TOPICS}
# A generic object makes an "other" promise only if no named topic was found and nothing in
# the clause is about ranking; its label is the object as written.
_OTHER = re.compile(
    r"\b(?:more|further|additional|detailed|full)\s+(?:information|info|details)\b"
    r"(?:\s+(?:about|on|regarding)\s+[\w'\s-]{3,60}?(?=\s*(?:$|[,.;]|\bby\b|\bwithin\b|\bin\b|\bnext\b|\bon\b)))?",
    _I,
)

# --- the commitment: the program says it will do something --------------------------------
_ACTOR = (
    r"(?:we|i|dr\.?\s+\w+|our\s+(?:\w+\s+){0,2}(?:team|office|coordinator|coordinators|director|chiefs|"
    r"residents|program)|the\s+(?:\w+\s+){0,2}(?:program|coordinator|office|chiefs|chief\s+residents|team))"
)
_SEND_VERB = (
    r"(?:send|email|e-mail|share|post|provide|forward|distribute|circulate|follow\s+up|reach\s+out|"
    r"contact\s+you|notify|inform|let\s+(?:you|everyone|all\s+(?:\w+\s+){0,2}?\w+)\s+know|update\s+you|get\s+back|"
    r"be\s+in\s+touch|release|publish|upload|mail|confirm|announce|"
    r"be\s+(?:sending|sharing|emailing|reaching\s+out|posting|circulating|distributing|releasing|in\s+touch))"
)
_ACTIVE = re.compile(
    rf"\b{_ACTOR}\s*(?:will|'ll|’ll|shall|are\s+going\s+to|plan\s+to|intend\s+to|expect\s+to|aim\s+to|"
    rf"hope\s+to|are\s+planning\s+to)\s+(?:\w+ly\s+)?(?:also\s+|then\s+|be\s+able\s+to\s+)?{_SEND_VERB}\b",
    _I,
)
_ELLIPTIC = re.compile(rf"\band\s+(?:will|'ll)\s+(?:also\s+)?{_SEND_VERB}\b", _I)
_PASSIVE = re.compile(
    r"\b(?:will|shall|should)\s+(?:also\s+|then\s+|soon\s+)?(?:be\s+(?:sent|emailed|e-mailed|shared|"
    r"posted|provided|forwarded|distributed|circulated|released|published|uploaded|made\s+available|"
    r"available|mailed|announced|coming|in\s+your\s+inbox|sent\s+out)|follow|go\s+out|arrive|come)\b|"
    r"\b(?:is|are)\s+(?:forthcoming|coming\s+soon|to\s+follow)\b|\bto\s+follow\b",
    _I,
)
_RECIPIENT = re.compile(
    r"\b(?:you|(?:all\s+)?(?:applicants|interviewees|candidates))\s*(?:will|'ll|’ll|should|"
    r"can\s+expect\s+to|may\s+expect\s+to)\s+(?:also\s+|soon\s+)?(?:receive|get|be\s+receiving|"
    r"be\s+getting|(?:be\s+)?hear(?:ing)?\s+from\s+(?:us|me|our\s+\w+))\b|"
    r"\b(?:expect\s+(?:to\s+receive|an?\s+(?:email|e-mail|link|invitation|invite)|our\s+email)|"
    r"look\s+out\s+for|keep\s+an\s+eye\s+(?:out\s+)?(?:on\s+your\s+inbox\s+)?for|"
    r"watch\s+(?:your\s+inbox|for))\b",
    _I,
)

# --- what disqualifies a clause ------------------------------------------------------------
_CONDITIONAL = re.compile(
    r"\b(?:if(?!\s+not\s+(?:sooner|earlier|before))|should\s+you|in\s+case|unless|in\s+the\s+event|"
    r"(?:once|after|when|as\s+soon\s+as)\s+you|upon\s+(?:your|receipt)|happy\s+to|glad\s+to|"
    r"feel\s+free|do\s+not\s+hesitate|don't\s+hesitate|as\s+needed|any\s+questions)\b",
    _I,
)
_REQUEST = re.compile(
    r"^\W*(?:remember|be\s+sure|make\s+sure|don't\s+forget|do\s+not\s+forget|note\s+that\s+you)\b|"
    r"\b(?:please|kindly)\s+(?!(?:note|know|be\s+advised|expect|look|keep|watch|allow)\b)\w+|"
    r"\bwe\s+(?:ask|request|encourage|invite|remind)\s+(?:that\s+)?(?:you|all|applicants|candidates)|"
    r"\byou\s+(?:must|need\s+to|will\s+need\s+to|are\s+required|are\s+asked|should\s+(?!receive|get|"
    r"expect|hear|have\s+received))\b|\bwe\s+would\s+appreciate\b",
    _I,
)
_NEGATION = re.compile(
    r"\b(?:will\s+not|won't|won’t|will\s+no\s+longer|shall\s+not|do\s+not\s+plan|don't\s+plan|"
    r"not\s+be\s+(?:sending|sharing|able)|no\s+(?:further|additional|more)|unable\s+to|cannot|can't|"
    r"not\s+(?:currently\s+)?planning)\b",
    _I,
)
_RANKING = re.compile(
    r"\b(?:rank(?:s|ed|ing|ings)?|match(?:es|ed|ing)?|nrmp|where\s+you\s+stand|your\s+(?:application\s+)?"
    r"status|candidacy|final\s+decisions?|selection|offers?)\b",
    _I,
)
_PAST = re.compile(
    r"\b(?:have|has|had)\s+(?:already\s+)?(?:been\s+)?(?:sent|emailed|shared|posted)\b|"
    r"\bwe\s+(?:sent|emailed|shared|posted)\b",
    _I,
)

# "the day before", "closer to the date": due relative to an event; resolved against the event's
# date in the message, and dropped when there is none (a 7-day default would ask too early).
_ANCHOR = re.compile(
    r"\b(?:the\s+(?:day|night|week|morning)\s+(?:before|prior)|closer\s+to\s+the\s+(?:date|day|event)|"
    r"(?:before|prior\s+to|ahead\s+of)\s+(?:the|each|your|our)\s+(?:event|session|social|interview|"
    r"day|visit|second\s+look)|(?:a|one)\s+(?:day|week)\s+(?:before|prior))\b",
    _I,
)

# A time the rules cannot date and that is surely later than the default: no promise is kept,
# since a 7-day default would make the agent ask before the program could have sent anything.
_VAGUE_LATER = re.compile(
    r"\b(?:after\s+(?:all\s+)?(?:the\s+)?interviews?\s+(?:conclude|are\s+(?:complete|over|done)|end)|"
    r"(?:at|by|toward|towards|after)\s+the\s+end\s+of\s+(?:the\s+|our\s+)?(?:interview\s+)?season|"
    r"at\s+(?:orientation|a\s+later\s+(?:date|time))|in\s+due\s+course|in\s+the\s+spring|"
    r"(?:once|when|as\s+soon\s+as)\s+(?:it|they|the|our|all|spots?|a\s+spot|more)\b|"
    r"as\s+(?:spots|positions|they)\s+become\s+available)",
    _I,
)
_DELIVERABLE = re.compile(r"\b(?:link|details|information|info|invitation|invite|zoom)\b", _I)

_CLAUSE_SPLIT = re.compile(
    r";|\s+[-–—]\s+|,\s*(?:and|but|so)\s+(?=(?:we|i|you|the|our|a|an|details|information)\b)|"
    r"\s+(?:and|but)\s+(?=(?:we|i)\s*(?:will|'ll|’ll|are|plan)\b)|"
    r":\s+(?=(?:we|you|the|our|details)\b)",
    _I,
)
_LINK = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\b\S+\.(?:zoom\.us|thalamusgme\.com)\S*", _I)
_LINK_WORDS = re.compile(r"\b(?:link|zoom|registration|register|invitation|invite|rsvp)\b", _I)


def _clauses(sentence: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_SPLIT.split(sentence) if c.strip()]


def _commitment(clause: str) -> tuple[re.Match[str], bool] | None:
    """The earliest commitment phrase, and whether it is passive (its topic is the subject)."""
    found = [
        (m, pattern is _PASSIVE)
        for pattern in (_ACTIVE, _PASSIVE, _RECIPIENT, _ELLIPTIC)
        if (m := pattern.search(clause))
    ]
    return min(found, key=lambda f: f[0].start()) if found else None


def _topics(
    clause: str, commit: re.Match[str], passive: bool, context: str
) -> list[tuple[_Topic, str]]:
    """Topics the commitment is about: its object (its subject when passive), else the other.

    The first topic named counts; another counts only when coordinated with it ("the survey
    and the recording"), not when it qualifies it ("the agenda for the Second Look Day").
    """
    after = clause[commit.end() :]
    after = re.split(r"\b(?:including|such\s+as|along\s+with)\b", after, maxsplit=1, flags=_I)[0]
    before = clause[: commit.start()]
    if passive:
        spans = [before, after]
        if _DELIVERABLE.search(before):  # "...; a Zoom link will be sent the day before"
            spans.append(context)
    else:
        spans = [after, commit.group(0)]  # "let all waitlisted applicants know"
        if _DELIVERABLE.search(after):  # "a second look in February and will share details"
            spans += [before, context]
    for span in spans:
        hits = sorted(
            ((m.start(), m.end(), t) for t in TOPICS if (m := t.pattern.search(span))),
            key=lambda h: h[0],
        )
        if not hits:
            continue
        kept = [hits[0]]
        for hit in hits[1:]:
            between = span[kept[-1][1] : hit[0]]
            if re.search(r"\b(?:and|as\s+well\s+as|plus)\b|,", between, _I):
                kept.append(hit)
        return [(t, " ".join(span[a:b].split())) for a, b, t in kept]
        if span is context:
            break
    return []


def _label(topic: _Topic, phrase: str, clause: str) -> str:
    phrase = re.sub(r"^(?:the|our|your)\s+", "", phrase, flags=_I)
    template = topic.link_label if _LINK_WORDS.search(clause) else topic.label
    return template.format(m=phrase)


def _promises_in_clause(
    clause: str, sentence: str, sent_local: datetime, body: str
) -> list[tuple[Promise, int]]:
    found = _commitment(clause)
    if found is None:
        return []
    commit, passive = found
    if _CONDITIONAL.search(clause) or _REQUEST.search(clause) or _NEGATION.search(clause):
        return []
    if _PAST.search(clause[: commit.start()]):
        return []
    when: When | None = find_when(clause, sent_local)
    if _VAGUE_LATER.search(clause) and (when is None or when.rank < 5):
        return []
    anchor = _ANCHOR.search(clause)
    if anchor and (when is None or when.rank < 5):
        event = event_date(sentence, sent_local.date()) or event_date(body, sent_local.date())
        if event is None:
            return []
        when = When(event - timedelta(days=1), " ".join(anchor.group(0).split()), 4, 0, 0)
    rest = strip_when(clause, when)
    if _RANKING.search(rest):
        return []
    named = _topics(clause, commit, passive, sentence)
    if not named:
        other = _OTHER.search(rest[commit.start() :] if commit.start() < len(rest) else rest)
        if other is None or _RANKING.search(clause):
            return []
        named = [(_Topic("other", re.compile(""), "{m}", "{m}"), other.group(0))]
    out: list[tuple[Promise, int]] = []
    for topic, phrase in named:
        label = " ".join(phrase.split()) if topic.slug == "other" else _label(topic, phrase, clause)
        out.append(
            (
                Promise(
                    topic=topic.slug,
                    topic_label=label,
                    sentence=sentence,
                    due=when.due if when else date.min,
                    due_explicit=when is not None,
                    when_text=when.text if when else "",
                ),
                when.rank if when else 0,
            )
        )
    return out


def extract_promises(
    text: str, sent: datetime, tz: ZoneInfo, *, default_days: int = 7
) -> list[Promise]:
    """Every promise of future information or action by the program in a message body.

    `sent` is the message's aware datetime; relative dates resolve against it in `tz`.
    Quoted reply text and signatures are ignored. At most one Promise per topic per message:
    the most specific time phrase wins, then the earliest due date.
    """
    sent_local = sent.astimezone(tz)
    default_due = sent_local.date() + timedelta(days=default_days)
    best: dict[str, tuple[Promise, int]] = {}
    order: list[str] = []
    body = message_body(text)
    for sentence in _sentences(body):
        for clause in _clauses(sentence):
            for promise, rank in _promises_in_clause(clause, sentence, sent_local, body):
                if not promise.due_explicit:
                    promise = _replace_due(promise, default_due)
                held = best.get(promise.topic)
                if held is None:
                    order.append(promise.topic)
                if held is None or (rank, -promise.due.toordinal()) > (
                    held[1],
                    -held[0].due.toordinal(),
                ):
                    best[promise.topic] = (promise, rank)
    return [best[t][0] for t in order]


def _replace_due(p: Promise, due: date) -> Promise:
    return Promise(p.topic, p.topic_label, p.sentence, due, p.due_explicit, p.when_text)


# --- fulfilment and the applicant's own mentions -------------------------------------------
_DELIVERY_CUE = re.compile(
    r"\b(?:attached|enclosed|below|here\s+(?:is|are)|please\s+find|you\s+can\s+(?:find|access|"
    r"join|register)|is\s+now\s+(?:available|posted|live|open)|are\s+now\s+(?:available|posted)|"
    r"has\s+been\s+(?:posted|uploaded|attached|updated)|link:|join\s+(?:us|the|via|here)|"
    r"register\s+(?:here|at|via)|rsvp\s+(?:here|at|via|by))\b",
    _I,
)
_EVENT_FACTS = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)", _I)


def delivers(text: str, subject: str, topic: str) -> bool:
    """True when a later program message delivers the topic, not merely mentions it.

    Delivery needs the topic in a sentence (or in the subject) that is not itself a promise,
    together with the thing delivered: a link, an attachment or "below"/"here is", or for
    events (second look, social) a time of day. "Reminder: details will follow" is no delivery.
    """
    spec = _TOPIC_BY_SLUG.get(topic)
    body = message_body(text)
    sentences = _sentences(body)
    in_subject = bool(spec and spec.pattern.search(subject))
    for i, sentence in enumerate(sentences):
        if any(_commitment(c) for c in _clauses(sentence)) and not _DELIVERY_CUE.search(sentence):
            continue  # still a promise ("details will follow"), not the thing itself
        named = spec.pattern.search(sentence) if spec else _OTHER.search(sentence)
        if not named and not in_subject:
            continue
        context = sentence + " " + (sentences[i + 1] if i + 1 < len(sentences) else "")
        if _LINK.search(context) or _DELIVERY_CUE.search(sentence):
            return True
        if topic in ("second-look", "social") and named and _EVENT_FACTS.search(sentence):
            return True
    return False


def mentions(text: str, topic: str) -> bool:
    """True when the applicant's own message talks about the topic (then the agent stops asking)."""
    spec = _TOPIC_BY_SLUG.get(topic)
    body = message_body(text)
    if spec is None:
        return bool(_OTHER.search(body))
    return bool(spec.pattern.search(body))
