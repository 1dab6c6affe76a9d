"""How a letter greets a person: "Dr. van Dyke", "Ms. Lopez", "Ana Lopez" or the user's own.

Rules, in order: the config's ``salutation`` wins as written; a doctor (a "Dr." title, a
doctoral degree after the name, or a physician's role) is "Dr. <last name>"; a title the
name or the config gives ("Ms.", "Mr.", "Mx.", "Prof.") is kept with the last name; anyone
else, typically staff, is greeted by their full name. The last name keeps its particles
("van Dyke", "de la Cruz", "Van der Berg") and hyphens ("Smith-Jones").
"""

from __future__ import annotations

import re

from agent.facts import lazy

_TITLE_WORDS = {
    "dr": "Dr.",
    "doctor": "Dr.",
    "prof": "Prof.",
    "professor": "Professor",
    "mr": "Mr.",
    "ms": "Ms.",
    "mrs": "Mrs.",
    "miss": "Miss",
    "mx": "Mx.",
}
# Degrees that make someone "Dr."; other letters after a name are dropped from a greeting.
_DOCTORAL = {
    "md",
    "do",
    "phd",
    "mbbs",
    "mbchb",
    "dphil",
    "psyd",
    "edd",
    "drph",
    "scd",
    "dmd",
    "dds",
    "pharmd",
    "dnp",
    "dsc",
}
_POSTNOMINAL = _DOCTORAL | {
    "mph",
    "ms",
    "msc",
    "ma",
    "mba",
    "mhs",
    "mhpe",
    "med",
    "mmed",
    "rn",
    "np",
    "pa",
    "pa-c",
    "bsn",
    "msn",
    "facp",
    "faap",
    "facs",
    "facog",
    "facep",
    "aafp",
    "fhm",
    "sfhm",
    "frcpc",
    "frcp",
    "mrcp",
    "cme",
    "c-tagme",
}
_SUFFIX = {"jr", "sr", "ii", "iii", "iv"}
_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "dos",
    "das",
    "du",
    "la",
    "le",
    "ter",
    "ten",
    "bin",
    "ibn",
    "al",
    "el",
    "los",
    "las",
    "zu",
    "op",
    "st.",
    "saint",
}
# Roles held only by physicians in a residency program: "Dr." even without a title.
_PHYSICIAN_ROLE = lazy.pattern(
    r"\b(program director|\bA?PD\b|chief resident|resident|attending|physician|hospitalist|"
    r"faculty|chair|chief of|fellow)\b",
    re.IGNORECASE,
)
_STAFF_ROLE = lazy.pattern(r"\b(coordinator|manager|administrat\w*|secretary|recruit\w*)\b", re.I)


def _key(word: str) -> str:
    return word.lower().replace(".", "").strip(",")


def _split_degrees(name: str) -> tuple[list[str], bool]:
    """Words of the name without degrees and suffixes, and whether a degree is doctoral."""
    words = name.replace(",", " , ").split()
    doctoral = False
    kept: list[str] = []
    for word in words:
        key = _key(word)
        if kept and key in _POSTNOMINAL and (word.isupper() or "." in word or key != "ms"):
            doctoral = doctoral or key in _DOCTORAL
            continue
        if kept and key in _SUFFIX:
            continue
        kept.append(word)
    return [w for w in kept if w != ","], doctoral


def _reorder(words: list[str], raw: str) -> list[str]:
    """'Natarajan, Priya' -> ['Priya', 'Natarajan'] (a comma before the given name)."""
    bare = re.sub(
        r",\s*(" + "|".join(sorted(_POSTNOMINAL | _SUFFIX)) + r")\b\.?", "", raw, flags=re.I
    )
    if bare.count(",") == 1:
        last, first = (p.split() for p in bare.split(","))
        last = [w for w in last if _key(w) not in _TITLE_WORDS]
        first = [w for w in first if _key(w) not in _POSTNOMINAL | _SUFFIX]
        if last and first:
            return [*first, *last]
    return words


def last_name(words: list[str]) -> str:
    """The surname with its particles: ['Jane', 'van', 'Dyke'] -> 'van Dyke'."""
    if len(words) == 1:
        return words[0]
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[start:])


def _cleaned(name: str) -> str:
    """A display name as mail writes it, made a name: 'ANA LOPEZ | IM Coordinator' ->
    'Ana Lopez'; '"Lopez, Ana (MD)"' -> 'Lopez, Ana, MD'."""
    name = name.strip().strip("\"'")
    name = re.sub(r"\s*\(([^)]*)\)", lambda m: f", {m.group(1)}" if _degree_list(m) else "", name)
    name = re.split(r"\s+[|–—-]\s+|\s*[|/]\s*", name)[0].strip(" ,")
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and (name.isupper() or name.islower()):
        name = " ".join(
            w.lower() if w.lower() in _PARTICLES and i else _capital(w)
            for i, w in enumerate(name.split())
        )
    return name


def _degree_list(match: re.Match[str]) -> bool:
    parts = [_key(p) for p in re.split(r"[\s,]+", match.group(1)) if p]
    return bool(parts) and all(p in _POSTNOMINAL for p in parts)


def _capital(word: str) -> str:
    low = word.lower()
    if _key(word) in _POSTNOMINAL:
        return word.upper()
    return "-".join(p[:1].upper() + p[1:] for p in low.split("-"))


def parse_name(name: str) -> tuple[str, list[str], bool]:
    """(title as written or '', the name's words, doctoral degree?)"""
    name = _cleaned(name)
    words, doctoral = _split_degrees(name)
    words = _reorder(words, name)
    title = ""
    while words and _key(words[0]) in _TITLE_WORDS and len(words) > 1:
        title = title or _TITLE_WORDS[_key(words[0])]
        words = words[1:]
    return title, words, doctoral


def _title(given: str) -> str:
    return _TITLE_WORDS.get(_key(given), given)


def salutation(
    name: str,
    *,
    title: str | None = None,
    role: str | None = None,
    override: str | None = None,
) -> str:
    """What follows "Dear ": 'Dr. Natarajan', 'Prof. van Dyke', 'Ms. Lopez', 'Ana Lopez'."""
    if override:
        return override.strip().removeprefix("Dear ").strip().rstrip(",").strip()
    written, words, doctoral = parse_name(name)
    if not words:
        return name.strip()
    if written == "Dr." or doctoral:
        return f"Dr. {last_name(words)}"
    if written:
        return f"{written} {last_name(words)}"
    if title:
        return f"{_title(title)} {last_name(words)}"
    if role and _PHYSICIAN_ROLE.search(role) and not _STAFF_ROLE.search(role):
        return f"Dr. {last_name(words)}"
    return " ".join(words)


def greet(person: object) -> str:
    """The salutation of a config or mail interviewer (anything with .name and friends)."""
    return salutation(
        str(getattr(person, "name", "")),
        title=getattr(person, "title", None),
        role=getattr(person, "role", None),
        override=getattr(person, "salutation", None),
    )
