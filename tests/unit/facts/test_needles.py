"""Needles (agent/facts/needles.py) and the patterns that look for them first: every reader
pattern answers as the plain compiled pattern does, on the corpora's texts and lines."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

import agent.drafts
import agent.facts
import agent.rules
from agent.facts import lazy
from agent.facts import needles as needles_module
from agent.facts.needles import folded, needles
from agent.facts.text import sentences

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bwill\s+be\s+sent\b", re.I, {"will"}),
        (r"(?:will|'ll|’ll)\s+be\b", re.I, {"will", "'ll", "’ll"}),
        (r"(?:will|'ll)\s+send", re.I, {"send"}),  # the longer needle is the sharper
        (r"e-?mail", 0, {"mail"}),
        (r"[Ii]nterview(?:s|ed)?", 0, {"Interview", "interview"}),
        (r"INTERVIEW", re.I, {"interview"}),
        (r"(?:we|i)\s+(?:send|share)", re.I, {"send", "share"}),
        (r"(?:a|b)c", 0, {"ac", "bc"}),
    ],
)
def test_needles_of_a_pattern(pattern: str, flags: int, expected: set[str]) -> None:
    assert needles(pattern, flags) == expected


@pytest.mark.parametrize(
    "pattern", [r"\d+", r"x?", r"(?:will)?\s+", r"(?!will)\w+", r"(a?)\1", r"(?i)will", r"[^a]b?"]
)
def test_patterns_that_need_nothing_have_no_needles(pattern: str) -> None:
    assert needles(pattern, 0) is None


def test_a_case_blind_needle_finds_the_letters_python_equates() -> None:
    made = lazy.pattern(r"\bask\b", re.I)
    for text in ("AS\u212a now", "a\u017fk", "ASK"):  # Kelvin sign, long s
        assert made.search(text) is not None, text
    assert made.search("a sky") is None


def _texts() -> list[str]:
    texts: list[str] = []
    paths = [*sorted((ROOT / "tests" / "corpus").glob("*.json"))]
    paths.append(ROOT.parent / "shared" / "corpus" / "mail-facts.json")
    for path in paths:
        if path.exists():
            items = json.loads(path.read_text())
            texts += [i["text"] for i in items if isinstance(i, dict) and i.get("text")]
    rng = random.Random(3)
    picked = rng.sample(texts, min(350, len(texts)))
    lines = [s for t in picked for s in sentences(t)]
    return picked + rng.sample(lines, min(700, len(lines)))


def test_every_reader_pattern_answers_as_the_plain_pattern() -> None:
    """Gated by its needles and compiled as ``lazy.quicker`` writes it, each pattern finds
    what the pattern as written finds: the same spans and the same groups."""
    texts = _texts()
    gated = rewritten = matched = 0
    for made in lazy.made_in(agent.facts, agent.rules, agent.drafts):
        compiled = made.compiled()
        plain = re.compile(made.pattern, compiled.flags)
        gated += made.__dict__["search"] != compiled.search
        changed = compiled.pattern != made.pattern
        rewritten += changed
        for text in texts:
            want = plain.search(text)
            got = made.search(text)
            assert (got and (got.span(), got.groups())) == (
                want and (want.span(), want.groups())
            ), (made.pattern, text)
            matched += want is not None
            if want is not None and changed:
                every = [(m.span(), m.groups()) for m in made.finditer(text)]
                assert every == [(m.span(), m.groups()) for m in plain.finditer(text)]
    # Most patterns are gated, many rewritten, and the texts match them.
    assert gated > 150 and rewritten > 30 and matched > 2000


def test_letters_the_patterns_equate_with_ascii_are_mapped_to_them() -> None:
    # Python's case-blind matching equates a few non-ASCII letters with ASCII ones (the long
    # s, the Kelvin sign, the dotted and dotless i): the gate must read them as those letters.
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    twins = [chr(c) for c in range(128, sys.maxunicode + 1) if any_letter.fullmatch(chr(c))]
    assert twins  # the search does find them
    for char in twins:
        (letter,) = [x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, char, re.I)]
        assert folded(char) == letter, hex(ord(char))


def test_the_shipped_table_is_what_the_readers_patterns_give() -> None:
    # In a fresh process: the patterns the readers make at import, and none a test made.
    check = [sys.executable, str(ROOT / "scripts" / "needles-table"), "--check"]
    done = subprocess.run(check, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, (
        f"{done.stdout}{done.stderr}: run `scripts/needles-table` to write it again"
    )
    # The patterns' needles come from the table, not derived again at each start.
    table = needles_module._table()
    assert len(table) > 200
    for key in list(table)[:50]:
        assert needles(*key) is table[key]


def test_a_pattern_not_in_the_table_is_derived() -> None:
    pattern = r"(?:sent|mailed)\s+by\s+friday"
    assert (pattern, re.I) not in needles_module._table()
    assert needles(pattern, re.I) == {"friday"}  # the longest run every match holds
