"""Patterns compiled on first use, not at import, and run only where they can match.

The readers hold hundreds of module-level patterns; compiling them all at import was most of
the start-up of `agent sync`, though a pass with nothing new runs few of them. A pattern
first looks for its needles (agent/facts/needles.py: strings one of which each of its
matches holds) and answers "no match" at once where none is; it is compiled only once some
text holds one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any, cast

from agent.facts.needles import folded, needles

# What a compiled pattern offers; copied onto the stand-in once compiled, so later calls
# cost a plain attribute lookup.
_FORWARDED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class _Lazy:
    """A stand-in for ``re.compile(pattern, flags)``; ``.pattern`` is there without compiling
    (other patterns are built from it). A match's ``.re`` is the compiled pattern, not this
    stand-in: tell patterns apart by the stand-in the code iterates over, not by ``m.re``."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only called for what the instance does not hold yet: the first use compiles, but
        # a gated method first looks for the needles, so a pattern is compiled only once
        # some text holds one (compiling all of them costs about 0.1 s a process).
        if name.startswith("__") or name == "_compiled":
            raise AttributeError(name)
        if name in _GATED and self._gate_uncompiled():
            return self.__dict__[name]
        compiled = self.compiled()
        return getattr(compiled, name)

    def _gate_uncompiled(self) -> bool:
        """Put the needle gates before a compile still to come; False without needles."""
        found = self._needles
        if not found:
            return False
        self.__dict__.update(_gated(self._deferred, found, self._fold()))
        return True

    def _deferred(self, name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            return getattr(self.compiled(), name)(*args, **kwargs)

        return call

    def compiled(self) -> re.Pattern[str]:
        known = self.__dict__.get("_compiled")
        if known is not None:
            return cast("re.Pattern[str]", known)
        compiled = re.compile(quicker(self.pattern, self._flags), self._flags)
        for name in _FORWARDED:
            self.__dict__[name] = getattr(compiled, name)
        found = self._needles
        if found:
            gates = _gated(functools.partial(getattr, compiled), found, self._fold())
            self.__dict__.update(gates)
        self.__dict__["_compiled"] = compiled
        return compiled

    @functools.cached_property
    def _needles(self) -> frozenset[str] | None:
        return needles(self.pattern, self._flags)

    def _fold(self) -> bool:
        return bool(self._flags & re.IGNORECASE)

    def __repr__(self) -> str:
        return f"lazy.pattern({self.pattern!r}, {self._flags!r})"


_LAST: tuple[str, str] = ("", "")  # the text last lower-cased: patterns run in turn on a line


def _lowered(text: str) -> str:
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    low = folded(text)
    _LAST = (text, low)  # one rebinding: another thread sees the old pair or the new one
    return low


def _gated(
    method: Callable[[str], Callable[..., Any]], found: frozenset[str], fold: bool
) -> dict[str, Any]:
    """The pattern's methods (by name) behind a look for its needles: where none is, no
    match."""
    needle_list = tuple(sorted(found, key=len, reverse=True))

    def absent(text: object) -> bool:
        if not isinstance(text, str):
            return False  # let the pattern itself answer (or raise)
        hay = _lowered(text) if fold else text
        return not any(map(hay.__contains__, needle_list))

    def guard(method: Callable[..., Any], none: Callable[[str], Any]) -> Callable[..., Any]:
        def gated(string: str, *args: Any, **kwargs: Any) -> Any:
            return none(string) if absent(string) else method(string, *args, **kwargs)

        return gated

    def guard_sub(method: Callable[..., Any], none: Callable[[str], Any]) -> Callable[..., Any]:
        def gated(repl: Any, string: str, *args: Any, **kwargs: Any) -> Any:
            return none(string) if absent(string) else method(repl, string, *args, **kwargs)

        return gated

    nothing: Iterator[re.Match[str]] = iter(())
    return {
        "search": guard(method("search"), lambda s: None),
        "match": guard(method("match"), lambda s: None),
        "fullmatch": guard(method("fullmatch"), lambda s: None),
        "finditer": guard(method("finditer"), lambda s: nothing),
        "findall": guard(method("findall"), lambda s: []),
        "split": guard(method("split"), lambda s: [s]),
        "sub": guard_sub(method("sub"), lambda s: s),
        "subn": guard_sub(method("subn"), lambda s: (s, 0)),
    }


_GATED = frozenset(("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn"))


# Look-behinds at the start of an alternative, without a group or an escaped parenthesis
# inside, then ``\\b``.
_LOOKBEHINDS_THEN_BOUNDARY = re.compile(r"^((?:\(\?<[!=](?:[^()\\]|\\[^()])*\))+)\\b")


def quicker(pattern: str, flags: int) -> str:
    """``pattern``, written so Python's engine searches it faster, matching the same: the
    top-level alternatives that begin with ``\\b`` (or with look-behinds, then ``\\b``), in
    runs, share that one ``\\b``.

    The engine tries each position with each alternative in turn, and cannot skip ahead
    for a case-blind pattern; ``\\bA|\\bB|...`` tests the word boundary once an alternative,
    ``\\b(?:A|B|...)`` once a position, and most positions are inside a word (the readers'
    patterns searched 2-4x faster; the order of the alternatives, and so every match, is
    kept, and no group is added that captures)."""
    verbose = flags & re.VERBOSE or re.match(r"\(\?[a-zA-Z]*x", pattern)
    if verbose or "(?#" in pattern or "\\b" not in pattern:
        return pattern  # comments could hide what the split below reads
    out: list[str] = []
    run: list[str] = []
    for part in _alternatives(pattern):
        # Look-behinds and a word boundary all hold at one position: the boundary, cheaper
        # and more often false, is tested first, and can be shared.
        part = _LOOKBEHINDS_THEN_BOUNDARY.sub(r"\\b\1", part, count=1)
        if part.startswith("\\b"):
            run.append(part)
            continue
        out += _sharing(run)
        out.append(part)
        run = []
    return "|".join(out + _sharing(run))


def _sharing(run: list[str]) -> list[str]:
    """Alternatives that each begin with ``\\b``, as one that begins with it."""
    return [r"\b(?:" + "|".join(part[2:] for part in run) + ")"] if len(run) > 1 else run


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (split at each ``|`` outside a group, a
    character class and an escape)."""
    parts: list[str] = []
    depth = start = i = 0
    in_class = False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1
            i += pattern.startswith("^", i)
            i += pattern.startswith("]", i)  # a "]" first in a class is a literal
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


_MADE: list[_Lazy] = []  # module-level patterns only: they live as long as the process


def pattern(text: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` deferred to the first search, match or substitution (module level)."""
    made = _Lazy(text, flags)
    _MADE.append(made)
    # Typed as the pattern it stands for: every use goes through the attributes forwarded.
    return cast("re.Pattern[str]", made)


def made_in(*packages: ModuleType) -> list[_Lazy]:
    """The module-level patterns, once every module of ``packages`` is imported (what the
    tests and scripts/needles-table hold to their promises)."""
    import importlib
    import pkgutil

    for package in packages:
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    return list(_MADE)


def compile_all() -> int:
    """Compile every pattern made so far (a test checks they all compile); how many."""
    for made in _MADE:
        made.compiled()
    return len(_MADE)
