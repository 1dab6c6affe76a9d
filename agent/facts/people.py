"""People named in program mail: a name without honorifics or credentials, the role phrase
written next to it and an address given with it. Pure functions of text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.facts import lazy

HONORIFIC = r"\b(?:Drs?|Mrs?|Ms|Miss|Prof|Professor)\b\.?\s+"
HONORIFIC_START = lazy.pattern(HONORIFIC)
# Case-sensitive on purpose: "DO" is a credential, "Do" starts a sentence.
CREDENTIALS = lazy.pattern(
    r"^(?:\s*,?\s*(?:M\.?D\.?|D\.?O\.?|Ph\.?D\.?|MPH|MBBS|MBA|MSc|MS|MEd|MHPE|MSCE|MHS|FACP|"
    r"FAAP|FACS|FACEP|FAAFP|FACC|FAPA|RN|PA-C|NP)(?![\w-]))+"
)
EMAIL = lazy.pattern(r"(?:mailto:)?([A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_WORD = lazy.pattern(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?")
_PARTICLE = lazy.pattern(r"(?:de|da|del|della|van|von|der|den|la|le|bin|al|dos|du)\b")
# Capitalised words that end a name: roles, places, calendar and schedule words.
_STOP = {
    w.lower()
    for w in """Program Programs Director Directors Associate Assistant Chief Chiefs Resident
    Residents
    Residency Faculty Core Chair Vice Attending Fellow Professor PGY Interview Interviews
    Interviewer Interviewers Panel Session Time Date Role Title Email Location Zoom Virtual
    Room Hall Building Center Hospital Medical Medicine Department Office Conference Lunch
    Break Tour Welcome Overview Team Day Morning Afternoon Evening AM PM ET CT MT PT EST CST
    MST PST EDT CDT MDT PDT Eastern Central Mountain Pacific Thank Thanks Please Note Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct
    Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun And Or With The Our Your Q Coordinator
    Medical Surgery Pediatrics Psychiatry Family Internal Emergency Social Host Hosts TBA TBD
    Dear Hi Hello Name Faculty Breakfast Dinner Reception Link Links Schedule Itinerary MD DO
    PhD MPH MBBS MBA MSc MS MEd PD APD RN NP Health University College Clinic Clinics Institute
    School Memorial General Regional County State Children Children's Services Group GME Dr
    Drs Mr Mrs Ms Miss Prof""".split()  # noqa: SIM905
}
ROLE_WORD = lazy.pattern(
    r"\b(?:directors?|PD|APD|faculty|residents?|chiefs?|PGY-?\s?\d|attendings?|chair\w*|"
    r"professor|fellows?|physicians?|hospitalists?|surgeons?|intensivists?|dean|clinicians?|"
    r"educators?|preceptors?|members?|interns?|instructors?|head|lead|[a-z]+ologists?|"
    r"internists?|pediatricians?|psychiatrists?|obstetricians?|anesthesiologists?|staff|"
    # a specialty or division written with the person: "(Cardiology)", "Hospital Medicine"
    r"[a-z]+ology|medicine|surgery|pediatrics|psychiatry|geriatrics|obstetrics|orthopa?edics|"
    r"anesthesia|critical\s+care|infectious\s+diseases?)\b",
    re.IGNORECASE,
)
_NOT_A_ROLE = (
    r"(?:as|and|or|but|who|which|that|at|on|in|for|from|with|to|will|is|are|was|has|had|also|"
    r"then|please|so)\b"
)
_ROLE_LEAD = lazy.pattern(r"^(?:(?:one|all)\s+of\s+)?(?:our|your|the|a|an)\s+", re.IGNORECASE)
_FUNCTION = lazy.pattern(
    r"\b(?:with|and|our|your|then|is|are|be|by|the|a|an|of|for|to|one|also|w/)\s*$", re.I
)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None = None
    email: str | None = None

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()

    def same_as(self, other: Person) -> bool:
        """Same surname, and same first name when both give one ("Hale" is "Marcus Hale")."""
        if self.surname != other.surname:
            return False
        mine, theirs = self.name.split(), other.name.split()
        if len(mine) > 1 and len(theirs) > 1:
            return mine[0].rstrip(".").lower()[:1] == theirs[0].rstrip(".").lower()[:1]
        return True

    def merged(self, other: Person) -> Person:
        name = self.name if len(self.name.split()) >= len(other.name.split()) else other.name
        return Person(name, self.role or other.role, self.email or other.email)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found at text[start:end]."""

    name: str
    start: int
    end: int


def name_tokens(text: str, pos: int, minimum: int = 1) -> tuple[str, int] | None:
    """The name starting at text[pos]: up to four capitalised tokens (particles allowed)."""
    tokens: list[str] = []
    end = pos
    cursor = pos
    while sum(1 for t in tokens if not _PARTICLE.fullmatch(t)) < 4:
        gap = re.match(r"[ \t]*", text[cursor:])
        at = cursor + (gap.end() if gap else 0)
        if tokens and at == cursor:
            break
        particle = _PARTICLE.match(text, at)
        if particle and tokens:
            nxt = _name_token(text, particle.end() + 1)
            nxt = nxt or _PARTICLE.match(text, particle.end() + 1)
            if text[particle.end() : particle.end() + 1] == " " and nxt:
                tokens.append(particle.group(0))
                cursor = particle.end()
                continue
        token = _name_token(text, at)
        if not token or _is_stop(token.group(0)):
            break
        word = re.sub(r"['’]s\.?$", "", token.group(0))
        if word.endswith(".") and len(word) > 2:  # a sentence's end, not an initial
            word = word[:-1]
        tokens.append(word)
        end = token.start() + len(word)
        cursor = token.start() + len(word)
    while tokens and _PARTICLE.fullmatch(tokens[-1]):
        tokens.pop()
    if len(tokens) < minimum or not tokens or tokens[-1].endswith("."):
        return None
    return " ".join(tokens), end


def _is_stop(word: str) -> bool:
    """A word that is no part of a person's name: roles, places, institutions, specialties."""
    word = word.rstrip(".").lower()
    if word in _STOP or word.endswith("ology"):
        return True
    # "Dr. Ana Ruiz Hospitalist": a role word ends the name (Dean, Head and Lead are names too)
    return bool(ROLE_WORD.fullmatch(word)) and word not in {
        "dean",
        "head",
        "lead",
        "chair",
        "fellows",
    }


def _name_token(text: str, at: int) -> re.Match[str] | None:
    """A capitalised word ("Núñez", "O'Connor", "McKay") or an initial ("J.")."""
    m = _WORD.match(text, at)
    if not m or not m.group(0)[0].isupper():
        return None
    word = m.group(0).rstrip(".")
    if len(word) == 1 or any(c.islower() for c in word) or 2 <= len(word) <= 3:
        return m
    return None


def honorific_mentions(text: str) -> list[Mention]:
    """Names after Dr./Mr./Ms.; "Drs. Patel and Gomez" gives two."""
    found: list[Mention] = []
    for m in re.finditer(HONORIFIC, text):
        named = name_tokens(text, m.end())
        if named is None:
            continue
        found.append(Mention(named[0], m.start(), named[1]))
        if text[m.start() : m.start() + 3].lower() == "drs":
            found.extend(_more_names(text, named[1]))
    return found


def _more_names(text: str, pos: int) -> list[Mention]:
    out = []
    joint = r"(?:\s*\([^()]*\))?\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*)"
    while more := re.match(joint, text[pos:]):
        named = name_tokens(text, pos + more.end())
        if named is None:
            break
        out.append(Mention(named[0], pos + more.end(), named[1]))
        pos = named[1]
    return out


def credential_mentions(text: str) -> list[Mention]:
    """Full names written without an honorific but with credentials: "Ana Ruiz, MD"."""
    found = []
    for m in re.finditer(r"(?<![\w.'’-])[A-Z]", text):
        named = name_tokens(text, m.start(), minimum=2)
        if named and CREDENTIALS.match(text[named[1] :]):
            found.append(Mention(named[0], m.start(), named[1]))
    return _without_overlaps(found)


def bare_mention(text: str, pos: int) -> Mention | None:
    """A full name (two to four tokens) standing alone at text[pos], as in a list or cell."""
    named = name_tokens(text, pos, minimum=2)
    if named is None:
        return None
    rest = CREDENTIALS.sub("", text[named[1] :])
    if not re.match(r"\s*(?:$|[,(|<\-–—;:]|\s{2,}|\t)", rest):
        return None
    return Mention(named[0], pos, named[1])


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(found, key=lambda m: (m.start, -m.end)):
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


def role_phrase(candidate: str) -> str | None:
    """The candidate as a role ("our APD" -> "APD"), or None when it names no role."""
    text = _ROLE_LEAD.sub("", candidate.strip(" \t.,;:-–—|"))
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    if not text or len(text.split()) > 8 or "@" in text or not ROLE_WORD.search(text):
        return None
    if re.match(_NOT_A_ROLE, text, re.IGNORECASE):  # the sentence goes on: ", as well as ..."
        return None
    if re.search(r"\binterv", text, re.IGNORECASE):  # a session's name, not a role
        return None
    if re.search(r"\d{1,2}:\d{2}|\b(?:am|pm)\b", text, re.I):
        return None
    return text


def role_after(tail: str) -> str | None:
    """The role written right after a name: ", Program Director", "(PD)", " - APD"."""
    tail = CREDENTIALS.sub("", tail)
    tail = EMAIL.sub("", tail).replace("<", "").replace(">", "")
    tail = re.sub(r"\(\s*[,;]?\s*\)", "", tail)
    paren = re.match(r"\s*[,-]?\s*\(([^()]*)\)", tail)
    if paren:
        pieces = [p.strip() for p in re.split(r"[,;]", paren.group(1)) if p.strip()]
        if pieces and role_phrase(pieces[0]):
            return role_phrase(", ".join(pieces))
    plain = re.match(
        r"\s*(?:[,|:\-–—]\s*)+(?:(?i:role|title|position)\s*:\s*)?((?:(?!\s[-–—]\s)[^,;|()–—])+)",
        tail,
    )
    if plain and role_phrase(plain.group(1)):
        return role_phrase(plain.group(1) + _qualifier(tail[plain.end() :]))
    told = re.match(
        r"\s*,?\s+(?:who\s+)?(?:is|serves\s+as)\s+(?:our|the|an?)\s+([^,.;]+?)(?=\s+(?:and|who|since|at|for|in)\b|[,.;]|$)",
        tail,
    )
    if told and role_phrase(told.group(1)):
        return role_phrase(told.group(1))
    spaced = re.match(r"[ \t]+([A-Z][\w/&'-]*(?:[ \t][\w/&'-]+){0,5})", tail)
    if spaced and role_phrase(spaced.group(1)):
        return role_phrase(spaced.group(1))
    field = re.search(r"(?:^|\|)\s*(?:role|title|position)\s*:\s*([^|]+)", tail, re.I)
    return role_phrase(field.group(1)) if field else None


def _qualifier(rest: str) -> str:
    """A department written after the role: "Faculty, Nephrology" (not ", at 8:30")."""
    m = re.match(
        r",\s*([A-Z][\w&'-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&'-]*){0,3})\s*(?=$|[,.;|)])", rest
    )
    if not m or m.group(1).split()[0].lower() in _STOP or HONORIFIC_START.match(m.group(1)):
        return ""
    return ", " + m.group(1)


def role_before(lead: str) -> str | None:
    """A role written just before a name: "Program Director - Dr. X", "our chief, Dr. X"."""
    session = re.match(r"[^A-Za-z]*([A-Za-z][\w/&' -]*?)\s+interview\b", lead, re.I)
    if session and role_phrase(session.group(1)):
        return role_phrase(session.group(1))
    lead = re.split(r"[|;:()]", lead.rstrip(" \t|-–—:,"))[-1]
    m = re.search(r"((?:[A-Za-z][\w/&'-]*\s+){0,5}[A-Za-z][\w/&'-]*)\s*[-–—,]?\s*$", lead)
    if not m:
        return None
    words = m.group(1).split()
    for i in range(len(words) - 1, -1, -1):
        if _FUNCTION.search(words[i]):
            words = words[i + 1 :]
            break
    return role_phrase(" ".join(words))


def email_after(tail: str) -> str | None:
    """An address written with the name: "(jdoe@x.org)", "<jdoe@x.org>", "- jdoe@x.org"."""
    clause = re.split(r"(?<=[a-z])\.\s|\n", tail, maxsplit=1)[0]
    m = EMAIL.search(clause)
    return m.group(1).lower().rstrip(".") if m else None


def email_before(lead: str) -> str | None:
    """An address written just before the name it belongs to: "ana@x.org (Dr. Ana Ruiz)"."""
    m = re.search(EMAIL.pattern + r">?\s*[(<:\-–—]?\s*$", lead)
    return m.group(1).lower().rstrip(".") if m else None
