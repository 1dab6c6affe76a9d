"""The pull's pre-filter on raw header bytes: a superset of what a sync pass wants a body
of (the config's program mail, and mail that may come from a program not in the config:
engine/newcomers.py ``candidate``, which never wants the applicant's own mail)."""

from __future__ import annotations

from dataclasses import replace

from agent.facts import program_names as N
from agent.facts.matching import Matcher
from connectors.prefilter import HeaderFilter


def pull_filter(matcher: Matcher) -> HeaderFilter:
    # Discovery (facts/discovery.py wants_body) looks for scheduling words in a subject and
    # institution words in a sender's name: the same patterns, over the bytes.
    words = tuple(p.pattern.encode() for p in (N.SCHEDULING, N.INSTITUTION))
    return HeaderFilter(replace(matcher.header_terms(), patterns=words))
