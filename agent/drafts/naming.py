"""A program named the way it names itself.

A letter says where the applicant would train ("at Lakeside Medical Center"): the configured
name without its specialty and "Residency" words. A shorter form ("Lakeside") is used only
when the program says it that way: in an alias the user gave, or in its own mail. A
shortened name the program never uses is a tell that the letter was assembled.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_ABBREVIATIONS = {
    "internal medicine": ("IM", "Medicine", "Internal Med"),
    "emergency medicine": ("EM",),
    "family medicine": ("FM", "Family Practice"),
    "pediatrics": ("Peds", "Pediatric"),
    "general surgery": ("Surgery", "GS"),
    "surgery": ("General Surgery", "GS"),
    "obstetrics and gynecology": ("OB/GYN", "OBGYN", "OB-GYN", "Ob/Gyn", "OB GYN"),
    "psychiatry": ("Psych",),
    "neurology": ("Neuro",),
    "anesthesiology": ("Anesthesia",),
    "radiology": ("Diagnostic Radiology",),
    "internal medicine-pediatrics": ("Med-Peds", "Med/Peds", "Medicine-Pediatrics"),
}
_DESCRIPTORS = (
    "residency program",
    "residency",
    "training program",
    "program",
    "categorical",
    "preliminary",
    "prelim",
    "transitional year",
    "track",
    "department of",
)
# Words that are no name on their own: a shortening must end on a word that is.
_GENERIC = {
    "university", "medical", "hospital", "health", "center", "centre", "college", "school",
    "of", "the", "at", "and", "for", "&", "saint", "st.", "st", "mount", "mt.", "new",
    "north", "south", "east", "west", "general", "regional", "memorial", "community",
    "system", "systems", "clinic", "county", "city", "state", "national", "children's",
    "health,", "in", "on",
}  # fmt: skip


def _specialty_words(specialty: str) -> list[str]:
    key = specialty.strip().lower()
    return [specialty, *_ABBREVIATIONS.get(key, ())]


def institution(program_name: str, specialty: str) -> str:
    """'Lakeside Medical Center Internal Medicine Residency' -> 'Lakeside Medical Center'."""
    words = sorted(_specialty_words(specialty) + list(_DESCRIPTORS), key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    name = " ".join(program_name.split())
    # "Internal Medicine Residency at Lakeside Medical Center": the place follows "at".
    lead = re.match(rf"^(?:(?:the\s+)?(?:{alternation})[\s,–-]*)+\s*(?:at|of)\s+(.+)$", name, re.I)
    if lead:
        name = lead.group(1)
    stripped = _strip_trailing(name, alternation)
    if re.search(rf"\b(?:{alternation})\b", stripped, re.I):
        # "University of Washington Internal Medicine Residency - Seattle": the place is
        # the part before the descriptors, not the campus after the dash.
        for part in re.split(r"\s+[–—-]\s+|,\s+", name):
            shorter = _strip_trailing(part, alternation)
            if shorter and shorter != part:
                return shorter
    return stripped or program_name


def _strip_trailing(name: str, alternation: str) -> str:
    trailing = re.compile(rf"[\s,–—:/-]*(?:\((?:[^)]*)\)|{alternation}|[,–—:/-])$", re.I)
    while True:
        shorter = trailing.sub("", name).strip()
        if shorter == name or not shorter:
            return name
        name = shorter


def shortenings(place: str) -> list[str]:
    """Shorter forms of an institution's name, longest first: 'Lakeside Medical', 'Lakeside'."""
    words = place.split()
    out = []
    for n in range(len(words) - 1, 0, -1):
        last = words[n - 1].lower()
        if last not in _GENERIC and len(" ".join(words[:n])) >= 3:
            out.append(" ".join(words[:n]))
    if words and words[0].lower() == "the" and len(words) > 1:
        out.insert(0, " ".join(words[1:]))
    return out


def _written(phrase: str, mail: Iterable[str]) -> int:
    pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
    return sum(len(pattern.findall(body)) for body in mail)


@dataclass(frozen=True)
class ProgramNames:
    """The names a letter may use for a program."""

    full: str  # the configured name
    place: str  # where the applicant would train: "Lakeside Medical Center"
    short: str  # a second mention: "Lakeside" when the program says so, else ``place``
    allowed: tuple[str, ...]  # every form the program uses: config, aliases, its mail
    tells: tuple[str, ...]  # shorter forms it never uses


def program_names(
    name: str, aliases: Sequence[str], specialty: str, mail: Sequence[str] = ()
) -> ProgramNames:
    if not mail:  # from the config alone: asked for every program by each letter's render
        return _configured_names(name, tuple(aliases), specialty)
    return _names(name, aliases, specialty, mail)


@functools.lru_cache(maxsize=1024)
def _configured_names(name: str, aliases: tuple[str, ...], specialty: str) -> ProgramNames:
    return _names(name, aliases, specialty, ())


def _names(name: str, aliases: Sequence[str], specialty: str, mail: Sequence[str]) -> ProgramNames:
    place = institution(name, specialty)
    if mail and not _written(place, mail):
        # The program's own casing: "LakeSide Medical Center" written in every message.
        found = Counter(
            m.group(0)
            for body in mail
            # Prose only: not inside an address or a domain ("kim@northgate.example").
            for m in re.finditer(rf"(?<![\w@.-]){re.escape(place)}(?![\w-]|\.\w)", body, re.I)
        )
        # A name as the program writes it starts with a capital and is not all capitals.
        written = [
            (n, form) for form, n in found.items() if form[:1].isupper() and not form.isupper()
        ]
        if written:
            place = max(written)[1]
    alias_places = {institution(a, specialty) for a in aliases} | set(aliases)
    # A short form counts as the program's own only where it stands without the full name.
    bare = [_mask(body, [name, place, *aliases]) for body in mail]
    used = [s for s in shortenings(place) if s in alias_places or _written(s, bare)]
    unused = [s for s in shortenings(place) if s not in used]
    short = used[-1] if used else place
    allowed = tuple(dict.fromkeys([name, *aliases, place, *used]))
    return ProgramNames(name, place, short, allowed, tuple(unused))


def _mask(text: str, names: Iterable[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "\0", text)
    return text


def tells_in(text: str, names: ProgramNames) -> list[str]:
    """Shortened names in ``text`` that the program never uses (outside its real names)."""
    masked = _mask(text, names.allowed)
    # Written as a name (capitalised, in any casing after that): "Program 17" shortened to
    # "Program" is a tell, while the word "program" in a sentence is not.
    found = (
        m
        for t in names.tells
        for m in re.finditer(rf"(?<![\w-]){re.escape(t)}(?![\w-])", masked, re.I)
        if m.group(0)[:1].isupper()
    )
    return list(dict.fromkeys(m.group(0) for m in found))
