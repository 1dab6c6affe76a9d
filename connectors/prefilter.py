"""Can this be program mail? Decided from a message's raw header bytes, before any parsing.

A connector that reads raw files (Maildir) asks ``HeaderFilter`` first and parses only what
passes. The filter may say yes to mail that is not program mail (the parser decides then);
it must never say no to mail the full matcher would keep. So it looks, ignoring case, for
what every matching header block must hold as a whole token (a run of letters and digits):

- every label of a program's (or platform's) domain but the last: an address under
  ``harbor.example.org`` holds ``harbor`` and ``example`` whatever comments or white space
  surround its dots (all of them, so that a generic label alone lets nothing through);
- every run of an interviewer's address;
- every run of a program's name or alias (folds and control bytes, which the parser
  turns into spaces, never split a run);
- extra byte patterns (the words that make mail worth a look for an unlisted program).

What the parser would read differently from the bytes passes unsearched: 8-bit bytes,
RFC 2047 encoded words (``=?``) and backslash escapes (quoted pairs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(rb"[a-z0-9]+")


@dataclass(frozen=True)
class HeaderTerms:
    """What makes a header block worth parsing; strings as in the config."""

    domains: tuple[str, ...] = ()  # programs' and platforms' domains
    addresses: tuple[str, ...] = ()  # interviewers' addresses
    names: tuple[str, ...] = ()  # programs' names and aliases
    # Further regular expressions over the raw header block (bytes, searched ignoring case).
    patterns: tuple[bytes, ...] = ()


def header_block(head: bytes) -> bytes:
    """The header block: up to the first empty line (at or after where the parser stops)."""
    end = head.find(b"\n\n")
    end = len(head) if end < 0 else end + 1
    crlf = head.find(b"\n\r\n", 0, end)
    return head[: crlf + 1 if crlf >= 0 else end]


def _runs(text: str) -> frozenset[bytes]:
    """The runs of letters and digits in a term: any ASCII header holding the term holds
    each as a whole token. Case-folded, so that a name's 'ſ' or Kelvin sign, which the
    matcher's case-blind search equates with 's' and 'k', is looked for as those letters."""
    return frozenset(_TOKEN.findall(text.casefold().encode("utf-8", "replace")))


def _labels(domain: str) -> str:
    """A domain without its top-level label, unless that one stands alone."""
    labels = [x for x in domain.lower().strip(".").split(".") if x]
    return ".".join(labels[:-1] or labels)


def _lowered(pattern: bytes) -> bytes:
    """A case-blind pattern made to search lower-cased text: its letters lower-cased,
    escapes (``\\S``, ``\\W``) kept."""
    return re.sub(rb"\\.|[A-Z]", lambda m: m[0] if len(m[0]) > 1 else m[0].lower(), pattern)


def _unsure(block: bytes) -> bool:
    """Bytes the parser would decode or unescape (8-bit, encoded words, quoted pairs)."""
    return not block.isascii() or b"=?" in block or b"\\" in block


class HeaderFilter:
    """``filter(head, folder)``: False only when no parse could make the message wanted."""

    def __init__(self, terms: HeaderTerms) -> None:
        groups = [_runs(_labels(d)) for d in terms.domains]
        groups += [_runs(a) for a in terms.addresses]
        groups += [_runs(n) for n in terms.names]
        # A term without a letter or digit ('!!!') cannot be looked for as a token.
        self._everything = any(not g for g in groups)
        # Each term's runs, found through its longest one (the rarest, as a rule).
        self._by_run: dict[bytes, list[frozenset[bytes]]] = {}
        for group in filter(None, groups):
            self._by_run.setdefault(max(sorted(group), key=len), []).append(group)
        # With few terms (a pass reading again for one added program), a substring look for
        # each term's longest run costs less than splitting the header into runs.
        self._few = tuple(self._by_run) if len(self._by_run) <= 16 else None
        words = b"|".join(b"(?:" + _lowered(p) + b")" for p in terms.patterns)
        self._words = re.compile(words) if words else None

    def __call__(self, head: bytes, folder: str = "inbox") -> bool:
        if self._everything:
            return True
        block = header_block(head)
        if _unsure(block):
            return True
        low = block.lower()
        if self._few is not None and not any(map(low.__contains__, self._few)):
            return self._words is not None and self._words.search(low) is not None
        tokens = frozenset(_TOKEN.findall(low))
        for token in tokens.intersection(self._by_run):  # in C: most headers hold no key
            for group in self._by_run[token]:
                if group <= tokens:
                    return True
        return self._words is not None and self._words.search(low) is not None
