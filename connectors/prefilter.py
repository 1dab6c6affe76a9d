"""Can this be program mail? Decided from a message's raw header bytes, before any parsing.

A connector that reads raw files (Maildir) asks ``HeaderFilter`` first and parses only what
passes. The filter may say yes to mail that is not program mail (the parser decides then);
it must never say no to mail the full matcher would keep. So it searches, case-insensitively,
for what every matching header must contain as bytes:

- a label of each program's (or platform's) domain: an address under ``harbor.org`` holds
  ``harbor`` whatever comments or white space the address carries around its dots;
- the longest atom of each interviewer's address;
- each program name and alias, any run of white space or control bytes between its words
  (folded subjects, control bytes the parser turns into spaces);
- extra byte patterns (the words that make mail worth a look for an unlisted program).

What the parser would read differently from the bytes passes unsearched: 8-bit bytes,
RFC 2047 encoded words (``=?``) and backslash escapes (quoted pairs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# The parser would decode or unescape these, so bytes alone cannot rule the message out.
_UNSURE = re.compile(rb"[\x80-\xff\\]|=\?")
# Between two words of a name: white space, a fold, or control bytes made spaces.
_GAP = rb"[\x00-\x20\x7f]+"


@dataclass(frozen=True)
class HeaderTerms:
    """What makes a header block worth parsing; strings as in the config."""

    domains: tuple[str, ...] = ()  # programs' and platforms' domains
    addresses: tuple[str, ...] = ()  # interviewers' addresses
    names: tuple[str, ...] = ()  # programs' names and aliases (searched as words in order)
    # Further regular expressions over the raw header block (bytes, searched ignoring case).
    patterns: tuple[bytes, ...] = ()
    # The applicant's addresses: their own mail (a From: naming one) always passes.
    own: tuple[str, ...] = ()


def header_block(head: bytes) -> bytes:
    """The header block: up to the first empty line (at or after where the parser stops)."""
    ends = [i for i in (head.find(b"\n\n"), head.find(b"\n\r\n")) if i >= 0]
    return head[: min(ends) + 1] if ends else head


def _label(domain: str) -> str:
    """The longest label of a domain, the top-level one only when it stands alone."""
    labels = [x for x in domain.lower().strip(".").split(".") if x]
    if not labels:
        return ""
    return max(labels[:-1] or labels, key=len)


def _atom(address: str) -> str:
    """The longest dot-free piece of an address's local part (survives quoting and CFWS)."""
    local = address.lower().rpartition("@")[0] or address.lower()
    return max(re.split(r"[.\s\"]+", local), key=len)


def _name(name: str) -> bytes:
    words = name.lower().split()
    return _GAP.join(re.escape(w.encode("utf-8")) for w in words)


def _alternation(parts: Iterable[bytes]) -> bytes:
    unique = sorted({p for p in parts if p}, key=len, reverse=True)
    return b"|".join(unique)


class HeaderFilter:
    """``filter(head, folder)``: False only when no parse could make the message wanted."""

    def __init__(self, terms: HeaderTerms, *, all_sent: bool = True) -> None:
        self.all_sent = all_sent  # the applicant's own sent mail is always read
        literal = [re.escape(_label(d).encode()) for d in terms.domains]
        literal += [re.escape(_atom(a).encode()) for a in terms.addresses]
        literal += [_name(n) for n in terms.names]
        parts = [p for p in literal if p] + list(terms.patterns)
        self._terms = re.compile(_alternation(parts), re.IGNORECASE) if parts else None
        own = _alternation(re.escape(_atom(a).encode()) for a in terms.own)
        # A From field (with its folded lines) naming the applicant.
        self._own = (
            re.compile(rb"(?:^|[\r\n])from[ \t]*:(?:[^\r\n]|[\r\n]+[ \t])*?(?:" + own + rb")", re.I)
            if own
            else None
        )

    def __call__(self, head: bytes, folder: str = "inbox") -> bool:
        if folder == "sent" and self.all_sent:
            return True
        block = header_block(head)
        if _UNSURE.search(block):
            return True
        if self._terms is not None and self._terms.search(block):
            return True
        return bool(self._own is not None and self._own.search(block))
