"""A check on every draft before it is written: the pitfalls in the guide made impossible
to fall into by accident. A draft that fails is not written; `agent status` says why."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from agent.config import Config, Program
from agent.drafts import naming
from agent.drafts.render import PLACEHOLDER_OPEN, CreateDraft
from agent.facts import lazy

# Words per kind: a thank-you fits on one screen; a letter of intent may say a little more.
MAX_WORDS = {
    "thank-you": 230,
    "thank-you-team": 230,
    "inquiry": 200,
    "update": 250,
    "intent": 330,
    "interest": 200,
}
_TEMPLATE_LEFTOVER = lazy.pattern(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\[(your|program|name|date)\b", re.I)
_FIRST_CHOICE = lazy.pattern(
    r"\b(first|top|number[- ]one|#\s?1|no\.\s?1)[- ](choice|pick|program)\b"
    r"|\brank(ing)?\s+(you|your program|\w+)\s+(first|#\s?1|number one|highly|at the top)\b"
    r"|\b(will|plan to|intend to)\s+rank\b",
    re.IGNORECASE,
)
_RANK_QUESTION = lazy.pattern(
    r"[^.?!]*\b(rank|ranking|ranked|rank list|match list)\b[^.?!]*\?", re.IGNORECASE
)
_WORD = lazy.pattern(r"[A-Z][a-zA-Z'’-]{2,}")
_DOUBLED = lazy.pattern(r"\b([A-Za-z]+)[ \t]+\1\b", re.IGNORECASE)
_FINE_TWICE = {"had", "that"}  # "had had", "that that": grammatical
# A sentence end, then a lower-case start; abbreviations that end in a full stop are no end.
_LOWER_START = lazy.pattern(r"(?:^|(?<=[.!?])\s+|\n\n)([a-z][\w'’-]*)", re.MULTILINE)
_ABBREVIATION = lazy.pattern(
    r"\b(?:Dr|Mr|Ms|Mrs|Mx|Prof|St|Mt|Jr|Sr|vs|etc|e\.g|i\.e|a\.m|p\.m|No|approx)\.$", re.I
)
# An article or a linking word with nothing after it: a note that came out empty.
_EMPTY_DETAIL = lazy.pattern(
    r"\b(?:the|a|an)\s*(?:[.,;:!?](?!\w)|$)"
    r"|\b(?:about|of|given|particularly|especially|including|regarding)\s*(?:[.;:!?](?!\w)|$)"
    r"|\(\s*\)|\s[,.](?=\s|$)",
    re.MULTILINE,
)


def check(config: Config, action: CreateDraft, program_mail: Iterable[str]) -> list[str]:
    """Problems with a rendered draft; empty when it may be written."""
    followup, draft = action.followup, action.draft
    text = draft.text
    problems = []
    without_placeholder = re.sub(re.escape(PLACEHOLDER_OPEN) + r"[^\]]*\]\]", "", text)
    if _TEMPLATE_LEFTOVER.search(without_placeholder) or _TEMPLATE_LEFTOVER.search(draft.subject):
        problems.append("unrendered template text left in the draft")
    if "[[" in without_placeholder or "]]" in without_placeholder:
        problems.append("a placeholder other than the marked detail line is left in the draft")
    words = len(without_placeholder.split())
    limit = MAX_WORDS.get(followup.kind, 250)
    if words > limit:
        problems.append(f"{words} words; a {followup.kind} note should stay under {limit}")
    if followup.kind != "intent" and _FIRST_CHOICE.search(f"{draft.subject}\n{text}"):
        problems.append("first-choice or ranking language outside the one letter of intent")
    if _RANK_QUESTION.search(text):
        problems.append("asks about ranking, which programs may not discuss")
    program = next(p for p in config.programs if p.name == followup.program)
    others = [p for p in config.programs if p.name != program.name]
    for other in others:
        for name in (other.name, *other.aliases):
            if len(name) > 4 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I):
                problems.append(f"names another program ({name!r}): a copy-paste slip?")
    mail = list(program_mail)
    problems.extend(_spelling(program, text, mail))
    problems.extend(_reads_well(without_placeholder))
    names = naming.program_names(
        program.name, program.aliases, config.program_specialty(program), mail
    )
    for tell in naming.tells_in(f"{draft.subject}\n{text}", names):
        problems.append(
            f"names the program {tell!r}, a shortened name it never uses in its mail; "
            "add it to the program's aliases if it is right"
        )
    return problems


def _sentences_of(text: str) -> list[str]:
    """The letter's prose: no signature block (the part after the sign-off line)."""
    paragraphs = text.split("\n\n")
    return [p for p in paragraphs if not re.match(r"^[A-Z][\w ]*,\n", p)]


def _reads_well(text: str) -> list[str]:
    """Slips a reader notices at once: 'the the', a lower-case sentence start, an empty detail."""
    problems = []
    prose = "\n\n".join(_sentences_of(text))
    for match in _DOUBLED.finditer(prose):
        first, second = match.group(0).split()
        if first[0].isupper() and first == second:
            continue  # a place name such as "Walla Walla"
        if match.group(1).lower() not in _FINE_TWICE:
            problems.append(f"a doubled word: {match.group(0)!r}")
    for match in _LOWER_START.finditer(prose):
        before = prose[: match.start(1)].rstrip()
        if before and (_ABBREVIATION.search(before) or re.search(r"\b(?:[A-Za-z]\.){2,}$", before)):
            continue  # "Dr. van Dyke", "U.S. residency": no sentence ends there
        problems.append(f"a sentence starts lower-case: {match.group(1)!r}")
    for match in _EMPTY_DETAIL.finditer(prose):
        problems.append(f"an empty detail: {prose[max(0, match.start() - 30) : match.end()]!r}")
    return problems


def shared_paragraphs(texts: Iterable[str]) -> list[str]:
    """Paragraphs that appear in more than one draft, other than greetings, signatures and
    the [[ADD DETAIL]] line (never sent as it is):
    letters of one season should never read as copies of each other."""
    seen: dict[str, int] = {}
    for text in texts:
        for paragraph in {p.strip() for p in text.split("\n\n") if p.strip()}:
            if paragraph.startswith(("Dear ", PLACEHOLDER_OPEN)) or re.match(
                r"^[A-Z][\w ]*,\n", paragraph
            ):
                continue  # greetings, signatures, and the marked line the user replaces
            seen[paragraph] = seen.get(paragraph, 0) + 1
    return [p for p, n in seen.items() if n > 1]


def _spelling(program: Program, text: str, mail: Iterable[str]) -> list[str]:
    """Interviewers' names as the program's own mail spells them."""
    words = {w for body in mail for w in _WORD.findall(body)}
    problems = []
    for person in program.interviewers:
        surname = re.sub(r",.*$", "", person.name).split()[-1].strip(".")
        if surname not in text or surname in words or len(surname) < 4:
            continue
        near = [
            w
            for w in difflib.get_close_matches(surname, words, n=3, cutoff=0.8)
            if w.lower() != surname.lower()
        ]
        if near:
            problems.append(
                f"{person.name!r} is spelled {near[0]!r} in the program's own mail; "
                "check the name in the config"
            )
    return problems
