"""What a provider's own search may narrow a first pass to (``PullRequest.search``): the
config's program mail (participants at the programs' and platforms' domains, the
interviewers, the programs' names and aliases in a subject) and the mail in which discovery
finds a program not in the config: an invitation or itinerary, named by discovery's
scheduling words in its subject (facts/program_names.py ``SCHEDULING``).

A search matches whole words, so the words are spelled out: each of the pattern's stems
open to any ending (``invit\\w*``) in the endings English gives such words (invite,
invited, invitation, ...). A spelling the endings miss is not listed on a first pass; every
later pass reads all new mail.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from agent.facts import program_names as N
from agent.facts.matching import Matcher
from connectors.base import SearchTerms

log = logging.getLogger(__name__)

# Endings that make words of a stem: interview-s, invit-ation, itinerar-ies, rank-ings.
# A form that is no word ("invit", "rankation") costs a few characters of the query.
ENDINGS: tuple[str, ...] = ("", "e", "s", "es", "ed", "ing", "ings", "er", "ers", "ee")
ENDINGS += ("ees", "ation", "ations", "y", "ies")
_ALTERNATIVES = re.compile(r"\\b\(\?:(?P<inner>.*)\)\\b")
_PART = re.compile(r"[a-z]+(?:\\s\+[a-z]+)*(?P<open>\\w\*)?")


@lru_cache(maxsize=8)
def subject_words(pattern_text: str) -> tuple[str, ...]:
    """The whole words (and phrases) a subject holds when ``\\b(?:a\\w*|b|c\\s+d)\\b`` finds
    it: every alternative, a stem with each of ``ENDINGS``. ValueError for a pattern of
    another shape."""
    whole = _ALTERNATIVES.fullmatch(pattern_text)
    if whole is None:
        raise ValueError(f"not a list of alternatives: {pattern_text!r}")
    words: list[str] = []
    for part in whole["inner"].split("|"):
        match = _PART.fullmatch(part)
        if match is None:
            raise ValueError(f"not a word, a phrase or a stem: {part!r}")
        text = part.removesuffix(r"\w*").replace(r"\s+", " ")
        words += [text + ending for ending in ENDINGS] if match["open"] else [text]
    return tuple(dict.fromkeys(words))


def search_terms(matcher: Matcher) -> SearchTerms | None:
    """The config's terms and discovery's subject words; None (list everything) when the
    words cannot be read from the pattern."""
    terms = matcher.header_terms()
    try:
        words = subject_words(N.SCHEDULING.pattern)
    except ValueError as exc:
        log.warning("first passes list every message: %s", exc)
        return None
    return SearchTerms(terms.domains, terms.addresses, terms.names, words)
