"""Patterns compiled on first use (agent/facts/lazy.py): each behaves as re.compile would,
every module-level one compiles, and importing the sync command compiles none of them."""

from __future__ import annotations

import re
import subprocess
import sys

import agent.drafts
import agent.facts
import agent.rules
from agent.facts import lazy


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    text = "Interview on Nov 3, then interviews on Nov 4."
    made = lazy.pattern(r"interview(?P<many>s)?", re.I)
    real = re.compile(r"interview(?P<many>s)?", re.I)
    assert made.pattern == real.pattern
    assert [m.span() for m in made.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert made.sub("X", text) == real.sub("X", text)
    assert made.split(text) == real.split(text)
    assert made.flags == real.flags
    assert made.groupindex == real.groupindex
    assert made.search("nothing here") is None
    assert made.fullmatch("INTERVIEWS") is not None


def test_a_pattern_is_compiled_only_once_some_text_holds_a_needle() -> None:
    made = lazy.pattern(r"will\s+be\s+sent", re.I)
    assert made.search("nothing to see here") is None
    assert made.sub("X", "nor here") == "nor here"
    assert "_compiled" not in made.__dict__
    found = made.search("It WILL be  sent soon")
    assert found is not None and found.group(0) == "WILL be  sent"
    assert "_compiled" in made.__dict__
    assert made.search("nothing") is None


def test_every_module_level_pattern_compiles() -> None:
    lazy.made_in(agent.facts, agent.rules, agent.drafts)
    assert lazy.compile_all() > 200


def test_importing_the_sync_command_compiles_no_reader_pattern() -> None:
    script = (
        "import agent.cli.sync\n"
        "from agent.facts import lazy\n"
        "print(len(lazy._MADE), sum('_compiled' in m.__dict__ for m in lazy._MADE))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    made, compiled = map(int, out.split())
    assert made > 100
    assert compiled == 0


def test_alternatives_that_begin_with_a_word_boundary_share_it() -> None:
    assert lazy.quicker(r"\byou\b|\bur\b|^when|\bset\b", re.I) == r"\b(?:you\b|ur\b)|^when|\bset\b"
    # A "|" inside a group, a class or after an escape does not split the pattern.
    assert lazy.quicker(r"\b(?:a|b)|[|\b]x|\bc\|d|\be", 0) == r"\b(?:a|b)|[|\b]x|\b(?:c\|d|e)"
    assert lazy.quicker(r"\b[]|]|\bz", 0) == r"\b(?:[]|]|z)"
    assert lazy.quicker(r"x\\b|\\bc|\bd", 0) == r"x\\b|\\bc|\bd"  # an escaped backslash
    # Look-behinds before the boundary hold at the same position: the boundary goes first.
    assert lazy.quicker(r"(?<!a\s)(?<!b)\bx|\by", 0) == r"\b(?:(?<!a\s)(?<!b)x|y)"
    assert lazy.quicker(r"(?<!\))\bx|\by", 0) == r"(?<!\))\bx|\by"  # not read past an escape
    # Comments could hide a "|" or a bracket: patterns that may hold one are left as written.
    for pattern, flags in ((r"\ba|\bb  # or", re.X), (r"(?x)\ba|\bb", 0), (r"\ba(?#|)|\bb", 0)):
        assert lazy.quicker(pattern, flags) == pattern


def test_a_rewritten_pattern_matches_as_written() -> None:
    pattern = r"\bdr\.|\bmr\b|(?P<day>\bmon(?:day)?)|\bat\s+(\d+)|\bam\b"
    made, plain = lazy.pattern(pattern, re.I), re.compile(pattern, re.I)
    text = "Mr Lee and Dr. Kim, Monday at 9 am; dr. am mon at 10"
    assert made.compiled().pattern != pattern
    assert made.groupindex == plain.groupindex and made.groups == plain.groups
    found = [(m.span(), m.groups()) for m in made.finditer(text)]
    assert found == [(m.span(), m.groups()) for m in plain.finditer(text)] and len(found) == 9
