"""Needles: literal strings one of which every match of a pattern contains.

Most of the readers' patterns cannot match most of the text they are run over ("will be
sent" in a sentence with no "will", "be" or "sent"), yet Python's regular expressions try
every position. A plain substring search for the needles first answers "no match" for
almost all of it at a fraction of the cost; where a needle is there, the pattern runs as
before, so no answer changes (a test holds every pattern to it over the corpora).

The needles come from the parsed pattern: a literal run ("will"), a small set of them from
an alternation or a character class ("'ll|’ll"), carried through groups and repeats that
must occur at least once; optional parts, look-arounds and back-references require nothing.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# The standard library's own pattern parser (typeshed does not describe it).
_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")  # the parser's node kinds

_MAX_SET = 32  # alternatives kept for one position before giving up on the run there
_MAX_NEEDLES = 40  # more than this costs about what the pattern does
# Letters Python's case-blind matching equates with ASCII ones (dotted and dotless i, long s,
# Kelvin sign): mapped to them before lower-casing, so a needle's "i" finds them too.
ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def folded(text: str) -> str:
    """``text`` as a case-blind needle looks at it: lower-cased, the twins made ASCII."""
    # The twins are not ASCII: plain text needs only lower-casing (most text, far cheaper).
    return text.lower() if text.isascii() else text.translate(ASCII_TWINS).lower()


# Non-ASCII characters whose case-blind matches are only themselves and their lower case.
_SAFE = frozenset("’‘“”–—…")

Strings = frozenset[str]


class _Node:
    """What a part of a pattern can say: ``exact`` every string it can match (when few),
    ``needs`` strings one of which each of its matches contains (None: nothing)."""

    __slots__ = ("exact", "needs")

    def __init__(self, exact: Strings | None, needs: Strings | None) -> None:
        self.exact = exact
        self.needs = needs if needs is None or "" not in needs else None


def _char(code: int, fold: bool) -> Strings | None:
    char = chr(code)
    if not (char.isascii() or char in _SAFE):
        return None
    return frozenset({char.lower() if fold else char})


def _in(items: list[tuple[Any, Any]], fold: bool) -> Strings | None:
    out: set[str] = set()
    for op, value in items:
        if op is not C.LITERAL:
            return None  # a range, a category or a negation: too many characters
        chars = _char(value, fold)
        if chars is None:
            return None
        out |= chars
    return frozenset(out) if len(out) <= 4 else None


def _best(factors: list[Strings]) -> Strings | None:
    """The most selective requirement: the longest shortest needle, then the fewest."""
    useful = [f for f in factors if f and "" not in f]
    if not useful:
        return None
    return max(useful, key=lambda f: (min(map(len, f)), -len(f)))


def _sequence(items: Any, fold: bool) -> _Node:
    factors: list[Strings] = []
    run: Strings | None = frozenset({""})  # the exact strings of the literal run so far
    whole: Strings | None = frozenset({""})  # the exact strings of the whole sequence
    for op, value in items:
        if op is C.AT:
            continue  # an anchor takes no characters
        node = _node(op, value, fold)
        if node.exact is not None and run is not None and len(run) * len(node.exact) <= _MAX_SET:
            run = frozenset(a + b for a in run for b in node.exact)
        else:
            if run:
                factors.append(run)
            if node.needs:
                factors.append(node.needs)
            run = node.exact if node.exact is not None and len(node.exact) <= _MAX_SET else None
            run = run or frozenset({""})
        if whole is not None:
            whole = (
                frozenset(a + b for a in whole for b in node.exact)
                if node.exact is not None and len(whole) * len(node.exact) <= _MAX_SET
                else None
            )
    if run:
        factors.append(run)
    return _Node(whole, _best(factors))


def _node(op: Any, value: Any, fold: bool) -> _Node:
    if op is C.LITERAL:
        chars = _char(value, fold)
        return _Node(chars, chars)
    if op is C.IN:
        chars = _in(value, fold)
        return _Node(chars, chars)
    if op is C.SUBPATTERN:
        _, add, remove, body = value
        if (add | remove) & re.IGNORECASE:
            return _Node(None, None)  # case folding changes inside: not followed
        return _sequence(body, fold)
    if op is C.ATOMIC_GROUP:
        return _sequence(value, fold)
    if op is C.BRANCH:
        branches = [_sequence(b, fold) for b in value[1]]
        exact = None
        if all(b.exact is not None for b in branches):
            exact = frozenset().union(*(b.exact for b in branches if b.exact is not None))
        needs_each = [b.exact if b.exact is not None else b.needs for b in branches]
        needs = None
        if all(n for n in needs_each):
            needs = frozenset().union(*(n for n in needs_each if n))
        return _Node(exact if exact is not None and len(exact) <= _MAX_SET else None, needs)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, body = value
        inner = _sequence(body, fold)
        if low == 0:
            return _Node(frozenset({""}) if high == 0 else None, None)
        exact = inner.exact if low == high == 1 else None
        return _Node(exact, inner.exact if inner.exact is not None else inner.needs)
    # Any other character, a look-around, a back-reference: nothing known.
    return _Node(None, None)


def needles(pattern: str, flags: int) -> Strings | None:
    """Strings one of which every match of ``pattern`` holds (lower-cased when the pattern
    ignores case), or None when there are none worth looking for."""
    known = _table().get((pattern, flags), _UNKNOWN)
    return derive(pattern, flags) if known is _UNKNOWN else known


# The needles of the readers' own patterns, derived once and shipped (deriving them costs
# more than compiling the patterns): `scripts/needles-table` writes the file again,
# and a test fails while it is not what the patterns give. Other patterns are derived.
TABLE = Path(__file__).with_name("needles.json")
_UNKNOWN: Any = object()


@functools.cache
def _table() -> dict[tuple[str, int], Strings | None]:
    try:
        rows = json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # derived one by one, as any other pattern's
    return {(p, f): None if n is None else frozenset(n) for p, f, n in rows}


def table_text(patterns: Iterable[tuple[str, int]]) -> str:
    """The table of these patterns' needles, as the file holds it."""
    rows = []
    for pattern, flags in sorted(set(patterns)):
        found = derive(pattern, flags)
        rows.append([pattern, flags, None if found is None else sorted(found)])
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"


def derive(pattern: str, flags: int) -> Strings | None:
    """:func:`needles`, read from the parsed pattern."""
    fold = bool(flags & re.IGNORECASE)
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE and not fold:
        return None  # an inline (?i) at the start: read as case-blind, not followed
    found = _sequence(list(parsed), fold).needs
    if found is None or len(found) > _MAX_NEEDLES:
        return None
    return found
