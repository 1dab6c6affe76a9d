"""The applicant's notes, made to read right wherever a letter puts them.

A note may be a fragment ("resident-run clinic", "the resident-run clinic", "her QI
project") or a full sentence ("We talked about her QI project."); several are separated by
';' or new lines. Notes about an interviewer speak of them ("her", "she"); the letter
speaks to them ("your", "you").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.facts import lazy

_DETERMINERS = {
    "the", "a", "an", "your", "her", "his", "their", "our", "my", "its", "this", "that",
    "these", "those", "some", "any", "each", "every", "how", "what", "why", "whether", "when",
    "where", "which", "who", "both", "all", "several", "many", "much", "no", "one", "two",
    "three", "four", "five", "more", "other", "another", "such",
}  # fmt: skip
# Written capitalised at the start of a note but common words: lower-cased inside a sentence.
_LOWER_FIRST = _DETERMINERS | {"about"}
_SUBJECTS = {"we", "i", "she", "he", "they", "you", "it"}
# A note opening with one of these past-tense verbs is a sentence missing its subject.
_WE_VERBS = {
    "talked", "discussed", "spoke", "chatted", "compared", "covered", "connected", "agreed",
    "reviewed", "laughed", "bonded", "went",
}  # fmt: skip
_YOU_VERBS = {
    "asked", "shared", "showed", "told", "mentioned", "described", "explained", "gave",
    "offered", "invited", "recommended", "walked", "suggested", "introduced", "highlighted",
    "emphasized", "emphasised", "answered", "encouraged", "pointed",
}  # fmt: skip
# Fields and qualities read without an article: "about global health", not "the global health".
_MASS = {
    "health", "medicine", "education", "research", "equity", "wellness", "wellbeing",
    "well-being", "mentorship", "mentoring", "teaching", "advocacy", "leadership",
    "scholarship", "ultrasound", "pocus", "care", "training", "informatics", "policy",
    "ethics", "diversity", "inclusion", "outreach", "innovation", "simulation", "improvement",
    "science", "sciences", "justice", "autonomy", "resilience", "humanities", "genomics",
}  # fmt: skip
# After "her", these start something other than a noun: "asked her about" -> "asked you about".
_NOT_A_NOUN = {
    "about", "on", "in", "for", "to", "with", "at", "from", "how", "what", "why", "that",
    "and", "or", "if", "whether", "when", "the", "a", "an", "some", "this", "my", "our",
    "me", "again", "so", "too", "back", "up", "out", "while", "during", "after",
    "before", "by", "as",
}  # fmt: skip
_ADVERB = {"also", "always", "still", "often", "never", "really", "usually", "clearly", "now"}
_BE_HAVE = {
    "is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
    "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't", "'s": "'re", "’s": "’re",
}  # fmt: skip
_LEAD = lazy.pattern(
    r"^(?:about|re:?|(?:our )?(?:conversation|discussion|talk|chat)s? (?:about|on|of))\s+", re.I
)


@dataclass(frozen=True)
class Note:
    """One item of the notes: a noun phrase or a whole sentence, ready to insert."""

    text: str
    sentence: bool


def items(notes: str | None) -> list[str]:
    """The notes one by one; stray spaces before punctuation ('clinic , and') dropped."""
    text = re.sub(r"[ \t]+([,.;:!?])", r"\1", notes or "")
    return [i.strip(" \t,") for i in re.split(r"\s*(?:;|\n|•)\s*", text) if i.strip(" .,")]


def _conjugate(verb: str) -> str:
    """The verb after "she"/"he" as it goes after "you": leads -> lead, has -> have."""
    low = verb.lower()
    if low in _BE_HAVE:
        return _BE_HAVE[low]
    if not low.isalpha() or low.endswith(("ss", "us", "is")) or not low.endswith("s"):
        return verb
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1]


_YOU = {"she": "you", "he": "you", "she's": "you're", "he's": "you're", "she’s": "you’re",
        "he’s": "you’re", "she'd": "you'd", "he'd": "you'd", "she'll": "you'll",
        "he'll": "you'll", "him": "you", "herself": "yourself", "himself": "yourself",
        "his": "your"}  # fmt: skip


def _strip(token: str) -> str:
    return token.strip(".,;:!?()\"'")


def second_person(text: str, *, lead_their: bool = True) -> str:
    """A note about the interviewer as said to them: her/his -> your, she/he -> you."""
    tokens = text.split(" ")
    out = list(tokens)
    for n, raw in enumerate(tokens):
        core = _strip(raw)
        low = core.lower()
        nxt = _strip(tokens[n + 1]).lower() if n + 1 < len(tokens) else ""
        if low == "their" and n == 0 and lead_their:
            new = "your"
        elif low == "her":
            closes = raw.rstrip(".,;:!?)") != raw
            new = "you" if closes or not nxt or nxt in _NOT_A_NOUN else "your"
        elif low in _YOU:
            new = _YOU[low]
        else:
            continue
        if low in ("she", "he"):
            j = n + 1
            while j < len(tokens) and tokens[j].lower() in _ADVERB:
                j += 1
            if j < len(tokens):
                verb = tokens[j].rstrip(".,;:!?")
                out[j] = _conjugate(verb) + tokens[j][len(verb) :]
        if core[:1].isupper():
            new = new[0].upper() + new[1:]
        out[n] = raw.replace(core, new, 1)
    return " ".join(out)


def _describes_them(item: str) -> bool:
    """'She leads the track': a present-tense statement about the interviewer."""
    words = item.split()
    if words[0].lower() not in ("she", "he") or len(words) < 2:
        return False
    rest = [w for w in words[1:] if w.lower() not in _ADVERB]
    verb = rest[0].rstrip(".,;:!?") if rest else ""
    return bool(verb) and _conjugate(verb) != verb


def _sentence_case(text: str) -> str:
    text = " ".join(text.split())
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith((".", "!", "?")) else text + "."


def _as_sentence(item: str) -> str | None:
    """A note that is a sentence, with its subject: 'discussed X' -> 'We discussed X.'"""
    first = item.split()[0].lower().strip(",")
    if first in _SUBJECTS and len(item.split()) > 2:
        return _sentence_case(item)
    if first in _WE_VERBS:
        return _sentence_case("We " + item)
    if first in _YOU_VERBS:
        # "asked her about ..." is the applicant asking; "told me about ..." is the interviewer.
        second = item.split()[1].lower() if len(item.split()) > 1 else ""
        return _sentence_case(("I " if second in ("her", "him", "them") else "You ") + item)
    return None


def _needs_article(phrase: str) -> bool:
    words = phrase.split()
    first = words[0]
    low = first.lower().strip(",")
    if low in _DETERMINERS or re.search(r"['’]s\b", " ".join(words[:3])):
        return False
    if (low.endswith("ing") and len(low) > 5) or first[0].isdigit():
        return False
    if first[:1].isupper() and not first.isupper() and len(words) == 1:
        return False  # a proper name: "Boston"
    if first.isupper() and len(words) == 1:
        return False  # an acronym on its own: "POCUS"
    return not (len(words) <= 2 and words[-1].lower().strip(".,") in _MASS)


def _fragment(item: str) -> str:
    item = _LEAD.sub("", item.rstrip(" .")).strip()
    first, _, rest = item.partition(" ")
    if first.lower() in _LOWER_FIRST and first[:1].isupper() and first[1:].islower():
        item = first.lower() + (" " + rest if rest else "")
    elif first[:1].isupper() and first[1:].islower() and rest and rest == rest.lower():
        item = first.lower() + " " + rest  # sentence case: "Resident-run clinic"
    return item


def read(notes: str | None, *, about_person: bool = False) -> list[Note]:
    """The notes as items ready to insert, in the letter's voice."""
    out = []
    for item in items(notes):
        as_sentence = _as_sentence(item)
        text = as_sentence or _fragment(item)
        if not text.strip(" ."):
            continue
        if about_person:
            text = second_person(text, lead_their=as_sentence is None)
            if as_sentence and _describes_them(item):
                # "She leads the track." told to her reads odd; what the applicant learned does not.
                text = "I enjoyed learning that " + text[0].lower() + text[1:]
        out.append(Note(text, as_sentence is not None))
    return out


def join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return ", ".join(parts[:-1]) + (", and " if len(parts) > 2 else " and ") + parts[-1]


def noun_phrase(notes: list[Note]) -> str:
    """'the resident-run clinic and X+Y scheduling'; '' when any note is a full sentence."""
    if not notes or any(n.sentence for n in notes):
        return ""
    parts = []
    shared = False  # one "the" serves a run of bare items: "the clinic and X+Y scheduling"
    for n in notes:
        if _needs_article(n.text):
            parts.append(n.text if shared else "the " + n.text)
            shared = True
        else:
            parts.append(n.text)
            shared = False
    return join(parts)


def sentences(notes: list[Note], *, also: str = "We also talked about") -> str:
    """Every note as a sentence: fragments after the first sentence join with ``also``."""
    if not notes:
        return ""
    out = []
    for n in notes:
        if n.sentence:
            out.append(n.text)
        else:
            phrase = noun_phrase([n])
            out.append(_sentence_case(f"{also} {phrase}" if out else f"We talked about {phrase}"))
    return " ".join(out)
