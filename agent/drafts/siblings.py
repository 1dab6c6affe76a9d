"""Which letters could read alike, and where one letter stands among them.

Siblings are letters of one kind to one place (two interviewers of a program; a categorical
and a preliminary program at one hospital; two news items to one program director), and,
for the detail paragraph that holds nothing but the note, letters whose notes read the same
wherever they go. A letter's rank among its siblings picks its phrasing (variants.py), so
siblings take different variants while there are at least as many variants as siblings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from agent.config import Config, Program
from agent.drafts.variants import digest, rank
from agent.facts.season import program_slug
from agent.rules.followup import FollowUp
from agent.rules.letters import update_id


def kind_root(key: str) -> str:
    return key.split(":", 1)[0]


def _slug_of(key: str) -> str:
    parts = key.split(":")
    return parts[1] if len(parts) > 1 else ""


def identity(key: str) -> str:
    """What tells a letter from its siblings: the program and the person or the news, not
    the interview's date ('thank-you:slug:2026-10-05:a@x' -> 'slug|a@x')."""
    parts = key.split(":")
    if parts[0] == "thank-you" and len(parts) >= 4:
        return f"{parts[1]}|{parts[-1]}"
    return "|".join(parts[1:])


def same_note(notes: str) -> str:
    return " ".join(re.findall(r"\w+", notes.lower()))


def place_slot(
    config: Config,
    followup: FollowUp,
    place: str,
    place_of: Callable[[Program], str],
    season: Sequence[str],
) -> int:
    """The follow-up's rank among the letters of its kind to the same place: those the
    config implies (interviewers with an address, news) and those the season holds."""
    same_place = [p for p in config.programs if place_of(p) == place] or [
        next(p for p in config.programs if p.name == followup.program)
    ]
    slugs = {program_slug(p) for p in same_place}
    root = kind_root(followup.key)
    ids = {identity(k) for k in season if kind_root(k) == root and _slug_of(k) in slugs}
    for p in same_place:
        if root == "thank-you":
            ids |= {f"{program_slug(p)}|{i.email}" for i in p.interviewers if i.email}
        elif root == "update":
            ids |= {f"{program_slug(p)}|{update_id(u)}" for u in config.updates}
    me = identity(followup.key)
    if not ids - {me}:
        return digest(followup.key) % 97  # no sibling known: any variant will do
    return rank(me, sorted(ids))


def detail_slots(
    config: Config, program: Program, followup: FollowUp, detail: str | None
) -> dict[str, tuple[str, int]]:
    """(group, rank) of the detail sections: letters whose notes read the same (two
    interviewers noted "her QI project") are siblings, wherever they are."""
    if not detail:
        return {}
    same = same_note(detail)
    if followup.kind == "thank-you-team":
        ids = [p.name for p in config.programs if p.notes and same_note(p.notes) == same]
        me = program.name
    else:
        ids = [
            f"{program_slug(p)}|{i.email}"
            for p in config.programs
            for i in p.interviewers
            if i.email and i.notes and same_note(i.notes) == same
        ]
        me = f"{program_slug(program)}|{followup.recipient.email}"
    slot = rank(me, ids) if set(ids) - {me} else digest(followup.key) % 97
    group = f"note|{same}"
    return {"detail": (group, slot), "detail_sentences": (group, slot)}
