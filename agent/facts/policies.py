"""What a program said about contact after the interview, in its own mail.

A sentence states a policy when it is about contact after the interview (thank-you notes,
letters of intent, post-interview mail, the interviewers) and says how such contact is
received: refused or forbidden ("no-contact"), unnecessary ("discouraged"), or invited
("welcome"). Rules about what programs may do, advice to programs, "do not reply to this
automated email", routing of questions and the program's promise not to contact the
applicant are not the program's stance and are left out before the sentence is read.
Callers pass only the program's own mail (see facts/voice.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.facts.text import message_body, sentences
from connectors.base import MailMessage

_I = re.IGNORECASE
RANK = {"welcome": 0, "discouraged": 1, "no-contact": 2}

# -- what the sentence is about ----------------------------------------------------------

# Contact after the interview, named outright.
_ABOUT_CONTACT = re.compile(
    r"thank[\s-]*you(?:'?s)?[\s-]*(?:notes?|letters?|e-?mails?|cards?|messages?|"
    r"correspondence|communications?)\b|\bthank[\s-]*you'?s\b|\bthank[\s-]*you\s+notes?\b"
    r"|\b(?:notes?|letters?|e-?mails?|messages?|cards?|words?)\s+of\s+(?:thanks|appreciation|"
    r"gratitude)\b|\bletters?\s+of\s+(?:intent|interest)\b|\bLOIs?\b"
    r"|\bpost[\s-]*interview\b|\bpost[\s-]*visit\b"
    r"|\b(?:after|following|once)\s+(?:your|the|an|our|their|each)?\s*(?:virtual\s+|in[\s-]person\s+)?"
    r"(?:interviews?|interview\s+days?|visits?|interview\s+season)\b"
    r"|\bfollow[\s-]*up\s+(?:notes?|e-?mails?|letters?|messages?|communications?|correspondence)"
    r"|\bupdates?\s+(?:to|on|about|regarding)\s+your\s+(?:application|file|cv|candidacy)"
    r"|\bapplication\s+updates?\b|\bcontact\s+policy\b"
    r"|\b(?:updates?|communications?|correspondence|e-?mails?|notes|letters|messages)\s+from\s+"
    r"(?:applicants|candidates|interviewees)\b|\bhear(?:ing)?\s+from\s+(?:applicants|candidates)\b",
    _I,
)
# Whom the applicant might contact.
_PEOPLE = re.compile(
    r"\b(?:faculty|interviewers?|residents|attendings?|(?:selection|interview|ranking|"
    r"recruitment|admissions)\s+committees?|committee\s+members?|program\s+directors?|PDs?|"
    r"APDs?|chiefs?|chief\s+residents?)\b",
    _I,
)
# What the applicant might send.
_ITEMS = re.compile(
    r"\b(?:e-?mails?|notes?|letters?|messages?|cards?|correspondence|communications?)\b", _I
)
# The applicant's file is what faculty won't read in a blinded interview; not a policy.
_FILE = re.compile(
    r"\b(?:blind(?:ed)?|scores?|recommendation|LoRs?|transcripts?|personal\s+statements?|MSPE|"
    r"application\s+(?:file|materials?)|CV)\b",
    _I,
)

# -- text that is not the program's stance towards the applicant --------------------------

# NRMP rules and advice addressed to programs in general.
_ABOUT_PROGRAMS = re.compile(
    r"\bprograms\s+(?:may|must|should|shall|cannot|can'?t|can|are|will|need|ought|were)\b"
    r"|\b(?:prohibit|forbid|bar|allow|permit|require|encourage|advise|recommend|urge|ask)s?\s+"
    r"(?:that\s+)?(?:all\s+)?(?:residency\s+)?programs\b|\bprograms\s+(?:from|to)\s"
    r"|^\s*program\s+(?:directors|coordinators|leaders|leadership)\s*[:,]"
    r"|\b(?:dear|attention|to\s+all)\s+program\s+(?:directors|coordinators|leaders)",
    _I,
)
# A whole message written to programs (a newsletter for program leadership).
_TO_PROGRAMS = re.compile(
    r"\bfor\s+program\s+(?:leadership|directors|coordinators|leaders)\b"
    r"|\bdear\s+program\s+(?:directors|coordinators|leaders)\b"
    r"|\bprogram\s+directors\s+and\s+coordinators\s*[:,]",
    _I,
)
_NO_REPLY = re.compile(
    r"\b(?:do\s+not|don'?t|please\s+do\s+not)\s+(?:directly\s+)?(?:reply|respond)\s+(?:to\s+)?"
    r"(?:this|the)\b|\bnot\s+monitored\b|\bunmonitored\b|\bno-?reply\b"
    r"|\bautomated\s+(?:e-?mail|message|notification)|\breplies\s+(?:to\s+this|are\s+not)",
    _I,
)
_ROUTING = re.compile(
    r"\b(?:instead|rather\s+than|should\s+(?:go|be\s+(?:sent|directed|addressed|forwarded))\s+to"
    r"|please\s+direct|direct\s+(?:all|any|your)\b|not\s+to\s+the\s+(?:residency\s+)?"
    r"(?:coordinator|office|program))",
    _I,
)
_QUESTIONS = re.compile(
    r"\b(?:questions?|inquir(?:y|ies)|concerns?|logistics|parking|travel|hotel|lodging)\b", _I
)
_NOT = (
    r"(?:will\s+not|won'?t|wont|do\s+not|don'?t|dont|does\s+not|doesn'?t|cannot|can'?t|"
    r"can\s+not|will\s+never|never|may\s+not|should\s+not|must\s+not|are\s+not\s+"
    r"(?:able|allowed|permitted|going)\s+to)"
)
# The program promising not to contact the applicant: cut out, the rest is still read.
_WE_WONT_CONTACT = re.compile(
    r"\b(?:we|i|our\s+\w+(?:\s+\w+)?|faculty|residents|the\s+program|the\s+committee|"
    r"interviewers|no\s+one|nobody)\s+" + _NOT + r"\s+(?:be\s+)?(?:contact(?:ing)?|reach(?:ing)?"
    r"\s+out(?:\s+to)?|e-?mail(?:ing)?|call(?:ing)?|solicit(?:ing)?|ask(?:ing)?|"
    r"follow(?:ing)?\s+up\s+with|communicat\w*\s+with)\s+(?:you|applicants|candidates|"
    r"interviewees)\b",
    _I,
)

# -- how contact is received --------------------------------------------------------------

_VERB = (
    r"(?:send(?:ing)?|contact(?:ing)?|e-?mail(?:ing)?|reach(?:ing)?\s+out|writ(?:e|ing)|"
    r"submit(?:ting)?|forward(?:ing)?|call(?:ing)?|messag(?:e|ing)|mail(?:ing)?|"
    r"communicat(?:e|ing)|follow(?:ing)?\s+up)"
)
# Asking the applicant not to: "please do not send", "refrain from contacting".
_DONT = re.compile(
    r"(?:^|[,;:!.(\-–—]\s*|\b(?:please|pls|plz|kindly|and|but|so|also|you|applicants|"
    r"candidates|interviewees)\s+)(?:please\s+|pls\s+|kindly\s+)?(?:do\s+not|don'?t|dont|never)"
    r"\s+(?:\w+ly\s+)?" + _VERB + r"\b"
    r"|\b(?:refrain|abstain)\s+from\s+" + _VERB + r"|\bavoid\s+" + _VERB + r"\b"
    r"|\bhold\s+off\s+(?:on\s+)?" + _VERB + r"\b"
    r"|\b(?:ask|request|remind|prefer|advise|urge|instruct|tell)\w*\s+(?:\w+\s+){0,3}?not\s+to\s+"
    r"(?:\w+ly\s+)?" + _VERB + r"\b"
    r"|\bthat\s+(?:you|applicants|candidates|interviewees)\s+(?:do\s+)?not\s+" + _VERB + r"\b"
    r"|\b(?:you|applicants|candidates|interviewees)\s+(?:should|must|may|are\s+(?:asked|"
    r"requested))\s*(?:not|n't)\s+(?:to\s+)?(?:\w+ly\s+)?" + _VERB + r"\b",
    _I,
)
# Refusing it: not accepted, read, opened or answered; discarded.
_REFUSED = re.compile(
    r"(?:\bnot|n't|\bnever)\s+(?:be(?:ing)?\s+)?(?:accepted|read|opened|answered|acknowledged|forwarded|"
    r"returned|responded\s+to|replied\s+to|passed\s+(?:on|along)|delivered)\b"
    r"|(?:\b(?:will|would|do|does|can|shall|is|are)\s*(?:not|n't)|\bwon'?t|\bwont|\bcannot|"
    r"\bunable\s+to|\bnever)\s+(?:be\s+able\s+to\s+|personally\s+|be\s+)?(?:accept|read|open|"
    r"respond|reply|answer|acknowledge|forward|pass\s+(?:on|along)|look\s+at|receive)\b"
    r"|\bnot\s+to\s+(?:open|read|respond|reply|answer|accept)\b"
    r"|\b(?:discard|delet|shred|destroy|recycl|trash)\w*|\bthrown?\s+(?:out|away)\b"
    r"|\bun(?:read|opened|answered)\b|\bwithout\s+(?:being\s+)?(?:read|opened|reviewed)\b"
    r"|(?:\bnot|n't)\s+welcome\b|\bnone,?\s+please\b|\bplease,?\s+none\b|:\s*none\b"
    r"|\bplease\s+(?:do\s+not|don'?t)\s*(?:[.!;]|$)",
    _I,
)
_FORBIDDEN = re.compile(r"(?:\bnot|n't)\s+(?:permitted|allowed)\b|\bprohibited\b|\bforbidden\b", _I)
# "No thank-you notes", "a strict no post-interview contact policy".
_NO_SUCH = re.compile(
    r"\bno[\s-]+(?:more\s+|further\s+)?(?:thank[\s-]*you|letters?\s+of\s+(?:intent|interest)|LOIs?|"
    r"post[\s-]*interview|follow[\s-]*up|contact|communication|correspondence)\b",
    _I,
)
_NEEDED = re.compile(r"\b(?:necessary|needed|required|expected|obligat\w*|need)\b", _I)
_UNNEEDED = re.compile(
    r"(?:\bnot|n't)\s+(?:at\s+all\s+|really\s+|strictly\s+)?(?:necessary|needed|required|expected|"
    r"mandatory|obligatory|a\s+requirement|part\s+of)\b|\bunnecessary\b|\bno\s+need\b|"
    r"\bneed\s+not\b|\bneedn'?t\b|\b(?:do|does|will)\s*(?:not|n't)\s+(?:\w+\s+)?(?:need|have)\s+to\b"
    r"|\b(?:do|does)\s*(?:not|n't)\s+(?:expect|require)\b|\bneither\s+(?:expected|required|"
    r"necessary|needed|require|requires)\b|\bnor\s+(?:expected|required|expect|necessary)\b"
    r"|\boptional\b|\bno\s+expectation\b|(?:\bnot|n't)\s+a\s+factor\b"
    r"|\b(?:no|any)\s+(?:effect|bearing|impact|influence|weight|role|place)\b"
    r"|(?:\bnot|n't|\bwont|\bnever)\s+(?:\w+\s+)?(?:affect|influence|impact|change|alter|factor|"
    r"count|help|hurt|improve|harm|play\s+a\s+role|make\s+(?:a|any)\s+difference|be\s+"
    r"(?:considered|factored|taken\s+into\s+(?:account|consideration)|used)|considered|factored|"
    r"used\s+in)\b|\bneither\s+help\s+nor\s+hurt\b"
    r"|\bplease\s+limit\b|\blimit\s+(?:your\s+|the\s+)?(?:post[\s-]*interview\s+)?(?:contact|"
    r"communications?|e-?mails?|correspondence|notes)\b|\bto\s+a\s+minimum\b|\bminimi[sz]e\b"
    r"|\b(?:do\s+not|don'?t|dont|need\s+not|no\s+need\s+to)\s+feel\s+(?:obligated|obliged|"
    r"pressured|pressure|compelled|the\s+need|like\s+(?:you|they)\s+(?:need|have|must))"
    r"|(?:\bnot|n't)\s+obligated\b"
    r"|\bno\s+obligation\b|\b(?:do\s+not|don'?t|dont)\s+(?:worry|stress|bother)\s+(?:about|with)\b"
    r"|\bdiscourag\w*",
    _I,
)
_WELCOME = re.compile(
    r"\b(?:are|is|be|'re|always|more\s+than|very|totally|absolutely|certainly|most|quite|"
    r"still|also|of\s+course)\s+(?:\w+\s+)?welcome\b|\bwelcomes?\s+(?:thank|letters|notes|"
    r"e-?mails|updates|your|any|applicants?\s+to)|\bwelcome\s+to\s+(?:send|contact|e-?mail|"
    r"reach|write|forward|share)\b|\bfeel\s+free\s+to\b"
    r"|\b(?:happy|glad|delighted|pleased)\s+to\s+(?:receive|read|hear|pass|forward|share|get|"
    r"deliver)\b|\bhappily\s+(?:pass|forward|share|deliver)\b"
    r"|\b(?:you|applicants|candidates)\s+(?:may|can|could|are\s+(?:free|invited|encouraged)\s+to)"
    r"\s+(?:also\s+)?(?:send|contact|e-?mail|reach\s+out|write|forward|share|direct|submit|"
    r"mail|address)\b|\b(?:encourage|invite)[sd]?\s+(?:you|applicants|candidates)\s+to\b"
    r"|\bappreciated\b|\b(?:can|may)\s+(?:also\s+)?be\s+(?:sent|e-?mailed|addressed|forwarded|"
    r"mailed|directed|given)\b"
    r"|\b(?:love|like|enjoy|appreciate)\w*\s+(?:to\s+)?hear(?:ing)?\s+from\b"
    r"|\bdon'?t\s+hesitate\s+to\s+(?:reach\s+out|contact|e-?mail|write|send|stay\s+in\s+touch)"
    r"|\bstay\s+in\s+touch\b|\bif\s+you(?:'d|\s+would)?\s+(?:wish|like|prefer|want)\b"
    r"|\b(?:pass|forward|deliver|share|route|distribute)\s+(?:it|them|these|those|any|"
    r"your\s+\w+(?:\s+\w+)?)\b|\bget\s+(?:it|them)\s+to\b"
    r"|\b(?:should|if)\s+you(?:'d|\s+would)?\s+(?:like|wish|want|choose|decide|prefer|care)"
    r"\s+to\s+"
    r"(?:send|write|reach|contact|e-?mail|share|follow\s+up)\b",
    _I,
)
_CLAUSES = re.compile(r";|\s[-–—]{1,2}\s|,\s*(?=(?:but|though|although|however)\b)|\bbut\b", _I)
_PRONOUN_START = re.compile(r"^\W*(?:they|these|those|such|it|this|them|if|should|so)\b", _I)
_SHORT = 8  # words: "Please don't." after "Thank-you notes?" still speaks of them


@dataclass(frozen=True, slots=True)
class PolicyStatement:
    policy: str  # "welcome" | "discouraged" | "no-contact"
    sentence: str
    source: MailMessage


def _stance_text(sentence: str) -> str:
    """The sentence without what is not the program's stance towards the applicant."""
    text = sentence.replace("\u2019", "'").replace("\u2018", "'")
    kept = []
    for clause in re.split(r";", text):
        if _ABOUT_PROGRAMS.search(clause) or _NO_REPLY.search(clause):
            continue
        if _ROUTING.search(clause) and _QUESTIONS.search(clause):
            continue
        kept.append(_WE_WONT_CONTACT.sub(" ", clause))
    return ";".join(kept)


def _welcomes(text: str, about: bool) -> bool:
    """Accepting language about contact, not an offer to answer logistical questions."""
    for clause in _CLAUSES.split(text):
        if not clause or not _WELCOME.search(clause):
            continue
        if _ABOUT_CONTACT.search(clause) or _PEOPLE.search(clause):
            return True
        if about and not _QUESTIONS.search(clause):
            return True
    return False


def _no_contact(text: str, about: bool, people: bool, items: bool) -> bool:
    """Asked not to, refused, forbidden, or "no thank-you notes"."""
    if (about or people) and _DONT.search(text):
        return True
    # Mail to the interviewers, or contact named outright; never the applicant's own file
    # ("interviewers will not read your application": a blinded interview, not a policy).
    mail_to_them = about or (people and items and not _FILE.search(text))
    if mail_to_them and (_REFUSED.search(text) or _FORBIDDEN.search(text)):
        return True
    no_such = _NO_SUCH.search(text)
    return bool(about and no_such and not _NEEDED.search(text[no_such.end() :]))


def sentence_policy(sentence: str, topic_before: bool = False) -> str | None:
    """The stance a sentence states, or None. ``topic_before``: the sentence before was
    about contact after the interview (for "They will not be read.")."""
    text = _stance_text(sentence)
    about = bool(_ABOUT_CONTACT.search(text))
    if not about and topic_before:
        about = bool(_PRONOUN_START.search(text)) or len(text.split()) <= _SHORT
    people, items = bool(_PEOPLE.search(text)), bool(_ITEMS.search(text))
    if not (about or people):
        return None
    if _no_contact(text, about, people, items):
        return "no-contact"
    if _welcomes(text, about):
        return "welcome"
    if (about or (people and items)) and _UNNEEDED.search(text):
        return "discouraged"
    no_such = _NO_SUCH.search(text)
    if about and no_such and _NEEDED.search(text[no_such.end() :]):
        return "discouraged"  # "No thank-you notes needed!"
    return None


def policy_of_text(body: str) -> tuple[str, str] | None:
    """The stance one message states in its own words: any refusal wins; accepting
    language wins over "not required". Returns (policy, the sentence that says it)."""
    own = message_body(body)
    if _TO_PROGRAMS.search(own):
        return None
    found: dict[str, str] = {}
    topic_before = False
    for sentence in sentences(own):
        policy = sentence_policy(sentence, topic_before)
        if policy is not None:
            found.setdefault(policy, sentence)
        topic_before = bool(_ABOUT_CONTACT.search(sentence))
    for policy in ("no-contact", "welcome", "discouraged"):
        if policy in found:
            return policy, found[policy]
    return None


def policy_from_mail(
    messages: list[MailMessage], me: frozenset[str] = frozenset()
) -> PolicyStatement | None:
    """The most restrictive policy the program stated (the latest such statement).
    ``messages`` is the program's own mail; ``me`` is a last guard against the applicant's."""
    found: PolicyStatement | None = None
    for message in sorted(messages, key=lambda m: m.date):
        if not message.body or (message.sender is not None and message.sender.email in me):
            continue
        stated = policy_of_text(message.body)
        if stated is None:
            continue
        if found is None or RANK[stated[0]] >= RANK[found.policy]:
            found = PolicyStatement(stated[0], stated[1], message)
    return found
