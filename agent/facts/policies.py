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

import functools
import re
from dataclasses import dataclass

from agent.facts.memo import Each, each_read
from agent.facts.policy_scope import (
    CLAUSES,
    CONDITION,
    KEEP_IN_TOUCH,
    NEGATED_BEFORE,
    NOT_RESTRICTED,
    PRONOUN_START,
    QUOTED_QUESTION,
    SHORT,
)
from agent.facts.policy_words import (
    ABOUT_PROGRAMS,
    AFTER_INTERVIEW,
    CHAT,
    DONT,
    FILE,
    FORBIDDEN,
    HEDGES,
    INVITE,
    ITEMS,
    NAMED_CONTACT,
    NEAR,
    NEEDED,
    NEGATIONS,
    NEITHER,
    NO_ANSWER_NEEDED,
    NO_REPLY,
    NO_SUCH,
    NOT_REVIEWED,
    ONLY_CHANNEL,
    ONLY_TOPIC,
    PEOPLE,
    QUESTIONS,
    READ_INTO,
    RECEIVING,
    REFUSAL_WORDS,
    REFUSED,
    ROUTING,
    TO_PROGRAMS,
    UNNEEDED,
    WE_WONT_CONTACT,
    WEIGHING,
    WELCOME,
)
from agent.facts.text import own_text, sentences
from connectors.base import MailMessage

RANK = {"welcome": 0, "discouraged": 1, "no-contact": 2}


@dataclass(frozen=True, slots=True)
class PolicyStatement:
    policy: str  # "welcome" | "discouraged" | "no-contact"
    sentence: str
    source: MailMessage


def _stance_text(sentence: str) -> str:
    """The sentence without what is not the program's stance towards the applicant."""
    text = sentence.replace("\u2019", "'").replace("\u2018", "'")
    text = QUOTED_QUESTION.sub(" ", text)  # an applicant's question, quoted
    text = READ_INTO.sub("interpret", text)  # "don't read too much into our silence"
    text = NO_ANSWER_NEEDED.sub(" ", text)
    kept = []
    # "Some programs do not accept notes, but we are happy to": each part on its own.
    for clause in re.split(r";|,\s*but\b", text):
        if ABOUT_PROGRAMS.search(clause) or NO_REPLY.search(clause):
            continue
        if ROUTING.search(clause) and QUESTIONS.search(clause):
            continue
        kept.append(WE_WONT_CONTACT.sub(" ", clause))
    return "; but".join(kept)


def _welcomes(text: str, about: bool) -> bool:
    """Accepting language about contact, not an offer to answer logistical questions."""
    for clause in CLAUSES.split(text):
        if clause and KEEP_IN_TOUCH.search(clause):
            return True  # "Please keep in touch!" invites contact whatever it names
        accepting = [
            m for m in WELCOME.finditer(clause) if not NEGATED_BEFORE.search(clause[: m.start()])
        ]
        if not clause or not (accepting or INVITE.search(clause)):
            continue
        if _about_contact(clause) or PEOPLE.search(clause):
            return True
        if about and not QUESTIONS.search(clause):
            return True
    return False


def _negated(words: list[str], verbs: frozenset[str]) -> bool:
    """A negation shortly before one of ``verbs`` ("delete, without reading"; "carry no
    weight"); a hedge ("may not be able to respond to every message") is no refusal."""
    for i, word in enumerate(words):
        hedged = i > 0 and words[i - 1] in HEDGES
        if word in NEGATIONS and not hedged and verbs.intersection(words[i + 1 : i + 1 + NEAR]):
            return True
    return False


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?", text)]


def _limited(text: str, at: int) -> bool:
    """A request limited to one channel ("not through the portal") or one topic ("about your
    rank status"): a routing rule, not the program's stance on contact."""
    return bool(ONLY_CHANNEL.match(text, at) or ONLY_TOPIC.match(text, at))


def _no_contact(text: str, about: bool, named: bool, people: bool, items: bool) -> bool:
    """Asked not to, refused, forbidden, or "no thank-you notes"."""
    if about or people:
        requests = [r for r in DONT.finditer(text) if not CONDITION.search(text, 0, r.start())]
        if any(_limited(text, r.end()) for r in requests):
            return False  # a rule about one channel or topic, whatever else it says of it
        if requests and not about and ROUTING.search(text):
            return False  # "don't email the chiefs; use the sign-up sheet instead": routing
        if requests:
            return True
    neither = NEITHER.search(text)
    if about and neither and {w.lower() for w in neither.groups()} & REFUSAL_WORDS:
        return True
    if named and NOT_REVIEWED.search(text):
        return True
    # Mail to the interviewers, or contact named outright; never the applicant's own file
    # ("interviewers will not read your application": a blinded interview, not a policy).
    # A time alone ("after your interview we cannot answer questions about rank") is not
    # enough: something sent, or the people it is sent to, must be named.
    mail_to_them = named or (items and (about or people) and not FILE.search(text))
    # ... or the interviewers and a time, when it is not about their answering questions.
    mail_to_them = mail_to_them or (
        people and about and not QUESTIONS.search(text) and not FILE.search(text)
    )
    mail_to_them = mail_to_them and not CHAT.search(text)
    if mail_to_them and (REFUSED.search(text) or FORBIDDEN.search(text)):
        return True
    # A time alone ("after the interview day") does not make "not processed" a refusal.
    if mail_to_them and _negated(_words(text), RECEIVING):
        return True
    no_such = NO_SUCH.search(text)
    return bool(about and no_such and not NEEDED.search(text[no_such.end() :]))


def _about_contact(text: str) -> bool:
    return bool(NAMED_CONTACT.search(text) or AFTER_INTERVIEW.search(text))


@functools.lru_cache(maxsize=4096)
def sentence_policy(sentence: str, topic_before: bool = False) -> str | None:
    """The stance a sentence states, or None. ``topic_before``: the sentence before was
    about contact after the interview (for "They will not be read."). Kept for the
    sentences seen last: signatures, footers and quoted replies repeat across a season."""
    if sentence.rstrip(" \"'\u201d)").endswith("?"):
        return None  # a question ("Should I send a thank-you note?") states nothing
    text = _stance_text(sentence)
    permitted = bool(NOT_RESTRICTED.search(text))
    # What it is about is read before the denied restriction is cut ("no no-contact policy").
    named = bool(NAMED_CONTACT.search(text))
    about = named or bool(AFTER_INTERVIEW.search(text))
    text = NOT_RESTRICTED.sub(" ", text)
    if not about and topic_before:
        named = about = bool(PRONOUN_START.search(text)) or len(text.split()) <= SHORT
    people, items = bool(PEOPLE.search(text)), bool(ITEMS.search(text))
    if not (about or people):
        return "welcome" if KEEP_IN_TOUCH.search(text) else None
    if _no_contact(text, about, named, people, items):
        return "no-contact"
    if _welcomes(text, about):
        return "welcome"
    if (about or (people and items)) and UNNEEDED.search(text):
        return "discouraged"
    # By proximity only when something sent is named ("we have not processed your
    # reimbursement; expect it after the interview" is not about contact).
    if (named or (items and (about or people))) and _negated(_words(text), WEIGHING):
        return "discouraged"
    no_such = NO_SUCH.search(text)
    if about and no_such and NEEDED.search(text[no_such.end() :]):
        return "discouraged"  # "No thank-you notes needed!"
    if about and NEITHER.search(text):
        return "discouraged"  # "neither requested nor considered"
    return "welcome" if permitted else None  # "post-interview contact is not prohibited"


def policy_of_text(body: str) -> tuple[str, str] | None:
    """The stance one message states in its own words: any refusal wins; accepting
    language wins over "not required". Returns (policy, the sentence that says it)."""
    own = own_text(body)  # a policy in the signature or footer is the program's too
    if TO_PROGRAMS.search(own):
        return None
    found: dict[str, str] = {}
    topic_before = False
    for sentence in sentences(own):
        policy = sentence_policy(sentence, topic_before)
        if policy is not None:
            found.setdefault(policy, sentence)
        # "Thank-you notes? Not needed. Not read.": short answers keep the topic
        short = len(sentence.split()) <= SHORT
        topic_before = _about_contact(sentence) or (topic_before and short)
    for policy in ("no-contact", "welcome", "discouraged"):
        if policy in found:
            return policy, found[policy]
    return None


def policy_from_mail(
    messages: list[MailMessage], me: frozenset[str] = frozenset(), each: Each = each_read
) -> PolicyStatement | None:
    """The most restrictive policy the program stated (the latest such statement).
    ``messages`` is the program's own mail; ``me`` is a last guard against the applicant's;
    ``each`` reads one message (or gives what an earlier pass read of it)."""
    found: PolicyStatement | None = None
    for message in sorted(messages, key=lambda m: m.date):
        body = message.body
        if not body or (message.sender is not None and message.sender.email in me):
            continue
        stated = each(message, "policy", functools.partial(policy_of_text, body))
        if stated is None:
            continue
        if found is None or RANK[stated[0]] >= RANK[found.policy]:
            found = PolicyStatement(stated[0], stated[1], message)
    return found
