"""Patterns compiled on first use, not at import.

The readers hold hundreds of module-level patterns; compiling them all at import was most of
the start-up of `agent sync`, though a pass with nothing new runs few of them.
"""

from __future__ import annotations

import re
from typing import Any, cast

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
        # Only called for what the instance does not hold yet: the first use compiles.
        if name.startswith("__") or name == "_compiled":
            raise AttributeError(name)
        compiled = self.compiled()
        return getattr(compiled, name)

    def compiled(self) -> re.Pattern[str]:
        known = self.__dict__.get("_compiled")
        if known is not None:
            return cast("re.Pattern[str]", known)
        compiled = re.compile(self.pattern, self._flags)
        for name in _FORWARDED:
            self.__dict__[name] = getattr(compiled, name)
        self.__dict__["_compiled"] = compiled
        return compiled

    def __repr__(self) -> str:
        return f"lazy.pattern({self.pattern!r}, {self._flags!r})"


_MADE: list[_Lazy] = []  # module-level patterns only: they live as long as the process


def pattern(text: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` deferred to the first search, match or substitution (module level)."""
    made = _Lazy(text, flags)
    _MADE.append(made)
    # Typed as the pattern it stands for: every use goes through the attributes forwarded.
    return cast("re.Pattern[str]", made)


def compile_all() -> int:
    """Compile every pattern made so far (a test checks they all compile); how many."""
    for made in _MADE:
        made.compiled()
    return len(_MADE)
