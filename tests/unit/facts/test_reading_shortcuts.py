"""The reading shortcuts change no answer: the modal gate of promise_clauses never skips a
clause a modal-led pattern matches, and the kept (cached) readings are the readings."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from agent.facts import promise_clauses as pc
from agent.facts.needles import folded
from agent.facts.policies import sentence_policy
from agent.facts.text import sentences

ROOT = Path(__file__).resolve().parents[3]
MODAL_LED = ("_ACTIVE", "_PARTICLE", "_TRANSFER", "_HAVE_OUT", "_GET_YOU", "_CONTACT_RE",
             "_INFORM_RE")  # fmt: skip


def _clauses() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.json")):
        texts += [i.get("text") or "" for i in json.loads(path.read_text()) if isinstance(i, dict)]
    out = [c for t in texts if t for s in sentences(t) for c, _ in pc.split_clauses(s)]
    # Case and look-alike letters the case-blind patterns equate with ASCII ones.
    out += ["WE WILL SEND THE LINK.", "We ſhall ſend the ſchedule.", "I'LL EMAIL IT TO YOU",
            "We’re Planning To share the slides", "we are HOPING to post the video",
            "We w\u0130ll send the packet.", "We \u017fhall send it to you"]  # fmt: skip
    return out


def _modal(clause: str) -> bool:
    low = folded(clause)
    return any(core in low for core in pc._MODAL_CORES)


def test_every_clause_a_modal_pattern_matches_passes_the_gate() -> None:
    matched = 0
    for clause in _clauses():
        for name in MODAL_LED:
            if getattr(pc, name).search(clause):
                matched += 1
                assert _modal(clause), (name, clause)
        if pc._HAVE_GET.search(clause):
            matched += 1
            assert _modal(clause) or "should" in clause.casefold(), clause
    assert matched > 100  # the corpus does exercise the patterns


def test_letters_the_patterns_equate_with_ascii_are_mapped_to_them() -> None:
    # Python's case-blind matching equates a few non-ASCII letters with ASCII ones (the long
    # s, the Kelvin sign, the dotted and dotless i): the gate must read them as those letters.
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    twins = [chr(c) for c in range(128, sys.maxunicode + 1) if any_letter.fullmatch(chr(c))]
    assert twins  # the search does find them
    for char in twins:
        (letter,) = [x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, char, re.I)]
        assert folded(char) == letter, hex(ord(char))


def test_kept_readings_are_the_readings() -> None:
    clauses = _clauses()
    first = [pc.commitments(c) for c in clauses]
    pc.commitments.cache_clear()
    sentence_policy.cache_clear()
    assert [pc.commitments.__wrapped__(c) for c in clauses] == list(first)
    policies = [sentence_policy(c) for c in clauses]
    assert policies == [sentence_policy.__wrapped__(c) for c in clauses]
    assert any(first) and any(policies)
