"""Which clauses commit the program to sending something to the applicant, and what.

A commitment is one of: the program will send/share/provide/post something ("I will email
the Zoom link"); something will be sent/posted/arrive ("Travel reimbursement forms will be
emailed"); the applicant will receive or should expect something ("You'll receive ...",
"Look for an email with ..."); a verbless notice ("Itinerary coming Wed", "details to
follow"); contact with a named object ("in touch with more information about ..."). The
object is read by promise_objects.py; what disqualifies a commitment is in
promise_filters.py.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from agent.facts import lazy
from agent.facts.promise_indirect import HEADED, indirect
from agent.facts.promise_objects import (
    antecedent,
    is_deliverable,
    object_after,
    subject_before,
    unwrap,
)

__all__ = ["Commitment", "commitments", "split_clauses", "weak_ok"]

_I = re.IGNORECASE
_ADV = (
    r"(?:(?:also|then|soon|likely|definitely|certainly|quickly|just|personally|still|first|"
    r"happily|gladly|be\s+sure\s+to|make\s+sure\s+to|try\s+(?:to|and)|aim\s+to|hopefully|gladly|all|"
    r"both|each|promptly|separately|officially|formally|now)\s+)*"
)
_MODAL = (
    r"(?:will|'ll|’ll|shall|gonna|(?:am|are|is|'m|’m|'re|’re)\s+(?:going|planning|hoping|aiming|"
    r"expecting)\s+to|plans?\s+to|intends?\s+to|hopes?\s+to|expects?\s+to|aims?\s+to|"
    r"(?:will|'ll|’ll|should)\s+be\s+(?:able|in\s+a\s+position)\s+to|(?:is|are)\s+(?:happy|excited|pleased)\s+to\s+be)"
)
_SEND = (
    r"(?:send|re-?send|e-?mail|mail|ship|forward|share|post|provide|distribute|circulate|release|"
    r"furnish|intimate|dispatch|courier|issue|ping|"
    r"publish|upload|pass\s+(?:along|on)|supply|deliver|announce|text|shoot|drop|put\s+out|push\s+out|"
    r"make\s+available|be\s+(?:sending|e-?mailing|mailing|sharing|posting|providing|"
    r"distributing|circulating|releasing|uploading|forwarding|passing\s+along|putting\s+out))"
)
# Sending now means sending soon; posting or uploading now is not sending to the applicant.
_SEND_ING = (
    r"(?:sending|e-?mailing|mailing|forwarding|sharing|distributing|circulating|passing\s+along)"
)
_CONTACT = (
    r"(?:follow(?:ing)?\s+up|reach(?:ing)?\s+(?:back\s+)?out|(?:be\s+)?contact(?:ing)?\s+(?:you|u)\b|be\s+in\s+(?:touch|contact)|get\s+in\s+touch|"
    r"get\s+back(?:\s+to\s+you)?|circle\s+back|touch\s+base|be\s+(?:reaching\s+out|following\s+up)"
    r"|be\s+back\s+in\s+touch|ping\s+(?:you|everyone|all)|revert(?:\s+back)?(?:\s+to\s+you)?)"
)
_INFORM = (
    r"(?:let\s+(?:you|u|everyone|all\s+(?:of\s+you|\w+(?:\s+\w+)?))\s+know|notify\s+(?:you|all)|"
    r"inform\s+(?:you|all)|update\s+(?:you|everyone|all)|"
    r"keep\s+(?:you|everyone)\s+(?:posted|updated|informed)(?=\s+(?:on|about|regarding)\b))\b"
)
_ACTIVE = lazy.pattern(rf"(?P<pre>\b[\w’'.-]++\s++)?{_MODAL}\s+{_ADV}(?P<verb>{_SEND})\b", _I)
_HAVE_GET = lazy.pattern(
    rf"(?P<pre>\b[\w’'.-]++\s++)?(?:{_MODAL}|should)\s+{_ADV}(?:have|get)\s+(?P<obj>.{{2,90}}?)\s+"
    r"(?:out\s+|over\s+|back\s+)?(?:(?:to|for)\s+(?:you|u|everyone|all\s+of\s+you)|in\s+your\s+inbox)\b",
    _I,
)
_HAVE_OUT = lazy.pattern(
    rf"(?P<pre>\b[\w’'.-]++\s++)?{_MODAL}\s+{_ADV}(?:have|get)\s+(?P<obj>.{{2,90}}?)\s+(?:out\b(?!\s+of)|"
    r"across\b)|"
    rf"(?P<pre2>\b[\w’'.-]++\s++)?{_MODAL}\s+{_ADV}make\s+(?P<obj2>.{{2,90}}?)\s+available\b",
    _I,
)
_PARTICLE = lazy.pattern(
    rf"(?P<pre>\b[\w’'.-]++\s++)?{_MODAL}\s+{_ADV}(?:pass|send|get|shoot|forward|e-?mail|mail)\s+"
    r"(?P<obj>it|them|this|that|these|those)\s+(?:along|over|out|on|across|your\s+way)\b",
    _I,
)
# "We plan on emailing X", "We're excited to share X with you on Friday" (needs a time)
_PLAN_ON = lazy.pattern(
    rf"\b(?:we|i)\s*(?:'re|’re|are|am|'m|’m)?\s*(?:plan(?:s|ning)?\s+on|(?:excited|thrilled|"
    rf"pleased)\s+to|anticipat(?:e|ing)|foresee(?:ing)?|intend(?:s|ing)?\s+on)\s+"
    rf"(?:{_SEND_ING}|releasing|issuing|send|share|e-?mail|circulate|distribute)\b",
    _I,
)
# Any verb that moves a thing to the applicant: "we'll route the packet to you", "I'll fire
# the schedule over to you", "we'll put the link in your inbox"; not handing over in person.
_TRANSFER = lazy.pattern(
    rf"(?P<pre>\b[\w’'.-]++\s++)?{_MODAL}\s+{_ADV}(?P<verb>[a-z]+)\s+(?P<obj>(?:(?!\band\b)[^.;,!?]){{2,80}}?)\s+"
    r"(?:over\s+|along\s+|back\s+)?(?:to\s+(?:you|u)\b(?!\s+(?:at|in\s+person|on\s+site))|your\s+way\b|"
    r"(?:in|into|to)\s+your\s+(?:inbox|mailbox|e-?mail)\b)",
    _I,
)
_IN_PERSON = lazy.pattern(
    r"^(?:bring|hand|show|walk|take|give|read|explain|introduce|present|describe|mention|talk|"
    r"speak|say|tell|lend|wave|reach|get|have|be|make|come|go|review|read|consider|discuss|"
    r"evaluate|check|look|process|pass)$",
    _I,
)
# Someone else asked to send it, or agreeing to: "I'll have our chief send you the call
# schedule", "Dr. Lee has offered to send you her slides".
_DELEGATED = lazy.pattern(
    rf"(?:{_MODAL}\s+{_ADV}(?:have|ask)\s+(?:[\w.'-]+\s+){{1,4}}?(?:to\s+)?|"
    r"\b(?:have|'ve|’ve|has)\s+asked\s+(?:[\w.'-]+\s+){1,4}?to\s+|\b(?:has|have)\s+"
    rf"(?:agreed|offered|promised|volunteered)\s+to\s+)(?P<verb>{_SEND})\s+(?:you|u)\b",
    _I,
)
_ENVELOPE_HEAD = lazy.pattern(r"\b(?:e-?mail|message|note|letter|reminder|notification)$", _I)
_ENVELOPE_WITH = lazy.pattern(
    r"^\s*(?:\w+\s+){0,3}?(?:with|containing|including)\s+(?P<rest>.+)$", _I
)
_RELATIVE = lazy.pattern(r"(?:,\s*|\s+)(?:that|which)(?:\s+(?:we|i|they))?\s*$", _I)
_GET_YOU = lazy.pattern(
    rf"(?P<pre>\b[\w’'.-]++\s++)?{_MODAL}\s+{_ADV}get\s+(?:you|u)\b(?!\s+(?:back|in))", _I
)
_PROGRESSIVE = lazy.pattern(
    rf"\b(?:we|i|they|she|he)\s*(?:are|'re|’re|am|'m|’m|is|'s|’s)\s+{_ADV}(?P<verb>{_SEND_ING})\b",
    _I,
)
_CONTACT_RE = lazy.pattern(rf"(?P<pre>\b[\w’'.-]++\s++)?{_MODAL}\s+{_ADV}{_CONTACT}", _I)
_INFORM_RE = lazy.pattern(rf"(?P<pre>\b[\w’'.-]++\s++)?{_MODAL}\s+{_ADV}{_INFORM}", _I)
_RECEIVE = lazy.pattern(
    r"\b(?:you|u|applicants|interviewees|candidates|attendees|everyone|all\s+\w+)\s*"
    r"(?:will|'ll|’ll|should|can\s+expect\s+to|may\s+expect\s+to|(?:are|'re|’re)\s+going\s+to)\s+"
    rf"{_ADV}(?:receive|get|be\s+receiving|be\s+getting|have\s+access\s+to|have|be\s+(?:sent|"
    r"e-?mailed|mailed|given|provided\s+with|(?:notified|informed|updated|told)\s+(?:of|about|on|"
    r"regarding)))\b(?!\s+to\b)|"
    r"(?<!what\s)(?<!what\sto\s)(?<!will\s)(?<!'ll\s)(?<!’ll\s)(?<!we\s)(?<!i\s)\b(?:(?:expect|anticipate)(?:\s+to\s+(?:receive|get))?|look\s+(?:out\s+)?for|"
    r"(?:you|u)\s*(?:will|'ll|’ll|should)\s+see(?=\s+(?:an?\s+)?(?:e-?mail|message|notification|invite|"
    r"invitation|link)\b|[^.;]{0,60}\bin\s+your\s+(?:inbox|e-?mail|portal|dashboard))|"
    r"keep\s+an\s+eye\s+(?:out\s+)?(?:on\s+your\s+(?:inbox|e-?mail)\s+)?for|"
    r"check\s+your\s+(?:e-?mail|inbox|mail)(?:\s+\w+){0,3}?\s+for|stay\s+tuned\s+for|"
    r"(?:you|u)\s*(?:will|'ll|’ll)\s+find(?=[^.;]*\bin\s+your\s+(?:inbox|mailbox|e-?mail))|"
    r"watch\s+(?:your\s+(?:inbox|e-?mail|mail)\s+)?for|be\s+on\s+the\s+lookout\s+for)\b(?!\s+to\b)",
    _I,
)
_HEAR = lazy.pattern(
    r"(?:\b(?:you|u)\s*(?:will|'ll|’ll|should)\s+(?:also\s+)?(?:be\s+)?|\bexpect\s+to\s+)hear(?:ing)?\s+"
    r"(?:back\s+)?"
    r"from\s+[\w.' -]{1,30}?\s+(?=(?:with|about|regarding)\b)",
    _I,
)
_PASSIVE = lazy.pattern(
    r"\b(?:will|shall|should|'ll|’ll|(?:is|are)\s+(?:going|expected|scheduled|set|slated|planned)"
    rf"\s+to)\s+{_ADV}(?P<verb>(?:(?:go\s+live|be\s+(?:ready|\w+ed))\s+and\s+)?be\s+(?:\w+ed\s+and\s+)?(?:sent(?:\s+out)?|e-?mailed|mailed|shared|posted|provided|"
    r"texted|messaged|faxed|shipped|out(?!\s+of)|"
    r"forwarded|distributed|circulated|released|published|uploaded|made\s+available|available|"
    r"returned|re-?sent|issued|attached\s+to|dispatched|furnished|intimated|couriered|"
    r"announced|delivered|coming|arriving|forthcoming|communicated|included\s+in|added\s+to\s+(?:your|the)\s+\w+|on\s+(?:its|their)\s+way|"
    r"in\s+your\s+(?:inbox|mailbox|e-?mail))|follow(?!\s+up)|go\s+(?:out|up|live)|arrive|come|"
    r"hit\s+your\s+inbox|"
    rf"land\s+in\s+your\s+inbox|reach\s+you|{HEADED})\b|"
    r"(?:\b(?:is|are)\s+|(?<=\bit)['’]s\s+)(?P<verb2>being\s+(?:sent|e-?mailed|mailed|shipped|delivered|"
    r"finalized\s+and\s+will\s+be\s+sent)|"
    r"forthcoming|on\s+(?:its|their|the)\s+way|coming(?:\s+(?:soon|your\s+way|shortly))?"
    r"(?!\s+(?:to|from|up|back|along|over|here|there|in\s+person|with\s+you))|"
    r"to\s+follow|to\s+come)\b|"
    r"(?:\b(?:is|are)\s+)?\bto\s+be\s+(?P<verb4>sent|e-?mailed|mailed|shared|posted|provided|distributed|released|"
    r"circulated|announced)\b|"
    r"\b(?P<verb3>(?:drops?|lands?|hits?|arrives?)\s+(?:in|into)?\s*your\s+(?:inbox|mailbox|e-?mail)|"
    r"goes\s+out)\b",
    _I,
)
_VERBLESS = lazy.pattern(
    r"(?<=\w)\s*[:\-–—]?\s+(?P<verb>coming(?:\s+soon)?|to\s+follow|to\s+come|forthcoming|on\s+(?:its|the)"
    r"\s+way|(?:will\s+)?follow\s+shortly)\b|"
    # a label row: "Zoom link — emailed 24 hours before your interview"
    r"(?<=\w)\s*[:\-–—]\s+(?P<participle>e-?mailed|sent|mailed|shared|posted|distributed|released|"
    r"uploaded)\b(?!\s+(?:yesterday|last|earlier|already|previously|this\s+morning|on\s+\w+day\b))",
    _I,
)
# "I'll dig up the info and send it along by Monday": the modal carries over "and".
_ELLIPTIC = lazy.pattern(
    r"\band\s+(?:then\s+)?(?:send|e-?mail|forward|share|post|mail|ship|circulate|upload)\b", _I
)
_PROGRAM_FUTURE = lazy.pattern(
    r"\b(?:we|i)\s*(?:will|'ll|’ll|(?:am|are|'m|’m|'re|’re)\s+going\s+to)\b", _I
)
_HABITUAL = lazy.pattern(
    r"\b(?:we|i|the\s+program|our\s+(?:program|office|team|coordinator))\s+(?:always\s+|usually\s+|"
    r"typically\s+|also\s+|then\s+)?(?:send|e-?mail|mail|share|post|distribute|circulate|release|"
    r"upload)s?\b(?!\s+(?:our\s+)?(?:best|love|thanks|regards|wishes|congratulations))",
    _I,
)
_GO_OUT = lazy.pattern(
    r"\b(?:go|goes|are\s+sent|is\s+sent|are\s+e-?mailed|is\s+e-?mailed)\s+out\b|"
    r"\b(?:are|is)\s+(?:sent|e-?mailed|posted|released)\b(?!\s+(?:to\s+you\s+)?(?:yesterday|"
    r"last|earlier|already))",
    _I,
)
# Passive and verbless commitments say little by themselves ("will be available", "coming"):
# their subject must name information or material.
_WEAK = lazy.pattern(
    r"\b(?:available|posted|coming|announced|come|released|provided|be\s+out|forthcoming|"
    r"communicated|issued|go\s+(?:up|live))\b",
    _I,
)
_INFO_NOUN = lazy.pattern(
    r"\b(?:links?|url|zoom|webex|teams|schedules?|itinerar(?:y|ies)|agendas?|recordings?|videos?|"
    r"slides?|deck|info|information|details|packets?|forms?|faqs?|surveys?|questionnaires?|codes?|"
    r"instructions|directions|invitations?|invites?|lists?|handbooks?|brochures?|guides?|"
    r"contracts?|letters?|summar(?:y|ies)|documents?|docs?|materials|maps?|newsletters?|calendar|"
    r"updates?|results|address(?:es)?|locations?|names?|confirmations?|logins?|credentials|files?|"
    r"pdfs?|dates?|times?|timeline|menus?|assignments?|groups|pairings|photos?|pictures|numbers?|"
    r"passwords?|polic(?:y|ies)|booklets?|sheets?|spreadsheets?|rosters?|bios|profiles|memos?|"
    r"certificates?|receipts?|badges?|pass(?:es)?|packs?|permits?|access|rsvp|registration|reports?|"
    r"answers?|dial-in|backgrounds|notes|questions|offers?|outline|syllabus|curriculum|data|"
    r"figures|statistics|stats|rates?|scale|salary|benefits|parking|housing|lodging|hotel|"
    r"reimbursement|travel|packet|kit|swag|itinerary|tickets?|vouchers?|transcripts?|video|"
    r"recap|highlights|minutes|feedback\s+form|evaluation|recommendations|guidance|tips|"
    r"confirmation|copy|copies|letter)\b",
    _I,
)
# A subject holding a verb is a clause, not a thing: "You should receive the link in the".
_CLAUSE_INSIDE = lazy.pattern(
    r"\b(?:will|should|would|shall|can|could|may|might|must|'ll|’ll|receive|get|send|is|are|"
    r"was|were)\b",
    _I,
)
_COMING_DAYS = lazy.pattern(r"\b(?:the|in|over|within)\s*$", _I)  # "in the coming days"
_ACTOR_IS_APPLICANT = lazy.pattern(
    # and programs in general ("Per ERAS guidelines, programs will release ...")
    r"^(?:you|u|yourself|applicants?|candidates?|interviewees?|programs|schools|nrmp)\s*$",
    _I,
)


@dataclass(frozen=True, slots=True)
class Commitment:
    start: int
    end: int
    objects_text: str  # the object as written (before coordination split and pronouns)
    weak: bool  # passive or verbless: the object must name information or material
    habitual: bool = False  # "We send the itinerary the Monday before": needs a time phrase


def _pre_ok(m: re.Match[str]) -> bool:
    pre = (m.groupdict().get("pre") or m.groupdict().get("pre2") or "").strip()
    return not _ACTOR_IS_APPLICANT.match(pre)


@functools.lru_cache(maxsize=4096)
def commitments(clause: str) -> tuple[Commitment, ...]:
    """Commitments in a clause with the object each one names (possibly a pronoun). Kept
    for the clauses seen last: a message's clauses are read again (the next clause's
    commitments decide what the last one borrows; fulfilment reads later mail), and
    signatures, templates and quoted replies repeat across a season's mail."""
    out: list[Commitment] = []

    def add(m: re.Match[str], obj: str, weak: bool = False, habitual: bool = False) -> None:
        if obj and not any(c.start <= m.start() < c.end for c in out):
            out.append(Commitment(m.start(), m.end(), obj, weak, habitual))

    for m in _HAVE_GET.finditer(clause):
        if _pre_ok(m):
            add(m, object_after(m["obj"]))
    for m in _PARTICLE.finditer(clause):
        if _pre_ok(m):
            add(m, m["obj"])
    for m in _DELEGATED.finditer(clause):
        add(m, object_after(clause[m.end() :]))
    for m in _TRANSFER.finditer(clause):
        if _pre_ok(m) and not _IN_PERSON.match(m["verb"]):
            add(m, object_after(m["obj"]))
    for m in _PLAN_ON.finditer(clause):
        add(m, object_after(clause[m.end() :]), habitual="plan" not in m.group(0).lower())
    for m in _HAVE_OUT.finditer(clause):
        if _pre_ok(m):
            add(m, object_after(m["obj"] or m["obj2"]))
    for m in _GET_YOU.finditer(clause):
        if _pre_ok(m):
            add(m, object_after(clause[m.end() :]))
    for m in _ACTIVE.finditer(clause):
        relative = _RELATIVE.search(clause[: m.start()]) or _RELATIVE.search(
            clause[: m.end("pre")] if m["pre"] else ""
        )
        if relative and not object_after(clause[m.end() :]):
            # "a video about life in Milwaukee that we'll share in January", "..., which we"
            head = clause[: relative.start()]
            add(m, _last_thing(head) or subject_before(head))
            continue
        if _pre_ok(m):
            # "provide" also says what happens on the day ("we will provide chargers")
            add(m, object_after(clause[m.end() :]), weak=m["verb"].lower() in ("provide", "supply"))
    for m in _PROGRESSIVE.finditer(clause):
        add(m, object_after(clause[m.end() :]))
    for said in indirect(clause):
        if not any(c.start <= said.start < c.end for c in out):
            out.append(Commitment(said.start, said.end, said.obj, said.weak, said.habitual))
    for m in _CONTACT_RE.finditer(clause):
        tail = re.match(
            r"\s*(?:\w+ly\s+)?(?:(?:to|with)\s+(?:you|u|everyone|all)\s+)?(?:(?:within|in|by|on|before|next|"
            r"this|tomorrow|today|later|soon|shortly)\b[^,.;]{0,25}?\s+)?"
            r"(?:with|about|regarding)\s+(?P<obj>.+)",
            clause[m.end() :],
            _I,
        )
        if tail and _pre_ok(m):
            add(m, object_after(tail["obj"]))
    for m in _INFORM_RE.finditer(clause):
        rest = clause[m.end() :]
        whether = re.match(
            r"\s*(?:by\s+[^,.;]{1,30}?\s+)?(?P<obj>whether\s+[^,.;!?]{3,80})", rest, _I
        )
        if whether and _pre_ok(m):
            add(m, " ".join(whether["obj"].split()))
            continue
        if re.match(r"\s*(?:when|if|whether|what|how|as|once|by|soon|asap|in|after)\b", rest, _I):
            continue
        if _pre_ok(m):
            add(m, object_after(rest))
    for m in _HEAR.finditer(clause):
        add(m, object_after(clause[m.end() :]))
    for m in _RECEIVE.finditer(clause):
        add(m, object_after(clause[m.end() :]))
    for m in _PASSIVE.finditer(clause):
        verb = m["verb"] or m["verb2"] or m["verb3"] or m["verb4"] or ""
        subject = unwrap(subject_before(clause[: m.start()]))
        with_what = _ENVELOPE_WITH.match(clause[m.end() :])
        if with_what and (_ENVELOPE_HEAD.search(subject) or not is_deliverable(subject)):
            # "A follow-up email will be sent with the parking details": the details
            subject = object_after(with_what["rest"])
        if not _CLAUSE_INSIDE.search(subject):
            # "issued" is also said of things handed out generally: it needs a time
            add(m, subject, weak=bool(_WEAK.search(verb)), habitual="issued" in verb.lower())
    for m in _VERBLESS.finditer(clause):
        subject = unwrap(subject_before(clause[: m.start()]))
        if not _CLAUSE_INSIDE.search(subject) and not _COMING_DAYS.search(clause[: m.start()]):
            add(m, subject, weak=not m["participle"])
    for m in _ELLIPTIC.finditer(clause):
        if _PROGRAM_FUTURE.search(clause[: m.start()]):
            add(m, object_after(clause[m.end() :]))
    for m in _HABITUAL.finditer(clause):
        add(m, object_after(clause[m.end() :]), habitual=True)
    for m in _GO_OUT.finditer(clause):
        subject = subject_before(clause[: m.start()])
        if not _CLAUSE_INSIDE.search(subject):
            add(m, subject, habitual=True)
    return tuple(sorted(out, key=lambda c: c.start))


def _last_thing(text: str) -> str | None:
    """The rightmost deliverable noun phrase: "Our residents made a video tour" -> "a video
    tour"; "the schedule for the day" -> itself (a day is not a thing sent)."""
    for m in reversed(list(re.finditer(r"\b(?:a|an|the|our|your|their|this|these)\s", text, _I))):
        found = antecedent(text[m.start() :])
        if found:
            return found
    return None


def weak_ok(phrase: str) -> bool:
    return bool(_INFO_NOUN.search(phrase))


_DASH_ASIDE = lazy.pattern(r"\s[—–]\s[^—–.;]{1,80}?\s[—–]\s|\s--\s[^.;]{1,80}?\s--\s")


def split_clauses(sentence: str) -> list[tuple[str, str]]:
    """Clauses of a sentence, each with the text joining it to the previous clause."""
    pattern = re.compile(
        r";|\s+[-–—]+\s+(?!(?:coming|to\s+follow|to\s+come|will|to\s+be|forthcoming|e-?mailed|sent|"
        r"mailed|shared|posted|on\s+"
        r"(?:its|the)\s+way)\b)|,\s*(?:and|but|so)\s+(?=(?:we|i|you|the|our|a|an|details|information)\b)|"
        r"\s+(?:and|but)\s+(?=(?:we|i)\s*(?:will|'ll|’ll|are|'re|’re|plan|hope|am|'m|’m)\b)|"
        r":\s+(?=(?:we|you|the|our|details|i)\b|(?!(?:will|to\s+be|to\s+follow|to\s+come|coming|sent|"
        r"e-?mailed|mailed|shared|posted|available|forthcoming|expected|arriving|goes|going)\b)"
        r"(?-i:[A-Z][a-z]))",
        _I,
    )
    sentence = _DASH_ASIDE.sub(" ", sentence)  # "The schedule — with names — will go out"
    out: list[tuple[str, str]] = []
    last = 0
    joint = ""
    for m in pattern.finditer(sentence):
        out.append((sentence[last : m.start()].strip(), joint))
        joint = m.group(0).strip()
        last = m.end()
    out.append((sentence[last:].strip(), joint))
    return [(c, j) for c, j in out if c]
