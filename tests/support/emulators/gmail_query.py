"""Gmail's search (the ``q`` of messages.list), as much of it as the connector uses, matched
the way Gmail matches.

Supported: ``in:`` and ``label:``, ``after:``/``before:`` in epoch seconds, ``rfc822msgid:``,
``from:``/``to:``/``cc:``/``subject:`` with a word, a dotted value or a quoted phrase;
``{a b}`` and ``a OR b`` for alternatives, ``( )`` for grouping, juxtaposition for AND.
Anything else is a 400, so a connector bug shows.

Matching, as Gmail does it: whole words, case ignored (case-folded), where a word is a run of
letters, digits and underscores; punctuation in a value (``program1.org``, ``"St. Mary's"``)
makes a phrase of its words, which must stand in a row in the field, so
``from:program1.org`` finds ``a@program1.org`` and ``a@im.program1.org``, never
``a@program10.org`` or ``a@notprogram1.org``. A value with ``@`` inside is an address and
matches only that whole address. No stemming, no partial words: ``subject:interview`` does
not find "Interviews". ``to:`` reads the To field only (Gmail's may also read Cc: a
connector that needs Cc says ``cc:``). Fields are read decoded (RFC 2047 encoded words).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from email.header import decode_header, make_header
from email.utils import getaddresses
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.support.emulators.gmail import StoredMessage

Test = Callable[["StoredMessage"], bool]

_LEXEME = re.compile(r'([{}()])|([A-Za-z0-9]+:"[^"]*")|("[^"]*")|([^\s{}()"]+)|(\S)')
_WORD = re.compile(r"\w+")
_LABELS = {"inbox": "INBOX", "sent": "SENT", "drafts": "DRAFT", "spam": "SPAM", "trash": "TRASH"}
_FIELDS = {"from": "from", "to": "to", "cc": "cc", "subject": "subject"}


class QueryError(ValueError):
    """A query the emulator does not understand (the emulator answers 400)."""


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _decoded(value: str) -> str:
    try:
        return str(make_header(decode_header(value)))
    except Exception:  # a broken encoded word: Gmail shows it as written
        return value


def _address(text: str) -> str:
    """An address as Gmail compares it: case ignored, a quoted local part unquoted
    (``"pn.atarajan"@x.org`` is ``pn.atarajan@x.org``)."""
    local, at, domain = text.strip().rpartition("@")
    if len(local) > 1 and local.startswith('"') and local.endswith('"'):
        local = re.sub(r"\\(.)", r"\1", local[1:-1])
    return (local + at + domain).casefold()


def _fields(message: StoredMessage) -> dict[str, Any]:
    """Each searchable field's words and addresses, computed once per message."""
    index: dict[str, Any] = message.search_index
    if not index:
        for name in _FIELDS.values():
            values = [_decoded(v) for n, v in message.headers if n.lower() == name]
            text = " ".join(values)
            tokens = words(text)
            index[name] = (tokens, set(tokens), {_address(a) for _, a in getaddresses(values)})
    return index


def _phrase_in(phrase: list[str], tokens: list[str], present: set[str]) -> bool:
    if not present.issuperset(phrase):
        return False
    n = len(phrase)
    return any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1))


def _field_test(field: str, value: str) -> Test:
    value = value.strip('"') if value.startswith('"') else value
    bare = value.strip("@")
    if "@" in bare and not value.startswith('"'):
        address = _address(bare)
        return lambda m: address in _fields(m)[field][2]
    phrase = words(value)
    if not phrase:
        raise QueryError(f"nothing to search for in {field}:{value}")
    return lambda m: _phrase_in(phrase, *_fields(m)[field][:2])


@lru_cache(maxsize=4096)  # the same terms recur in every query of a config
def _term(term: str) -> Test:
    name, _, value = term.partition(":")
    name = name.lower()
    if name in ("in", "label") and value.lower() in _LABELS:
        return lambda m: _LABELS[value.lower()] in m.labels
    if name == "label":
        return lambda m: value.upper() in m.labels
    if name in ("after", "before") and value.isdigit():
        ms = int(value) * 1000
        return (
            (lambda m: m.internal_ms >= ms) if name == "after" else (lambda m: m.internal_ms < ms)
        )
    if name == "rfc822msgid":
        return lambda m: m.message_id.strip("<>") == value.strip("<>")
    if name in _FIELDS and value:
        return _field_test(_FIELDS[name], value)
    raise QueryError(f"the emulator does not support the query term {term!r}")


class _Parser:
    def __init__(self, q: str) -> None:
        self.lexemes = ["".join(groups) for groups in _LEXEME.findall(q)]
        stray = [g[4] for g in _LEXEME.findall(q) if g[4]]
        if stray:
            raise QueryError(f"cannot read {stray[0]!r} in the query")
        self.at = 0

    def peek(self) -> str | None:
        return self.lexemes[self.at] if self.at < len(self.lexemes) else None

    def take(self) -> str:
        lexeme = self.peek()
        if lexeme is None:
            raise QueryError("the query ends too soon")
        self.at += 1
        return lexeme

    def all_of(self, end: str | None) -> Test:
        """Clauses up to ``end``, every one required."""
        clauses: list[Test] = []
        while self.peek() != end:
            clauses.append(self.clause())
        return lambda m: all(c(m) for c in clauses)

    def clause(self) -> Test:
        options = [self.unit()]
        while self.peek() == "OR":
            self.take()
            options.append(self.unit())
        return options[0] if len(options) == 1 else (lambda m: any(o(m) for o in options))

    def unit(self) -> Test:
        lexeme = self.take()
        if lexeme == "{":
            options: list[Test] = []
            while self.peek() != "}":
                options.append(self.clause())
            self.take()
            return lambda m: any(o(m) for o in options)
        if lexeme == "(":
            inner = self.all_of(")")
            self.take()
            return inner
        if lexeme in ("}", ")", "OR") or lexeme.startswith(('"', "-")):
            raise QueryError(f"the emulator does not support {lexeme!r} here")
        return _term(lexeme)


@lru_cache(maxsize=256)
def query(q: str) -> Test:
    """A test of stored messages for the search ``q``; QueryError for what it cannot read."""
    parser = _Parser(q)
    test = parser.all_of(None)
    return test
