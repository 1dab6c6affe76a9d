"""Gmail search queries for a first pass that lists only the mail that can matter.

A first pass (no cursor, or an expired one) lists the inbox and the sent folder since the
season's start. With ``PullRequest.search`` it asks Gmail only for mail that has

- a sender, recipient or copy at a program's or platform's domain (``from:harbor.org``
  matches ``im.harbor.org`` too: Gmail reads the dots as a phrase of whole words) or at an
  interviewer's address (dropped when a domain term already covers it),
- a program's name or alias in its subject, as a phrase of whole words,
- one of the search terms' subject words (discovery's scheduling words, for programs not in
  the config),

so a first sync of a big mailbox reads tens of messages where it read thousands.

Gmail matches whole words, ignoring case and punctuation. Every term is written as the
words Gmail reads (runs of letters, digits and underscores), so a subject in which the
matcher finds a name (as whole words) holds the name's words in a row, and Gmail finds them:
the search lists every message the matcher keeps for the config's programs, as long as
Gmail reads a message's headers as the connector does (a malformed header may be read
otherwise). What it does not list on a first pass: mail no header ties to a program (a
friend's message naming the program only in its body: the matcher does not keep it either),
and, for programs not in the config, a scheduling word in a form the terms do not spell
("Interviewday") or mail whose only mark is an institution's name as its sender (discovery
reads such mail only for a program an invitation already showed). Incremental passes read
every new message from the mailbox's history (one ``history.list`` request): nothing new is
narrowed. A term with no letter or digit cannot be searched for: the pass then lists
everything, as it does without terms.

Queries longer than ``QUERY_LIMIT`` characters are split (Gmail's search takes queries of a
limited length); the pass lists each and reads the union of the ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from connectors.base import SearchTerms

QUERY_LIMIT = 1500  # characters a query, under Gmail's practical limit
WATCHED = "{in:inbox in:sent}"
_WORD = re.compile(r"\w+")
_HOST = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_ADDRESS = re.compile(r"[a-z0-9]+(?:[._+-][a-z0-9]+)*@" + _HOST.pattern)


def base_query(since: datetime | None) -> str:
    """Every message of the inbox and the sent folder since ``since``."""
    return WATCHED + (f" after:{int(since.timestamp())}" if since is not None else "")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _value(text: str, plain: re.Pattern[str] | None = None) -> str | None:
    """``text`` as an operator's value: as written when it is ``plain`` (a host name, an
    address), else the quoted phrase of its words; None when it has no word to search for."""
    words = _words(text)
    if not words:
        return None
    low = text.strip().strip(".").lower()
    if plain is not None and plain.fullmatch(low):
        return low
    return f'"{" ".join(words)}"' if len(words) > 1 else words[0]


def _covered(address: str, domains: list[str]) -> bool:
    host = address.rpartition("@")[2].lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def _terms(search: SearchTerms) -> list[str] | None:
    """Every alternative of the query, or None when one cannot be searched for."""
    out: list[str] = []
    domains = [d.strip().strip(".").lower() for d in search.domains]
    people = [a for a in search.addresses if not _covered(a, domains)]
    for text, plain in [*((d, _HOST) for d in domains), *((a, _ADDRESS) for a in people)]:
        value = _value(text, plain)
        if value is None:
            return None
        out += [f"from:{value}", f"to:{value}", f"cc:{value}"]
    for text in (*search.names, *search.words):
        value = _value(text)
        if value is None:
            return None
        out.append(f"subject:{value}")
    return list(dict.fromkeys(out))


def _packed(terms: list[str], base: str, limit: int) -> Iterator[str]:
    """``base`` and an OR group of terms, as few queries as fit ``limit`` (a term longer
    than that goes alone)."""
    group: list[str] = []
    size = len(base) + len(" {}") - 1  # each term adds itself and a space
    for term in terms:
        if group and size + len(term) + 1 > limit:
            yield f"{base} {{{' '.join(group)}}}"
            group, size = [], len(base) + len(" {}") - 1
        group.append(term)
        size += len(term) + 1
    if group:
        yield f"{base} {{{' '.join(group)}}}"


def narrowed_queries(
    search: SearchTerms | None, since: datetime | None, limit: int = QUERY_LIMIT
) -> list[str]:
    """The queries whose union is every message ``search`` can matter for; [] when there is
    nothing to narrow by (then list everything)."""
    if search is None:
        return []
    terms = _terms(search)
    if not terms:
        return []
    return list(_packed(terms, base_query(since), limit))


def listing_queries(search: SearchTerms | None, since: datetime | None) -> list[str]:
    """What a first pass lists: the narrowed queries, or the one query for everything."""
    return narrowed_queries(search, since) or [base_query(since)]
