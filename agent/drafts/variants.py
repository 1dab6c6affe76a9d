"""Alternative phrasings per template section, chosen so no two letters read alike.

Each section is a file under ``templates/phrases/`` (``thank_you/opening.j2``...), one
variant per paragraph of the file, separated by blank lines. The user's
``templates_dir`` replaces any of these files, one by one, like any template.

The choice is a pure function of the follow-up: a digest of the section and the program's
place, plus the follow-up's rank among its siblings (the letters of the same kind to the
same institution). Consecutive ranks take consecutive variants, so two interviewers of one
program never get the same opening, fit sentence or closing while there are at least as
many variants as letters, and a re-render is identical.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from agent.facts import lazy

if TYPE_CHECKING:  # jinja2 is imported when a draft is rendered (drafts/render.py)
    from jinja2 import Environment, Template
    from jinja2.runtime import Context

_COMMENT = lazy.pattern(r"\{#.*?#\}", re.S)


def digest(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:8], "big")


class Phrases:
    """Loads, caches and picks the variants of each section."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._cache: dict[tuple[str, str], list[Template]] = {}

    def variants(self, section: str) -> list[Template]:
        name = f"phrases/{section}.j2"
        assert self.env.loader is not None
        source, _, _ = self.env.loader.get_source(self.env, name)
        cached = self._cache.get((name, source))
        if cached is None:
            bare = _COMMENT.sub("", source)
            chunks = [c.strip() for c in re.split(r"\n[ \t]*\n", bare) if c.strip()]
            cached = [self.env.from_string(c) for c in chunks]
            self._cache[(name, source)] = cached
        return cached

    def pick(self, section: str, context: Mapping[str, Any]) -> str:
        """The variant for this follow-up; a variant that renders empty passes to the next."""
        variants = self.variants(section)
        if not variants:
            return ""
        # A section may have its own siblings: the detail is shared by equal notes, not by place.
        group, slot = context.get("_sections", {}).get(
            section.rpartition("/")[2], (context["_group"], context["_slot"])
        )
        start = (digest(section, group) + int(slot)) % len(variants)
        for step in range(len(variants)):
            text = variants[(start + step) % len(variants)].render(dict(context))
            text = " ".join(text.split())
            if text:
                return text
        return ""

    def install(self) -> None:
        from jinja2 import pass_context

        @pass_context
        def phrase(ctx: Context, section: str) -> str:
            return self.pick(section, ctx.get_all())

        self.env.globals["phrase"] = phrase


def rank(me: str, siblings: Sequence[str]) -> int:
    """Where ``me`` stands among the letters that could share wording with it."""
    ordered = sorted({*siblings, me})
    return ordered.index(me)
